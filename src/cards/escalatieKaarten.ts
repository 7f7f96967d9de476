import type { Bezorgweergave } from '../app/bezorging.js';
import { signaleringTekst } from '../domain/index.js';
import { LEEG_KADER, bouw, type KaartBijlage } from './kaarten.js';
import { zonderMarkdown } from './markdown.js';
import termijnOverzicht from './termijnOverzicht.json' with { type: 'json' };

/**
 * To the region's beleid: repeated escalations in one gemeente (seed 004 bijlage 4: VT reports a
 * structural problem to the AB). Information only, about the gemeente, never about a case: the
 * beleidsmedewerker has no access to the dossier, so the card names no reference and opens nothing.
 */
export function structureelSignaalKaart(w: Extract<Bezorgweergave, { soort: 'structureel-signaal' }>): KaartBijlage {
  const tekst = signaleringTekst(w);
  return bouw(
    termijnOverzicht,
    { ...LEEG_KADER, kop: `Escalaties · ${zonderMarkdown(w.regioNaam)}`, titel: zonderMarkdown(w.gemeente), meldingStijl: 'warning', melding: `${tekst.charAt(0).toUpperCase()}${tekst.slice(1)}.` },
    {
      inleiding:
        'Er is opnieuw een escalatie (route a) gestart voor een casus in deze gemeente. Herhaalde escalaties wijzen op een mogelijk structureel probleem in de samenwerking; bespreek het met Veilig Thuis en breng het zo nodig in bij het AB. Deze kaart bevat geen gegevens over de casussen zelf.',
      casussen: [],
    },
  );
}
