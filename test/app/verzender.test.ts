import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DateTime } from 'luxon';
import { stilleLogger } from '../../src/app/logger.js';
import { GedeeldeRem, Verzendlimiet, type TeamsLimieten } from '../../src/app/verzendlimiet.js';
import { Verzender, type Afloop, type NieuweVerzendopdracht, type Opsteller, type Opstelling, type Verzendopdracht } from '../../src/app/verzender.js';
import { maakAdapter } from '../../src/bot/adapter.js';
import { TeamsBezorger } from '../../src/bot/bezorger.js';
import { eenPogingHttpClient } from '../../src/bot/teamsHttp.js';
import { ADAPTIVE_CARD } from '../../src/cards/kaarten.js';
import { gesprekId, type Stores } from '../../src/store/ports.js';
import { openSqliteWachtrij } from '../../src/store/sqliteWachtrij.js';
import type { Wachtrij } from '../../src/store/wachtrij.js';
import { TestKlok, testStores } from '../support/app.js';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.js';

const TEAMS: TeamsLimieten = { perGesprek: [{ aantal: 7, ms: 1000 }, { aantal: 60, ms: 30_000 }], perTenant: [{ aantal: 50, ms: 1000 }], margeMs: 0 };
const TIJDSLIMIET_MS = 300;

/** The nudge side, as the lead will build it: here it records what it was told. */
class TestOpsteller implements Opsteller {
  readonly vastgelegd: { sleutel: string; activityId: string; op: DateTime }[] = [];
  readonly gemeld: { sleutel: string; reden: string }[] = [];
  constructor(private readonly connector: FakeConnector, private readonly klok: TestKlok) {}
  async stelOp(o: Verzendopdracht): Promise<Opstelling> {
    if (o.inhoud.soort === 'afgehandeld') return { soort: 'overbodig', reden: 'Termijn intussen gehaald.' };
    if (o.inhoud.soort === 'zonder-gesprek') return { soort: 'onbestelbaar', reden: 'Geen gesprek met dit kanaal.' };
    return {
      soort: 'verstuur',
      naar: { serviceUrl: this.connector.url, channelId: 'msteams', conversation: { id: gesprekId(o.naar), tenantId: o.tenantId } },
      bericht: { weergave: { soort: 'koppeling-ontbreekt', regioNaam: 'Demoregio', veiligThuis: { naam: 'Veilig Thuis', telefoon: '0800-2000' } } },
    };
  }
  async verzonden(o: Verzendopdracht, activityId: string): Promise<void> {
    this.vastgelegd.push({ sleutel: o.sleutel, activityId, op: this.klok.nu });
  }
  async meldMislukt(o: Verzendopdracht, reden: string): Promise<void> {
    this.gemeld.push({ sleutel: o.sleutel, reden });
  }
}

let connector: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector.stop();
});

interface Proefopstelling {
  klok: TestKlok;
  stores: Stores;
  wachtrij: Wachtrij;
  opsteller: TestOpsteller;
  verzender: (limieten?: TeamsLimieten) => Verzender;
  /** The tick's part: claim the key, enqueue the job. */
  zetKlaar: (sleutel: string, overrides?: Partial<NieuweVerzendopdracht>) => Promise<void>;
  ronde: (v: Verzender) => Promise<Afloop[]>;
  verstrijk: (seconden: number) => void;
}

