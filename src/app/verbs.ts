import type { DateTime } from 'luxon';
import { z } from 'zod';
import type { Dossier, MeldcodeCommando } from '../domain/index.js';
import { MELDCODE_VERBS } from './flows/meldcode.js';
import { LOKAAL_TEAM_VERBS } from './flows/lokaalTeam.js';
import { VEILIG_THUIS_VERBS } from './flows/veiligThuis.js';
import { VT_REGISTRATIE_VERBS } from './flows/vtRegistratie.js';
import { TERMIJN_VERBS } from './flows/termijnen.js';
import { KANAAL_VERBS } from './flows/kanaal.js';
import type { AlgemeenVerb, DossierContext, DossierVerb, KanaalContext, KanaalVerb, VerbContext } from './flows/verb.js';
import { alsWaarden, leesInvoer, type Fouten } from './kaartInvoer.js';
import type { Aanvraag, MeldcodeService } from './meldcodeService.js';
import { gemeenteNamen, type RegioGids } from './regio.js';
import { weergaveVoor, type DossierWeergave } from './toegang.js';
import { openNaMelding, schermVoor, stapScherm, welkomVoor, type DossierScherm, type RegioWeergave, type Scherm, type Weergave } from './weergave.js';

/** Every verb of every flow. A flow with verbs of its own (Veilig Thuis, lokaal team, beheer) adds its list here. */
const DEFINITIES = [...MELDCODE_VERBS, ...VEILIG_THUIS_VERBS, ...VT_REGISTRATIE_VERBS, ...LOKAAL_TEAM_VERBS, ...TERMIJN_VERBS, ...KANAAL_VERBS] as const;

/** Every verb a card or a typed command can send: one typed union, derived from the handlers. */
export type Verb = (typeof DEFINITIES)[number]['verb'];
export const VERBS: readonly Verb[] = DEFINITIES.map((d) => d.verb);
export const Verb = z.enum(VERBS as [Verb, ...Verb[]]);

type Definitie = AlgemeenVerb<Verb> | DossierVerb<Verb> | KanaalVerb<Verb>;

const PER_VERB: ReadonlyMap<string, Definitie> = new Map(DEFINITIES.map((d): [string, Definitie] => [d.verb, d]));

/** The handler of a verb; a Map, so a verb such as "constructor" finds nothing on Object.prototype. */
export function definitieVan(verb: Verb): Definitie {
  const d = PER_VERB.get(verb);
  if (d === undefined) throw new Error(`Geen handler voor verb ${verb}`);
  return d;
}

export interface VerbOmgeving {
  readonly service: MeldcodeService;
  readonly klok: () => DateTime;
  readonly regios: RegioGids;
}

/**
 * Handles one card action or typed command: validate the verb's input, run its handler, and
 * answer with what the person sees next. The same code serves Action.Execute, Action.Submit and
 * the dialogs.
 */
export async function verwerkVerb(o: VerbOmgeving, a: Aanvraag, verb: Verb, data: Record<string, unknown>): Promise<Weergave> {
  const definitie = definitieVan(verb);
  // A coordinator opens a case of their team in the personal chat: the team's view, never the professional's.
  if (a.gesprek.soort === 'persoonlijk' && a.gebruiker.rol === 'coordinator' && (verb === 'open' || verb === 'vernieuw')) {
    return (await partijDossier(o, a, verb, data)) ?? { soort: 'fout', melding: 'U heeft geen toegang tot deze casus.' };
  }
  if (definitie.soort === 'kanaal') return ketenstap(o, a, definitie, data);
  if (a.gesprek.soort === 'persoonlijk' || (definitie.soort === 'algemeen' && definitie.overal === true)) return voerUit(o, a, definitie, data);
  return buitenPersoonlijkeChat(o, a, definitie, data);
}

/**
 * Outside a personal chat a case is never shown, listed or counted (issue 7 §1). The request
 * still goes to the use case, which refuses it and audits the refusal (with the dossier id a
 * card names); whatever it answers, the person sees the same one line.
 */
async function buitenPersoonlijkeChat(o: VerbOmgeving, a: Aanvraag, definitie: Definitie, data: Record<string, unknown>): Promise<Weergave> {
  const inKanaal = a.gesprek.soort === 'kanaal' && (definitie.verb === 'open' || definitie.verb === 'vernieuw') ? await partijDossier(o, a, definitie.verb, data) : undefined;
  if (inKanaal !== undefined) return inKanaal;
  await voerUit(o, a, definitie, data);
  return { soort: 'alleen-persoonlijk' };
}

/**
 * A channel bound to a party shows that party's view of a dossier to members of the bound team
 * (weergaveVoor decides, on the server). A refresh claims the view its card was rendered for; the
 * claim is checked against the recomputed view, never trusted. Undefined: not this party's case.
 */
