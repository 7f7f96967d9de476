import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { maakAuditBezorgingHandler } from '../../functions/auditBezorging.js';
import { maakRetentieHandler } from '../../functions/retentie.js';
import { InvocationContext, type Timer } from '../../src/hosting/azureFunctions.js';
import { bouwApplicatie } from '../../src/bot/compositie.js';
import { laadConfig } from '../../src/config.js';
import { stilleLogger } from '../../src/app/logger.js';
import { verifieerAudit } from '../../src/store/auditKeten.js';
import { CONTAINERS, openCosmosStores } from '../../src/store/cosmos.js';
import { demoRegister, testStores, TestKlok } from '../support/app.js';
import { startCosmos } from '../support/cosmosServer.js';
import { nieuwDossier } from '../domain/fixtures.js';
import { auditVan, TestIndex } from '../store/contract.js';

const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '2046-03-02T02:30:00.000Z', next: '2046-03-03T02:30:00.000Z', lastUpdated: '2046-03-02T02:30:00.000Z' },
};

function context(functionName: string): { context: InvocationContext; log: string[] } {
  const log: string[] = [];
  return { context: new InvocationContext({ functionName, invocationId: 'test', logHandler: (_niveau, ...args) => log.push(args.join(' ')) }), log };
}

describe('functions/retentie (timer, real InvocationContext)', () => {
  it('deletes a closed dossier at the end of its retention period, with a delete entry, and leaves open ones', async () => {
    const klok = new TestKlok();
    const applicatie = await bouwApplicatie(laadConfig({ STORE: 'sqlite' }), { log: stilleLogger, stores: testStores(), gebruikers: demoRegister, klok: klok.lees });
    const annelies = { gebruiker: demoRegister.zoek('aad-prof-1', 'Annelies', 'tenant-1'), kanaal: 'msteams', gesprek: { soort: 'persoonlijk' as const } };
    const gesloten = await applicatie.service.start(annelies, { referentie: 'Gezin K.', werktMetVolwassenen: false });
    const open = await applicatie.service.start(annelies, { referentie: 'Gezin L.', werktMetVolwassenen: false });
    if (!gesloten.ok || !open.ok) throw new Error('start mislukt');
    expect((await applicatie.service.pasToe(annelies, gesloten.waarde.id, { soort: 'afsluiten', toelichting: 'Geen zorgen meer.' })).ok).toBe(true);

    const handler = maakRetentieHandler(async () => applicatie);
    const eerst = context('retentie');
    await handler(timer, eerst.context);
    expect(await applicatie.stores.dossiers.get(gesloten.waarde.id)).toBeDefined(); // 2026: far within 20 years

    klok.nu = DateTime.fromISO('2046-03-03T03:30:00', { zone: 'Europe/Amsterdam' });
    const daarna = context('retentie');
    await handler(timer, daarna.context);
    expect(await applicatie.stores.dossiers.get(gesloten.waarde.id)).toBeUndefined();
    expect(await applicatie.stores.dossiers.get(open.waarde.id)).toBeDefined();
    expect(daarna.log).toEqual(['Bewaartermijn: 1 dossier(s) verwijderd, elk met een auditregel.']);
    const regels = await applicatie.stores.audit.lijst({ dossierId: gesloten.waarde.id });
    expect(regels.map((r) => r.actie)).toEqual(['create', 'update', 'delete']);
    expect(regels.at(-1)).toMatchObject({ actor: { naam: 'meldroute bewaartermijn' }, rol: 'systeem', kanaal: 'timer', op: '2046-03-03T02:30:00.000Z' });
    expect(await verifieerAudit(applicatie.stores.audit.rijen())).toMatchObject({ ok: true });

    await handler(timer, context('retentie').context);
    expect(await applicatie.stores.audit.lijst({ dossierId: gesloten.waarde.id })).toHaveLength(3);
    await applicatie.sluit();
  });
});

describe('functions/auditBezorging (timer, real InvocationContext, Cosmos emulator)', () => {
  it('copies an entry a dying writer left in a dossier document, once, and says so', async () => {
    const cosmos = await startCosmos();
    try {
      const stores = await openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: new TestIndex().indexeer });
      const applicatie = await bouwApplicatie(laadConfig({ STORE: 'sqlite' }), { log: stilleLogger, stores, gebruikers: demoRegister, klok: new TestKlok().lees });
      const d = { ...nieuwDossier(), id: 'dossier-wees' };
      await stores.dossiers.create(d, auditVan(d.id));
      const container = stores.database.container(CONTAINERS.dossiers.id);
      const { resource } = await container.item(d.id, d.id).read<Record<string, unknown>>();
      const wees = auditVan(d.id, 'update');
      await container.item(d.id, d.id).replace({ ...resource, auditUit: [wees], auditOpen: true });

      const handler = maakAuditBezorgingHandler(async () => applicatie);
      const eerst = context('auditBezorging');
      await handler(timer, eerst.context);
      expect(eerst.log).toEqual(['Audit: 1 achtergebleven auditregel(s) alsnog in de audittrail gezet.']);
      const daarna = context('auditBezorging');
      await handler(timer, daarna.context);
      expect(daarna.log).toEqual([]);
      expect((await stores.audit.lijst({ dossierId: d.id })).filter((r) => r.id === wees.id)).toHaveLength(1);
    } finally {
      await cosmos.stop();
    }
  });
});
