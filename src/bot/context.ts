import type { Activity, TurnContext } from 'botbuilder';
import type { GebruikersRegister } from '../app/gebruikers.js';
import type { Aanvraag } from '../app/meldcodeService.js';
import type { Gesprek } from '../app/toegang.js';
import type { Koppeling, KoppelingStore } from '../store/ports.js';
import type { TeamLeden } from './teamLeden.js';

/** The Entra tenant of an activity: Teams puts it in channelData.tenant.id. */
export function tenantVan(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const uitChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return uitChannelData ?? activity.conversation?.tenantId;
}

/**
 * Which conversation an activity comes from. Teams (and the Playground) say so in
 * conversation.conversationType; the Bot Framework's older convention, which the Emulator and
 * the test adapter follow, is no type and isGroup for a conversation of more than two. Anything
 * else is treated as a group chat: it shows no case data.
 */
export function gesprekUit(activity: Partial<Activity>): Gesprek {
  const gesprek = activity.conversation;
  switch (gesprek?.conversationType) {
    case 'personal':
      return { soort: 'persoonlijk' };
    case 'channel': {
      const kanaal = activity.channelData as { team?: { id?: unknown }; channel?: { id?: unknown } } | undefined;
      const teamId = typeof kanaal?.team?.id === 'string' ? kanaal.team.id : gesprek.id;
      return { soort: 'kanaal', teamId, kanaalId: typeof kanaal?.channel?.id === 'string' ? kanaal.channel.id : teamId };
    }
    case undefined:
      return gesprek !== undefined && gesprek.isGroup !== true ? { soort: 'persoonlijk' } : { soort: 'groepschat' };
    default:
      return { soort: 'groepschat' };
  }
}

/** Where this turn keeps what the server found out about its channel; see kanaalVanBeurt. */
const KANAAL_KOPPELING = Symbol('meldroute.kanaalKoppeling');

interface KanaalFeiten {
  readonly koppeling: Koppeling;
  readonly teamLid: boolean;
}

/**
 * Looks up, once per turn and before anything reads the conversation, the party this channel is
 * bound to (the binding store) and whether the person is a member of its team (Teams' roster).
 * Both come from the server; nothing a card or client sends can set them.
 */
export async function kanaalVanBeurt(context: TurnContext, koppelingen: KoppelingStore, leden: TeamLeden): Promise<void> {
  const gesprek = gesprekUit(context.activity);
  if (gesprek.soort !== 'kanaal') return;
  const gevonden = await koppelingen.voorKanaal(gesprek);
  if (gevonden === undefined) return;
  const feiten: KanaalFeiten = { koppeling: gevonden.waarde.koppeling, teamLid: await leden.isLid(context, gesprek) };
  context.turnState.set(KANAAL_KOPPELING, feiten);
}

export function aanvraagUit(context: TurnContext, register: GebruikersRegister): Aanvraag {
  const van = context.activity.from;
  // The Entra object id identifies a person across chats; the channel account id is a fallback
  // for channels without Entra (the local Playground gives both).
  const id = van.aadObjectId ?? van.id;
  const gesprek = gesprekUit(context.activity);
  const feiten = context.turnState.get<KanaalFeiten | undefined>(KANAAL_KOPPELING);
  return {
    gebruiker: register.zoek(id, van.name || 'Onbekende gebruiker', tenantVan(context.activity)),
    kanaal: context.activity.channelId || 'onbekend',
    gesprek: gesprek.soort === 'kanaal' && feiten !== undefined ? { ...gesprek, koppeling: feiten.koppeling, teamLid: feiten.teamLid } : gesprek,
    // A click on a card arrives with the id of the message that holds it: that card can be updated later.
    ...(context.activity.type === 'invoke' && context.activity.replyToId ? { kaartActivityId: context.activity.replyToId } : {}),
  };
}

/**
 * The text of a message without the bot's own @mention: in a channel or group chat Teams puts
 * "<at>meldroute</at> help" in the text, and only "help" is meant.
 */
export function zonderBotVermelding(activity: Partial<Activity>): string {
  const bot = activity.recipient;
  const origineel = activity.text ?? '';
  let tekst = origineel;
  for (const e of activity.entities ?? []) {
    const vermelding = e as { type?: unknown; text?: unknown; mentioned?: { id?: unknown } };
    if (vermelding.type === 'mention' && bot !== undefined && vermelding.mentioned?.id === bot.id && typeof vermelding.text === 'string' && vermelding.text !== '') {
      tekst = tekst.split(vermelding.text).join(' ');
    }
  }
  // A client that sends the mention tag without its entity still names the bot by name.
  if (bot?.name) tekst = tekst.split(`<at>${bot.name}</at>`).join(' ');
  return tekst === origineel ? origineel : tekst.replace(/[ \t]+/g, ' ').trim();
}
