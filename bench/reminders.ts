/**
 * npm run bench:reminders: decide, then send, at Teams' ceiling. 100 000 open dossiers in the
 * embedded store, 1 000 of them with a nudge due now, spread over 200 channels of one tenant.
 * One tick runs the due query, claims each nudge in the ledger and enqueues a job; then the
 * sender drains the queue through the real Bot Connector client into a local fake connector that
 * enforces Teams' limits (429 with Retry-After above 7/s or 60/30 s per conversation, 50/s per
 * tenant). The last line is one JSON object (the contract); the Cosmos emulator's line,
 * at the largest size it handles, comes before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { setTimeout as wacht } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { stilleLogger } from '../src/app/logger.js';
import { pomp, Verzender, type Afloop, type NieuweVerzendopdracht, type Opsteller } from '../src/app/verzender.js';
import { Verzendlimiet, type TeamsLimieten } from '../src/app/verzendlimiet.js';
import { maakAdapter } from '../src/bot/adapter.js';
import { TeamsBezorger } from '../src/bot/bezorger.js';
import { eenPogingHttpClient } from '../src/bot/teamsHttp.js';
import { ADAPTIVE_CARD } from '../src/cards/kaarten.js';
import { laadConfig } from '../src/config.js';
import { startDossier, tijdstip, type Dossier } from '../src/domain/index.js';
import { gesprekId, type Stores } from '../src/store/ports.js';
import { openSqliteStores } from '../src/store/sqlite.js';
import { openSqliteWachtrij } from '../src/store/sqliteWachtrij.js';
import type { Wachtrij } from '../src/store/wachtrij.js';
import { startFakeConnector } from '../test/support/fakeConnector.js';

const NU = DateTime.fromISO('2026-11-23T09:30:00', { zone: 'Europe/Amsterdam' });
const DUE = 1000;
const KANALEN = 200;
const TENANT = 'tenant-bench';
const TEAMS: TeamsLimieten = laadConfig(process.env).verzenden.teams;

function sjabloon(): Dossier {
  const r = startDossier(
    { id: 'sjabloon', referentie: 'Gezin B., groep 3', organisatieId: 'org-1', regioId: 'vt-1', werktMetVolwassenen: false },
    { op: NU.minus({ days: 3 }), door: { id: 'prof-1', naam: 'Prof', rol: 'professional' } },
  );
  if (!r.ok) throw new Error(r.fout.melding);
  return r.waarde;
}

/** Dossier i has a nudge due now when i < DUE; the others later in the coming year. */
function dueMoment(i: number, aantal: number): string {
  const moment = i < DUE ? NU.minus({ minutes: 1 + (i % 600) }) : NU.plus({ minutes: 1 + Math.floor(((i - DUE) / (aantal - DUE)) * 365 * 24 * 60) });
  return tijdstip(moment);
}

const kanaal = (dossierId: string) => ({ soort: 'kanaal' as const, teamId: `team-${Number(dossierId.slice(2)) % KANALEN}`, kanaalId: 'algemeen' });

/**
 * The tick, minimal: the due query, a claim per due nudge, a job per claim. The real one (the
 * nudge rules, office hours, the ladder) replaces this; the shape stays: it never waits on Teams.
 */
async function tick(stores: Stores, wachtrij: Wachtrij): Promise<number> {
  const nu = tijdstip(NU);
  let gezet = 0;
  let vervolg: string | undefined;
  do {
    const pagina = await stores.dossiers.dueVoor(nu, { max: 500, ...(vervolg ? { vervolg } : {}) });
    for (const { waarde: d } of pagina.items) {
      const sleutel = `${d.id}:bench:herinnering`;
      // A duplicate or concurrent tick loses the claim and enqueues nothing.
      if (!(await stores.herinneringen.claim(sleutel, { dossierId: d.id, publiek: 'lokaal-team-kanaal', op: nu }))) continue;
      const job: NieuweVerzendopdracht = { sleutel, dossierId: d.id, publiek: 'lokaal-team-kanaal', naar: kanaal(d.id), tenantId: TENANT, inhoud: { soort: 'herinnering' } };
      await wachtrij.zetIn(job);
      gezet += 1;
    }
    vervolg = pagina.vervolg;
  } while (vervolg !== undefined);
  return gezet;
}