function opstelling(): Proefopstelling {
  const klok = new TestKlok();
  const stores = testStores();
  const wachtrij = openSqliteWachtrij({ pad: ':memory:', naam: 'verzenden', nu: () => klok.nu.toMillis() });
  const opsteller = new TestOpsteller(connector, klok);
  const adapter = maakAdapter({ appType: 'MultiTenant', toegestaneTenants: [], lokaal: true }, stilleLogger, { httpClient: eenPogingHttpClient(TIJDSLIMIET_MS) });
  const bezorger = new TeamsBezorger(adapter, '', (b) => ({ contentType: ADAPTIVE_CARD, content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: b.weergave.soort }] } }));
  const verzender = (limieten = TEAMS) =>
    new Verzender({
      stores,
      wachtrij,
      bezorger,
      opsteller,
      limiet: new Verzendlimiet(limieten),
      klok: klok.lees,
      slaap: async (ms) => {
        klok.nu = klok.nu.plus({ milliseconds: ms });
      },
      toeval: () => 0.5,
      log: stilleLogger,
    });
  const zetKlaar = async (sleutel: string, overrides: Partial<NieuweVerzendopdracht> = {}) => {
    await stores.herinneringen.claim(sleutel, { dossierId: 'd-1', publiek: 'lokaal-team-kanaal', op: klok.nu.toUTC().toISO() as string });
    const job: NieuweVerzendopdracht = { sleutel, dossierId: 'd-1', publiek: 'lokaal-team-kanaal', naar: { soort: 'kanaal', teamId: 'team-noord', kanaalId: 'algemeen' }, tenantId: 'tenant-1', inhoud: { soort: 'herinnering' }, ...overrides };
    await wachtrij.zetIn(job);
  };
  const ronde = async (v: Verzender) => {
    const uit: Afloop[] = [];
    for (const b of await wachtrij.haalOp(32, 30)) uit.push(await v.verwerk(b));
    return uit;
  };
  const verstrijk = (seconden: number) => {
    klok.nu = klok.nu.plus({ seconds: seconden });
  };
  return { klok, stores, wachtrij, opsteller, verzender, zetKlaar, ronde, verstrijk };
}

beforeEach(() => {
  connector.ontvangen.length = 0;
  connector.storingen.length = 0;
});

describe('the sender: one job, sent once', () => {
  it('sends the job, records the activity id in the ledger, tells the dossier side and deletes the message', async () => {
    const o = opstelling();
    await o.zetKlaar('d-1:overdracht:herinnering');
    expect(await o.ronde(o.verzender())).toEqual([{ soort: 'verzonden', activityId: expect.stringMatching(/^act-/) }]);
    expect(connector.ontvangen).toHaveLength(1);
    const regel = (await o.stores.herinneringen.get('d-1:overdracht:herinnering'))?.waarde;
    expect(regel).toMatchObject({ status: 'verzonden', activityId: 'act-1' });
    expect(o.opsteller.vastgelegd.map((v) => v.sleutel)).toEqual(['d-1:overdracht:herinnering']);
    o.verstrijk(60);
    expect(await o.wachtrij.haalOp(32, 30)).toEqual([]);
  });

  it('a message for a key already sent (a duplicate) is deleted without sending', async () => {
    const o = opstelling();
    await o.zetKlaar('dubbel');
    await o.wachtrij.zetIn((await o.wachtrij.haalOp(1, 1))[0]?.inhoud);
    o.verstrijk(2);
    const afloop = await o.ronde(o.verzender());
    expect(afloop.map((a) => a.soort).sort()).toEqual(['al-afgehandeld', 'verzonden']);
    expect(connector.ontvangen).toHaveLength(1);
  });

  it('two senders on one queue, every job enqueued twice: each job is sent exactly once', async () => {
    const o = opstelling();
    const sleutels = Array.from({ length: 20 }, (_, i) => `twee-${i}`);
    for (const s of sleutels) {
      await o.zetKlaar(s, { naar: { soort: 'persoonlijk', gebruikerId: `u-${s}` } });
      await o.wachtrij.zetIn({ sleutel: s, dossierId: 'd-1', publiek: 'professional', naar: { soort: 'persoonlijk', gebruikerId: `u-${s}` }, tenantId: 'tenant-1', inhoud: { soort: 'herinnering' } });
    }
    const [a, b] = [o.verzender(), o.verzender()];
    for (let i = 0; i < 10; i += 1) {
      await Promise.all([o.ronde(a), o.ronde(b)]);
      o.verstrijk(61);
    }
    const gestuurd = connector.ontvangen.map((r) => r.pad);
    expect(gestuurd).toHaveLength(20);
    expect(new Set(gestuurd).size).toBe(20);
    for (const s of sleutels) expect((await o.stores.herinneringen.get(s))?.waarde.status).toBe('verzonden');
    expect(await o.wachtrij.haalOp(32, 30)).toEqual([]);
  });

  it('a crash between dequeue and send: the message becomes visible again and is sent once', async () => {
    const o = opstelling();
    await o.zetKlaar('crash-voor-verzenden');
    const [genomen] = await o.wachtrij.haalOp(1, 30);
    expect(genomen).toBeDefined();
    // The process died here. Nothing happens until the visibility timeout passes.
    expect(await o.ronde(o.verzender())).toEqual([]);
    o.verstrijk(31);
    expect(await o.ronde(o.verzender())).toEqual([{ soort: 'verzonden', activityId: expect.any(String) }]);
    expect(connector.ontvangen).toHaveLength(1);
  });

  it('a crash after claiming the attempt, before Teams was called: respected while fresh, then sent once', async () => {
    const o = opstelling();
    await o.zetKlaar('crash-na-claim');
    const regel = await o.stores.herinneringen.get('crash-na-claim');
    await o.stores.herinneringen.herclaim(regel!, o.klok.nu.toUTC().toISO() as string);
    await o.wachtrij.haalOp(1, 30); // taken by the sender that died
    o.verstrijk(31);
    expect(await o.ronde(o.verzender())).toEqual([{ soort: 'uitgesteld', reden: 'bezig', seconden: 29 }]);
    o.verstrijk(29);
    expect(await o.ronde(o.verzender())).toEqual([{ soort: 'verzonden', activityId: expect.any(String) }]);
    expect(connector.ontvangen).toHaveLength(1);
  });
});

