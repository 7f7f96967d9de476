import { DateTime } from 'luxon';
import { z } from 'zod';
import { ESCALATIE_ROUTES, NIVEAU_WAARDEN, afhandelingVan, herinneringSleutel, openMijlpalen, signaleringTekst, standaardBeleid, type Dossier, type EscalatieRoute, type Mijlpaal, type VtCommando } from '../../domain/index.js';
import { gemeenteVan, routeHouders, type RegioGids } from '../regio.js';
import { PUBLIEK, escalatieMetVoor } from '../termijnOpsteller.js';
import { weergaveVoor } from '../toegang.js';
import { welkomVoor, type Weergave } from '../weergave.js';
import { algemeen, type VerbContext } from './verb.js';

/**
 * The actions on a nudge card, in the personal chat of the VT teamleider or the coordinator.
 * Escalating is a decision (seed 004, bijlage 4): route a is recorded on the dossier with a
 * reason; outcome II moves on to route b, then c (the domain decides), outcome I stops.
 */

/**
 * Route a is the management route: the region's VT teamleider and the coordinator of the lokaal
 * team the case was handed to. Taken from the region files, never from the card.
 */
export function magEscaleren(regios: Pick<RegioGids, 'rollenVan'>, gebruikerId: string, d: Dossier): boolean {
  const teamKey = d.veiligThuis?.overdracht?.partij.teamId;
  return regios
    .rollenVan(gebruikerId)
    .some((r) => (r.rol === 'vt-teamleider' && r.regioId === d.regioId) || (r.rol === 'coordinator' && teamKey !== undefined && r.lokaalTeamKey === teamKey));
}

/**
 * The outcome of an open route is recorded by that route's holders only (seed 004 bijlage 4):
 * route a by the management (as `magEscaleren`, plus the gemeente's route a contacts), route b by
 * the gemeente's beleidsmedewerker, route c by the directeur VT and the wethouder. Without an
 * open route the management may ask, and the domain answers that none is running. `route` is the
 * route a card asked about: its holder gets the domain's answer that another route runs now.
 */
export function magUitkomstVastleggen(regios: Pick<RegioGids, 'rollenVan' | 'regio' | 'lokaalTeam'>, gebruikerId: string, d: Dossier, route?: EscalatieRoute): boolean {
  const houders = routeHouders(regios, d, route);
  if (houders === undefined || houders.route === 'a') return magEscaleren(regios, gebruikerId, d) || (houders?.ids.includes(gebruikerId) ?? false);
  return houders.ids.includes(gebruikerId) || (houders.route === 'c' && regios.regio(d.regioId)?.veiligThuis.directeur === gebruikerId);
}

// The card's dossierId is technical data beside the form, never checked as typed text (see VerbBasis).
const dossierIdVan = (ctx: VerbContext): string => (typeof ctx.data['dossierId'] === 'string' ? ctx.data['dossierId'] : '');
const EscaleerInvoer = z.object({ reden: z.string().trim().min(1, 'Geef kort de reden van de escalatie.').max(1000) });
const UitstelInvoer = z.object({ mijlpaal: z.string().min(1).max(200), niveau: z.enum(NIVEAU_WAARDEN) });
const UitkomstInvoer = z.object({
  uitkomst: z.enum(['I', 'II'], { message: 'Kies uitkomst I of II.' }),
  // The route the card asked about: a card of route a clicked after route b started records nothing.
  route: z.enum(ESCALATIE_ROUTES).optional().catch(undefined),
});

/**
 * Route a and the given-up list are a person's own nudges, sent to their personal chat: a role in
 * the region files counts there only. Elsewhere (a channel, a group chat) the answer is the line
 * about the personal chat, so acting there would change a case while saying it did not.
 */
const inEigenChat = (ctx: VerbContext): boolean => ctx.aanvraag.gesprek.soort === 'persoonlijk';

