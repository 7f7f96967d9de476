/**
 * npm run bench:store: the timer's due query on a full store. Fills the embedded store with
 * 100 000 open dossiers whose next reminders are spread over a year, 100 of them due now, and
 * times `dueVoor`. The last line is one JSON object (the contract); the Cosmos emulator
 * result comes on an earlier line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { CosmosClient } from '@azure/cosmos';
import type { AddressInfo } from 'node:net';
import { startDossier, type Dossier } from '../src/domain/index.js';
import { DUE_QUERY, openSqliteStores } from '../src/store/sqlite.js';
import { CONTAINERS, openCosmosStores } from '../src/store/cosmos.js';
import type { AuditRegel, DossierIndexeerder, Stores } from '../src/store/ports.js';

const NU = DateTime.fromISO('2026-11-23T09:30:00', { zone: 'Europe/Amsterdam' });
const DUE = 100;
const RUNS = 20;

function sjabloon(): Dossier {
  const r = startDossier(
    { id: 'sjabloon', referentie: 'Gezin B., groep 3', organisatieId: 'org-1', regioId: 'vt-1', werktMetVolwassenen: false },
    { op: NU.minus({ days: 3 }), door: { id: 'prof-1', naam: 'Prof', rol: 'professional' } },
  );
  if (!r.ok) throw new Error(r.fout.melding);
  return r.waarde;
}

/** Dossier i is due now when i < DUE; the rest are spread evenly over the coming year. */
function dueMoment(i: number, aantal: number): string {
  const moment = i < DUE ? NU.minus({ minutes: 1 + i }) : NU.plus({ minutes: 1 + Math.floor(((i - DUE) / (aantal - DUE)) * 365 * 24 * 60) });
  return moment.toUTC().toISO() as string;
}

function indexeerder(aantal: number): DossierIndexeerder {
  return (d) => ({ nextDueAt: dueMoment(Number(d.id.slice(2)), aantal), verlooptOp: null });
}

function aanmaakAudit(dossierId: string): AuditRegel {
  const op = NU.toUTC().toISO() as string;
  return { id: `audit-${dossierId}`, op, actor: { id: 'prof-1', naam: 'Prof' }, rol: 'professional', actie: 'create', dossierId, kanaal: 'bench', uitkomst: 'toegestaan' };
}

function mediaan(getallen: number[]): number {
  const s = [...getallen].sort((a, b) => a - b);
  return Number((((s[Math.floor((s.length - 1) / 2)] ?? 0) + (s[Math.ceil((s.length - 1) / 2)] ?? 0)) / 2).toFixed(3));
}

async function meet(stores: Stores): Promise<{ due: number; dueQueryMs: number }> {
  const tot = NU.toUTC().toISO() as string;
  const tijden: number[] = [];
  let due = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    let vervolg: string | undefined;
    due = 0;
    do {
      const p = await stores.dossiers.dueVoor(tot, { max: 500, ...(vervolg ? { vervolg } : {}) });
      due += p.items.length;
      vervolg = p.vervolg;
    } while (vervolg !== undefined);
    tijden.push(performance.now() - start);
  }
  return { due, dueQueryMs: mediaan(tijden) };
}

async function sqlite(aantal: number): Promise<string> {
  const map = mkdtempSync(join(tmpdir(), 'meldroute-bench-'));
  const stores = openSqliteStores({ pad: join(map, 'bench.db'), indexeer: indexeerder(aantal) });
  try {
    const basis = sjabloon();
    for (let i = 0; i < aantal; i += 1) await stores.dossiers.create({ ...basis, id: `d-${i}` }, aanmaakAudit(`d-${i}`));
    stores.db.exec('ANALYZE');
    const resultaat = await meet(stores);
    const tot = NU.toUTC().toISO() as string;
    // The due query must be a range SEARCH on the partial index; the rows it examines are then
    // exactly the index entries in that range (plus one to see where the range ends).
    const plan = stores.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${DUE_QUERY}`)
      .all(tot, '', '', '', 500)
      .map((r) => r.detail)
      .join('; ');
    if (!/SEARCH dossiers USING INDEX dossiers_due \(next_due_at/.test(plan) || /SCAN|TEMP B-TREE/.test(plan)) {
      throw new Error(`De due query gebruikt de index niet als bereik: ${plan}`);
    }
    const { inBereik } = stores.db
      .prepare<[string], { inBereik: number }>('SELECT count(*) AS inBereik FROM dossiers INDEXED BY dossiers_due WHERE next_due_at IS NOT NULL AND next_due_at <= ?')
      .get(tot) as { inBereik: number };
    console.log(`sqlite plan: ${plan}`);
    return JSON.stringify({ cases: aantal, due: resultaat.due, dueQueryMs: resultaat.dueQueryMs, rowsExamined: inBereik });
  } finally {
    await stores.close();
    rmSync(map, { recursive: true, force: true });
  }
}

async function cosmos(aantal: number): Promise<string> {
  const server = createHttpServer();
  await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
  const { port } = server.address() as AddressInfo;
  const client = new CosmosClient({ endpoint: `http://127.0.0.1:${port}`, key: Buffer.from('lokaal').toString('base64'), connectionPolicy: { enableEndpointDiscovery: false } });
  try {
    const stores = await openCosmosStores({ client, database: 'bench', indexeer: indexeerder(aantal) });
    const basis = sjabloon();
    const container = stores.database.container(CONTAINERS.dossiers.id);
    const index = indexeerder(aantal);
    for (let start = 0; start < aantal; start += 100) {
      const operaties = Array.from({ length: Math.min(100, aantal - start) }, (_, j) => {
        const id = `d-${start + j}`;
        return { operationType: 'Create' as const, partitionKey: id, resourceBody: { id, dossier: { ...basis, id }, eigenaarId: 'prof-1', organisatieId: 'org-1', nextDueAt: index({ ...basis, id }).nextDueAt } };
      });
      await container.items.bulk(operaties);
    }
    const resultaat = await meet(stores);
    await stores.close();
    return JSON.stringify({ store: 'cosmos-emulator', cases: aantal, due: resultaat.due, dueQueryMs: resultaat.dueQueryMs, note: 'in-process emulator scans in JavaScript; RU and latency of real Cosmos DB: docs/storage.md' });
  } finally {
    await new Promise<void>((klaar) => server.close(() => klaar()));
  }
}

const aantal = Number(process.env['BENCH_CASES'] ?? 100_000);
// The in-process emulator keeps items in JavaScript and answers ORDER BY queries by scanning
// them all: at 100 000 items one query passes the client's 60 s timeout. It runs with 10 000.
const cosmosAantal = Number(process.env['BENCH_COSMOS_CASES'] ?? Math.min(aantal, 10_000));
console.log(await cosmos(cosmosAantal));
console.log(await sqlite(aantal));
