import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Dossier } from '../domain/index.js';
import {
  AuditRegel,
  AuditRij,
  BestaatAlError,
  EscalatieRegister,
  escalatieRegisterSleutel,
  KanaalKoppeling,
  gesprekId,
  koppelingSleutel,
  ConflictError,
  LedgerRegel,
  valideer,
  zichtbaarheidFilter,
  zichtbaarheidsvelden,
  type AuditLog,
  type IndexVeld,
  type ClaimGegevens,
  type OpgeslagenAuditRij,
  type DossierIndexeerder,
  type DossierStore,
  type EscalatieRegisterStore,
  type GesprekReferentie,
  type GesprekStore,
  type KanaalSleutel,
  type Koppeling,
  type KoppelingStore,
  type Pagina,
  type PaginaOpties,
  type StateStore,
  type Stores,
  type Versie,
  type Zichtbaarheid,
} from './ports.js';
import { eisAuditVan, ketenVan, schakel } from './auditKeten.js';
import { GesprekkenOpSleutels, type SleutelOpslag } from './gesprekken.js';
import { LedgerBasis } from './ledger.js';

/**
 * The embedded store: one SQLite file (WAL mode) for local use and small installations. The
 * schema is created on first open. Every write carries an ETag, exactly like Cosmos DB.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dossiers (
  id TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  data TEXT NOT NULL,
  eigenaar_id TEXT NOT NULL,
  organisatie_id TEXT NOT NULL,
  lokaal_team_id TEXT,
  vt_regio_id TEXT,
  next_due_at TEXT,
  verloopt_op TEXT
);
CREATE INDEX IF NOT EXISTS dossiers_eigenaar ON dossiers (eigenaar_id, id);
CREATE INDEX IF NOT EXISTS dossiers_organisatie ON dossiers (organisatie_id, id);
CREATE INDEX IF NOT EXISTS dossiers_lokaal_team ON dossiers (lokaal_team_id, id) WHERE lokaal_team_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS dossiers_vt_regio ON dossiers (vt_regio_id, id) WHERE vt_regio_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS dossiers_due ON dossiers (next_due_at, id) WHERE next_due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS dossiers_verloopt ON dossiers (verloopt_op) WHERE verloopt_op IS NOT NULL;

CREATE TABLE IF NOT EXISTS herinneringen (
  sleutel TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  data TEXT NOT NULL,
  status TEXT NOT NULL,
  geclaimd_op TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS herinneringen_open ON herinneringen (status, geclaimd_op) WHERE status <> 'verzonden';
-- The sent nudges of one milestone, to update their cards when it is met; an expression index needs no new column.
CREATE INDEX IF NOT EXISTS herinneringen_mijlpaal ON herinneringen (json_extract(data, '$.dossierId'), json_extract(data, '$.mijlpaal')) WHERE status = 'verzonden';

CREATE TABLE IF NOT EXISTS gesprekken (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL
);

-- One row per bound channel (kanaal = gesprekId); doel = koppelingSleutel of the party.
CREATE TABLE IF NOT EXISTS koppelingen (
  kanaal TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  doel TEXT NOT NULL,
  regio_id TEXT NOT NULL,
  op TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS koppelingen_doel ON koppelingen (doel, op);
CREATE INDEX IF NOT EXISTS koppelingen_regio ON koppelingen (regio_id, op);

CREATE TABLE IF NOT EXISTS audit (
  volgnummer INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  keten TEXT NOT NULL,
  positie INTEGER NOT NULL,
  dossier_id TEXT,
  data TEXT NOT NULL,
  UNIQUE (keten, positie)
);
CREATE INDEX IF NOT EXISTS audit_per_dossier ON audit (dossier_id, volgnummer);
-- NEN 7513: the audit trail is append-only, also for code that bypasses the port. REPLACE
-- deletes the row it collides with without firing a delete trigger, so an insert that hits any
-- existing key is refused before it gets that far.
CREATE TRIGGER IF NOT EXISTS audit_alleen_toevoegen BEFORE INSERT ON audit
  WHEN EXISTS (SELECT 1 FROM audit WHERE volgnummer = NEW.volgnummer OR id = NEW.id OR (keten = NEW.keten AND positie = NEW.positie))
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_nooit_wijzigen BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_nooit_verwijderen BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- One row per gemeente (sleutel = escalatieRegisterSleutel), replaced with its etag.
CREATE TABLE IF NOT EXISTS escalatieregister (
  sleutel TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS state (
  sleutel TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  data TEXT NOT NULL
);
`;

interface DossierRij {
  id: string;
  etag: string;
  data: string;
  next_due_at: string | null;
}

/**
 * The timer's due query: keyset paging over the partial index `dossiers_due`, so it reads only
 * the due rows whatever the table size. Parameters: tot, na-due, na-due, na-id, limit.
 */
