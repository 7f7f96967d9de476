import type { Activity, TurnContext } from 'botbuilder';
import type { GebruikersRegister } from '../app/gebruikers.js';
import type { Aanvraag } from '../app/meldcodeService.js';

/** The Entra tenant of an activity: Teams puts it in channelData.tenant.id. */
export function tenantVan(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const uitChannelData = typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return uitChannelData ?? activity.conversation?.tenantId;
}

export function aanvraagUit(context: TurnContext, register: GebruikersRegister): Aanvraag {
  const van = context.activity.from;
  // The Entra object id identifies a person across chats; the channel account id is a fallback
  // for channels without Entra (the local Playground gives both).
  const id = van.aadObjectId ?? van.id;
  return { gebruiker: register.zoek(id, van.name || 'Onbekende gebruiker', tenantVan(context.activity)), kanaal: context.activity.channelId || 'onbekend' };
}
