import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { controleerAudit } from '../../scripts/auditVerify.js';
import { hashVan } from '../../src/store/auditKeten.js';
import { openCosmosStores } from '../../src/store/cosmos.js';
import type { AuditRij, Stores } from '../../src/store/ports.js';
import { openSqliteStores } from '../../src/store/sqlite.js';
import { nieuwDossier } from '../domain/fixtures.js';
import { auditVan, TestIndex } from '../store/contract.js';
import { startCosmos } from '../support/cosmosServer.js';

/** A dossier with create, read and update entries (rows 1-3) and a search (row 4, its own chain). */
async function vul(stores: Stores): Promise<void> {
  const d = { ...nieuwDossier(), id: 'dossier-1' };
  const v = await stores.dossiers.create(d, { ...auditVan(d.id), id: 'regel-1' });
  await stores.audit.append({ ...auditVan(d.id, 'read', 1), id: 'regel-2' });
  await stores.dossiers.update({ ...d, referentie: 'Gezin L.' }, v.etag, { ...auditVan(d.id, 'update', 2), id: 'regel-3' });
  await stores.audit.append({ ...auditVan(undefined, 'search', 3), id: 'regel-4', dossierIds: [d.id] });
}

async function voerUit(env: Record<string, string>): Promise<{ code: number; uit: string[] }> {
  const uit: string[] = [];
  const code = await controleerAudit(env, (r) => uit.push(r));
  return { code, uit };
}

/** Someone with the file: drops the append-only triggers, then edits. */
function knoei(pad: string, doe: (db: Database.Database) => void): void {
  const db = new Database(pad);
  for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").all()) db.exec(`DROP TRIGGER ${name}`);
  doe(db);
  db.close();
}

function herschrijf(db: Database.Database, volgnummer: number, wijzig: (rij: AuditRij) => AuditRij): void {
  const { data } = db.prepare<[number], { data: string }>('SELECT data FROM audit WHERE volgnummer = ?').get(volgnummer)!;
  db.prepare('UPDATE audit SET data = ? WHERE volgnummer = ?').run(JSON.stringify(wijzig(JSON.parse(data) as AuditRij)), volgnummer);
}

describe('npm run audit:verify on the embedded store', () => {
  let map: string | undefined;
  const bestand = async () => {
    map = mkdtempSync(join(tmpdir(), 'meldroute-verify-'));
    const pad = join(map, 'meldroute.db');
    const stores = openSqliteStores({ pad, indexeer: new TestIndex().indexeer });
    await vul(stores);
    await stores.close();
    return pad;
  };
  afterEach(() => {
    if (map) rmSync(map, { recursive: true, force: true });
    map = undefined;
  });

  it('a clean store: OK with the number of entries and chains, exit code 0', async () => {
    expect(await voerUit({ STORE: 'sqlite', SQLITE_PATH: await bestand() })).toEqual({ code: 0, uit: ['OK 4 rijen, 2 ketens'] });
  });

  it.each<[string, (db: Database.Database) => void, string]>([
    ['an outcome changed in row 2', (db) => db.exec(`UPDATE audit SET data = json_set(data, '$.uitkomst', 'geweigerd') WHERE volgnummer = 2`), 'BREUK in rij 2 (id regel-2, dossier dossier-1, keten dossier:dossier-1, positie 2): de hash klopt niet'],
    [
      'row 2 changed and its own hash recomputed',
      (db) =>
        herschrijf(db, 2, ({ hash: _h, ...r }) => {
          const anders = { ...r, actor: { id: 'iemand-anders', naam: 'Iemand anders' } };
          return { ...anders, hash: hashVan(anders) };
        }),
      'BREUK in rij 3 (id regel-3, dossier dossier-1, keten dossier:dossier-1, positie 3): vorigeHash wijst niet naar de vorige regel',
    ],
    ['row 2 deleted', (db) => db.exec('DELETE FROM audit WHERE volgnummer = 2'), 'BREUK in rij 3 (id regel-3, dossier dossier-1, keten dossier:dossier-1, positie 3): de regel(s) op positie 2 ontbreken'],
    ['row 1 moved to another dossier by its column', (db) => db.exec("UPDATE audit SET dossier_id = 'dossier-2' WHERE volgnummer = 1"), 'BREUK in rij 1 (id regel-1, dossier dossier-1, keten dossier:dossier-1, positie 1): de opslagkolommen wijken af'],
    ['the search row emptied', (db) => db.exec("UPDATE audit SET data = '{}' WHERE volgnummer = 4"), 'BREUK in rij 4 (dossier -): geen geldige auditregel'],
  ])('%s: the first broken row is named, exit code 1', async (_naam, doe, verwacht) => {
    const pad = await bestand();
    knoei(pad, doe);
    const { code, uit } = await voerUit({ STORE: 'sqlite', SQLITE_PATH: pad });
    expect(code).toBe(1);
    expect(uit).toHaveLength(1);
    expect(uit[0]).toContain(verwacht);
  });

  it('a file that does not exist is not created and reported empty: exit code 2', async () => {
    const { code, uit } = await voerUit({ STORE: 'sqlite', SQLITE_PATH: join(tmpdir(), 'bestaat-niet', 'meldroute.db') });
    expect(code).toBe(2);
    expect(uit[0]).toMatch(/bestaat niet/);
  });
});

describe('npm run audit:verify on Cosmos DB (emulator)', () => {
  it('walks every chain the same way', async () => {
    const cosmos = await startCosmos();
    try {
      const stores = await openCosmosStores({ client: cosmos.client, database: 'meldroute', indexeer: new TestIndex().indexeer });
      await vul(stores);
      const env = { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: Buffer.from('lokaal').toString('base64'), COSMOS_DATABASE: 'meldroute' };
      expect(await voerUit(env)).toEqual({ code: 0, uit: ['OK 4 rijen, 2 ketens'] });
    } finally {
      await cosmos.stop();
    }
  });
});
