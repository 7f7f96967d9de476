import { describe, expect, it } from 'vitest';
import { landelijkeKalender, type Dossier, type VtCommando } from '../../src/domain/index.js';
import { afsluitberichtKaart, kanaalCasussenKaart, kanaalDossierKaart, koppelingOntbreektKaart, overdrachtKaart, regieBerichtKaart, teamBerichtKaart, vtMeldingKaart } from '../../src/cards/kanaalKaarten.js';
import { kaartProblemen } from '../support/adaptiveCards.js';
import { aangeboden, afspraken, ams, ctx, gemeld, lokaalTeam, taxatie, vt as pasToe, vt as vtStap, vtMedewerker, wijkteam, zuidHollandZuid as ZHZ } from '../domain/fixtures.js';

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

describe("the lokaal team's steps, told in the Veilig Thuis channel", () => {
  const bevestigd = () => vtStap(aangeboden(), { soort: 'bevestig-overdracht', regisseur: 'J. *de* Vries' }, ctx('2026-03-03 10:00', lokaalTeam)).dossier;
  const later = () => vtStap(aangeboden(), { soort: 'beargumenteerd-besluit', reden: 'Regisseur met verlof.', oppakkenOp: '2026-03-12' }, ctx('2026-03-03 10:00', lokaalTeam)).dossier;
  const terug = () => vtStap(bevestigd(), { soort: 'terug-naar-vt', reden: 'Gezin weigert contact.' }, ctx('2026-03-05 10:00', lokaalTeam)).dossier;
  it.each([
    ['bevestigd: who the regisseur is, zicht at the team', bevestigd, 'overdracht-bevestigd', ['Bericht van Wijkteam Noord', 'Wijkteam Noord heeft de overdracht bevestigd; regisseur: J. \\\\*de\\\\* Vries.', '3 maart 2026, 10:00', '"title":"Zicht op veiligheid","value":"Wijkteam Noord']],
    ['later oppakken: the new date and the reason', later, 'beargumenteerd-besluit', ['pakt de casus later op, uiterlijk donderdag 12 maart 2026.', 'Reden: Regisseur met verlof.']],
    ['terug naar Veilig Thuis: the reason, and what Veilig Thuis must do now', terug, 'terug-naar-vt', ['legt de casus terug bij Veilig Thuis.', 'Reden: Gezin weigert contact.', 'nieuwe veiligheidsbeoordeling', '"style":"attention"', '"value":"Veilig Thuis"']],
  ] as const)('%s', (_naam, dossier, aanleiding, verwacht) => {
    const kaart = teamBerichtKaart(dossier(), aanleiding, ams('2026-03-05 11:00'));
    const tekst = JSON.stringify(kaart.content);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(kaart.content['actions']).toEqual([]);
    for (const v of verwacht) expect(tekst).toContain(v);
    expect(tekst).not.toContain('Blauwe plekken');
    expect(tekst).not.toContain('${');
  });
});

describe('closing with monitoring still planned', () => {
  it('the afsluiten form warns that the open moments fall away; on the closed card they read vervallen, not gepland', () => {
    const bevestigd = vtStap(aangeboden('2026-03-02 10:00', true), { soort: 'bevestig-overdracht', regisseur: 'J.' }, ctx('2026-03-03 10:00', lokaalTeam)).dossier;
    const formulier = JSON.stringify(kanaalDossierKaart({ soort: 'kanaal-dossier', weergave: 'veilig-thuis', formulier: 'afsluiten', dossier: bevestigd, nu, veiligThuis: vt, kalender: landelijkeKalender }).content);
    expect(formulier).toContain('Let op: de monitoring na 3 en 12 maanden is nog niet uitgevoerd en vervalt met het afsluiten.');
    const dicht = vtStap(bevestigd, { soort: 'sluit-af', reden: 'Gezin verhuisd naar het buitenland.', directbetrokkenen: { op: '2026-03-20', wijze: 'brief' }, afsluitberichtDoorVt: { op: '2026-03-20', wijze: 'e-mail' } }, ctx('2026-03-20 11:00', vtMedewerker)).dossier;
    const kaart = JSON.stringify(vtMeldingKaart(dicht, nu, vt).content);
    expect(kaart).toContain('"title":"Monitoring 3 mnd","value":"vervallen: dossier afgesloten"');
    expect(kaart).not.toContain('"value":"gepland"');
  });
});

