import { ConversationState, MemoryStorage, type Activity } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { describe, expect, it } from 'vitest';
import { DialogToestand } from '../../src/bot/dialogToestand.js';

/** A dialog that asks one question and answers whoever gives the answer. */
class VraagDialog extends ComponentDialog {
  constructor() {
    super('vraag');
    this.addDialog(new TextPrompt('kenmerk'));
    this.addDialog(
      new WaterfallDialog('stappen', [
        (s) => s.prompt('kenmerk', { prompt: `Welk kenmerk, ${s.context.activity.from.name}?` }),
        async (s) => {
          await s.context.sendActivity(`Vastgelegd voor ${s.context.activity.from.name}: ${String(s.result)}`);
          return s.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'stappen';
  }
}

const KANAAL = { id: '19:algemeen@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, name: 'Algemeen' };
const annelies = { id: '29:annelies', name: 'Annelies', aadObjectId: 'aad-prof-1' };
const bram = { id: '29:bram', name: 'Bram', aadObjectId: 'aad-prof-2' };

const zegt = (van: typeof annelies, text: string): Partial<Activity> => ({ type: 'message', text, from: van, conversation: KANAAL });

describe('dialog state per person per conversation', () => {
  it.each([
    ['DialogToestand', () => new DialogToestand(new MemoryStorage()), ['Welk kenmerk, Annelies?', 'Welk kenmerk, Bram?', 'Vastgelegd voor Annelies: Gezin K.']],
    // The bug it fixes: with state per conversation, Bram answers the question asked of Annelies.
    ['ConversationState', () => new ConversationState(new MemoryStorage()), ['Welk kenmerk, Annelies?', 'Vastgelegd voor Bram: hallo', 'Welk kenmerk, Annelies?']],
  ])('two people in one channel with %s', async (_naam, maak, verwacht) => {
    const client = new DialogTestClient('msteams', new VraagDialog(), undefined, [], maak());
    const antwoorden = [];
    for (const a of [zegt(annelies, 'hallo'), zegt(bram, 'hallo'), zegt(annelies, 'Gezin K.')]) antwoorden.push((await client.sendActivity(a))?.text);
    expect(antwoorden).toEqual(verwacht);
  });

  it('keys by Entra object id, so a person keeps their dialog across Teams user ids of one conversation', () => {
    const toestand = new DialogToestand(new MemoryStorage());
    const sleutel = (from: Partial<typeof annelies>) => toestand.getStorageKey({ activity: { channelId: 'msteams', conversation: KANAAL, from } } as never);
    expect(sleutel(annelies)).toBe(`msteams/conversations/${KANAAL.id}/personen/aad-prof-1`);
    expect(sleutel({ id: '29:gast' })).toBe(`msteams/conversations/${KANAAL.id}/personen/29:gast`);
    expect(sleutel(bram)).not.toBe(sleutel(annelies));
    expect(sleutel({})).toBeUndefined();
  });
});
