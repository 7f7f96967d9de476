import { describe, expect, it } from 'vitest';
import { gehaaldeMijlpalen, metAfgehandeldeTermijnen, type Dossier, type MeldcodeCommando, type VtCommando, type Wijziging } from '../../src/domain/index.js';
import { aangeboden, ctx, gemeld, lokaalTeam, meldcode, professional, taxatie, totStap4, vraag, vt, vtMedewerker, wijkteam } from './fixtures.js';

/** The tick records every nudge key on the dossier; `dossier:mijlpaal:niveau`. */
const geherinnerd = (d: Dossier, ...mijlpalen: string[]): Dossier => ({ ...d, herinneringen: [...d.herinneringen, ...mijlpalen.map((m) => `${d.id}:${m}:herinnering`)] });
const bevestigd = (monitoring = false) => vt(aangeboden('2026-03-02 10:00', monitoring), { soort: 'bevestig-overdracht', regisseur: 'J.' }, ctx('2026-03-03 11:00', lokaalTeam)).dossier;
const contactGelegd = () => vt(bevestigd(), { soort: 'contact-gezin' }, ctx('2026-03-04 11:00', lokaalTeam)).dossier;
const vervolg = () => vt(gemeld('2026-03-02 10:00'), { soort: 'veiligheidsbeoordeling', taxatie, besluit: 'voorwaarden-en-vervolg', risicofactoren: [] }, ctx('2026-03-03 10:00', vtMedewerker)).dossier;
const zelfHulp = () => [vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true)].reduce((d, c) => meldcode(d, c).dossier, totStap4());

const monitoring3: VtCommando = { soort: 'monitoring', maandenNaOverdracht: 3, voorwaardenNagekomen: true, directeVeiligheid: true, stabieleVeiligheid: true, aandachtVoorHerstel: true, vervolgstap: 'doorgaan', alleDirectbetrokkenenGesproken: true };
const OP = ctx('2026-03-09 14:30', lokaalTeam);
const VT_OP = ctx('2026-03-09 14:30', vtMedewerker);

type Stap = { readonly vt: VtCommando } | { readonly meldcode: MeldcodeCommando };
const pas = (d: Dossier, stap: Stap, c = OP): Wijziging => ('vt' in stap ? vt(d, stap.vt, c) : meldcode(d, stap.meldcode, c));

describe('gehaaldeMijlpalen: which milestones a change met', () => {
  it.each([
    ['the lokaal team confirms the overdracht', () => aangeboden(), { vt: { soort: 'bevestig-overdracht', regisseur: 'J.' } }, OP, ['overdracht-bevestigen']],
    ['the lokaal team makes contact with the family', () => bevestigd(), { vt: { soort: 'contact-gezin' } }, OP, ['contact-gezin']],
    ['the lokaal team gives terugkoppeling', contactGelegd, { vt: { soort: 'terugkoppeling', samenvatting: 'Gezin gesproken.' } }, OP, ['terugkoppeling']],
    ['a beargumenteerd besluit ends the old term (a new one starts)', () => bevestigd(), { vt: { soort: 'beargumenteerd-besluit', reden: 'Vakantie.', oppakkenOp: '2026-03-23' } }, OP, ['contact-gezin']],
    ['Veilig Thuis records the veiligheidsbeoordeling', () => gemeld(), { vt: { soort: 'veiligheidsbeoordeling', taxatie, besluit: 'overdracht', risicofactoren: [], partij: wijkteam } }, VT_OP, ['veiligheidsbeoordeling']],
    ['Veilig Thuis rounds off V&V', vervolg, { vt: { soort: 'rond-vervolg-af', veiligheidsvoorwaarden: ['Geen alcohol.'], partij: wijkteam } }, VT_OP, ['vervolg-afronden']],
    ['Veilig Thuis records the monitoring moment at 3 months', () => contactGelegdMetMonitoring(), { vt: monitoring3 }, VT_OP, ['monitoring-3']],
    ['switching V&V to Onderzoek keeps the 10-week term open', vervolg, { vt: { soort: 'wissel-naar-onderzoek' } }, VT_OP, []],
    ['the professional answers afweging 5 again: ja (the next date is a new milestone)', zelfHulp, { meldcode: { soort: 'herweeg-afweging-5', antwoord: true } }, ctx('2026-04-14 10:00', professional), ['vervolg-afweging-5-2026-04-13']],
  ] as const)('%s', (_naam, voor, stap, c, verwacht) => {
    const d = voor();
    expect(gehaaldeMijlpalen(d, pas(d, stap as Stap, c).dossier).map((m) => m.id)).toEqual(verwacht);
  });
});

function contactGelegdMetMonitoring(): Dossier {
  const d = vt(bevestigd(true), { soort: 'contact-gezin' }, ctx('2026-03-04 11:00', lokaalTeam)).dossier;
  return vt(d, { soort: 'terugkoppeling', samenvatting: 'Gezin gesproken.' }, ctx('2026-03-05 11:00', lokaalTeam)).dossier;
}

describe('metAfgehandeldeTermijnen: the effect that turns nudge cards into "afgehandeld"', () => {
  it('names the met milestone, who met it and when, from the change\'s own gebeurtenis', () => {
    const voor = geherinnerd(bevestigd(), 'contact-gezin');
    const w = metAfgehandeldeTermijnen(voor, vt(voor, { soort: 'contact-gezin' }, OP));
    expect(w.effecten.filter((e) => e.soort === 'termijn-afgehandeld')).toEqual([
      { soort: 'termijn-afgehandeld', mijlpalen: [{ id: 'contact-gezin', omschrijving: 'Contact met het gezin' }], door: lokaalTeam, op: '2026-03-09T13:30:00.000Z', waardoor: 'contact-gezin' },
    ]);
  });

  it('only milestones a nudge went out for: no nudge, no effect', () => {
    const voor = geherinnerd(bevestigd(true), 'monitoring-3');
    const w = vt(voor, { soort: 'contact-gezin' }, OP);
    expect(metAfgehandeldeTermijnen(voor, w)).toBe(w);
  });

  it('a case handed back to Veilig Thuis meets every nudged milestone at once', () => {
    const voor = geherinnerd(contactGelegdMetMonitoring(), 'monitoring-3', 'monitoring-12');
    const w = metAfgehandeldeTermijnen(voor, vt(voor, { soort: 'terug-naar-vt', reden: 'Veiligheid niet te bereiken.' }, OP));
    const effect = w.effecten.find((e) => e.soort === 'termijn-afgehandeld');
    expect(effect).toMatchObject({ mijlpalen: [{ id: 'monitoring-3' }, { id: 'monitoring-12' }], door: lokaalTeam });
  });

  it('a change without a gebeurtenis (the tick recording its own nudges) names nobody', () => {
    const voor = geherinnerd(bevestigd(), 'contact-gezin');
    const w: Wijziging = { dossier: { ...voor, veiligThuis: contactGelegd().veiligThuis }, effecten: [] };
    expect(metAfgehandeldeTermijnen(voor, w)).toBe(w);
  });
});
