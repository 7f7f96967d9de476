import { describe, expect, it } from 'vitest';
import {
  AFSLUIT_REDEN_LABELS,
  GESPREK_UITKOMST_LABELS,
  MELDCODE_STATUS_LABELS,
  MELDING_SOORT_LABELS,
  ONVEILIGHEID_LABELS,
  OVERLEG_ROL_LABELS,
  REDEN_GEEN_GESPREK_LABELS,
  ROL_LABELS,
  ROUTE_LABELS,
} from '../../src/app/labels.js';
import { dossierverslag, lokaleDatum, lokaleTijd, verslagAlsHtml, verslagInhoud, type VerslagSectie } from '../../src/app/verslag.js';
import {
  AfsluitReden,
  Gesprek,
  MELDCODE_STATUSSEN,
  Melding,
  ONVEILIGHEDEN,
  bevestigOntvangst,
  OVERLEG_ROLLEN,
  REDENEN_GEEN_GESPREK,
  ROLLEN,
  ROUTES,
  SIGNAAL_CATEGORIE_LABELS,
  SIGNAAL_CATEGORIEEN,
  type Dossier,
  type MeldcodeCommando,
} from '../../src/domain/index.js';
import { ams, ctx, gemeld, meldcode, nieuwDossier, overleg, signalen, totStap4, vraag, vt, vtMedewerker } from '../domain/fixtures.js';

const loop = (d: Dossier, ...commandos: MeldcodeCommando[]) => commandos.reduce((acc, c) => meldcode(acc, c).dossier, d);
const sectie = (d: Dossier, kop: string): VerslagSectie | undefined => verslagInhoud(d).secties.find((s) => s.kop === kop);
const waarde = (s: VerslagSectie | undefined, label: string) => s?.rijen.find((r) => r.label === label)?.waarde;

const gesprekNietGevoerd = (reden: (typeof REDENEN_GEEN_GESPREK)[number]): MeldcodeCommando => ({
  soort: 'gesprek',
  gesprek: { uitkomst: 'niet-gevoerd', reden, toelichting: 'Vader reageerde eerder agressief op school.' },
});

describe('labels: every stored code has Dutch words', () => {
  const tabellen: [string, readonly string[], Readonly<Record<string, string>>][] = [
    ['rol', ROLLEN, ROL_LABELS],
    ['overlegpartner', OVERLEG_ROLLEN, OVERLEG_ROL_LABELS],
    ['uitkomst gesprek', Gesprek.options.map((o) => o.shape.uitkomst.value), GESPREK_UITKOMST_LABELS],
    ['reden geen gesprek', REDENEN_GEEN_GESPREK, REDEN_GEEN_GESPREK_LABELS],
    ['route', ROUTES, ROUTE_LABELS],
    ['afsluitreden', AfsluitReden.options, AFSLUIT_REDEN_LABELS],
    ['soort melding', Melding.options.map((o) => o.shape.soort.value), MELDING_SOORT_LABELS],
    ['status', MELDCODE_STATUSSEN, MELDCODE_STATUS_LABELS],
    ['signaal', SIGNAAL_CATEGORIEEN, SIGNAAL_CATEGORIE_LABELS],
    ['onveiligheid', ONVEILIGHEDEN, ONVEILIGHEID_LABELS],
  ];
  const rijen = tabellen.flatMap(([soort, codes, labels]) => codes.map((code): [string, string, string | undefined] => [soort, code, labels[code]]));

  it.each(rijen)('%s %s', (_soort, code, label) => {
    expect(label).toBeDefined();
    expect(label?.trim()).not.toBe('');
    // A code is lower-case words joined by hyphens; a label never looks like one.
    expect(label).not.toMatch(/\b[a-z]+-[a-z]+\b/);
    if (code.includes('-')) expect(label).not.toBe(code);
  });

  it.each(REDENEN_GEEN_GESPREK.map((r) => [r]))('reden %s shows in Dutch in the verslag, never as the code', (reden) => {
    const tekst = dossierverslag(loop(nieuwDossier(), signalen, overleg(), gesprekNietGevoerd(reden)));
    expect(tekst).toContain(`Reden: ${REDEN_GEEN_GESPREK_LABELS[reden]}`);
    expect(tekst).not.toContain(`: ${reden}`);
  });

  it('overleg partners show as Dutch labels, Veilig Thuis advies included', () => {
    const d = loop(nieuwDossier(), signalen, { soort: 'overleg', overleg: { met: ['letselduider', 'gedragswetenschapper'], adviesVeiligThuis: true, uitkomst: 'Letsel past niet bij de uitleg.', voldoendeSignalen: true } });
    expect(waarde(sectie(d, 'Stap 2: Overleg met collega en/of Veilig Thuis'), 'Overlegd met')).toBe('Deskundige letselduiding, Gedragswetenschapper, Veilig Thuis (advies)');
  });
});

