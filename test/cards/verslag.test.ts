import { MessageFactory } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { dossierverslag, verslagInhoud } from '../../src/app/verslag.js';
import { VERSLAG_KAART_MAX_BYTES, kaartVoor, type KaartBijlage } from '../../src/cards/kaarten.js';
import { landelijkeKalender, type Dossier, type Gebeurtenis, type MeldcodeCommando } from '../../src/domain/index.js';
import { kaartProblemen } from '../support/adaptiveCards.js';
import { ams, ctx, meldcode, nieuwDossier, professional, totStap4, vraag, vt, vtMedewerker } from '../domain/fixtures.js';

const nu = ams('2026-03-10 09:00');
const loop = (d: Dossier, ...commandos: MeldcodeCommando[]) => commandos.reduce((acc, c) => meldcode(acc, c).dossier, d);
const kaart = (d: Dossier): KaartBijlage => kaartVoor({ soort: 'verslag', dossier: d, inhoud: verslagInhoud(d, nu), nu, veiligThuis: { naam: 'Veilig Thuis', telefoon: '0800-2000' }, kalender: landelijkeKalender });

type Knoop = Record<string, unknown>;
const body = (k: KaartBijlage) => k.content['body'] as Knoop[];
const kopie = (k: KaartBijlage) => body(k).find((b) => b['type'] === 'Input.Text')?.['value'] as string;
/** What a reader sees of an escaped card text. */
/** What a person reads: the backslash escapes and the invisible word joiners are gone. */
const gelezen = (s: unknown) => String(s).replace(/\\([\\`*_~[\]()#<>!|+=.-])/g, '$1').replaceAll('\u2060', '');

interface Blok {
  kop: string;
  regels: string[];
  rijen: string[];
}

/** The card's sections as a reader sees them: heading, subtle lines, facts. */
function kaartBlokken(k: KaartBijlage): Blok[] {
  return body(k)
    .filter((b) => b['type'] === 'Container' && b['style'] === undefined)
    .map((c) => {
      const [kop, ...rest] = c['items'] as Knoop[];
      const scheiding = kop?.['text'] === 'Verloop' ? '  ' : ': ';
      const feiten = (rest.find((i) => i['type'] === 'FactSet')?.['facts'] ?? []) as Knoop[];
      return {
        kop: gelezen(kop?.['text']),
        regels: rest.filter((i) => i['type'] === 'TextBlock').map((i) => gelezen(i['text'])),
        rijen: feiten.map((f) => `${gelezen(f['title'])}${scheiding}${gelezen(f['value'])}`),
      };
    });
}

/** The plain text's sections: heading, unindented lines, then indented "label: value" rows. */
function tekstBlokken(tekst: string): Blok[] {
  return tekst
    .split('\n\n')
    .slice(1)
    .map((blok) => {
      const [kop = '', ...regels] = blok.split('\n');
      const uit: Blok = { kop, regels: [], rijen: [] };
      for (const r of regels) {
        if (r.startsWith('    ')) uit.rijen.push(`${uit.rijen.pop() ?? ''}\n${r.slice(4)}`);
        else if (r.startsWith('  ')) uit.rijen.push(r.slice(2));
        else uit.regels.push(r);
      }
      return uit;
    });
}

/** Every text on the card that Teams renders as Markdown (the copy box is plain text). */
function gerenderdeTeksten(knoop: unknown, uit: string[] = []): string[] {
  if (Array.isArray(knoop)) knoop.forEach((k) => gerenderdeTeksten(k, uit));
  else if (typeof knoop === 'object' && knoop !== null) {
    const o = knoop as Knoop;
    for (const [k, w] of Object.entries(o)) {
      if (typeof w === 'string' && ['text', 'title', 'value'].includes(k) && o['type'] !== 'Input.Text') uit.push(w);
      else gerenderdeTeksten(w, uit);
    }
  }
  return uit;
}

/** A Markdown link or autolink that is not escaped. */
const liveLink = (tekst: string) => {
  const zonderEscapes = tekst.replace(/\\./g, '');
  return /\[[^\]]*\]\([^)]*\)|<[a-z]+:[^>]*>/i.test(zonderEscapes);
};

const LINK = '[klik hier](https://phishing.example/login)';

/** Every section the verslag has, with Markdown in the texts a person typed. */
function volledigDossier(): Dossier {
  let d: Dossier = { ...nieuwDossier(true), referentie: `Gezin K. ${LINK}` };
  d = loop(
    d,
    { soort: 'signalen', signalen: { categorieen: ['lichamelijke-mishandeling', 'getuige-huiselijk-geweld'], beschrijving: `Blauwe plek *links*, zie ${LINK}.\n- gezien door de mentor\n2. dag later weer`, waargenomenOp: '2026-02-27', waargenomenDoor: 'Mentor <mentor@school.example>' } },
    { soort: 'kindcheck', kindcheck: { zorgtVoorMinderjarigen: true, gevolgenVoorKinderen: true, toelichting: 'Twee kinderen (4 en 7).' } },
    { soort: 'overleg', overleg: { met: ['aandachtsfunctionaris', 'letselduider'], adviesVeiligThuis: true, uitkomst: 'Letsel past niet bij de uitleg.', voldoendeSignalen: true } },
    { soort: 'gesprek', gesprek: { uitkomst: 'niet-gevoerd', reden: 'veiligheid-kind', toelichting: 'Vader dreigde eerder.' } },
    vraag(1, true),
    vraag(2, false),
    vraag(3, true),
    vraag(4, true),
    vraag(5, true),
    { soort: 'advies', advies: { datum: '2026-03-03', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Ouders uitnodigen; na twee weken opnieuw bellen.', vervolgadviesOp: '2026-03-17', opNaamAdviesvrager: true, overigeZorgmelding: false } },
    { soort: 'melding', melding: { soort: 'anoniem-tov-gezin', redenAnoniem: 'Vader dreigt de school.', melder: { naam: 'Annelies de Boer', telefoon: '06 12345678' }, feiten: `Feiten: ${LINK}`, spoed: false } },
  );
  return vt(d, { soort: 'veiligheidsbeoordeling', taxatie: { acuutOnveilig: false, structureelOnveilig: true, multiproblematiek: false }, besluit: 'onderzoek', risicofactoren: [] }, ctx('2026-03-04 14:05', vtMedewerker)).dossier;
}

describe('verslag card', () => {
  it('shows every section the plain text holds, with the same facts', () => {
    const d = volledigDossier();
    const k = kaart(d);
    expect(kopie(k)).toBe(dossierverslag(d, nu));
    const opKaart = kaartBlokken(k);
    expect(opKaart.map((b) => b.kop)).toEqual([
      'Casus',
      'Stap 1: Signalen in kaart brengen',
      'Stap 1: Kindcheck',
      'Stap 2: Overleg met collega en/of Veilig Thuis',
      'Stap 3: Gesprek met de cliënt',
      'Stap 4: Wegen met het afwegingskader',
      'Stap 5: Beslissen',
      'Beslissingen',
      'Advies van Veilig Thuis',
      'Melding bij Veilig Thuis',
      'Verloop',
    ]);
    expect(opKaart).toEqual(tekstBlokken(kopie(k)));
  });

  it('puts "when - who" under each heading', () => {
    const stap1 = kaartBlokken(kaart(volledigDossier())).find((b) => b.kop === 'Stap 1: Signalen in kaart brengen');
    expect(stap1?.regels).toEqual(['2 maart 2026, 10:00 - door Juf Annelies (professional)']);
  });

  it('never turns a link typed in the kenmerk or the feiten into a live link; the copy keeps the text as typed', () => {
    const k = kaart(volledigDossier());
    const teksten = gerenderdeTeksten(k.content);
    expect(teksten.some((t) => gelezen(t).includes(LINK))).toBe(true);
    expect(teksten.filter(liveLink)).toEqual([]);
    expect(kopie(k)).toContain(`Kenmerk: Gezin K. ${LINK}`);
    expect(kopie(k)).toContain(`Feiten voor Veilig Thuis: Feiten: ${LINK}`);
  });

  it('the live-link check itself catches an unescaped link', () => {
    expect(liveLink(LINK)).toBe(true);
    expect(liveLink('<https://phishing.example>')).toBe(true);
  });
});

// ---------------------------------------------------------------- a long dossier

/** Text of exactly `n` characters, with quotes and line breaks that grow in JSON. */
const lang = (n: number) => 'Op maandag zag de mentor "blauwe plekken" op beide armen; het kind zei gevallen te zijn.\n'.repeat(Math.ceil(n / 90)).slice(0, n).trim();

function metGebeurtenissen(d: Dossier, totaal: number, omschrijving: (i: number) => string): Dossier {
  const extra = Array.from({ length: totaal - d.gebeurtenissen.length }, (_, i): Gebeurtenis => ({
    soort: 'herinnering',
    op: ams('2026-03-05 08:00').plus({ hours: i }).toUTC().toISO() ?? '',
    door: i % 2 === 0 ? professional : vtMedewerker,
    omschrijving: omschrijving(i),
  }));
  return { ...d, gebeurtenissen: [...d.gebeurtenissen, ...extra] };
}

const advies = (afspraken: string): MeldcodeCommando => ({ soort: 'advies', advies: { datum: '2026-03-03', adviseurVeiligThuis: 'M. Jansen', afspraken, opNaamAdviesvrager: true, overigeZorgmelding: false } });

/** Every free text at its maximum length, melding included. */
function langDossier(adviezen = 2): Dossier {
  return loop(
    nieuwDossier(true),
    { soort: 'signalen', signalen: { categorieen: ['lichamelijke-mishandeling'], beschrijving: lang(4000), waargenomenDoor: 'Mentor' } },
    { soort: 'kindcheck', kindcheck: { zorgtVoorMinderjarigen: true, gevolgenVoorKinderen: true, toelichting: lang(2000) } },
    { soort: 'overleg', overleg: { met: ['aandachtsfunctionaris'], adviesVeiligThuis: false, uitkomst: lang(4000), voldoendeSignalen: true } },
    { soort: 'gesprek', gesprek: { uitkomst: 'gevoerd', samenvatting: lang(4000) } },
    vraag(1, true),
    vraag(2, true),
    ...Array.from({ length: adviezen }, () => advies(lang(4000))),
    { soort: 'melding', melding: { soort: 'open', besprokenMetGezin: true, melder: { naam: 'Annelies de Boer', telefoon: '06 12345678' }, feiten: lang(8000), spoed: true } },
  );
}

const activiteitBytes = (k: KaartBijlage) => Buffer.byteLength(JSON.stringify(MessageFactory.attachment(k, undefined, 'meldroute: Gezin K., groep 5')));
const verloopFeiten = (k: KaartBijlage) => kaartBlokken(k).find((b) => b.kop === 'Verloop')?.rijen ?? [];
const INGEKORT = '... (volledig in de platte tekst)';

/**
 * The card fits a Teams message, parses cleanly, and tells the same story as the copy: each fact
 * whole or visibly shortened, the newest events with a count of the ones left out.
 */
function pastEnKlopt(k: KaartBijlage, tekst: string): { getoond: number; ingekort: number } {
  expect(Buffer.byteLength(JSON.stringify(k))).toBeLessThanOrEqual(VERSLAG_KAART_MAX_BYTES);
  expect(activiteitBytes(k)).toBeLessThan(80 * 1024);
  expect(kaartProblemen(k.content)).toEqual([]);
  const opKaart = kaartBlokken(k);
  const inTekst = tekstBlokken(tekst);
  expect(opKaart.map((b) => b.kop)).toEqual(inTekst.map((b) => b.kop));
  let ingekort = 0;
  for (const [i, blok] of opKaart.entries()) {
    const volledig = inTekst[i]?.rijen ?? [];
    if (blok.kop === 'Verloop') {
      const weg = volledig.length - blok.rijen.length;
      expect(blok.rijen).toEqual(volledig.slice(weg));
      expect(blok.regels).toEqual(weg === 0 ? [] : [`... en nog ${weg} eerdere gebeurtenissen (zie platte tekst)`]);
      continue;
    }
    expect(blok.regels).toEqual(inTekst[i]?.regels);
    for (const [j, feit] of blok.rijen.entries()) {
      if (feit === volledig[j]) continue;
      ingekort++;
      expect(feit.endsWith(INGEKORT) && volledig[j]?.startsWith(feit.slice(0, -INGEKORT.length)), feit.slice(0, 60)).toBe(true);
    }
  }
  return { getoond: verloopFeiten(k).length, ingekort };
}

describe('verslag card: a long dossier stays within a Teams message', () => {
  it('60 events and every free text at its maximum: under 80 KB; long texts shortened on the card, whole in the copy', () => {
    const d = metGebeurtenissen(langDossier(), 60, (i) => `Herinnering ${i + 1}: de veiligheidsbeoordeling staat nog open; neem contact op met Veilig Thuis.`);
    const k = kaart(d);
    expect(kopie(k)).toBe(dossierverslag(d, nu));
    expect(tekstBlokken(kopie(k)).find((b) => b.kop === 'Verloop')?.rijen).toHaveLength(60);
    const { getoond, ingekort } = pastEnKlopt(k, kopie(k));
    expect(ingekort).toBeGreaterThan(0);
    expect(getoond).toBeGreaterThanOrEqual(10);
  });

  it('60 events with long descriptions: the newest on the card with the count of earlier ones, texts whole', () => {
    const stappen = loop(
      nieuwDossier(),
      { soort: 'signalen', signalen: { categorieen: ['lichamelijke-mishandeling'], beschrijving: lang(1500), waargenomenDoor: 'Mentor' } },
      { soort: 'overleg', overleg: { met: ['aandachtsfunctionaris'], adviesVeiligThuis: false, uitkomst: lang(1500), voldoendeSignalen: true } },
      { soort: 'gesprek', gesprek: { uitkomst: 'gevoerd', samenvatting: lang(1500) } },
    );
    const d = metGebeurtenissen(stappen, 60, (i) => `Herinnering ${i + 1}: ${lang(480)}`);
    const k = kaart(d);
    expect(kopie(k)).toBe(dossierverslag(d, nu));
    const { getoond, ingekort } = pastEnKlopt(k, kopie(k));
    expect(getoond).toBeLessThan(60);
    expect(getoond).toBeGreaterThanOrEqual(10);
    expect(ingekort).toBe(0);
    expect(verloopFeiten(k).at(-1)).toContain(`Herinnering ${d.gebeurtenissen.length - 4}: `);
  });

  it('60 events with ordinary texts: every event on the card', () => {
    const d = metGebeurtenissen(totStap4(), 60, (i) => `Herinnering ${i + 1}: stap 4 staat open.`);
    const k = kaart(d);
    expect(pastEnKlopt(k, kopie(k))).toEqual({ getoond: 60, ingekort: 0 });
    expect(JSON.stringify(k.content)).not.toContain('eerdere gebeurtenis');
  });

  it('dozens of long adviezen: shortened texts on the card, and a copy that says it was cut', () => {
    const k = kaart(metGebeurtenissen(langDossier(30), 60, (i) => `Herinnering ${i + 1}.`));
    expect(Buffer.byteLength(JSON.stringify(k))).toBeLessThanOrEqual(VERSLAG_KAART_MAX_BYTES);
    expect(kaartProblemen(k.content)).toEqual([]);
    expect(kaartBlokken(k).find((b) => b.kop === 'Stap 1: Signalen in kaart brengen')?.rijen).toContain(`Feiten: ${lang(400)}${INGEKORT}`);
    expect(kopie(k)).toMatch(/\(verslag ingekort: te lang voor één bericht in Teams\)$/);
  });
});
