import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maakMessagesHandler } from '../../functions/messages.js';
import { HttpRequest } from '../../src/hosting/azureFunctions.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import { startHost, type Host } from '../../scripts/host.js';
import { functieContext, functieVerzoek, testApplicatie } from '../support/bot.js';
import { startFakeConnector } from '../support/fakeConnector.js';
import { activity } from '../support/activiteit.js';

describe('POST /api/messages, through the Node host and a fake Bot Connector', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  const post = async (body: unknown) => {
    const r = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tekst = await r.text();
    return { status: r.status, body: tekst ? (JSON.parse(tekst) as Record<string, unknown>) : undefined };
  };

  beforeAll(async () => {
    applicatie = await testApplicatie();
    host = await startHost(applicatie, 0);
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  it('welcomes on install in personal scope and keeps the conversation reference', async () => {
    const r = await post(activity(connector.url, { type: 'conversationUpdate', id: 'cu-1', membersAdded: [{ id: 'bot-1' }] }));
    expect(r.status).toBe(200);
    const welkom = connector.ontvangen.at(-1);
    expect(welkom?.pad).toBe('/v3/conversations/a%3Apersoonlijk-1/activities/cu-1');
    expect(JSON.stringify(welkom?.activity)).toContain('Welkom bij meldroute');
    expect(await applicatie.stores.gesprekken.zoek({ soort: 'persoonlijk', gebruikerId: 'aad-prof-1' })).toMatchObject({ conversation: { id: 'a:persoonlijk-1' } });
  });

  it('replies to a typed message at /activities/:replyToId', async () => {
    const r = await post(activity(connector.url, { type: 'message', id: 'msg-1', text: 'start' }));
    expect(r.status).toBe(200);
    const antwoord = connector.ontvangen.at(-1);
    expect(antwoord?.pad).toBe('/v3/conversations/a%3Apersoonlijk-1/activities/msg-1');
    expect(antwoord?.activity['text']).toMatch(/Welk kenmerk geeft u de casus/);
  });

  it('answers adaptiveCard/action invokes with the refreshed card in the HTTP response', async () => {
    const voor = connector.ontvangen.length;
    const r = await post(
      activity(connector.url, {
        type: 'invoke',
        id: 'inv-1',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'start', data: { referentie: 'Gezin K., groep 5', werktMetVolwassenen: 'false' } }, trigger: 'manual' },
      }),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(r.body)).toContain('Stap 1 van 5');
    expect(connector.ontvangen.length).toBe(voor);
  });

  it('dialog state belongs to one person: someone else in the same conversation does not answer their typed start', async () => {
    const tekst = () => JSON.stringify(connector.ontvangen.at(-1)?.activity ?? {});
    await post(activity(connector.url, { type: 'message', id: 'msg-a1', text: 'start' }));
    expect(tekst()).toMatch(/Welk kenmerk geeft u de casus/);
    await post(activity(connector.url, { type: 'message', id: 'msg-b1', text: 'Gezin P.', from: { id: 'user-2', name: 'Bram Smit', aadObjectId: 'aad-prof-2' } }));
    expect(tekst()).toMatch(/Dat begreep ik niet/);
    await post(activity(connector.url, { type: 'message', id: 'msg-a2', text: 'Gezin K., groep 5' }));
    expect(tekst()).toMatch(/Werkt u met volwassen cliënten/);
  });

  it('an invalid invoke gets the card back with a Dutch error, not an HTTP error', async () => {
    const r = await post(activity(connector.url, { type: 'invoke', id: 'inv-2', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'start', data: { referentie: '123456782' } } } }));
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toContain('burgerservicenummer');
  });
});

