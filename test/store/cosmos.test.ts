import { describe, expect, it } from 'vitest';
import { CONTAINERS, openCosmosStores } from '../../src/store/cosmos.js';
import { startCosmos } from '../support/cosmosServer.js';
import { nieuwDossier } from '../domain/fixtures.js';
import { storeContract, TestIndex } from './contract.js';

const NU = new Date('2026-11-22T12:00:00.000Z');

storeContract('Azure Cosmos DB (via @vercel/cosmosdb-server)', async (index) => {
  const cosmos = await startCosmos();
  const stores = await openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: index.indexeer, nu: () => NU });
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

describe('Cosmos specifics', () => {
  it('creates the database and containers at start-up, with their partition keys', async () => {
    const cosmos = await startCosmos();
    try {
      const stores = await openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: new TestIndex().indexeer, nu: () => NU });
      const { resources } = await stores.database.containers.readAll().fetchAll();
      expect(Object.fromEntries(resources.map((c) => [c.id, c.partitionKey?.paths]))).toEqual({
        dossiers: ['/id'],
        herinneringen: ['/id'],
        gesprekken: ['/id'],
        audit: ['/dossierId'],
        state: ['/id'],
      });
      // Opening again finds them and changes nothing.
      await openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: new TestIndex().indexeer, nu: () => NU });
    } finally {
      await cosmos.stop();
    }
  });

  it('sets ttl on a record with a retention limit (the emulator stores it but does not enforce it)', async () => {
    const cosmos = await startCosmos();
    try {
      const index = new TestIndex();
      const stores = await openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: index.indexeer, nu: () => NU });
      const advies = { ...nieuwDossier(), id: 'advies-overige-zorg' };
      const open = { ...nieuwDossier(), id: 'open-dossier' };
      index.verloopt.set(advies.id, '2028-11-22T12:00:00.000Z');
      await stores.dossiers.create(advies);
      await stores.dossiers.create(open);
      const container = stores.database.container(CONTAINERS.dossiers.id);
      const { resource: metTtl } = await container.item(advies.id, advies.id).read<{ ttl?: number }>();
      const { resource: zonder } = await container.item(open.id, open.id).read<{ ttl?: number }>();
      expect(metTtl?.ttl).toBe(2 * 365 * 24 * 3600 + 24 * 3600); // two years, one of them a leap year (2028)
      expect(zonder?.ttl).toBeUndefined();
    } finally {
      await cosmos.stop();
    }
  });
});
