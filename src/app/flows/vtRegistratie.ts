import { z } from 'zod';
import { alsWaarden, VtRegistratieInvoer, type Fouten } from '../kaartInvoer.js';
import { gebondenLid } from '../toegang.js';
import type { Weergave } from '../weergave.js';
import { algemeen, type VerbContext } from './verb.js';

/**
 * Veilig Thuis registers a melding it received itself (seed 004 §4), in its bound channel. The
 * form is served in channels only; the use case decides who may register (the bound VT team).
 */
function formulier(ctx: VerbContext, extra: { waarden?: Record<string, string>; fouten?: Fouten; melding?: string } = {}): Weergave {
  const g = ctx.aanvraag.gesprek;
  const k = g.soort === 'kanaal' ? gebondenLid(g, ctx.aanvraag.gebruiker) : undefined;
  if (k?.soort !== 'veilig-thuis') return { soort: 'kanaalhulp' };
  const regio = ctx.regio(k.regioId);
  return { soort: 'vt-registratie', veiligThuisNaam: regio.veiligThuis.naam, gemeenten: ctx.service.gemeentenVan(k.regioId), ...extra };
}

export const VT_REGISTRATIE_VERBS = [
  algemeen({ verb: 'vt-registreer-formulier', invoer: z.object({}), overal: true, handle: (ctx) => formulier(ctx) }),
  algemeen({
    verb: 'vt-registreer',
    invoer: VtRegistratieInvoer,
    overal: true,
    ongeldig: (ctx, fouten) => formulier(ctx, { waarden: alsWaarden(ctx.data), fouten, melding: 'Controleer de gemarkeerde velden; wat u invulde staat er nog.' }),
    handle: async (ctx, i) => {
      const r = await ctx.service.registreerVtMelding(ctx.aanvraag, {
        referentie: i.referentie,
        melding: { soort: 'bij-veilig-thuis', bron: i.bron, spoed: i.spoed, melder: { naam: i.melderNaam, telefoon: i.melderTelefoon }, feiten: i.feiten, gemeente: i.gemeente },
      });
      if (r.ok) return formulier(ctx, { melding: `Melding ${i.referentie} geregistreerd; de meldingkaart staat in dit kanaal.` });
      if (r.fout.code === 'gemeente-onbekend') return formulier(ctx, { waarden: alsWaarden(ctx.data), fouten: { gemeente: r.fout.melding } });
      return { soort: 'alleen-persoonlijk' };
    },
  }),
] as const;