describe('POST /api/messages from a team channel or group chat: no case data there (issue 7 §1)', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  let dossierId: string;
  const post = async (body: unknown) => {
    const r = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tekst = await r.text();
    return { status: r.status, body: tekst ? (JSON.parse(tekst) as Record<string, unknown>) : undefined };
  };
  const kanaal = {
    conversation: { id: '19:algemeen@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:algemeen@thread.tacv2' } },
  };
  const groepschat = { conversation: { id: '19:overleg@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' } };

  beforeAll(async () => {
    applicatie = await testApplicatie();
    host = await startHost(applicatie, 0);
    connector = await startFakeConnector();
    const r = await post(activity(connector.url, { type: 'invoke', id: 'inv-start', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'start', data: { referentie: 'Gezin K., groep 5', werktMetVolwassenen: 'false' } } } }));
    dossierId = /"dossierId":"([^"]+)"/.exec(JSON.stringify(r.body))?.[1] ?? '';
    expect(dossierId).not.toBe('');
  });
  afterAll(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  it.each([
    ['a team channel', 'open', {}, 'read', kanaal],
    ['a team channel', 'verslag', {}, 'export', kanaal],
    ['a team channel', 'signalen', { categorieen: 'anders', beschrijving: 'Blauwe plek gezien op maandag.', waargenomenDoor: 'Mentor' }, 'update', kanaal],
    ['a group chat', 'open', {}, 'read', groepschat],
    ['a group chat', 'verslag', {}, 'export', groepschat],
    ['a group chat', 'signalen', { categorieen: 'anders', beschrijving: 'Blauwe plek gezien op maandag.', waargenomenDoor: 'Mentor' }, 'update', groepschat],
  ])('in %s an invoke "%s" for a personal case is refused, changes nothing and is audited', async (_naam, verb, data, actie, gesprek) => {
    const voor = await applicatie.stores.dossiers.get(dossierId);
    const r = await post(activity(connector.url, { type: 'invoke', id: `inv-${verb}`, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { dossierId, ...data } } }, ...gesprek }));
    expect(r.status).toBe(200);
    const kaart = JSON.stringify(r.body);
    expect(kaart).toContain('meldroute toont casussen alleen in uw persoonlijke chat.');
    expect(kaart).toContain('https://teams.microsoft.com/l/chat/0/0?users=28:bot-1');
    expect(kaart).not.toMatch(/Gezin K\.|Action\.Execute|dossierId/);
    expect(kaart).not.toContain(dossierId);
    expect((await applicatie.stores.dossiers.get(dossierId))?.etag).toBe(voor?.etag);
    expect((await applicatie.stores.audit.lijst({ dossierId })).at(-1)).toMatchObject({ actie, uitkomst: 'geweigerd', dossierId });
  });

  it('"@meldroute help" in a channel gets the channel help', async () => {
    const r = await post(
      activity(connector.url, {
        type: 'message',
        id: 'msg-help',
        text: '<at>meldroute</at> help',
        entities: [{ type: 'mention', text: '<at>meldroute</at>', mentioned: { id: 'bot-1', name: 'meldroute' } }],
        ...kanaal,
      }),
    );
    expect(r.status).toBe(200);
    const antwoord = JSON.stringify(connector.ontvangen.at(-1)?.activity);
    expect(antwoord).toContain('Casussen alleen in uw persoonlijke chat');
    expect(antwoord).not.toContain('Dat begreep ik niet');
  });

  it('"@meldroute casussen" in a channel gets one line without references or counts', async () => {
    await post(activity(connector.url, { type: 'message', id: 'msg-casussen', text: '<at>meldroute</at> casussen', entities: [{ type: 'mention', text: '<at>meldroute</at>', mentioned: { id: 'bot-1' } }], ...kanaal }));
    const antwoord = JSON.stringify(connector.ontvangen.at(-1)?.activity);
    expect(antwoord).toContain('meldroute toont casussen alleen in uw persoonlijke chat.');
    expect(antwoord).not.toMatch(/Gezin K\.|Mijn casussen|dossierId/);
  });

  it('installed in a team, it posts a short card without case data', async () => {
    await post(activity(connector.url, { type: 'conversationUpdate', id: 'cu-team', membersAdded: [{ id: 'bot-1' }], ...kanaal }));
    const welkom = connector.ontvangen.at(-1);
    expect(welkom?.pad).toBe('/v3/conversations/19%3Aalgemeen%40thread.tacv2/activities/cu-team');
    expect(JSON.stringify(welkom?.activity)).toContain('Casussen alleen in uw persoonlijke chat');
    expect(JSON.stringify(welkom?.activity)).not.toMatch(/Gezin K\.|Action\.Execute/);
  });
});

describe('functions/messages handler (real HttpRequest and InvocationContext)', () => {
  it('refuses a request without a valid Bot Framework JWT when an app id is configured', async () => {
    const applicatie = await testApplicatie({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'geheim', MicrosoftAppTenantId: 'tenant-1' });
    const handler = maakMessagesHandler(async () => applicatie);
    const body = activity('https://smba.trafficmanager.net/emea/', { type: 'message', id: 'm', text: 'start' });
    expect((await handler(functieVerzoek(body), functieContext())).status).toBe(401);
    expect((await handler(functieVerzoek(body, { authorization: 'Bearer niet-een-jwt' }), functieContext())).status).toBe(401);
    await applicatie.sluit();
  });

  it('refuses and audits an activity from a tenant that is not allowed', async () => {
    const connector = await startFakeConnector();
    const applicatie = await testApplicatie({ ALLOWED_TENANT_IDS: 'tenant-1' });
    const handler = maakMessagesHandler(async () => applicatie);
    const vreemd = { channelData: { tenant: { id: 'tenant-vreemd' } }, conversation: { id: 'a:x', conversationType: 'personal', tenantId: 'tenant-vreemd' } };
    expect((await handler(functieVerzoek(activity(connector.url, { type: 'message', id: 'm-1', text: 'casussen', ...vreemd })), functieContext())).status).toBe(200);
    const invoke = await handler(functieVerzoek(activity(connector.url, { type: 'invoke', id: 'i-1', name: 'adaptiveCard/action', value: { action: { verb: 'casussen' } }, ...vreemd })), functieContext());
    expect(invoke.status).toBe(403);
    expect(connector.ontvangen).toEqual([]);
    const audit = await applicatie.stores.audit.lijst({});
    expect(audit.filter((r) => r.uitkomst === 'geweigerd').map((r) => r.tenant)).toEqual(['tenant-vreemd', 'tenant-vreemd']);
    await applicatie.sluit();
    await connector.stop();
  });

  it('rejects a body that is not JSON with 400', async () => {
    const applicatie = await testApplicatie();
    const handler = maakMessagesHandler(async () => applicatie);
    const r = await handler(new HttpRequest({ method: 'POST', url: 'http://127.0.0.1/api/messages', body: { string: '{niet json' } }), functieContext());
    expect(r.status).toBe(400);
    await applicatie.sluit();
  });
});
