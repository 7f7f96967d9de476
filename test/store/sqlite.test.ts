import { storeContract } from './contract.js';
import { openSqliteStores } from '../../src/store/sqlite.js';

storeContract('embedded SQLite', async (index) => {
  const stores = openSqliteStores({ pad: ':memory:', indexeer: index.indexeer });
  return {
    stores,
    schrijfRuwDossier: async (id, ruw) => {
      stores.db
        .prepare("INSERT INTO dossiers (id, etag, data, eigenaar_id, organisatie_id) VALUES (?, 'x', ?, 'x', 'x')")
        .run(id, JSON.stringify(ruw));
    },
    sluit: () => stores.close(),
  };
});
