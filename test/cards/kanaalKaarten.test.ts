import { describe, expect, it } from 'vitest';
import { kanaalDossierKaart, koppelingOntbreektKaart, overdrachtKaart, vtMeldingKaart } from '../../src/cards/kanaalKaarten.js';
import { landelijkeKalender, type Dossier } from '../../src/domain/index.js';
import { kaartProblemen } from '../support/adaptiveCards.js';
import { afspraken, ams, ctx, gemeld, lokaalTeam, taxatie, vt as pasToe, vtMedewerker, wijkteam, zuidHollandZuid as ZHZ } from '../domain/fixtures.js';

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

describe('the overdracht agreements and the monitoring plan on both cards', () => {
  /** Zuid-Holland Zuid: a direct overdracht with monitoring, so the lokaal team monitors; its 3-month moment recorded. */
  function gemonitord(): Dossier {
    const plan = { metWie: 'Moeder en beide kinderen', frequentieEnWijze: 'Huisbezoek per moment', extraMaanden: [6] };
    let d = pasToe(gemeld('2026-02-26 10:00'), { soort: 'veiligheidsbeoordeling', taxatie, besluit: 'overdracht', risicofactoren: [], partij: wijkteam, monitoring: true, afspraken, monitoringPlan: plan }, { ...ctx('2026-03-02 10:00', vtMedewerker), instellingen: ZHZ }).dossier;
    d = pasToe(d, { soort: 'bevestig-overdracht', regisseur: 'J. de Vries' }, ctx('2026-03-02 11:00', lokaalTeam)).dossier;
    const uitkomst = { voorwaardenNagekomen: true, directeVeiligheid: true, stabieleVeiligheid: false, aandachtVoorHerstel: true, vervolgstap: 'doorgaan' } as const;
    return pasToe(d, { soort: 'monitoring', maandenNaOverdracht: 3, ...uitkomst, alleDirectbetrokkenenGesproken: false, toelichtingGesproken: 'Vader niet bereikt.' }, ctx('2026-06-02 10:00', lokaalTeam)).dossier;
  }

  it.each([
    ['the Veilig Thuis card', (d: Dossier) => vtMeldingKaart(d, ams('2026-06-03 10:00'), vt)],
    ['the overdracht card in the lokaal team channel', (d: Dossier) => overdrachtKaart(d, ams('2026-06-03 10:00'), vt)],
  ])('%s shows who makes which plan, what if safety does not recover, who monitors, the plan and what the lokaal team found', (_naam, kaartVan) => {
    const kaart = kaartVan(gemonitord());
    const json = JSON.stringify(kaart.content);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(json).not.toContain('${');
    for (const verwacht of [
      '"title":"Veiligheidsplan","value":"gemaakt door Wijkteam Noord"',
      '"title":"Hulpverleningsplan","value":"gemaakt door Veilig Thuis"',
      '"title":"Herstelplan","value":"gemaakt door GGZ Rivierenland"',
      '"title":"Als de veiligheid niet herstelt","value":"Terug naar Veilig Thuis; verzoek tot onderzoek bij de Raad."',
      '"title":"Monitoring door","value":"Wijkteam Noord \\\\(lokaal team\\\\)"',
      '"title":"Monitoring met wie","value":"Moeder en beide kinderen"',
      '"title":"Hoe vaak en hoe","value":"Huisbezoek per moment"',
      '"title":"Monitoringmomenten","value":"3, 6 en 12 maanden na de overdracht; alle directbetrokkenen worden gesproken, kinderen vanaf 4 jaar"',
      'stabiele veiligheid nee, herstel ja, allen gesproken nee \\\\(Vader niet bereikt.\\\\); doorgaan',
      '"title":"Monitoring 6 mnd","value":"gepland"',
    ]) {
      expect(json).toContain(verwacht);
    }
  });

  it('the lokaal team that monitors gets the monitoring action; Veilig Thuis does not', () => {
    const d = gemonitord();
    expect(JSON.stringify(overdrachtKaart(d, ams('2026-06-03 10:00'), vt).content)).toContain('"verb":"lt-monitoring-formulier"');
    expect(JSON.stringify(vtMeldingKaart(d, ams('2026-06-03 10:00'), vt).content)).not.toContain('"verb":"vt-monitoring-formulier"');
    const formulier = kanaalDossierKaart({ soort: 'kanaal-dossier', weergave: 'lokaal-team', formulier: 'monitoring', dossier: d, nu: ams('2026-06-03 10:00'), veiligThuis: vt, kalender: landelijkeKalender });
    const json = JSON.stringify(formulier.content);
    expect(kaartProblemen(formulier.content)).toEqual([]);
    expect(json).not.toContain('${');
    expect(json).toContain('"verb":"lt-monitoring"');
    expect(json).toContain('"weergave":"lokaal-team"');
    expect(json).toContain('"title":"Na 6 maanden","value":"6"');
    expect(json).not.toContain('"title":"Na 3 maanden"');
  });

  it('the veiligheidsbeoordeling form names the region rule as the default', () => {
    const formulier = kanaalDossierKaart({ soort: 'kanaal-dossier', weergave: 'veilig-thuis', formulier: 'veiligheidsbeoordeling', dossier: gemeld(), nu, veiligThuis: vt, kalender: landelijkeKalender, lokaleTeams: [{ key: 'team-noord', naam: 'Wijkteam Noord' }], monitoringRegel: ZHZ.monitoringRegel });
    const json = JSON.stringify(formulier.content);
    expect(kaartProblemen(formulier.content)).toEqual([]);
    expect(json).not.toContain('${');
    expect(json).toContain('"title":"Volgens de regioafspraak: het lokale team als de casus naar een lokaal team gaat, anders Veilig Thuis","value":"regioafspraak"');
    expect(json).toContain('"id":"monitoringDoor","label":"Wie monitort","style":"expanded","value":"regioafspraak"');
  });
});
