import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifieerAudit } from '../../src/store/auditKeten.js';
import { openSqliteStores, PAGINACACHE_KIB } from '../../src/store/sqlite.js';
import { nieuwDossier } from '../domain/fixtures.js';
import { auditVan, storeContract, TestIndex } from './contract.js';

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

describe('SQLite specifics, on a real file', () => {
  let map: string | undefined;
  const bestand = () => {
    map = mkdtempSync(join(tmpdir(), 'meldroute-audit-'));
    return join(map, 'meldroute.db');
  };
  afterEach(() => {
    if (map) rmSync(map, { recursive: true, force: true });
    map = undefined;
  });

  // The driver's default is 16 MB per connection, a copy of what the OS already caches; 100 000
  // dossiers read once by the tick filled it (bench:reminders' peak RSS).
  it('keeps its own page cache small', async () => {
    const stores = openSqliteStores({ pad: bestand(), indexeer: new TestIndex().indexeer });
    expect(stores.db.pragma('cache_size', { simple: true })).toBe(-PAGINACACHE_KIB);
    expect(PAGINACACHE_KIB).toBeLessThanOrEqual(4096);
    await stores.close();
  });

  it.each([
    ['INSERT OR REPLACE on row 1', "INSERT OR REPLACE INTO audit (volgnummer, id, keten, positie, dossier_id, data) VALUES (1, 'nep', 'nep', 1, NULL, '{}')"],
    ['INSERT OR REPLACE on the entry id', "INSERT OR REPLACE INTO audit (id, keten, positie, dossier_id, data) SELECT id, 'nep', 99, NULL, '{}' FROM audit WHERE volgnummer = 1"],
    ['INSERT OR REPLACE on the chain position', "INSERT OR REPLACE INTO audit (id, keten, positie, dossier_id, data) SELECT 'nep', keten, positie, dossier_id, '{}' FROM audit WHERE volgnummer = 1"],
    ['REPLACE INTO', "REPLACE INTO audit (volgnummer, id, keten, positie, dossier_id, data) VALUES (1, 'nep', 'nep', 1, NULL, '{}')"],
    ['an upsert', "INSERT INTO audit (volgnummer, id, keten, positie, dossier_id, data) VALUES (1, 'nep', 'nep', 1, NULL, '{}') ON CONFLICT DO UPDATE SET data = excluded.data"],
    ['UPDATE', "UPDATE audit SET data = '{}' WHERE volgnummer = 1"],
    ['DELETE', 'DELETE FROM audit WHERE volgnummer = 1'],
  ])('the attack "%s" on the audit table is refused and row 1 is unchanged', async (_naam, sql) => {
    const pad = bestand();
    const stores = openSqliteStores({ pad, indexeer: new TestIndex().indexeer });
    const d = { ...nieuwDossier(), id: 'dossier-1' };
    await stores.dossiers.create(d, auditVan(d.id));
    await stores.audit.append(auditVan(d.id, 'read'));
    await stores.close();

    // A second connection, as someone with the file and the sqlite3 shell would have.
    const aanvaller = new Database(pad);
    const voor = aanvaller.prepare('SELECT * FROM audit ORDER BY volgnummer').all();
    expect(() => aanvaller.exec(sql)).toThrow(/append-only/);
    expect(aanvaller.prepare('SELECT * FROM audit ORDER BY volgnummer').all()).toEqual(voor);
    aanvaller.close();

    const opnieuw = openSqliteStores({ pad, indexeer: new TestIndex().indexeer });
    expect(await verifieerAudit(opnieuw.audit.rijen())).toMatchObject({ ok: true, rijen: 2 });
    await opnieuw.close();
  });

  it('a change whose audit entry cannot be written is not written either (one transaction)', async () => {
    const stores = openSqliteStores({ pad: bestand(), indexeer: new TestIndex().indexeer });
    const eerste = { ...nieuwDossier(), id: 'dossier-a' };
    const regel = auditVan(eerste.id);
    const v = await stores.dossiers.create(eerste, regel);
    // The same entry id again: the audit insert is refused, and takes the dossier write with it.
    const tweede = { ...nieuwDossier(), id: 'dossier-b' };
    await expect(stores.dossiers.create(tweede, { ...regel, dossierId: tweede.id })).rejects.toThrow(/append-only/);
    expect(await stores.dossiers.get(tweede.id)).toBeUndefined();
    await expect(stores.dossiers.update({ ...eerste, referentie: 'Gezin L.' }, v.etag, regel)).rejects.toThrow(/append-only/);
    expect((await stores.dossiers.get(eerste.id))?.waarde.referentie).toBe(eerste.referentie);
    await stores.close();
  });

  it('opens a file from before the hash chains: the old entries are chained in their order and kept as they were', async () => {
    const pad = bestand();
    const oud = new Database(pad);
    oud.exec(`CREATE TABLE audit (volgnummer INTEGER PRIMARY KEY AUTOINCREMENT, dossier_id TEXT, data TEXT NOT NULL);
      CREATE INDEX audit_dossier ON audit (dossier_id, volgnummer);
      CREATE TRIGGER audit_geen_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TRIGGER audit_geen_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;`);
    const regels = [auditVan('dossier-1', 'create', 1), auditVan('dossier-1', 'read', 2), auditVan(undefined, 'search', 3)];
    for (const r of regels) oud.prepare('INSERT INTO audit (dossier_id, data) VALUES (?, ?)').run(r.dossierId ?? null, JSON.stringify(r));
    oud.close();

    const stores = openSqliteStores({ pad, indexeer: new TestIndex().indexeer });
    expect(await stores.audit.lijst({})).toEqual(regels);
    await stores.audit.append(auditVan('dossier-1', 'update', 4));
    expect((await stores.audit.lijst({ dossierId: 'dossier-1' })).map((r) => r.actie)).toEqual(['create', 'read', 'update']);
    expect(await verifieerAudit(stores.audit.rijen())).toMatchObject({ ok: true, rijen: 4, ketens: 2 });
    expect(() => stores.db.exec('DELETE FROM audit_v1')).toThrow(/append-only/);
    await stores.close();
    // Opening again migrates nothing twice.
    const opnieuw = openSqliteStores({ pad, indexeer: new TestIndex().indexeer });
    expect(await opnieuw.audit.lijst({})).toHaveLength(4);
    await opnieuw.close();
  });
});
