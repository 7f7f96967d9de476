import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stilleLogger } from '../../src/app/logger.js';
import { TermijnOpsteller } from '../../src/app/termijnOpsteller.js';
import { Termijnbewaking } from '../../src/app/termijnbewaking.js';
import { Verzender, type Afloop } from '../../src/app/verzender.js';
import { Verzendlimiet } from '../../src/app/verzendlimiet.js';
import { maakAdapter } from '../../src/bot/adapter.js';
import { TeamsBezorger, kaartRenderer } from '../../src/bot/bezorger.js';
import { eenPogingHttpClient } from '../../src/bot/teamsHttp.js';
import { maakIndexeerder } from '../../src/app/indexering.js';
import { STANDAARD_BEWAARTERMIJNEN, standaardBeleid, type Dossier } from '../../src/domain/index.js';
import { openSqliteStores } from '../../src/store/sqlite.js';
import type { AuditRegel, GesprekSleutel, Stores } from '../../src/store/ports.js';
import { openSqliteWachtrij } from '../../src/store/sqliteWachtrij.js';
import type { Wachtrij } from '../../src/store/wachtrij.js';
import { TestKlok, demoRegios, demoRegister, testFlow } from '../support/app.js';
import { verwerkVerb } from '../../src/app/verbs.js';
import { Bezorging } from '../../src/app/bezorging.js';
import { OpslagAdresboek } from '../../src/app/adresboek.js';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.js';
import { aangeboden, ams, ctx, lokaalTeam, meldcode, totStap4, vraag, vt } from '../domain/fixtures.js';

const REGIO = 'vt-regio-demo';
const COORDINATOR = { id: '00000000-0000-0000-0000-0000000000023', naam: 'Mo Yilmaz' };
const TEAMLEIDER = { id: '00000000-0000-0000-0000-0000000000024', naam: 'Fatima El Amrani' };
const PROFESSIONAL = 'aad-prof-1';
const TEAMKANAAL: GesprekSleutel = { soort: 'kanaal', teamId: 'team-wijkteam-noord', kanaalId: 'algemeen' };
const TEAMS = { perGesprek: [{ aantal: 7, ms: 1000 }, { aantal: 60, ms: 30_000 }], perTenant: [{ aantal: 50, ms: 1000 }], margeMs: 0 };

let connector: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(async () => {
  await connector.stop();
});
beforeEach(() => {
  connector.ontvangen.length = 0;
  connector.storingen.length = 0;
});

/** Handed over to Wijkteam Noord of the demo region on Monday 2 March 2026: confirm by Monday 9 March. */
function overdracht(id = 'dossier-1', referentie = 'Gezin K., groep 5'): Dossier {
  const d = aangeboden('2026-03-02 10:00');
  if (d.veiligThuis?.fase !== 'overdracht-aangeboden') throw new Error('fixture');
  const o = d.veiligThuis.overdracht;
  return { ...d, id, referentie, regioId: REGIO, veiligThuis: { ...d.veiligThuis, overdracht: { ...o, partij: { ...o.partij, teamId: 'wijkteam-noord' } } } };
}

const audit = (dossierId: string): AuditRegel => ({ id: `a-${dossierId}-${Math.random()}`, op: '2026-03-02T09:00:00.000Z', actor: { id: 't', naam: 't' }, rol: 'test', actie: 'create', dossierId, kanaal: 'test', uitkomst: 'toegestaan' });

interface Proef {
  klok: TestKlok;
  stores: Stores;
  wachtrij: Wachtrij;
  bewaking: (wachtrij?: Pick<Wachtrij, 'zetIn'>) => Termijnbewaking;
  /** Drains the queue through the real sender, Opsteller, cards and Bot Connector client. */
  verzend: () => Promise<Afloop[]>;
  kaarten: () => string[];
  /** The real Teams bezorger against the fake connector, for outbox deliveries. */
  bezorger: TeamsBezorger;
}