export const DUE_QUERY = `SELECT id, etag, data, next_due_at FROM dossiers INDEXED BY dossiers_due
  WHERE next_due_at IS NOT NULL AND next_due_at <= ? AND (next_due_at > ? OR (next_due_at = ? AND id > ?))
  ORDER BY next_due_at, id LIMIT ?`;

const STANDAARD_PAGINA = 50;
const MAX_PAGINA = 500;

function paginaGrootte(opties?: PaginaOpties): number {
  return Math.min(Math.max(1, opties?.max ?? STANDAARD_PAGINA), MAX_PAGINA);
}

function codeer(waarden: readonly string[]): string {
  return Buffer.from(JSON.stringify(waarden)).toString('base64url');
}

function decodeer(vervolg: string | undefined, aantal: number): string[] | undefined {
  if (vervolg === undefined) return undefined;
  const waarden: unknown = JSON.parse(Buffer.from(vervolg, 'base64url').toString('utf8'));
  if (!Array.isArray(waarden) || waarden.length !== aantal || !waarden.every((w) => typeof w === 'string')) {
    throw new RangeError('Ongeldig vervolgtoken.');
  }
  return waarden;
}

/** SQLite's own page cache per connection, in KiB. */
export const PAGINACACHE_KIB = 4096;

export interface SqliteOpties {
  /** A file path, or ':memory:' for tests. */
  readonly pad: string;
  readonly indexeer: DossierIndexeerder;
}

export function openSqliteStores(opties: SqliteOpties): Stores & { readonly db: Database.Database } {
  if (opties.pad !== ':memory:') mkdirSync(dirname(opties.pad), { recursive: true });
  const db = new Database(opties.pad);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection. Reads here are an index
  // range plus rows by primary key, and the OS already caches the file: a cache that large only
  // keeps a second copy of pages the process read once (16 MB of RSS after 100 000 dossiers).
  db.pragma(`cache_size = -${PAGINACACHE_KIB}`);
  db.transaction(() => {
    const oudeAudit = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('audit')").all();
    const teMigreren = oudeAudit.length > 0 && !oudeAudit.some((k) => k.name === 'keten');
    // The trail before hash chains stays as it was, append-only under its own triggers; its
    // entries are chained into the new table in their original order.
    if (teMigreren) db.exec('ALTER TABLE audit RENAME TO audit_v1');
    db.exec(SCHEMA);
    if (teMigreren) {
      const keten = new SqliteKeten(db);
      for (const r of db.prepare<[], { volgnummer: number; data: string }>('SELECT volgnummer, data FROM audit_v1 ORDER BY volgnummer').all()) {
        keten.voegToe(valideer(AuditRegel, 'auditregel', `audit_v1 ${r.volgnummer}`, JSON.parse(r.data)));
      }
    }
  })();
  const gesprekken = new GesprekkenOpSleutels(sqliteSleutels(db));
  return {
    db,
    dossiers: new SqliteDossierStore(db, opties.indexeer, new SqliteKeten(db)),
    herinneringen: new SqliteLedger(db),
    gesprekken,
    koppelingen: new SqliteKoppelingen(db, gesprekken),
    escalaties: new SqliteEscalatieRegister(db),
    audit: new SqliteAudit(db, new SqliteKeten(db)),
    state: new SqliteState(db),
    close: async () => {
      db.close();
    },
  };
}

