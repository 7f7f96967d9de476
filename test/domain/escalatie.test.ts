import { describe, expect, it } from 'vitest';
import type { DateTime } from 'luxon';
import {
  STANDAARD_ESCALATIE_UITKOMST_WERKDAGEN,
  WerkdagKalender,
  dueReminders,
  markeerVerzonden,
  metUitgaand,
  openMijlpalen,
  signaleringTekst,
  standaardBeleid,
  structureelSignaal,
  volgendeHerinneringOp,
  type Dossier,
  type VtCommando,
} from '../../src/domain/index.js';
import { aangeboden, ams, ctx, vt, vtMedewerker } from './fixtures.js';

const lokaal = (d: DateTime | null | undefined) => d?.setZone('Europe/Amsterdam').toFormat('yyyy-MM-dd HH:mm') ?? null;
const start: VtCommando = { soort: 'start-escalatie', reden: 'Geen contact met het gezin.' };
const uitkomst = (u: 'I' | 'II'): VtCommando => ({ soort: 'rond-escalatie-af', uitkomst: u });
const op = (lokaalTijd: string, instellingen?: { kalender?: WerkdagKalender; escalatieUitkomstWerkdagen?: number }) => ({ ...ctx(lokaalTijd, vtMedewerker), ...(instellingen ? { instellingen } : {}) });
/** The route-outcome nudges due at `nu`, as [milestone, level, audience]. */
const uitkomstNudges = (d: Dossier, nu: string, kalender = new WerkdagKalender()) =>
  dueReminders(d, ams(nu), standaardBeleid(kalender))
    .filter((h) => h.mijlpaal.id.startsWith('escalatie-uitkomst-'))
    .map((h) => [h.mijlpaal.id, h.niveau, h.publiek]);