interface Meting {
  readonly due: number;
  readonly sent: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly throttled: number;
  readonly nudgesPerSecond: number;
  readonly tickMs: number;
}

async function meet(stores: Stores, map: string): Promise<Meting> {
  const connector = await startFakeConnector({ limieten: TEAMS });
  const wachtrij = openSqliteWachtrij({ pad: join(map, 'wachtrij.db'), naam: 'verzenden', nu: Date.now });
  const opsteller: Opsteller = {
    stelOp: async (o) => ({
      soort: 'verstuur',
      naar: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: gesprekId(o.naar), tenantId: o.tenantId } },
      // The ledger key travels on the card, so the connector can count duplicates per nudge.
      bericht: { weergave: { soort: 'koppeling-ontbreekt', regioNaam: o.sleutel, veiligThuis: { naam: 'Veilig Thuis', telefoon: '0800-2000' } } },
    }),
    verzonden: async () => undefined,
    meldMislukt: async () => undefined,
  };
  const bezorger = new TeamsBezorger(
    maakAdapter({ appType: 'MultiTenant', toegestaneTenants: [], lokaal: true }, stilleLogger, { httpClient: eenPogingHttpClient(15_000) }),
    '',
    (b) => ({ contentType: ADAPTIVE_CARD, content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: b.weergave.soort === 'koppeling-ontbreekt' ? b.weergave.regioNaam : '' }] } }),
  );
  const slaap = (ms: number) => wacht(ms);
  const verzender = new Verzender({ stores, wachtrij, bezorger, opsteller, limiet: new Verzendlimiet(TEAMS), klok: () => DateTime.utc(), slaap, toeval: Math.random, log: stilleLogger });

  const tickStart = performance.now();
  const due = await tick(stores, wachtrij);
  const tickMs = Math.round(performance.now() - tickStart);

  let klaar = 0;
  let laatsteVerzending = 0;
  const stop = new AbortController();
  const start = performance.now();
  const naAfloop = (a: Afloop) => {
    if (a.soort === 'uitgesteld' || a.soort === 'elders') return;
    if (a.soort === 'verzonden') laatsteVerzending = performance.now();
    klaar += 1;
    if (klaar >= due) stop.abort();
  };
  const grens = setTimeout(() => stop.abort(), 180_000);
  await pomp(wachtrij, verzender, { gelijktijdig: 32, onzichtbaarSeconden: 60, pauzeMs: 20, stop: stop.signal, slaap, log: stilleLogger, naAfloop });
  clearTimeout(grens);

  const perSleutel = new Map<string, number>();
  for (const o of connector.ontvangen) {
    const tekst = ((o.activity['attachments'] as { content: { body: { text: string }[] } }[] | undefined)?.[0]?.content.body[0]?.text) ?? '';
    perSleutel.set(tekst, (perSleutel.get(tekst) ?? 0) + 1);
  }
  const sent = perSleutel.size;
  await wachtrij.sluit();
  await connector.stop();
  return {
    due,
    sent,
    duplicates: connector.ontvangen.length - sent,
    lost: due - sent,
    throttled: connector.teSnel(),
    nudgesPerSecond: Number((sent / ((laatsteVerzending - start) / 1000)).toFixed(1)),
    tickMs,
  };
}

let piekRss = process.memoryUsage.rss();
const bemonster = setInterval(() => {
  piekRss = Math.max(piekRss, process.memoryUsage.rss());
}, 50);

