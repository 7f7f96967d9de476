import type { Activity, ConversationAccount } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { Gesprek } from '../../src/app/toegang.js';
import { gesprekUit, zonderBotVermelding } from '../../src/bot/context.js';
import { persoonlijkeChatLink } from '../../src/bot/verzenden.js';

describe('gesprekUit: which conversation an activity comes from', () => {
  it.each<[string, Partial<Activity>, Gesprek]>([
    ['a Teams personal chat', { conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' } }, { soort: 'persoonlijk' }],
    [
      'a Teams channel, with its team and channel',
      { conversation: { id: '19:c@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' }, channelData: { team: { id: 'team-1' }, channel: { id: 'kanaal-1' } } },
      { soort: 'kanaal', teamId: 'team-1', kanaalId: 'kanaal-1' },
    ],
    ['a Teams group chat', { conversation: { id: '19:g@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' } }, { soort: 'groepschat' }],
    // botbuilder's type says conversationType is always there; the Emulator and the test adapter leave it out.
    ['no type, one-to-one (Emulator, test adapter)', { conversation: { id: 'c', isGroup: false, name: '' } as ConversationAccount }, { soort: 'persoonlijk' }],
    ['no type, a group', { conversation: { id: 'c', isGroup: true, name: '' } as ConversationAccount }, { soort: 'groepschat' }],
    ['a type meldroute does not know', { conversation: { id: 'c', conversationType: 'meeting', isGroup: false, name: '' } }, { soort: 'groepschat' }],
    ['no conversation at all', {}, { soort: 'groepschat' }],
  ])('%s', (_naam, activity, verwacht) => {
    expect(gesprekUit(activity)).toEqual(verwacht);
  });
});

describe('zonderBotVermelding: the text without the bot\'s @mention', () => {
  const bot = { id: '28:bot-1', name: 'meldroute' };
  const vermelding = (id: string, naam: string) => ({ type: 'mention', text: `<at>${naam}</at>`, mentioned: { id, name: naam } });
  it.each<[string, Partial<Activity>, string]>([
    ['the bot mentioned first', { text: '<at>meldroute</at> help', entities: [vermelding('28:bot-1', 'meldroute')] }, 'help'],
    ['the bot mentioned last', { text: 'casussen <at>meldroute</at>', entities: [vermelding('28:bot-1', 'meldroute')] }, 'casussen'],
    ['another person stays mentioned', { text: '<at>meldroute</at> vraag <at>Peter</at>', entities: [vermelding('28:bot-1', 'meldroute'), vermelding('29:peter', 'Peter')] }, 'vraag <at>Peter</at>'],
    ['a mention tag of the bot without its entity', { text: '<at>meldroute</at>  help' }, 'help'],
    ['text without a mention is left as it was', { text: ' Gezin K.,\ngroep 5 ' }, ' Gezin K.,\ngroep 5 '],
  ])('%s', (_naam, activity, verwacht) => {
    expect(zonderBotVermelding({ ...activity, recipient: bot })).toBe(verwacht);
  });
});

describe('persoonlijkeChatLink', () => {
  it.each([
    ['28:00000000-0000-0000-0000-000000000011', 'https://teams.microsoft.com/l/chat/0/0?users=28:00000000-0000-0000-0000-000000000011'],
    ['00000000-0000-0000-0000-000000000011', 'https://teams.microsoft.com/l/chat/0/0?users=28:00000000-0000-0000-0000-000000000011'],
  ])('%s', (botId, link) => {
    expect(persoonlijkeChatLink(botId)).toBe(link);
  });
});