describe('the timer reminds the holders of an open route to record its outcome (seed 004 bijlage 4)', () => {
  // Route a started Monday 2 March 2026, 10:00: outcome due by the end of Monday 9 March (5 werkdagen).
  const routeA = () => vt(aangeboden(), start, op('2026-03-02 10:00')).dossier;
  // Outcome II on Wednesday 4 March starts route b, due Wednesday 11 March; II again on Thursday 12 March starts c, due Thursday 19 March.
  const routeB = () => vt(routeA(), uitkomst('II'), op('2026-03-04 10:00')).dossier;
  const routeC = () => vt(routeB(), uitkomst('II'), op('2026-03-12 10:00')).dossier;

  it('the route records its term, and the milestone names the route', () => {
    expect(STANDAARD_ESCALATIE_UITKOMST_WERKDAGEN).toBe(5);
    expect(routeC().veiligThuis?.escalaties.map((e) => [e.route, e.uitkomstUiterlijk])).toEqual([
      ['a', '2026-03-09T22:59:59.999Z'],
      ['b', '2026-03-11T22:59:59.999Z'],
      ['c', '2026-03-19T22:59:59.999Z'],
    ]);
    expect(openMijlpalen(routeB()).filter((m) => m.id.startsWith('escalatie')).map((m) => [m.id, m.omschrijving, m.verantwoordelijke, lokaal(m.deadline)])).toEqual([
      ['escalatie-uitkomst-2-route-b', 'Uitkomst route b vastleggen', 'veilig-thuis', '2026-03-11 23:59'],
    ]);
  });

  it.each<[string, () => Dossier, string, (string | undefined)[][]]>([
    ['route a, ma 9 maart 08:59: before office hours, nothing', routeA, '2026-03-09 08:59', []],
    ['route a, vr 6 maart: before the day, nothing', routeA, '2026-03-06 11:00', []],
    ['route a, ma 9 maart 09:00: its holders on the day', routeA, '2026-03-09 09:00', [['escalatie-uitkomst-1-route-a', 'op-de-dag', 'escalatie-route']]],
    ['route a, di 10 maart 09:00: passed without outcome, once more', routeA, '2026-03-10 09:00', [['escalatie-uitkomst-1-route-a', 'verlopen', 'escalatie-route']]],
    ['route a, za 14 maart: weekend, nothing', routeA, '2026-03-14 10:00', []],
    ['route b, wo 11 maart 09:00: route b\'s holders on the day', routeB, '2026-03-11 09:00', [['escalatie-uitkomst-2-route-b', 'op-de-dag', 'escalatie-route']]],
    ['route b, ma 9 maart 09:00: route a has an outcome, no nudge for it', routeB, '2026-03-09 09:00', []],
    ['route c, vr 20 maart 09:00: route c passed without outcome', routeC, '2026-03-20 09:00', [['escalatie-uitkomst-3-route-c', 'verlopen', 'escalatie-route']]],
    ['route a with outcome I: never a nudge', () => vt(routeA(), uitkomst('I'), op('2026-03-03 10:00')).dossier, '2026-03-09 09:00', []],
    ['route c with outcome II: the ladder ended, never a nudge', () => vt(routeC(), uitkomst('II'), op('2026-03-13 10:00')).dossier, '2026-03-19 09:00', []],
  ])('%s', (_naam, dossier, nu, verwacht) => {
    expect(uitkomstNudges(dossier(), nu)).toEqual(verwacht);
  });

  it('feestdagen count as the calendar says: started di 28 april, 5 mei is no werkdag, due wo 6 mei', () => {
    const d = vt(aangeboden(), start, op('2026-04-28 10:00')).dossier;
    expect(uitkomstNudges(d, '2026-05-05 09:00')).toEqual([]);
    expect(uitkomstNudges(d, '2026-05-06 09:00')).toEqual([['escalatie-uitkomst-1-route-a', 'op-de-dag', 'escalatie-route']]);
    expect(uitkomstNudges(d, '2026-05-07 09:00')).toEqual([['escalatie-uitkomst-1-route-a', 'verlopen', 'escalatie-route']]);
  });

  it('a region\'s closure day and its own term are used when the route starts', () => {
    const kalender = new WerkdagKalender({ sluitingsdagen: ['2026-03-09'] });
    const gesloten = vt(aangeboden(), start, op('2026-03-02 10:00', { kalender })).dossier;
    expect(uitkomstNudges(gesloten, '2026-03-09 09:00', kalender)).toEqual([]);
    expect(uitkomstNudges(gesloten, '2026-03-10 09:00', kalender)).toEqual([['escalatie-uitkomst-1-route-a', 'op-de-dag', 'escalatie-route']]);
    const kort = vt(aangeboden(), start, op('2026-03-02 10:00', { escalatieUitkomstWerkdagen: 2 })).dossier;
    expect(lokaal(openMijlpalen(kort).find((m) => m.id === 'escalatie-uitkomst-1-route-a')?.deadline)).toBe('2026-03-04 23:59');
  });

  it('the timer never starts or advances a route: every nudge sent, weeks later, the route is still open and nothing more is due', () => {
    let d = vt(aangeboden(), start, op('2026-03-02 10:00')).dossier;
    for (const nu of ['2026-03-09 09:00', '2026-03-10 09:00']) {
      for (const h of dueReminders(d, ams(nu), standaardBeleid())) d = markeerVerzonden(d, h);
    }
    expect(d.veiligThuis?.escalaties.map((e) => `${e.route}:${e.uitkomst ?? 'open'}`)).toEqual(['a:open']);
    for (const later of ['2026-03-11 09:00', '2026-03-16 09:00', '2026-04-10 09:00']) expect(uitkomstNudges(d, later)).toEqual([]);
    // Its next due moment is no longer an escalation nudge: the overdracht's own ladder goes on.
    const volgende = volgendeHerinneringOp(d, standaardBeleid());
    expect(dueReminders(d, volgende ?? ams('2026-03-10 09:00'), standaardBeleid()).some((h) => h.mijlpaal.id.startsWith('escalatie'))).toBe(false);
  });

  it('a card of another route than the open one records nothing', () => {
    const r = vt(aangeboden(), start, op('2026-03-02 10:00')).dossier;
    const b = vt(r, uitkomst('II'), op('2026-03-03 10:00')).dossier;
    expect(() => vt(b, { soort: 'rond-escalatie-af', uitkomst: 'I', route: 'a' })).toThrow('Deze kaart ging over route a; intussen loopt route b. Er is niets vastgelegd.');
    expect(vt(b, { soort: 'rond-escalatie-af', uitkomst: 'I', route: 'b' }).dossier.veiligThuis?.escalaties.at(-1)?.uitkomst).toBe('I');
  });
});

