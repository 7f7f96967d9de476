/**
 * npm run bench:reminders: decide, then send, at Teams' ceiling. 100 000 open dossiers in the
 * embedded store, 1 000 of them with a nudge due now (zelf hulp: afweging 5 again today), spread
 * over 200 professionals' personal chats of one tenant. The real tick (Termijnbewaking) runs the
 * due query, claims each nudge in the ledger and enqueues a job; then the sender, with the real
 * Opsteller and cards, drains the queue through the real Bot Connector client into a local fake connector that
 * enforces Teams' limits (429 with Retry-After above 7/s or 60/30 s per conversation, 50/s per
 * tenant). The last line is one JSON object (the issue's contract); the Cosmos emulator's line,
 * at the largest size it handles, comes before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { setTimeout as wacht } from 'node:timers/promises';
import { DateTime } from 'luxon';
import type { Bericht } from '../src/app/bezorging.js';
import { stilleLogger } from '../src/app/logger.js';
import { TermijnOpsteller } from '../src/app/termijnOpsteller.js';
import { Termijnbewaking } from '../src/app/termijnbewaking.js';
import { pomp, Verzender, type Afloop } from '../src/app/verzender.js';
import { Verzendlimiet, type TeamsLimieten } from '../src/app/verzendlimiet.js';
import { maakAdapter } from '../src/bot/adapter.js';
import { TeamsBezorger, kaartRenderer } from '../src/bot/bezorger.js';
import { eenPogingHttpClient } from '../src/bot/teamsHttp.js';
import { ADAPTIVE_CARD, type KaartBijlage } from '../src/cards/kaarten.js';
import { laadConfig } from '../src/config.js';
import { laadRegios } from '../src/app/regioConfig.js';
import { projectMap } from '../scripts/projectMap.js';
import { standaardBeleid, tijdstip, type Dossier } from '../src/domain/index.js';
import type { Stores } from '../src/store/ports.js';
import { openSqliteStores } from '../src/store/sqlite.js';
import { openSqliteWachtrij } from '../src/store/sqliteWachtrij.js';
import { meldcode, totStap4, vraag } from '../test/domain/fixtures.js';
import { startFakeConnector, type Ontvangen } from '../test/support/fakeConnector.js';

const NU = DateTime.fromISO('2026-11-23T09:30:00', { zone: 'Europe/Amsterdam' });
const DUE = 1000;
const TENANT = 'tenant-bench';
const TEAMS: TeamsLimieten = laadConfig(process.env).verzenden.teams;

const PROFESSIONALS = 200;
const demoRegios = laadRegios(join(projectMap(), 'config', 'regions'), { standaard: 'vt-regio-demo' });

/** A zelf hulp dossier whose follow-up (afweging 5 again) is today: one nudge to its professional. */
function sjabloon(): Dossier {
  const d = [vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true)].reduce((acc, c) => meldcode(acc, c).dossier, totStap4());
  if (d.meldcode.status !== 'zelf-hulp') throw new Error('sjabloon is geen zelf hulp');
  return { ...d, id: 'sjabloon', regioId: 'vt-regio-demo', meldcode: { ...d.meldcode, vervolgAfweging5Op: NU.toISODate() as string } };
}

const beleidVoor = () => standaardBeleid(demoRegios.kalender('vt-regio-demo'));

