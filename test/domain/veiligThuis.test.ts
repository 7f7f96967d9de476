import { describe, expect, it } from 'vitest';
import {
  WerkdagKalender,
  bepaalMonitoring,
  monitoringMaanden,
  openMijlpalen,
  startVeiligThuis,
  pasVeiligThuisToe,
  zichtOpVeiligheid,
  Dossier,
  VT_FASEN,
  VeiligThuis,
  type VtCommando,
} from '../../src/domain/index.js';
import { aangeboden, ams, ctx, gemeld, lokaalTeam, meldcode, melder, nieuwDossier, taxatie, totStap4, vraag, vt, vtMedewerker, wijkteam, afspraken, zuidHollandZuid as ZHZ } from './fixtures.js';

const loop = (d: Dossier, ...cmds: VtCommando[]) => cmds.reduce((acc, c) => vt(acc, c).dossier, d);
const weiger = (d: Dossier, cmd: VtCommando) => {
  const r = pasVeiligThuisToe(d, cmd, ctx('2026-03-03 10:00', vtMedewerker));
  if (r.ok) throw new Error(`expected ${cmd.soort} to be refused`);
  return r.fout;
};
const vb = (besluit: 'geen-vervolg' | 'overdracht' | 'voorwaarden-en-vervolg' | 'onderzoek', extra: Partial<Extract<VtCommando, { soort: 'veiligheidsbeoordeling' }>> = {}): VtCommando => ({
  soort: 'veiligheidsbeoordeling',
  taxatie,
  besluit,
  risicofactoren: ['Schulden'],
  ...extra,
});
const gi = { soort: 'gecertificeerde-instelling' as const, naam: 'Jeugdbescherming Gelderland' };
const bevestig: VtCommando = { soort: 'bevestig-overdracht', regisseur: 'J. de Vries' };
/** Closing after an overdracht whose card never reached a channel: Veilig Thuis sends the afsluitbericht itself. */
const sluitAf = (extra: Partial<Extract<VtCommando, { soort: 'sluit-af' }>> = {}): VtCommando => ({
  soort: 'sluit-af',
  reden: 'Veiligheid hersteld.',
  directbetrokkenen: { op: '2026-03-02', wijze: 'brief' },
  afsluitberichtDoorVt: { op: '2026-03-02', wijze: 'e-mail' },
  ...extra,
});

describe('veiligheidsbeoordeling decisions', () => {
  it.each([
    ['geen vervolg: dossier afgesloten', vb('geen-vervolg'), 'afgesloten'],
    ['overdracht na veiligheidsbeoordeling', vb('overdracht', { partij: wijkteam }), 'overdracht-aangeboden'],
    ['Voorwaarden & Vervolg', vb('voorwaarden-en-vervolg'), 'vervolg'],
    ['Onderzoek', vb('onderzoek'), 'vervolg'],
  ] as const)('%s', (_naam, cmd, fase) => {
    const d = loop(gemeld(), cmd);
    expect(d.veiligThuis?.fase).toBe(fase);
    expect(d.veiligThuis?.veiligheidsbeoordeling?.risicofactoren).toEqual(['Schulden']);
  });

  it('an overdracht names the party and informs the lokaal team', () => {
    const { dossier, effecten } = vt(gemeld(), vb('overdracht', { partij: wijkteam }));
    expect(dossier.veiligThuis?.overdracht).toMatchObject({ partij: wijkteam, moment: 'na-veiligheidsbeoordeling' });
    expect(effecten).toEqual([
      { soort: 'overdracht-naar-lokaal-team', teamId: 'team-noord' },
      { soort: 'terugkoppeling-aan-melder', moment: 'na-veiligheidsbeoordeling' },
    ]);
    expect(weiger(gemeld(), vb('overdracht')).code).toBe('partij-ontbreekt');
  });
});

