import { describe, expect, it } from 'vitest';
import { schermVoor, type Scherm, type Weergave } from '../../src/app/meldcodeFlow.js';
import { verslagInhoud } from '../../src/app/verslag.js';
import { kaartVoor, koppelingKaart, type KaartBijlage } from '../../src/cards/kaarten.js';
import { landelijkeKalender, type Dossier } from '../../src/domain/index.js';
import { kaartProblemen } from '../support/adaptiveCards.js';
import { ams, gemeld, meldcode, nieuwDossier, signalen, totStap4, vraag } from '../domain/fixtures.js';

const nu = ams('2026-03-02 11:00');
const veiligThuis = { naam: 'Veilig Thuis Gelderland-Zuid', telefoon: '0800-2000' };
const regio = { veiligThuis, kalender: landelijkeKalender };
const gemeenten = ['Nijmegen', 'Tiel'];
const dossierWeergave = (dossier: Dossier, scherm: Scherm, extra: Partial<Extract<Weergave, { soort: 'dossier' }>> = {}): Weergave => ({ soort: 'dossier', dossier, scherm, nu, ...regio, gemeenten, ...extra });
const acuut = () => meldcode(meldcode(totStap4(), vraag(1, true)).dossier, vraag(2, true, 'acuut')).dossier;
const omgeving = { persoonlijkeChat: 'https://teams.microsoft.com/l/chat/0/0?users=28:bot-1' };
const stap5 = () => [vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true)].reduce((d, c) => meldcode(d, c).dossier, totStap4());
const afgesloten = () => meldcode(meldcode(nieuwDossier(), signalen).dossier, { soort: 'afsluiten', toelichting: 'Geen zorgen meer.' }).dossier;

const dossierSchermen: [string, () => Dossier, Scherm][] = [
  ['signalen', () => nieuwDossier(), 'signalen'],
  ['kindcheck', () => meldcode(nieuwDossier(true), signalen).dossier, 'kindcheck'],
  ['overleg', () => meldcode(nieuwDossier(), signalen).dossier, 'overleg'],
  ['gesprek', () => totStap4(), 'gesprek'],
  ['afwegingsvraag 2', () => meldcode(totStap4(), vraag(1, true)).dossier, 'afweging'],
  ['beslissing (zelf hulp)', stap5, 'beslissing'],
  ['advies', () => totStap4(), 'advies'],
  ['melding', () => totStap4(), 'melding'],
  ['afsluiten', () => totStap4(), 'afsluiten'],
  ['status gemeld', () => gemeld(), 'status'],
  ['status afgesloten', afgesloten, 'status'],
  ['afwegingsvraag 3 samen met Veilig Thuis', acuut, 'afweging'],
  ['melding na acute onveiligheid', acuut, 'melding'],
  ['afsluiten bevestigen', () => totStap4(), 'afsluiten-bevestigen'],
  ['kenmerk wijzigen', () => totStap4(), 'kenmerk'],
  ['melding in stap 2, stappen nog open', () => meldcode(meldcode(nieuwDossier(), signalen).dossier, { soort: 'melding', melding: { soort: 'open', besprokenMetGezin: true, melder: { naam: 'A', telefoon: '0612345678' }, feiten: 'Feiten.', spoed: false } }).dossier, 'status'],
];

const weergaven: [string, () => Weergave][] = [
  ['welkom', () => ({ soort: 'welkom' })],
  ['welkom met melding', () => ({ soort: 'welkom', melding: 'Kies eerst een casus.' })],
  ['hulp', () => ({ soort: 'hulp' })],
  ['kanaalhulp', () => ({ soort: 'kanaalhulp' })],
  ['kanaalhulp met melding', () => ({ soort: 'kanaalhulp', melding: 'Dat begreep ik niet.' })],
  ['alleen in de persoonlijke chat', () => ({ soort: 'alleen-persoonlijk' })],
  ['start', () => ({ soort: 'start' })],
  ['start met fout', () => ({ soort: 'start', waarden: { referentie: '111222333' }, fouten: { referentie: 'Dit lijkt een BSN.' } })],
  ['casussen', () => ({ soort: 'casussen', dossiers: [nieuwDossier(), gemeld()], nu, regio: () => regio })],
  ['geen casussen', () => ({ soort: 'casussen', dossiers: [], nu, regio: () => regio })],
  ['verslag', () => ({ soort: 'verslag', dossier: gemeld(), inhoud: verslagInhoud(gemeld(), nu), nu, ...regio })],
  ['verslag afgesloten', () => ({ soort: 'verslag', dossier: afgesloten(), inhoud: verslagInhoud(afgesloten(), nu), nu, ...regio })],
  ['fout', () => ({ soort: 'fout', melding: 'U heeft geen toegang tot deze casus.' })],
  ...dossierSchermen.map(([naam, maak, scherm]): [string, () => Weergave] => [naam, () => dossierWeergave(maak(), scherm)]),
];

