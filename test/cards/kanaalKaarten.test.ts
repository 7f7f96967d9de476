import { describe, expect, it } from 'vitest';
import { koppelingOntbreektKaart, vtMeldingKaart } from '../../src/cards/kanaalKaarten.js';
import { kaartProblemen } from '../support/adaptiveCards.js';
import { ams, gemeld } from '../domain/fixtures.js';

const vt = { naam: 'Veilig Thuis Gelderland-Zuid', telefoon: '0800-2000' };
const nu = ams('2026-03-02 11:00');

describe('the melding card in the Veilig Thuis channel', () => {
  it('shows what Veilig Thuis needs: reference, spoed, deadline, the melder to call back, open or anonymous with the reason, the facts, who holds zicht', () => {
    const kaart = vtMeldingKaart(gemeld('2026-03-02 10:00'), nu, vt);
    const json = JSON.stringify(kaart.content);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    for (const verwacht of ['Melding · Veilig Thuis Gelderland-Zuid', 'Gezin K., groep 5', '"title":"Spoed","value":"nee"', 'uiterlijk maandag 9 maart 2026 (binnen 5 werkdagen)', 'Annelies de Boer', '06 12345678', 'Open: besproken met het gezin', 'Blauwe plekken.', 'Zicht op veiligheid']) {
      expect(json).toContain(verwacht);
    }
    expect(Buffer.byteLength(json)).toBeLessThan(40 * 1024);
  });

  it('spoed: says so on top and @mentions the teamleider with a Teams mention entity', () => {
    const kaart = vtMeldingKaart(gemeld('2026-03-02 10:00', true), nu, vt, [{ id: 'aad-teamleider', naam: 'Fatima El Amrani' }]);
    const json = JSON.stringify(kaart.content);
    expect(json).toContain('Spoed: veiligheidsbeoordeling vandaag.');
    expect(json).toContain('<at>Fatima El Amrani</at>: spoedmelding, beoordeel vandaag.');
    expect(kaart.content['msteams']).toEqual({ entities: [{ type: 'mention', text: '<at>Fatima El Amrani</at>', mentioned: { id: 'aad-teamleider', name: 'Fatima El Amrani' } }] });
  });

  it('the beheerder\'s card about a missing binding holds no case data', () => {
    const kaart = koppelingOntbreektKaart('Gelderland-Zuid', vt);
    const json = JSON.stringify(kaart.content);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(json).toContain('koppel kanaal aan Veilig Thuis Gelderland-Zuid');
    expect(json).not.toContain('Gezin');
    expect(kaart.content['refresh']).toBeUndefined();
  });
});