describe('the sender: what Teams answers', () => {
  it('429 with Retry-After: put back for that long, the shared throttle set for conversation and tenant, and no other instance sends meanwhile', async () => {
    const o = opstelling();
    connector.storingen.push({ status: 429, retryAfter: 7 });
    await o.zetKlaar('te-snel-1');
    const [eerste] = await o.ronde(o.verzender());
    expect(eerste).toEqual({ soort: 'uitgesteld', reden: 'te-snel', seconden: 8 });
    await o.zetKlaar('te-snel-2', { naar: { soort: 'kanaal', teamId: 'team-zuid', kanaalId: 'algemeen' } });
    const remmen = await o.stores.state.read([GedeeldeRem.gesprek('kanaal:team-noord:algemeen'), GedeeldeRem.tenant('tenant-1')]);
    expect([...remmen.values()].map((v) => v.waarde)).toEqual([{ tot: o.klok.nu.plus({ seconds: 7 }).toUTC().toISO() }, { tot: o.klok.nu.plus({ seconds: 7 }).toUTC().toISO() }]);
    // Another instance (its own limiter) on the same store: the tenant is braked, nothing reaches Teams.
    const elders = o.verzender();
    const voor = connector.ontvangen.length;
    expect((await o.ronde(elders)).map((a) => a.soort)).toEqual(['uitgesteld']);
    expect(connector.ontvangen.length).toBe(voor);
    o.verstrijk(8);
    expect((await o.ronde(elders)).map((a) => a.soort)).toEqual(['verzonden', 'verzonden']);
    expect((await o.stores.herinneringen.get('te-snel-1'))?.waarde.status).toBe('verzonden');
  });

  it('throttling is no failure: ten 429s in a row and the job is still sent, not poisoned', async () => {
    const o = opstelling();
    for (let i = 0; i < 10; i += 1) connector.storingen.push({ status: 429, retryAfter: 1 });
    await o.zetKlaar('geduld');
    const v = o.verzender();
    const uit: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      uit.push(...(await o.ronde(v)).map((a) => a.soort));
      o.verstrijk(2);
    }
    expect(uit).toEqual([...Array<string>(10).fill('uitgesteld'), 'verzonden']);
    expect(await o.wachtrij.gifberichten()).toEqual([]);
  });

  it.each([
    ['502 Bad Gateway', { status: 502 }],
    ['504 Gateway Timeout', { status: 504 }],
    ['412 Precondition Failed', { status: 412 }],
    ['a timeout', { status: 0, hangt: true }],
  ])('%s: retried with exponential backoff and jitter (2, 3, 6, 12 s), then sent', async (_naam, storing) => {
    const o = opstelling();
    for (let i = 0; i < 4; i += 1) connector.storingen.push(storing);
    await o.zetKlaar('tijdelijk');
    const v = o.verzender();
    const wachttijden: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const [a] = await o.ronde(v);
      expect(a).toMatchObject({ soort: 'uitgesteld', reden: 'tijdelijk' });
      if (a?.soort === 'uitgesteld') wachttijden.push(a.seconden);
      expect(await o.ronde(v)).toEqual([]);
      o.verstrijk(a?.soort === 'uitgesteld' ? a.seconden : 0);
    }
    // Base 2 s doubling, with toeval 0.5: half the step plus half of it again.
    expect(wachttijden).toEqual([2, 3, 6, 12]);
    expect((await o.ronde(v)).map((a) => a.soort)).toEqual(['verzonden']);
    expect((await o.stores.herinneringen.get('tijdelijk'))?.waarde).toMatchObject({ status: 'verzonden', pogingen: 6 });
  });

  it('after 5 failed sends the job is poisoned: visible in the poison list and the ledger, the coordinator told, nothing lost', async () => {
    const o = opstelling();
    for (let i = 0; i < 5; i += 1) connector.storingen.push({ status: 502 });
    await o.zetKlaar('gif');
    const v = o.verzender();
    const uit: Afloop[] = [];
    for (let i = 0; i < 6; i += 1) {
      uit.push(...(await o.ronde(v)));
      o.verstrijk(400);
    }
    expect(uit.map((a) => a.soort)).toEqual(['uitgesteld', 'uitgesteld', 'uitgesteld', 'uitgesteld', 'gif']);
    expect(await o.wachtrij.gifberichten()).toEqual([expect.objectContaining({ inhoud: expect.objectContaining({ sleutel: 'gif' }), reden: expect.stringContaining('Na 5 mislukte pogingen') })]);
    expect((await o.stores.herinneringen.get('gif'))?.waarde).toMatchObject({ status: 'opgegeven', laatsteFout: expect.stringContaining('502') });
    expect(o.opsteller.gemeld).toEqual([{ sleutel: 'gif', reden: expect.stringContaining('502') }]);
  });

  it.each([
    ['403 MessageWritesBlocked (bot removed or blocked)', 403, 'MessageWritesBlocked'],
    ['404 conversation gone', 404, 'ConversationNotFound'],
  ])('%s: marked failed in the ledger, never retried, the coordinator told', async (_naam, status, code) => {
    const o = opstelling();
    connector.storingen.push({ status, code });
    await o.zetKlaar('weg');
    expect(await o.ronde(o.verzender())).toEqual([{ soort: 'opgegeven', reden: expect.stringContaining(code) }]);
    expect((await o.stores.herinneringen.get('weg'))?.waarde).toMatchObject({ status: 'opgegeven', laatsteFout: expect.stringContaining(String(status)) });
    expect(o.opsteller.gemeld).toEqual([{ sleutel: 'weg', reden: expect.stringContaining(code) }]);
    o.verstrijk(3600);
    expect(await o.ronde(o.verzender())).toEqual([]);
    expect(connector.ontvangen).toHaveLength(0);
    // The tick's retry list never offers it again either.
    expect((await o.stores.herinneringen.teHerproberen('2099-01-01T00:00:00.000Z')).map((r) => r.waarde.sleutel)).not.toContain('weg');
  });
});