function alleActies(knoop: unknown, acties: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(knoop)) knoop.forEach((k) => alleActies(k, acties));
  else if (typeof knoop === 'object' && knoop !== null) {
    const o = knoop as Record<string, unknown>;
    if (typeof o['type'] === 'string' && (o['type'] as string).startsWith('Action.')) acties.push(o);
    Object.entries(o).forEach(([k, w]) => k !== 'fallback' && k !== 'refresh' && alleActies(w, acties));
  }
  return acties;
}

/** The Markdown a person reads: TextBlock texts and FactSet values (button titles are plain text). */
function getoondeTeksten(knoop: unknown, uit: string[] = []): string[] {
  if (Array.isArray(knoop)) knoop.forEach((k) => getoondeTeksten(k, uit));
  else if (typeof knoop === 'object' && knoop !== null) {
    const o = knoop as Record<string, unknown>;
    if (o['type'] === 'TextBlock' && typeof o['text'] === 'string') uit.push(o['text']);
    if (typeof o['title'] === 'string' && typeof o['value'] === 'string' && o['type'] === undefined) uit.push(o['value']);
    Object.values(o).forEach((w) => getoondeTeksten(w, uit));
  }
  return uit;
}

describe('card templates', () => {
  it.each(weergaven)('%s: parses cleanly as Adaptive Card 1.5, under 40 KB, every binding filled', (_naam, maak) => {
    const kaart: KaartBijlage = kaartVoor(maak(), omgeving);
    const json = JSON.stringify(kaart.content);
    expect(kaart.content['version']).toBe('1.5');
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(Buffer.byteLength(json)).toBeLessThan(40 * 1024);
    expect(json).not.toContain('${');
  });

  it.each(weergaven)('%s: every Action.Execute has an Action.Submit fallback with its verb', (_naam, maak) => {
    const acties = alleActies(kaartVoor(maak(), omgeving).content);
    expect(acties.length).toBeGreaterThan(0);
    for (const a of acties.filter((x) => x['type'] === 'Action.Execute')) {
      expect(a['fallback']).toMatchObject({ type: 'Action.Submit', data: { verb: a['verb'] } });
    }
  });

  it('says where you are, who holds zicht op veiligheid and the next deadline', () => {
    const json = JSON.stringify(kaartVoor(dossierWeergave(meldcode(nieuwDossier(), signalen).dossier, 'overleg')).content);
    expect(json).toContain('Stap 2 van 5');
    expect(json).toContain('"title":"Zicht op veiligheid","value":"Juf Annelies"');
    expect(json).not.toContain('(professional)');
    const vt = JSON.stringify(kaartVoor(dossierWeergave(gemeld('2026-03-02 10:00'), 'status')).content);
    expect(vt).toContain('Veiligheidsbeoordeling: uiterlijk maandag 9 maart 2026 (binnen 5 werkdagen) · Veilig Thuis');
  });

  it('puts entered values back with a Dutch error next to the field', () => {
    const kaart = kaartVoor(dossierWeergave(nieuwDossier(), 'signalen', { waarden: { beschrijving: 'Kort', waargenomenDoor: 'Mentor' }, fouten: { beschrijving: 'Beschrijf wat u zag of hoorde in minstens 10 tekens.' } }));
    const body = kaart.content['body'] as Record<string, unknown>[];
    const i = body.findIndex((b) => b['id'] === 'beschrijving');
    expect(body[i]).toMatchObject({ value: 'Kort' });
    expect(body[i + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: 'Beschrijf wat u zag of hoorde in minstens 10 tekens.' });
    expect(body.find((b) => b['id'] === 'waargenomenDoor')).toMatchObject({ value: 'Mentor' });
    expect(body.filter((b) => b['color'] === 'Attention' && b['size'] === 'Small')).toHaveLength(1);
  });

  it('marks questions 3-5 "samen met Veilig Thuis" after acute or structural unsafety', () => {
    const d = meldcode(meldcode(totStap4(), vraag(1, true)).dossier, vraag(2, true)).dossier;
    const kaart = kaartVoor(dossierWeergave(d, schermVoor(d)));
    const json = JSON.stringify(kaart.content);
    expect(json).toContain('Samen met Veilig Thuis Gelderland-Zuid');
    expect(json).toContain('Nu melden bij Veilig Thuis Gelderland-Zuid');
    expect(json).toContain('Afwegingsvraag 3 van 5');
    expect(json).toContain('"id":"samenMetNaam"');
    // Legible: the notice sits in an emphasis container in the default colour, not yellow text.
    expect(json).not.toContain('"color":"Warning"');
    const secundair = alleActies(kaart.content).map((a) => a['title']);
    expect(secundair).toEqual(expect.arrayContaining(['Vorig antwoord corrigeren', 'Meldcode afsluiten']));
    expect(json).toContain('Melden bij Veilig Thuis Gelderland-Zuid: zo snel mogelijk · u');
    expect(json).not.toContain('Geen vaste termijn');
  });

  it('acute onveiligheid: the melding opens as spoed and says to call now', () => {
    const d = acuut();
    expect(JSON.stringify(kaartVoor(dossierWeergave(d, 'afweging')).content)).toContain('Melden bij Veilig Thuis Gelderland-Zuid: nu, bel 0800-2000 · u');
    const kaart = kaartVoor(dossierWeergave(d, 'melding'));
    const json = JSON.stringify(kaart.content);
    expect(json).toContain('bel Veilig Thuis Gelderland-Zuid nu op 0800-2000');
    expect(json).toContain('Bij direct gevaar: bel 112.');
    expect(json).toContain('geen vervanging van het telefoontje');
    expect(json).toContain('veiligheidsbeoordeling vandaag (spoed)');
    const body = kaart.content['body'] as Record<string, unknown>[];
    expect(body.find((b) => b['id'] === 'spoed')).toMatchObject({ value: 'true' });
    const gemeldSpoed = meldcode(d, { soort: 'melding', melding: { soort: 'open', besprokenMetGezin: true, melder: { naam: 'A', telefoon: '0612345678' }, feiten: 'Feiten.', spoed: true } }, { op: nu, door: d.gebeurtenissen[0]!.door }).dossier;
    expect(JSON.stringify(kaartVoor(dossierWeergave(gemeldSpoed, 'status')).content)).toContain('Veiligheidsbeoordeling: vandaag (spoed) · Veilig Thuis');
  });

  it('a melding is "verstuurd" until Veilig Thuis received it, names the region and what happens next', () => {
    const json = JSON.stringify(kaartVoor(dossierWeergave(gemeld('2026-03-02 10:00'), 'status')).content);
    expect(json).toContain('Melding verstuurd naar Veilig Thuis Gelderland-Zuid');
    expect(json).not.toContain('ontvangen door');
    expect(json).toContain('uiterlijk maandag 9 maart 2026 (binnen 5 werkdagen) een veiligheidsbeoordeling');
    expect(json).toContain('U krijgt daarna terugkoppeling');
    expect(json).toContain('0800-2000');
  });

  it('the zelf-hulp route says the professional keeps following safety and when afweging 5 comes back', () => {
    const json = JSON.stringify(kaartVoor(dossierWeergave(stap5(), 'beslissing')).content);
    expect(json).toContain('U biedt of organiseert zelf hulp en blijft de veiligheid volgen.');
    expect(json).toContain('Afweging 5 opnieuw: leidt de hulp tot duurzame veiligheid?: uiterlijk maandag 13 april 2026 · u');
    expect(JSON.stringify(kaartVoor(dossierWeergave(stap5(), 'afsluiten')).content)).toContain('u biedt of organiseert zelf hulp en blijft de veiligheid volgen');
  });

  it('question 2 asks which unsafety; every step offers advies and melden', () => {
    const kaart = kaartVoor(dossierWeergave(meldcode(totStap4(), vraag(1, true)).dossier, 'afweging'));
    const titels = alleActies(kaart.content).map((a) => a['title']);
    expect(titels).toEqual(expect.arrayContaining(['Ja, acute onveiligheid', 'Ja, structurele onveiligheid', 'Ja, beide', 'Nee']));
    const stap1 = alleActies(kaartVoor(dossierWeergave(nieuwDossier(), 'signalen')).content).map((a) => a['title']);
    expect(stap1).toEqual(expect.arrayContaining(['Advies vastleggen', 'Melden bij Veilig Thuis', 'Meldcode afsluiten']));
  });

  it('a kenmerk with a markdown link is shown as typed, never as a live link, in the list and on the step card', () => {
    const d = { ...nieuwDossier(), referentie: '[Klik hier](https://evil.example/p)' };
    for (const kaart of [kaartVoor({ soort: 'casussen', dossiers: [d], nu, regio: () => regio }), kaartVoor(dossierWeergave(d, 'signalen'))]) {
      // The word joiner is invisible; it only stops Teams from linking the bare address.
      const getoond = getoondeTeksten(kaart.content).filter((t) => t.includes('Klik hier')).map((t) => t.replaceAll('\u2060', ''));
      expect(getoond.length).toBeGreaterThan(0);
      for (const t of getoond) expect(t).toContain('\\[Klik hier\\]\\(https://evil.example/p\\)');
    }
  });

  it('dossier cards refresh themselves with the current state (Universal Actions), naming the view they show', () => {
    const d = nieuwDossier();
    const refresh = kaartVoor(dossierWeergave(d, 'signalen'), omgeving).content['refresh'];
    expect(refresh).toEqual({ action: { type: 'Action.Execute', verb: 'vernieuw', title: 'Vernieuwen', data: { dossierId: d.id, weergave: 'professional' } } });
  });

  it.each([
    ['a few members', 3, 3],
    ['exactly 60', 60, 60],
    ['more than Teams refreshes automatically', 75, 60],
  ])('a channel card lists the users whose card refreshes itself: %s', (_naam, aantal, getoond) => {
    const ids = Array.from({ length: aantal }, (_, i) => `29:gebruiker-${i}`);
    const refresh = kaartVoor(dossierWeergave(nieuwDossier(), 'status'), { ...omgeving, vernieuwVoor: ids }).content['refresh'] as { userIds?: string[] };
    expect(refresh.userIds).toEqual(ids.slice(0, getoond));
  });

  it.each<[string, Weergave]>([
    ['kanaalhulp', { soort: 'kanaalhulp' }],
    ['alleen in de persoonlijke chat', { soort: 'alleen-persoonlijk' }],
  ])('%s: no Action.Execute, no refresh, only a link to the personal chat', (_naam, w) => {
    const kaart = kaartVoor(w, omgeving).content;
    expect(kaart['refresh']).toBeUndefined();
    expect(alleActies(kaart)).toEqual([{ type: 'Action.OpenUrl', title: 'Naar mijn persoonlijke chat', url: omgeving.persoonlijkeChat }]);
  });

  it('the welcome card says truthfully who sees a case, for every role', () => {
    const json = JSON.stringify(kaartVoor({ soort: 'welkom' }).content);
    expect(json).toContain('Een casus zien alleen u en de aandachtsfunctionaris van uw organisatie');
    expect(json).not.toContain('Alleen u ziet uw casussen');
  });
});