describe('dossierverslag: what was recorded, and only that', () => {
  it('holds the kindcheck toelichting and the toelichting of a gesprek that was not held', () => {
    const d = loop(
      nieuwDossier(true),
      signalen,
      { soort: 'kindcheck', kindcheck: { zorgtVoorMinderjarigen: true, gevolgenVoorKinderen: true, toelichting: 'Twee kinderen van 4 en 7 jaar wonen bij cliënt.' } },
      overleg(),
      gesprekNietGevoerd('veiligheid-kind'),
    );
    expect(sectie(d, 'Stap 1: Kindcheck')?.rijen).toEqual([
      { label: 'Zorgt de cliënt voor minderjarige kinderen', waarde: 'Ja' },
      { label: 'Gevolgen voor de kinderen', waarde: 'Ja' },
      { label: 'Toelichting', waarde: 'Twee kinderen van 4 en 7 jaar wonen bij cliënt.' },
    ]);
    expect(sectie(d, 'Stap 3: Gesprek met de cliënt')?.rijen).toEqual([
      { label: 'Gesprek', waarde: 'Niet gevoerd' },
      { label: 'Reden', waarde: 'De veiligheid van het kind' },
      { label: 'Toelichting', waarde: 'Vader reageerde eerder agressief op school.' },
    ]);
  });

  it('after "nee" on afwegingsvraag 1 shows that answer and the afsluiting, and no beslissing', () => {
    const d = loop(totStap4(), vraag(1, false));
    const tekst = dossierverslag(d);
    expect(tekst).toContain('Vraag 1 (vermoeden van huiselijk geweld of kindermishandeling): Nee');
    expect(tekst).toContain('Reden: Geen vermoeden van huiselijk geweld of kindermishandeling (afwegingsvraag 1)');
    expect(tekst).not.toMatch(/Beslissing|Vraag 2|Stap 5/);
  });

  it('after insufficient signals in stap 2 stops at stap 2', () => {
    const kopjes = verslagInhoud(loop(nieuwDossier(), signalen, overleg(false))).secties.map((s) => s.kop);
    expect(kopjes).toEqual(['Casus', 'Stap 1: Signalen in kaart brengen', 'Stap 2: Overleg met collega en/of Veilig Thuis', 'Meldcode afgesloten']);
  });

  it('shows beslissing 1 alone while questions 3-5 wait for Veilig Thuis', () => {
    expect(sectie(gemeld(), 'Beslissingen')?.rijen).toEqual([{ label: 'Beslissing 1 (melden noodzakelijk)', waarde: 'Ja' }]);
    expect(sectie(gemeld(), 'Stap 5: Beslissen')?.opmerking).toBe('Vraag 3 tot en met 5 zijn nog niet beantwoord; dat gebeurt samen met Veilig Thuis.');
  });

  it('shows both beslissingen and the route once decided', () => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true));
    expect(sectie(d, 'Beslissingen')?.rijen.map((r) => `${r.label}: ${r.waarde}`)).toEqual([
      'Beslissing 1 (melden noodzakelijk): Nee',
      'Beslissing 2 (hulp bieden of organiseren mogelijk): Ja',
      'Route: Zelf hulp bieden of organiseren; melden is niet noodzakelijk',
      expect.stringMatching(/^Toelichting: U kunt passende hulp bieden/),
      'Vraag 5 opnieuw wegen op: 13 april 2026',
    ]);
  });
});

