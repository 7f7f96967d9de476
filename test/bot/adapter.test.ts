import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { stilleLogger } from '../../src/app/logger.js';
import { maakAdapter } from '../../src/bot/adapter.js';

/** The Bot Connector client and the user token client a proactive turn gets from the adapter. */
async function clientsVan(adapter: ReturnType<typeof maakAdapter>, serviceUrl: string): Promise<[unknown, unknown]> {
  let clients: [unknown, unknown] = [undefined, undefined];
  await adapter.continueConversationAsync('', { serviceUrl, channelId: 'msteams', conversation: { id: 'chat-1', isGroup: false, conversationType: 'personal', name: '' } }, async (context: TurnContext) => {
    clients = [context.turnState.get(adapter.ConnectorClientKey), context.turnState.get(adapter.UserTokenClientKey)];
  });
  return clients;
}

describe('maakAdapter: proactive turns', () => {
  // Every nudge is a proactive turn: a client (and its HTTP pipeline) per message is what made the
  // sender's heap grow by ~100 MB per 1 000 nudges (bench:reminders' peak RSS).
  it('reuses one Bot Connector client and one user token client per service URL', async () => {
    const adapter = maakAdapter({ appType: 'MultiTenant', toegestaneTenants: [], lokaal: true }, stilleLogger);
    const [connector, tokens] = await clientsVan(adapter, 'https://smba.example/emea/');
    expect(connector).toBeDefined();
    const [weer, weerTokens] = await clientsVan(adapter, 'https://smba.example/emea/');
    expect(weer).toBe(connector);
    expect(weerTokens).toBe(tokens);
    const [ander, zelfdeTokens] = await clientsVan(adapter, 'https://smba.example/amer/');
    expect(ander).not.toBe(connector);
    expect(zelfdeTokens).toBe(tokens);
  });
});
