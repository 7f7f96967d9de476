import { ConversationState, type TurnContext } from 'botbuilder';

/**
 * Dialog state per person per conversation. botbuilder's ConversationState keys state by the
 * conversation alone, so in a channel or group chat everyone would continue one shared dialog:
 * what one person types would answer the question asked of another.
 */
export class DialogToestand extends ConversationState {
  override getStorageKey(context: TurnContext): string | undefined {
    const { channelId, conversation, from } = context.activity;
    const persoon = from?.aadObjectId ?? from?.id;
    return channelId && conversation?.id && persoon ? `${channelId}/conversations/${conversation.id}/personen/${persoon}` : undefined;
  }
}
