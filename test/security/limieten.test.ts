import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maakMessagesHandler } from '../../functions/messages.js';
import { Begrenzer } from '../../src/bot/begrenzer.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import { TE_VEEL_VERZOEKEN } from '../../src/bot/http.js';
import type { Stores } from '../../src/store/ports.js';
import { startHost, type Host } from '../../scripts/host.js';
import { activity, klik } from '../support/activiteit.js';
import { TestKlok } from '../support/app.js';
import { functieContext, functieVerzoek, testApplicatie } from '../support/bot.js';
import { startFakeConnector } from '../support/fakeConnector.js';

/** Floods on /api/messages: one person, one tenant. */

async function aantalDossiers(stores: Stores, gebruikerId: string): Promise<number> {
  let aantal = 0;
  let vervolg: string | undefined;
  do {
    const pagina = await stores.dossiers.lijst({ soort: 'eigen', gebruikerId }, { max: 100, ...(vervolg ? { vervolg } : {}) });
    aantal += pagina.items.length;
    vervolg = pagina.vervolg;
  } while (vervolg);
  return aantal;
}

const van = (aadObjectId: string, tenant: string) => ({
  from: { id: `id-${aadObjectId}`, name: 'Professional', aadObjectId },
  conversation: { id: `a:${aadObjectId}`, conversationType: 'personal', tenantId: tenant },
  channelData: { tenant: { id: tenant } },
});

describe('rate limits per person and per tenant', () => {
  it('a burst of 500 start clicks from one person creates at most the burst allowance of dossiers', async () => {
    const applicatie = await testApplicatie({ LIMIET_GEBRUIKER_PIEK: '20' });
    const handler = maakMessagesHandler(async () => applicatie);
    const antwoorden = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        handler(functieVerzoek(klik('http://127.0.0.1:9/', `k-${i}`, 'start', { referentie: `Gezin ${i}`, werktMetVolwassenen: 'false' })), functieContext()),
      ),
    );
    const teVeel = antwoorden.filter((a) => JSON.stringify(a.jsonBody) === JSON.stringify({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TE_VEEL_VERZOEKEN }));
    expect(antwoorden.every((a) => a.status === 200)).toBe(true);
    expect(teVeel).toHaveLength(480);
    expect(await aantalDossiers(applicatie.stores, 'aad-prof-1')).toBe(20);
    await applicatie.sluit();
  });

  it('a flooded tenant is refused while another tenant is still served', async () => {
    const applicatie = await testApplicatie({ LIMIET_GEBRUIKER_PIEK: '5', LIMIET_TENANT_PIEK: '10' });
    const handler = maakMessagesHandler(async () => applicatie);
    const klikVan = async (wie: string, tenant: string, i: number) =>
      JSON.stringify((await handler(functieVerzoek(klik('http://127.0.0.1:9/', `k-${wie}-${i}`, 'casussen', {}, van(wie, tenant))), functieContext())).jsonBody);
    const uitslagen: string[] = [];
    for (const wie of ['aad-a', 'aad-b', 'aad-c', 'aad-d']) for (let i = 0; i < 5; i += 1) uitslagen.push(await klikVan(wie, 'tenant-1', i));
    expect(uitslagen.filter((u) => u.includes('Mijn casussen'))).toHaveLength(10);
    expect(await klikVan('aad-e', 'tenant-2', 0)).toContain('Mijn casussen');
    await applicatie.sluit();
  });
});

describe('a flood of typed messages through the host', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  const klok = new TestKlok();

  beforeAll(async () => {
    applicatie = await testApplicatie({ LIMIET_GEBRUIKER_PIEK: '5', LIMIET_GEBRUIKER_PER_MINUUT: '6' }, { klok: klok.lees });
    host = await startHost(applicatie, 0);
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  const typ = (i: number) =>
    fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(connector.url, { type: 'message', id: `m-${i}`, text: 'help' })) });

  it('answers the first refusal once in Dutch and drops the rest without a reply', async () => {
    for (let i = 0; i < 50; i += 1) expect((await typ(i)).status).toBe(200);
    const teksten = connector.ontvangen.map((o) => o.activity['text']);
    expect(teksten.filter((t) => t === TE_VEEL_VERZOEKEN)).toHaveLength(1);
    expect(connector.ontvangen).toHaveLength(6);
  });

  it('serves the person again once the bucket has refilled', async () => {
    const voor = connector.ontvangen.length;
    klok.nu = klok.nu.plus({ seconds: 10 });
    expect((await typ(100)).status).toBe(200);
    expect(connector.ontvangen.length).toBe(voor + 1);
    expect(connector.ontvangen.at(-1)?.activity['text']).not.toBe(TE_VEEL_VERZOEKEN);
  });
});

describe('Begrenzer (token bucket)', () => {
  it.each([
    ['a full bucket allows the burst, then refuses', 3, 60, [0, 0, 0, 0], [true, true, true, false]],
    ['one token comes back per second at 60 per minute', 1, 60, [0, 0, 1000], [true, false, true]],
    ['half a second is not yet a token', 1, 60, [0, 500], [true, false]],
    ['refill never exceeds the burst', 2, 60, [0, 0, 60_000, 60_000, 60_000], [true, true, true, true, false]],
  ])('%s', (_naam, piek, perMinuut, momenten, verwacht) => {
    let nu = 0;
    const begrenzer = new Begrenzer({ piek, perMinuut }, () => nu);
    const uitslagen = momenten.map((m) => {
      nu = m;
      return begrenzer.neem('iemand').toegestaan;
    });
    expect(uitslagen).toEqual(verwacht);
  });

  it('reports only the first refusal of a run as the first', () => {
    const begrenzer = new Begrenzer({ piek: 1, perMinuut: 1 }, () => 0);
    expect([1, 2, 3].map(() => begrenzer.neem('iemand'))).toEqual([
      { toegestaan: true, eersteWeigering: false },
      { toegestaan: false, eersteWeigering: true },
      { toegestaan: false, eersteWeigering: false },
    ]);
  });

  it('keeps a bounded number of keys: the least recently used one starts afresh', () => {
    const begrenzer = new Begrenzer({ piek: 1, perMinuut: 1 }, () => 0, 2);
    expect(begrenzer.neem('a').toegestaan).toBe(true);
    expect(begrenzer.neem('a').toegestaan).toBe(false);
    begrenzer.neem('b');
    begrenzer.neem('c');
    expect(begrenzer.neem('a').toegestaan).toBe(true);
  });
});
