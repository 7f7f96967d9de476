import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import type { Gesprek } from '../../src/app/toegang.js';
import { verwerkVerb, type Verb } from '../../src/app/verbs.js';
import type { Weergave } from '../../src/app/weergave.js';
import { kaartVoor } from '../../src/cards/kaarten.js';
import { AFSPRAKEN_INVOER, PLAN_INVOER, demoRegios, demoRegister, naarMelding, testFlow, testStores } from '../support/app.js';

/**
 * Veilig Thuis records the veiligheidsbeoordeling on the melding card in its bound channel
 * (issue 10): the form, Dutch errors that keep what was typed, the decision checked against the
 * taxatie, and nobody but a member of the bound Veilig Thuis team may do it.
 */

const als = (id: string, naam: string, gesprek: Gesprek): Aanvraag => ({ gebruiker: demoRegister.zoek(id, naam, 'tenant-1'), kanaal: 'msteams', gesprek });
const annelies = als('aad-prof-1', 'Annelies', { soort: 'persoonlijk' });
const vtKanaal: Gesprek = { soort: 'kanaal', teamId: 'team-vt', kanaalId: 'intake', koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, teamLid: true };
const teamKanaal: Gesprek = { soort: 'kanaal', teamId: 'team-wijk', kanaalId: 'noord', koppeling: { soort: 'lokaal-team', regioId: 'vt-regio-demo', teamKey: 'wijkteam-noord' }, teamLid: true };
const sanne = als('aad-vt', 'Sanne', vtKanaal);

async function gemeld(opties: { spoed?: boolean; om?: string } = {}) {
  const stores = testStores();
  const { service, klok } = testFlow(stores);
  if (opties.om) klok.nu = DateTime.fromISO(opties.om, { zone: 'Europe/Amsterdam' });
  const r = await service.start(annelies, { referentie: 'Gezin K., groep 5', werktMetVolwassenen: false });
  if (!r.ok) throw new Error(r.fout.melding);
  const id = r.waarde.id;
  for (const commando of naarMelding({ spoed: opties.spoed })) {
    const s = await service.pasToe(annelies, id, commando);
    if (!s.ok) throw new Error(s.fout.melding);
  }
  const omgeving = { service, klok: klok.lees, regios: demoRegios };
  const stuur = (a: Aanvraag, verb: Verb, data: Record<string, unknown> = {}) => verwerkVerb(omgeving, a, verb, { dossierId: id, ...data });
  const versie = async () => String((await stores.dossiers.get(id))?.waarde.gebeurtenissen.length);
  return { stores, id, stuur, versie };
}

const json = (w: Weergave) => JSON.stringify(kaartVoor(w).content);
const TAXATIE = { acuutOnveilig: 'false', structureelOnveilig: 'true', multiproblematiek: 'false' };

describe('Veilig Thuis: veiligheidsbeoordeling on the melding card', () => {
  it('the melding card offers the action; the form shows the 5-werkdagen term and the lokale teams of the gemeente', async () => {
    const { stuur } = await gemeld();
    expect(json(await stuur(sanne, 'open'))).toContain('"verb":"vt-beoordeling-formulier"');
    const formulier = json(await stuur(sanne, 'vt-beoordeling-formulier'));
    expect(formulier).toContain('uiterlijk maandag 9 maart 2026 (binnen 5 werkdagen)');
    expect(formulier).toContain('"title":"Wijkteam Noord","value":"wijkteam-noord"');
    expect(formulier).not.toContain('${');
  });

  it('an overdracht to the lokaal team: phase, next term with who is responsible, zicht op veiligheid', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    const w = await stuur(sanne, 'vt-beoordeling', {
      ...TAXATIE,
      risicofactoren: 'Schulden\n\nIsolement',
      veiligheidsvoorwaarden: 'Vader drinkt niet als de kinderen er zijn.',
      besluit: 'overdracht',
      partijSoort: 'lokaal-team',
      lokaalTeam: 'wijkteam-noord',
      adviesTermijnDagen: '3',
      ...AFSPRAKEN_INVOER,
      versie: await versie(),
    });
    const kaart = json(w);
    expect(kaart).toContain('Veiligheidsbeoordeling vastgelegd.');
    expect(kaart).toContain('overdracht wacht op bevestiging');
    expect(kaart).toContain('Overdracht bevestigen en regisseur benoemen: uiterlijk donderdag 5 maart 2026 · Wijkteam Noord');
    expect(kaart).toContain('"title":"Zicht op veiligheid","value":"Veilig Thuis"');
    expect(kaart).toContain('Vader drinkt niet als de kinderen er zijn.');
    expect(kaart).not.toContain('"verb":"vt-beoordeling-formulier"');
    const d = (await stores.dossiers.get(id))?.waarde;
    expect(d?.veiligThuis?.overdracht).toMatchObject({ partij: { soort: 'lokaal-team', naam: 'Wijkteam Noord', teamId: 'wijkteam-noord' }, adviesTermijnDagen: 3 });
    expect(d?.veiligThuis?.veiligheidsbeoordeling?.risicofactoren).toEqual(['Schulden', 'Isolement']);
    expect(d?.gebeurtenissen.at(-1)).toMatchObject({ soort: 'overdracht', door: { id: 'aad-vt', rol: 'vt-medewerker' } });
  });

  it.each([
    ['no besluit', { ...TAXATIE }, 'besluit', 'Kies een besluit.'],
    ['overdracht without a party', { ...TAXATIE, besluit: 'overdracht' }, 'partijSoort', 'Kies aan wie wordt overgedragen.'],
    ['another party without its name', { ...TAXATIE, besluit: 'overdracht', partijSoort: 'multidisciplinair-team' }, 'partijNaam', 'Vul de naam van de partij in.'],
    ['a lokaal team of another region', { ...TAXATIE, besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: 'team-elders' }, 'lokaalTeam', 'Kies een lokaal team uit de lijst.'],
    ['Onderzoek without any unsafety', { acuutOnveilig: 'false', structureelOnveilig: 'false', multiproblematiek: 'false', besluit: 'onderzoek' }, 'besluit', 'past alleen bij acute of structurele onveiligheid of multiproblematiek'],
    ['a term of 0 days', { ...TAXATIE, besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', adviesTermijnDagen: '0' }, 'adviesTermijnDagen', 'Minstens 1 dag.'],
  ])('refuses %s, keeps what was typed, and records nothing', async (_naam, data, veld, melding) => {
    const { stuur, versie, stores, id } = await gemeld();
    const w = await stuur(sanne, 'vt-beoordeling', { ...AFSPRAKEN_INVOER, ...data, risicofactoren: 'Schulden', versie: await versie() });
    expect(w).toMatchObject({ soort: 'kanaal-dossier', formulier: 'veiligheidsbeoordeling' });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(w.fouten?.[veld]).toContain(melding);
    expect(json(w)).toContain('"value":"Schulden"');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('melding-ontvangen');
  });

  it.each<[string, Aanvraag]>([
    ['the professional in a personal chat', annelies],
    ['a lokaal team member in its own channel', als('aad-lt', 'Lotte', teamKanaal)],
    ['someone in the VT channel who is not a member of the bound team', als('aad-vt', 'Sanne', { ...vtKanaal, teamLid: false })],
  ])('refuses %s: one line, nothing recorded, the refusal audited', async (_naam, wie) => {
    const { stuur, versie, stores, id } = await gemeld();
    const w = await stuur(wie, 'vt-beoordeling', { ...TAXATIE, besluit: 'onderzoek', versie: await versie() });
    expect(w).toEqual({ soort: 'alleen-persoonlijk' });
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('melding-ontvangen');
    expect((await stores.audit.lijst({ dossierId: id })).at(-1)).toMatchObject({ actor: { id: wie.gebruiker.id }, uitkomst: 'geweigerd' });
  });

  it('a second submit from the same (now stale) card records nothing twice', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    const data = { ...TAXATIE, besluit: 'onderzoek', versie: await versie() };
    await stuur(sanne, 'vt-beoordeling', data);
    const tweede = await stuur(sanne, 'vt-beoordeling', data);
    expect(json(tweede)).toContain('niet meer actueel');
    expect((await stores.dossiers.get(id))?.waarde.gebeurtenissen.filter((g) => g.soort === 'veiligheidsbeoordeling')).toHaveLength(1);
  });
});

