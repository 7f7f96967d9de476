import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import type { Gesprek } from '../../src/app/toegang.js';
import { verwerkVerb, type Verb } from '../../src/app/verbs.js';
import type { Stores } from '../../src/store/ports.js';
import { vasteRegioGids, type RegioGids } from '../../src/app/regio.js';
import { AFSPRAKEN_INVOER, TestKlok, demoRegios, demoRegister, naarMelding, testFlow, testStores } from '../support/app.js';

const TEAM = { Demostad: 'wijkteam-noord', Demodorp: 'sociaal-team-demodorp' } as const;

/**
 * The nudge card's escalation (issue 11): route a recorded on the dossier by the VT teamleider or
 * the coordinator of the lokaal team, outcome II moving on to b and c, anyone else refused and audited.
 */

const persoonlijk: Gesprek = { soort: 'persoonlijk' };
const als = (id: string, naam: string, gesprek: Gesprek = persoonlijk): Aanvraag => ({ gebruiker: demoRegister.zoek(id, naam, 'tenant-1'), kanaal: 'msteams', gesprek });
const annelies = als('aad-prof-1', 'Annelies');
const vtKanaal: Gesprek = { soort: 'kanaal', teamId: 'team-vt', kanaalId: 'intake', koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, teamLid: true };
const mo = als('00000000-0000-0000-0000-0000000000023', 'Mo Yilmaz');
const fatima = als('00000000-0000-0000-0000-0000000000024', 'Fatima El Amrani');

// The holders of routes b and c in Demostad (config/regions/demo.json).
const ruud = als('00000000-0000-0000-0000-000000000403', 'Ruud Dekker');
const henk = als('00000000-0000-0000-0000-000000000401', 'Henk Verbeek');
const marieke = als('00000000-0000-0000-0000-000000000404', 'Marieke Bos');
const sven = als('00000000-0000-0000-0000-000000000406', 'Sven de Wit');

/** A case of the demo region handed over to a lokaal team of `gemeente`, in `stores` (a fresh store by default). */
async function overgedragen(opties: { stores?: Stores; klok?: TestKlok; gemeente?: 'Demostad' | 'Demodorp'; regios?: RegioGids } = {}) {
  const stores = opties.stores ?? testStores();
  const gemeente = opties.gemeente ?? 'Demostad';
  const regios = opties.regios ?? demoRegios;
  const { service, klok } = testFlow(stores, opties.klok, regios);
  const r = await service.start(annelies, { referentie: 'Gezin K., groep 5', werktMetVolwassenen: false });
  if (!r.ok) throw new Error(r.fout.melding);
  const id = r.waarde.id;
  for (const commando of naarMelding().map((c) => (c.soort === 'melding' ? { ...c, melding: { ...c.melding, gemeente } } : c))) {
    const s = await service.pasToe(annelies, id, commando);
    if (!s.ok) throw new Error(s.fout.melding);
  }
  const omgeving = { service, klok: klok.lees, regios };
  const stuur = (a: Aanvraag, verb: Verb, data: Record<string, unknown> = {}) => verwerkVerb(omgeving, a, verb, { dossierId: id, ...data });
  const versie = String((await stores.dossiers.get(id))?.waarde.gebeurtenissen.length);
  await stuur(als('aad-vt', 'Sanne', vtKanaal), 'vt-beoordeling', {
    acuutOnveilig: 'false', structureelOnveilig: 'true', multiproblematiek: 'false',
    risicofactoren: 'Schulden', veiligheidsvoorwaarden: 'Afspraken.', besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: TEAM[gemeente], ...AFSPRAKEN_INVOER, versie,
  });
  const escalaties = async () => (await stores.dossiers.get(id))?.waarde.veiligThuis?.escalaties.map((e) => `${e.route}:${e.uitkomst ?? 'loopt'}`);
  expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.overdracht?.partij.teamId).toBe(TEAM[gemeente]);
  return { stores, id, stuur, escalaties, klok };
}