async function proef(opties: { gesprekken?: readonly GesprekSleutel[] } = {}): Promise<Proef> {
  const klok = new TestKlok();
  const beleidVoor = (regioId: string) => standaardBeleid(demoRegios.kalender(regioId));
  // The due index counts on the region's calendar, as the composition root builds it.
  const stores = openSqliteStores({ pad: ':memory:', indexeer: maakIndexeerder(beleidVoor, STANDAARD_BEWAARTERMIJNEN) });
  const wachtrij = openSqliteWachtrij({ pad: ':memory:', naam: 'verzenden', nu: () => klok.nu.toMillis() });
  const referentie = (s: GesprekSleutel) => ({ serviceUrl: connector.url, channelId: 'msteams', conversation: { id: s.soort === 'kanaal' ? s.teamId : `chat-${s.gebruikerId}`, tenantId: 'tenant-1' } });
  for (const s of opties.gesprekken ?? [TEAMKANAAL, { soort: 'persoonlijk', gebruikerId: COORDINATOR.id }, { soort: 'persoonlijk', gebruikerId: TEAMLEIDER.id }, { soort: 'persoonlijk', gebruikerId: PROFESSIONAL }]) {
    await stores.gesprekken.bewaar(s, referentie(s));
  }
  await stores.koppelingen.koppel({ kanaal: TEAMKANAAL as Extract<GesprekSleutel, { soort: 'kanaal' }>, koppeling: { soort: 'lokaal-team', regioId: REGIO, teamKey: 'wijkteam-noord' }, door: COORDINATOR, op: '2026-03-01T09:00:00.000Z' });
  const adapter = maakAdapter({ appType: 'MultiTenant', toegestaneTenants: [], lokaal: true }, stilleLogger, { httpClient: eenPogingHttpClient(2000) });
  const bezorger = new TeamsBezorger(adapter, '', kaartRenderer(demoRegios, () => { throw new Error('Geen kaart van de professional in deze proef.'); }));
  const opsteller = new TermijnOpsteller({ stores, regios: demoRegios, beleidVoor, bezorger, klok: klok.lees, log: stilleLogger });
  const verzender = new Verzender({ stores, wachtrij, bezorger, opsteller, limiet: new Verzendlimiet(TEAMS), klok: klok.lees, slaap: async () => undefined, toeval: () => 0.5, log: stilleLogger });
  let n = 0;
  const bewaking = (w: Pick<Wachtrij, 'zetIn'> = wachtrij) => new Termijnbewaking({ stores, wachtrij: w, regios: demoRegios, beleidVoor, klok: klok.lees, log: stilleLogger, nieuwId: () => `audit-${(n += 1)}` });
  const verzend = async () => {
    const uit: Afloop[] = [];
    for (const b of await wachtrij.haalOp(32, 30)) uit.push(await verzender.verwerk(b));
    return uit;
  };
  const kaarten = () => connector.ontvangen.map((o) => JSON.stringify(o.activity['attachments']));
  return { klok, stores, wachtrij, bewaking, verzend, kaarten, bezorger };
}

/** A click on a nudge card, by a person in their personal chat, through the same verbs as the bot. */
async function klik(p: Proef, wie: { id: string; naam: string }, verb: 'termijn-morgen' | 'termijn-escaleer' | 'termijn-escalatie-uitkomst' | 'herinneringen', data: Record<string, unknown>) {
  const { service } = testFlow(p.stores, p.klok);
  const a = { gebruiker: demoRegister.zoek(wie.id, wie.naam, 'tenant-1'), kanaal: 'msteams' as const, gesprek: { soort: 'persoonlijk' as const } };
  return verwerkVerb({ service, klok: p.klok.lees, regios: demoRegios }, a, verb, data);
}

const opslaan = (stores: Stores, d: Dossier) => stores.dossiers.create(d, audit(d.id));

