import { z } from 'zod';
import { gebondenLid } from '../toegang.js';
import { welkomVoor, type Weergave } from '../weergave.js';
import { algemeen, type VerbContext } from './verb.js';

/**
 * The party a bound channel belongs to, by name, for a verified member of the bound team who works
 * for that party; for anyone else (another channel, a non-member, a group or personal chat) nothing.
 */
export function kanaalVan(ctx: VerbContext): string | undefined {
  const k = gebondenLid(ctx.aanvraag.gesprek, ctx.aanvraag.gebruiker);
  if (k === undefined) return undefined;
  return k.soort === 'veilig-thuis' ? ctx.regio(k.regioId).veiligThuis.naam : (ctx.regios.lokaalTeam(k.teamKey)?.team.naam ?? 'het lokale team');
}

/**
 * A bound channel's own work list: its party's open cases, each opening the channel card with
 * its actions. In Teams the cards sink in the channel's history; in the Playground, which keeps
 * no history across a restart, it is how a person switching roles finds the case again.
 */
export const KANAAL_VERBS = [
  algemeen({
    verb: 'kanaal-casussen',
    invoer: z.object({}),
    overal: true,
    handle: async (ctx): Promise<Weergave> => {
      const dossiers = await ctx.service.kanaalCasussen(ctx.aanvraag);
      const partij = kanaalVan(ctx);
      if (dossiers === undefined || partij === undefined) return welkomVoor(ctx.aanvraag, 'Openstaande casussen ziet u in het kanaal dat aan uw team is gekoppeld.');
      return { soort: 'kanaal-casussen', partij, dossiers, nu: ctx.nu(), regio: ctx.regio };
    },
  }),
] as const;
