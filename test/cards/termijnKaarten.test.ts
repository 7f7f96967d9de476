import { describe, expect, it } from 'vitest';
import { termijnKaart, termijnOnbestelbaarKaart, termijnOverzichtKaart } from '../../src/cards/termijnKaarten.js';
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
