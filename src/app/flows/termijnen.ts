import { z } from 'zod';
import type { Dossier, VtCommando } from '../../domain/index.js';
import type { RegioGids } from '../regio.js';
import type { Weergave } from '../weergave.js';
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

const DossierId = z.string().min(1, 'Deze kaart noemt geen casus.');
const EscaleerInvoer = z.object({ dossierId: DossierId, reden: z.string().trim().min(1, 'Geef kort de reden van de escalatie.').max(1000) });
const UitkomstInvoer = z.object({ dossierId: DossierId, uitkomst: z.enum(['I', 'II'], { message: 'Kies uitkomst I of II.' }) });

async function escalatieStap(ctx: VerbContext, dossierId: string, commando: VtCommando, gelukt: (d: Dossier) => string): Promise<Weergave> {
  const r = await ctx.service.pasKetenstapToe(ctx.aanvraag, dossierId, commando, undefined, (d) => magEscaleren(ctx.regios, ctx.aanvraag.gebruiker.id, d));
  if (!r.ok) return { soort: 'welkom', melding: r.fout.melding };
  return { soort: 'welkom', melding: gelukt(r.waarde.dossier) };
}

function lopendeRoute(d: Dossier): string | undefined {
  return d.veiligThuis?.escalaties.find((e) => e.uitkomst === undefined)?.route;
}

export const TERMIJN_VERBS = [
  algemeen({
    verb: 'termijn-escaleer',
    invoer: EscaleerInvoer,
    ongeldig: (_ctx, fouten) => ({ soort: 'welkom', melding: Object.values(fouten).join(' ') }),
    handle: (ctx, i) =>
      escalatieStap(ctx, i.dossierId, { soort: 'start-escalatie', reden: i.reden }, () => 'Escalatie route a vastgelegd op de casus. Leg de uitkomst vast op de herinnering zodra het overleg is geweest.'),
  }),
  algemeen({
    verb: 'termijn-escalatie-uitkomst',
    invoer: UitkomstInvoer,
    ongeldig: (_ctx, fouten) => ({ soort: 'welkom', melding: Object.values(fouten).join(' ') }),
    handle: (ctx, i) =>
      escalatieStap(ctx, i.dossierId, { soort: 'rond-escalatie-af', uitkomst: i.uitkomst }, (d) => {
        const route = lopendeRoute(d);
        return route === undefined
          ? `Uitkomst ${i.uitkomst} vastgelegd: de escalatie is afgerond.`
          : `Uitkomst II vastgelegd: de escalatie gaat verder via route ${route}. Leg ook daarvan de uitkomst vast.`;
      }),
  }),
] as const;
