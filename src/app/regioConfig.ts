import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ConfigFout } from '../config.js';
import type { OverdrachtMoment } from '../domain/index.js';
import { vasteRegioGids, type MonitoringDoor, type Persoon, type RegioGids, type RegioInfo } from './regio.js';

/**
 * The region files (config/regions/*.json), validated once at start-up. A wrong file stops
 * meldroute with a message that names the file and the field, so a region never runs half
 * configured: a melding that cannot reach its Veilig Thuis, or a deadline counted on another
 * region's calendar, is worse than not starting.
 */

/**
 * An Entra object id or group id: a GUID. The demo ids of the Playground (.m365agentsplayground.yml)
 * carry one digit more in the last group, so 12 or 13 are accepted there.
 */
const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

const Naam = z.string().trim().min(1, { error: 'mag niet leeg zijn' }).max(200, { error: 'is langer dan 200 tekens' });
const Sleutel = z
  .string()
  .max(100, { error: 'is langer dan 100 tekens' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'gebruik kleine letters, cijfers en streepjes, bijvoorbeeld "wijkteam-noord"' });
const Telefoon = z.string().trim().regex(/^\+?[0-9 ()-]{4,20}$/, { error: 'is geen telefoonnummer, bijvoorbeeld "0800-2000"' });
const Datum = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'is geen datum (jjjj-mm-dd)' })
  .refine((d) => DateTime.fromISO(d).isValid, { error: 'bestaat niet in de kalender' });

const PersoonBestand = z.strictObject({
  id: z.string().regex(ENTRA_ID, { error: 'is geen Entra object id of groeps-id (een GUID)' }),
  naam: Naam,
  /** An Entra group: everyone in it has the role. */
  groep: z.boolean().default(false),
});
const Personen = (wie: string) => z.array(PersoonBestand).min(1, { error: `noem minstens één ${wie}` });

const Door = z.enum(['veilig-thuis', 'lokaal-team'], { error: 'kies "veilig-thuis" of "lokaal-team"' });

const LokaalTeamBestand = z.strictObject({ key: Sleutel, naam: Naam, coordinatoren: Personen('coördinator') });

const GemeenteBestand = z.strictObject({
  naam: Naam,
  lokaleTeams: z.array(LokaalTeamBestand).min(1, { error: 'noem minstens één lokaal team' }),
  escalatie: z.strictObject({
    a: z.strictObject({ vtTeamleider: PersoonBestand, wijkteamCoordinator: PersoonBestand }),
    b: z.strictObject({ beleidsmedewerker: PersoonBestand }),
    c: z.strictObject({ directeurVeiligThuis: PersoonBestand, wethouder: PersoonBestand }),
  }),
});

export const RegioBestand = z.strictObject({
  id: Sleutel,
  naam: Naam,
  /** Where the region's facts come from (a seed document, an agreement). */
  bron: z.string().optional(),
  veiligThuis: z.strictObject({
    naam: Naam,
    telefoon: Telefoon,
    intakeKanaal: Sleutel,
    teamleiders: Personen('teamleider'),
    directeur: PersoonBestand,
    crisisdienst: z.strictObject({ naam: Naam, telefoon: Telefoon.optional() }).optional(),
  }),
  kantoortijden: z
    .strictObject({ beginUur: z.int().min(4, { error: 'begint niet voor 4 uur' }).max(23), eindUur: z.int().min(5).max(24, { error: 'eindigt uiterlijk om 24 uur' }) })
    .refine((k) => k.beginUur < k.eindUur, { path: ['eindUur'], error: 'ligt niet na beginUur' })
    .default({ beginUur: 9, eindUur: 17 }),
  sluitingsdagen: z.array(Datum).default([]),
  /** Werkdagen within which an escalation route's outcome is recorded; absent: STANDAARD_ESCALATIE_UITKOMST_WERKDAGEN. */
  escalatieUitkomstWerkdagen: z.int().min(1, { error: 'is minstens 1 werkdag' }).max(60, { error: 'is hoogstens 60 werkdagen' }).optional(),
  monitoring: z.strictObject({
    'na-veiligheidsbeoordeling': Door,
    'na-onderzoek': Door,
    'na-voorwaarden-en-vervolg': Door,
  } satisfies Record<OverdrachtMoment, typeof Door>),
  beleid: Personen('ontvanger van de beleidscijfers'),
  beheerders: Personen('beheerder'),
  gemeenten: z.array(GemeenteBestand).min(1, { error: 'noem minstens één gemeente' }),
});
export type RegioBestand = z.infer<typeof RegioBestand>;