class SqliteDossierStore implements DossierStore {
  private readonly zoekId: Database.Statement<[string], DossierRij>;
  private readonly invoegen: Database.Statement;
  private readonly bijwerken: Database.Statement;
  private readonly due: Database.Statement<[string, string, string, string, number], DossierRij>;

  constructor(private readonly db: Database.Database, private readonly indexeer: DossierIndexeerder, private readonly keten: SqliteKeten) {
    this.zoekId = db.prepare('SELECT id, etag, data, next_due_at FROM dossiers WHERE id = ?');
    this.invoegen = db.prepare(
      `INSERT INTO dossiers (id, etag, data, eigenaar_id, organisatie_id, lokaal_team_id, vt_regio_id, next_due_at, verloopt_op)
       VALUES (@id, @etag, @data, @eigenaar_id, @organisatie_id, @lokaal_team_id, @vt_regio_id, @next_due_at, @verloopt_op)`,
    );
    this.bijwerken = db.prepare(
      `UPDATE dossiers SET etag = @etag, data = @data, eigenaar_id = @eigenaar_id, organisatie_id = @organisatie_id,
         lokaal_team_id = @lokaal_team_id, vt_regio_id = @vt_regio_id, next_due_at = @next_due_at, verloopt_op = @verloopt_op
       WHERE id = @id AND etag = @oude_etag`,
    );
    this.due = db.prepare(DUE_QUERY);
  }

  async get(id: string): Promise<Versie<Dossier> | undefined> {
    const rij = this.zoekId.get(id);
    return rij === undefined ? undefined : this.lees(rij);
  }