describe('channel binding cards', () => {
  const gekoppeld = { soort: 'kanaal' as const, kanaal: 'Meldingen [intake](https://x.example)', doel: 'Veilig Thuis regio Gelderland-Zuid', door: 'Bea Beheer', op: '2 maart 2026, 11:00', melding: 'Gekoppeld.', geslaagd: true };
  it.each<[string, Parameters<typeof koppelingKaart>[0]]>([
    ['bound', gekoppeld],
    ['not bound', { soort: 'kanaal', kanaal: 'Algemeen', melding: 'Dit kanaal is niet gekoppeld. Er is niets gewijzigd.', geslaagd: false }],
    ['overview', { soort: 'overzicht', regios: [{ naam: 'Gelderland-Zuid', koppelingen: [{ doel: 'Veilig Thuis regio Gelderland-Zuid', kanaal: 'Intake', door: 'Bea', op: '2 maart 2026, 11:00' }] }, { naam: 'Zaanstreek-Waterland', koppelingen: [] }] }],
  ])('%s: parses cleanly as Adaptive Card 1.5, every binding filled, no actions on a case', (_naam, w) => {
    const kaart = koppelingKaart(w);
    const json = JSON.stringify(kaart.content);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(json).not.toContain('${');
    expect(json).not.toMatch(/dossierId|Action\.Execute/);
  });

  it('says what the channel is bound to, by whom and since when; a channel name is shown as typed', () => {
    const teksten = getoondeTeksten(koppelingKaart(gekoppeld).content).join('\n');
    expect(teksten).toContain('Gekoppeld aan Veilig Thuis regio Gelderland-Zuid');
    expect(teksten).toContain('Bea Beheer, 2 maart 2026, 11:00');
    expect(teksten.replaceAll('\u2060', '')).toContain('Meldingen \\[intake\\]\\(https://x.example\\)');
  });

  it('the overview names each region and says when it has no bound channel yet', () => {
    const w = { soort: 'overzicht' as const, regios: [{ naam: 'Zaanstreek-Waterland', koppelingen: [] }] };
    expect(getoondeTeksten(koppelingKaart(w).content).join('\n')).toMatch(/Regio Zaanstreek-Waterland[\s\S]*Nog geen kanalen gekoppeld/);
  });
});