describe('Veilig Thuis decides spoed itself, on the melding card', () => {
  it('offers it before the veiligheidsbeoordeling; a reason is required; the card then says spoed, why, and today', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    const kaart = json(await stuur(sanne, 'open'));
    expect(kaart).toContain('"verb":"vt-spoed"');
    expect(kaart).toContain('Toch spoed: vandaag beoordelen');
    const zonder = await stuur(sanne, 'vt-spoed', { spoed: 'ja', spoedReden: '', versie: await versie() });
    expect(json(zonder)).toContain('Controleer de gemarkeerde velden');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.spoed).toBe(false);
    const na = json(await stuur(sanne, 'vt-spoed', { spoed: 'ja', spoedReden: 'Politie meldt een wapen in huis.', versie: await versie() }));
    expect(na).toContain('Vastgelegd: spoed. Beoordeel de veiligheid vandaag.');
    expect(na).toContain('"title":"Spoed","value":"ja (besluit Veilig Thuis 2 maart 2026, 10:00: Politie meldt een wapen in huis.)"');
    expect(na).toContain('"title":"Veiligheidsbeoordeling","value":"vandaag (spoed) · Veilig Thuis"');
    expect(na).toContain('Politie meldt een wapen in huis.');
    expect(na).toContain('Geen spoed: binnen 5 werkdagen');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.spoed).toBe(true);
  });

  it('a lokaal team member cannot decide it, and after the veiligheidsbeoordeling it is no longer offered', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    expect(await stuur(als('aad-lt', 'Lotte', teamKanaal), 'vt-spoed', { spoed: 'ja', spoedReden: 'x', versie: await versie() })).toEqual({ soort: 'alleen-persoonlijk' });
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.spoed).toBe(false);
    await stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'onderzoek', versie: await versie() });
    expect(json(await stuur(sanne, 'open'))).not.toContain('"verb":"vt-spoed"');
  });
});

describe('spoed outside office hours names the region\'s crisis service', () => {
  it.each([
    ['monday 22:00: the crisis service, the beoordeling by Tuesday 17:00', '2026-03-02T22:00:00', 'Spoed buiten kantoortijd: Spoed Eisende Zorg \\\\(SEZ\\\\) handelt direct.', 'uiterlijk dinsdag 3 maart 2026'],
    ['monday 10:00: today', '2026-03-02T10:00:00', 'Spoed: veiligheidsbeoordeling vandaag.', 'vandaag (spoed)'],
  ])('%s', async (_naam, om, kop, termijn) => {
    const { stuur, stores, id } = await gemeld({ spoed: true, om });
    const kaart = json(await stuur(sanne, 'open'));
    expect(kaart).toContain(kop);
    expect(kaart).toContain(termijn);
    const buiten = (await stores.dossiers.get(id))?.waarde.veiligThuis?.spoedBuitenKantoortijd;
    expect(buiten?.crisisdienst).toBe(om.endsWith('22:00:00') ? 'Spoed Eisende Zorg (SEZ)' : undefined);
  });
});

describe('an overdracht to another party is confirmed by Veilig Thuis on its behalf', () => {
  it('VT confirms for an MDT; the lokaal team gets no duties and cannot confirm it', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    const na = await stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'overdracht', partijSoort: 'multidisciplinair-team', partijNaam: 'MDT Demostad', ...AFSPRAKEN_INVOER, versie: await versie() });
    expect(json(na)).toContain('Overdracht bevestigen namens MDT Demostad');
    expect(json(na)).toContain('Overdracht aan MDT Demostad bevestigen: uiterlijk maandag 9 maart 2026 · Veilig Thuis');
    const team = await stuur(als('aad-lt', 'Lotte', teamKanaal), 'lt-bevestig', { regisseur: 'L. Team', versie: await versie() });
    expect(team).toEqual({ soort: 'alleen-persoonlijk' });
    const bevestigd = await stuur(sanne, 'vt-bevestig-namens', { regisseur: 'M. de Wit', versie: await versie() });
    expect(json(bevestigd)).toContain('Overdracht bevestigd namens de ontvangende partij.');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.overdracht).toMatchObject({ regisseur: 'M. de Wit', partij: { soort: 'multidisciplinair-team' } });
  });

  it('VT cannot confirm for a lokaal team', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    await stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', ...AFSPRAKEN_INVOER, versie: await versie() });
    expect(await stuur(sanne, 'vt-bevestig-namens', { regisseur: 'S. Jansen', versie: await versie() })).toMatchObject({ soort: 'kanaal-dossier', weergave: 'veilig-thuis', melding: 'U heeft geen toegang tot deze casus.' });
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('overdracht-aangeboden');
  });
});

