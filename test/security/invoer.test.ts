import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maakMessagesHandler } from '../../functions/messages.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import { leesBegrensd, MAX_BODY_BYTES } from '../../src/bot/http.js';
import { HttpRequest } from '../../src/hosting/azureFunctions.js';
import { startHost, type Host } from '../../scripts/host.js';
import { activity, klik } from '../support/activiteit.js';
import { functieContext, functieVerzoek, testApplicatie } from '../support/bot.js';
import { startFakeConnector } from '../support/fakeConnector.js';
import { OpnameLogger } from '../support/logger.js';

/** Attacks on the shape and size of the request, at HTTP level (local switch: no token needed). */

const MB = 1024 * 1024;

/**
 * Streams `totaal` bytes of spaces to the host, politely (waiting for drain), and stops as soon
 * as an answer arrives. `geschreven` tells how much the server let through before answering.
 */
function stuurGroteBody(url: string, totaal: number, headers: Record<string, string> = {}): Promise<{ status: number; tekst: string; geschreven: number }> {
  return new Promise((klaar, mislukt) => {
    const deel = Buffer.alloc(64 * 1024, 0x20);
    let geschreven = 0;
    let beantwoord = false;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    req.on('response', (res) => {
      beantwoord = true;
      let tekst = '';
      res.on('data', (d: Buffer) => (tekst += d.toString()));
      res.on('end', () => {
        klaar({ status: res.statusCode ?? 0, tekst, geschreven });
        req.destroy();
      });
    });
    req.on('error', (fout) => {
      if (!beantwoord) mislukt(fout);
    });
    const schrijf = () => {
      while (!beantwoord && geschreven < totaal) {
        geschreven += deel.length;
        if (!req.write(deel)) {
          req.once('drain', schrijf);
          return;
        }
      }
      if (!beantwoord) req.end();
    };
    schrijf();
  });
}

describe('input attacks through the Node host', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  const log = new OpnameLogger();

  beforeAll(async () => {
    applicatie = await testApplicatie({}, { log });
    host = await startHost(applicatie, 0);
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  it('a 150 MB body without content-length gets 413 after reading little more than the limit', async () => {
    const rssVoor = process.memoryUsage().rss;
    const r = await stuurGroteBody(`${host.url}/api/messages`, 150 * MB, { 'transfer-encoding': 'chunked' });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.tekst)).toEqual({ fout: 'Het bericht is te groot.' });
    // Socket buffers on both sides hold a few MB at most; the other 140+ MB were never sent.
    expect(r.geschreven).toBeLessThan(10 * MB);
    expect(process.memoryUsage().rss - rssVoor).toBeLessThan(100 * MB);
  });

  it('a 150 MB content-length is refused with 413 on the header, without reading the body', async () => {
    const r = await stuurGroteBody(`${host.url}/api/messages`, 150 * MB, { 'content-length': String(150 * MB) });
    expect(r.status).toBe(413);
    expect(r.geschreven).toBeLessThan(10 * MB);
  });

  it('the host still serves after refusing a large body', async () => {
    const r = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(klik(connector.url, 'k-1', 'casussen')) });
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('Mijn casussen');
  });

  it.each([
    ['no type', { type: undefined }, 'type'],
    ['no conversation', { conversation: undefined }, 'conversation'],
    ['a conversation without id', { conversation: { conversationType: 'personal' } }, 'conversation.id'],
    ['no from', { from: undefined }, 'from'],
    ['no serviceUrl', { serviceUrl: undefined }, 'serviceUrl'],
  ])('an activity with %s gets 400 with a short Dutch message naming the field', async (_naam, wijziging, veld) => {
    const body = { ...activity(connector.url, { type: 'message', id: 'm-x', text: 'casussen' }), ...wijziging };
    const r = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ fout: `Ongeldige activiteit: ${veld} ontbreekt of is ongeldig.` });
  });

  it.each([['{niet json'], ['[1, 2'], ['"alleen een tekst"'], ['null']])('a body %s gets 400, never a stack trace', async (body) => {
    const r = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(r.status).toBe(400);
    expect(await r.text()).not.toMatch(/at |Error|\.js|\.ts/);
  });
});

describe('the capped reader under the Functions handler', () => {
  it('stops pulling a 150 MB stream just past the limit', async () => {
    let getrokken = 0;
    const deel = new Uint8Array(64 * 1024);
    const stroom = new ReadableStream<Uint8Array>({
      pull(c) {
        if (getrokken >= 150 * MB) return c.close();
        getrokken += deel.byteLength;
        c.enqueue(deel);
      },
    });
    expect(await leesBegrensd(stroom, MAX_BODY_BYTES)).toBeUndefined();
    expect(getrokken).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * deel.byteLength);
  });

  it('reads a body at the limit in full', async () => {
    const tekst = 'x'.repeat(MAX_BODY_BYTES);
    expect(await leesBegrensd(new Response(tekst).body, MAX_BODY_BYTES)).toBe(tekst);
  });

  it('answers a content-length over the limit with 413 from the handler too', async () => {
    const applicatie = await testApplicatie();
    const handler = maakMessagesHandler(async () => applicatie);
    const verzoek = new HttpRequest({ method: 'POST', url: 'http://127.0.0.1/api/messages', headers: { 'content-length': String(150 * MB) }, body: { string: '{}' } });
    expect((await handler(verzoek, functieContext())).status).toBe(413);
    expect((await handler(functieVerzoek('x'.repeat(MAX_BODY_BYTES + 1)), functieContext())).status).toBe(413);
    await applicatie.sluit();
  });
});