async function escalatieStap(
  ctx: VerbContext,
  dossierId: string,
  commando: VtCommando,
  gelukt: (d: Dossier) => string,
  mag: (d: Dossier) => boolean,
): Promise<Weergave> {
  const r = await ctx.service.pasKetenstapToe(ctx.aanvraag, dossierId, commando, undefined, mag);
  if (!r.ok) return { soort: 'welkom', melding: r.fout.melding };
  return { soort: 'welkom', melding: gelukt(r.waarde.dossier) };
}

function lopendeRoute(d: Dossier): string | undefined {
  return d.veiligThuis?.escalaties.find((e) => e.uitkomst === undefined)?.route;
}

/** Given-up nudges are for the coordinator (their team's cases) and the region's beheerder. */
export function magOpgegevenZien(regios: Pick<RegioGids, 'rollenVan'>, gebruikerId: string, d: Dossier): boolean {
  const teamKey = d.veiligThuis?.overdracht?.partij.teamId;
  return regios
    .rollenVan(gebruikerId)
    .some((r) => (r.rol === 'beheerder' && r.regioId === d.regioId) || (r.rol === 'coordinator' && teamKey !== undefined && r.lokaalTeamKey === teamKey));
}

/** Who may see a nudge card: whoever this conversation shows the case to, and the region's roles that escalate or hold the open route. */
function magNudgeZien(ctx: VerbContext): (d: Dossier) => boolean {
  const { aanvraag: a } = ctx;
  // The region roles count only in the person's own chat: a channel never grants them (role matrix).
  return (d) => (inEigenChat(ctx) && (magEscaleren(ctx.regios, a.gebruiker.id, d) || magUitkomstVastleggen(ctx.regios, a.gebruiker.id, d))) || weergaveVoor(a.gesprek, a.gebruiker, d) !== 'geen';
}

/**
 * The nudge card as it stands, decided on the server from the dossier: `open` renders a milestone
 * that is still open; a met one reads "afgehandeld door … op …", who and when from the change
 * that met it (its outbox entry), never from the card.
 */
async function nudgeNu(ctx: VerbContext, mijlpaalId: string, open: (d: Dossier, mijlpaal: Mijlpaal) => Weergave): Promise<Weergave> {
  const r = await ctx.service.leesVoor(ctx.aanvraag, dossierIdVan(ctx), magNudgeZien(ctx));
  if (!r.ok) return welkomVoor(ctx.aanvraag, 'U kunt deze herinnering niet (meer) zien.');
  const d = r.waarde;
  const mijlpaal = openMijlpalen(d, ctx.regios.kalender(d.regioId)).find((m) => m.id === mijlpaalId);
  if (mijlpaal !== undefined) return open(d, mijlpaal);
  const a = afhandelingVan(d, mijlpaalId);
  return { soort: 'herinnering', kaart: { soort: 'termijn-afgehandeld', dossier: d, omschrijving: a?.omschrijving ?? 'Termijn', afhandeling: a && { door: a.door.naam, op: DateTime.fromISO(a.op), ...(a.waardoor ? { waardoor: a.waardoor } : {}) } } };
}

const VernieuwInvoer = UitstelInvoer.extend({ publiek: z.enum(PUBLIEK) });