describe('repeated escalations in one gemeente: a possible structural problem (DOMAIN.md §5)', () => {
  const nu = ams('2026-06-01 10:00');
  const iso = (t: string) => ams(t).toUTC().toISO() as string;
  it.each<[string, string[], { aantal: number; sinds: string } | undefined]>([
    ['no earlier escalation', [], undefined],
    ['one earlier: not yet a pattern', ['2026-05-01 10:00'], undefined],
    ['two earlier in the last 12 months: flagged, this one included', ['2026-05-01 10:00', '2025-09-15 10:00'], { aantal: 3, sinds: iso('2025-09-15 10:00') }],
    ['three earlier', ['2026-05-01 10:00', '2026-02-01 10:00', '2025-07-01 10:00'], { aantal: 4, sinds: iso('2025-07-01 10:00') }],
    ['one of two exactly 12 months ago: outside the window', ['2026-05-01 10:00', '2025-06-01 10:00'], undefined],
    ['one of two 12 months less a day ago: inside', ['2026-05-01 10:00', '2025-06-02 10:00'], { aantal: 3, sinds: iso('2025-06-02 10:00') }],
    ['an entry after now is not counted', ['2026-05-01 10:00', '2026-07-01 10:00'], undefined],
  ])('%s', (_naam, eerdere, verwacht) => {
    const s = structureelSignaal('Demostad', eerdere.map(iso), nu);
    expect(s).toEqual(verwacht === undefined ? undefined : { gemeente: 'Demostad', ...verwacht });
  });

  it('reads as the card and the record say it', () => {
    expect(signaleringTekst({ gemeente: 'Demostad', aantal: 3, sinds: iso('2025-09-15 10:00') })).toBe('mogelijk structureel probleem in Demostad: 3 escalaties sinds 15 september 2025');
  });

  it('route a with two earlier escalations is flagged on the record, in the event, and beleid is told through the outbox', () => {
    const eerdereInGemeente = { gemeente: 'Demostad', gestartOp: [iso('2026-05-01 10:00'), iso('2026-01-10 10:00')] };
    const w = vt(aangeboden(), { ...start, eerdereInGemeente }, op('2026-06-01 10:00'));
    expect(w.dossier.veiligThuis?.escalaties.at(-1)?.signalering).toEqual({ gemeente: 'Demostad', aantal: 3, sinds: iso('2026-01-10 10:00') });
    expect(w.dossier.gebeurtenissen.at(-1)?.omschrijving).toContain('mogelijk structureel probleem in Demostad: 3 escalaties sinds 10 januari 2026');
    expect(metUitgaand(w, ams('2026-06-01 10:00')).dossier.uitgaand?.map((u) => u.effect)).toContainEqual({
      soort: 'structureel-signaal',
      regioId: w.dossier.regioId,
      gemeente: 'Demostad',
      aantal: 3,
      sinds: iso('2026-01-10 10:00'),
    });
  });

  it.each<[string, VtCommando]>([
    ['without a count (no gemeente known)', start],
    ['with one earlier escalation', { ...start, eerdereInGemeente: { gemeente: 'Demostad', gestartOp: [iso('2026-05-01 10:00')] } }],
  ])('route a %s: no flag and nothing for beleid', (_naam, commando) => {
    const w = vt(aangeboden(), commando, op('2026-06-01 10:00'));
    expect(w.dossier.veiligThuis?.escalaties.at(-1)?.signalering).toBeUndefined();
    expect(w.effecten.map((e) => e.soort)).toEqual(['escalatie-gestart']);
  });
});
