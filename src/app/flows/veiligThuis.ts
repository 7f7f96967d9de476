import { z } from 'zod';
import type { Overdrachtspartij, VtCommando } from '../../domain/index.js';
import { MonitoringInvoer, SpoedInvoer, VtAfsluitenInvoer, RegisseurInvoer, VeiligheidsbeoordelingInvoer, VervolgAfrondenInvoer, alsWaarden, naarAfspraken, naarMonitoring, naarMonitoringPlan } from '../kaartInvoer.js';
import type { KanaalFormulier } from '../weergave.js';
import { inKanaal, type KanaalContext } from './verb.js';

type PartijSoort = Overdrachtspartij['soort'];

/** Veilig Thuis in its bound channel: the veiligheidsbeoordeling, V&V or Onderzoek, on the melding card. */

type BeoordelingInvoer = z.infer<typeof VeiligheidsbeoordelingInvoer>;

/** The overdracht party from a form; the lokaal team is looked up on the server, never taken from the card. */
function partijUit(ctx: KanaalContext, i: { partijSoort: PartijSoort; lokaalTeam?: string | undefined; partijNaam?: string | undefined }): Overdrachtspartij | { fout: string } {
  if (i.partijSoort !== 'lokaal-team') return { soort: i.partijSoort, naam: i.partijNaam ?? '' };
  const team = ctx.lokaleTeams.find((t) => t.key === i.lokaalTeam);
  return team === undefined ? { fout: 'Kies een lokaal team uit de lijst.' } : { soort: 'lokaal-team', naam: team.naam, teamId: team.key };
}

/** The card's answers as a command. */
function naarBeoordeling(ctx: KanaalContext, i: BeoordelingInvoer): VtCommando | { fout: string } {
  const basis = {
    soort: 'veiligheidsbeoordeling' as const,
    taxatie: { acuutOnveilig: i.acuutOnveilig, structureelOnveilig: i.structureelOnveilig, multiproblematiek: i.multiproblematiek },
    besluit: i.besluit,
    risicofactoren: i.risicofactoren,
    veiligheidsvoorwaarden: i.veiligheidsvoorwaarden,
    ...(i.adviesTermijnDagen !== undefined ? { adviesTermijnDagen: i.adviesTermijnDagen } : {}),
  };
  if (i.besluit !== 'overdracht' || i.partijSoort === undefined) return basis;
  const partij = partijUit(ctx, { ...i, partijSoort: i.partijSoort });
  return 'fout' in partij ? partij : { ...basis, partij, monitoring: i.monitoring, ...overdrachtAfspraken(i, i.monitoring) };
}

/** The agreements, and the monitoring plan when monitoring was decided, as the forms give them. */
function overdrachtAfspraken(i: Parameters<typeof naarAfspraken>[0] & Parameters<typeof naarMonitoringPlan>[0], monitort: boolean) {
  const afspraken = naarAfspraken(i);
  const monitoringPlan = monitort ? naarMonitoringPlan(i) : undefined;
  return { ...(afspraken ? { afspraken } : {}), ...(monitoringPlan ? { monitoringPlan } : {}) };
}

function naarVervolgAfronden(ctx: KanaalContext, i: z.infer<typeof VervolgAfrondenInvoer>): VtCommando | { fout: string } {
  const partij = partijUit(ctx, i);
  if ('fout' in partij) return partij;
  return {
    soort: 'rond-vervolg-af',
    veiligheidsvoorwaarden: i.veiligheidsvoorwaarden,
    partij,
    ...(i.uitkomstOnderzoek ? { uitkomstOnderzoek: i.uitkomstOnderzoek } : {}),
    // Monitoring is the rule; "nee" waives it only with the reason the domain records.
    ...(i.monitoring === 'nee' ? { redenGeenMonitoring: i.redenGeenMonitoring ?? '' } : {}),
    ...overdrachtAfspraken(i, i.monitoring === 'ja'),
  };
}