describe('nudge card: Escaleren (route a) and the outcome', () => {
  it.each([
    ['the coordinator of the lokaal team', mo],
    ['the VT teamleider of the region', fatima],
  ])('%s records route a with a reason on the dossier', async (_naam, wie) => {
    const { stuur, escalaties, stores, id } = await overgedragen();
    const w = await stuur(wie, 'termijn-escaleer', { reden: 'Geen contact met het gezin na twee weken.' });
    expect(w).toMatchObject({ soort: 'welkom', melding: expect.stringContaining('route a vastgelegd') });
    expect(await escalaties()).toEqual(['a:loopt']);
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.escalaties[0]?.reden).toBe('Geen contact met het gezin na twee weken.');
  });

  it.each([
    ['the professional who reported', annelies],
    ['a VT medewerker', als('aad-vt', 'Sanne')],
  ])('refuses %s, records nothing and audits the refusal', async (_naam, wie) => {
    const { stuur, escalaties, stores, id } = await overgedragen();
    const w = await stuur(wie, 'termijn-escaleer', { reden: 'x' });
    expect(w.soort).toBe('welkom');
    expect(await escalaties()).toEqual([]);
    expect((await stores.audit.lijst({ dossierId: id })).at(-1)).toMatchObject({ actor: { id: wie.gebruiker.id }, uitkomst: 'geweigerd' });
  });

  it('without a reason nothing is recorded and the card says why', async () => {
    const { stuur, escalaties } = await overgedragen();
    expect(await stuur(mo, 'termijn-escaleer', { reden: '  ' })).toMatchObject({ melding: 'Geef kort de reden van de escalatie.' });
    expect(await escalaties()).toEqual([]);
  });

  it.each<[string, ('I' | 'II')[], string[]]>([
    ['I stops the ladder at route a', ['I'], ['a:I']],
    ['II moves on to route b', ['II'], ['a:II', 'b:loopt']],
    ['II, II moves on to route c', ['II', 'II'], ['a:II', 'b:II', 'c:loopt']],
    ['after route c the ladder ends', ['II', 'II', 'II'], ['a:II', 'b:II', 'c:II']],
    ['II then I stops at route b', ['II', 'I'], ['a:II', 'b:I']],
  ])('Uitkomst route vastleggen: %s', async (_naam, uitkomsten, verwacht) => {
    const { stuur, escalaties } = await overgedragen();
    expect(await stuur(fatima, 'termijn-escaleer', { reden: 'Termijn verlopen.' })).toMatchObject({ melding: expect.stringContaining('route a vastgelegd') });
    // Each outcome by a holder of the route that is open at that moment.
    const houder = [mo, ruud, henk];
    for (const [i, uitkomst] of uitkomsten.entries()) await stuur(houder[i] ?? henk, 'termijn-escalatie-uitkomst', { uitkomst });
    expect(await escalaties()).toEqual(verwacht);
  });

  it('an outcome without a running escalation is refused with a message, not a dead end', async () => {
    const { stuur } = await overgedragen();
    expect(await stuur(mo, 'termijn-escalatie-uitkomst', { uitkomst: 'I' })).toEqual({ soort: 'welkom', melding: 'Er loopt geen escalatie.' });
  });
});

describe('the outcome of an open route is recorded by that route\'s holders only (seed 004 bijlage 4)', () => {
  /** Route a started by the teamleider; `naarRoute` outcomes II by the holders bring it to route b or c. */
  async function opRoute(route: 'a' | 'b' | 'c') {
    const o = await overgedragen();
    await o.stuur(fatima, 'termijn-escaleer', { reden: 'Geen contact.' });
    if (route !== 'a') await o.stuur(mo, 'termijn-escalatie-uitkomst', { uitkomst: 'II' });
    if (route === 'c') await o.stuur(ruud, 'termijn-escalatie-uitkomst', { uitkomst: 'II' });
    return o;
  }

  it.each<[string, 'a' | 'b' | 'c', Aanvraag, boolean]>([
    ['route a: the coordinator', 'a', mo, true],
    ['route a: the VT teamleider', 'a', fatima, true],
    ['route a: the beleidsmedewerker of the gemeente', 'a', ruud, false],
    ['route b: the beleidsmedewerker of the gemeente', 'b', ruud, true],
    ['route b: the coordinator (route a is over)', 'b', mo, false],
    ['route b: the VT teamleider (route a is over)', 'b', fatima, false],
    ['route b: the beleidsmedewerker of another gemeente', 'b', sven, false],
    ['route c: the directeur Veilig Thuis', 'c', henk, true],
    ['route c: the wethouder', 'c', marieke, true],
    ['route c: the beleidsmedewerker (route b is over)', 'c', ruud, false],
    ['route a: the professional who reported', 'a', annelies, false],
    ['route b: a VT medewerker', 'b', als('aad-vt', 'Sanne'), false],
  ])('%s may record outcome I: %s', async (_naam, route, wie, mag) => {
    const { stuur, escalaties, stores, id } = await opRoute(route);
    const voor = await escalaties();
    const w = await stuur(wie, 'termijn-escalatie-uitkomst', { uitkomst: 'I', route });
    if (mag) {
      expect(w).toEqual({ soort: 'welkom', melding: 'Uitkomst I vastgelegd: de escalatie is afgerond.' });
      expect((await escalaties())?.at(-1)).toBe(`${route}:I`);
    } else {
      expect(w).toEqual({ soort: 'welkom', melding: 'U heeft geen toegang tot deze casus.' });
      expect(await escalaties()).toEqual(voor);
      expect((await stores.audit.lijst({ dossierId: id })).at(-1)).toMatchObject({ actor: { id: wie.gebruiker.id }, actie: 'update', uitkomst: 'geweigerd' });
    }
  });

  it('a route a card clicked after route b started records nothing and says which route runs now', async () => {
    const { stuur, escalaties } = await opRoute('b');
    expect(await stuur(fatima, 'termijn-escalatie-uitkomst', { uitkomst: 'I', route: 'a' })).toEqual({
      soort: 'welkom',
      melding: 'Deze kaart ging over route a; intussen loopt route b. Er is niets vastgelegd.',
    });
    expect(await escalaties()).toEqual(['a:II', 'b:loopt']);
  });

  it.each<[string, RegioGids, string]>([
    ['the default of 5 werkdagen', demoRegios, '2026-03-09'],
    ['the region\'s own term of 2 werkdagen', vasteRegioGids(demoRegios.regios().map((r) => (r.id === 'vt-regio-demo' ? { ...r, escalatieUitkomstWerkdagen: 2 } : r))), '2026-03-04'],
  ])('route a started on Monday 2 March: its outcome is due with %s', async (_naam, regios, dag) => {
    const { stuur, stores, id } = await overgedragen({ regios });
    await stuur(fatima, 'termijn-escaleer', { reden: 'Geen contact.' });
    const e = (await stores.dossiers.get(id))?.waarde.veiligThuis?.escalaties[0];
    expect(DateTime.fromISO(e?.uitkomstUiterlijk ?? '').setZone('Europe/Amsterdam').toISODate()).toBe(dag);
  });

  it('outcome II at route a tells who holds route b now', async () => {
    const { stuur } = await opRoute('a');
    expect(await stuur(mo, 'termijn-escalatie-uitkomst', { uitkomst: 'II', route: 'a' })).toMatchObject({ melding: expect.stringContaining('route b') });
  });
});