export const TERMIJN_VERBS = [
  algemeen({
    verb: 'termijn-vernieuw',
    invoer: VernieuwInvoer,
    // The card's refresh: in the team channel as in a personal chat; the server decides what it shows.
    overal: true,
    ongeldig: (ctx) => welkomVoor(ctx.aanvraag, 'Deze kaart is niet (meer) geldig. Open de casus om de termijn te zien.'),
    handle: (ctx, i) =>
      nudgeNu(ctx, i.mijlpaal, (d, mijlpaal) => ({
        soort: 'herinnering',
        kaart: { soort: 'termijn', dossier: d, mijlpaal, niveau: i.niveau, publiek: i.publiek, nu: ctx.nu(), escalatieMet: escalatieMetVoor(ctx.regios, d) },
      })),
  }),
  algemeen({
    verb: 'herinneringen',
    invoer: z.object({}),
    handle: async (ctx) => {
      const lijst = await ctx.service.opgegevenHerinneringen(ctx.aanvraag, (d) => inEigenChat(ctx) && magOpgegevenZien(ctx.regios, ctx.aanvraag.gebruiker.id, d));
      if (lijst.length === 0) return { soort: 'welkom', melding: 'Er zijn geen herinneringen die niet bezorgd konden worden.' };
      const regels = lijst.map((h) => `${h.referentie} · ${h.mijlpaal} (${h.reden})`);
      return { soort: 'welkom', melding: `Niet bezorgde herinneringen (${lijst.length}). Zorg dat de juiste persoon het weet, of koppel het kanaal:\n\n${regels.join('\n\n')}` };
    },
  }),
  algemeen({
    verb: 'termijn-escaleer',
    invoer: EscaleerInvoer,
    ongeldig: (_ctx, fouten) => ({ soort: 'welkom', melding: Object.values(fouten).join(' ') }),
    handle: async (ctx, i) => {
      const wie = ctx.aanvraag.gebruiker.id;
      const r = await ctx.service.startEscalatie(ctx.aanvraag, dossierIdVan(ctx), i.reden, (d) => inEigenChat(ctx) && magEscaleren(ctx.regios, wie, d), (d) => gemeenteVan(ctx.regios, d));
      if (!r.ok) return { soort: 'welkom', melding: r.fout.melding };
      const signaal = r.waarde.dossier.veiligThuis?.escalaties.at(-1)?.signalering;
      const gemeld = signaal ? ` Let op: ${signaleringTekst(signaal)}. De beleidsmedewerkers van de regio zijn geïnformeerd.` : '';
      return { soort: 'welkom', melding: `Escalatie route a vastgelegd op de casus. Leg de uitkomst vast op de herinnering zodra het overleg is geweest.${gemeld}` };
    },
  }),
  algemeen({
    verb: 'termijn-escalatie-uitkomst',
    invoer: UitkomstInvoer,
    ongeldig: (_ctx, fouten) => ({ soort: 'welkom', melding: Object.values(fouten).join(' ') }),
    handle: (ctx, i) =>
      escalatieStap(
        ctx,
        dossierIdVan(ctx),
        { soort: 'rond-escalatie-af', uitkomst: i.uitkomst, ...(i.route ? { route: i.route } : {}) },
        (d) => {
          const route = lopendeRoute(d);
          return route === undefined
            ? `Uitkomst ${i.uitkomst} vastgelegd: de escalatie is afgerond.`
            : `Uitkomst II vastgelegd: de escalatie gaat verder via route ${route}. De houders van die route krijgen het verzoek de uitkomst vast te leggen.`;
        },
        (d) => inEigenChat(ctx) && magUitkomstVastleggen(ctx.regios, ctx.aanvraag.gebruiker.id, d, i.route),
      ),
  }),
  algemeen({
    verb: 'termijn-morgen',
    invoer: UitstelInvoer,
    // Also on the nudge in a team channel; the answer there names no case, only the moment.
    overal: true,
    ongeldig: (ctx) => welkomVoor(ctx.aanvraag, 'Deze kaart is niet (meer) geldig. Open de casus om de termijn te zien.'),
    handle: async (ctx, i) => {
      const { aanvraag: a } = ctx;
      const r = await ctx.service.stelHerinneringUit(a, dossierIdVan(ctx), herinneringSleutel(dossierIdVan(ctx), i.mijlpaal, i.niveau), (regioId) => standaardBeleid(ctx.regios.kalender(regioId)), magNudgeZien(ctx));
      // A click on a nudge whose deadline was met meanwhile: the card turns into what it now is.
      if (!r.ok && r.fout.code === 'termijn-gehaald') return nudgeNu(ctx, i.mijlpaal, () => welkomVoor(a, r.fout.melding));
      if (!r.ok) return welkomVoor(a, r.fout.code === 'geen-toegang' ? 'U kunt deze herinnering niet uitstellen.' : r.fout.melding);
      return welkomVoor(a, `Goed: u krijgt deze herinnering nog één keer, op ${r.waarde.op.setLocale('nl').toFormat("cccc d LLLL 'om' HH:mm")}. De termijn zelf blijft staan.`);
    },
  }),
] as const;
