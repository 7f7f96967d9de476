import { describe, expect, it } from 'vitest';
import { termijnAfgehandeldKaart, termijnKaart, termijnOnbestelbaarKaart, termijnOverzichtKaart } from '../../src/cards/termijnKaarten.js';
import { openMijlpalen, type Niveau, type Publiek } from '../../src/domain/index.js';
import { kaartProblemen } from '../support/adaptiveCards.js';
import { aangeboden, ams } from '../domain/fixtures.js';

const d = aangeboden('2026-03-02 10:00');
const mijlpaal = openMijlpalen(d)[0]!;
const nu = ams('2026-03-10 09:00');

describe('nudge cards', () => {
  it.each([
    ['herinnering', 'lokaal-team-kanaal', false],
    ['verlopen', 'coordinator', true],
    ['escalatie-voorstel', 'vt-teamleider', true],
  ] as const)('%s for %s: a valid card that opens the case; Escaleren (route a) only after expiry', (niveau: Niveau, publiek: Publiek, escaleren) => {
    const kaart = termijnKaart({ soort: 'termijn', dossier: d, mijlpaal, niveau, publiek, nu, escalatieMet: 'Fatima en Mo' });
    expect(kaartProblemen(kaart.content)).toEqual([]);
    const json = JSON.stringify(kaart.content);
    expect(json).toContain('"verb":"open"');
    expect(json).toContain('Herinner mij morgen');
    expect(json.includes('Escaleren (route a)')).toBe(escaleren);
  });

  it('the overview and the undeliverable card are valid and open the case', () => {
    for (const kaart of [
      termijnOverzichtKaart({ soort: 'termijn-overzicht', items: [{ dossier: d, mijlpaal, niveau: 'herinnering' }], nu }),
      termijnOnbestelbaarKaart({ soort: 'termijn-onbestelbaar', dossier: d, wat: 'Overdracht bevestigen', reden: 'Geen gesprek.' }),
    ]) {
      expect(kaartProblemen(kaart.content)).toEqual([]);
      expect(JSON.stringify(kaart.content)).toContain('"verb":"open"');
    }
  });
});

describe('a nudge card once its deadline is met', () => {
  const op = ams('2026-03-09 14:30');

  it('says who met it and when, with the case reference, and has no action left', () => {
    const kaart = termijnAfgehandeldKaart({ soort: 'termijn-afgehandeld', dossier: d, omschrijving: mijlpaal.omschrijving, afhandeling: { door: 'Joost Bakker', op } });
    expect(kaartProblemen(kaart.content)).toEqual([]);
    const json = JSON.stringify(kaart.content);
    expect(json).toContain('Afgehandeld door Joost Bakker op maandag 9 maart 2026 om 14:30');
    expect(json).toContain(d.referentie);
    expect(json).toContain('Afgehandeld · Overdracht bevestigen en regisseur benoemen');
    expect(json).not.toContain('Action.');
    expect(json).not.toContain('Herinner mij morgen');
  });

  it.each([
    ['a beargumenteerd besluit moved it', 'beargumenteerd-besluit', 'Verplaatst · ', 'Verplaatst met een beargumenteerd besluit (nieuwe termijn op de casus) door Joost Bakker'],
    ['the case went back to Veilig Thuis', 'terug-naar-vt', 'Vervallen · ', 'Vervallen: de casus is teruggelegd bij Veilig Thuis door Joost Bakker'],
    ['the regie moved on', 'regie-overgedragen', 'Vervallen · ', 'Vervallen: de regie is overgedragen door Joost Bakker'],
    ['the dossier was closed', 'dossier-afgesloten', 'Vervallen · ', 'Vervallen: het dossier is afgesloten door Joost Bakker'],
  ])('a term that ended without being met says so (%s), never "gehaald"', (_naam, waardoor, kop, tekst) => {
    const json = JSON.stringify(termijnAfgehandeldKaart({ soort: 'termijn-afgehandeld', dossier: d, omschrijving: mijlpaal.omschrijving, afhandeling: { door: 'Joost Bakker', op, waardoor } }).content);
    expect(json).toContain(`${kop}Overdracht bevestigen en regisseur benoemen`);
    expect(json).toContain(tekst);
    expect(json).not.toContain('gehaald');
  });

  it('met but not yet known by whom (a refresh before delivery): afgehandeld without a name', () => {
    const json = JSON.stringify(termijnAfgehandeldKaart({ soort: 'termijn-afgehandeld', dossier: d, omschrijving: mijlpaal.omschrijving, afhandeling: undefined }).content);
    expect(json).toContain('de termijn is intussen gehaald');
    expect(json).not.toContain('Action.');
  });

  it('on an overview: the met case reads afgehandeld without a button, the others stay as they were', () => {
    const ander = { ...d, id: 'ander-dossier', referentie: 'Casus Zonnebloem' };
    const kaart = termijnOverzichtKaart({
      soort: 'termijn-overzicht',
      items: [
        { dossier: d, afgehandeld: { door: 'Joost Bakker', op } },
        { dossier: ander, mijlpaal, niveau: 'herinnering' },
      ],
      nu,
    });
    expect(kaartProblemen(kaart.content)).toEqual([]);
    const casussen = (kaart.content['body'] as { type: string; items?: { text?: string; type: string; actions?: { data?: { dossierId?: string } }[] }[] }[]).filter((b) => b.type === 'Container' && b.items?.some((i) => i.text === d.referentie || i.text === 'Casus Zonnebloem'));
    const [eerste, tweede] = casussen;
    expect(eerste?.items?.map((i) => i.text ?? i.type)).toEqual([d.referentie, 'Afgehandeld door Joost Bakker op maandag 9 maart 2026 om 14:30']);
    expect(tweede?.items?.map((i) => i.text ?? i.type)).toEqual(['Casus Zonnebloem', 'Overdracht bevestigen en regisseur benoemen: uiterlijk maandag 9 maart 2026', 'ActionSet']);
    expect(tweede?.items?.at(-1)?.actions?.[0]?.data?.dossierId).toBe('ander-dossier');
    expect(JSON.stringify(kaart.content)).toContain('1 casussen vragen aandacht');
  });
});