  async create(dossier: Dossier, audit: AuditRegel): Promise<Versie<Dossier>> {
    eisAuditVan(dossier.id, audit);
    const etag = randomUUID();
    try {
      this.db.transaction(() => {
        this.invoegen.run(this.rij(dossier, etag));
        this.keten.voegToe(audit);
      }).immediate();
    } catch (e) {
      if (e instanceof Database.SqliteError && e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new BestaatAlError('dossier', dossier.id);
      throw e;
    }
    return { waarde: dossier, etag };
  }

  async update(dossier: Dossier, etag: string, audit: AuditRegel): Promise<Versie<Dossier>> {
    eisAuditVan(dossier.id, audit);
    const nieuw = randomUUID();
    this.db.transaction(() => {
      const r = this.bijwerken.run({ ...this.rij(dossier, nieuw), oude_etag: etag });
      if (r.changes !== 1) throw new ConflictError('dossier', dossier.id);
      this.keten.voegToe(audit);
    }).immediate();
    return { waarde: dossier, etag: nieuw };
  }

  async lijst(wie: Zichtbaarheid, opties?: PaginaOpties): Promise<Pagina<Versie<Dossier>>> {
    const { veld, waarde } = zichtbaarheidFilter(wie);
    const kolom = KOLOM[veld];
    const [naId] = decodeer(opties?.vervolg, 1) ?? [''];
    const max = paginaGrootte(opties);
    const rijen = this.db
      .prepare<[string, string, number], DossierRij>(`SELECT id, etag, data, next_due_at FROM dossiers WHERE ${kolom} = ? AND id > ? ORDER BY id LIMIT ?`)
      .all(waarde, naId ?? '', max + 1);
    return this.pagina(rijen, max, (r) => [r.id]);
  }

  async dueVoor(tot: string, opties?: PaginaOpties): Promise<Pagina<Versie<Dossier>>> {
    const [naDue, naId] = decodeer(opties?.vervolg, 2) ?? ['', ''];
    const max = paginaGrootte(opties);
    const rijen = this.due.all(tot, naDue ?? '', naDue ?? '', naId ?? '', max + 1);
    return this.pagina(rijen, max, (r) => [r.next_due_at ?? '', r.id]);
  }

  async verwijderVerlopen(nu: string, audit: (dossierId: string) => AuditRegel): Promise<string[]> {
    const verwijder = this.db.prepare('DELETE FROM dossiers WHERE id = ?');
    return this.db.transaction(() => {
      const ids = this.db
        .prepare<[string], { id: string }>('SELECT id FROM dossiers WHERE verloopt_op IS NOT NULL AND verloopt_op <= ?')
        .all(nu)
        .map((r) => r.id);
      for (const id of ids) {
        const regel = audit(id);
        eisAuditVan(id, regel);
        verwijder.run(id);
        this.keten.voegToe(regel);
      }
      return ids;
    }).immediate();
  }

  async bezorgAudit(): Promise<number> {
    return 0; // each audit entry is written in the transaction of its change
  }

  private pagina(rijen: DossierRij[], max: number, sleutel: (r: DossierRij) => string[]): Pagina<Versie<Dossier>> {
    const items = rijen.slice(0, max).map((r) => this.lees(r));
    const laatste = rijen[max - 1];
    return rijen.length > max && laatste ? { items, vervolg: codeer(sleutel(laatste)) } : { items };
  }

  private lees(rij: DossierRij): Versie<Dossier> {
    let ruw: unknown;
    try {
      ruw = JSON.parse(rij.data);
    } catch {
      ruw = rij.data;
    }
    return { waarde: valideer(Dossier, 'dossier', rij.id, ruw), etag: rij.etag };
  }

  private rij(dossier: Dossier, etag: string) {
    const index = this.indexeer(dossier);
    return {
      id: dossier.id,
      etag,
      data: JSON.stringify(dossier),
      eigenaar_id: dossier.eigenaar.id,
      organisatie_id: dossier.organisatieId,
      lokaal_team_id: zichtbaarheidsvelden(dossier).lokaalTeamId,
      vt_regio_id: zichtbaarheidsvelden(dossier).vtRegioId,
      next_due_at: index.nextDueAt,
      verloopt_op: index.verlooptOp,
    };
  }
}

const KOLOM: Readonly<Record<IndexVeld, string>> = {
  eigenaarId: 'eigenaar_id',
  organisatieId: 'organisatie_id',
  lokaalTeamId: 'lokaal_team_id',
  vtRegioId: 'vt_regio_id',
};

class SqliteLedger extends LedgerBasis {
  constructor(private readonly db: Database.Database) {
    super();
  }

  async claim(sleutel: string, gegevens: ClaimGegevens): Promise<boolean> {
    const regel = LedgerBasis.nieuweClaim(sleutel, gegevens);
    // INSERT OR IGNORE on the primary key: of many concurrent claims exactly one inserts.
    const r = this.db
      .prepare('INSERT OR IGNORE INTO herinneringen (sleutel, etag, data, status, geclaimd_op) VALUES (?, ?, ?, ?, ?)')
      .run(sleutel, randomUUID(), JSON.stringify(regel), regel.status, regel.geclaimdOp);
    return r.changes === 1;
  }

  async get(sleutel: string): Promise<Versie<LedgerRegel> | undefined> {
    const rij = this.db.prepare<[string], { etag: string; data: string }>('SELECT etag, data FROM herinneringen WHERE sleutel = ?').get(sleutel);
    return rij === undefined ? undefined : { waarde: valideer(LedgerRegel, 'herinnering', sleutel, JSON.parse(rij.data)), etag: rij.etag };
  }