/** Domain refusals that belong next to one field of the form. */
const FOUT_VELD: Partial<Record<string, string>> = {
  'besluit-past-niet-bij-taxatie': 'besluit',
  'partij-ontbreekt': 'partijSoort',
  'monitoring-niet-toegestaan': 'monitoring',
  'ongeldige-termijn': 'adviesTermijnDagen',
  'uitkomst-onderzoek-ontbreekt': 'uitkomstOnderzoek',
  'reden-geen-monitoring-ontbreekt': 'redenGeenMonitoring',
  'geen-monitoringmoment': 'maandenNaOverdracht',
  'bevestiging-in-toekomst': 'bevestigdOp',
  'afsluitbericht-ontbreekt': 'afsluitberichtOp',
  'afsluitbericht-in-toekomst': 'afsluitberichtOp',
  'ongeldig-monitoringmoment': 'extraMomenten',
  'reden-afwijking-ontbreekt': 'redenAfwijking',
  'monitoring-door-ongeldig': 'monitoringDoor',
  'toelichting-gesproken-ontbreekt': 'toelichtingGesproken',
  'vervolgstap-voor-veilig-thuis': 'vervolgstap',
};

/** The afsluiten form as a command; the afsluitbericht by Veilig Thuis only when both its fields are given. */
function naarAfsluiten(i: z.infer<typeof VtAfsluitenInvoer>): VtCommando {
  return {
    soort: 'sluit-af',
    reden: i.afsluitreden,
    directbetrokkenen: { op: i.bevestigdOp, wijze: i.bevestigingWijze },
    ...(i.afsluitberichtOp && i.afsluitberichtWijze ? { afsluitberichtDoorVt: { op: i.afsluitberichtOp, wijze: i.afsluitberichtWijze } } : {}),
  };
}

/**
 * Submits a form's command: success shows the card with `gelukt`; a refusal of one field keeps
 * what was typed on the form; anything else (a stale card, a phase that moved on) the current card.
 */
export async function formulierStap(
  ctx: KanaalContext,
  formulier: KanaalFormulier,
  commando: VtCommando | { fout: string },
  gelukt: string,
  veldBijFout = 'lokaalTeam',
  daarna: { formulier?: KanaalFormulier; waarden?: Record<string, string> } = {},
) {
  const waarden = alsWaarden(ctx.data);
  if ('fout' in commando) return ctx.kaart(ctx.dossier, { formulier, waarden, fouten: { [veldBijFout]: commando.fout } });
  const r = await ctx.service.pasKetenstapToe(ctx.aanvraag, ctx.dossier.id, commando, ctx.versie);
  if (r.ok) return ctx.kaart(r.waarde.dossier, { melding: gelukt, ...daarna });
  const veld = FOUT_VELD[r.fout.code];
  if (veld) return ctx.kaart(ctx.dossier, { formulier, waarden, fouten: { [veld]: r.fout.melding } });
  return ctx.opnieuw({ melding: r.fout.melding });
}

