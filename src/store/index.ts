import type { Config } from '../config.js';
import { maakCosmosClient, openCosmosStores } from './cosmos.js';
import type { DossierIndexeerder, Stores } from './ports.js';
import { openSqliteStores } from './sqlite.js';
import { openAzureWachtrij } from './azureWachtrij.js';
import { openSqliteWachtrij } from './sqliteWachtrij.js';
import type { Wachtrij } from './wachtrij.js';

export * from './ports.js';
export * from './wachtrij.js';

/** Opens the store the configuration names: the embedded SQLite file, or Azure Cosmos DB. */
export async function openStores(store: Config['store'], indexeer: DossierIndexeerder): Promise<Stores> {
  if (store.soort === 'sqlite') return openSqliteStores({ pad: store.pad, indexeer });
  const client = maakCosmosClient({ endpoint: store.endpoint, database: store.database, ...(store.key ? { key: store.key } : {}) });
  return openCosmosStores({ client, database: store.database, indexeer });
}

/** Opens the send queue the configuration names: Azure Storage, or a table in an SQLite file. */
export function openWachtrij(wachtrij: Config['verzenden']['wachtrij'], naam: string, nu: () => number): Promise<Wachtrij> {
  if (wachtrij.soort === 'sqlite') return Promise.resolve(openSqliteWachtrij({ pad: wachtrij.pad, naam, nu }));
  return openAzureWachtrij({ verbinding: wachtrij.verbinding, naam });
}