describe('transitions and guards', () => {
  const vv = () => loop(gemeld(), vb('voorwaarden-en-vervolg'));
  const onderzoek = () => loop(gemeld(), vb('onderzoek'));
  it.each<[string, () => Dossier, VtCommando, string]>([
    ['no VT action without a melding', () => nieuwDossier(), bevestig, 'geen-melding'],
    ['bevestigen before any overdracht', () => gemeld(), bevestig, 'ongeldige-overgang'],
    ['contact met gezin before bevestiging', () => aangeboden(), { soort: 'contact-gezin' }, 'ongeldige-overgang'],
    ['terugkoppeling before contact', () => loop(aangeboden(), bevestig), { soort: 'terugkoppeling', samenvatting: 'x' }, 'contact-ontbreekt'],
    ['a second veiligheidsbeoordeling during vervolg', vv, vb('geen-vervolg'), 'ongeldige-overgang'],
    ['Onderzoek cannot switch to Onderzoek', onderzoek, { soort: 'wissel-naar-onderzoek' }, 'ongeldige-overgang'],
    ['Onderzoek needs bevestigd/weerlegd', onderzoek, { soort: 'rond-vervolg-af', veiligheidsvoorwaarden: [], partij: wijkteam }, 'uitkomst-onderzoek-ontbreekt'],
    ['not monitoring after V&V needs a reason', vv, { soort: 'rond-vervolg-af', veiligheidsvoorwaarden: [], partij: wijkteam, redenGeenMonitoring: ' ' }, 'reden-geen-monitoring-ontbreekt'],
    ['never monitoring after overdracht to a GI', () => gemeld(), vb('overdracht', { partij: gi, monitoring: true }), 'monitoring-niet-toegestaan'],
    ['monitoring without a planned moment', () => loop(aangeboden(), bevestig), { soort: 'monitoring', maandenNaOverdracht: 3, voorwaardenNagekomen: true, directeVeiligheid: true, stabieleVeiligheid: true, aandachtVoorHerstel: true, vervolgstap: 'doorgaan', alleDirectbetrokkenenGesproken: true }, 'geen-monitoringmoment'],
    ['anything after afsluiten', () => loop(gemeld(), vb('geen-vervolg')), { soort: 'start-escalatie', reden: 'x' }, 'ongeldige-overgang'],
    ['finishing an escalation that never started', () => gemeld(), { soort: 'rond-escalatie-af', uitkomst: 'I' }, 'geen-escalatie'],
  ])('refuses %s', (_naam, maak, cmd, code) => {
    const f = weiger(maak(), cmd);
    expect(f.code).toBe(code);
    expect(f.melding.length).toBeGreaterThan(10);
  });

  it('V&V can switch to Onderzoek; the 10-week term still counts from the veiligheidsbeoordeling', () => {
    const d = loop(gemeld(), vb('voorwaarden-en-vervolg'), { soort: 'wissel-naar-onderzoek' });
    expect(d.veiligThuis?.vervolg).toMatchObject({ soort: 'onderzoek' });
    expect(d.veiligThuis?.vervolg?.gewisseldVanVvOp).toBeDefined();
  });

  it('lokaal team path: bevestigen, contact met gezin, terugkoppeling', () => {
    const d = loop(aangeboden(), bevestig, { soort: 'contact-gezin' }, { soort: 'terugkoppeling', samenvatting: 'Huisbezoek gedaan, veiligheidsplan gestart.' });
    expect(d.veiligThuis?.fase).toBe('overgedragen');
    expect(d.veiligThuis?.overdracht).toMatchObject({ regisseur: 'J. de Vries', terugkoppeling: { samenvatting: 'Huisbezoek gedaan, veiligheidsplan gestart.' } });
  });

  it('records a beargumenteerd besluit with its reason and date', () => {
    const d = loop(aangeboden(), bevestig, { soort: 'beargumenteerd-besluit', reden: 'Gezin op vakantie tot 20 maart.', oppakkenOp: '2026-03-23' });
    expect(d.veiligThuis?.overdracht?.beargumenteerdBesluit).toMatchObject({ oppakkenOp: '2026-03-23' });
  });

  it('terug naar Veilig Thuis, then a new decision', () => {
    const d = loop(aangeboden(), bevestig, { soort: 'terug-naar-vt', reden: 'Duurzame veiligheid niet haalbaar.' });
    expect(d.veiligThuis?.fase).toBe('terug-bij-vt');
    expect(loop(d, vb('onderzoek')).veiligThuis?.fase).toBe('vervolg');
  });

  it('monitoring at 3 and 12 months; no possibilities left is recorded, and closing is still Veilig Thuis\'s sluit-af', () => {
    const d = loop(
      aangeboden('2026-03-02 10:00', true),
      bevestig,
      { soort: 'monitoring', maandenNaOverdracht: 3, voorwaardenNagekomen: true, directeVeiligheid: true, stabieleVeiligheid: true, aandachtVoorHerstel: true, vervolgstap: 'doorgaan', alleDirectbetrokkenenGesproken: true },
    );
    expect(d.veiligThuis?.monitoring?.momenten.map((m) => [m.maandenNaOverdracht, m.uitgevoerdOp !== undefined])).toEqual([[3, true], [12, false]]);
    const geenMogelijkheden = loop(d, { soort: 'monitoring', maandenNaOverdracht: 12, voorwaardenNagekomen: false, directeVeiligheid: false, stabieleVeiligheid: false, aandachtVoorHerstel: false, vervolgstap: 'afsluiten-geen-mogelijkheden', alleDirectbetrokkenenGesproken: true });
    expect(geenMogelijkheden.veiligThuis?.fase).toBe('overgedragen');
    expect(geenMogelijkheden.veiligThuis?.monitoring?.momenten[1]?.vervolgstap).toBe('afsluiten-geen-mogelijkheden');
    const dicht = loop(geenMogelijkheden, { soort: 'sluit-af', reden: 'Geen mogelijkheden meer.', directbetrokkenen: { op: '2026-03-02', wijze: 'brief' }, afsluitberichtDoorVt: { op: '2026-03-02', wijze: 'e-mail' } });
    expect(dicht.veiligThuis?.fase).toBe('afgesloten');
  });

  it('escalation climbs a -> b -> c on outcome II and stops on outcome I', () => {
    let d = loop(aangeboden(), { soort: 'start-escalatie', reden: 'Geen contact binnen een week.' });
    expect(weiger(d, { soort: 'start-escalatie', reden: 'nogmaals' }).code).toBe('escalatie-loopt-al');
    d = loop(d, { soort: 'rond-escalatie-af', uitkomst: 'II' }, { soort: 'rond-escalatie-af', uitkomst: 'II' });
    expect(d.veiligThuis?.escalaties.map((e) => [e.route, e.uitkomst ?? null])).toEqual([['a', 'II'], ['b', 'II'], ['c', null]]);
    d = loop(d, { soort: 'rond-escalatie-af', uitkomst: 'I' });
    expect(d.veiligThuis?.escalaties.map((e) => e.uitkomst)).toEqual(['II', 'II', 'I']);
  });
});

describe('monitoring guards (seed 004 §7.1)', () => {
  it.each([
    ['na V&V: altijd', 'na-voorwaarden-en-vervolg', wijkteam, {}, true],
    ['na V&V met vastgelegde reden: niet', 'na-voorwaarden-en-vervolg', wijkteam, { redenGeen: 'Gezin verhuisd naar buitenland.' }, false],
    ['na Onderzoek, bevestigd: wel', 'na-onderzoek', wijkteam, { weerlegd: false }, true],
    ['na Onderzoek, weerlegd: niet', 'na-onderzoek', wijkteam, { weerlegd: true }, false],
    ['na VB, besloten: wel', 'na-veiligheidsbeoordeling', wijkteam, { besloten: true }, true],
    ['na VB, niet besloten: niet', 'na-veiligheidsbeoordeling', wijkteam, {}, false],
    ['na V&V aan een GI: nooit', 'na-voorwaarden-en-vervolg', gi, {}, false],
    ['na Onderzoek aan een GI: nooit', 'na-onderzoek', gi, { weerlegd: false }, false],
  ] as const)('%s', (_naam, moment, partij, opties, gepland) => {
    const r = bepaalMonitoring(moment, partij, opties);
    expect(r.ok && r.waarde.gepland).toBe(gepland);
    if (r.ok && gepland) expect(r.waarde.momenten.map((m) => m.maandenNaOverdracht)).toEqual([3, 12]);
  });

  it('rond-vervolg-af applies the guard: onderzoek bevestigd gets monitoring, weerlegd does not', () => {
    const bevestigd = loop(gemeld(), vb('onderzoek'), { soort: 'rond-vervolg-af', uitkomstOnderzoek: 'bevestigd', veiligheidsvoorwaarden: ['Vader drinkt niet als de kinderen er zijn.'], partij: wijkteam });
    expect(bevestigd.veiligThuis?.monitoring?.gepland).toBe(true);
    expect(bevestigd.veiligThuis?.overdracht?.moment).toBe('na-onderzoek');
    expect(bevestigd.veiligThuis?.veiligheidsvoorwaarden).toEqual(['Vader drinkt niet als de kinderen er zijn.']);
    const weerlegd = loop(gemeld(), vb('onderzoek'), { soort: 'rond-vervolg-af', uitkomstOnderzoek: 'weerlegd', veiligheidsvoorwaarden: [], partij: wijkteam });
    expect(weerlegd.veiligThuis?.monitoring?.gepland).toBe(false);
  });
});