describe('V&V and Onderzoek on the Veilig Thuis card', () => {
  async function inVervolg() {
    const g = await gemeld();
    await g.stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'voorwaarden-en-vervolg', veiligheidsvoorwaarden: 'Geen geweld.', versie: await g.versie() });
    return g;
  }
  const AFRONDEN = { veiligheidsvoorwaarden: 'Geen geweld.\nKinderen naar school.', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', monitoring: 'ja', ...AFSPRAKEN_INVOER, ...PLAN_INVOER };

  it('V&V offers switching to Onderzoek; after the switch only Onderzoek afronden is left', async () => {
    const { stuur, versie, stores, id } = await inVervolg();
    const vv = json(await stuur(sanne, 'open'));
    expect(vv).toContain('"verb":"vt-wissel-onderzoek"');
    expect(vv).toContain('"title":"V&V afronden"');
    expect(vv).toContain('Voorwaarden & Vervolg loopt');
    const na = json(await stuur(sanne, 'vt-wissel-onderzoek', { versie: await versie() }));
    expect(na).toContain('omgezet in een Onderzoek');
    expect(na).not.toContain('"verb":"vt-wissel-onderzoek"');
    expect(na).toContain('"title":"Onderzoek afronden"');
    expect(na).toContain('Onderzoek afronden (binnen 10 weken): uiterlijk');
    expect(na).toContain('"title":"Zicht op veiligheid","value":"Veilig Thuis"');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.vervolg).toMatchObject({ soort: 'onderzoek' });
  });

  it('the afronden form shows the 10-week term, the outcome question for an Onderzoek only, and the conditions so far', async () => {
    const { stuur, versie } = await inVervolg();
    const vv = json(await stuur(sanne, 'vt-vervolg-formulier'));
    expect(vv).toContain('(binnen 10 weken)');
    expect(vv).not.toContain('uitkomstOnderzoek');
    expect(vv).toContain('"value":"Geen geweld."');
    expect(vv).not.toContain('${');
    await stuur(sanne, 'vt-wissel-onderzoek', { versie: await versie() });
    expect(json(await stuur(sanne, 'vt-vervolg-formulier'))).toContain('"id":"uitkomstOnderzoek"');
  });

  it.each([
    ['no party', { partijSoort: '' }, false, 'partijSoort', 'Kies aan wie wordt overgedragen.'],
    ['no monitoring without a reason after V&V', { monitoring: 'nee' }, false, 'redenGeenMonitoring', 'Leg vast waarom Veilig Thuis niet monitort.'],
    ['an Onderzoek without its outcome', {}, true, 'uitkomstOnderzoek', 'bevestigd of weerlegd'],
    ['no monitoring without a reason after a confirmed Onderzoek', { uitkomstOnderzoek: 'bevestigd', monitoring: 'nee' }, true, 'redenGeenMonitoring', 'Leg vast waarom'],
    ['a plan without who makes it', { herstelplanDoor: '' }, false, 'herstelplanDoor', 'Kies wie het herstelplan maakt.'],
    ['another party without its name', { hulpverleningsplanDoor: 'anders' }, false, 'hulpverleningsplanAnders', 'Vul de naam in van de partij die het hulpverleningsplan maakt.'],
    ['no agreement for when safety does not recover', { alsVeiligheidNietHerstelt: ' ' }, false, 'alsVeiligheidNietHerstelt', 'Leg vast wat er gebeurt als de veiligheid niet herstelt.'],
    ['monitoring without with whom', { monitoringMetWie: '' }, false, 'monitoringMetWie', 'Vul in met wie er bij de monitoring contact is.'],
    ['monitoring without how often and how', { monitoringHoe: '' }, false, 'monitoringHoe', 'Beschrijf hoe vaak en hoe de contacten bij de monitoring gaan.'],
    ['extra moments that are no months', { extraMomenten: 'zes, 18' }, false, 'extraMomenten', "gescheiden door komma's, bijvoorbeeld 6, 18"],
    ['an extra moment after 36 months', { extraMomenten: '6, 40' }, false, 'extraMomenten', 'van 1 tot 36 (niet: 40)'],
    ['an extra moment twice', { extraMomenten: '6, 6' }, false, 'extraMomenten', 'dubbel: 6'],
    ['deviating from the region rule without a reason', { monitoringDoor: 'lokaal-team' }, false, 'redenAfwijking', 'De regioafspraak is dat Veilig Thuis monitort.'],
  ])('refuses %s, keeps what was typed', async (_naam, data, onderzoek, veld, melding) => {
    const { stuur, versie, stores, id } = await inVervolg();
    if (onderzoek) await stuur(sanne, 'vt-wissel-onderzoek', { versie: await versie() });
    const w = await stuur(sanne, 'vt-vervolg-afronden', { ...AFRONDEN, ...data, versie: await versie() });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(w.formulier).toBe('vervolg-afronden');
    expect(w.fouten?.[veld]).toContain(melding);
    expect(json(w)).toContain('Kinderen naar school.');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('vervolg');
  });

  it.each([
    ['V&V with monitoring', false, {}, { gepland: true }],
    ['V&V without monitoring, reason recorded', false, { monitoring: 'nee', redenGeenMonitoring: 'Gezin in traject bij GGZ.' }, { gepland: false, redenGeenMonitoring: 'Gezin in traject bij GGZ.' }],
    ['Onderzoek weerlegd: no monitoring, no reason asked', true, { uitkomstOnderzoek: 'weerlegd', monitoring: 'nee' }, { gepland: false, redenGeenMonitoring: 'Vermoeden weerlegd in het onderzoek' }],
    ['Onderzoek bevestigd with a gegronde reden', true, { uitkomstOnderzoek: 'bevestigd', monitoring: 'nee', redenGeenMonitoring: 'Jeugdbescherming loopt.' }, { gepland: false, redenGeenMonitoring: 'Jeugdbescherming loopt.' }],
  ])('%s: the overdracht is offered to the lokaal team', async (_naam, onderzoek, data, monitoring) => {
    const { stuur, versie, stores, id } = await inVervolg();
    if (onderzoek) await stuur(sanne, 'vt-wissel-onderzoek', { versie: await versie() });
    const kaart = json(await stuur(sanne, 'vt-vervolg-afronden', { ...AFRONDEN, ...data, versie: await versie() }));
    expect(kaart).toContain('Afgerond; de overdracht is aangeboden.');
    expect(kaart).toContain('overdracht wacht op bevestiging');
    expect(kaart).toContain('uiterlijk');
    expect(kaart).toContain(' · Wijkteam Noord');
    expect(kaart).toContain('"title":"Zicht op veiligheid","value":"Veilig Thuis"');
    const vt = (await stores.dossiers.get(id))?.waarde.veiligThuis;
    expect(vt?.monitoring).toMatchObject(monitoring);
    expect(vt?.overdracht).toMatchObject({ moment: onderzoek ? 'na-onderzoek' : 'na-voorwaarden-en-vervolg', partij: { teamId: 'wijkteam-noord' } });
    expect(vt?.veiligheidsvoorwaarden).toEqual(['Geen geweld.', 'Kinderen naar school.']);
    const team = json(await stuur(als('aad-lt', 'Lotte', teamKanaal), 'open'));
    expect(team).toContain(onderzoek ? 'Overdracht na onderzoek' : 'Overdracht na Voorwaarden & Vervolg');
    expect(team).toContain('"verb":"lt-bevestig"');
  });

  it('a lokaal team member cannot switch or round off', async () => {
    const { stuur, versie, stores, id } = await inVervolg();
    expect(await stuur(als('aad-lt', 'Lotte', teamKanaal), 'vt-wissel-onderzoek', { versie: await versie() })).toEqual({ soort: 'alleen-persoonlijk' });
    expect(await stuur(als('aad-lt', 'Lotte', teamKanaal), 'vt-vervolg-afronden', { ...AFRONDEN, versie: await versie() })).toEqual({ soort: 'alleen-persoonlijk' });
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.vervolg?.soort).toBe('voorwaarden-en-vervolg');
  });

  const lotte = als('aad-lt', 'Lotte', teamKanaal);

  it('both forms ask who makes each plan, what if safety does not recover, and the plan with the region rule', async () => {
    const { stuur } = await gemeld();
    const beoordeling = json(await stuur(sanne, 'vt-beoordeling-formulier'));
    const { stuur: stuurVervolg } = await inVervolg();
    const vervolg = json(await stuurVervolg(sanne, 'vt-vervolg-formulier'));
    for (const kaart of [beoordeling, vervolg]) {
      for (const id of ['veiligheidsplanDoor', 'hulpverleningsplanDoor', 'herstelplanDoor', 'herstelplanAnders', 'alsVeiligheidNietHerstelt', 'monitoringMetWie', 'monitoringHoe', 'extraMomenten', 'redenAfwijking']) expect(kaart).toContain(`"id":"${id}"`);
      expect(kaart).toContain('"title":"Volgens de regioafspraak: Veilig Thuis","value":"regioafspraak"');
      expect(kaart).toContain('Alle directbetrokkenen worden gesproken, kinderen vanaf 4 jaar.');
      expect(kaart).not.toContain('${');
    }
  });

  it('the veiligheidsbeoordeling asks the agreements only with an overdracht, and the plan only when VT monitors', async () => {
    const zonder = await gemeld();
    const w = await zonder.stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', versie: await zonder.versie() });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(Object.keys(w.fouten ?? {}).sort()).toEqual(['alsVeiligheidNietHerstelt', 'herstelplanDoor', 'hulpverleningsplanDoor', 'veiligheidsplanDoor']);
    const metMonitoring = await zonder.stuur(sanne, 'vt-beoordeling', { ...TAXATIE, ...AFSPRAKEN_INVOER, besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', monitoring: 'true', versie: await zonder.versie() });
    if (metMonitoring.soort !== 'kanaal-dossier') throw new Error(metMonitoring.soort);
    expect(Object.keys(metMonitoring.fouten ?? {}).sort()).toEqual(['monitoringHoe', 'monitoringMetWie']);
    // V&V hands nothing over yet: nothing of this is asked.
    const vv = await zonder.stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'voorwaarden-en-vervolg', versie: await zonder.versie() });
    expect(json(vv)).toContain('Veiligheidsbeoordeling vastgelegd.');
  });

  it('the agreements and the plan are recorded and shown on the VT card and on the overdracht card', async () => {
    const { stuur, versie, stores, id } = await inVervolg();
    const vtKaart = json(await stuur(sanne, 'vt-vervolg-afronden', { ...AFRONDEN, extraMomenten: '18, 6', versie: await versie() }));
    const teamKaart = json(await stuur(lotte, 'open'));
    for (const kaart of [vtKaart, teamKaart]) {
      expect(kaart).toContain('"title":"Veiligheidsplan","value":"gemaakt door Wijkteam Noord"');
      expect(kaart).toContain('"title":"Herstelplan","value":"gemaakt door GGZ Rivierenland"');
      expect(kaart).toContain('"title":"Als de veiligheid niet herstelt","value":"Terug naar Veilig Thuis; Veilig Thuis overweegt een verzoek tot onderzoek bij de Raad."');
      expect(kaart).toContain('"title":"Monitoring door","value":"Veilig Thuis"');
      expect(kaart).toContain(`"title":"Monitoring met wie","value":"${PLAN_INVOER.monitoringMetWie}"`);
      expect(kaart).toContain('"title":"Monitoringmomenten","value":"3, 6, 12 en 18 maanden na de overdracht; alle directbetrokkenen worden gesproken, kinderen vanaf 4 jaar"');
    }
    const vt = (await stores.dossiers.get(id))?.waarde.veiligThuis;
    expect(vt?.overdracht?.afspraken).toEqual({
      veiligheidsplan: { door: 'overdrachtspartij' },
      hulpverleningsplan: { door: 'overdrachtspartij' },
      herstelplan: { door: 'anders', naam: 'GGZ Rivierenland' },
      alsVeiligheidNietHerstelt: AFSPRAKEN_INVOER.alsVeiligheidNietHerstelt,
    });
    expect(vt?.monitoring).toMatchObject({ door: 'veilig-thuis', plan: { metWie: PLAN_INVOER.monitoringMetWie, frequentieEnWijze: PLAN_INVOER.monitoringHoe } });
  });

  it('"alle directbetrokkenen gesproken?" nee needs a short explanation; the form keeps what was typed', async () => {
    const { stuur, versie, stores, id } = await inVervolg();
    await stuur(sanne, 'vt-vervolg-afronden', { ...AFRONDEN, versie: await versie() });
    await stuur(lotte, 'lt-bevestig', { regisseur: 'R. Regie', versie: await versie() });
    expect(json(await stuur(sanne, 'vt-monitoring-formulier'))).toContain('Alle directbetrokkenen gesproken (kinderen vanaf 4 jaar)?');
    const uitkomst = { maandenNaOverdracht: '3', voorwaardenNagekomen: 'ja', directeVeiligheid: 'ja', stabieleVeiligheid: 'ja', aandachtVoorHerstel: 'ja', vervolgstap: 'doorgaan', alleDirectbetrokkenenGesproken: 'nee' };
    const w = await stuur(sanne, 'vt-monitoring', { ...uitkomst, versie: await versie() });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(w.fouten?.['toelichtingGesproken']).toBe('Leg kort uit wie niet is gesproken en waarom.');
    expect(json(w)).toContain('"id":"alleDirectbetrokkenenGesproken","label":"Alle directbetrokkenen gesproken (kinderen vanaf 4 jaar)?","style":"expanded","value":"nee"');
    const kaart = json(await stuur(sanne, 'vt-monitoring', { ...uitkomst, toelichtingGesproken: 'De jongste (2 jaar) niet; vader weigert.', versie: await versie() }));
    expect(kaart).toContain('allen gesproken nee \\\\(De jongste \\\\(2 jaar\\\\) niet; vader weigert.\\\\)');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.monitoring?.momenten[0]).toMatchObject({ alleDirectbetrokkenenGesproken: false, toelichtingGesproken: 'De jongste (2 jaar) niet; vader weigert.' });
  });

  it('when the lokaal team monitors (a recorded deviation), it records the moment on its card and Veilig Thuis sees it', async () => {
    const { stuur, versie, stores, id } = await inVervolg();
    const reden = 'Het wijkteam kent het gezin al jaren; met het wijkteam afgestemd.';
    await stuur(sanne, 'vt-vervolg-afronden', { ...AFRONDEN, monitoringDoor: 'lokaal-team', redenAfwijking: reden, versie: await versie() });
    await stuur(lotte, 'lt-bevestig', { regisseur: 'R. Regie', versie: await versie() });
    const vtKaart = json(await stuur(sanne, 'open'));
    expect(vtKaart).toContain(`"title":"Monitoring door","value":"Wijkteam Noord \\\\(lokaal team\\\\); afwijking van de regioafspraak \\\\(Veilig Thuis\\\\), door beide geaccepteerd: ${reden}"`);
    expect(vtKaart).not.toContain('"verb":"vt-monitoring-formulier"');
    const teamKaart = json(await stuur(lotte, 'open'));
    expect(teamKaart).toContain('"verb":"lt-monitoring-formulier"');
    expect(teamKaart).toContain('Uw team monitort');
    const formulier = json(await stuur(lotte, 'lt-monitoring-formulier'));
    expect(formulier).toContain('"verb":"lt-monitoring"');
    expect(formulier).toContain('Monitoring · Wijkteam Noord');
    expect(formulier).not.toContain('${');
    const uitkomst = { maandenNaOverdracht: '3', voorwaardenNagekomen: 'ja', directeVeiligheid: 'ja', stabieleVeiligheid: 'nee', aandachtVoorHerstel: 'ja', alleDirectbetrokkenenGesproken: 'ja', vervolgstap: 'doorgaan' };
    // Veilig Thuis does not record a moment the lokaal team monitors.
    const doorVt = await stuur(sanne, 'vt-monitoring', { ...uitkomst, versie: await versie() });
    expect(doorVt).toMatchObject({ soort: 'kanaal-dossier', weergave: 'veilig-thuis', melding: 'U heeft geen toegang tot deze casus.' });
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.monitoring?.momenten[0]?.uitgevoerdOp).toBeUndefined();
    const fout = await stuur(lotte, 'lt-monitoring', { ...uitkomst, vervolgstap: '', versie: await versie() });
    if (fout.soort !== 'kanaal-dossier') throw new Error(fout.soort);
    expect(fout.fouten?.['vervolgstap']).toBe('Kies de vervolgstap.');
    expect(json(fout)).toContain('"id":"stabieleVeiligheid","label":"Is er stabiele veiligheid?","style":"expanded","value":"nee"');
    const na = json(await stuur(lotte, 'lt-monitoring', { ...uitkomst, versie: await versie() }));
    expect(na).toContain('Monitoring na 3 maanden vastgelegd; Veilig Thuis ziet de uitkomst.');
    expect(json(await stuur(sanne, 'open'))).toContain('voorwaarden ja, directe veiligheid ja, stabiele veiligheid nee, herstel ja, allen gesproken ja; doorgaan');
    const d = (await stores.dossiers.get(id))?.waarde;
    expect(d?.veiligThuis?.monitoring?.momenten[0]).toMatchObject({ maandenNaOverdracht: 3, stabieleVeiligheid: false });
    expect(d?.gebeurtenissen.at(-1)).toMatchObject({ soort: 'monitoring', door: { id: 'aad-lt' } });
  });
});

