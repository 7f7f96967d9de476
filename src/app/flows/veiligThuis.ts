import { z } from 'zod';
import type { VtCommando } from '../../domain/index.js';
import { RegisseurInvoer, VeiligheidsbeoordelingInvoer, alsWaarden } from '../kaartInvoer.js';
import { inKanaal, type KanaalContext } from './verb.js';

/** Veilig Thuis in its bound channel: the veiligheidsbeoordeling on the melding card. */

type BeoordelingInvoer = z.infer<typeof VeiligheidsbeoordelingInvoer>;

/** The card's answers as a command; the lokaal team is looked up on the server, never taken from the card. */
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
  if (i.partijSoort === 'lokaal-team') {
    const team = ctx.lokaleTeams.find((t) => t.key === i.lokaalTeam);
    if (team === undefined) return { fout: 'Kies een lokaal team uit de lijst.' };
    return { ...basis, partij: { soort: 'lokaal-team', naam: team.naam, teamId: team.key }, monitoring: i.monitoring };
  }
  return { ...basis, partij: { soort: i.partijSoort, naam: i.partijNaam ?? '' }, monitoring: i.monitoring };
}

/** Domain refusals that belong next to one field of the form. */
const FOUT_VELD: Partial<Record<string, string>> = {
  'besluit-past-niet-bij-taxatie': 'besluit',
  'partij-ontbreekt': 'partijSoort',
  'monitoring-niet-toegestaan': 'monitoring',
  'ongeldige-termijn': 'adviesTermijnDagen',
};

export const VEILIG_THUIS_VERBS = [
  inKanaal({ verb: 'vt-beoordeling-formulier', weergave: 'veilig-thuis', formulier: 'veiligheidsbeoordeling', invoer: z.object({}) }),
  inKanaal({
    verb: 'vt-beoordeling',
    weergave: 'veilig-thuis',
    formulier: 'veiligheidsbeoordeling',
    invoer: VeiligheidsbeoordelingInvoer,
    handle: async (ctx, i) => {
      const commando = naarBeoordeling(ctx, i);
      const waarden = alsWaarden(ctx.data);
      if ('fout' in commando) return ctx.kaart(ctx.dossier, { formulier: 'veiligheidsbeoordeling', waarden, fouten: { lokaalTeam: commando.fout } });
      const r = await ctx.service.pasKetenstapToe(ctx.aanvraag, ctx.dossier.id, commando, ctx.versie);
      if (r.ok) return ctx.kaart(r.waarde.dossier, { melding: 'Veiligheidsbeoordeling vastgelegd.' });
      const veld = FOUT_VELD[r.fout.code];
      if (veld) return ctx.kaart(ctx.dossier, { formulier: 'veiligheidsbeoordeling', waarden, fouten: { [veld]: r.fout.melding } });
      return ctx.kaart(ctx.dossier, { melding: r.fout.melding });
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
] as const;