export class RegioConfigFout extends ConfigFout {
  constructor(readonly problemen: readonly string[]) {
    super(`Ongeldige regioconfiguratie; meldroute start niet:\n${problemen.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** One region file as read from disk: its path (as shown in messages) and its text. */
export interface RegioBron {
  readonly bestand: string;
  readonly tekst: string;
}

export interface RegioOpties {
  /** STANDAARD_REGIO: the region of a professional; it must have a file. */
  readonly standaard?: string;
}

const NL = z.locales.nl();

/** Reads every config/regions/*.json; throws RegioConfigFout naming each wrong file and field. */
export function laadRegios(map: string, opties: RegioOpties = {}): RegioGids {
  let namen: string[];
  try {
    namen = readdirSync(map).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new RegioConfigFout([`${map}: map met regiobestanden niet gevonden (REGIO_MAP)`]);
  }
  return regioGidsUit(
    namen.map((n) => ({ bestand: join(map, n), tekst: readFileSync(join(map, n), 'utf8') })),
    { ...opties, map },
  );
}

/** The gids of these region files, after every rule per file and across files. */
export function regioGidsUit(bronnen: readonly RegioBron[], opties: RegioOpties & { readonly map?: string } = {}): RegioGids {
  const problemen: string[] = [];
  const geldig: { bestand: string; regio: RegioBestand }[] = [];
  for (const { bestand, tekst } of bronnen) {
    let ruw: unknown;
    try {
      ruw = JSON.parse(tekst);
    } catch (e) {
      problemen.push(`${bestand}: geen geldige JSON (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    const r = RegioBestand.safeParse(ruw, { error: NL.localeError });
    if (!r.success) {
      problemen.push(...r.error.issues.map((i) => `${bestand}: ${i.path.length > 0 ? i.path.join('.') : '(bestand)'}: ${i.message}`));
      continue;
    }
    geldig.push({ bestand, regio: r.data });
  }
  problemen.push(...regelsOverBestanden(geldig, bronnen.length, opties));
  if (problemen.length > 0) throw new RegioConfigFout(problemen);
  return vasteRegioGids(geldig.map(({ regio }) => naarRegioInfo(regio)));
}

/**
 * What no single file can see: ids and keys that must be unique across all regions (a lokaal
 * team key names one team, so an overdracht and a channel binding cannot go to the wrong one),
 * one name per person, and the standard region.
 */
function regelsOverBestanden(geldig: readonly { bestand: string; regio: RegioBestand }[], aantal: number, opties: RegioOpties & { readonly map?: string }): string[] {
  const problemen: string[] = [];
  const uniek = (soort: string) => {
    const gezien = new Map<string, string>();
    return (waarde: string, waar: string) => {
      const eerder = gezien.get(waarde);
      if (eerder !== undefined) problemen.push(`${waar}: ${soort} "${waarde}" staat ook in ${eerder}`);
      else gezien.set(waarde, waar);
    };
  };
  const regioId = uniek('regio-id');
  const teamKey = uniek('lokaal-teamsleutel');
  const kanaal = uniek('intakekanaal');
  const namen = new Map<string, { naam: string; waar: string }>();
  const persoon = (p: z.infer<typeof PersoonBestand>, waar: string) => {
    const eerder = namen.get(p.id);
    if (eerder === undefined) namen.set(p.id, { naam: p.naam, waar });
    else if (eerder.naam !== p.naam) problemen.push(`${waar}: ${p.id} heet hier "${p.naam}" maar "${eerder.naam}" in ${eerder.waar}`);
  };
  for (const { bestand, regio } of geldig) {
    regioId(regio.id, `${bestand}: id`);
    kanaal(regio.veiligThuis.intakeKanaal, `${bestand}: veiligThuis.intakeKanaal`);
    const gemeente = uniek('gemeente');
    regio.veiligThuis.teamleiders.forEach((p, i) => persoon(p, `${bestand}: veiligThuis.teamleiders.${i}`));
    persoon(regio.veiligThuis.directeur, `${bestand}: veiligThuis.directeur`);
    regio.beleid.forEach((p, i) => persoon(p, `${bestand}: beleid.${i}`));
    regio.beheerders.forEach((p, i) => persoon(p, `${bestand}: beheerders.${i}`));
    regio.gemeenten.forEach((g, gi) => {
      gemeente(g.naam.toLocaleLowerCase('nl'), `${bestand}: gemeenten.${gi}.naam`);
      g.lokaleTeams.forEach((t, ti) => {
        teamKey(t.key, `${bestand}: gemeenten.${gi}.lokaleTeams.${ti}.key`);
        t.coordinatoren.forEach((p, pi) => persoon(p, `${bestand}: gemeenten.${gi}.lokaleTeams.${ti}.coordinatoren.${pi}`));
      });
      for (const [route, rollen] of Object.entries(g.escalatie)) {
        for (const [rol, p] of Object.entries(rollen)) persoon(p, `${bestand}: gemeenten.${gi}.escalatie.${route}.${rol}`);
      }
    });
  }
  const map = opties.map ?? 'de regiobestanden';
  if (aantal === 0) problemen.push(`${map}: geen regiobestanden (*.json) gevonden`);
  else if (opties.standaard !== undefined && geldig.length === aantal && !geldig.some(({ regio }) => regio.id === opties.standaard)) {
    problemen.push(`${map}: STANDAARD_REGIO "${opties.standaard}" heeft geen regiobestand (gevonden: ${geldig.map(({ regio }) => regio.id).join(', ')})`);
  }
  return problemen;
}

function naarRegioInfo(r: RegioBestand): RegioInfo {
  const ids = (lijst: readonly { id: string }[]) => lijst.map((p) => p.id);
  const personen = new Map<string, Persoon>();
  const noteer = (p: z.infer<typeof PersoonBestand>) => personen.set(p.id, { id: p.id, naam: p.naam, groep: p.groep });
  [...r.veiligThuis.teamleiders, r.veiligThuis.directeur, ...r.beleid, ...r.beheerders].forEach(noteer);
  for (const g of r.gemeenten) {
    g.lokaleTeams.forEach((t) => t.coordinatoren.forEach(noteer));
    Object.values(g.escalatie).forEach((rollen) => Object.values(rollen).forEach(noteer));
  }
  const monitoring: Record<OverdrachtMoment, MonitoringDoor> = r.monitoring;
  const crisisdienst = r.veiligThuis.crisisdienst;
  return {
    id: r.id,
    naam: r.naam,
    veiligThuis: {
      naam: r.veiligThuis.naam,
      telefoon: r.veiligThuis.telefoon,
      teamleiders: ids(r.veiligThuis.teamleiders),
      intakeKanaal: r.veiligThuis.intakeKanaal,
      directeur: r.veiligThuis.directeur.id,
      ...(crisisdienst ? { crisisdienst: { naam: crisisdienst.naam, ...(crisisdienst.telefoon ? { telefoon: crisisdienst.telefoon } : {}) } } : {}),
    },
    gemeenten: r.gemeenten.map((g) => ({
      naam: g.naam,
      lokaleTeams: g.lokaleTeams.map((t) => ({ key: t.key, naam: t.naam, coordinatoren: ids(t.coordinatoren) })),
      escalatie: {
        a: { vtTeamleider: g.escalatie.a.vtTeamleider.id, wijkteamCoordinator: g.escalatie.a.wijkteamCoordinator.id },
        b: { beleidsmedewerker: g.escalatie.b.beleidsmedewerker.id },
        c: { directeurVeiligThuis: g.escalatie.c.directeurVeiligThuis.id, wethouder: g.escalatie.c.wethouder.id },
      },
    })),
    beheerders: ids(r.beheerders),
    beleid: ids(r.beleid),
    kantoortijden: r.kantoortijden,
    sluitingsdagen: r.sluitingsdagen,
    ...(r.escalatieUitkomstWerkdagen === undefined ? {} : { escalatieUitkomstWerkdagen: r.escalatieUitkomstWerkdagen }),
    monitoring,
    personen: [...personen.values()],
  };
}