describe('monitoring outcome on the Veilig Thuis card', () => {
  const lotte = als('aad-lt', 'Lotte', teamKanaal);
  async function gemonitord() {
    const g = await gemeld();
    await g.stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'voorwaarden-en-vervolg', versie: await g.versie() });
    await g.stuur(sanne, 'vt-vervolg-afronden', { veiligheidsvoorwaarden: 'Geen geweld.', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', monitoring: 'ja', ...AFSPRAKEN_INVOER, ...PLAN_INVOER, versie: await g.versie() });
    await g.stuur(lotte, 'lt-bevestig', { regisseur: 'R. Regie', versie: await g.versie() });
    return g;
  }
  const UITKOMST = { maandenNaOverdracht: '3', voorwaardenNagekomen: 'ja', directeVeiligheid: 'ja', stabieleVeiligheid: 'nee', aandachtVoorHerstel: 'ja', alleDirectbetrokkenenGesproken: 'ja', vervolgstap: 'doorgaan' };

  it('after the confirmed overdracht the card offers the monitoring form with the open moments', async () => {
    const { stuur } = await gemonitord();
    const kaart = json(await stuur(sanne, 'open'));
    expect(kaart).toContain('"verb":"vt-monitoring-formulier"');
    expect(kaart).toContain('"title":"Monitoring 3 mnd","value":"gepland"');
    const formulier = json(await stuur(sanne, 'vt-monitoring-formulier'));
    expect(formulier).toContain('"title":"Na 3 maanden","value":"3"');
    expect(formulier).toContain('"title":"Na 12 maanden","value":"12"');
    expect(formulier).toContain('Is er directe veiligheid?');
    expect(formulier).not.toContain('${');
  });

  it.each([
    ['an unanswered question', { directeVeiligheid: '' }, 'directeVeiligheid', 'Kies ja of nee bij "is er directe veiligheid?".'],
    ['no next step', { vervolgstap: '' }, 'vervolgstap', 'Kies de vervolgstap.'],
    ['a moment that is not planned', { maandenNaOverdracht: '6' }, 'maandenNaOverdracht', 'Er staat geen open monitoringmoment na 6 maanden gepland.'],
  ])('refuses %s, keeps what was typed', async (_naam, data, veld, melding) => {
    const { stuur, versie, stores, id } = await gemonitord();
    const w = await stuur(sanne, 'vt-monitoring', { ...UITKOMST, ...data, versie: await versie() });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(w.formulier).toBe('monitoring');
    expect(w.fouten?.[veld]).toBe(melding);
    expect(json(w)).toContain('"id":"stabieleVeiligheid","label":"Is er stabiele veiligheid?","style":"expanded","value":"nee"');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.monitoring?.momenten[0]?.uitgevoerdOp).toBeUndefined();
  });

  it.each([
    ['doorgaan: the 12-month moment stays planned, the lokaal team keeps zicht op veiligheid', 'doorgaan', 'overgedragen', 'Wijkteam Noord \\\\(regisseur: R. Regie\\\\)'],
    ['dwangmaatregel adviseren is recorded', 'dwangmaatregel-adviseren', 'overgedragen', 'Wijkteam Noord \\\\(regisseur: R. Regie\\\\)'],
    ['ambtshalve melding is recorded', 'ambtshalve-melding', 'overgedragen', 'Wijkteam Noord \\\\(regisseur: R. Regie\\\\)'],
  ])('%s', async (_naam, vervolgstap, fase, zicht) => {
    const { stuur, versie, stores, id } = await gemonitord();
    const kaart = json(await stuur(sanne, 'vt-monitoring', { ...UITKOMST, vervolgstap, versie: await versie() }));
    expect(kaart).toContain('Monitoring na 3 maanden vastgelegd.');
    expect(kaart).toContain('voorwaarden ja, directe veiligheid ja, stabiele veiligheid nee, herstel ja');
    expect(kaart).toContain(`"title":"Zicht op veiligheid","value":"${zicht}"`);
    if (fase === 'overgedragen') expect(kaart).toContain('"title":"Monitoring 12 mnd","value":"gepland"');
    const vt = (await stores.dossiers.get(id))?.waarde.veiligThuis;
    expect(vt?.fase).toBe(fase);
    expect(vt?.monitoring?.momenten[0]).toMatchObject({ maandenNaOverdracht: 3, directeVeiligheid: true, stabieleVeiligheid: false, vervolgstap });
  });

  it('no possibilities left: the afsluiten form follows with the reason filled in, and closing asks the written confirmation', async () => {
    const { stuur, versie, stores, id } = await gemonitord();
    const w = await stuur(sanne, 'vt-monitoring', { ...UITKOMST, vervolgstap: 'afsluiten-geen-mogelijkheden', versie: await versie() });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(w.formulier).toBe('afsluiten');
    const formulier = json(w);
    expect(formulier).toContain('Sluit het dossier nu af');
    expect(formulier).toContain('"id":"afsluitreden"');
    expect(formulier).toContain('Geen mogelijkheden meer om de veiligheid te herstellen (monitoring na 3 maanden).');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('overgedragen');
    const zonder = await stuur(sanne, 'vt-afsluiten', { afsluitreden: 'Geen mogelijkheden meer.', versie: await versie() });
    if (zonder.soort !== 'kanaal-dossier') throw new Error(zonder.soort);
    expect(zonder.fouten?.['bevestigdOp']).toBeTruthy();
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('overgedragen');
  });

  it('the lokaal team cannot record monitoring', async () => {
    const { stuur, versie } = await gemonitord();
    expect(await stuur(lotte, 'vt-monitoring', { ...UITKOMST, versie: await versie() })).toEqual({ soort: 'alleen-persoonlijk' });
  });
});

