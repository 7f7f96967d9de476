import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IDENTIFICATIE_WAARSCHUWING, lijktIdentificerend, type Afwegingsvraag } from '../../domain/index.js';
import {
  AdviesInvoer,
  AfsluitInvoer,
  AfwegingInvoer,
  GesprekInvoer,
  HerweegInvoer,
  KenmerkInvoer,
  KindcheckInvoer,
  MeldingInvoer,
  OverlegInvoer,
  SignalenInvoer,
  StartInvoer,
  alsWaarden,
  naarAdvies,
  naarGesprek,
  naarKindcheck,
  naarMelding,
  naarOverleg,
  naarSignalen,
} from '../kaartInvoer.js';
import { verslagInhoud } from '../verslag.js';
import { stapScherm, welkomVoor } from '../weergave.js';
import { gebondenLid } from '../toegang.js';
import { kanaalVan } from './kanaal.js';
import { algemeen, opDossier } from './verb.js';

/** The professional's meldcode: the menu, starting a case, the five steps, advies, melding, verslag. */

const GEEN_INVOER = z.object({});

/** The start card's key goes back on the card when it is shown again with errors. */
function startSleutelUit(data: Record<string, unknown>): { sleutel?: string } {
  const r = z.uuid().safeParse(data['startSleutel']);
  return r.success ? { sleutel: r.data } : {};
}

/** The kenmerk looks like a name with a birth date or address, and the user has not said yes to it. */
function kenmerkWaarschuwing(i: { referentie: string; kenmerkBevestigd: boolean }): string | undefined {
  const soort = lijktIdentificerend(i.referentie);
  return soort && !i.kenmerkBevestigd ? IDENTIFICATIE_WAARSCHUWING[soort] : undefined;
}

/** An early exit carries its confirmed reason along with the answer that closes. */
const bevestiging = (i: { afsluitToelichting?: string | undefined }) => (i.afsluitToelichting ? { afsluitToelichting: i.afsluitToelichting } : {});

/**
 * The view a refreshed card says it was rendered for. Technical card data like the dossier id,
 * so not read as typed text; it is checked against the recomputed view, never trusted. Cards
 * from before views existed were all the professional's; anything that is no text claims a view
 * nobody has.
 */
const KaartWeergave = z
  .union([z.string().max(50), z.undefined()])
  .catch('')
  .transform((w) => w ?? 'professional');