async function sqlite(aantal: number): Promise<string> {
  const map = mkdtempSync(join(tmpdir(), 'meldroute-bench-herinneringen-'));
  const stores = openSqliteStores({ pad: join(map, 'bench.db'), indexeer: () => ({ nextDueAt: null, verlooptOp: null }) });
  try {
    // Bulk: one statement in one transaction, the rows generated inside SQLite (a recursive CTE), so
    // 100 000 dossiers cost no JavaScript garbage. The due moments follow dueMoment() above.
    const bouwStart = performance.now();
    stores.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @aantal)
         INSERT INTO dossiers (id, etag, data, eigenaar_id, organisatie_id, next_due_at)
         SELECT 'd-' || i, 'e', json_set(@sjabloon, '$.id', 'd-' || i), 'prof-1', 'org-1',
           strftime('%Y-%m-%dT%H:%M:%fZ', @nu, CASE WHEN i < @due THEN '-' || (1 + i % 600) || ' minutes'
             ELSE '+' || (1 + CAST(((i - @due) * 1.0 / (@aantal - @due)) * 525600 AS INTEGER)) || ' minutes' END)
         FROM n`,
      )
      .run({ aantal, due: DUE, sjabloon: JSON.stringify(sjabloon()), nu: tijdstip(NU).replace('Z', '') });
    stores.db.exec('ANALYZE');
    const { n } = stores.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM dossiers WHERE next_due_at <= ?').get(tijdstip(NU)) ?? { n: 0 };
    if (n !== DUE) throw new Error(`${n} dossiers due in plaats van ${DUE}`);
    console.log(`sqlite: ${aantal} dossiers in ${Math.round(performance.now() - bouwStart)} ms`);
    const m = await meet(stores, map);
    return JSON.stringify({ openCases: aantal, due: m.due, sent: m.sent, duplicates: m.duplicates, lost: m.lost, throttled: m.throttled, nudgesPerSecond: m.nudgesPerSecond, ceilingPerSecond: TEAMS.perTenant[0]?.aantal ?? 50, peakRssMb: Math.round(piekRss / 1024 / 1024), tickMs: m.tickMs });
  } finally {
    await stores.close();
    rmSync(map, { recursive: true, force: true });
  }
}

async function cosmos(aantal: number): Promise<string> {
  // Loaded only here: the embedded run's peak RSS should not carry the Cosmos client and emulator.
  const [{ CosmosClient }, { createHttpServer }, { CONTAINERS, openCosmosStores }] = await Promise.all([
    import('@azure/cosmos'),
    import('@vercel/cosmosdb-server'),
    import('../src/store/cosmos.js'),
  ]);
  const map = mkdtempSync(join(tmpdir(), 'meldroute-bench-herinneringen-cosmos-'));
  const server = createHttpServer();
  await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
  const { port } = server.address() as AddressInfo;
  const client = new CosmosClient({ endpoint: `http://127.0.0.1:${port}`, key: Buffer.from('lokaal').toString('base64'), connectionPolicy: { enableEndpointDiscovery: false } });
  try {
    const stores = await openCosmosStores({ client, database: 'bench', indexeer: () => ({ nextDueAt: null, verlooptOp: null }) });
    const basis = sjabloon();
    const container = stores.database.container(CONTAINERS.dossiers.id);
    for (let start = 0; start < aantal; start += 100) {
      const operaties = Array.from({ length: Math.min(100, aantal - start) }, (_, j) => {
        const id = `d-${start + j}`;
        return { operationType: 'Create' as const, partitionKey: id, resourceBody: { id, dossier: { ...basis, id }, eigenaarId: 'prof-1', organisatieId: 'org-1', nextDueAt: dueMoment(start + j, aantal) } };
      });
      await container.items.bulk(operaties);
    }
    const m = await meet(stores, map);
    await stores.close();
    return JSON.stringify({ store: 'cosmos-emulator', openCases: aantal, ...m, note: 'in-process emulator scans in JavaScript; the queue is the embedded one' });
  } finally {
    await new Promise<void>((klaar) => server.close(() => klaar()));
    rmSync(map, { recursive: true, force: true });
  }
}

const aantal = Number(process.env['BENCH_CASES'] ?? 100_000);
// The emulator answers ORDER BY queries by scanning every item in JavaScript (see bench/store.ts):
// 10 000 is the largest size whose due query stays within the client's timeout.
const cosmosAantal = Number(process.env['BENCH_COSMOS_CASES'] ?? Math.min(aantal, 10_000));
// The embedded store first, so its peak RSS does not include the emulator's memory.
const regel = await sqlite(aantal);
clearInterval(bemonster);
if (process.env['BENCH_COSMOS'] !== 'uit') console.log(await cosmos(cosmosAantal));
console.log(regel);