describe('Veilig Thuis closes the dossier', () => {
  const BEVESTIGD = { bevestigdOp: '2026-03-01', bevestigingWijze: 'brief' };
  it('the form refuses an empty reason and keeps the card open; nothing is closed', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    // Right after receipt closing is the veiligheidsbeoordeling's "geen vervolg", not this form.
    expect(json(await stuur(sanne, 'open'))).not.toContain('"verb":"vt-afsluiten-formulier"');
    await stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'onderzoek', versie: await versie() });
    expect(json(await stuur(sanne, 'open'))).toContain('"verb":"vt-afsluiten-formulier"');
    expect(json(await stuur(sanne, 'vt-afsluiten-formulier'))).toContain('"id":"afsluitreden"');
    const w = await stuur(sanne, 'vt-afsluiten', { afsluitreden: '  ', versie: await versie() });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(w.formulier).toBe('afsluiten');
    expect(w.fouten?.['afsluitreden']).toBe('Vul de reden van afsluiten in.');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('vervolg');
  });

  it('after the overdracht: the card says it is closed and why, nobody holds zicht op veiligheid, no actions are left', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    await stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'overdracht', partijSoort: 'multidisciplinair-team', partijNaam: 'MDT Demostad', ...AFSPRAKEN_INVOER, versie: await versie() });
    const w = await stuur(sanne, 'vt-afsluiten', {
      afsluitreden: 'Hulp loopt via het MDT; geen rol meer voor Veilig Thuis.',
      ...BEVESTIGD,
      afsluitberichtOp: '2026-03-02',
      afsluitberichtWijze: 'e-mail',
      versie: await versie(),
    });
    const kaart = json(w);
    expect(kaart).toContain('Dossier afgesloten; de melder krijgt bericht.');
    expect(kaart).toContain('Dossier afgesloten 2 maart 2026, 10:00: Hulp loopt via het MDT; geen rol meer voor Veilig Thuis.');
    expect(kaart).toContain('"title":"Zicht op veiligheid","value":"Niemand: het dossier is afgesloten"');
    expect(kaart).toContain('"actions":[]');
    const d = (await stores.dossiers.get(id))?.waarde;
    expect(d?.veiligThuis).toMatchObject({
      fase: 'afgesloten',
      afsluitreden: 'Hulp loopt via het MDT; geen rol meer voor Veilig Thuis.',
      afsluiting: { directbetrokkenen: { op: '2026-03-01', wijze: 'brief' }, afsluitberichtDoorVt: { op: '2026-03-02', wijze: 'e-mail', aan: ['MDT Demostad'] } },
    });
    expect(kaart).toContain('"title":"Bevestiging directbetrokkenen","value":"1 maart 2026, per brief"');
    expect(kaart).toContain('"title":"Afsluitbericht door Veilig Thuis","value":"aan MDT Demostad: 2 maart 2026, per e-mail"');
    // No channel in meldroute for an MDT: nothing goes out but the melder's terugkoppeling.
    expect(d?.uitgaand?.map((u) => u.effect.soort).filter((s) => s === 'afsluitbericht-naar-lokaal-team')).toEqual([]);
    expect(d?.uitgaand?.some((u) => u.effect.soort === 'terugkoppeling-aan-melder' && u.effect.moment === 'afsluiting')).toBe(true);
  });

  it('a lokaal team member cannot close it', async () => {
    const { stuur, versie, stores, id } = await gemeld();
    expect(await stuur(als('aad-lt', 'Lotte', teamKanaal), 'vt-afsluiten', { afsluitreden: 'Klaar.', versie: await versie() })).toEqual({ soort: 'alleen-persoonlijk' });
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('melding-ontvangen');
  });
});