describe('the sender: its own rules', () => {
  it.each([
    ['nothing left to send (deadline met meanwhile)', 'afgehandeld', 'overbodig', false],
    ['no conversation to send to', 'zonder-gesprek', 'opgegeven', true],
  ])('%s: not sent, recorded, the coordinator told only when it is a failure', async (_naam, soort, afloop, gemeld) => {
    const o = opstelling();
    await o.zetKlaar('niet-nodig', { inhoud: { soort } });
    expect((await o.ronde(o.verzender())).map((a) => a.soort)).toEqual([afloop]);
    expect(connector.ontvangen).toHaveLength(0);
    expect((await o.stores.herinneringen.get('niet-nodig'))?.waarde.status).toBe('opgegeven');
    expect(o.opsteller.gemeld.length > 0).toBe(gemeld);
  });

  it('an invalid job goes to the poison list with the reason', async () => {
    const o = opstelling();
    await o.wachtrij.zetIn({ sleutel: 'kapot' });
    expect(await o.ronde(o.verzender())).toEqual([{ soort: 'gif', reden: expect.stringContaining('Ongeldige opdracht') }]);
    expect((await o.wachtrij.gifberichten())[0]?.inhoud).toEqual({ sleutel: 'kapot' });
  });

  it('a message handed out 5 times without an outcome (the sender keeps dying) is poisoned and reported', async () => {
    const o = opstelling();
    await o.zetKlaar('vastloper');
    for (let i = 0; i < 5; i += 1) {
      await o.wachtrij.haalOp(1, 30);
      o.verstrijk(31);
    }
    expect(await o.ronde(o.verzender())).toEqual([{ soort: 'gif', reden: expect.stringContaining('5 keer opgehaald') }]);
    expect(o.opsteller.gemeld.map((g) => g.sleutel)).toEqual(['vastloper']);
  });

  it("70 nudges for one channel: never more than 7 in a second or 60 in 30 seconds; the rest waits", async () => {
    const o = opstelling();
    for (let i = 0; i < 70; i += 1) await o.zetKlaar(`kanaal-${i}`);
    const v = o.verzender();
    for (let i = 0; i < 40 && o.opsteller.vastgelegd.length < 70; i += 1) {
      await o.ronde(v);
      o.verstrijk(1);
    }
    const tijden = o.opsteller.vastgelegd.map((x) => x.op.toMillis());
    expect(tijden).toHaveLength(70);
    const hoogstens = (ms: number) => Math.max(...tijden.map((t) => tijden.filter((u) => u >= t && u < t + ms).length));
    expect(hoogstens(1000)).toBe(7);
    expect(hoogstens(30_000)).toBe(60);
  });
});