  async teHerproberen(geclaimdVoor: string): Promise<Versie<LedgerRegel>[]> {
    return this.db
      .prepare<[string], { sleutel: string; etag: string; data: string }>(
        "SELECT sleutel, etag, data FROM herinneringen WHERE status = 'mislukt' OR (status = 'geclaimd' AND geclaimd_op < ?) ORDER BY geclaimd_op",
      )
      .all(geclaimdVoor)
      .map((r) => ({ waarde: valideer(LedgerRegel, 'herinnering', r.sleutel, JSON.parse(r.data)), etag: r.etag }));
  }

  async opgegeven(max: number): Promise<LedgerRegel[]> {
    return this.db
      .prepare<[number], { sleutel: string; data: string }>("SELECT sleutel, data FROM herinneringen WHERE status = 'opgegeven' ORDER BY geclaimd_op DESC LIMIT ?")
      .all(max)
      .map((r) => valideer(LedgerRegel, 'herinnering', r.sleutel, JSON.parse(r.data)));
  }

  async verzondenVoor(dossierId: string, mijlpaal: string): Promise<Versie<LedgerRegel>[]> {
    return this.db
      .prepare<[string, string], { sleutel: string; etag: string; data: string }>(
        "SELECT sleutel, etag, data FROM herinneringen WHERE status = 'verzonden' AND json_extract(data, '$.dossierId') = ? AND json_extract(data, '$.mijlpaal') = ?",
      )
      .all(dossierId, mijlpaal)
      .map((r) => ({ waarde: valideer(LedgerRegel, 'herinnering', r.sleutel, JSON.parse(r.data)), etag: r.etag }));
  }

  protected async vervangAls(regel: LedgerRegel, etag: string): Promise<boolean> {
    const r = this.db
      .prepare('UPDATE herinneringen SET etag = ?, data = ?, status = ?, geclaimd_op = ? WHERE sleutel = ? AND etag = ?')
      .run(randomUUID(), JSON.stringify(regel), regel.status, regel.geclaimdOp, regel.sleutel, etag);
    return r.changes === 1;
  }
}

/** Conversation references as rows of (id, JSON); the port's logic is in GesprekkenOpSleutels. */
function sqliteSleutels(db: Database.Database): SleutelOpslag {
  const zet = db.prepare('INSERT INTO gesprekken (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data');
  const lees = db.prepare<[string], { data: string }>('SELECT data FROM gesprekken WHERE id = ?');
  return {
    zet: async (id, data) => {
      zet.run(id, JSON.stringify(data));
    },
    lees: async (id) => {
      const rij = lees.get(id);
      return rij === undefined ? undefined : (JSON.parse(rij.data) as GesprekReferentie);
    },
  };
}

interface KoppelingRij {
  kanaal: string;
  etag: string;
  data: string;
}

class SqliteKoppelingen implements KoppelingStore {
  constructor(private readonly db: Database.Database, private readonly gesprekken: GesprekStore) {}

  async voorKanaal(kanaal: KanaalSleutel): Promise<Versie<KanaalKoppeling> | undefined> {
    const rij = this.db.prepare<[string], KoppelingRij>('SELECT kanaal, etag, data FROM koppelingen WHERE kanaal = ?').get(gesprekId(kanaal));
    return rij === undefined ? undefined : this.lees(rij);
  }

  async koppel(koppeling: KanaalKoppeling, etag?: string): Promise<Versie<KanaalKoppeling>> {
    const geldig = KanaalKoppeling.parse(koppeling);
    const rij = { kanaal: gesprekId(geldig.kanaal), etag: randomUUID(), doel: koppelingSleutel(geldig.koppeling), regio_id: geldig.koppeling.regioId, op: geldig.op, data: JSON.stringify(geldig) };
    if (etag === undefined) {
      const r = this.db.prepare('INSERT OR IGNORE INTO koppelingen (kanaal, etag, doel, regio_id, op, data) VALUES (@kanaal, @etag, @doel, @regio_id, @op, @data)').run(rij);
      if (r.changes !== 1) throw new ConflictError('koppeling', rij.kanaal);
    } else {
      const r = this.db.prepare('UPDATE koppelingen SET etag = @etag, doel = @doel, regio_id = @regio_id, op = @op, data = @data WHERE kanaal = @kanaal AND etag = @oude').run({ ...rij, oude: etag });
      if (r.changes !== 1) throw new ConflictError('koppeling', rij.kanaal);
    }
    return { waarde: geldig, etag: rij.etag };
  }