async function partijDossier(o: VerbOmgeving, a: Aanvraag, verb: string, data: Record<string, unknown>): Promise<Weergave | undefined> {
  const dossierId = typeof data['dossierId'] === 'string' ? data['dossierId'] : undefined;
  if (dossierId === undefined) return undefined;
  const claim = verb === 'vernieuw' && typeof data['weergave'] === 'string' ? data['weergave'] : undefined;
  // The coordinator's copy in the personal chat is the team's card, so it claims 'lokaal-team';
  // there that claim can only be the coordinator's view, which is recomputed like any other.
  const geclaimd = claim === 'lokaal-team' && a.gesprek.soort === 'persoonlijk' ? 'coordinator' : claim;
  const r = await o.service.open(a, dossierId, geclaimd);
  // Refused: in a channel the one line about the personal chat, in a personal chat a plain refusal.
  const geweigerd: Weergave | undefined = a.gesprek.soort === 'kanaal' ? { soort: 'alleen-persoonlijk' } : undefined;
  if (!r.ok) return geweigerd;
  const weergave = weergaveVoor(a.gesprek, a.gebruiker, r.waarde);
  if (weergave !== 'veilig-thuis' && weergave !== 'lokaal-team' && weergave !== 'coordinator') return geweigerd;
  // The coordinator sees what the team sees.
  return { soort: 'kanaal-dossier', weergave: weergave === 'coordinator' ? 'lokaal-team' : weergave, dossier: r.waarde, nu: o.klok(), ...regioWeergave(o, r.waarde.regioId) };
}

async function voerUit(o: VerbOmgeving, a: Aanvraag, definitie: Definitie, data: Record<string, unknown>): Promise<Weergave> {
  switch (definitie.soort) {
    case 'algemeen':
      return algemeen(o, a, definitie, data);
    case 'dossier':
      return opDossier(o, a, definitie, data);
    case 'kanaal':
      return ketenstap(o, a, definitie, data);
  }
}

/**
 * A chain step in a bound channel. The dossier is read as the view the verb belongs to; anyone
 * else (another channel, another team, a personal chat) gets the one line and an audited refusal.
 */
async function ketenstap(o: VerbOmgeving, a: Aanvraag, definitie: KanaalVerb<Verb>, data: Record<string, unknown>): Promise<Weergave> {
  const dossierId = typeof data['dossierId'] === 'string' ? data['dossierId'] : undefined;
  if (dossierId === undefined) return { soort: 'alleen-persoonlijk' };
  // Also from a personal chat the read is attempted, so the refusal is audited with the dossier id.
  const r = await o.service.open(a, dossierId, definitie.weergave);
  if (!r.ok) return { soort: 'alleen-persoonlijk' };
  const dossier = r.waarde;
  const regio = o.regios.regio(dossier.regioId);
  const gemeente = dossier.meldcode.melding?.gemeente;
  const teams = (regio?.gemeenten ?? []).filter((g) => gemeente === undefined || g.naam === gemeente).flatMap((g) => g.lokaleTeams);
  const lokaleTeams = teams.map((t) => ({ key: t.key, naam: t.naam }));
  const kaart: KanaalContext['kaart'] = (d, extra = {}) => ({
    soort: 'kanaal-dossier',
    weergave: definitie.weergave,
    dossier: d,
    nu: o.klok(),
    lokaleTeams,
    ...(regio?.monitoring ? { monitoringRegel: regio.monitoring } : {}),
    ...regioWeergave(o, d.regioId),
    ...extra,
  });
  const opnieuw: KanaalContext['opnieuw'] = async (extra) => {
    const na = await o.service.open(a, dossierId, definitie.weergave);
    return na.ok ? kaart(na.waarde, extra) : { soort: 'alleen-persoonlijk' };
  };
  const ctx: KanaalContext = { aanvraag: a, service: o.service, data, dossier, versie: kaartRevisie(data), lokaleTeams, kaart, opnieuw };
  const invoer = leesInvoer(definitie.invoer, data);
  if (definitie.handle === undefined) return kaart(dossier, definitie.formulier ? { formulier: definitie.formulier } : {});
  if (!invoer.ok) {
    return kaart(dossier, { ...(definitie.formulier ? { formulier: definitie.formulier } : {}), waarden: alsWaarden(data), fouten: invoer.fouten, melding: 'Controleer de gemarkeerde velden; wat u invulde staat er nog.' });
  }
  return definitie.handle(ctx, invoer.waarde);
}

async function algemeen(o: VerbOmgeving, a: Aanvraag, definitie: AlgemeenVerb<Verb>, data: Record<string, unknown>): Promise<Weergave> {
  const ctx = basisContext(o, a, data);
  const invoer = leesInvoer(definitie.invoer, data);
  if (!invoer.ok) return definitie.ongeldig ? definitie.ongeldig(ctx, invoer.fouten) : welkomVoor(a);
  return definitie.handle(ctx, invoer.waarde);
}