describe('the deadline tick and the nudge cards', () => {
  it('an overdracht not confirmed after 1 werkdag: the team channel gets one reminder card; the dossier records it with an audit row', async () => {
    const p = await proef();
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-03 08:59');
    expect((await p.bewaking().tick()).ingezet).toBe(0);
    p.klok.nu = ams('2026-03-03 09:00');
    expect(await p.bewaking().tick()).toEqual({ dossiers: 1, ingezet: 1, hersteld: 0, overzichten: 0 });
    expect((await p.verzend()).map((a) => a.soort)).toEqual(['verzonden']);
    const [kaart] = p.kaarten();
    expect(connector.ontvangen[0]?.pad).toContain('team-wijkteam-noord');
    expect(kaart).toContain('Herinnering · Overdracht bevestigen');
    expect(kaart).toContain('"verb":"open"');
    expect(kaart).toContain('Herinner mij morgen');
    expect(kaart).not.toContain('Escaleren');
    const d = (await p.stores.dossiers.get('dossier-1'))?.waarde;
    expect(d?.herinneringen).toEqual(['dossier-1:overdracht-bevestigen:herinnering']);
    expect((await p.stores.audit.lijst({ dossierId: 'dossier-1' })).at(-1)).toMatchObject({ kanaal: 'timer', rol: 'systeem', actie: 'update' });
    // A duplicate tick, now and later the same day, changes nothing.
    p.klok.nu = ams('2026-03-03 14:00');
    expect((await p.bewaking().tick()).ingezet).toBe(0);
    expect(await p.wachtrij.haalOp(10, 30)).toEqual([]);
  });

  it('at expiry the coordinator (with an @mention) and the VT teamleider get Escaleren (route a); the timer never escalates further', async () => {
    const p = await proef();
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-10 09:05'); // a late first tick: the reminder is superseded, not sent
    expect((await p.bewaking().tick()).ingezet).toBe(2);
    await p.verzend();
    const perGesprek = Object.fromEntries(connector.ontvangen.map((o) => [o.pad.includes(COORDINATOR.id) ? 'coordinator' : o.pad.includes(TEAMLEIDER.id) ? 'teamleider' : o.pad, JSON.stringify(o.activity['attachments'])]));
    expect(Object.keys(perGesprek).sort()).toEqual(['coordinator', 'teamleider']);
    for (const kaart of Object.values(perGesprek)) {
      expect(kaart).toContain('Termijn verlopen · Overdracht bevestigen');
      expect(kaart).toContain('Escaleren (route a)');
      expect(kaart).toContain('Fatima El Amrani en Mo Yilmaz');
    }
    expect(perGesprek['coordinator']).toContain('"mentioned":{"id":"00000000-0000-0000-0000-0000000000023","name":"Mo Yilmaz"}');
    expect((await p.stores.dossiers.get('dossier-1'))?.waarde.herinneringen.sort()).toEqual(
      ['escalatie-voorstel', 'herinnering', 'nog-niet-bevestigd', 'verlopen'].map((n) => `dossier-1:overdracht-bevestigen:${n}`),
    );
    for (const dag of ['2026-03-12 10:00', '2026-03-17 10:00', '2026-03-24 10:00', '2026-04-20 10:00']) {
      p.klok.nu = ams(dag);
      expect((await p.bewaking().tick()).ingezet).toBe(0);
    }
    expect(connector.ontvangen).toHaveLength(2);
  });

  it('two ticks running concurrently enqueue every nudge once', async () => {
    const p = await proef();
    for (let i = 0; i < 5; i += 1) await opslaan(p.stores, overdracht(`d-${i}`, `Gezin ${i}`));
    p.klok.nu = ams('2026-03-10 09:00');
    const [a, b] = await Promise.all([p.bewaking().tick(), p.bewaking().tick()]);
    expect(a.ingezet + b.ingezet).toBe(10);
    const jobs = await p.wachtrij.haalOp(32, 30);
    expect(jobs).toHaveLength(10);
    expect(new Set(jobs.map((j) => (j.inhoud as { sleutel: string }).sleutel)).size).toBe(10);
  });

  it('a crash between claim and enqueue: the next tick after the timeout enqueues the claimed nudge, and it is sent once', async () => {
    const p = await proef();
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-03 09:00');
    const kapot = { zetIn: async () => Promise.reject(new Error('proces gestopt')) };
    await expect(p.bewaking(kapot).tick()).rejects.toThrow('proces gestopt');
    expect((await p.stores.herinneringen.get('dossier-1:overdracht-bevestigen:herinnering@kanaal:team-wijkteam-noord:algemeen'))?.waarde.status).toBe('geclaimd');
    expect((await p.stores.dossiers.get('dossier-1'))?.waarde.herinneringen).toEqual([]);
    p.klok.nu = ams('2026-03-03 09:05'); // the claim may still be a tick at work: left alone
    expect(await p.bewaking().tick()).toMatchObject({ ingezet: 0, hersteld: 0 });
    p.klok.nu = ams('2026-03-03 09:10');
    expect(await p.bewaking().tick()).toMatchObject({ ingezet: 1, hersteld: 1 });
    expect((await p.verzend()).map((a) => a.soort)).toEqual(['verzonden']);
    p.klok.nu = ams('2026-03-03 09:30');
    expect((await p.bewaking().tick()).ingezet).toBe(0);
    expect(connector.ontvangen).toHaveLength(1);
  });

  it.each([
    ['zaterdag', '2026-03-07 10:00'],
    ['zondag van de zomertijd', '2026-03-29 10:00'],
    ['17:00', '2026-03-06 17:00'],
    ['03:00', '2026-03-10 03:00'],
  ])('nothing goes out outside office hours (%s)', async (_naam, moment) => {
    const p = await proef();
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams(moment);
    expect((await p.bewaking().tick()).ingezet).toBe(0);
  });

  it.each([
    ['Kerst (en de regionale sluitingsdag 24 december)', '2026-12-21 10:00', ['2026-12-24 10:00', '2026-12-25 10:00', '2026-12-26 10:00'], '2026-12-23 09:00'],
    ['Koningsdag', '2026-04-20 10:00', ['2026-04-27 10:00'], '2026-04-24 09:00'],
    ['Pasen', '2026-03-30 10:00', ['2026-04-03 10:00', '2026-04-06 10:00'], '2026-04-02 09:00'],
  ])('%s: no nudge on the holiday; it went out the werkdag before', async (_naam, ontvangen, feestdagen, eerder) => {
    const p = await proef();
    const d = overdracht();
    if (d.veiligThuis?.fase !== 'overdracht-aangeboden') throw new Error('fixture');
    await opslaan(p.stores, { ...d, veiligThuis: { ...d.veiligThuis, overdracht: { ...d.veiligThuis.overdracht, ontvangenOp: ams(ontvangen).toUTC().toISO() as string } } });
    for (const dag of feestdagen) {
      p.klok.nu = ams(dag);
      expect((await p.bewaking().tick()).ingezet).toBe(0);
    }
    p.klok.nu = ams(eerder);
    expect((await p.bewaking().tick()).ingezet).toBe(1);
  });

  it('a deadline met after the job was enqueued sends nothing (overbodig)', async () => {
    const p = await proef();
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-06 09:00');
    await p.bewaking().tick();
    const v = await p.stores.dossiers.get('dossier-1');
    const bevestigd = vt(v!.waarde, { soort: 'bevestig-overdracht', regisseur: 'J.' }, ctx('2026-03-06 09:01', lokaalTeam)).dossier;
    await p.stores.dossiers.update(bevestigd, v!.etag, { ...audit('dossier-1'), actie: 'update' });
    expect((await p.verzend()).map((a) => a.soort)).toEqual(['overbodig']);
    expect(connector.ontvangen).toHaveLength(0);
  });

  it('no conversation with the VT teamleider: the job is given up and the coordinator is told with a card', async () => {
    const p = await proef({ gesprekken: [TEAMKANAAL, { soort: 'persoonlijk', gebruikerId: COORDINATOR.id }] });
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-10 09:00');
    await p.bewaking().tick();
    expect((await p.verzend()).map((a) => a.soort).sort()).toEqual(['opgegeven', 'verzonden']);
    const naarCoordinator = connector.ontvangen.filter((o) => o.pad.includes(COORDINATOR.id)).map((o) => JSON.stringify(o.activity['attachments']));
    expect(naarCoordinator).toHaveLength(2);
    expect(naarCoordinator.some((k) => k.includes('Herinnering niet bezorgd') && k.includes('Overdracht bevestigen'))).toBe(true);
    expect((await p.stores.herinneringen.get(`dossier-1:overdracht-bevestigen:escalatie-voorstel@${TEAMLEIDER.id}`))?.waarde.status).toBe('opgegeven');
  });

  it('zelf hulp: at the follow-up date the professional is asked afweging 5 again, with herweeg-afweging-5 ja/nee, the dossier id and its revision', async () => {
    const p = await proef();
    const zelfHulp = [vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true)].reduce((acc, c) => meldcode(acc, c).dossier, totStap4());
    expect(zelfHulp.meldcode).toMatchObject({ status: 'zelf-hulp', vervolgAfweging5Op: '2026-04-13' });
    await opslaan(p.stores, { ...zelfHulp, regioId: REGIO });
    p.klok.nu = ams('2026-04-13 09:00');
    expect((await p.bewaking().tick()).ingezet).toBe(1);
    await p.verzend();
    expect(connector.ontvangen[0]?.pad).toContain(`chat-${PROFESSIONAL}`);
    const acties = JSON.stringify(connector.ontvangen[0]?.activity['attachments']);
    expect(acties).toContain('Afweging 5 opnieuw');
    for (const antwoord of ['ja', 'nee']) {
      expect(acties).toMatch(new RegExp(`"verb":"herweeg-afweging-5"[^}]*"data":\\{"dossierId":"dossier-1","antwoord":"${antwoord}","versie":"\\d+"`));
    }
  });

  it('a channel with many nudges at one office moment gets one overview card, not one per case', async () => {
    const p = await proef();
    for (let i = 0; i < 4; i += 1) await opslaan(p.stores, overdracht(`d-${i}`, `Gezin ${i}`));
    p.klok.nu = ams('2026-03-03 09:00');
    expect(await p.bewaking().tick()).toMatchObject({ dossiers: 4, ingezet: 1, overzichten: 1 });
    expect((await p.verzend()).map((a) => a.soort)).toEqual(['verzonden']);
    expect(connector.ontvangen).toHaveLength(1);
    const kaart = p.kaarten()[0] ?? '';
    for (let i = 0; i < 4; i += 1) expect(kaart).toContain(`Gezin ${i}`);
    expect(kaart).toContain('4 casussen vragen aandacht');
    // Each case's own key is recorded as sent, so a recovering tick finds it done.
    expect((await p.stores.herinneringen.get('d-2:overdracht-bevestigen:herinnering@kanaal:team-wijkteam-noord:algemeen'))?.waarde.status).toBe('verzonden');
    expect((await p.stores.dossiers.get('d-3'))?.waarde.herinneringen).toEqual(['d-3:overdracht-bevestigen:herinnering']);
  });

  it('Herinner mij morgen: the same nudge once more at the next werkdag 09:00, never again after that', async () => {
    const p = await proef();
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-04 09:00'); // not confirmed after 2 werkdagen: the coordinator
    await p.bewaking().tick();
    await p.verzend();
    expect(p.kaarten()[0]).toContain('"verb":"termijn-morgen"');
    expect(p.kaarten()[0]).toContain('"mijlpaal":"overdracht-bevestigen","niveau":"nog-niet-bevestigd"');
    p.klok.nu = ams('2026-03-04 11:00');
    const data = { dossierId: 'dossier-1', mijlpaal: 'overdracht-bevestigen', niveau: 'nog-niet-bevestigd' };
    expect(await klik(p, COORDINATOR, 'termijn-morgen', data)).toEqual({ soort: 'welkom', melding: 'Goed: u krijgt deze herinnering nog één keer, op donderdag 5 maart om 09:00. De termijn zelf blijft staan.' });
    expect(await klik(p, COORDINATOR, 'termijn-morgen', data)).toMatchObject({ melding: 'Deze herinnering is al een keer uitgesteld; de termijn blijft staan.' });
    p.klok.nu = ams('2026-03-04 16:00');
    expect((await p.bewaking().tick()).ingezet).toBe(0);
    p.klok.nu = ams('2026-03-05 09:00');
    expect((await p.bewaking().tick()).ingezet).toBe(1);
    await p.verzend();
    expect(connector.ontvangen).toHaveLength(2);
    expect(connector.ontvangen[1]?.pad).toContain(COORDINATOR.id);
    p.klok.nu = ams('2026-03-06 09:00');
    expect((await p.bewaking().tick()).ingezet).toBe(0);
  });

  it('Herinner mij morgen is refused for someone the case is not for, and audited', async () => {
    const p = await proef();
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-04 09:00');
    await p.bewaking().tick();
    const w = await klik(p, { id: 'aad-prof-2', naam: 'Iemand anders' }, 'termijn-morgen', { dossierId: 'dossier-1', mijlpaal: 'overdracht-bevestigen', niveau: 'nog-niet-bevestigd' });
    expect(w).toEqual({ soort: 'welkom', melding: 'U kunt deze herinnering niet uitstellen.' });
    expect((await p.stores.dossiers.get('dossier-1'))?.waarde.uitgesteld).toBeUndefined();
    expect((await p.stores.audit.lijst({ dossierId: 'dossier-1' })).at(-1)).toMatchObject({ actor: { id: 'aad-prof-2' }, uitkomst: 'geweigerd' });
  });

  it('a snoozed nudge whose deadline is met meanwhile is not sent again', async () => {
    const p = await proef();
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-04 09:00');
    await p.bewaking().tick();
    await klik(p, COORDINATOR, 'termijn-morgen', { dossierId: 'dossier-1', mijlpaal: 'overdracht-bevestigen', niveau: 'nog-niet-bevestigd' });
    const d = (await p.stores.dossiers.get('dossier-1'))!;
    await p.stores.dossiers.update(vt(d.waarde, { soort: 'bevestig-overdracht', regisseur: 'J.' }, ctx('2026-03-04 14:00', lokaalTeam)).dossier, d.etag, audit('dossier-1'));
    p.klok.nu = ams('2026-03-05 09:00');
    await p.bewaking().tick(); // the contact-gezin term of the confirmed overdracht has its own nudge
    expect((await p.stores.dossiers.get('dossier-1'))?.waarde.herinneringen.filter((h) => h.includes('overdracht-bevestigen')).sort()).toEqual(['dossier-1:overdracht-bevestigen:herinnering', 'dossier-1:overdracht-bevestigen:nog-niet-bevestigd']);
  });

  it('herinneringen: a given-up nudge is listed for the coordinator and the beheerder, with only the reference and the milestone', async () => {
    const p = await proef({ gesprekken: [TEAMKANAAL] }); // nobody has the app: the coordinator's nudge cannot be delivered
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-04 09:00');
    await p.bewaking().tick();
    await p.verzend();
    const verwacht = 'Gezin K., groep 5 · overdracht-bevestigen';
    expect(JSON.stringify(await klik(p, COORDINATOR, 'herinneringen', {}))).toContain(verwacht);
    expect(JSON.stringify(await klik(p, TEAMLEIDER, 'herinneringen', {}))).toContain(verwacht); // the region's beheerder
    const anders = await klik(p, { id: '00000000-0000-0000-0000-0000000000022', naam: 'Sanne' }, 'herinneringen', {});
    expect(anders).toEqual({ soort: 'welkom', melding: 'Er zijn geen herinneringen die niet bezorgd konden worden.' });
    expect((await p.stores.audit.lijst({ dossierId: 'dossier-1' })).length).toBeGreaterThan(0);
  });
});