describe('regie overdragen on the overdracht card (seed 004 §8.5)', () => {
  const lotte = als('aad-lt', 'Lotte', teamKanaal);
  const dorpKanaal: Gesprek = { soort: 'kanaal', teamId: 'team-dorp', kanaalId: 'dorp', koppeling: { soort: 'lokaal-team', regioId: 'vt-regio-demo', teamKey: 'sociaal-team-demodorp' }, teamLid: true };
  async function bevestigd() {
    const g = await gemeld();
    await g.stuur(sanne, 'vt-beoordeling', {
      ...TAXATIE,
      veiligheidsvoorwaarden: 'Vader drinkt niet als de kinderen er zijn.\nMoeder belt bij dreiging 112.',
      besluit: 'overdracht',
      partijSoort: 'lokaal-team',
      lokaalTeam: 'wijkteam-noord',
      monitoring: 'true',
      ...AFSPRAKEN_INVOER,
      ...PLAN_INVOER,
      versie: await g.versie(),
    });
    await g.stuur(lotte, 'lt-bevestig', { regisseur: 'R. Regie', versie: await g.versie() });
    return g;
  }
  const REGIE = {
    regieSoort: 'multidisciplinair-team',
    regiePartij: 'MDT Demostad',
    regieRegisseur: 'M. Mdt',
    regieVoorwaarden: 'Vader drinkt niet als de kinderen er zijn.\nMoeder belt bij dreiging 112.\nKinderen gaan elke dag naar school.',
    veiligheidsplan: 'Veiligheidsplan van 4 maart; het MDT heeft het.',
    regieReden: 'De problematiek vraagt om het MDT.',
  };

  it('is offered only after the confirmation, with the current veiligheidsvoorwaarden filled in', async () => {
    const g = await gemeld();
    await g.stuur(sanne, 'vt-beoordeling', { ...TAXATIE, veiligheidsvoorwaarden: 'Geen geweld.', besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', ...AFSPRAKEN_INVOER, versie: await g.versie() });
    expect(json(await g.stuur(lotte, 'open'))).not.toContain('"verb":"lt-regie"');
    await g.stuur(lotte, 'lt-bevestig', { regisseur: 'R. Regie', versie: await g.versie() });
    const kaart = json(await g.stuur(lotte, 'open'));
    expect(kaart).toContain('"title":"Regie overdragen"');
    expect(kaart).toContain('"verb":"lt-regie"');
    expect(kaart).toContain('"id":"regieVoorwaarden","label":"Veiligheidsvoorwaarden die meegaan (één per regel)","isMultiline":true,"maxLength":8000,"isRequired":true,"errorMessage":"Geef de veiligheidsvoorwaarden mee.","value":"Geen geweld."');
    expect(kaart).not.toContain('${');
  });

  it.each([
    ['no veiligheidsplan', { veiligheidsplan: '' }, 'veiligheidsplan', 'Vul het veiligheidsplan (wat erin staat of waar het is) in.'],
    ['no veiligheidsvoorwaarden', { regieVoorwaarden: '\n \n' }, 'regieVoorwaarden', 'Geef de veiligheidsvoorwaarden mee, één per regel.'],
    ['no new regisseur', { regieRegisseur: ' ' }, 'regieRegisseur', 'Vul de naam van de nieuwe regisseur in.'],
    ['no kind of party', { regieSoort: '' }, 'regieSoort', 'Kies aan welke partij de regie overgaat.'],
  ])('refuses %s, keeps what was typed, records nothing', async (_naam, data, veld, melding) => {
    const { stuur, versie, stores, id } = await bevestigd();
    const w = await stuur(lotte, 'lt-regie', { ...REGIE, ...data, versie: await versie() });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(w.fouten?.[veld]).toBe(melding);
    const kaart = json(w);
    expect(kaart).toContain(melding);
    expect(kaart).toContain('"value":"De problematiek vraagt om het MDT."');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.overdracht?.regie).toBeUndefined();
  });

  it('hands the regie over: recorded, zicht moves, VT informed through the outbox, no team actions left', async () => {
    const { stuur, versie, stores, id } = await bevestigd();
    const kaart = json(await stuur(lotte, 'lt-regie', { ...REGIE, versie: await versie() }));
    expect(kaart).toContain('Regie overgedragen aan MDT Demostad; Veilig Thuis is geïnformeerd.');
    expect(kaart).toContain('"title":"Zicht op veiligheid","value":"MDT Demostad \\\\(regisseur: M. Mdt\\\\)"');
    expect(kaart).toContain('"title":"Regie overgedragen","value":"2 maart 2026, 10:00 door Wijkteam Noord aan MDT Demostad \\\\(multidisciplinair team\\\\), regisseur: M. Mdt"');
    expect(kaart).toContain('"title":"Veiligheidsplan","value":"Veiligheidsplan van 4 maart; het MDT heeft het."');
    expect(kaart).toContain('Voor uw team staat niets meer open.');
    expect(kaart).not.toContain('"verb":"lt-');
    // The next term is Veilig Thuis's monitoring, no longer the team's contact.
    expect(kaart).toMatch(/"title":"Volgende termijn","value":"Monitoring na 3 maanden: uiterlijk [^"]+ · Veilig Thuis"/);
    const d = (await stores.dossiers.get(id))?.waarde;
    expect(d?.veiligThuis?.overdracht?.regie).toMatchObject({ van: { naam: 'Wijkteam Noord', regisseur: 'R. Regie' }, naar: { soort: 'multidisciplinair-team', naam: 'MDT Demostad', regisseur: 'M. Mdt' } });
    expect(d?.veiligThuis?.overdracht?.regie?.veiligheidsvoorwaarden).toHaveLength(3);
    expect(d?.uitgaand?.filter((u) => u.effect.soort === 'regie-overgedragen')).toHaveLength(1);
    expect(d?.gebeurtenissen.at(-1)).toMatchObject({ soort: 'regie-overgedragen', door: { id: 'aad-lt' } });
    // Veilig Thuis reads it on its melding card.
    expect(json(await stuur(sanne, 'open'))).toContain('"title":"Meegegeven voorwaarden","value":"Vader drinkt niet als de kinderen er zijn.; Moeder belt bij dreiging 112.; Kinderen gaan elke dag naar school."');
  });

  it('a double click, or a click from a stale card, records it once', async () => {
    const { stuur, versie, stores, id } = await bevestigd();
    const data = { ...REGIE, versie: await versie() };
    await stuur(lotte, 'lt-regie', data);
    const tweede = json(await stuur(lotte, 'lt-regie', data));
    expect(tweede).toContain('niet meer actueel');
    expect(tweede).toContain('Regie overgedragen');
    expect((await stores.dossiers.get(id))?.waarde.gebeurtenissen.filter((g) => g.soort === 'regie-overgedragen')).toHaveLength(1);
  });

  it.each<[string, Aanvraag]>([
    ['a member of another lokaal team', als('aad-dorp', 'Dirk', dorpKanaal)],
    ['Veilig Thuis in its own channel', sanne],
    ['a lokaal team member who is not on the bound team', als('aad-lt', 'Lotte', { ...teamKanaal, teamLid: false })],
  ])('refuses %s: one line, nothing recorded, the refusal audited', async (_naam, wie) => {
    const { stuur, versie, stores, id } = await bevestigd();
    expect(await stuur(wie, 'lt-regie', { ...REGIE, versie: await versie() })).toEqual({ soort: 'alleen-persoonlijk' });
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.overdracht?.regie).toBeUndefined();
    expect((await stores.audit.lijst({ dossierId: id })).at(-1)).toMatchObject({ actor: { id: wie.gebruiker.id }, uitkomst: 'geweigerd' });
  });
});