/** Dossier i has a nudge due now when i < DUE; the others later in the coming year. */
function dueMoment(i: number, aantal: number): string {
  const moment = i < DUE ? NU.minus({ minutes: 1 + (i % 600) }) : NU.plus({ minutes: 1 + Math.floor(((i - DUE) / (aantal - DUE)) * 365 * 24 * 60) });
  return tijdstip(moment);
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
  // Every card names its dossier in its actions: duplicates are counted per nudge as they arrive.
  const perDossier = new Map<string, number>();
  let ontvangen = 0;
  const tel = (o: Ontvangen) => {
    ontvangen += 1;
    const dossier = /"dossierId":"(d-\d+)"/.exec(JSON.stringify(o.activity['attachments']))?.[1] ?? '';
    perDossier.set(dossier, (perDossier.get(dossier) ?? 0) + 1);
  };
  const connector = await startFakeConnector({ limieten: TEAMS, bijOntvangst: tel });
  const wachtrij = openSqliteWachtrij({ pad: join(map, 'wachtrij.db'), naam: 'verzenden', nu: Date.now });
  for (let p = 0; p < PROFESSIONALS; p += 1) {
    await stores.gesprekken.bewaar({ soort: 'persoonlijk', gebruikerId: `prof-${p}` }, { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: `chat-prof-${p}`, tenantId: TENANT } });
  }
  // The real Opsteller decides (reads the dossier, checks the milestone, finds the chat); the card
  // is a minimal one naming the dossier, so the line measures deciding and sending. BENCH_KAARTEN=echt
  // renders the real nudge cards (templates parsed once): same rate and, since the Bot Connector
  // clients are reused, about the same peak RSS.
  const kaart = (b: Bericht): KaartBijlage => ({
    contentType: ADAPTIVE_CARD,
    content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Herinnering' }], actions: [{ type: 'Action.Execute', verb: 'open', data: { dossierId: b.weergave.soort === 'termijn' ? b.weergave.dossier.id : '' } }] },
  });
  const bezorger = new TeamsBezorger(maakAdapter({ appType: 'MultiTenant', toegestaneTenants: [], lokaal: true }, stilleLogger, { httpClient: eenPogingHttpClient(15_000) }), '', process.env['BENCH_KAARTEN'] === 'echt' ? kaartRenderer(demoRegios, () => kaart({ weergave: { soort: 'koppeling-ontbreekt', regioNaam: '', veiligThuis: { naam: '', telefoon: '' } } })) : kaart);
  // The nudges are decided at NU (09:30 on a werkdag); the sender runs on the real clock.
  const opsteller = new TermijnOpsteller({ stores, regios: demoRegios, beleidVoor, bezorger, klok: () => NU, log: stilleLogger });
  const slaap = (ms: number) => wacht(ms);
  const verzender = new Verzender({ stores, wachtrij, bezorger, opsteller, limiet: new Verzendlimiet(TEAMS), klok: () => DateTime.utc(), slaap, toeval: Math.random, log: stilleLogger });
  let n = 0;
  const bewaking = new Termijnbewaking({ stores, wachtrij, regios: demoRegios, beleidVoor, klok: () => NU, log: stilleLogger, nieuwId: () => `bench-${(n += 1)}` });

  const tickStart = performance.now();
  const due = (await bewaking.tick()).ingezet;
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

  const sent = perDossier.size;
  await wachtrij.sluit();
  await connector.stop();
  return {
    due,
    sent,
    duplicates: ontvangen - sent,
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
         SELECT 'd-' || i, 'e', json_set(@sjabloon, '$.id', 'd-' || i, '$.eigenaar.id', 'prof-' || CAST(i % @professionals AS INTEGER)), 'prof-' || CAST(i % @professionals AS INTEGER), 'org-1',
           strftime('%Y-%m-%dT%H:%M:%fZ', @nu, CASE WHEN i < @due THEN '-' || (1 + i % 600) || ' minutes'
             ELSE '+' || (1 + CAST(((i - @due) * 1.0 / (@aantal - @due)) * 525600 AS INTEGER)) || ' minutes' END)
         FROM n`,
      )
      .run({ aantal, due: DUE, professionals: PROFESSIONALS, sjabloon: JSON.stringify(sjabloon()), nu: tijdstip(NU).replace('Z', '') });
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
        const eigenaar = `prof-${(start + j) % PROFESSIONALS}`;
        return { operationType: 'Create' as const, partitionKey: id, resourceBody: { id, dossier: { ...basis, id, eigenaar: { ...basis.eigenaar, id: eigenaar } }, eigenaarId: eigenaar, organisatieId: 'org-1', nextDueAt: dueMoment(start + j, aantal) } };
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
