import { describe, expect, it } from 'vitest';
import { verifieerAudit } from '../../src/store/auditKeten.js';
import { CONTAINERS, openCosmosStores } from '../../src/store/cosmos.js';
import { startCosmos } from '../support/cosmosServer.js';
import { nieuwDossier } from '../domain/fixtures.js';
import { auditVan, storeContract, TestIndex } from './contract.js';

storeContract('Azure Cosmos DB (via @vercel/cosmosdb-server)', async (index) => {
  const cosmos = await startCosmos();
  const stores = await openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: index.indexeer });
  return {
    stores,
    schrijfRuwDossier: async (id, ruw) => {
      await stores.database.container(CONTAINERS.dossiers.id).items.create({ id, dossier: ruw });
    },
    sluit: async () => {
      await stores.close();
      await cosmos.stop();
    },
  };
});

/** A Cosmos store on a fresh emulator, stopped after `test`. */
async function metCosmos(test: (s: Awaited<ReturnType<typeof openCosmosStores>>, index: TestIndex) => Promise<void>): Promise<void> {
  const cosmos = await startCosmos();
  try {
    const index = new TestIndex();
    await test(await openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: index.indexeer }), index);
  } finally {
    await cosmos.stop();
  }
}

interface RuwDossier {
  id: string;
  auditUit?: unknown[];
  auditOpen?: boolean;
  ttl?: number;
}