describe('the monitoring plan (seed 004 §7.1)', () => {
  it.each<[string, number[], number[] | string]>([
    ['without extra moments: 3 and 12', [], [3, 12]],
    ['extra moments 6 and 18 join 3 and 12, in order', [18, 6], [3, 6, 12, 18]],
    ['the first and the last month that can be planned', [1, 36], [1, 3, 12, 36]],
    ['0 months is no moment', [0], 'van 1 tot 36 (niet: 0)'],
    ['more than 36 months', [37], 'van 1 tot 36 (niet: 37)'],
    ['half months', [1.5], 'van 1 tot 36 (niet: 1.5)'],
    ['a moment twice', [6, 6], 'dubbel: 6'],
    ['3 or 12 again', [12], '3 en 12 maanden staan er altijd al in (dubbel: 12)'],
  ])('%s', (_naam, extra, verwacht) => {
    const r = monitoringMaanden(extra);
    if (typeof verwacht === 'string') {
      if (r.ok) throw new Error('expected a refusal');
      expect(r.fout.code).toBe('ongeldig-monitoringmoment');
      expect(r.fout.melding).toContain(verwacht);
    } else {
      expect(r.ok && r.waarde).toEqual(verwacht);
    }
  });

  const mdt = { soort: 'multidisciplinair-team' as const, naam: 'MDT Demostad' };
  const plan = { metWie: 'Moeder, vader en de kinderen', frequentieEnWijze: 'Elke zes weken een huisbezoek' };
  it.each<[string, Parameters<typeof bepaalMonitoring>[1], Parameters<typeof bepaalMonitoring>[2], object | string]>([
    ['no region rule: Veilig Thuis monitors', wijkteam, { plan }, { door: 'veilig-thuis', plan }],
    ['region rule lokaal team, handed to a lokaal team: the team monitors', wijkteam, { plan, regioafspraak: 'lokaal-team' }, { door: 'lokaal-team' }],
    ['region rule lokaal team, handed to an MDT: Veilig Thuis monitors', mdt, { plan, regioafspraak: 'lokaal-team' }, { door: 'veilig-thuis' }],
    ['region rule Veilig Thuis (after Onderzoek): Veilig Thuis monitors', wijkteam, { plan, regioafspraak: 'veilig-thuis' }, { door: 'veilig-thuis' }],
    ['choosing the rule explicitly is no deviation', wijkteam, { plan: { ...plan, door: 'lokaal-team' }, regioafspraak: 'lokaal-team' }, { door: 'lokaal-team' }],
    ['deviating without a reason is refused', wijkteam, { plan: { ...plan, door: 'veilig-thuis', redenAfwijking: ' ' }, regioafspraak: 'lokaal-team' }, 'reden-afwijking-ontbreekt'],
    [
      'deviating with a reason records it',
      wijkteam,
      { plan: { ...plan, door: 'veilig-thuis', redenAfwijking: 'Jeugdteam heeft geen capaciteit; met het jeugdteam afgestemd.' }, regioafspraak: 'lokaal-team' },
      { door: 'veilig-thuis', afwijking: { regioafspraak: 'lokaal-team', reden: 'Jeugdteam heeft geen capaciteit; met het jeugdteam afgestemd.' } },
    ],
    ['the lokaal team cannot monitor a case it did not take over', mdt, { plan: { ...plan, door: 'lokaal-team', redenAfwijking: 'Afgesproken.' } }, 'monitoring-door-ongeldig'],
    ['invalid extra moments are refused', wijkteam, { plan: { ...plan, extraMaanden: [40] } }, 'ongeldig-monitoringmoment'],
  ])('who monitors: %s', (_naam, partij, opties, verwacht) => {
    const r = bepaalMonitoring('na-voorwaarden-en-vervolg', partij, opties);
    if (typeof verwacht === 'string') {
      if (r.ok) throw new Error('expected a refusal');
      expect(r.fout.code).toBe(verwacht);
      expect(r.fout.melding.length).toBeGreaterThan(20);
    } else {
      expect(r.ok && r.waarde).toMatchObject({ gepland: true, ...verwacht });
      if (r.ok && !('afwijking' in verwacht)) expect(r.waarde.afwijking).toBeUndefined();
    }
  });

  const zhz = (d: Dossier, cmd: VtCommando) => vt(d, cmd, { ...ctx('2026-03-03 10:00', vtMedewerker), instellingen: ZHZ });
  it.each([
    ['after V&V the lokaal team monitors (Zuid-Holland Zuid)', vb('voorwaarden-en-vervolg'), undefined, 'lokaal-team'],
    ['after Onderzoek Veilig Thuis monitors (Zuid-Holland Zuid)', vb('onderzoek'), 'bevestigd' as const, 'veilig-thuis'],
  ])('%s; the agreements and the plan are recorded with the overdracht', (_naam, beoordeling, uitkomstOnderzoek, door) => {
    const { dossier } = zhz(zhz(gemeld(), beoordeling).dossier, {
      soort: 'rond-vervolg-af',
      veiligheidsvoorwaarden: ['Geen geweld in het bijzijn van de kinderen.'],
      partij: wijkteam,
      afspraken,
      monitoringPlan: { ...plan, extraMaanden: [6] },
      ...(uitkomstOnderzoek ? { uitkomstOnderzoek } : {}),
    });
    expect(dossier.veiligThuis?.overdracht?.afspraken).toEqual(afspraken);
    expect(dossier.veiligThuis?.monitoring).toMatchObject({ gepland: true, door, plan });
    expect(dossier.veiligThuis?.monitoring?.momenten.map((m) => m.maandenNaOverdracht)).toEqual([3, 6, 12]);
    const bevestigd = vt(dossier, bevestig).dossier;
    expect(openMijlpalen(bevestigd).filter((m) => m.id.startsWith('monitoring-')).map((m) => m.verantwoordelijke)).toEqual([door, door, door]);
  });

  it('a direct overdracht in Zuid-Holland Zuid: monitoring only when VT decides so, then by the lokaal team', () => {
    const zonder = zhz(gemeld(), vb('overdracht', { partij: wijkteam, afspraken })).dossier;
    expect(zonder.veiligThuis?.monitoring).toEqual({ gepland: false, momenten: [] });
    const met = zhz(gemeld(), vb('overdracht', { partij: wijkteam, afspraken, monitoring: true, monitoringPlan: plan })).dossier;
    expect(met.veiligThuis?.monitoring).toMatchObject({ gepland: true, door: 'lokaal-team', plan });
    expect(met.veiligThuis?.overdracht?.afspraken).toEqual(afspraken);
  });

  it('an overdracht recorded before the agreements and the plan still parses; Veilig Thuis monitors it', () => {
    const d = loop(aangeboden('2026-03-02 10:00', true), bevestig);
    const v = d.veiligThuis;
    if (v?.fase !== 'overgedragen') throw new Error(String(v?.fase));
    // As stored before: no agreements, no plan, no one named as monitoring.
    const { door: _door, ...monitoring } = v.monitoring;
    const oud = JSON.parse(JSON.stringify({ ...d, veiligThuis: { ...v, monitoring } }));
    expect(oud.veiligThuis.overdracht.afspraken).toBeUndefined();
    expect(Dossier.parse(oud)).toEqual(oud);
    expect(openMijlpalen(Dossier.parse(oud)).filter((m) => m.id.startsWith('monitoring-')).map((m) => m.verantwoordelijke)).toEqual(['veilig-thuis', 'veilig-thuis']);
  });

  const uitkomst = { soort: 'monitoring', maandenNaOverdracht: 3, voorwaardenNagekomen: true, directeVeiligheid: true, stabieleVeiligheid: true, aandachtVoorHerstel: true, vervolgstap: 'doorgaan' } as const;
  it.each([
    ['all spoken', { alleDirectbetrokkenenGesproken: true }, { alleDirectbetrokkenenGesproken: true }],
    ['not all spoken, with why', { alleDirectbetrokkenenGesproken: false, toelichtingGesproken: ' Vader weigert contact. ' }, { alleDirectbetrokkenenGesproken: false, toelichtingGesproken: 'Vader weigert contact.' }],
  ])('a monitoring moment records whether all directbetrokkenen were spoken: %s', (_naam, gesproken, verwacht) => {
    const d = loop(aangeboden('2026-03-02 10:00', true), bevestig, { ...uitkomst, ...gesproken });
    expect(d.veiligThuis?.monitoring?.momenten[0]).toMatchObject(verwacht);
  });

  it('not all directbetrokkenen spoken needs a short explanation', () => {
    const f = weiger(loop(aangeboden('2026-03-02 10:00', true), bevestig), { ...uitkomst, alleDirectbetrokkenenGesproken: false, toelichtingGesproken: '  ' });
    expect(f.code).toBe('toelichting-gesproken-ontbreekt');
    expect(f.melding).toContain('kinderen vanaf 4 jaar');
  });
});

