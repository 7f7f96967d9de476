import { describe, expect, it } from 'vitest';
import { maakMonitoringHandler } from '../../functions/monitoring.js';
import { maakTermijnenHandler } from '../../functions/termijnen.js';
import { stilleLogger } from '../../src/app/logger.js';
import { bouwKern } from '../../src/bot/compositie.js';
import { laadConfig } from '../../src/config.js';
import { InvocationContext, type Timer } from '../../src/hosting/azureFunctions.js';
import { openSqliteWachtrij } from '../../src/store/sqliteWachtrij.js';
import { aangeboden, ams, ctx, lokaalTeam, vt } from '../domain/fixtures.js';
import { auditVan } from '../store/contract.js';
import { TestKlok, demoRegios, testStores } from '../support/app.js';

const timer = (isPastDue: boolean): Timer => ({
  isPastDue,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '2026-03-10T07:55:00.000Z', next: '2026-03-10T08:05:00.000Z', lastUpdated: '2026-03-10T07:55:00.000Z' },
});

function context(): { context: InvocationContext; log: string[] } {
  const log: string[] = [];
  return { context: new InvocationContext({ functionName: 'termijnen', invocationId: 'test', logHandler: (_niveau, ...args) => log.push(args.join(' ')) }), log };
}

/** The composition root at 10 March 09:05, and an overdracht to Wijkteam Noord (Demostad) of 2 March. */
async function opzet() {
  const klok = new TestKlok(ams('2026-03-10 09:05'));
  const stores = testStores();
  const wachtrij = openSqliteWachtrij({ pad: ':memory:', naam: 'verzenden', nu: () => klok.nu.toMillis() });
  const kern = await bouwKern(laadConfig({ STORE: 'sqlite' }), { log: stilleLogger, stores, regios: demoRegios, klok: klok.lees, verzending: { wachtrij } });
  const d = aangeboden('2026-03-02 10:00');
  if (d.veiligThuis?.fase !== 'overdracht-aangeboden') throw new Error('fixture');
  const o = d.veiligThuis.overdracht;
  const inDemostad = { ...d, regioId: 'vt-regio-demo', veiligThuis: { ...d.veiligThuis, overdracht: { ...o, partij: { ...o.partij, teamId: 'wijkteam-noord' } } } };
  return { klok, stores, wachtrij, kern, d, inDemostad };
}

describe('functions/termijnen (timer, real InvocationContext)', () => {
  it('an open route b on its due day: the composition root nudges the gemeente\'s beleidsmedewerker, and only the route\'s holders', async () => {
    const { stores, wachtrij, kern, d, inDemostad } = await opzet();
    // Route a on Tuesday 3 March, outcome II the same day: route b's outcome is due Tuesday 10 March.
    const routeA = vt(inDemostad, { soort: 'start-escalatie', reden: 'Termijn verlopen.' }, ctx('2026-03-03 10:00')).dossier;
    const routeB = vt(routeA, { soort: 'rond-escalatie-af', uitkomst: 'II' }, ctx('2026-03-03 11:00')).dossier;
    await stores.dossiers.create(routeB, auditVan(d.id));

    await maakTermijnenHandler(async () => kern)(timer(true), context().context);
    const jobs = await wachtrij.haalOp(10, 1);
    const routeBNudges = jobs.map((j) => j.inhoud as { sleutel: string; naar: unknown }).filter((j) => j.sleutel.includes(':escalatie-uitkomst-2-route-b:'));
    expect(routeBNudges.map((j) => [j.sleutel, j.naar])).toEqual([
      [`${d.id}:escalatie-uitkomst-2-route-b:op-de-dag@00000000-0000-0000-0000-000000000403`, { soort: 'persoonlijk', gebruikerId: '00000000-0000-0000-0000-000000000403' }],
    ]);
    await kern.sluit();
  });

  it('a late run catches up: the due nudges are enqueued once, a second run changes nothing', async () => {
    const { klok, stores, wachtrij, kern, d, inDemostad } = await opzet();
    await stores.dossiers.create(inDemostad, auditVan(d.id));

    const handler = maakTermijnenHandler(async () => kern);
    const eerst = context();
    await handler(timer(true), eerst.context);
    expect(eerst.log).toEqual(['Termijnen (ingehaald): 1 dossier(s), 2 verzendopdracht(en), 0 overzicht(en), 0 hersteld.']);
    expect(await wachtrij.haalOp(10, 1)).toHaveLength(2);

    klok.nu = klok.nu.plus({ minutes: 5 });
    const daarna = context();
    await handler(timer(false), daarna.context);
    expect(daarna.log).toEqual(['Termijnen: 0 dossier(s), 0 verzendopdracht(en), 0 overzicht(en), 0 hersteld.']);
    await kern.sluit();
  });

  it('the monitoring timer and the deadline timer share the due query and never claim each other\'s nudges', async () => {
    // Confirmed on 3 March, never contacted, monitored: on 27 May the contact term is long expired
    // and the 3-month moment (2 June) is 5 werkdagen away, so both timers have work in one dossier.
    const klok = new TestKlok(ams('2026-05-27 09:05'));
    const stores = testStores();
    const wachtrij = openSqliteWachtrij({ pad: ':memory:', naam: 'verzenden', nu: () => klok.nu.toMillis() });
    const kern = await bouwKern(laadConfig({ STORE: 'sqlite' }), { log: stilleLogger, stores, regios: demoRegios, klok: klok.lees, verzending: { wachtrij } });
    const d = aangeboden('2026-03-02 10:00', true);
    if (d.veiligThuis?.fase !== 'overdracht-aangeboden') throw new Error('fixture');
    const o = d.veiligThuis.overdracht;
    const bijTeam = { ...d, regioId: 'vt-regio-demo', veiligThuis: { ...d.veiligThuis, overdracht: { ...o, partij: { ...o.partij, teamId: 'wijkteam-noord' } } } };
    await stores.dossiers.create(vt(bijTeam, { soort: 'bevestig-overdracht', regisseur: 'J. de Vries' }, ctx('2026-03-03 10:00', lokaalTeam)).dossier, auditVan(d.id));
    const mijlpalen = async () => (await wachtrij.haalOp(50, 60)).map((b) => (b.inhoud as { inhoud: { mijlpaal: string } }).inhoud.mijlpaal);

    const termijnen = context();
    await maakTermijnenHandler(async () => kern)(timer(false), termijnen.context);
    const vanTermijnen = await mijlpalen();
    expect(vanTermijnen.length).toBeGreaterThan(0);
    expect(vanTermijnen.every((m) => m.startsWith('contact-gezin'))).toBe(true);

    const monitoring = context();
    await maakMonitoringHandler(async () => kern)(timer(false), monitoring.context);
    expect(monitoring.log).toEqual(['Monitoring: 1 dossier(s), 1 verzendopdracht(en), 0 hersteld.']);
    expect(await mijlpalen()).toEqual(['monitoring-3']);

    // Each timer again: its own nudges are recorded, the other's were never its to take.
    const nogEens = context();
    await maakTermijnenHandler(async () => kern)(timer(false), nogEens.context);
    await maakMonitoringHandler(async () => kern)(timer(false), nogEens.context);
    expect(nogEens.log).toEqual(['Termijnen: 0 dossier(s), 0 verzendopdracht(en), 0 overzicht(en), 0 hersteld.', 'Monitoring: 0 dossier(s), 0 verzendopdracht(en), 0 hersteld.']);
    await kern.sluit();
  });
});