  async ontkoppel(kanaal: KanaalSleutel, etag: string): Promise<void> {
    const r = this.db.prepare('DELETE FROM koppelingen WHERE kanaal = ? AND etag = ?').run(gesprekId(kanaal), etag);
    if (r.changes !== 1) throw new ConflictError('koppeling', gesprekId(kanaal));
  }

  async kanaalVoor(doel: Koppeling): Promise<{ kanaal: KanaalSleutel; referentie: GesprekReferentie } | undefined> {
    const rij = this.db
      .prepare<[string], KoppelingRij>('SELECT kanaal, etag, data FROM koppelingen WHERE doel = ? ORDER BY op DESC, kanaal DESC LIMIT 1')
      .get(koppelingSleutel(doel));
    if (rij === undefined) return undefined;
    const { kanaal } = this.lees(rij).waarde;
    const referentie = await this.gesprekken.zoek(kanaal);
    return referentie === undefined ? undefined : { kanaal, referentie };
  }

  async lijst(regioId: string): Promise<KanaalKoppeling[]> {
    return this.db
      .prepare<[string], KoppelingRij>('SELECT kanaal, etag, data FROM koppelingen WHERE regio_id = ? ORDER BY op, kanaal')
      .all(regioId)
      .map((r) => this.lees(r).waarde);
  }

  private lees(rij: KoppelingRij): Versie<KanaalKoppeling> {
    return { waarde: valideer(KanaalKoppeling, 'koppeling', rij.kanaal, JSON.parse(rij.data)), etag: rij.etag };
  }
}

/** Appends to an audit chain; call inside an immediate transaction so the chain's head cannot move. */
class SqliteKeten {
  private readonly kop: Database.Statement<[string], { data: string }>;
  private readonly invoegen: Database.Statement;

  constructor(db: Database.Database) {
    this.kop = db.prepare('SELECT data FROM audit WHERE keten = ? ORDER BY positie DESC LIMIT 1');
    this.invoegen = db.prepare('INSERT INTO audit (id, keten, positie, dossier_id, data) VALUES (@id, @keten, @positie, @dossier_id, @data)');
  }

  voegToe(regel: AuditRegel): void {
    const keten = ketenVan(regel);
    const kop = this.kop.get(keten);
    const rij = schakel(regel, kop === undefined ? undefined : valideer(AuditRij, 'auditregel', keten, JSON.parse(kop.data)));
    this.invoegen.run({ id: rij.id, keten: rij.keten, positie: rij.positie, dossier_id: rij.dossierId ?? null, data: JSON.stringify(rij) });
  }
}

class SqliteAudit implements AuditLog {
  constructor(private readonly db: Database.Database, private readonly keten: SqliteKeten) {}

  async append(regel: AuditRegel): Promise<void> {
    this.db.transaction(() => this.keten.voegToe(regel)).immediate();
  }

  async lijst(filter: { dossierId?: string }): Promise<AuditRegel[]> {
    const rijen =
      filter.dossierId === undefined
        ? this.db.prepare<[], { volgnummer: number; data: string }>('SELECT volgnummer, data FROM audit ORDER BY volgnummer').all()
        : this.db
            .prepare<[string], { volgnummer: number; data: string }>('SELECT volgnummer, data FROM audit WHERE dossier_id = ? ORDER BY volgnummer')
            .all(filter.dossierId);
    return rijen.map((r) => valideer(AuditRegel, 'auditregel', String(r.volgnummer), JSON.parse(r.data)));
  }