describe('dossierverslag: who did it, and when', () => {
  it('credits each step to who recorded it, with the role in Dutch', () => {
    const s = sectie(gemeld(), 'Stap 1: Signalen in kaart brengen');
    expect(s).toMatchObject({ wanneer: '2 maart 2026, 10:00', door: 'Juf Annelies (professional)' });
  });

  it('says "verstuurd" at sending and "ontvangen door Veilig Thuis" only once Veilig Thuis has it', () => {
    const rijen = (d: Dossier) => Object.fromEntries((verslagInhoud(d).secties.find((s) => s.kop.startsWith('Melding'))?.rijen ?? []).map((r) => [r.label, r.waarde]));
    const verstuurd = rijen(gemeld('2026-03-02 10:00'));
    expect(verstuurd['Verstuurd naar Veilig Thuis']).toBe('2 maart 2026, 10:00');
    expect(verstuurd['Ontvangen door Veilig Thuis']).toBeUndefined();
    expect(rijen(bevestigOntvangst(gemeld('2026-03-02 10:00'), ctx('2026-03-02 10:03', vtMedewerker)))['Ontvangen door Veilig Thuis']).toBe('2 maart 2026, 10:03');
  });

  it('credits the receipt of the melding to Veilig Thuis, never to the melder', () => {
    // The professional's melding is only "verstuurd" until Veilig Thuis has it; then its receipt is Veilig Thuis' event.
    expect(verslagInhoud(gemeld()).verloop.some((g) => g.wat.startsWith('Melding ontvangen'))).toBe(false);
    const ontvangen = bevestigOntvangst(gemeld(), ctx('2026-03-02 10:01', vtMedewerker));
    expect(verslagInhoud(ontvangen).verloop.find((g) => g.wat === 'Melding ontvangen door Veilig Thuis')?.door).toBe('Sanne (Veilig Thuis) (medewerker Veilig Thuis)');
    const d = vt(gemeld(), { soort: 'veiligheidsbeoordeling', taxatie: { acuutOnveilig: false, structureelOnveilig: true, multiproblematiek: false }, besluit: 'onderzoek', risicofactoren: [] }, ctx('2026-03-03 14:05', vtMedewerker)).dossier;
    expect(verslagInhoud(d).verloop.at(-1)).toEqual({ wanneer: '3 maart 2026, 14:05', wat: 'Veiligheidsbeoordeling: Onderzoek', door: 'Sanne (Veilig Thuis) (medewerker Veilig Thuis)' });
  });

  it.each([
    ['an instant, in Amsterdam time (winter)', () => lokaleTijd('2026-11-23T10:04:00Z'), '23 november 2026, 11:04'],
    ['an instant, in Amsterdam time (summer)', () => lokaleTijd('2026-07-01T09:15:00.000Z'), '1 juli 2026, 11:15'],
    ['a calendar date', () => lokaleDatum('2026-03-12'), '12 maart 2026'],
  ])('writes %s as "%s"', (_naam, formatteer, verwacht) => {
    expect(formatteer()).toBe(verwacht);
  });

  it('uses one date format throughout: no ISO dates, no abbreviated months', () => {
    let d = loop(nieuwDossier(), { soort: 'signalen', signalen: { categorieen: ['anders'], beschrijving: 'Kind huilt vaak bij het ophalen.', waargenomenOp: '2026-02-27', waargenomenDoor: 'Mentor' } }, overleg());
    d = meldcode(d, { soort: 'advies', advies: { datum: '2026-03-03', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Gesprek met ouders.', vervolgadviesOp: '2026-03-17', opNaamAdviesvrager: true, overigeZorgmelding: false } }, ctx(ams('2026-03-03 16:20'))).dossier;
    const tekst = dossierverslag(d, ams('2026-03-04 08:00'));
    expect(tekst).toContain('Waargenomen op: 27 februari 2026');
    expect(tekst).toContain('Datum advies: 3 maart 2026');
    expect(tekst).toContain('Vervolgadvies op: 17 maart 2026');
    expect(tekst).toContain('Advies van Veilig Thuis vastgelegd (3 maart 2026)');
    expect(tekst).toContain('3 maart 2026, 16:20 - door Juf Annelies (professional)');
    expect(tekst).toContain('Verslag opgemaakt: 4 maart 2026, 08:00');
    expect(tekst).not.toMatch(/\d{4}-\d{2}-\d{2}|\b(jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\b/);
  });
});

describe('dossierverslag: fields the model is getting (issue 7)', () => {
  /** The lead adds these to model.ts; the verslag shows them as soon as a dossier holds them. */
  function vroegGemeld(): Dossier {
    const d = gemeld();
    const { gesprek: _g, beslissingen: _b, ...m } = d.meldcode;
    const meldcodeMetVelden = { ...m, antwoorden: {}, gemeldInStap: 3 };
    return { ...d, meldcode: meldcodeMetVelden as Dossier['meldcode'] };
  }

  it('shows the steps after an early melding as not walked', () => {
    const v = verslagInhoud(vroegGemeld());
    const nietDoorlopen = v.secties.filter((s) => s.opmerking !== '').map((s) => `${s.kop}: ${s.opmerking}`);
    expect(nietDoorlopen).toEqual([
      'Stap 4: Wegen met het afwegingskader: Nog niet doorlopen (melding gedaan in stap 3)',
      'Stap 5: Beslissen: Nog niet doorlopen (melding gedaan in stap 3)',
    ]);
    expect(waarde(v.secties.find((s) => s.kop === 'Melding bij Veilig Thuis'), 'Gemeld in stap')).toBe('Stap 3: Gesprek met de cliënt');
  });

  it('shows the kind of unsafety, questions answered with Veilig Thuis, the adviesvrager and the follow-up of question 5', () => {
    let d = loop(totStap4(), vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true));
    d = meldcode(d, { soort: 'advies', advies: { datum: '2026-03-03', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Ouders uitnodigen.', opNaamAdviesvrager: true, overigeZorgmelding: false } }).dossier;
    const metVelden = {
      ...d,
      meldcode: {
        ...d.meldcode,
        onveiligheid: 'structureel',
        samenMetVeiligThuis: [{ vraag: 3, met: 'M. Jansen (Veilig Thuis)', op: '2026-03-04' }],
        vervolgAfweging5Op: '2026-06-01',
        adviezen: d.meldcode.adviezen.map((a) => ({ ...a, adviesvrager: { naam: 'Annelies de Boer', telefoon: '06 12345678' } })),
      },
    } as Dossier;
    const tekst = dossierverslag(metVelden);
    expect(tekst).toContain('Soort onveiligheid: Structurele onveiligheid');
    expect(tekst).toContain('Vraag 3 samen met Veilig Thuis: M. Jansen (Veilig Thuis), 4 maart 2026');
    expect(tekst).toContain('Vraag 5 opnieuw wegen op: 1 juni 2026');
    expect(tekst).toContain('Adviesvrager: Annelies de Boer, 06 12345678');
  });
});

describe('verslagAlsHtml', () => {
  it('is the same verslag as a standalone page, with every text escaped', () => {
    const d = loop(nieuwDossier(), { soort: 'signalen', signalen: { categorieen: ['anders'], beschrijving: 'Kind zei: <script>alert("x")</script> & meer', waargenomenDoor: 'Mentor' } });
    const html = verslagAlsHtml(verslagInhoud(d));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Kind zei: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; meer');
    for (const s of verslagInhoud(d).secties) expect(html).toContain(`<h2>${s.kop}</h2>`);
    expect(html).toContain('<td>Signalen vastgelegd</td><td>Juf Annelies (professional)</td>');
  });
});