describe("a bound channel's open cases", () => {
  const regio = () => ({ veiligThuis: vt, kalender: landelijkeKalender });
  it('lists the earliest deadline first with who must act, opens each case, and shows no melding data', () => {
    const later = { ...aangeboden('2026-03-04 10:00'), id: 'dossier-2', referentie: 'Gezin L.' };
    const kaart = kanaalCasussenKaart({ soort: 'kanaal-casussen', partij: 'Wijkteam Noord', dossiers: [later, aangeboden('2026-03-02 10:00')], nu, regio });
    const tekst = JSON.stringify(kaart.content);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(tekst).not.toContain('${');
    expect(tekst.indexOf('Gezin K., groep 5')).toBeLessThan(tekst.indexOf('Gezin L.'));
    expect(tekst).toContain('"title":"Volgende termijn","value":"Overdracht bevestigen en regisseur benoemen: uiterlijk maandag 9 maart 2026 · Wijkteam Noord"');
    expect(tekst).toContain('"verb":"open","title":"Openen","associatedInputs":"none","data":{"dossierId":"dossier-2"}');
    expect(tekst).not.toContain('Blauwe plekken');
    expect(tekst).not.toContain('Annelies de Boer');
  });

  it('says so when nothing is open', () => {
    const tekst = JSON.stringify(kanaalCasussenKaart({ soort: 'kanaal-casussen', partij: 'Sociaal Team Demodorp', dossiers: [], nu, regio }).content);
    expect(tekst).toContain('Er staan geen casussen open voor Sociaal Team Demodorp.');
  });
});

describe('an escalation on both channel cards', () => {
  it('shows each route with its outcome, the open route with its term and who holds it, and the structural-problem flag', () => {
    const d = aangeboden();
    const v = d.veiligThuis;
    if (v === undefined) throw new Error('geen VT');
    const escalaties = [
      { route: 'a' as const, reden: 'Geen bevestiging.', gestartOp: '2026-03-10T09:00:00.000Z', uitkomst: 'II' as const, afgerondOp: '2026-03-12T10:00:00.000Z', signalering: { gemeente: 'Demostad', aantal: 3, sinds: '2025-06-01T08:00:00.000Z' } },
      { route: 'b' as const, reden: 'Geen bevestiging.', gestartOp: '2026-03-12T10:00:00.000Z', uitkomstUiterlijk: '2026-03-19T22:59:59.000Z' },
    ];
    const geescaleerd: Dossier = { ...d, veiligThuis: { ...v, escalaties } };
    for (const kaart of [vtMeldingKaart(geescaleerd, ams('2026-03-13 10:00'), vt), overdrachtKaart(geescaleerd, ams('2026-03-13 10:00'), vt)]) {
      const tekst = JSON.stringify(kaart.content);
      expect(kaartProblemen(kaart.content)).toEqual([]);
      expect(tekst).toContain('"title":"Escalatie","value":"route a: uitkomst II \\\\(12 maart 2026, 11:00\\\\); route b loopt sinds 12 maart 2026, 11:00, uitkomst uiterlijk donderdag 19 maart 2026"');
      expect(tekst).toContain('"title":"Signalering","value":"mogelijk structureel probleem in Demostad: 3 escalaties sinds 1 juni 2025"');
    }
  });
});