  async *rijen(): AsyncIterable<OpgeslagenAuditRij> {
    const alle = this.db.prepare<[], { volgnummer: number; keten: string; positie: number; dossier_id: string | null; data: string }>(
      'SELECT volgnummer, keten, positie, dossier_id, data FROM audit ORDER BY volgnummer',
    );
    for (const r of alle.iterate()) {
      let ruw: unknown;
      try {
        ruw = JSON.parse(r.data);
      } catch {
        ruw = r.data;
      }
      yield { sleutel: String(r.volgnummer), ruw, kolommen: { keten: r.keten, positie: r.positie, dossierId: r.dossier_id } };
    }
  }
}

class SqliteEscalatieRegister implements EscalatieRegisterStore {
  constructor(private readonly db: Database.Database) {}

  async get(regioId: string, gemeente: string): Promise<Versie<EscalatieRegister> | undefined> {
    const sleutel = escalatieRegisterSleutel(regioId, gemeente);
    const rij = this.db.prepare<[string], { etag: string; data: string }>('SELECT etag, data FROM escalatieregister WHERE sleutel = ?').get(sleutel);
    return rij === undefined ? undefined : { waarde: valideer(EscalatieRegister, 'escalatieregister', sleutel, JSON.parse(rij.data)), etag: rij.etag };
  }

  async schrijf(register: EscalatieRegister, etag?: string): Promise<Versie<EscalatieRegister>> {
    const geldig = EscalatieRegister.parse(register);
    const rij = { sleutel: escalatieRegisterSleutel(geldig.regioId, geldig.gemeente), etag: randomUUID(), data: JSON.stringify(geldig), oude: etag ?? null };
    const r =
      etag === undefined
        ? this.db.prepare('INSERT OR IGNORE INTO escalatieregister (sleutel, etag, data) VALUES (@sleutel, @etag, @data)').run(rij)
        : this.db.prepare('UPDATE escalatieregister SET etag = @etag, data = @data WHERE sleutel = @sleutel AND etag = @oude').run(rij);
    if (r.changes !== 1) throw new ConflictError('escalatieregister', rij.sleutel);
    return { waarde: geldig, etag: rij.etag };
  }
}

class SqliteState implements StateStore {
  constructor(private readonly db: Database.Database) {}

  async read(keys: readonly string[]): Promise<Map<string, Versie<unknown>>> {
    const lees = this.db.prepare<[string], { etag: string; data: string }>('SELECT etag, data FROM state WHERE sleutel = ?');
    const gevonden = new Map<string, Versie<unknown>>();
    for (const key of keys) {
      const rij = lees.get(key);
      if (rij !== undefined) gevonden.set(key, { waarde: JSON.parse(rij.data) as unknown, etag: rij.etag });
    }
    return gevonden;
  }

  async write(key: string, waarde: unknown, etag?: string): Promise<string> {
    const nieuw = randomUUID();
    const data = JSON.stringify(waarde);
    if (etag === undefined || etag === '*') {
      this.db.prepare('INSERT INTO state (sleutel, etag, data) VALUES (?, ?, ?) ON CONFLICT (sleutel) DO UPDATE SET etag = excluded.etag, data = excluded.data').run(key, nieuw, data);
      return nieuw;
    }
    const r = this.db.prepare('UPDATE state SET etag = ?, data = ? WHERE sleutel = ? AND etag = ?').run(nieuw, data, key, etag);
    if (r.changes !== 1) throw new ConflictError('state', key);
    return nieuw;
  }

  async delete(keys: readonly string[]): Promise<void> {
    const verwijder = this.db.prepare('DELETE FROM state WHERE sleutel = ?');
    for (const key of keys) verwijder.run(key);
  }
}
