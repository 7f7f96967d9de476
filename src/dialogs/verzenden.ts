import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Weergave } from '../app/meldcodeFlow.js';
import { kaartVoor } from '../cards/kaarten.js';

/** Sends a view as an Adaptive Card. The preview text never names anyone: only the reference. */
export async function stuurWeergave(context: TurnContext, w: Weergave): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(kaartVoor(w), undefined, voorbeeldtekst(w)));
}

export function voorbeeldtekst(w: Weergave): string {
  switch (w.soort) {
    case 'dossier':
    case 'verslag':
      return `meldroute: ${w.dossier.referentie}`;
    case 'casussen':
      return 'meldroute: mijn casussen';
    default:
      return 'meldroute';
  }
}
