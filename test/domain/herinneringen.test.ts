import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  WerkdagKalender,
  dueReminders,
  markeerVerzonden,
  mijlpaalSoort,
  openMijlpalen,
  STANDAARD_PER_SOORT,
  standaardBeleid,
  volgendeHerinneringOp,
  type Dossier,
  type RegioBeleid,
} from '../../src/domain/index.js';
import { aangeboden, ams, ctx, gemeld, lokaalTeam, meldcode, nieuwDossier, signalen, taxatie, vt, vtMedewerker, wijkteam, zuidHollandZuid as ZHZ } from './fixtures.js';

// Most tables show the lokaal team's general ladder on the overdracht; its own ladder (not
// confirmed after 1 and 2 werkdagen) has a table of its own below.
const { 'overdracht-bevestigen': overdrachtLadder, ...algemeen } = STANDAARD_PER_SOORT;
const beleid: RegioBeleid = { ...standaardBeleid(), perSoort: algemeen };
const lokaal = (d: DateTime | null) => d?.setZone('Europe/Amsterdam').toFormat('yyyy-MM-dd HH:mm') ?? null;
// Overdracht received Monday 2 March 2026: the lokaal team has until the end of Monday 9 March.
const overdracht = () => aangeboden('2026-03-02 10:00');

describe('openMijlpalen', () => {
  it('shows the deadline and who must act', () => {
    expect(openMijlpalen(overdracht()).map((m) => [m.id, m.verantwoordelijke, lokaal(m.deadline)])).toEqual([
      ['overdracht-bevestigen', 'lokaal-team', '2026-03-09 23:59'],
    ]);
    expect(openMijlpalen(gemeld('2026-03-02 10:00')).map((m) => [m.id, m.verantwoordelijke, lokaal(m.deadline)])).toEqual([
      ['veiligheidsbeoordeling', 'veilig-thuis', '2026-03-09 23:59'],
    ]);
    expect(openMijlpalen(nieuwDossier())).toEqual([]);
  });

  it('after bevestiging: contact met gezin, then terugkoppeling, plus monitoring moments', () => {
    const bevestigd = vt(aangeboden('2026-03-02 10:00', true), { soort: 'bevestig-overdracht', regisseur: 'J.' }).dossier;
    expect(openMijlpalen(bevestigd).map((m) => [m.id, lokaal(m.deadline)])).toEqual([
      ['contact-gezin', '2026-03-09 23:59'],
      ['monitoring-3', '2026-06-02 23:59'],
      ['monitoring-12', '2027-03-02 23:59'],
    ]);
    const contact = vt(bevestigd, { soort: 'contact-gezin' }).dossier;
    expect(openMijlpalen(contact)[0]?.id).toBe('terugkoppeling');
  });

  it('a beargumenteerd besluit moves the term and starts a fresh milestone', () => {
    const bevestigd = vt(overdracht(), { soort: 'bevestig-overdracht', regisseur: 'J.' }).dossier;
    const besluit = vt(bevestigd, { soort: 'beargumenteerd-besluit', reden: 'Gezin op vakantie.', oppakkenOp: '2026-03-23' }).dossier;
    expect(openMijlpalen(besluit).map((m) => [m.id, lokaal(m.deadline)])).toEqual([['contact-gezin-na-besluit-2026-03-23', '2026-03-23 23:59']]);
  });

  it('a vervolgadvies date becomes the professional\'s milestone', () => {
    const d = meldcode(meldcode(nieuwDossier(), signalen).dossier, {
      soort: 'advies',
      advies: { datum: '2026-03-03', adviseurVeiligThuis: 'M.', afspraken: 'Bellen.', vervolgadviesOp: '2026-03-10', opNaamAdviesvrager: true, overigeZorgmelding: false },
    }).dossier;
    expect(openMijlpalen(d).map((m) => [m.verantwoordelijke, lokaal(m.deadline)])).toEqual([['professional', '2026-03-10 23:59']]);
  });
});