describe('the afsluiten form asks for the written confirmation and, where needed, the afsluitbericht', () => {
  it.each([
    ['no date of the confirmation', { bevestigdOp: '' }, 'bevestigdOp', 'Kies een geldige datum bij de bevestiging aan de directbetrokkenen.'],
    ['no way it was sent', { bevestigingWijze: '' }, 'bevestigingWijze', 'Kies hoe de bevestiging aan de directbetrokkenen is verstuurd.'],
    ['a confirmation dated in the future', { bevestigdOp: '2026-03-03' }, 'bevestigdOp', 'Die datum ligt in de toekomst.'],
    ['an MDT without the afsluitbericht Veilig Thuis sent', {}, 'afsluitberichtOp', 'Leg vast wanneer en hoe Veilig Thuis het afsluitbericht aan MDT Demostad heeft verstuurd.'],
    ['an afsluitbericht date without how', { afsluitberichtOp: '2026-03-02' }, 'afsluitberichtWijze', 'Kies hoe het afsluitbericht is verstuurd.'],
  ])('refuses %s, keeps what was typed, closes nothing', async (_naam, data, veld, melding) => {
    const { stuur, versie, stores, id } = await gemeld();
    await stuur(sanne, 'vt-beoordeling', { ...TAXATIE, besluit: 'overdracht', partijSoort: 'multidisciplinair-team', partijNaam: 'MDT Demostad', ...AFSPRAKEN_INVOER, versie: await versie() });
    const formulier = json(await stuur(sanne, 'vt-afsluiten-formulier'));
    expect(formulier).toContain('MDT Demostad is niet via meldroute bereikbaar: Veilig Thuis Demoregio verstuurt het afsluitbericht zelf.');
    expect(formulier).toContain('"id":"afsluitberichtOp"');
    const w = await stuur(sanne, 'vt-afsluiten', { afsluitreden: 'Hulp loopt via het MDT.', bevestigdOp: '2026-03-02', bevestigingWijze: 'brief', ...data, versie: await versie() });
    if (w.soort !== 'kanaal-dossier') throw new Error(w.soort);
    expect(w.formulier).toBe('afsluiten');
    expect(w.fouten?.[veld]).toContain(melding);
    expect(json(w)).toContain('"value":"Hulp loopt via het MDT."');
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.fase).toBe('overdracht-aangeboden');
  });
});
