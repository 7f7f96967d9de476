import { z } from 'zod';
import type { VtCommando } from '../../domain/index.js';
import { ContactInvoer, LaterOppakkenInvoer, MonitoringInvoer, RegieOverdragenInvoer, RegisseurInvoer, TerugNaarVtInvoer, TerugkoppelingInvoer, alsWaarden, naarMonitoring } from '../kaartInvoer.js';
import { inKanaal, type KanaalContext } from './verb.js';
import { formulierStap } from './veiligThuis.js';

/**
 * The lokaal team on the overdracht card in its bound channel (seed 004 §8): confirm and name the
 * regisseur, contact with the family, terugkoppeling to Veilig Thuis, a beargumenteerd besluit to
 * pick the case up later, hand it back, or hand the regie to another party. A click from an older card, or the second of two
 * clicks at once, records nothing and shows the card as it now stands (who confirmed).
 */
async function stap(ctx: KanaalContext, commando: VtCommando, gelukt: string) {
  const r = await ctx.service.pasKetenstapToe(ctx.aanvraag, ctx.dossier.id, commando, ctx.versie);
  if (r.ok) return ctx.kaart(r.waarde.dossier, { melding: gelukt });
  if (r.fout.code === 'geen-toegang' || r.fout.code === 'dossier-niet-gevonden') return { soort: 'alleen-persoonlijk' as const };
  // A domain refusal keeps what was typed; a stale card or lost race shows the state that won.
  const verouderd = r.fout.code === 'kaart-verouderd' || r.fout.code === 'tegelijk-gewijzigd';
  return ctx.opnieuw({ melding: r.fout.melding, ...(verouderd ? {} : { waarden: alsWaarden(ctx.data) }) });
}

export const LOKAAL_TEAM_VERBS = [
  inKanaal({
    verb: 'lt-bevestig',
    weergave: 'lokaal-team',
    invoer: RegisseurInvoer,
    handle: (ctx, i) => stap(ctx, { soort: 'bevestig-overdracht', regisseur: i.regisseur }, `Overdracht bevestigd; regisseur: ${i.regisseur}.`),
  }),
  inKanaal({
    verb: 'lt-contact',
    weergave: 'lokaal-team',
    invoer: ContactInvoer,
    handle: (ctx, i) => stap(ctx, { soort: 'contact-gezin', wijze: i.contactWijze, ...(i.contactOp ? { datum: i.contactOp } : {}) }, 'Contact met het gezin vastgelegd.'),
  }),
  inKanaal({
    verb: 'lt-terugkoppeling',
    weergave: 'lokaal-team',
    invoer: TerugkoppelingInvoer,
    handle: (ctx, i) => stap(ctx, { soort: 'terugkoppeling', samenvatting: i.samenvatting }, 'Terugkoppeling aan Veilig Thuis gegeven.'),
  }),
  inKanaal({
    verb: 'lt-later',
    weergave: 'lokaal-team',
    invoer: LaterOppakkenInvoer,
    handle: (ctx, i) => stap(ctx, { soort: 'beargumenteerd-besluit', reden: i.reden, oppakkenOp: i.oppakkenOp }, 'Beargumenteerd besluit vastgelegd; Veilig Thuis ziet het.'),
  }),
  inKanaal({
    verb: 'lt-terug',
    weergave: 'lokaal-team',
    invoer: TerugNaarVtInvoer,
    handle: (ctx, i) => stap(ctx, { soort: 'terug-naar-vt', reden: i.redenTerug }, 'De casus ligt weer bij Veilig Thuis.'),
  }),
  inKanaal({
    verb: 'lt-regie',
    weergave: 'lokaal-team',
    invoer: RegieOverdragenInvoer,
    handle: (ctx, i) =>
      stap(
        ctx,
        {
          soort: 'draag-regie-over',
          naar: { soort: i.regieSoort, naam: i.regiePartij, regisseur: i.regieRegisseur },
          reden: i.regieReden,
          veiligheidsvoorwaarden: i.regieVoorwaarden,
          veiligheidsplan: i.veiligheidsplan,
        },
        `Regie overgedragen aan ${i.regiePartij}; Veilig Thuis is geïnformeerd.`,
      ),
  }),
  // Where the region gives the lokaal team the monitoring (seed 002, Zuid-Holland Zuid), it records each moment; VT reads it on its card.
  inKanaal({ verb: 'lt-monitoring-formulier', weergave: 'lokaal-team', formulier: 'monitoring', invoer: z.object({}) }),
  inKanaal({
    verb: 'lt-monitoring',
    weergave: 'lokaal-team',
    formulier: 'monitoring',
    invoer: MonitoringInvoer,
    handle: (ctx, i) => formulierStap(ctx, 'monitoring', naarMonitoring(i), `Monitoring na ${i.maandenNaOverdracht} maanden vastgelegd; Veilig Thuis ziet de uitkomst.`),
  }),
] as const;