export const VEILIG_THUIS_VERBS = [
  inKanaal({ verb: 'vt-beoordeling-formulier', weergave: 'veilig-thuis', formulier: 'veiligheidsbeoordeling', invoer: z.object({}) }),
  inKanaal({
    verb: 'vt-beoordeling',
    weergave: 'veilig-thuis',
    formulier: 'veiligheidsbeoordeling',
    invoer: VeiligheidsbeoordelingInvoer,
    handle: (ctx, i) => formulierStap(ctx, 'veiligheidsbeoordeling', naarBeoordeling(ctx, i), 'Veiligheidsbeoordeling vastgelegd.'),
  }),
  inKanaal({
    verb: 'vt-spoed',
    weergave: 'veilig-thuis',
    invoer: SpoedInvoer,
    handle: async (ctx, i) => {
      const r = await ctx.service.pasKetenstapToe(ctx.aanvraag, ctx.dossier.id, { soort: 'spoed-besluit', spoed: i.spoed, reden: i.spoedReden }, ctx.versie);
      if (r.ok) return ctx.kaart(r.waarde.dossier, { melding: i.spoed ? 'Vastgelegd: spoed. Beoordeel de veiligheid vandaag.' : 'Vastgelegd: geen spoed. De veiligheidsbeoordeling volgt binnen 5 werkdagen na ontvangst.' });
      return ctx.opnieuw({ melding: r.fout.melding });
    },
  }),
  inKanaal({
    verb: 'vt-bevestig-namens',
    weergave: 'veilig-thuis',
    invoer: RegisseurInvoer,
    handle: async (ctx, i) => {
      const r = await ctx.service.pasKetenstapToe(ctx.aanvraag, ctx.dossier.id, { soort: 'bevestig-overdracht', regisseur: i.regisseur }, ctx.versie);
      if (r.ok) return ctx.kaart(r.waarde.dossier, { melding: 'Overdracht bevestigd namens de ontvangende partij.' });
      return ctx.opnieuw({ melding: r.fout.melding });
    },
  }),
  inKanaal({
    verb: 'vt-wissel-onderzoek',
    weergave: 'veilig-thuis',
    invoer: z.object({}),
    handle: async (ctx) => {
      const r = await ctx.service.pasKetenstapToe(ctx.aanvraag, ctx.dossier.id, { soort: 'wissel-naar-onderzoek' }, ctx.versie);
      if (r.ok) return ctx.kaart(r.waarde.dossier, { melding: 'Voorwaarden & Vervolg is omgezet in een Onderzoek; de termijn loopt door.' });
      return ctx.opnieuw({ melding: r.fout.melding });
    },
  }),
  inKanaal({ verb: 'vt-vervolg-formulier', weergave: 'veilig-thuis', formulier: 'vervolg-afronden', invoer: z.object({}) }),
  inKanaal({
    verb: 'vt-vervolg-afronden',
    weergave: 'veilig-thuis',
    formulier: 'vervolg-afronden',
    invoer: VervolgAfrondenInvoer,
    handle: (ctx, i) => formulierStap(ctx, 'vervolg-afronden', naarVervolgAfronden(ctx, i), 'Afgerond; de overdracht is aangeboden.'),
  }),
  inKanaal({ verb: 'vt-monitoring-formulier', weergave: 'veilig-thuis', formulier: 'monitoring', invoer: z.object({}) }),
  inKanaal({
    verb: 'vt-monitoring',
    weergave: 'veilig-thuis',
    formulier: 'monitoring',
    invoer: MonitoringInvoer,
    handle: (ctx, i) =>
      i.vervolgstap === 'afsluiten-geen-mogelijkheden'
        ? // The finding is recorded; the afsluiten form follows at once, with the reason filled in.
          formulierStap(ctx, 'monitoring', naarMonitoring(i), `Monitoring na ${i.maandenNaOverdracht} maanden vastgelegd. Sluit het dossier nu af: leg de schriftelijke bevestiging aan de directbetrokkenen vast.`, undefined, {
            formulier: 'afsluiten',
            waarden: { afsluitreden: `Geen mogelijkheden meer om de veiligheid te herstellen (monitoring na ${i.maandenNaOverdracht} maanden).` },
          })
        : formulierStap(ctx, 'monitoring', naarMonitoring(i), `Monitoring na ${i.maandenNaOverdracht} maanden vastgelegd.`),
  }),
  inKanaal({ verb: 'vt-afsluiten-formulier', weergave: 'veilig-thuis', formulier: 'afsluiten', invoer: z.object({}) }),
  inKanaal({
    verb: 'vt-afsluiten',
    weergave: 'veilig-thuis',
    formulier: 'afsluiten',
    invoer: VtAfsluitenInvoer,
    handle: (ctx, i) => formulierStap(ctx, 'afsluiten', naarAfsluiten(i), 'Dossier afgesloten; de melder krijgt bericht.'),
  }),
] as const;
