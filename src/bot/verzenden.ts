import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Weergave } from '../app/meldcodeFlow.js';
import { kaartVoor, type KaartBijlage } from '../cards/kaarten.js';

/** Sends a view as an Adaptive Card. The preview text never names anyone: only the reference. */
export async function stuurWeergave(context: TurnContext, w: Weergave): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(kaartIn(context, w), undefined, voorbeeldtekst(w)));
}

/** The card for a view in this turn's conversation. */
export function kaartIn(context: TurnContext, w: Weergave): KaartBijlage {
  const bot = context.activity.recipient?.id;
  return kaartVoor(w, bot ? { persoonlijkeChat: persoonlijkeChatLink(bot) } : {});
}

/**
 * The Teams deep link to the personal chat with the bot. Teams gives the bot as "28:<app id>";
 * other clients give the app id alone.
 */
export function persoonlijkeChatLink(botId: string): string {
  const id = botId.startsWith('28:') ? botId.slice(3) : botId;
  return `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(id)}`;
}

export function voorbeeldtekst(w: Weergave): string {
  switch (w.soort) {
    case 'dossier':
    case 'verslag':
      // A notification preview can show on a lock screen: never the kenmerk, which may identify.
      return 'meldroute: uw casus';
    case 'casussen':
      return 'meldroute: mijn casussen';
    default:
      return 'meldroute';
  }
}
