import type { Config } from '../config.js';
import { maakCosmosClient, openCosmosStores } from './cosmos.js';
import type { DossierIndexeerder, Stores } from './ports.js';
import { openSqliteStores } from './sqlite.js';

export * from './ports.js';

/** Opens the store the configuration names: the embedded SQLite file, or Azure Cosmos DB. */
export async function openStores(store: Config['store'], indexeer: DossierIndexeerder): Promise<Stores> {
  if (store.soort === 'sqlite') return openSqliteStores({ pad: store.pad, indexeer });
  const client = maakCosmosClient({ endpoint: store.endpoint, database: store.database, ...(store.key ? { key: store.key } : {}) });
  return openCosmosStores({ client, database: store.database, indexeer });
}