describe('zicht op veiligheid', () => {
  const bevestigd = () => loop(aangeboden(), bevestig);
  it.each<[string, () => Dossier, string, string, RegExp]>([
    ['tijdens de meldcode: de professional', () => nieuwDossier(), '2026-03-02 12:00', 'professional', /Juf Annelies/],
    ['melding ontvangen op ma, vr nog de melder', () => gemeld('2026-03-02 10:00'), '2026-03-06 16:00', 'professional', /Juf Annelies/],
    ['melding ontvangen op ma, vanaf de 6e werkdag Veilig Thuis', () => gemeld('2026-03-02 10:00'), '2026-03-10 00:00', 'veilig-thuis', /Veilig Thuis/],
    ['spoedmelding: meteen Veilig Thuis', () => gemeld('2026-03-02 10:00', true), '2026-03-02 10:05', 'veilig-thuis', /Veilig Thuis/],
    ['na de veiligheidsbeoordeling, overdracht nog niet bevestigd', () => aangeboden(), '2026-03-03 10:00', 'veilig-thuis', /Veilig Thuis/],
    ['na bevestiging: het lokale team met regisseur', bevestigd, '2026-03-04 10:00', 'overdrachtspartij', /Wijkteam Noord \(regisseur: J\. de Vries\)/],
    ['na afsluiten: niemand', () => loop(gemeld(), vb('geen-vervolg')), '2026-03-04 10:00', 'niemand', /afgesloten/],
    ['na afsluiten na een bevestigde overdracht: het lokale team houdt de regie', () => loop(aangeboden(), bevestig, sluitAf()), '2026-03-20 10:00', 'overdrachtspartij', /Wijkteam Noord \(regisseur: J\. de Vries\); het dossier bij Veilig Thuis is afgesloten/],
  ])('%s', (_naam, maak, nu, houder, tekst) => {
    const z = zichtOpVeiligheid(maak(), ams(nu));
    expect(z.houder).toBe(houder);
    expect(z.omschrijving).toMatch(tekst);
  });

  it('every phase has an answer', () => {
    const d = bevestigd();
    const v = d.veiligThuis;
    if (v?.fase !== 'overgedragen') throw new Error('bevestigd() hoort overgedragen te zijn');
    // Each phase with the data it cannot be without.
    const fasen: VeiligThuis[] = [
      { ...v, fase: 'melding-ontvangen' },
      { ...v, fase: 'vervolg', vervolg: { soort: 'onderzoek', gestartOp: v.ontvangenOp } },
      { ...v, fase: 'overdracht-aangeboden' },
      v,
      { ...v, fase: 'terug-bij-vt', terugBijVt: { op: v.ontvangenOp, reden: 'Terug.' } },
      { ...v, fase: 'afgesloten', afgeslotenOp: v.ontvangenOp },
    ];
    expect(fasen.map((f) => f.fase)).toEqual([...VT_FASEN]);
    for (const veiligThuis of fasen) {
      const z = zichtOpVeiligheid({ ...d, veiligThuis }, ams('2026-04-01 10:00'));
      expect(z.omschrijving.length).toBeGreaterThan(3);
    }
  });

  it('is recorded by the actor who acts: the lokaal team confirms', () => {
    const d = vt(aangeboden(), bevestig, ctx('2026-03-03 10:00', lokaalTeam)).dossier;
    expect(d.gebeurtenissen.at(-1)?.door.rol).toBe('lokaal-team');
  });
});