describe('regie overdragen and the afsluitbericht on the channel cards', () => {
  const bevestigd = () => {
    const d = aangeboden();
    const v = d.veiligThuis;
    if (v === undefined) throw new Error('geen VT');
    return vtStap({ ...d, veiligThuis: { ...v, veiligheidsvoorwaarden: ['Vader drinkt niet als de kinderen er zijn.'] } }, { soort: 'bevestig-overdracht', regisseur: 'J. de Vries' }).dossier;
  };
  const regie: VtCommando = {
    soort: 'draag-regie-over',
    naar: { soort: 'gecertificeerde-instelling', naam: 'Jeugdbescherming Gelderland', regisseur: 'G. *Gids*' },
    reden: 'Ondertoezichtstelling uitgesproken.',
    veiligheidsvoorwaarden: ['Vader drinkt niet als de kinderen er zijn.', 'Kinderen naar school.'],
    veiligheidsplan: 'Plan van 9 maart, bij de GI.',
  };
  const overgedragen = (): Dossier => vtStap(bevestigd(), regie, ctx('2026-03-10 14:00', lokaalTeam)).dossier;
  const json = (k: { content: Record<string, unknown> }) => JSON.stringify(k.content);

  it('the overdracht card offers regie overdragen once confirmed, with the voorwaarden filled in, and is a valid card', () => {
    const kaart = overdrachtKaart(bevestigd(), nu, vt);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(json(kaart)).toContain('"verb":"lt-regie"');
    expect(json(kaart)).toContain('"value":"Vader drinkt niet als de kinderen er zijn."');
    expect(json(overdrachtKaart(aangeboden(), nu, vt))).not.toContain('"verb":"lt-regie"');
  });

  it('after the regie overdracht: where it went and what moved, no team actions, Markdown in names escaped', () => {
    const kaart = overdrachtKaart(overgedragen(), ams('2026-03-11 10:00'), vt);
    const tekst = json(kaart);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(kaart.content['actions']).toEqual([]);
    expect(tekst).toContain('Uw team heeft de regie op 10 maart 2026, 14:00 overgedragen aan Jeugdbescherming Gelderland');
    expect(tekst).toContain('"title":"Zicht op veiligheid","value":"Jeugdbescherming Gelderland \\\\(regisseur: G. \\\\*Gids\\\\*\\\\)"');
    // The team's pick-up term is over: it is no longer shown.
    expect(tekst).not.toContain('Oppaktermijn');
    expect(tekst).toContain('"title":"Meegegeven voorwaarden","value":"Vader drinkt niet als de kinderen er zijn.; Kinderen naar school."');
    expect(tekst).toContain('"title":"Veiligheidsplan","value":"Plan van 9 maart, bij de GI."');
    expect(tekst).toContain('"title":"Reden","value":"Ondertoezichtstelling uitgesproken."');
  });

  it('the information card for Veilig Thuis: from whom, to whom, when, why, the voorwaarden and plan; no actions', () => {
    const kaart = regieBerichtKaart(overgedragen(), vt);
    const tekst = json(kaart);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(kaart.content['actions']).toEqual([]);
    for (const verwacht of ['Regie overgedragen · Veilig Thuis Gelderland-Zuid', 'Gezin K., groep 5', '"title":"Van","value":"Wijkteam Noord \\\\(regisseur: J. de Vries\\\\)"', 'gecertificeerde instelling', '10 maart 2026, 14:00', 'Kinderen naar school.', 'Plan van 9 maart, bij de GI.', 'Ondertoezichtstelling uitgesproken.']) {
      expect(tekst).toContain(verwacht);
    }
  });

  it('the afsluitbericht: reference, when and why Veilig Thuis closed, whom to call; no actions, no melder, no facts', () => {
    const dicht = vtStap(overgedragen(), { soort: 'sluit-af', reden: 'Veiligheid stabiel.', directbetrokkenen: { op: '2026-03-20', wijze: 'brief' }, afsluitberichtDoorVt: { op: '2026-03-20', wijze: 'e-mail' } }, ctx('2026-03-20 11:00', vtMedewerker)).dossier;
    const kaart = afsluitberichtKaart(dicht, vt);
    const tekst = json(kaart);
    expect(kaartProblemen(kaart.content)).toEqual([]);
    expect(kaart.content['actions']).toEqual([]);
    expect(tekst).toContain('Veilig Thuis Gelderland-Zuid heeft het dossier afgesloten op 20 maart 2026, 11:00.');
    expect(tekst).toContain('Reden: Veiligheid stabiel.');
    expect(tekst).toContain('Veilig Thuis Gelderland-Zuid, 0800-2000');
    expect(tekst).not.toContain('Annelies de Boer');
    expect(tekst).not.toContain('Blauwe plekken');
    expect(() => afsluitberichtKaart(overgedragen(), vt)).toThrow(RangeError);
    // The team's overdracht card says it is closed, the VT card what was recorded.
    expect(json(overdrachtKaart(dicht, nu, vt))).toContain('heeft het dossier afgesloten op 20 maart 2026, 11:00. Voor uw team staat niets meer open.');
    const vtKaart = json(vtMeldingKaart(dicht, nu, vt));
    expect(vtKaart).toContain('"title":"Bevestiging directbetrokkenen","value":"20 maart 2026, per brief"');
    expect(vtKaart).toContain('"title":"Afsluitbericht door Veilig Thuis","value":"aan Wijkteam Noord en Jeugdbescherming Gelderland: 20 maart 2026, per e-mail"');
  });

  it('the afsluiten form asks for the afsluitbericht only for a party meldroute cannot reach, and is a valid card', () => {
    const formulier = (d: Dossier) => kanaalDossierKaart({ soort: 'kanaal-dossier', weergave: 'veilig-thuis', formulier: 'afsluiten', dossier: d, nu, veiligThuis: vt, kalender: landelijkeKalender });
    const zonderOverdracht = formulier(gemeld());
    expect(kaartProblemen(zonderOverdracht.content)).toEqual([]);
    expect(json(zonderOverdracht)).toContain('"id":"bevestigdOp"');
    expect(json(zonderOverdracht)).not.toContain('"id":"afsluitberichtOp"');
    expect(json(zonderOverdracht)).not.toContain('${');
    const metTeam = formulier(aangeboden());
    expect(kaartProblemen(metTeam.content)).toEqual([]);
    expect(json(metTeam)).toContain('Wijkteam Noord is niet via meldroute bereikbaar');
    expect(json(metTeam)).toContain('"id":"afsluitberichtOp"');
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
