import { describe, expect, it } from 'vitest';
import { schermVoor, type Scherm, type Weergave } from '../../src/app/meldcodeFlow.js';
import { kaartVoor, type KaartBijlage } from '../../src/cards/kaarten.js';
import type { Dossier } from '../../src/domain/index.js';
import { kaartProblemen } from '../support/adaptiveCards.js';
import { ams, gemeld, meldcode, nieuwDossier, signalen, totStap4, vraag } from '../domain/fixtures.js';

const nu = ams('2026-03-02 11:00');
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
  ['casussen', () => ({ soort: 'casussen', dossiers: [nieuwDossier(), gemeld()], nu })],
  ['geen casussen', () => ({ soort: 'casussen', dossiers: [], nu })],
  ['verslag', () => ({ soort: 'verslag', dossier: gemeld(), tekst: 'Dossierverslag\nRegel 2', nu })],
  ['fout', () => ({ soort: 'fout', melding: 'U heeft geen toegang tot deze casus.' })],
  ...dossierSchermen.map(([naam, maak, scherm]): [string, () => Weergave] => [naam, () => ({ soort: 'dossier', dossier: maak(), scherm, nu })]),
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
    const json = JSON.stringify(kaartVoor({ soort: 'dossier', dossier: meldcode(nieuwDossier(), signalen).dossier, scherm: 'overleg', nu }).content);
    expect(json).toContain('Stap 2 van 5');
    expect(json).toContain('Zicht op veiligheid');
    expect(json).toContain('Juf Annelies (professional)');
    const vt = JSON.stringify(kaartVoor({ soort: 'dossier', dossier: gemeld('2026-03-02 10:00'), scherm: 'status', nu }).content);
    expect(vt).toContain('Veiligheidsbeoordeling (binnen 5 werkdagen): uiterlijk maandag 9 maart 2026 (Veilig Thuis)');
  });

  it('puts entered values back with a Dutch error next to the field', () => {
    const kaart = kaartVoor({ soort: 'dossier', dossier: nieuwDossier(), scherm: 'signalen', nu, waarden: { beschrijving: 'Kort', waargenomenDoor: 'Mentor' }, fouten: { beschrijving: 'Beschrijf wat u zag of hoorde in minstens 10 tekens.' } });
    const body = kaart.content['body'] as Record<string, unknown>[];
    const i = body.findIndex((b) => b['id'] === 'beschrijving');
    expect(body[i]).toMatchObject({ value: 'Kort' });
    expect(body[i + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: 'Beschrijf wat u zag of hoorde in minstens 10 tekens.' });
    expect(body.find((b) => b['id'] === 'waargenomenDoor')).toMatchObject({ value: 'Mentor' });
    expect(body.filter((b) => b['color'] === 'Attention' && b['size'] === 'Small')).toHaveLength(1);
  });

  it('marks questions 3-5 "samen met Veilig Thuis" after acute or structural unsafety', () => {
    const d = meldcode(meldcode(totStap4(), vraag(1, true)).dossier, vraag(2, true)).dossier;
    const json = JSON.stringify(kaartVoor({ soort: 'dossier', dossier: d, scherm: schermVoor(d), nu }).content);
    expect(json).toContain('Samen met Veilig Thuis');
    expect(json).toContain('Nu melden bij Veilig Thuis');
    expect(json).toContain('Afwegingsvraag 3 van 5');
  });

  it('dossier cards refresh themselves with the current state (Universal Actions)', () => {
    const d = nieuwDossier();
    expect(kaartVoor({ soort: 'dossier', dossier: d, scherm: 'signalen', nu }).content['refresh']).toMatchObject({ action: { type: 'Action.Execute', verb: 'vernieuw', data: { dossierId: d.id } } });
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
