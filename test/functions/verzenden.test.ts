import { setTimeout as wacht } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maakVerzendHandler } from '../../functions/verzenden.js';
import { stilleLogger } from '../../src/app/logger.js';
import type { Opsteller, Verzendopdracht } from '../../src/app/verzender.js';
import { bouwApplicatie, type Applicatie } from '../../src/bot/compositie.js';
import { laadConfig } from '../../src/config.js';
import { InvocationContext } from '../../src/hosting/azureFunctions.js';
import { BewijsVerlopenError, type OntvangenBericht } from '../../src/store/wachtrij.js';
import { demoRegister, testStores, TestKlok } from '../support/app.js';
import { startAzurite } from '../support/azurite.js';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.js';

let azurite: Awaited<ReturnType<typeof startAzurite>>;
let connector: FakeConnector;
let applicatie: Applicatie;
const gemeld: string[] = [];

beforeAll(async () => {
  [azurite, connector] = await Promise.all([startAzurite(), startFakeConnector()]);
  const opsteller: Opsteller = {
    stelOp: async (o: Verzendopdracht) => ({
      soort: 'verstuur',
      naar: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: `19:${o.naar.soort}`, tenantId: o.tenantId } },
      bericht: { weergave: { soort: 'koppeling-ontbreekt', regioNaam: 'Demoregio', veiligThuis: { naam: 'Veilig Thuis', telefoon: '0800-2000' } } },
    }),
    verzonden: async () => undefined,
    meldMislukt: async (o) => void gemeld.push(o.sleutel),
  };
  applicatie = await bouwApplicatie(laadConfig({ STORE: 'sqlite', MELDROUTE_LOKAAL: 'ja', AzureWebJobsStorage: azurite.connectionString }), {
    log: stilleLogger,
    stores: testStores(),
    gebruikers: demoRegister,
    klok: new TestKlok().lees,
    verzending: { opsteller },
  });
});

afterAll(async () => {
  await applicatie.sluit();
  await Promise.all([azurite.stop(), connector.stop()]);
});

/** What the Functions host does: take the message, then call the handler with its content and metadata. */
async function alsDeHost(): Promise<OntvangenBericht> {
  const { wachtrij } = await applicatie.verzending();
  const [b] = await wachtrij.haalOp(1, 600);
  if (b === undefined) throw new Error('geen bericht');
  const context = new InvocationContext({ functionName: 'verzenden', invocationId: 'test', triggerMetadata: { id: b.id, popReceipt: b.bewijs.pop, dequeueCount: b.keerOpgehaald } });
  await maakVerzendHandler(async () => applicatie)(JSON.stringify(b.inhoud), context);
  return b;
}

const job = (sleutel: string) => ({ sleutel, dossierId: 'd-1', publiek: 'coordinator', naar: { soort: 'persoonlijk', gebruikerId: 'aad-coordinator' }, tenantId: 'tenant-1', inhoud: { soort: 'herinnering' } });

describe('functions/verzenden (queue trigger on Azurite, real InvocationContext)', () => {
  it('sends the job once and deletes the message itself', async () => {
    const { wachtrij } = await applicatie.verzending();
    await applicatie.stores.herinneringen.claim('fn-1', { dossierId: 'd-1', publiek: 'coordinator', op: '2026-03-02T09:00:00.000Z' });
    await wachtrij.zetIn(job('fn-1'));
    const b = await alsDeHost();
    expect(connector.ontvangen).toHaveLength(1);
    expect((await applicatie.stores.herinneringen.get('fn-1'))?.waarde.status).toBe('verzonden');
    // The host's own delete afterwards finds nothing to delete.
    await expect(wachtrij.verwijder(b.bewijs)).rejects.toBeInstanceOf(BewijsVerlopenError);
  });

  it('429: the message is put back with the delay in place; the host cannot delete it with its old receipt', async () => {
    const { wachtrij } = await applicatie.verzending();
    connector.storingen.push({ status: 429, retryAfter: 1 });
    await wachtrij.zetIn(job('fn-2'));
    const b = await alsDeHost();
    await expect(wachtrij.verwijder(b.bewijs)).rejects.toBeInstanceOf(BewijsVerlopenError);
    expect(await wachtrij.haalOp(1, 1)).toEqual([]);
    await wacht(2600);
    const [terug] = await wachtrij.haalOp(1, 600);
    expect(terug).toMatchObject({ keerOpgehaald: 2, inhoud: { sleutel: 'fn-2', uitgesteld: 1, afgeremd: 1 } });
  });
});