export const MELDCODE_VERBS = [
  algemeen({ verb: 'menu', invoer: GEEN_INVOER, overal: true, handle: (ctx) => welkomVoor(ctx.aanvraag) }),
  algemeen({
    verb: 'hulp',
    invoer: GEEN_INVOER,
    overal: true,
    handle: (ctx) => {
      const g = ctx.aanvraag.gesprek;
      if (g.soort === 'persoonlijk') return { soort: 'hulp' };
      const kanaal = kanaalVan(ctx);
      const vtLid = gebondenLid(g, ctx.aanvraag.gebruiker)?.soort === 'veilig-thuis';
      return { soort: 'kanaalhulp', ...(kanaal ? { kanaalVan: kanaal } : {}), ...(vtLid ? { registreren: true } : {}) };
    },
  }),
  algemeen({ verb: 'nieuw', invoer: GEEN_INVOER, handle: () => ({ soort: 'start', sleutel: randomUUID() }) }),
  algemeen({ verb: 'casussen', invoer: GEEN_INVOER, handle: async (ctx) => ({ soort: 'casussen', dossiers: await ctx.service.casussen(ctx.aanvraag), nu: ctx.nu(), regio: ctx.regio }) }),
  algemeen({
    verb: 'start',
    invoer: StartInvoer,
    ongeldig: (ctx, fouten) => ({ soort: 'start', waarden: alsWaarden(ctx.data), fouten, ...startSleutelUit(ctx.data) }),
    handle: async (ctx, i) => {
      const waarschuwing = kenmerkWaarschuwing(i);
      const sleutel = i.startSleutel ? { sleutel: i.startSleutel } : {};
      if (waarschuwing) return { soort: 'start', waarden: alsWaarden(ctx.data), fouten: { referentie: waarschuwing }, kenmerkWaarschuwing: true, ...sleutel };
      const r = await ctx.service.start(ctx.aanvraag, i, i.startSleutel);
      if (!r.ok) return { soort: 'start', waarden: alsWaarden(ctx.data), fouten: { referentie: r.fout.melding }, ...sleutel };
      return ctx.dossierWeergave(r.waarde);
    },
  }),

  // Showing a dossier: its current step, or a form.
  opDossier({ verb: 'open', invoer: GEEN_INVOER }),
  opDossier({
    verb: 'vernieuw',
    invoer: GEEN_INVOER,
    handle: async (ctx) => {
      const r = await ctx.service.open(ctx.aanvraag, ctx.dossierId, KaartWeergave.parse(ctx.data['weergave']));
      return r.ok ? ctx.dossierWeergave(r.waarde) : { soort: 'fout', melding: r.fout.melding };
    },
  }),
  opDossier({ verb: 'herstel', invoer: GEEN_INVOER, handle: (ctx) => ctx.opnieuw(undefined, ctx.data) }),
  opDossier({ verb: 'stap-formulier', invoer: GEEN_INVOER, scherm: stapScherm }),
  opDossier({ verb: 'afweging-formulier', invoer: GEEN_INVOER, scherm: 'afweging' }),
  opDossier({ verb: 'advies-formulier', invoer: GEEN_INVOER, scherm: 'advies' }),
  opDossier({ verb: 'melding-formulier', invoer: GEEN_INVOER, scherm: 'melding' }),
  opDossier({ verb: 'afsluiten-formulier', invoer: GEEN_INVOER, scherm: 'afsluiten' }),
  opDossier({ verb: 'kenmerk-formulier', invoer: GEEN_INVOER, scherm: 'kenmerk' }),

  // The steps: after an early melding the next open step or question follows at once.
  opDossier({ verb: 'signalen', invoer: SignalenInvoer, scherm: 'signalen', verderNaMelding: true, handle: (ctx, i) => ctx.wijzigMeldcode({ soort: 'signalen', signalen: naarSignalen(i) }) }),
  opDossier({ verb: 'kindcheck', invoer: KindcheckInvoer, scherm: 'kindcheck', verderNaMelding: true, handle: (ctx, i) => ctx.wijzigMeldcode({ soort: 'kindcheck', kindcheck: naarKindcheck(i) }) }),
  opDossier({
    verb: 'overleg',
    invoer: OverlegInvoer,
    scherm: 'overleg',
    verderNaMelding: true,
    handle: (ctx, i) => ctx.wijzigMeldcode({ soort: 'overleg', overleg: naarOverleg(i), ...bevestiging(i) }),
  }),
  opDossier({
    verb: 'gesprek',
    invoer: GesprekInvoer,
    scherm: 'gesprek',
    verderNaMelding: true,
    handle: (ctx, i) => ctx.wijzigMeldcode({ soort: 'gesprek', gesprek: naarGesprek(i), ...bevestiging(i) }),
  }),
  opDossier({
    verb: 'afweging',
    invoer: AfwegingInvoer,
    scherm: 'afweging',
    verderNaMelding: true,
    handle: (ctx, i) =>
      ctx.wijzigMeldcode({
        soort: 'afweging',
        vraag: i.vraag as Afwegingsvraag,
        antwoord: i.antwoord,
        ...(i.onveiligheid ? { onveiligheid: i.onveiligheid } : {}),
        ...(i.samenMetNaam ? { samenMet: { met: i.samenMetNaam, op: i.samenMetOp ?? '' } } : {}),
        ...bevestiging(i),
      }),
  }),

  // Advies and melding at any step, correcting, closing, the kenmerk, the verslag.
  opDossier({
    verb: 'advies',
    invoer: AdviesInvoer,
    scherm: 'advies',
    bevestiging: 'Het advies van Veilig Thuis is vastgelegd.',
    handle: (ctx, i) => ctx.wijzigMeldcode({ soort: 'advies', advies: naarAdvies(i) }),
  }),
  opDossier({ verb: 'melding', invoer: MeldingInvoer, scherm: 'melding', handle: (ctx, i) => ctx.wijzigMeldcode({ soort: 'melding', melding: naarMelding(i) }) }),
  opDossier({
    verb: 'afsluiten',
    invoer: AfsluitInvoer,
    scherm: 'afsluiten',
    handle: (ctx, i) => ctx.wijzigMeldcode({ soort: 'afsluiten', toelichting: i.toelichting, ...(i.ondanksMeldplicht ? { ondanksMeldplicht: true } : {}) }),
  }),
  opDossier({ verb: 'herweeg-afweging-5', invoer: HerweegInvoer, handle: (ctx, i) => ctx.wijzigMeldcode({ soort: 'herweeg-afweging-5', antwoord: i.antwoord }) }),
  opDossier({
    verb: 'corrigeer',
    invoer: GEEN_INVOER,
    bevestiging: 'Uw vorige antwoord is teruggenomen; u kunt het nu opnieuw geven.',
    handle: (ctx) => ctx.wijzigMeldcode({ soort: 'corrigeer' }),
  }),
  opDossier({
    verb: 'kenmerk',
    invoer: KenmerkInvoer,
    scherm: 'kenmerk',
    bevestiging: 'Het kenmerk is gewijzigd.',
    handle: async (ctx, i) => {
      const waarschuwing = kenmerkWaarschuwing(i);
      if (waarschuwing === undefined) return ctx.wijzigMeldcode({ soort: 'kenmerk', referentie: i.referentie });
      const w = await ctx.opnieuw('kenmerk', ctx.data, { referentie: waarschuwing });
      return w.soort === 'dossier' ? { ...w, kenmerkWaarschuwing: true } : w;
    },
  }),
  opDossier({
    verb: 'verslag',
    invoer: GEEN_INVOER,
    handle: async (ctx) => {
      const r = await ctx.service.exporteer(ctx.aanvraag, ctx.dossierId);
      if (!r.ok) return { soort: 'fout', melding: r.fout.melding };
      const nu = ctx.nu();
      return { soort: 'verslag', dossier: r.waarde, inhoud: verslagInhoud(r.waarde, nu), nu, ...ctx.regio(r.waarde.regioId) };
    },
  }),
] as const;
