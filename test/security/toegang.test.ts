import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maakMessagesHandler } from '../../functions/messages.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import { ConfigFout, laadAzureConfig, laadConfig } from '../../src/config.js';
import { haalApplicatie } from '../../src/bot/compositie.js';
import { klik } from '../support/activiteit.js';
import { functieContext, functieVerzoek, testApplicatie } from '../support/bot.js';
import { hs256, kanaalClaims, rs256, rsaSleutel } from '../support/jwt.js';
import { OpnameLogger } from '../support/logger.js';

/** Who may talk to /api/messages: the attacks from the security review, each as a request. */

const APP_ID = '11111111-2222-3333-4444-555555555555';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const BOT = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'geheim', MicrosoftAppTenantId: 'tenant-1' };

// Another professional's Entra id in a token-less click: the spoof that listed someone else's cases.
const gespooftCasussen = (extra: Record<string, unknown> = {}) =>
  klik(SERVICE_URL, 'k-spoof', 'casussen', {}, { from: { id: 'x', name: 'Iemand', aadObjectId: 'aad-prof-1' }, ...extra });

const LIBRARY_TEKST = /unauthori[sz]ed|signature|jwt|token|algorithm|key|claim|error|stack/i;

describe('fail closed without an app id', () => {
  it('serves nothing, not even a click with a spoofed aadObjectId, without npm start\'s local switch', async () => {
    const applicatie = await testApplicatie({ MELDROUTE_LOKAAL: 'nee' });
    const handler = maakMessagesHandler(async () => applicatie);
    const r = await handler(functieVerzoek(gespooftCasussen()), functieContext());
    expect(r.status).toBe(503);
    expect(r.jsonBody).toEqual({ fout: 'meldroute is niet beschikbaar: de bot is niet ingesteld.' });
    expect(await applicatie.stores.audit.lijst({})).toEqual([]);
    await applicatie.sluit();
  });

  it.each([
    ['next to an app id', { ...BOT, MELDROUTE_LOKAAL: 'ja' }],
    ['on an Azure instance', { MELDROUTE_LOKAAL: 'ja', WEBSITE_INSTANCE_ID: 'abc123' }],
  ])('refuses the local switch %s at start-up', (_naam, env) => {
    expect(() => laadConfig(env)).toThrow(/MELDROUTE_LOKAAL/);
  });

  it('the Azure Functions entry refuses the local switch even where config alone would allow it', () => {
    expect(() => laadAzureConfig({ MELDROUTE_LOKAAL: 'ja' })).toThrow(ConfigFout);
    expect(laadAzureConfig(BOT).bot.appId).toBe(APP_ID);
  });

  it('every Azure trigger builds the shared application with the Azure loader: a timer that runs first cannot let the local switch in', async () => {
    const vorige = process.env['MELDROUTE_LOKAAL'];
    process.env['MELDROUTE_LOKAAL'] = 'ja';
    try {
      // retentie, auditBezorging and messages all call haalApplicatie() without a loader of their own.
      await expect(haalApplicatie()).rejects.toThrow(/MELDROUTE_LOKAAL=ja is alleen voor npm start/);
    } finally {
      if (vorige === undefined) delete process.env['MELDROUTE_LOKAAL'];
      else process.env['MELDROUTE_LOKAAL'] = vorige;
    }
  });

  it('a configuration that fails answers 503 with a foutcode, not the error text', async () => {
    const handler = maakMessagesHandler(async () => {
      throw new ConfigFout('Ongeldige configuratie: COSMOS_KEY geheim-123');
    });
    const r = await handler(functieVerzoek(gespooftCasussen()), functieContext());
    expect(r.status).toBe(503);
    expect(r.jsonBody).toMatchObject({ fout: 'meldroute is niet beschikbaar.', foutcode: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(JSON.stringify(r.jsonBody)).not.toContain('geheim-123');
  });
});

describe('only Teams is served', () => {
  it.each([['webchat'], ['directline'], ['directlinease'], ['slack']])('channelId %s is refused with 403, also locally', async (kanaal) => {
    const applicatie = await testApplicatie();
    const handler = maakMessagesHandler(async () => applicatie);
    const r = await handler(functieVerzoek(gespooftCasussen({ channelId: kanaal })), functieContext());
    expect(r.status).toBe(403);
    expect(r.jsonBody).toEqual({ fout: 'Dit kanaal wordt niet bediend.' });
    await applicatie.sluit();
  });
});

describe('with an app id every request needs a Bot Framework JWT (signing keys from a mocked OpenID endpoint)', () => {
  const sleutel = rsaSleutel('meldroute-test-sleutel');
  const vreemdeSleutel = rsaSleutel('meldroute-test-sleutel');
  const log = new OpnameLogger();
  let applicatie: Applicatie;
  let handler: ReturnType<typeof maakMessagesHandler>;
  const stuur = (body: unknown, authorization?: string) => handler(functieVerzoek(body, authorization ? { authorization } : {}), functieContext());

  beforeAll(async () => {
    // botframework-connector fetches these two documents (node-fetch over https); nothing else may leave the machine.
    nock.disableNetConnect();
    nock('https://login.botframework.com')
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [sleutel.jwk] });
    applicatie = await testApplicatie(BOT, { log });
    handler = maakMessagesHandler(async () => applicatie);
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await applicatie.sluit();
  });

  it('accepts a click with a token signed by the published key (the control for every refusal below)', async () => {
    const r = await stuur(klik(SERVICE_URL, 'k-echt', 'casussen'), `Bearer ${rs256(sleutel, kanaalClaims(APP_ID, SERVICE_URL))}`);
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.jsonBody)).toContain('Mijn casussen');
  });

  const publiekePem = () => sleutel.prive.export({ type: 'pkcs1', format: 'pem' });
  // 'kop': refused on the header alone, before the body is read; 'sdk': by botbuilder's validation,
  // with a foutcode that leads to the library's reason in the log.
  it.each<[string, 'kop' | 'sdk', () => string | undefined]>([
    ['no Authorization header', 'kop', () => undefined],
    ['a Basic header', 'kop', () => 'Basic YWRtaW46YWRtaW4='],
    ['a Bearer that is not a JWT', 'kop', () => 'Bearer niet-een-jwt'],
    ['alg none', 'kop', () => `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(kanaalClaims(APP_ID, SERVICE_URL))).toString('base64url')}.`],
    ['a forged signature with the known key id', 'sdk', () => `Bearer ${rs256(vreemdeSleutel, kanaalClaims(APP_ID, SERVICE_URL))}`],
    ['HS256 with the known key id', 'sdk', () => `Bearer ${hs256(sleutel.kid, publiekePem(), kanaalClaims(APP_ID, SERVICE_URL))}`],
    ['an unknown key id', 'sdk', () => `Bearer ${rs256({ kid: 'onbekend', prive: sleutel.prive }, kanaalClaims(APP_ID, SERVICE_URL))}`],
    ['another bot\'s audience', 'sdk', () => `Bearer ${rs256(sleutel, kanaalClaims('andere-bot', SERVICE_URL))}`],
    ['another serviceUrl', 'sdk', () => `Bearer ${rs256(sleutel, kanaalClaims(APP_ID, 'https://aanvaller.example/'))}`],
    ['an expired token', 'sdk', () => `Bearer ${rs256(sleutel, kanaalClaims(APP_ID, SERVICE_URL, Math.floor(Date.now() / 1000) - 7200))}`],
    ['another issuer', 'sdk', () => `Bearer ${rs256(sleutel, { ...kanaalClaims(APP_ID, SERVICE_URL), iss: 'https://aanvaller.example' })}`],
  ])('refuses %s with 401 and no library text', async (_naam, waar, header) => {
    const r = await stuur(gespooftCasussen(), header());
    expect(r.status).toBe(401);
    const body = r.jsonBody as { fout: string; foutcode?: string };
    expect(body.fout).toBe('Niet aangemeld.');
    expect(JSON.stringify(body)).not.toMatch(LIBRARY_TEKST);
    if (waar === 'kop') {
      expect(body.foutcode).toBeUndefined();
    } else {
      const regel = log.regels.find((l) => l.velden['foutcode'] === body.foutcode);
      expect(regel?.bericht).toBe('Verzoek niet geauthenticeerd');
      expect(String(regel?.velden['reden'])).not.toBe('');
    }
  });

  it('refuses malformed JSON without a token with 401: the body is not read', async () => {
    expect((await handler(functieVerzoek('{niet json'), functieContext())).status).toBe(401);
  });

  it('refuses a valid token on a channel other than msteams', async () => {
    const r = await stuur(gespooftCasussen({ channelId: 'emulator' }), `Bearer ${rs256(sleutel, kanaalClaims(APP_ID, SERVICE_URL))}`);
    expect(r.status).toBe(403);
  });

  it('audits nothing and lists nothing for any refused request', async () => {
    await stuur(gespooftCasussen());
    const lezingen = (await applicatie.stores.audit.lijst({})).filter((r) => r.actor.id === 'aad-prof-1' && r.actor.naam === 'Iemand');
    expect(lezingen).toEqual([]);
  });
});