describe('dueReminders: the escalation ladder', () => {
  it.each([
    ['do 5 maart: nog niets', '2026-03-05 10:00', null, null],
    ['vr 6 maart 08:59: nog niet (voor kantoortijd)', '2026-03-06 08:59', null, null],
    ['vr 6 maart 09:00: herinnering aan het teamkanaal', '2026-03-06 09:00', 'herinnering', 'lokaal-team-kanaal'],
    ['ma 9 maart (deadlinedag): nog de herinnering', '2026-03-09 16:00', 'herinnering', 'lokaal-team-kanaal'],
    ['di 10 maart 09:00: verlopen, coördinator en VT-teamleider (Escaleren route a)', '2026-03-10 09:00', 'verlopen', 'coordinator'],
    ['do 12 maart: geen escalatie door de klok', '2026-03-12 11:00', 'verlopen', 'coordinator'],
    ['di 24 maart: nog steeds geen route b of c', '2026-03-24 11:00', 'verlopen', 'coordinator'],
    ['zaterdag: niets buiten kantoortijd', '2026-03-14 10:00', null, null],
    ['17:00: niets buiten kantoortijd', '2026-03-13 17:00', null, null],
  ])('%s', (_naam, nu, niveau, publiek) => {
    const due = dueReminders(overdracht(), ams(nu), beleid);
    const verwacht = niveau === null ? [] : niveau === 'verlopen' ? [[niveau, publiek], ['escalatie-voorstel', 'vt-teamleider']] : [[niveau, publiek]];
    expect(due.map((h) => [h.niveau, h.publiek])).toEqual(verwacht);
  });

  it('escalation is a decision: no timer step ever reaches route a, b or c', () => {
    let d: Dossier = overdracht();
    for (let dag = 0; dag < 120; dag += 1) {
      for (const h of dueReminders(d, ams('2026-03-02 10:00').plus({ days: dag }), beleid)) d = markeerVerzonden(d, h);
    }
    expect(d.herinneringen).toEqual(['herinnering', 'verlopen', 'escalatie-voorstel'].map((n) => `dossier-1:overdracht-bevestigen:${n}`));
    expect(volgendeHerinneringOp(d, beleid)).toBeNull();
  });

  it.each([
    ['Kerst', '2026-12-18 10:00', '2026-12-24 09:00', '2026-12-28 09:00'],
    ['Pasen (deadline op Paasmaandag; Goede Vrijdag is in de kalender vrij)', '2026-03-30 10:00', '2026-04-02 09:00', '2026-04-07 09:00'],
    ['Koningsdag', '2026-04-20 10:00', '2026-04-24 09:00', '2026-04-28 09:00'],
  ])('%s: the nudges skip the holidays', (_naam, ontvangen, herinnering, verlopen) => {
    let d: Dossier = aangeboden(ontvangen);
    expect(lokaal(volgendeHerinneringOp(d, beleid))).toBe(herinnering);
    for (const h of dueReminders(d, ams(herinnering), beleid)) d = markeerVerzonden(d, h);
    expect(lokaal(volgendeHerinneringOp(d, beleid))).toBe(verlopen);
  });

  // Overdracht received Monday 2 March; bevestigd with monitoring: contact by Monday 9 March,
  // monitoring moments on 2 June 2026 (Tuesday) and 2 March 2027 (Tuesday).
  const bevestigd = () => vt(aangeboden('2026-03-02 10:00', true), { soort: 'bevestig-overdracht', regisseur: 'J.' }).dossier;
  it.each([
    ['contact met gezin: het teamkanaal twee werkdagen ervoor', '2026-03-05 09:00', 'contact-gezin', [['herinnering', 'lokaal-team-kanaal']]],
    ['contact met gezin verlopen: coördinator en VT-teamleider', '2026-03-10 09:00', 'contact-gezin', [['verlopen', 'coordinator'], ['escalatie-voorstel', 'vt-teamleider']]],
    ['monitoring: de VT-medewerker 5 werkdagen ervoor', '2026-05-26 09:00', 'monitoring-3', [['herinnering', 'vt-medewerker']]],
    ['monitoring: de VT-medewerker op de dag zelf', '2026-06-02 09:00', 'monitoring-3', [['op-de-dag', 'vt-medewerker']]],
    ['monitoring zonder uitkomst: de teamleider', '2026-06-03 09:00', 'monitoring-3', [['verlopen', 'vt-teamleider']]],
  ])('%s', (_naam, nu, mijlpaal, verwacht) => {
    let d = bevestigd();
    // Earlier nudges of the other milestones are out of the way.
    for (const h of dueReminders(d, ams(nu), beleid)) if (h.mijlpaal.id !== mijlpaal) d = markeerVerzonden(d, h);
    expect(dueReminders(d, ams(nu), beleid).filter((h) => h.mijlpaal.id === mijlpaal).map((h) => [h.niveau, h.publiek])).toEqual(verwacht);
  });

  // An extra moment at 6 months (2 September 2026, a Wednesday) is a moment like 3 and 12. Where
  // the region gives the monitoring to the lokaal team (Zuid-Holland Zuid), its channel is nudged.
  const metPlan = (instellingen?: typeof ZHZ) => {
    const plan = { metWie: 'Moeder en de kinderen', frequentieEnWijze: 'Huisbezoek per moment', extraMaanden: [6] };
    const cmd = { soort: 'veiligheidsbeoordeling', taxatie, besluit: 'overdracht', risicofactoren: [], partij: wijkteam, monitoring: true, monitoringPlan: plan } as const;
    const d = vt(gemeld('2026-02-26 10:00'), cmd, { ...ctx('2026-03-02 10:00', vtMedewerker), ...(instellingen ? { instellingen } : {}) }).dossier;
    return vt(d, { soort: 'bevestig-overdracht', regisseur: 'J.' }).dossier;
  };
  it.each([
    ['Veilig Thuis monitort: 6 maanden, 5 werkdagen ervoor', undefined, '2026-08-26 09:00', [['herinnering', 'vt-medewerker']]],
    ['Veilig Thuis monitort: 6 maanden, op de dag zelf', undefined, '2026-09-02 09:00', [['op-de-dag', 'vt-medewerker']]],
    ['het lokale team monitort: 6 maanden, het teamkanaal 5 werkdagen ervoor', ZHZ, '2026-08-26 09:00', [['herinnering', 'lokaal-team-kanaal']]],
    ['het lokale team monitort: 6 maanden, het teamkanaal op de dag zelf', ZHZ, '2026-09-02 09:00', [['op-de-dag', 'lokaal-team-kanaal']]],
    ['het lokale team monitort: 6 maanden verlopen, coördinator en VT-teamleider', ZHZ, '2026-09-03 09:00', [['verlopen', 'coordinator'], ['escalatie-voorstel', 'vt-teamleider']]],
  ])('extra monitoringmoment: %s', (_naam, instellingen, nu, verwacht) => {
    let d = metPlan(instellingen);
    expect(openMijlpalen(d).filter((m) => m.id.startsWith('monitoring-')).map((m) => [m.id, m.verantwoordelijke, lokaal(m.deadline)])).toEqual(
      [3, 6, 12].map((maanden) => [`monitoring-${maanden}`, instellingen ? 'lokaal-team' : 'veilig-thuis', lokaal(ams('2026-03-02').plus({ months: maanden }).endOf('day'))]),
    );
    // Whoever monitors, it stays a monitoring milestone (the monitoring timer's share of the nudges).
    expect(openMijlpalen(d).filter((m) => m.id.startsWith('monitoring-')).every((m) => mijlpaalSoort(m.id, m.verantwoordelijke) === 'monitoring')).toBe(true);
    for (const h of dueReminders(d, ams(nu), beleid)) if (h.mijlpaal.id !== 'monitoring-6') d = markeerVerzonden(d, h);
    expect(dueReminders(d, ams(nu), beleid).filter((h) => h.mijlpaal.id === 'monitoring-6').map((h) => [h.niveau, h.publiek])).toEqual(verwacht);
  });

  it('V&V or Onderzoek (10 weeks): the VT teamleider in week 8 and at expiry', () => {
    const vv = vt(gemeld('2026-03-02 10:00'), { soort: 'veiligheidsbeoordeling', taxatie, besluit: 'voorwaarden-en-vervolg', risicofactoren: [] }, ctx('2026-03-04 10:00', vtMedewerker)).dossier;
    const [m] = openMijlpalen(vv);
    expect([m?.id, lokaal(m?.deadline ?? null)]).toEqual(['vervolg-afronden', '2026-05-13 23:59']);
    // Ten werkdagen before 13 May, skipping Bevrijdingsdag (5 May) and Koningsdag.
    expect(lokaal(volgendeHerinneringOp(vv, beleid))).toBe('2026-04-28 09:00');
    const [week8] = dueReminders(vv, ams('2026-04-28 09:00'), beleid);
    expect([week8?.niveau, week8?.publiek]).toEqual(['herinnering', 'vt-teamleider']);
    expect(lokaal(volgendeHerinneringOp(markeerVerzonden(vv, week8!), beleid))).toBe('2026-05-15 09:00'); // 14 May is Hemelvaartsdag
  });

  it('has a stable idempotency key of case, milestone and level', () => {
    const [eerste] = dueReminders(overdracht(), ams('2026-03-06 09:00'), beleid);
    const [tweede] = dueReminders(overdracht(), ams('2026-03-06 14:00'), beleid);
    expect(eerste?.sleutel).toBe('dossier-1:overdracht-bevestigen:herinnering');
    expect(tweede?.sleutel).toBe(eerste?.sleutel);
  });

  it('a late run sends only the highest level and marks the skipped ones as superseded', () => {
    const due = dueReminders(overdracht(), ams('2026-03-25 10:00'), beleid);
    expect(due.map((h) => [h.niveau, h.vervangt])).toEqual([
      ['verlopen', ['dossier-1:overdracht-bevestigen:herinnering']],
      ['escalatie-voorstel', []],
    ]);
    const na = due.reduce(markeerVerzonden, overdracht());
    expect(dueReminders(na, ams('2026-03-25 10:05'), beleid)).toEqual([]);
    expect(volgendeHerinneringOp(na, beleid)).toBeNull();
  });

  it('nothing is due once the milestone is met', () => {
    const bevestigd = vt(overdracht(), { soort: 'bevestig-overdracht', regisseur: 'J.' }, ctx('2026-03-04 10:00', lokaalTeam)).dossier;
    const due = dueReminders(bevestigd, ams('2026-03-06 09:30'), beleid);
    expect(due.map((h) => h.mijlpaal.id)).toEqual(['contact-gezin']);
  });

  it('volgendeHerinneringOp gives the next moment for the due index', () => {
    let d: Dossier = overdracht();
    expect(lokaal(volgendeHerinneringOp(d, beleid))).toBe('2026-03-06 09:00');
    d = markeerVerzonden(d, dueReminders(d, ams('2026-03-06 09:00'), beleid)[0]!);
    expect(lokaal(volgendeHerinneringOp(d, beleid))).toBe('2026-03-10 09:00');
    // One of the two expiry nudges recorded: the other is still due at the same moment.
    d = markeerVerzonden(d, dueReminders(d, ams('2026-03-10 09:00'), beleid)[0]!);
    expect(lokaal(volgendeHerinneringOp(d, beleid))).toBe('2026-03-10 09:00');
  });

  it('uses regional closure days and ladders from the region policy', () => {
    const regio = { kalender: new WerkdagKalender({ sluitingsdagen: ['2026-03-06'] }), ladders: beleid.ladders };
    expect(lokaal(volgendeHerinneringOp(overdracht(), regio))).toBe('2026-03-05 09:00');
  });

  it("nudges at the start of the region's own office hours", () => {
    const regio = { kalender: new WerkdagKalender({ kantoortijden: { beginUur: 8, eindUur: 16 } }), ladders: beleid.ladders };
    expect(lokaal(volgendeHerinneringOp(overdracht(), regio))).toBe('2026-03-06 08:00');
    expect(dueReminders(overdracht(), ams('2026-03-06 08:00'), regio)).toHaveLength(1);
    expect(dueReminders(overdracht(), ams('2026-03-06 16:00'), regio)).toHaveLength(0);
  });

  it.each([
    ['zomertijd (29 maart 2026)', '2026-03-23 10:00', '2026-03-26T00:00:00Z', 11],
    ['wintertijd (25 oktober 2026)', '2026-10-19 10:00', '2026-10-22T00:00:00Z', 11],
  ])('a timer every 15 minutes across the %s neither skips nor doubles a nudge', (_naam, ontvangen, start, dagen) => {
    let d = aangeboden(ontvangen);
    const verzonden: string[] = [];
    const tijden: string[] = [];
    for (let t = DateTime.fromISO(start, { zone: 'utc' }); t < DateTime.fromISO(start, { zone: 'utc' }).plus({ days: dagen * 3 }); t = t.plus({ minutes: 15 })) {
      for (const h of dueReminders(d, t, beleid)) {
        verzonden.push(h.niveau);
        tijden.push(t.setZone('Europe/Amsterdam').toFormat('ccc HH:mm'));
        d = markeerVerzonden(d, h);
      }
    }
    expect(verzonden).toEqual(['herinnering', 'verlopen', 'escalatie-voorstel']);
    expect(new Set(tijden.map((x) => x.slice(4)))).toEqual(new Set(['09:00']));
  });
});