describe('a repeated escalation in one gemeente is flagged as a possible structural problem', () => {
  /** Route a for `n` cases of `gemeente` in one store, a month apart; returns the last case. */
  async function escaleer(stores: Stores, klok: TestKlok, gemeente: 'Demostad' | 'Demodorp') {
    const o = await overgedragen({ stores, klok, gemeente });
    const w = await o.stuur(fatima, 'termijn-escaleer', { reden: 'Termijn verlopen.' });
    const d = (await stores.dossiers.get(o.id))?.waarde;
    return { ...o, w, escalatie: d?.veiligThuis?.escalaties.at(-1), uitgaand: (d?.uitgaand ?? []).map((u) => u.effect) };
  }

  it('the first and second escalation in Demostad are not flagged; the third is, on the record, the answer and the outbox for beleid', async () => {
    const stores = testStores();
    const klok = new TestKlok();
    const eerste = await escaleer(stores, klok, 'Demostad');
    expect(eerste.escalatie?.signalering).toBeUndefined();
    klok.nu = klok.nu.plus({ months: 1 });
    const tweede = await escaleer(stores, klok, 'Demostad');
    expect(tweede.escalatie?.signalering).toBeUndefined();
    expect(tweede.uitgaand.some((e) => e.soort === 'structureel-signaal')).toBe(false);
    // Another gemeente is not counted, and is not flagged itself.
    expect((await escaleer(stores, klok, 'Demodorp')).escalatie?.signalering).toBeUndefined();
    klok.nu = klok.nu.plus({ months: 1 });
    const derde = await escaleer(stores, klok, 'Demostad');
    expect(derde.escalatie?.signalering).toEqual({ gemeente: 'Demostad', aantal: 3, sinds: '2026-03-02T09:00:00.000Z' });
    expect(derde.w).toMatchObject({ melding: expect.stringContaining('mogelijk structureel probleem in Demostad: 3 escalaties sinds 2 maart 2026') });
    expect(derde.uitgaand).toContainEqual({ soort: 'structureel-signaal', regioId: 'vt-regio-demo', gemeente: 'Demostad', aantal: 3, sinds: '2026-03-02T09:00:00.000Z' });
    expect((await stores.escalaties.get('vt-regio-demo', 'Demostad'))?.waarde.escalaties).toHaveLength(3);
    expect((await stores.escalaties.get('vt-regio-demo', 'Demodorp'))?.waarde.escalaties).toHaveLength(1);
  });

  it('an escalation older than 12 months no longer counts', async () => {
    const stores = testStores();
    const klok = new TestKlok();
    await escaleer(stores, klok, 'Demostad');
    klok.nu = klok.nu.plus({ months: 12 });
    await escaleer(stores, klok, 'Demostad');
    klok.nu = klok.nu.plus({ days: 1 });
    expect((await escaleer(stores, klok, 'Demostad')).escalatie?.signalering).toBeUndefined();
  });

  it('a refused or second start is not counted in the register', async () => {
    const stores = testStores();
    const klok = new TestKlok();
    const o = await overgedragen({ stores, klok });
    await o.stuur(annelies, 'termijn-escaleer', { reden: 'x' });
    expect(await stores.escalaties.get('vt-regio-demo', 'Demostad')).toBeUndefined();
    await o.stuur(fatima, 'termijn-escaleer', { reden: 'x' });
    expect(await o.stuur(mo, 'termijn-escaleer', { reden: 'nogmaals' })).toMatchObject({ melding: 'Er loopt al een escalatie; rond die eerst af.' });
    expect((await stores.escalaties.get('vt-regio-demo', 'Demostad'))?.waarde.escalaties).toHaveLength(1);
  });
});
