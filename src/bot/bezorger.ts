import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Bericht, Bezorger } from '../app/bezorging.js';
import type { KaartBijlage } from '../cards/kaarten.js';
import type { GesprekReferentie } from '../store/ports.js';

/**
 * Proactive messages through the Bot Connector, with the conversation reference Teams gave on
 * install or on the last message. Posting to a channel's conversation id starts a new thread.
 * The preview text never names anyone: only that meldroute has something.
 */
export class TeamsBezorger implements Bezorger {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; empty only under npm start's local switch. */
    private readonly appId: string,
    private readonly render: (b: Bericht) => KaartBijlage,
  ) {}

  async plaats(naar: GesprekReferentie, bericht: Bericht): Promise<string> {
    let activityId = '';
    await this.adapter.continueConversationAsync(this.appId, naar as Partial<ConversationReference>, async (context) => {
      const antwoord = await context.sendActivity(MessageFactory.attachment(this.render(bericht), undefined, 'meldroute'));
      activityId = antwoord?.id ?? '';
    });
    if (activityId === '') throw new Error('Teams gaf geen activity id terug.');
    return activityId;
  }

  async werkBij(naar: GesprekReferentie, activityId: string, bericht: Bericht): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, naar as Partial<ConversationReference>, async (context) => {
      await context.updateActivity({ ...MessageFactory.attachment(this.render(bericht), undefined, 'meldroute'), id: activityId });
    });
  }
}