describe('an open escalation route: its holders are nudged to record the outcome, the timer never moves the route', () => {
  const RUUD = { id: '00000000-0000-0000-0000-000000000403', naam: 'Ruud Dekker' }; // route b, Demostad
  const HENK = { id: '00000000-0000-0000-0000-000000000401', naam: 'Henk Verbeek' }; // route c: directeur VT
  const MARIEKE = { id: '00000000-0000-0000-0000-000000000404', naam: 'Marieke Bos' }; // route c: wethouder
  const ILSE = { id: '00000000-0000-0000-0000-000000000402', naam: 'Ilse Hoekstra' }; // the region's beleid
  const persoonlijk = (...wie: { id: string }[]): GesprekSleutel[] => wie.map((w) => ({ soort: 'persoonlijk', gebruikerId: w.id }));
  const gesprekken = [TEAMKANAAL, ...persoonlijk(COORDINATOR, TEAMLEIDER, RUUD, HENK, MARIEKE, ILSE)];
  const ontvangers = () => connector.ontvangen.map((o) => [COORDINATOR, TEAMLEIDER, RUUD, HENK, MARIEKE, ILSE].find((w) => o.pad.includes(w.id))?.naam ?? o.pad).sort();

  /** The overdracht expired and its nudges went out; on Tuesday 10 March 11:00 the VT teamleider starts route a (outcome due Tuesday 17 March). */
  async function routeA(p: Proef) {
    await opslaan(p.stores, overdracht());
    p.klok.nu = ams('2026-03-10 09:00');
    await p.bewaking().tick();
    await p.verzend();
    connector.ontvangen.length = 0;
    p.klok.nu = ams('2026-03-10 11:00');
    expect(await klik(p, TEAMLEIDER, 'termijn-escaleer', { dossierId: 'dossier-1', reden: 'Geen bevestiging, geen contact.' })).toMatchObject({ melding: expect.stringContaining('route a vastgelegd') });
  }

  async function tickEnVerzend(p: Proef, moment: string) {
    p.klok.nu = ams(moment);
    connector.ontvangen.length = 0;
    const uitslag = await p.bewaking().tick();
    await p.verzend();
    return uitslag;
  }

  it('route a: the VT teamleider and the coordinator on the day, with I and II; then route b: only the beleidsmedewerker; outcome I ends the nudges', async () => {
    const p = await proef({ gesprekken });
    await routeA(p);
    expect((await tickEnVerzend(p, '2026-03-16 09:00')).ingezet).toBe(0);
    expect((await tickEnVerzend(p, '2026-03-17 09:00')).ingezet).toBe(2);
    expect(ontvangers()).toEqual(['Fatima El Amrani', 'Mo Yilmaz']);
    for (const kaart of p.kaarten()) {
      expect(kaart).toContain('Escalatie · Uitkomst route a vastleggen');
      expect(kaart).toContain('meldroute start nooit zelf een volgende route');
      expect(kaart).toMatch(/"verb":"termijn-escalatie-uitkomst","title":"I: opgelost","data":\{"dossierId":"dossier-1","uitkomst":"I","route":"a"/);
      expect(kaart).toMatch(/"verb":"termijn-escalatie-uitkomst","title":"II: niet opgelost, volgende route","data":\{"dossierId":"dossier-1","uitkomst":"II","route":"a"/);
      expect(kaart).not.toContain('Escaleren (route a)');
      expect(kaart).toContain('"verb":"open"');
    }
    // The coordinator decides II: route b starts (Tuesday 17 March 11:00, outcome due Tuesday 24 March).
    p.klok.nu = ams('2026-03-17 11:00');
    expect(await klik(p, COORDINATOR, 'termijn-escalatie-uitkomst', { dossierId: 'dossier-1', uitkomst: 'II', route: 'a' })).toMatchObject({ melding: expect.stringContaining('route b') });
    expect((await tickEnVerzend(p, '2026-03-18 09:00')).ingezet).toBe(0); // route a has its outcome: no 'verlopen' for it
    expect((await tickEnVerzend(p, '2026-03-24 09:00')).ingezet).toBe(1);
    expect(ontvangers()).toEqual(['Ruud Dekker']);
    expect(p.kaarten()[0]).toContain('Uitkomst route b vastleggen');
    expect(p.kaarten()[0]).toContain('"route":"b"');
    expect(p.kaarten()[0]).toContain('route b: ambtelijk (beleidsmedewerker gemeente, die de wethouder informeert)');
    expect(p.kaarten()[0]).not.toContain('<at>');
    expect(p.kaarten()[0]).not.toContain('"verb":"open"'); // the beleidsmedewerker has no access to the dossier itself
    // The coordinator's old route a card now records nothing; the beleidsmedewerker's card does.
    expect(await klik(p, COORDINATOR, 'termijn-escalatie-uitkomst', { dossierId: 'dossier-1', uitkomst: 'I', route: 'b' })).toEqual({ soort: 'welkom', melding: 'U heeft geen toegang tot deze casus.' });
    expect(await klik(p, RUUD, 'termijn-escalatie-uitkomst', { dossierId: 'dossier-1', uitkomst: 'I', route: 'b' })).toEqual({ soort: 'welkom', melding: 'Uitkomst I vastgelegd: de escalatie is afgerond.' });
    for (const dag of ['2026-03-25 09:00', '2026-03-31 09:00', '2026-04-20 09:00']) expect((await tickEnVerzend(p, dag)).ingezet).toBe(0);
    expect((await p.stores.dossiers.get('dossier-1'))?.waarde.veiligThuis?.escalaties.map((e) => `${e.route}:${e.uitkomst ?? 'open'}`)).toEqual(['a:II', 'b:I']);
  });

  it('a route that starts is told to its holders at once (not only at its term), with I and II; whoever started it gets no card', async () => {
    const p = await proef({ gesprekken });
    await routeA(p);
    const bezorging = new Bezorging({ stores: p.stores, adresboek: new OpslagAdresboek(p.stores), bezorger: p.bezorger, regios: demoRegios, klok: p.klok.lees, log: stilleLogger, nieuwId: () => `b-${Math.random()}` });
    await bezorging.bezorg('dossier-1');
    await bezorging.bezorg('dossier-1'); // delivered once
    expect(ontvangers()).toEqual(['Mo Yilmaz']);
    expect(p.kaarten()[0]).toContain('Escalatie · Uitkomst route a vastleggen');
    expect(p.kaarten()[0]).toContain('uiterlijk dinsdag 17 maart 2026');
    expect(p.kaarten()[0]).toMatch(/"verb":"termijn-escalatie-uitkomst","title":"I: opgelost","data":\{"dossierId":"dossier-1","uitkomst":"I","route":"a"/);
    // II starts route b: the gemeente's beleidsmedewerker hears it now, with the case's reference only.
    connector.ontvangen.length = 0;
    p.klok.nu = ams('2026-03-12 14:00');
    await klik(p, COORDINATOR, 'termijn-escalatie-uitkomst', { dossierId: 'dossier-1', uitkomst: 'II', route: 'a' });
    await bezorging.bezorg('dossier-1');
    expect(ontvangers()).toEqual(['Ruud Dekker']);
    expect(p.kaarten()[0]).toContain('Escalatie · Uitkomst route b vastleggen');
    expect(p.kaarten()[0]).not.toContain('"verb":"open"');
    expect(p.kaarten()[0]).not.toContain('Blauwe plekken');
  });

  it('route c: the directeur Veilig Thuis and the wethouder; passed without outcome, once more the werkdag after, and the route stays open', async () => {
    const p = await proef({ gesprekken });
    await routeA(p);
    await klik(p, TEAMLEIDER, 'termijn-escalatie-uitkomst', { dossierId: 'dossier-1', uitkomst: 'II', route: 'a' });
    await klik(p, RUUD, 'termijn-escalatie-uitkomst', { dossierId: 'dossier-1', uitkomst: 'II', route: 'b' }); // route c from Tuesday 10 March 11:00: due Tuesday 17 March
    expect((await tickEnVerzend(p, '2026-03-17 09:00')).ingezet).toBe(2);
    expect(ontvangers()).toEqual(['Henk Verbeek', 'Marieke Bos']);
    expect(p.kaarten()[0]).toContain('"title":"II: niet opgelost"');
    expect((await tickEnVerzend(p, '2026-03-18 09:00')).ingezet).toBe(2);
    expect(p.kaarten().every((k) => k.includes('Termijn verlopen · Uitkomst route c vastleggen'))).toBe(true);
    expect((await tickEnVerzend(p, '2026-03-25 09:00')).ingezet).toBe(0);
    expect((await p.stores.dossiers.get('dossier-1'))?.waarde.veiligThuis?.escalaties.map((e) => `${e.route}:${e.uitkomst ?? 'open'}`)).toEqual(['a:II', 'b:II', 'c:open']);
  });

  it('the third escalation in Demostad within a year: the VT teamleider\'s nudge says so and the region\'s beleid gets an information card without case data', async () => {
    const p = await proef({ gesprekken });
    for (const [i, maand] of ['2026-01-12', '2026-02-09', '2026-03-10'].entries()) {
      const d = overdracht(`d-${i}`, `Gezin ${i}`);
      // Veilig Thuis of the demo region holds it (the shared fixture leaves its record in another region).
      await opslaan(p.stores, d.veiligThuis ? { ...d, veiligThuis: { ...d.veiligThuis, regioId: REGIO } } : d);
      p.klok.nu = ams(`${maand} 11:00`);
      await klik(p, TEAMLEIDER, 'termijn-escaleer', { dossierId: `d-${i}`, reden: 'Termijn verlopen.' });
    }
    expect((await p.stores.dossiers.get('d-2'))?.waarde.veiligThuis?.escalaties[0]?.signalering).toMatchObject({ gemeente: 'Demostad', aantal: 3 });
    const bezorging = new Bezorging({ stores: p.stores, adresboek: new OpslagAdresboek(p.stores), bezorger: p.bezorger, regios: demoRegios, klok: p.klok.lees, log: stilleLogger, nieuwId: () => `b-${Math.random()}` });
    for (const id of ['d-0', 'd-1', 'd-2']) await bezorging.bezorg(id);
    await bezorging.bezorg('d-2'); // delivered once
    // The coordinator hears of each route a the VT teamleider started; the region's beleid once, of the pattern.
    expect(ontvangers()).toEqual(['Ilse Hoekstra', 'Mo Yilmaz', 'Mo Yilmaz', 'Mo Yilmaz']);
    const info = connector.ontvangen.filter((o) => o.pad.includes(ILSE.id)).map((o) => JSON.stringify(o.activity['attachments']))[0] ?? '';
    expect(info).toContain('Mogelijk structureel probleem in Demostad: 3 escalaties sinds 12 januari 2026');
    expect(info).not.toContain('Gezin');
    expect(info).not.toContain('"verb":"open"');
    expect((await p.stores.dossiers.get('d-2'))?.waarde.uitgaand?.every((u) => u.bezorgdOp !== undefined)).toBe(true);
    // The route a nudge to the VT teamleider on the day carries the flag.
    expect((await tickEnVerzend(p, '2026-03-17 09:00')).ingezet).toBeGreaterThan(0);
    const naarTeamleider = connector.ontvangen.filter((o) => o.pad.includes(TEAMLEIDER.id)).map((o) => JSON.stringify(o.activity['attachments']));
    expect(naarTeamleider.some((k) => k.includes('Uitkomst route a vastleggen') && k.includes('mogelijk structureel probleem in Demostad: 3 escalaties sinds 12 januari 2026'))).toBe(true);
  });
});