describe('Verzendlimiet', () => {
  it.each([
    ['per conversation: the 8th in a second waits for the first to leave the window', [...Array<string>(8).fill('g1')], 'g1', 1000],
    ['per tenant: the 51st in a second waits, whatever the conversation', Array.from({ length: 51 }, (_, i) => `g${i}`), 'g-nieuw', 1000],
    ['another conversation is not held up by a busy one', [...Array<string>(7).fill('g1')], 'g2', 0],
  ])('%s', (_naam, eerder, volgende, wacht) => {
    const l = new Verzendlimiet(TEAMS);
    for (const g of eerder.slice(0, -1)) expect(l.neem(g, 't', 0)).toBe(0);
    if (eerder.length > 7) expect(l.neem(eerder.at(-1)!, 't', 0)).toBeGreaterThan(0);
    else l.neem(eerder.at(-1)!, 't', 0);
    const w = l.neem(volgende, 't', 0);
    expect(wacht === 0 ? w === 0 : w > 0 && w <= wacht).toBe(true);
  });
});

describe('GedeeldeRem', () => {
  it('only ever moves later: an earlier Retry-After does not shorten a brake another instance set', async () => {
    const o = opstelling();
    const rem = new GedeeldeRem(o.stores.state);
    const sleutel = GedeeldeRem.tenant('tenant-1');
    await rem.remAf(sleutel, o.klok.nu.plus({ seconds: 30 }));
    await rem.remAf(sleutel, o.klok.nu.plus({ seconds: 5 }));
    expect((await rem.tot([sleutel], o.klok.nu))?.toMillis()).toBe(o.klok.nu.plus({ seconds: 30 }).toMillis());
    expect(await rem.tot([sleutel], o.klok.nu.plus({ seconds: 31 }))).toBeUndefined();
  });
});