describe('Cosmos specifics', () => {
  it('creates the database and containers at start-up, with their partition keys', async () => {
    await metCosmos(async (stores) => {
      const { resources } = await stores.database.containers.readAll().fetchAll();
      expect(Object.fromEntries(resources.map((c) => [c.id, c.partitionKey?.paths]))).toEqual({
        dossiers: ['/id'],
        herinneringen: ['/id'],
        gesprekken: ['/id'],
        koppelingen: ['/id'],
        audit: ['/keten'],
        state: ['/id'],
        escalatieregister: ['/id'],
      });
      expect(resources.find((c) => c.id === 'audit')?.uniqueKeyPolicy?.uniqueKeys).toEqual([{ paths: ['/positie'] }]);
      // Opening again finds them and changes nothing.
      await openCosmosStores({ client: stores.database.client, database: 'meldroute', indexeer: new TestIndex().indexeer });
    });
  });

  it('refuses to start on an audit container from before the hash chains (partitioned by /dossierId)', async () => {
    const cosmos = await startCosmos();
    try {
      const { database } = await cosmos.client.databases.createIfNotExists({ id: 'meldroute' });
      await database.containers.createIfNotExists({ id: 'audit', partitionKey: { paths: ['/dossierId'] } });
      await expect(openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: new TestIndex().indexeer })).rejects.toThrow(/audit heeft partitiesleutel \/dossierId, verwacht \/keten/);
    } finally {
      await cosmos.stop();
    }
  });

  it('a dossier past retention carries no ttl: only the logged procedure deletes it', async () => {
    await metCosmos(async (stores, index) => {
      const advies = { ...nieuwDossier(), id: 'advies-overige-zorg' };
      index.verloopt.set(advies.id, '2028-11-22T12:00:00.000Z');
      await stores.dossiers.create(advies, auditVan(advies.id));
      const { resource } = await stores.database.container(CONTAINERS.dossiers.id).item(advies.id, advies.id).read<RuwDossier>();
      expect(resource?.ttl).toBeUndefined();
    });
  });

  it('a writer that died after its write and before the copy: the sweep copies the entry exactly once, run twice and concurrently', async () => {
    await metCosmos(async (stores) => {
      const d = { ...nieuwDossier(), id: 'dossier-na-crash' };
      await stores.dossiers.create(d, auditVan(d.id));
      // The writer's replace went through with the entry in the outbox; then the process died.
      const dossiers = stores.database.container(CONTAINERS.dossiers.id);
      const { resource: doc } = await dossiers.item(d.id, d.id).read<RuwDossier>();
      const wees = auditVan(d.id, 'update');
      await dossiers.item(d.id, d.id).replace({ ...doc, dossier: { ...d, referentie: 'Gezin L.' }, auditUit: [wees], auditOpen: true });

      const gekopieerd = await Promise.all([stores.dossiers.bezorgAudit(), stores.dossiers.bezorgAudit(), stores.dossiers.bezorgAudit()]);
      expect(gekopieerd.some((n) => n === 1)).toBe(true);
      await stores.dossiers.bezorgAudit();

      expect((await stores.audit.lijst({ dossierId: d.id })).map((r) => r.id)).toEqual([expect.any(String), wees.id]);
      const { resource: na } = await dossiers.item(d.id, d.id).read<RuwDossier>();
      expect(na?.auditUit).toBeUndefined();
      expect(na?.auditOpen).toBeUndefined();
      expect(await stores.dossiers.bezorgAudit()).toBe(0);
      expect(await verifieerAudit(stores.audit.rijen())).toMatchObject({ ok: true, rijen: 2 });
    });
  });

  it('a change whose audit copy fails is still a made change, never an ETag conflict; the sweep copies the entry later', async () => {
    await metCosmos(async (stores) => {
      const d = { ...nieuwDossier(), id: 'dossier-audit-weg' };
      const v = await stores.dossiers.create(d, auditVan(d.id));
      // The audit container is unreachable for a moment: the copy after the dossier write fails.
      await stores.database.container(CONTAINERS.audit.id).delete();
      const gewijzigd = await stores.dossiers.update({ ...d, referentie: 'Gezin M.' }, v.etag, auditVan(d.id, 'update'));
      expect(gewijzigd.waarde.referentie).toBe('Gezin M.');
      await stores.database.containers.createIfNotExists(CONTAINERS.audit);
      expect(await stores.dossiers.bezorgAudit()).toBeGreaterThan(0);
      expect((await stores.audit.lijst({ dossierId: d.id })).map((r) => r.actie)).toContain('update');
    });
  });

  it('the next update after such a crash carries the waiting entry along: no entry is lost', async () => {
    await metCosmos(async (stores) => {
      const d = { ...nieuwDossier(), id: 'dossier-wees' };
      await stores.dossiers.create(d, auditVan(d.id));
      const dossiers = stores.database.container(CONTAINERS.dossiers.id);
      const { resource: doc } = await dossiers.item(d.id, d.id).read<RuwDossier>();
      const wees = auditVan(d.id, 'update');
      await dossiers.item(d.id, d.id).replace({ ...doc, auditUit: [wees], auditOpen: true });
      const huidig = await stores.dossiers.get(d.id);
      const volgende = auditVan(d.id, 'update');
      await stores.dossiers.update({ ...d, referentie: 'Gezin M.' }, huidig!.etag, volgende);
      expect((await stores.audit.lijst({ dossierId: d.id })).slice(1).map((r) => r.id)).toEqual([wees.id, volgende.id]);
      expect(await stores.dossiers.bezorgAudit()).toBe(0);
    });
  });

  it('a retention run that died between logging and deleting: the next run deletes with the same entry, logged once', async () => {
    await metCosmos(async (stores, index) => {
      const d = { ...nieuwDossier(), id: 'dossier-verlopen' };
      index.verloopt.set(d.id, '2020-01-01T00:00:00.000Z');
      await stores.dossiers.create(d, auditVan(d.id));
      const dossiers = stores.database.container(CONTAINERS.dossiers.id);
      const { resource: doc } = await dossiers.item(d.id, d.id).read<RuwDossier>();
      const verwijdering = auditVan(d.id, 'delete');
      await dossiers.item(d.id, d.id).replace({ ...doc, auditUit: [verwijdering], auditOpen: true });

      const weg = await stores.dossiers.verwijderVerlopen('2026-11-22T00:00:00.000Z', (id) => auditVan(id, 'delete'));
      expect(weg).toEqual([d.id]);
      expect(await stores.dossiers.get(d.id)).toBeUndefined();
      expect((await stores.audit.lijst({ dossierId: d.id })).map((r) => [r.actie, r.id])).toEqual([
        ['create', expect.any(String)],
        ['delete', verwijdering.id],
      ]);
      expect(await verifieerAudit(stores.audit.rijen())).toMatchObject({ ok: true });
    });
  });

  it('a changed entry in the audit container breaks its chain at that entry', async () => {
    await metCosmos(async (stores) => {
      const d = { ...nieuwDossier(), id: 'dossier-geknoeid' };
      await stores.dossiers.create(d, auditVan(d.id));
      const tweede = auditVan(d.id, 'read');
      await stores.audit.append(tweede);
      const audit = stores.database.container(CONTAINERS.audit.id);
      const { resource } = await audit.item(tweede.id, `dossier:${d.id}`).read<Record<string, unknown>>();
      // What the app identity may not do (docs/audit.md), done here with the emulator's master key.
      await audit.item(tweede.id, `dossier:${d.id}`).replace({ ...resource, uitkomst: 'geweigerd' });
      expect(await verifieerAudit(stores.audit.rijen())).toMatchObject({ ok: false, breuk: { id: tweede.id, dossierId: d.id, positie: 2, reden: expect.stringContaining('hash') } });
    });
  });
});
