import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BewijsVerlopenError, begrensSeconden, MAX_OPHALEN, type Gifbericht, type OntvangenBericht, type Ontvangstbewijs, type Wachtrij } from './wachtrij.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS wachtrij (
  volgnummer INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  rij TEXT NOT NULL,
  inhoud TEXT NOT NULL,
  zichtbaar_op INTEGER NOT NULL,
  pop TEXT,
  keer_opgehaald INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS wachtrij_zichtbaar ON wachtrij (rij, zichtbaar_op, volgnummer);
CREATE TABLE IF NOT EXISTS wachtrij_gif (
  volgnummer INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  rij TEXT NOT NULL,
  inhoud TEXT NOT NULL,
  reden TEXT NOT NULL,
  op TEXT NOT NULL
);
`;

export interface SqliteWachtrijOpties {
  /** A file path (the embedded store's file is fine: WAL allows a second connection), or ':memory:'. */
  readonly pad: string;
  readonly naam: string;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  readonly nu: () => number;
}

/**
 * The queue for npm start: one table, a visibility moment and a dequeue count per message.
 * Taking messages is one immediate transaction, so two senders (or two processes on one file)
 * never get the same message at the same time.
 */
export function openSqliteWachtrij(opties: SqliteWachtrijOpties): Wachtrij {
  if (opties.pad !== ':memory:') mkdirSync(dirname(opties.pad), { recursive: true });
  const db = new Database(opties.pad);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return new SqliteWachtrij(db, opties.naam, opties.nu);
}

interface Rij {
  id: string;
  inhoud: string;
  keer_opgehaald: number;
}

class SqliteWachtrij implements Wachtrij {
  private readonly invoegen: Database.Statement;
  private readonly zichtbaar: Database.Statement<[string, number, number], Rij>;
  private readonly neem: Database.Statement;
  private readonly verwijderRij: Database.Statement;
  private readonly uitstellen: Database.Statement;

  constructor(private readonly db: Database.Database, private readonly naam: string, private readonly nu: () => number) {
    this.invoegen = db.prepare('INSERT INTO wachtrij (id, rij, inhoud, zichtbaar_op) VALUES (?, ?, ?, ?)');
    this.zichtbaar = db.prepare('SELECT id, inhoud, keer_opgehaald FROM wachtrij WHERE rij = ? AND zichtbaar_op <= ? ORDER BY zichtbaar_op, volgnummer LIMIT ?');
    this.neem = db.prepare('UPDATE wachtrij SET pop = ?, zichtbaar_op = ?, keer_opgehaald = keer_opgehaald + 1 WHERE id = ?');
    this.verwijderRij = db.prepare('DELETE FROM wachtrij WHERE id = ? AND pop = ?');
    this.uitstellen = db.prepare('UPDATE wachtrij SET pop = ?, zichtbaar_op = ?, inhoud = coalesce(?, inhoud) WHERE id = ? AND pop = ?');
  }

  async zetIn(inhoud: unknown, opties?: { readonly zichtbaarNaSeconden?: number }): Promise<void> {
    this.invoegen.run(randomUUID(), this.naam, JSON.stringify(inhoud), this.nu() + begrensSeconden(opties?.zichtbaarNaSeconden ?? 0) * 1000);
  }

  async haalOp(max: number, onzichtbaarSeconden: number): Promise<OntvangenBericht[]> {
    const nu = this.nu();
    const tot = nu + begrensSeconden(onzichtbaarSeconden) * 1000;
    return this.db
      .transaction(() =>
        this.zichtbaar.all(this.naam, nu, Math.min(Math.max(1, max), MAX_OPHALEN)).map((r) => {
          const pop = randomUUID();
          this.neem.run(pop, tot, r.id);
          return { id: r.id, inhoud: JSON.parse(r.inhoud) as unknown, bewijs: { id: r.id, pop }, keerOpgehaald: r.keer_opgehaald + 1 };
        }),
      )
      .immediate();
  }

  async verwijder(bewijs: Ontvangstbewijs): Promise<void> {
    if (this.verwijderRij.run(bewijs.id, bewijs.pop).changes !== 1) throw new BewijsVerlopenError(bewijs.id);
  }

  async stelUit(bewijs: Ontvangstbewijs, seconden: number, inhoud?: unknown): Promise<Ontvangstbewijs> {
    const pop = randomUUID();
    const r = this.uitstellen.run(pop, this.nu() + begrensSeconden(seconden) * 1000, inhoud === undefined ? null : JSON.stringify(inhoud), bewijs.id, bewijs.pop);
    if (r.changes !== 1) throw new BewijsVerlopenError(bewijs.id);
    return { id: bewijs.id, pop };
  }

  async naarGif(bericht: OntvangenBericht, reden: string): Promise<void> {
    this.db
      .transaction(() => {
        if (this.verwijderRij.run(bericht.bewijs.id, bericht.bewijs.pop).changes !== 1) throw new BewijsVerlopenError(bericht.id);
        this.db
          .prepare('INSERT INTO wachtrij_gif (id, rij, inhoud, reden, op) VALUES (?, ?, ?, ?, ?)')
          .run(bericht.id, this.naam, JSON.stringify(bericht.inhoud), reden.slice(0, 500), new Date(this.nu()).toISOString());
      })
      .immediate();
  }

  async gifberichten(max = 100): Promise<Gifbericht[]> {
    return this.db
      .prepare<[string, number], { id: string; inhoud: string; reden: string; op: string }>('SELECT id, inhoud, reden, op FROM wachtrij_gif WHERE rij = ? ORDER BY volgnummer LIMIT ?')
      .all(this.naam, max)
      .map((r) => ({ id: r.id, inhoud: JSON.parse(r.inhoud) as unknown, reden: r.reden, op: r.op }));
  }

  async sluit(): Promise<void> {
    this.db.close();
  }
}