async function opDossier(o: VerbOmgeving, a: Aanvraag, definitie: DossierVerb<Verb>, data: Record<string, unknown>): Promise<Weergave> {
  const dossierId = typeof data['dossierId'] === 'string' ? data['dossierId'] : undefined;
  if (dossierId === undefined) return { soort: 'welkom', melding: 'Kies eerst een casus via "Mijn casussen", of start een nieuwe meldcode.' };
  const ctx = dossierContext(o, a, definitie, dossierId, data);
  if (definitie.handle === undefined) return ctx.opnieuw(definitie.scherm);
  const invoer = leesInvoer(definitie.invoer, data);
  if (!invoer.ok) return ctx.opnieuw(definitie.scherm, data, invoer.fouten);
  return definitie.handle(ctx, invoer.waarde);
}

function basisContext(o: VerbOmgeving, a: Aanvraag, data: Record<string, unknown>): VerbContext {
  return {
    aanvraag: a,
    service: o.service,
    data,
    nu: o.klok,
    regios: o.regios,
    dossierWeergave: (dossier: Dossier, scherm?: Scherm) => dossierScherm(o, dossier, scherm),
    regio: (regioId) => regioWeergave(o, regioId),
  };
}

/** The professional's card of a dossier on a screen; by default the one its state belongs to. */
export function dossierScherm(o: VerbOmgeving, dossier: Dossier, scherm: Scherm = schermVoor(dossier)): DossierScherm {
  return { soort: 'dossier', dossier, scherm, nu: o.klok(), ...regioWeergave(o, dossier.regioId), gemeenten: gemeenteNamen(o.regios.regio(dossier.regioId)) };
}

function regioWeergave(o: VerbOmgeving, regioId: string): RegioWeergave {
  return { veiligThuis: o.regios.veiligThuis(regioId), kalender: o.regios.kalender(regioId) };
}

/**
 * The revision the card was rendered from. Every card that can change a dossier carries one; a
 * command without it is treated as coming from an unknown, so outdated, card.
 */
function kaartRevisie(data: Record<string, unknown>): number {
  const r = z.coerce.number().int().nonnegative().safeParse(data['versie']);
  return r.success && data['versie'] !== '' && data['versie'] !== undefined ? r.data : -1;
}

/** Domain refusals that belong next to one field of the form, not at the top of the card. */
const FOUT_VELD: Partial<Record<string, string>> = {
  'onveiligheid-ontbreekt': 'onveiligheid',
  'samen-met-veilig-thuis-ontbreekt': 'samenMetNaam',
  'referentie-ongeldig': 'referentie',
  'melden-noodzakelijk': 'ondanksMeldplicht',
  'gemeente-onbekend': 'gemeente',
};

function dossierContext(o: VerbOmgeving, a: Aanvraag, definitie: DossierVerb<Verb>, dossierId: string, data: Record<string, unknown>): DossierContext {
  const basis = basisContext(o, a, data);
  const opnieuw = async (scherm?: Scherm | ((d: Dossier) => Scherm), invoer: Record<string, unknown> = {}, fouten: Fouten = {}, melding?: string): Promise<Weergave> => {
    // The meldcode's screens are the professional's view of a dossier: nobody else gets them.
    const r = await o.service.open(a, dossierId, 'professional' satisfies DossierWeergave);
    if (!r.ok) return { soort: 'fout', melding: r.fout.melding };
    return {
      ...basis.dossierWeergave(r.waarde, typeof scherm === 'function' ? scherm(r.waarde) : scherm),
      waarden: alsWaarden(invoer),
      fouten,
      ...(melding ? { melding } : Object.keys(fouten).length > 0 ? { melding: 'Controleer de gemarkeerde velden; wat u invulde staat er nog.' } : {}),
    };
  };
  const wijzigMeldcode = async (commando: MeldcodeCommando): Promise<Weergave> => {
    const r = await o.service.pasToe(a, dossierId, commando, kaartRevisie(data));
    if (r.ok) {
      const d = r.waarde.dossier;
      // After a melding the open steps and questions are recorded in one go: keep going.
      const verder = definitie.verderNaMelding === true && openNaMelding(d);
      return { ...basis.dossierWeergave(d, verder ? stapScherm(d) : undefined), ...(definitie.bevestiging ? { melding: definitie.bevestiging, meldingSoort: 'bevestiging' as const } : {}) };
    }
    if (r.fout.code === 'geen-toegang' || r.fout.code === 'dossier-niet-gevonden') return { soort: 'fout', melding: r.fout.melding };
    if (r.fout.code === 'afsluiten-bevestigen') {
      const w = await opnieuw('afsluiten-bevestigen', {}, {}, r.fout.melding);
      return w.soort === 'dossier' ? { ...w, bevestig: { verb: definitie.verb, data: alsWaarden(data) } } : w;
    }
    // A stale card or a lost race: the current card, with what was typed still on it where it fits.
    if (r.fout.code === 'kaart-verouderd' || r.fout.code === 'tegelijk-gewijzigd') return opnieuw(undefined, {}, {}, r.fout.melding);
    const veld = FOUT_VELD[r.fout.code];
    return veld ? opnieuw(definitie.scherm, data, { [veld]: r.fout.melding }) : opnieuw(undefined, data, {}, r.fout.melding);
  };
  return { ...basis, dossierId, opnieuw, wijzigMeldcode };
}