describe('overdracht not confirmed: the team channel after 1 werkdag, the coordinator after 2', () => {
  const echt = standaardBeleid();
  it('is the standard ladder for a lokaal team: counted from receipt, the channel after 1 werkdag and the coordinator after 2', () => {
    expect(overdrachtLadder?.filter((t) => t.vanaf === 'start').map((t) => [t.publiek, t.werkdagenTovDeadline])).toEqual([
      ['lokaal-team-kanaal', 1],
      ['coordinator', 2],
    ]);
  });
  // Received Monday 2 March 10:00; deadline Monday 9 March.
  it.each([
    ['ma 2 maart: nog niets', '2026-03-02 16:00', []],
    ['di 3 maart 09:00: na 1 werkdag het teamkanaal', '2026-03-03 09:00', [['herinnering', 'lokaal-team-kanaal']]],
    ['wo 4 maart 09:00: na 2 werkdagen de coördinator', '2026-03-04 09:00', [['nog-niet-bevestigd', 'coordinator']]],
    ['di 10 maart 09:00: verlopen, coördinator en VT-teamleider', '2026-03-10 09:00', [['verlopen', 'coordinator'], ['escalatie-voorstel', 'vt-teamleider']]],
  ])('%s', (_naam, nu, verwacht) => {
    expect(dueReminders(overdracht(), ams(nu), echt).map((h) => [h.niveau, h.publiek])).toEqual(verwacht);
  });

  it('counts werkdagen: received on Friday, the channel on Monday and the coordinator on Tuesday', () => {
    let d: Dossier = aangeboden('2026-03-06 10:00');
    expect(lokaal(volgendeHerinneringOp(d, echt))).toBe('2026-03-09 09:00');
    for (const h of dueReminders(d, ams('2026-03-09 09:00'), echt)) d = markeerVerzonden(d, h);
    expect(lokaal(volgendeHerinneringOp(d, echt))).toBe('2026-03-10 09:00');
  });

  it('a confirmed overdracht is never nudged again', () => {
    const bevestigd = vt(overdracht(), { soort: 'bevestig-overdracht', regisseur: 'J.' }, ctx('2026-03-02 14:00', lokaalTeam)).dossier;
    expect(dueReminders(bevestigd, ams('2026-03-04 09:00'), echt).filter((h) => h.mijlpaal.id === 'overdracht-bevestigen')).toEqual([]);
  });

  it('an overdracht to another party is confirmed by Veilig Thuis on its own ladder, not the lokaal team\'s', () => {
    const gi = vt(gemeld(), { soort: 'veiligheidsbeoordeling', taxatie, besluit: 'overdracht', risicofactoren: [], partij: { soort: 'gecertificeerde-instelling', naam: 'GI' } }).dossier;
    expect(dueReminders(gi, ams('2026-03-04 09:00'), echt).filter((h) => h.publiek === 'lokaal-team-kanaal' || h.publiek === 'coordinator')).toEqual([]);
  });
});