describe('the phase as a discriminated union: a phase carries the data it stands on', () => {
  const fasen: [string, () => Dossier][] = [
    ['melding-ontvangen', () => gemeld()],
    ['vervolg', () => loop(gemeld(), vb('onderzoek'))],
    ['overdracht-aangeboden', () => aangeboden()],
    ['overgedragen', () => loop(aangeboden(), bevestig)],
    ['terug-bij-vt', () => loop(aangeboden(), bevestig, { soort: 'terug-naar-vt', reden: 'Duurzame veiligheid niet haalbaar.' })],
    ['afgesloten', () => loop(gemeld(), vb('geen-vervolg'))],
  ];

  it.each(fasen)('a stored dossier in fase %s parses unchanged', (fase, maak) => {
    const d = maak();
    expect(d.veiligThuis?.fase).toBe(fase);
    expect(Dossier.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });

  it('covers every phase', () => {
    expect(fasen.map(([fase]) => fase)).toEqual([...VT_FASEN]);
  });

  it.each<[string, () => Dossier, string]>([
    ['overdracht-aangeboden without its overdracht', () => aangeboden(), 'overdracht'],
    ['overgedragen without its overdracht', () => loop(aangeboden(), bevestig), 'overdracht'],
    ['vervolg without its vervolg', () => loop(gemeld(), vb('onderzoek')), 'vervolg'],
    ['vervolg without its veiligheidsbeoordeling', () => loop(gemeld(), vb('onderzoek')), 'veiligheidsbeoordeling'],
    ['terug-bij-vt without the reason it came back', () => loop(aangeboden(), bevestig, { soort: 'terug-naar-vt', reden: 'Niet haalbaar.' }), 'terugBijVt'],
    ['afgesloten without the date', () => loop(gemeld(), vb('geen-vervolg')), 'afgeslotenOp'],
  ])('a record in %s is refused on read', (_naam, maak, veld) => {
    const { [veld]: _weg, ...zonder } = maak().veiligThuis as Record<string, unknown>;
    const r = VeiligThuis.safeParse(zonder);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(veld);
  });
});

describe('domain errors found against the source documents (issue 10)', () => {
  const lokaal = (d: { toFormat: (f: string) => string }) => d.toFormat('yyyy-MM-dd HH:mm');
  const partijen = {
    'lopende hulpverlening': { soort: 'lopende-hulpverlening' as const, naam: 'GGZ Rivierenland' },
    'een MDT': { soort: 'multidisciplinair-team' as const, naam: 'MDT Nijmegen' },
    'een GI': gi,
    'de directbetrokkenen': { soort: 'directbetrokkenen' as const, naam: 'Ouders' },
  };

  describe('1. only an overdracht to a lokaal team gives the lokaal team duties', () => {
    it.each(Object.entries(partijen))('overdracht aan %s: VT confirms, no contact or terugkoppeling for the lokaal team', (_naam, partij) => {
      const aan = loop(gemeld(), vb('overdracht', { partij }));
      expect(openMijlpalen(aan).map((m) => [m.id, m.verantwoordelijke])).toEqual([['overdracht-bevestigen', 'veilig-thuis']]);
      const bevestigd = loop(aan, bevestig);
      expect(openMijlpalen(bevestigd).filter((m) => m.verantwoordelijke === 'lokaal-team')).toEqual([]);
    });

    it('overdracht aan het lokale team: bevestigen, then contact and terugkoppeling are the team\'s', () => {
      expect(openMijlpalen(aangeboden()).map((m) => [m.id, m.verantwoordelijke])).toEqual([['overdracht-bevestigen', 'lokaal-team']]);
      const d = loop(aangeboden(), bevestig);
      expect(openMijlpalen(d).map((m) => [m.id, m.verantwoordelijke])).toEqual([['contact-gezin', 'lokaal-team']]);
    });
  });

  describe('2. the lokaal team is informed of V&V, Onderzoek and an overdracht to another party', () => {
    const metGemeente = () => {
      let d = totStap4();
      d = meldcode(d, vraag(1, true)).dossier;
      d = meldcode(d, vraag(2, true)).dossier;
      return meldcode(d, { soort: 'melding', melding: { soort: 'open', besprokenMetGezin: true, melder, feiten: 'Blauwe plekken.', spoed: false, gemeente: 'Nijmegen' } }).dossier;
    };
    it.each<[string, VtCommando[], string]>([
      ['Voorwaarden & Vervolg', [vb('voorwaarden-en-vervolg')], 'voorwaarden-en-vervolg'],
      ['Onderzoek', [vb('onderzoek')], 'onderzoek'],
      ['V&V omgezet in Onderzoek', [vb('voorwaarden-en-vervolg'), { soort: 'wissel-naar-onderzoek' }], 'onderzoek'],
      ['overdracht aan een MDT', [vb('overdracht', { partij: partijen['een MDT'] })], 'overdracht-andere-partij'],
    ])('%s', (_naam, cmds, aanleiding) => {
      const voor = loop(metGemeente(), ...cmds.slice(0, -1));
      const laatste = cmds.at(-1);
      if (laatste === undefined) throw new Error('geen commando');
      expect(vt(voor, laatste).effecten).toContainEqual({ soort: 'lokaal-team-geinformeerd', regioId: 'vt-gelderland-zuid', gemeente: 'Nijmegen', aanleiding });
    });

    it('an overdracht to the lokaal team itself is the overdracht, not a notice', () => {
      expect(vt(gemeld(), vb('overdracht', { partij: wijkteam })).effecten.map((e) => e.soort)).not.toContain('lokaal-team-geinformeerd');
    });
  });

  describe('3. monitoring after Onderzoek can be waived with a recorded gegronde reden', () => {
    it.each([
      ['with a reason: no monitoring, the reason kept', { redenGeenMonitoring: 'Gezin vertrokken naar het buitenland.' }, false, 'Gezin vertrokken naar het buitenland.'],
      ['without a reason: monitoring', {}, true, undefined],
    ] as const)('%s', (_naam, extra, gepland, reden) => {
      const d = loop(gemeld(), vb('onderzoek'), { soort: 'rond-vervolg-af', uitkomstOnderzoek: 'bevestigd', veiligheidsvoorwaarden: [], partij: wijkteam, ...extra });
      expect(d.veiligThuis?.monitoring?.gepland).toBe(gepland);
      expect(d.veiligThuis?.monitoring?.redenGeenMonitoring).toBe(reden);
    });
    it('an empty reason is refused', () => {
      const d = loop(gemeld(), vb('onderzoek'));
      expect(weiger(d, { soort: 'rond-vervolg-af', uitkomstOnderzoek: 'bevestigd', veiligheidsvoorwaarden: [], partij: wijkteam, redenGeenMonitoring: '  ' }).code).toBe('reden-geen-monitoring-ontbreekt');
    });
  });

  describe('4. spoed outside office hours names the crisis service, no deadline at midnight', () => {
    const kalender = new WerkdagKalender();
    const instellingen = { crisisdienst: 'Spoedeisende Zorg Gelderland-Zuid', kalender };
    it.each([
      ['spoed op een werkdag binnen kantoortijd: dezelfde dag', '2026-03-02 10:00', true, '2026-03-02 23:59', 'spoed'],
      ['spoed op maandagavond: de crisisdienst, beoordeling dinsdag voor 17 uur', '2026-03-02 22:00', true, '2026-03-03 16:59', 'spoed buiten kantoortijd: Spoedeisende Zorg Gelderland-Zuid handelt direct'],
      ['spoed op zaterdag: de crisisdienst, beoordeling maandag', '2026-03-07 11:00', true, '2026-03-09 16:59', 'spoed buiten kantoortijd: Spoedeisende Zorg Gelderland-Zuid handelt direct'],
      ['spoed vroeg op dinsdag: dezelfde dag voor 17 uur', '2026-03-03 06:30', true, '2026-03-03 16:59', 'spoed buiten kantoortijd: Spoedeisende Zorg Gelderland-Zuid handelt direct'],
      ['geen spoed op zaterdag: 5 werkdagen', '2026-03-07 11:00', false, '2026-03-13 23:59', 'binnen 5 werkdagen'],
    ] as const)('%s', (_naam, op, spoed, deadline, toelichting) => {
      const d = startVeiligThuis(nieuwDossier(), spoed, { ...ctx(op, vtMedewerker), instellingen }).dossier;
      const [m] = openMijlpalen(d, kalender);
      expect(m && [lokaal(m.deadline), m.toelichting]).toEqual([deadline, toelichting]);
    });
    it('without a named crisis service the card still points to it', () => {
      const d = startVeiligThuis(nieuwDossier(), true, ctx('2026-03-02 22:00', vtMedewerker)).dossier;
      expect(openMijlpalen(d)[0]?.toelichting).toBe('spoed buiten kantoortijd: de crisisdienst van de regio handelt direct');
      expect(Dossier.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
    });
  });

  describe('5. the melder hears what VT decided', () => {
    const anoniem = () => {
      let d = totStap4();
      d = meldcode(d, vraag(1, true)).dossier;
      d = meldcode(d, vraag(2, true)).dossier;
      return meldcode(d, { soort: 'melding', melding: { soort: 'anoniem-tov-gezin', redenAnoniem: 'Vrees voor de relatie.', melder, feiten: 'Blauwe plekken.', spoed: false } }).dossier;
    };
    const aanMelder = (effecten: readonly { soort: string }[]) => effecten.filter((e) => e.soort === 'terugkoppeling-aan-melder');
    it.each<[string, () => Dossier, VtCommando, string]>([
      ['after the veiligheidsbeoordeling (open melding)', () => gemeld(), vb('onderzoek'), 'na-veiligheidsbeoordeling'],
      ['after the veiligheidsbeoordeling (anoniem tegenover het gezin)', anoniem, vb('voorwaarden-en-vervolg'), 'na-veiligheidsbeoordeling'],
      ['geen vervolg', anoniem, vb('geen-vervolg'), 'na-veiligheidsbeoordeling'],
      ['at the end', () => loop(aangeboden(), bevestig), sluitAf(), 'afsluiting'],
    ])('%s', (_naam, maak, cmd, moment) => {
      expect(aanMelder(vt(maak(), cmd).effecten)).toEqual([{ soort: 'terugkoppeling-aan-melder', moment }]);
    });
    it('a melding VT registered itself has no melder in meldroute to tell', () => {
      const d = startVeiligThuis(nieuwDossier(), false, ctx('2026-03-02 10:00', vtMedewerker)).dossier;
      expect(aanMelder(vt(d, vb('onderzoek')).effecten)).toEqual([]);
    });
  });

  describe('6. the VT decision is checked against the taxatie', () => {
    const veilig = { acuutOnveilig: false, structureelOnveilig: false, multiproblematiek: false };
    it.each([
      ['V&V zonder onveiligheid: geweigerd', 'voorwaarden-en-vervolg', veilig, false],
      ['Onderzoek zonder onveiligheid: geweigerd', 'onderzoek', veilig, false],
      ['Onderzoek bij acute onveiligheid', 'onderzoek', { ...veilig, acuutOnveilig: true }, true],
      ['V&V bij structurele onveiligheid', 'voorwaarden-en-vervolg', { ...veilig, structureelOnveilig: true }, true],
      ['V&V bij multiproblematiek', 'voorwaarden-en-vervolg', { ...veilig, multiproblematiek: true }, true],
      ['geen vervolg zonder onveiligheid', 'geen-vervolg', veilig, true],
    ] as const)('%s', (_naam, besluit, t, mag) => {
      const r = pasVeiligThuisToe(gemeld(), vb(besluit, { taxatie: t }), ctx('2026-03-03 10:00', vtMedewerker));
      expect(r.ok).toBe(mag);
      if (!r.ok) expect(r.fout).toMatchObject({ code: 'besluit-past-niet-bij-taxatie', melding: expect.stringMatching(/acute of structurele onveiligheid of multiproblematiek/) });
    });
  });

  describe('7. the contact term follows VT\'s advised term', () => {
    it.each([
      ['default: 1 week', undefined, '2026-03-09 23:59'],
      ['advised 3 days', 3, '2026-03-05 23:59'],
      ['advised 14 days', 14, '2026-03-16 23:59'],
    ] as const)('%s', (_naam, dagen, deadline) => {
      const d = loop(gemeld(), vb('overdracht', { partij: wijkteam, ...(dagen ? { adviesTermijnDagen: dagen } : {}) }), bevestig);
      expect(openMijlpalen(d).map((m) => [m.id, lokaal(m.deadline)])).toEqual([['contact-gezin', deadline]]);
    });
    it('a term that is no whole number of days is refused', () => {
      expect(weiger(gemeld(), vb('overdracht', { partij: wijkteam, adviesTermijnDagen: 0 })).code).toBe('ongeldige-termijn');
    });
  });
});

describe('escalation ladder (seed 004, bijlage 4): a, then b only after a ended with II, then c only after b ended with II', () => {
  const route = (uitkomst: 'I' | 'II'): VtCommando => ({ soort: 'rond-escalatie-af', uitkomst });
  const start: VtCommando = { soort: 'start-escalatie', reden: 'Termijn verlopen.' };
  it.each<[string, VtCommando[], string[]]>([
    ['starting always starts route a', [start], ['a:-']],
    ['I stops the ladder', [start, route('I')], ['a:I']],
    ['II at a starts b', [start, route('II')], ['a:II', 'b:-']],
    ['II at b starts c', [start, route('II'), route('II')], ['a:II', 'b:II', 'c:-']],
    ['after c the ladder ends', [start, route('II'), route('II'), route('II')], ['a:II', 'b:II', 'c:II']],
    ['I at b stops before c', [start, route('II'), route('I')], ['a:II', 'b:I']],
    ['a new escalation after a solved one starts at a again', [start, route('I'), start], ['a:I', 'a:-']],
  ])('%s', (_naam, cmds, verwacht) => {
    const d = loop(aangeboden(), ...cmds);
    expect(d.veiligThuis?.escalaties.map((e) => `${e.route}:${e.uitkomst ?? '-'}`)).toEqual(verwacht);
  });

  it('a second start while one runs is refused', () => {
    expect(weiger(loop(aangeboden(), { soort: 'start-escalatie', reden: 'x' }), { soort: 'start-escalatie', reden: 'y' }).code).toBe('escalatie-loopt-al');
  });
});

describe('regie overdragen (seed 004 §8.5): voorwaarden and plan move explicitly, Veilig Thuis is told', () => {
  const naarGgz: VtCommando = {
    soort: 'draag-regie-over',
    naar: { soort: 'lopende-hulpverlening', naam: 'GGZ Rivierenland', regisseur: 'P. Pieters' },
    reden: 'Moeder is in behandeling bij de GGZ; daar ligt de hulp.',
    veiligheidsvoorwaarden: ['Vader drinkt niet als de kinderen er zijn.', ' ', 'Moeder belt bij dreiging de politie.'],
    veiligheidsplan: 'Veiligheidsplan van 10 maart, in het dossier van GGZ Rivierenland.',
  };
  const metVoorwaarden = (monitoring = false) => {
    const d = aangeboden('2026-03-02 10:00', monitoring);
    const v = d.veiligThuis;
    if (v === undefined) throw new Error('geen VT');
    return { ...d, veiligThuis: { ...v, veiligheidsvoorwaarden: ['Vader drinkt niet als de kinderen er zijn.'] } };
  };
  const bevestigd = (monitoring = false) => loop(metVoorwaarden(monitoring), bevestig);
  const regie = (d: Dossier) => vt(d, naarGgz, ctx('2026-03-10 14:00', lokaalTeam));
  const mdt = { soort: 'multidisciplinair-team' as const, naam: 'MDT Nijmegen' };

  /** Monitored by the lokaal team, as Zuid-Holland Zuid's rule gives it after a direct overdracht. */
  const doorTeam = () => {
    const d = vt(gemeld(), vb('overdracht', { partij: wijkteam, afspraken, monitoring: true, monitoringPlan: { metWie: 'Moeder en de kinderen', frequentieEnWijze: 'Huisbezoek' } }), { ...ctx('2026-03-02 10:00', vtMedewerker), instellingen: ZHZ }).dossier;
    const v = d.veiligThuis;
    if (v === undefined) throw new Error('geen VT');
    return loop({ ...d, veiligThuis: { ...v, veiligheidsvoorwaarden: ['Vader drinkt niet als de kinderen er zijn.'] } }, bevestig);
  };
  type Naar = Extract<VtCommando, { soort: 'draag-regie-over' }>['naar'];
  it.each<[string, () => Dossier, Naar, object, string]>([
    ['Veilig Thuis monitors: it goes on as planned', () => bevestigd(true), { soort: 'lopende-hulpverlening', naam: 'GGZ Rivierenland', regisseur: 'P.' }, { gepland: true, door: 'veilig-thuis' }, 'loopt-door'],
    ['the lokaal team monitored (region rule): Veilig Thuis takes it over, recorded as a deviation', doorTeam, { soort: 'lopende-hulpverlening', naam: 'GGZ Rivierenland', regisseur: 'P.' }, { gepland: true, door: 'veilig-thuis', afwijking: { regioafspraak: 'lokaal-team', reden: 'Wijkteam Noord droeg de regie over aan GGZ Rivierenland; Veilig Thuis neemt de monitoring over.' } }, 'naar-veilig-thuis'],
    ['to a gecertificeerde instelling: nobody monitors any more, and why is recorded', doorTeam, { soort: 'gecertificeerde-instelling', naam: 'Jeugdbescherming', regisseur: 'G.' }, { gepland: false, redenGeenMonitoring: 'Regie overgedragen aan een gecertificeerde instelling (Jeugdbescherming): Veilig Thuis monitort dan niet.' }, 'vervalt'],
  ])('monitoring after regie overdragen: %s', (_naam, voor, naar, monitoring, gevolg) => {
    const na = vt(voor(), { ...naarGgz, soort: 'draag-regie-over', naar } as VtCommando, ctx('2026-03-10 14:00', lokaalTeam)).dossier;
    expect(na.veiligThuis?.monitoring).toMatchObject(monitoring);
    expect(na.veiligThuis?.overdracht?.regie?.monitoring).toBe(gevolg);
    // The team has let the case go: none of the open monitoring moments are its own any more.
    expect(openMijlpalen(na).filter((m) => m.id.startsWith('monitoring-') && m.verantwoordelijke === 'lokaal-team')).toEqual([]);
  });

  it.each<[string, () => Dossier, VtCommando, string]>([
    ['before the lokaal team confirmed the overdracht', () => metVoorwaarden(), naarGgz, 'ongeldige-overgang'],
    ['after an overdracht to another party (VT confirmed on its behalf)', () => loop(gemeld(), vb('overdracht', { partij: mdt }), bevestig), naarGgz, 'ongeldige-overgang'],
    ['to the same lokaal team', bevestigd, { ...naarGgz, naar: { soort: 'lokaal-team', naam: 'wijkteam noord', regisseur: 'X' } } as VtCommando, 'ongeldige-overgang'],
    ['without veiligheidsvoorwaarden', bevestigd, { ...naarGgz, veiligheidsvoorwaarden: ['  '] } as VtCommando, 'voorwaarden-ontbreken'],
    ['without a veiligheidsplan', bevestigd, { ...naarGgz, veiligheidsplan: ' ' } as VtCommando, 'veiligheidsplan-ontbreekt'],
    ['a second time', () => regie(bevestigd()).dossier, naarGgz, 'regie-overgedragen'],
  ])('is refused %s', (_naam, maak, cmd, code) => {
    const f = weiger(maak(), cmd);
    expect(f.code).toBe(code);
    expect(f.melding.length).toBeGreaterThan(10);
  });

  it('records from whom, to whom, when, why, and the voorwaarden and plan that went with it; VT\'s own list stays', () => {
    const { dossier, effecten } = regie(bevestigd());
    const v = dossier.veiligThuis;
    expect(v?.fase).toBe('overgedragen');
    expect(v?.overdracht?.regie).toEqual({
      op: '2026-03-10T13:00:00.000Z',
      van: { naam: 'Wijkteam Noord', regisseur: 'J. de Vries' },
      naar: { soort: 'lopende-hulpverlening', naam: 'GGZ Rivierenland', regisseur: 'P. Pieters' },
      reden: 'Moeder is in behandeling bij de GGZ; daar ligt de hulp.',
      veiligheidsvoorwaarden: ['Vader drinkt niet als de kinderen er zijn.', 'Moeder belt bij dreiging de politie.'],
      veiligheidsplan: 'Veiligheidsplan van 10 maart, in het dossier van GGZ Rivierenland.',
      monitoring: 'geen',
    });
    expect(v?.veiligheidsvoorwaarden).toEqual(['Vader drinkt niet als de kinderen er zijn.']);
    expect(effecten).toEqual([{ soort: 'regie-overgedragen', regioId: 'vt-gelderland-zuid' }]);
    expect(dossier.gebeurtenissen.at(-1)).toMatchObject({ soort: 'regie-overgedragen', door: { rol: 'lokaal-team' }, omschrijving: 'Regie overgedragen door Wijkteam Noord aan GGZ Rivierenland' });
    expect(Dossier.parse(JSON.parse(JSON.stringify(dossier)))).toEqual(dossier);
  });

  it('zicht op veiligheid moves to the new party and its regisseur', () => {
    expect(zichtOpVeiligheid(regie(bevestigd()).dossier, ams('2026-03-11 10:00'))).toEqual({ houder: 'overdrachtspartij', omschrijving: 'GGZ Rivierenland (regisseur: P. Pieters)' });
  });

  it.each([
    ['before contact with the family', (d: Dossier) => d],
    ['after contact, before the terugkoppeling', (d: Dossier) => loop(d, { soort: 'contact-gezin' })],
    ['after a beargumenteerd besluit', (d: Dossier) => loop(d, { soort: 'beargumenteerd-besluit', reden: 'Vakantie.', oppakkenOp: '2026-03-20' })],
  ])('the lokaal team\'s milestones end (%s); Veilig Thuis\'s monitoring stays as planned', (_naam, stap) => {
    const voor = stap(bevestigd(true));
    expect(openMijlpalen(voor).some((m) => m.verantwoordelijke === 'lokaal-team')).toBe(true);
    const na = regie(voor).dossier;
    expect(openMijlpalen(na).map((m) => [m.id, m.verantwoordelijke])).toEqual([
      ['monitoring-3', 'veilig-thuis'],
      ['monitoring-12', 'veilig-thuis'],
    ]);
  });

  it.each<[string, VtCommando]>([
    ['contact met gezin', { soort: 'contact-gezin' }],
    ['terugkoppeling', { soort: 'terugkoppeling', samenvatting: 'x' }],
    ['beargumenteerd besluit', { soort: 'beargumenteerd-besluit', reden: 'x', oppakkenOp: '2026-03-20' }],
    ['terug naar Veilig Thuis', { soort: 'terug-naar-vt', reden: 'x' }],
  ])('afterwards the team cannot give %s any more', (_naam, cmd) => {
    expect(weiger(regie(bevestigd()).dossier, cmd).code).toBe('regie-overgedragen');
  });

  it('Veilig Thuis still monitors and closes', () => {
    const na = regie(bevestigd(true)).dossier;
    const gemonitord = loop(na, { soort: 'monitoring', maandenNaOverdracht: 3, voorwaardenNagekomen: true, directeVeiligheid: true, stabieleVeiligheid: true, aandachtVoorHerstel: true, vervolgstap: 'doorgaan', alleDirectbetrokkenenGesproken: true });
    expect(loop(gemonitord, sluitAf()).veiligThuis?.fase).toBe('afgesloten');
  });
});

describe('sluit-af records the written confirmation and where the afsluitbericht went', () => {
  const dicht = (d: Dossier, cmd: VtCommando) => vt(d, cmd, ctx('2026-03-20 10:00', vtMedewerker));
  /** The overdracht card reached the team's channel: its outbox entry was delivered. */
  const metTeamkaart = (d: Dossier): Dossier => ({
    ...d,
    uitgaand: [{ id: '1-1', effect: { soort: 'overdracht-naar-lokaal-team', teamId: 'team-noord' }, aangemaaktOp: '2026-03-02T09:00:00.000Z', bezorgdOp: '2026-03-02T09:00:01.000Z', activityId: 'act-1' }],
  });
  const metRegie = (d: Dossier) =>
    loop(
      d,
      bevestig,
      { soort: 'draag-regie-over', naar: { soort: 'gecertificeerde-instelling', naam: 'Jeugdbescherming Gelderland', regisseur: 'G. Gids' }, reden: 'Ondertoezichtstelling.', veiligheidsvoorwaarden: ['Geen geweld.'], veiligheidsplan: 'Bij de GI.' },
    );
  const zonderBericht = sluitAf({ afsluitberichtDoorVt: undefined });

  it.each<[string, () => Dossier, string | undefined, string[]]>([
    ['no overdracht (V&V runs): the confirmation only', () => loop(gemeld(), vb('voorwaarden-en-vervolg')), undefined, []],
    ['a lokaal team whose channel got the overdracht card: a card there', () => metTeamkaart(aangeboden()), 'team-noord', []],
    ['a lokaal team meldroute never reached: Veilig Thuis sends it', () => aangeboden(), undefined, ['Wijkteam Noord']],
    ['another party: Veilig Thuis sends it', () => loop(gemeld(), vb('overdracht', { partij: gi })), undefined, ['Jeugdbescherming Gelderland']],
    ['the regie went on: the team in its channel, the new party by Veilig Thuis', () => metRegie(metTeamkaart(aangeboden())), 'team-noord', ['Jeugdbescherming Gelderland']],
  ])('%s', (_naam, maak, kanaal, doorVt) => {
    const d = maak();
    if (doorVt.length > 0) expect(weiger(d, zonderBericht)).toMatchObject({ code: 'afsluitbericht-ontbreekt', melding: expect.stringContaining(doorVt.join(' en ')) });
    const { dossier, effecten } = dicht(d, doorVt.length > 0 ? sluitAf() : zonderBericht);
    expect(dossier.veiligThuis?.afsluiting).toEqual({
      directbetrokkenen: { op: '2026-03-02', wijze: 'brief' },
      ...(kanaal ? { afsluitberichtKanaal: kanaal } : {}),
      ...(doorVt.length > 0 ? { afsluitberichtDoorVt: { op: '2026-03-02', wijze: 'e-mail', aan: doorVt } } : {}),
    });
    expect(effecten.filter((e) => e.soort === 'afsluitbericht-naar-lokaal-team')).toEqual(kanaal ? [{ soort: 'afsluitbericht-naar-lokaal-team', teamId: kanaal }] : []);
    expect(Dossier.parse(JSON.parse(JSON.stringify(dossier)))).toEqual(dossier);
  });

  it.each<[string, VtCommando, string]>([
    ['a confirmation dated tomorrow', sluitAf({ directbetrokkenen: { op: '2026-03-21', wijze: 'brief' } }), 'bevestiging-in-toekomst'],
    ['an afsluitbericht dated tomorrow', sluitAf({ afsluitberichtDoorVt: { op: '2026-03-21', wijze: 'brief' } }), 'afsluitbericht-in-toekomst'],
  ])('refuses %s: it records what was sent', (_naam, cmd, code) => {
    const r = pasVeiligThuisToe(aangeboden(), cmd, ctx('2026-03-20 23:30', vtMedewerker));
    expect(r.ok ? 'ok' : r.fout.code).toBe(code);
  });

  it('today counts in Amsterdam: just after midnight there it is already the next day', () => {
    expect(pasVeiligThuisToe(loop(gemeld(), vb('voorwaarden-en-vervolg')), sluitAf({ directbetrokkenen: { op: '2026-03-21', wijze: 'gesprek' } }), ctx('2026-03-21 00:30', vtMedewerker)).ok).toBe(true);
  });

  it('is refused right after receipt: every melding gets a veiligheidsbeoordeling, whose "geen vervolg" closes it', () => {
    expect(weiger(gemeld(), sluitAf()).code).toBe('ongeldige-overgang');
    expect(loop(gemeld(), vb('geen-vervolg')).veiligThuis?.fase).toBe('afgesloten');
  });
});

describe('Veilig Thuis decides spoed, not only the melder (issue 10)', () => {
  const beoordelingUiterlijk = (d: Dossier) => openMijlpalen(d).find((m) => m.id === 'veiligheidsbeoordeling')?.deadline.setZone('Europe/Amsterdam').toFormat('ccc yyyy-MM-dd HH:mm');
  const besluit = (spoed: boolean, reden = 'Politie meldt een wapen in huis.'): VtCommando => ({ soort: 'spoed-besluit', spoed, reden });
  it.each([
    ['not urgent to the melder, urgent to Veilig Thuis on Wednesday 11:00: today, from the decision; Veilig Thuis holds zicht at once', false, true, '2026-03-04 11:00', 'Wed 2026-03-04 23:59', 'veilig-thuis', false],
    ['urgent to Veilig Thuis at 20:00: the crisis service acts, the beoordeling follows the next office day', false, true, '2026-03-04 20:00', 'Thu 2026-03-05 16:59', 'veilig-thuis', true],
    ['a spoedmelding Veilig Thuis judges not urgent: 5 werkdagen from receipt, the professional keeps zicht until the 6th werkdag', true, false, '2026-03-02 11:00', 'Mon 2026-03-09 23:59', 'professional', false],
  ])('%s', (_naam, melderSpoed, spoed, op, uiterlijk, houder, crisisdienst) => {
    const na = vt(gemeld('2026-03-02 10:00', melderSpoed), besluit(spoed), ctx(op, vtMedewerker)).dossier;
    expect(na.veiligThuis?.spoed).toBe(spoed);
    expect(na.veiligThuis?.spoedBesluit).toMatchObject({ spoed, reden: 'Politie meldt een wapen in huis.' });
    expect(na.veiligThuis?.spoedBuitenKantoortijd !== undefined).toBe(crisisdienst);
    expect(beoordelingUiterlijk(na)).toBe(uiterlijk);
    expect(zichtOpVeiligheid(na, ams(op)).houder).toBe(houder);
    // The reason stays on the record, out of the verslag's event text.
    expect(na.gebeurtenissen.at(-1)?.omschrijving).toBe(spoed ? 'Veilig Thuis besluit: spoed' : 'Veilig Thuis besluit: geen spoed');
  });

  it.each([
    ['without a reason', gemeld(), besluit(true, '  '), 'reden-spoed-ontbreekt'],
    ['when nothing changes', gemeld(), besluit(false), 'ongeldige-overgang'],
    ['after the veiligheidsbeoordeling', aangeboden(), besluit(true), 'ongeldige-overgang'],
  ])('is refused %s', (_naam, d, cmd, code) => {
    expect(weiger(d, cmd).code).toBe(code);
  });
});

describe('contact met het gezin: when and how (seed 004 §8.4)', () => {
  const bevestigd = () => loop(aangeboden('2026-03-02 10:00'), bevestig);
  it('records the day and how; without a day, today', () => {
    const met = vt(bevestigd(), { soort: 'contact-gezin', datum: '2026-03-04', wijze: 'huisbezoek' }, ctx('2026-03-05 10:00', lokaalTeam)).dossier;
    expect(met.veiligThuis?.overdracht?.contactGezin).toEqual({ datum: '2026-03-04', wijze: 'huisbezoek' });
    const vandaag = vt(bevestigd(), { soort: 'contact-gezin', wijze: 'telefonisch' }, ctx('2026-03-05 10:00', lokaalTeam)).dossier;
    expect(vandaag.veiligThuis?.overdracht?.contactGezin).toEqual({ datum: '2026-03-05', wijze: 'telefonisch' });
  });
  it.each([
    ['in the future', '2026-03-06'],
    ['before the overdracht', '2026-03-01'],
  ])('refuses a day %s', (_naam, datum) => {
    const r = pasVeiligThuisToe(bevestigd(), { soort: 'contact-gezin', datum, wijze: 'huisbezoek' }, ctx('2026-03-05 10:00', lokaalTeam));
    expect(r.ok ? undefined : r.fout.code).toBe('ongeldige-datum');
  });
});
