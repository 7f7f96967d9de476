import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vasteRegioGids, type RegioInfo } from '../../src/app/regio.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import type { TeamLeden } from '../../src/bot/teamLeden.js';
import { startHost, type Host } from '../../scripts/host.js';
import type { KanaalSleutel } from '../../src/store/ports.js';
import { activity, klik } from '../support/activiteit.js';
import { AFSPRAKEN_INVOER, PLAN_INVOER, TestKlok } from '../support/app.js';
import { testApplicatie } from '../support/bot.js';
import { startFakeConnector } from '../support/fakeConnector.js';

/**
 * Issue 10's chain through the host with a fake Bot Connector: melding -> VT card ->
 * veiligheidsbeoordeling with overdracht -> overdracht card in the bound channel of the lokaal
 * team -> bevestigen -> contact -> terugkoppeling, with the VT card updated in place.
 */

const VT_TEAM = '19:vt-team@thread.tacv2';
const INTAKE = '19:intake@thread.tacv2';
const WIJK_TEAM = '19:wijk-team@thread.tacv2';
const NOORD = '19:noord@thread.tacv2';
const DORP_TEAM = '19:dorp-team@thread.tacv2';
const DORP = '19:dorp@thread.tacv2';
const ZHZ_VT_TEAM = '19:zhz-vt-team@thread.tacv2';
const ZHZ_INTAKE = '19:zhz-intake@thread.tacv2';
const JT_TEAM = '19:jt-team@thread.tacv2';
const JT_DORDRECHT = '19:jt-dordrecht@thread.tacv2';
const kanaal = (teamId: string, kanaalId: string): KanaalSleutel => ({ soort: 'kanaal', teamId, kanaalId });

const REGIO: RegioInfo = {
  id: 'vt-regio-demo',
  naam: 'Demoregio',
  veiligThuis: { naam: 'Veilig Thuis Demoregio', telefoon: '0800-2000', teamleiders: [] },
  gemeenten: [
    { naam: 'Demostad', lokaleTeams: [{ key: 'wijkteam-noord', naam: 'Wijkteam Noord', coordinatoren: [] }] },
    { naam: 'Demodorp', lokaleTeams: [{ key: 'sociaal-team-demodorp', naam: 'Sociaal Team Demodorp', coordinatoren: [] }] },
  ],
  beheerders: [],
};

/** Zuid-Holland Zuid's rule (seed 002): the jeugdteam monitors after a vervolgtraject without Onderzoek. */
const ZHZ_REGIO: RegioInfo = {
  id: 'vt-zhz',
  naam: 'Zuid-Holland Zuid',
  veiligThuis: { naam: 'Veilig Thuis Zuid-Holland Zuid', telefoon: '0800-2000', teamleiders: [] },
  gemeenten: [{ naam: 'Dordrecht', lokaleTeams: [{ key: 'jeugdteam-dordrecht', naam: 'Jeugdteam Dordrecht', coordinatoren: [] }] }],
  beheerders: [],
  monitoring: { 'na-veiligheidsbeoordeling': 'lokaal-team', 'na-onderzoek': 'veilig-thuis', 'na-voorwaarden-en-vervolg': 'lokaal-team' },
};

const professional = { id: 'user-1', name: 'Annelies de Boer', aadObjectId: 'aad-prof-1' };
const vtLid = { id: 'user-vt', name: 'Sanne Jansen', aadObjectId: 'aad-vt-lid' };
/** Veilig Thuis Zuid-Holland Zuid: a channel shows a region's cards to that region's staff only. */
const vtZhz = { id: 'user-vt-zhz', name: 'Rik de Graaf', aadObjectId: 'aad-vt-zhz' };
const wijkLid = { id: 'user-wijk', name: 'Jeroen de Vries', aadObjectId: 'aad-wijk-1' };
const wijkCollega = { id: 'user-wijk-2', name: 'Noor Bakker', aadObjectId: 'aad-wijk-2' };
const dorpLid = { id: 'user-dorp', name: 'Dirk Dorp', aadObjectId: 'aad-dorp' };
const jtLid = { id: 'user-jt', name: 'Jasmijn Teunissen', aadObjectId: 'aad-jt-1' };

class VasteLeden implements TeamLeden {
  async isLid(): Promise<boolean> {
    return true;
  }
}

const inKanaal = (teamId: string, kanaalId: string) => ({
  conversation: { id: kanaalId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
  channelData: { tenant: { id: 'tenant-1' }, team: { id: teamId }, channel: { id: kanaalId } },
});
const persoonlijk = { from: professional, conversation: { id: `a:${professional.id}`, conversationType: 'personal', tenantId: 'tenant-1' } };
const MELDING = { soort: 'open', besprokenMetGezin: 'true', melderNaam: 'Annelies de Boer', melderTelefoon: '0612345678', feiten: 'Blauwe plekken gezien op maandag en woensdag.', spoed: 'false', gemeente: 'Demostad' };

describe('the overdracht to a lokaal team, through the host (issue 10)', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  let teller = 0;

  const post = async (body: unknown) => {
    const r = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return r.text();
  };
  const versieVan = (json: string) => /"versie":"(\d+)"/.exec(json)?.[1] ?? '';
  const klikIn = (wie: typeof vtLid, teamId: string, kanaalId: string, verb: string, data: Record<string, unknown>) => {
    teller += 1;
    return post(klik(connector.url, `inv-${teller}`, verb, data, { from: wie, ...inKanaal(teamId, kanaalId) }));
  };
  const naar = (kanaalId: string, methode: string) => connector.ontvangen.filter((o) => o.methode === methode && o.pad.startsWith(`/v3/conversations/${encodeURIComponent(kanaalId)}/activities`));

  beforeEach(async () => {
    connector = await startFakeConnector();
    applicatie = await testApplicatie({ LIMIET_GEBRUIKER_PIEK: '1000' }, { regios: vasteRegioGids([REGIO, ZHZ_REGIO]), teamLeden: new VasteLeden(), klok: new TestKlok().lees });
    host = await startHost(applicatie, 0);
    await post(activity(connector.url, { type: 'conversationUpdate', id: 'cu-prof', membersAdded: [{ id: 'bot-1' }], ...persoonlijk }));
    // A message in each channel stores its conversation reference, as in Teams.
    for (const [wie, team, k] of [[vtLid, VT_TEAM, INTAKE], [wijkLid, WIJK_TEAM, NOORD], [dorpLid, DORP_TEAM, DORP], [vtZhz, ZHZ_VT_TEAM, ZHZ_INTAKE], [jtLid, JT_TEAM, JT_DORDRECHT]] as const) {
      await post(activity(connector.url, { type: 'message', id: `msg-${k}`, text: '<at>meldroute</at> help', entities: [{ type: 'mention', text: '<at>meldroute</at>', mentioned: { id: 'bot-1' } }], from: wie, ...inKanaal(team, k) }));
    }
    const door = { id: 'aad-beheer', naam: 'Bea' };
    const op = '2026-03-02T09:00:00.000Z';
    await applicatie.stores.koppelingen.koppel({ kanaal: kanaal(VT_TEAM, INTAKE), koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, door, op });
    await applicatie.stores.koppelingen.koppel({ kanaal: kanaal(WIJK_TEAM, NOORD), koppeling: { soort: 'lokaal-team', regioId: 'vt-regio-demo', teamKey: 'wijkteam-noord' }, door, op });
    await applicatie.stores.koppelingen.koppel({ kanaal: kanaal(DORP_TEAM, DORP), koppeling: { soort: 'lokaal-team', regioId: 'vt-regio-demo', teamKey: 'sociaal-team-demodorp' }, door, op });
    await applicatie.stores.koppelingen.koppel({ kanaal: kanaal(ZHZ_VT_TEAM, ZHZ_INTAKE), koppeling: { soort: 'veilig-thuis', regioId: 'vt-zhz' }, door, op });
    await applicatie.stores.koppelingen.koppel({ kanaal: kanaal(JT_TEAM, JT_DORDRECHT), koppeling: { soort: 'lokaal-team', regioId: 'vt-zhz', teamKey: 'jeugdteam-dordrecht' }, door, op });
  });
  afterEach(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  /** Melding by the professional, then the veiligheidsbeoordeling with an overdracht to Wijkteam Noord. */
  async function overgedragen(): Promise<{ dossierId: string; teamKaart: string }> {
    teller += 1;
    const start = await post(klik(connector.url, `inv-${teller}`, 'start', { referentie: 'Gezin K., groep 5', werktMetVolwassenen: 'false' }, { ...persoonlijk, replyToId: 'kaart-annelies' }));
    const dossierId = /"dossierId":"([^"]+)"/.exec(start)?.[1] ?? '';
    teller += 1;
    await post(klik(connector.url, `inv-${teller}`, 'melding', { dossierId, versie: versieVan(start), ...MELDING }, { ...persoonlijk, replyToId: 'kaart-annelies' }));
    expect(naar(INTAKE, 'POST').filter((o) => JSON.stringify(o.activity).includes('Melding · Veilig Thuis'))).toHaveLength(1);
    const formulier = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-beoordeling-formulier', { dossierId });
    expect(formulier).toContain('Wijkteam Noord');
    const na = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-beoordeling', {
      dossierId,
      versie: versieVan(formulier),
      acuutOnveilig: 'false',
      structureelOnveilig: 'true',
      multiproblematiek: 'false',
      risicofactoren: 'Schulden',
      veiligheidsvoorwaarden: 'Vader drinkt niet als de kinderen er zijn.',
      besluit: 'overdracht',
      partijSoort: 'lokaal-team',
      lokaalTeam: 'wijkteam-noord',
      adviesTermijnDagen: '7',
      ...AFSPRAKEN_INVOER,
    });
    expect(na).toContain('Veiligheidsbeoordeling vastgelegd.');
    // The melder hears what Veilig Thuis decided, in their personal chat.
    const aanMelder = naar(`a:${professional.id}`, 'POST').filter((o) => JSON.stringify(o.activity).includes('Terugkoppeling · Veilig Thuis Demoregio'));
    expect(aanMelder).toHaveLength(1);
    expect(JSON.stringify(aanMelder[0]?.activity)).toContain('Besluit: overdracht');
    const kaarten = naar(NOORD, 'POST').filter((o) => JSON.stringify(o.activity).includes('Overdracht · Wijkteam Noord'));
    expect(kaarten).toHaveLength(1);
    return { dossierId, teamKaart: JSON.stringify(kaarten[0]?.activity) };
  }

  it('melding -> VT card -> overdracht card in the team channel -> bevestigen -> contact -> terugkoppeling (VT card updated)', async () => {
    const { dossierId, teamKaart } = await overgedragen();
    for (const verwacht of ['Overdracht na veiligheidsbeoordeling', 'Demostad', 'Vader drinkt niet als de kinderen er zijn.', 'contact met het gezin uiterlijk maandag 9 maart 2026', 'Veilig Thuis Demoregio, 0800-2000', '"verb":"lt-bevestig"']) {
      expect(teamKaart).toContain(verwacht);
    }
    // The lokaal team never sees the melder or the facts.
    expect(teamKaart).not.toContain('0612345678');
    expect(teamKaart).not.toContain('Blauwe plekken');

    const bevestigd = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-bevestig', { dossierId, versie: versieVan(teamKaart), regisseur: 'J. de Vries' });
    expect(bevestigd).toContain('Overdracht bevestigd; regisseur: J. de Vries.');
    // Zicht op veiligheid moves to the team (the card escapes Markdown, so the parentheses are escaped).
    expect(bevestigd).toMatch(/"Zicht op veiligheid","value":"Wijkteam Noord \\+\(regisseur: J\. de Vries\\+\)"/);
    expect(bevestigd).toContain('"verb":"lt-contact"');
    // When and how: today by default, the form asks how; without "how" nothing is recorded.
    expect(bevestigd).toContain('"id":"contactWijze"');
    const zonder = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-contact', { dossierId, versie: versieVan(bevestigd), contactOp: '2026-03-02' });
    expect(zonder).toContain('Kies hoe het contact met het gezin was.');
    const contact = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-contact', { dossierId, versie: versieVan(bevestigd), contactOp: '2026-03-02', contactWijze: 'huisbezoek' });
    expect(contact).toContain('"title":"Contact met gezin","value":"maandag 2 maart 2026, huisbezoek"');
    expect(contact).toContain('"verb":"lt-terugkoppeling"');
    const terug = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-terugkoppeling', { dossierId, versie: versieVan(contact), samenvatting: 'Huisbezoek gedaan; veiligheidsplan gestart.' });
    expect(terug).toContain('Terugkoppeling aan Veilig Thuis gegeven.');

    // The VT card in the intake channel is updated in place and shows the terugkoppeling.
    const vtUpdates = naar(INTAKE, 'PUT');
    expect(JSON.stringify(vtUpdates.at(-1)?.activity)).toContain('Huisbezoek gedaan; veiligheidsplan gestart.');
    expect(JSON.stringify(vtUpdates.at(-1)?.activity)).toContain('J. de Vries');
    expect(naar(NOORD, 'POST').filter((o) => JSON.stringify(o.activity).includes('Overdracht ·'))).toHaveLength(1);
    const d = (await applicatie.stores.dossiers.get(dossierId))?.waarde;
    expect(d?.veiligThuis?.overdracht).toMatchObject({ regisseur: 'J. de Vries', terugkoppeling: { samenvatting: 'Huisbezoek gedaan; veiligheidsplan gestart.' } });

    // Veilig Thuis is told in its channel, in new messages it will notice: the confirmation (its
    // responsibility for zicht op veiligheid ends there) and the terugkoppeling with its text.
    const berichten = naar(INTAKE, 'POST').map((o) => JSON.stringify(o.activity)).filter((a) => a.includes('Bericht van Wijkteam Noord'));
    expect(berichten).toHaveLength(2);
    expect(berichten[0]).toContain('Wijkteam Noord heeft de overdracht bevestigd; regisseur: J. de Vries.');
    expect(berichten[1]).toContain('Terugkoppeling van Wijkteam Noord:');
    expect(berichten[1]).toContain('Huisbezoek gedaan; veiligheidsplan gestart.');
    for (const b of berichten) expect(b).not.toContain('Blauwe plekken');
  });

  it('a bound channel lists its open cases for its members ("openstaand"); another team sees none, and "Openen" gives the card with its actions', async () => {
    const { dossierId } = await overgedragen();
    const typ = async (wie: typeof vtLid, teamId: string, kanaalId: string, tekst: string) => {
      teller += 1;
      const voor = naar(kanaalId, 'POST').length;
      await post(activity(connector.url, { type: 'message', id: `msg-${teller}`, text: `<at>meldroute</at> ${tekst}`, entities: [{ type: 'mention', text: '<at>meldroute</at>', mentioned: { id: 'bot-1' } }], from: wie, ...inKanaal(teamId, kanaalId) }));
      return naar(kanaalId, 'POST').slice(voor).map((o) => JSON.stringify(o.activity)).join('\n');
    };
    const lijst = await typ(wijkLid, WIJK_TEAM, NOORD, 'openstaand');
    expect(lijst).toContain('Openstaande casussen · Wijkteam Noord');
    expect(lijst).toContain('Gezin K., groep 5');
    expect(lijst).toContain('Overdracht bevestigen en regisseur benoemen: uiterlijk maandag 9 maart 2026 · Wijkteam Noord');
    expect(lijst).not.toContain('Blauwe plekken');
    expect(lijst).not.toContain('0612345678');
    expect(await typ(vtLid, VT_TEAM, INTAKE, 'openstaand')).toContain('Gezin K., groep 5');
    const ander = await typ(dorpLid, DORP_TEAM, DORP, 'openstaand');
    expect(ander).toContain('Er staan geen casussen open voor Sociaal Team Demodorp.');
    expect(ander).not.toContain('Gezin K.');
    // The help card in a bound channel offers the list to members.
    expect(await typ(wijkLid, WIJK_TEAM, NOORD, 'help')).toContain('"verb":"kanaal-casussen"');
    const kaart = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'open', { dossierId });
    expect(kaart).toContain('Overdracht · Wijkteam Noord');
    expect(kaart).toContain('"verb":"lt-bevestig"');
  });

  it('later oppakken and terug naar Veilig Thuis are each told in the Veilig Thuis channel, with the reason', async () => {
    const { dossierId, teamKaart } = await overgedragen();
    const later = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-later', { dossierId, versie: versieVan(teamKaart), reden: 'Regisseur pas terug van verlof.', oppakkenOp: '2026-03-12' });
    expect(later).toContain('Beargumenteerd besluit vastgelegd');
    const bevestigd = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-bevestig', { dossierId, versie: versieVan(later), regisseur: 'J. de Vries' });
    await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-terug', { dossierId, versie: versieVan(bevestigd), redenTerug: 'Gezin weigert elk contact.' });

    const berichten = naar(INTAKE, 'POST').map((o) => JSON.stringify(o.activity)).filter((a) => a.includes('Bericht van Wijkteam Noord'));
    expect(berichten).toHaveLength(3);
    expect(berichten[0]).toContain('Wijkteam Noord pakt de casus later op, uiterlijk donderdag 12 maart 2026.');
    expect(berichten[0]).toContain('Reden: Regisseur pas terug van verlof.');
    expect(berichten[2]).toContain('Wijkteam Noord legt de casus terug bij Veilig Thuis.');
    expect(berichten[2]).toContain('Reden: Gezin weigert elk contact.');
    expect(berichten[2]).toContain('leg op de meldingskaart een nieuwe veiligheidsbeoordeling vast');
  });

  it('bevestigen -> regie overdragen -> the VT channel gets an information card and its melding card is updated', async () => {
    const { dossierId, teamKaart } = await overgedragen();
    const bevestigd = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-bevestig', { dossierId, versie: versieVan(teamKaart), regisseur: 'J. de Vries' });
    expect(bevestigd).toContain('"verb":"lt-regie"');
    expect(bevestigd).toContain('"id":"regieVoorwaarden"');
    const regie = {
      dossierId,
      versie: versieVan(bevestigd),
      regieSoort: 'lopende-hulpverlening',
      regiePartij: 'GGZ Demostad',
      regieRegisseur: 'P. Pieters',
      regieVoorwaarden: 'Vader drinkt niet als de kinderen er zijn.\nMoeder belt bij dreiging 112.',
      veiligheidsplan: 'Veiligheidsplan van 2 maart, bij GGZ Demostad.',
      regieReden: 'Moeder is in behandeling bij de GGZ.',
    };
    const vtUpdatesVoor = naar(INTAKE, 'PUT').length;
    const na = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-regie', regie);
    expect(na).toContain('Regie overgedragen aan GGZ Demostad; Veilig Thuis is geïnformeerd.');
    expect(na).toContain('Voor uw team staat niets meer open.');
    expect(na).not.toContain('"verb":"lt-');

    // Veilig Thuis: one information card in its channel, without actions...
    const info = () => naar(INTAKE, 'POST').filter((o) => JSON.stringify(o.activity).includes('Regie overgedragen · Veilig Thuis Demoregio'));
    expect(info()).toHaveLength(1);
    const bericht = JSON.stringify(info()[0]?.activity);
    for (const verwacht of ['Gezin K., groep 5', 'Wijkteam Noord heeft de regie overgedragen aan GGZ Demostad.', 'Moeder belt bij dreiging 112.', 'Veiligheidsplan van 2 maart, bij GGZ Demostad.', 'Moeder is in behandeling bij de GGZ.', 'P. Pieters']) {
      expect(bericht).toContain(verwacht);
    }
    expect(bericht).not.toContain('Action.Execute');
    // ...and its melding card updated in place: zicht op veiligheid is with the new party.
    expect(naar(INTAKE, 'PUT').length).toBeGreaterThan(vtUpdatesVoor);
    const vtKaart = JSON.stringify(naar(INTAKE, 'PUT').at(-1)?.activity);
    expect(vtKaart).toMatch(/"Zicht op veiligheid","value":"GGZ Demostad \\+\(regisseur: P\. Pieters\\+\)"/);
    expect(vtKaart).toContain('Regie overgedragen');

    // A second click from the same card, or from a colleague's: nothing twice.
    const nogmaals = await klikIn(wijkCollega, WIJK_TEAM, NOORD, 'lt-regie', regie);
    expect(nogmaals).toContain('niet meer actueel');
    const d = (await applicatie.stores.dossiers.get(dossierId))?.waarde;
    expect(d?.gebeurtenissen.filter((g) => g.soort === 'regie-overgedragen')).toHaveLength(1);
    expect(info()).toHaveLength(1);
    expect(d?.uitgaand?.find((u) => u.effect.soort === 'regie-overgedragen')?.bezorgdOp).toBeDefined();
  });

  it('two members confirm at once: exactly one confirmation, the other sees who confirmed', async () => {
    const { dossierId, teamKaart } = await overgedragen();
    const versie = versieVan(teamKaart);
    const [a, b] = await Promise.all([
      klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-bevestig', { dossierId, versie, regisseur: 'J. de Vries' }),
      klikIn(wijkCollega, WIJK_TEAM, NOORD, 'lt-bevestig', { dossierId, versie, regisseur: 'N. Bakker' }),
    ]);
    const d = (await applicatie.stores.dossiers.get(dossierId))?.waarde;
    expect(d?.gebeurtenissen.filter((g) => g.soort === 'overdracht-bevestigd')).toHaveLength(1);
    const winnaar = d?.veiligThuis?.overdracht?.regisseur ?? '';
    expect(['J. de Vries', 'N. Bakker']).toContain(winnaar);
    for (const antwoord of [a, b]) expect(antwoord).toContain(`regisseur: ${winnaar}`);
    expect([a, b].filter((x) => x.includes('niet meer actueel') || x.includes('op hetzelfde moment'))).toHaveLength(1);
  });

  it('a member of another lokaal team is refused and nothing changes', async () => {
    const { dossierId, teamKaart } = await overgedragen();
    const antwoord = await klikIn(dorpLid, DORP_TEAM, DORP, 'lt-bevestig', { dossierId, versie: versieVan(teamKaart), regisseur: 'D. Dorp' });
    expect(antwoord).not.toContain('Gezin K.');
    expect(antwoord).toContain('alleen in uw persoonlijke chat');
    expect((await applicatie.stores.dossiers.get(dossierId))?.waarde.veiligThuis?.fase).toBe('overdracht-aangeboden');
    // Veilig Thuis cannot confirm for the lokaal team from its own channel either.
    await klikIn(vtLid, VT_TEAM, INTAKE, 'lt-bevestig', { dossierId, versie: versieVan(teamKaart), regisseur: 'S. Jansen' });
    expect((await applicatie.stores.dossiers.get(dossierId))?.waarde.veiligThuis?.fase).toBe('overdracht-aangeboden');
  });

  it('invalid input keeps what was typed and explains in Dutch', async () => {
    const { dossierId, teamKaart } = await overgedragen();
    const antwoord = await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-later', { dossierId, versie: versieVan(teamKaart), reden: 'Gezin op vakantie.', oppakkenOp: 'volgende week' });
    expect(antwoord).toContain('Kies een geldige datum bij de datum van oppakken.');
    expect(antwoord).toContain('Gezin op vakantie.');
    expect((await applicatie.stores.dossiers.get(dossierId))?.waarde.veiligThuis?.overdracht?.beargumenteerdBesluit).toBeUndefined();
  });

  it('Voorwaarden & Vervolg: the lokaal team of the gemeente is informed, without duties or melding data', async () => {
    teller += 1;
    const start = await post(klik(connector.url, `inv-${teller}`, 'start', { referentie: 'Gezin M.', werktMetVolwassenen: 'false' }, { ...persoonlijk, replyToId: 'kaart-annelies' }));
    const dossierId = /"dossierId":"([^"]+)"/.exec(start)?.[1] ?? '';
    teller += 1;
    await post(klik(connector.url, `inv-${teller}`, 'melding', { dossierId, versie: versieVan(start), ...MELDING }, { ...persoonlijk, replyToId: 'kaart-annelies' }));
    const formulier = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-beoordeling-formulier', { dossierId });
    await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-beoordeling', { dossierId, versie: versieVan(formulier), acuutOnveilig: 'false', structureelOnveilig: 'true', multiproblematiek: 'false', besluit: 'voorwaarden-en-vervolg' });
    const bericht = naar(NOORD, 'POST').filter((o) => JSON.stringify(o.activity).includes('Ter informatie'));
    expect(bericht).toHaveLength(1);
    const tekst = JSON.stringify(bericht[0]?.activity);
    expect(tekst).toContain('Veilig Thuis is gestart met Voorwaarden & Vervolg.');
    expect(tekst).not.toContain('Blauwe plekken');
    expect(tekst).not.toContain('Action.Execute');
    // The team of the other gemeente hears nothing.
    expect(naar(DORP, 'POST').filter((o) => JSON.stringify(o.activity).includes('Gezin M.'))).toHaveLength(0);
  });

  it('V&V -> afronden -> overdracht card -> bevestigen -> monitoring at 3 and 12 months -> afsluiten -> the melder is told', async () => {
    teller += 1;
    const start = await post(klik(connector.url, `inv-${teller}`, 'start', { referentie: 'Gezin V.', werktMetVolwassenen: 'false' }, { ...persoonlijk, replyToId: 'kaart-annelies' }));
    const dossierId = /"dossierId":"([^"]+)"/.exec(start)?.[1] ?? '';
    teller += 1;
    await post(klik(connector.url, `inv-${teller}`, 'melding', { dossierId, versie: versieVan(start), ...MELDING }, { ...persoonlijk, replyToId: 'kaart-annelies' }));
    const formulier = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-beoordeling-formulier', { dossierId });
    const vv = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-beoordeling', { dossierId, versie: versieVan(formulier), acuutOnveilig: 'false', structureelOnveilig: 'true', multiproblematiek: 'false', besluit: 'voorwaarden-en-vervolg' });
    expect(vv).toContain('V&V afronden');
    const afronden = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-vervolg-formulier', { dossierId });
    const afgerond = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-vervolg-afronden', { dossierId, versie: versieVan(afronden), veiligheidsvoorwaarden: 'Geen geweld.', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', monitoring: 'ja', ...AFSPRAKEN_INVOER, ...PLAN_INVOER });
    expect(afgerond).toContain('Afgerond; de overdracht is aangeboden.');
    const kaarten = naar(NOORD, 'POST').filter((o) => JSON.stringify(o.activity).includes('Overdracht · Wijkteam Noord'));
    expect(kaarten).toHaveLength(1);
    const teamKaart = JSON.stringify(kaarten[0]?.activity);
    expect(teamKaart).toContain('Overdracht na Voorwaarden & Vervolg');
    await klikIn(wijkLid, WIJK_TEAM, NOORD, 'lt-bevestig', { dossierId, versie: versieVan(teamKaart), regisseur: 'J. de Vries' });
    let kaart = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-monitoring-formulier', { dossierId });
    for (const maanden of ['3', '12']) {
      kaart = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-monitoring', { dossierId, versie: versieVan(kaart), maandenNaOverdracht: maanden, voorwaardenNagekomen: 'ja', directeVeiligheid: 'ja', stabieleVeiligheid: 'ja', aandachtVoorHerstel: 'ja', alleDirectbetrokkenenGesproken: 'ja', vervolgstap: 'doorgaan' });
      expect(kaart).toContain(`Monitoring na ${maanden} maanden vastgelegd.`);
    }
    expect(kaart).not.toContain('vt-monitoring-formulier');
    const sluiten = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-afsluiten-formulier', { dossierId });
    // The lokaal team got its overdracht card in its channel: the afsluitbericht goes there, VT records only the confirmation.
    expect(sluiten).toContain('Het afsluitbericht gaat als kaart naar het kanaal van Wijkteam Noord');
    expect(sluiten).not.toContain('"id":"afsluitberichtOp"');
    const dicht = await klikIn(vtLid, VT_TEAM, INTAKE, 'vt-afsluiten', { dossierId, versie: versieVan(sluiten), afsluitreden: 'Veiligheid stabiel na 12 maanden.', bevestigdOp: '2026-03-02', bevestigingWijze: 'gesprek' });
    expect(dicht).toContain('Veiligheid stabiel na 12 maanden.');
    expect(dicht).toContain('"title":"Bevestiging directbetrokkenen","value":"2 maart 2026, in een gesprek"');
    // The afsluitbericht card arrives in the team's channel, without actions, and its overdracht card says "afgesloten".
    const afsluitberichten = naar(NOORD, 'POST').filter((o) => JSON.stringify(o.activity).includes('Afsluitbericht · Veilig Thuis Demoregio'));
    expect(afsluitberichten).toHaveLength(1);
    const bericht = JSON.stringify(afsluitberichten[0]?.activity);
    for (const verwacht of ['Gezin V.', 'Veilig Thuis Demoregio heeft het dossier afgesloten op 2 maart 2026, 10:00.', 'Reden: Veiligheid stabiel na 12 maanden.', 'Veilig Thuis Demoregio, 0800-2000']) {
      expect(bericht).toContain(verwacht);
    }
    expect(bericht).not.toContain('Action.Execute');
    expect(bericht).not.toContain('Blauwe plekken');
    const teamKaartNu = JSON.stringify(naar(NOORD, 'PUT').at(-1)?.activity);
    expect(teamKaartNu).toContain('heeft het dossier afgesloten op 2 maart 2026, 10:00. Voor uw team staat niets meer open.');
    expect(teamKaartNu).not.toContain('"verb":"lt-');
    const aanMelder = naar(`a:${professional.id}`, 'POST').filter((o) => JSON.stringify(o.activity).includes('heeft de casus afgesloten'));
    expect(aanMelder).toHaveLength(1);
    expect(JSON.stringify(aanMelder[0]?.activity)).toContain('Gezin V.');
    const d = (await applicatie.stores.dossiers.get(dossierId))?.waarde;
    expect(d?.uitgaand?.filter((u) => u.effect.soort === 'terugkoppeling-aan-melder').every((u) => u.bezorgdOp !== undefined)).toBe(true);
  });

  it('Zuid-Holland Zuid: after V&V the jeugdteam monitors by the region rule; it records the 3-month moment in its channel and the VT card shows it', async () => {
    const geregistreerd = await klikIn(vtZhz, ZHZ_VT_TEAM, ZHZ_INTAKE, 'vt-registreer', {
      referentie: 'ZHZ-2026-007', bron: 'burger', spoed: 'nee', melderNaam: 'Buurman', melderTelefoon: '0612345678', feiten: 'Geschreeuw en gehuil, elke avond.', gemeente: 'Dordrecht',
    });
    expect(geregistreerd).toContain('Melding ZHZ-2026-007 geregistreerd');
    const meldingKaart = JSON.stringify(naar(ZHZ_INTAKE, 'POST').find((o) => JSON.stringify(o.activity).includes('ZHZ-2026-007'))?.activity);
    const dossierId = /"dossierId":"([^"]+)"/.exec(meldingKaart)?.[1] ?? '';
    const formulier = await klikIn(vtZhz, ZHZ_VT_TEAM, ZHZ_INTAKE, 'vt-beoordeling-formulier', { dossierId });
    const vv = await klikIn(vtZhz, ZHZ_VT_TEAM, ZHZ_INTAKE, 'vt-beoordeling', { dossierId, versie: versieVan(formulier), acuutOnveilig: 'false', structureelOnveilig: 'true', multiproblematiek: 'false', besluit: 'voorwaarden-en-vervolg' });
    expect(vv).toContain('V&V afronden');
    const afronden = await klikIn(vtZhz, ZHZ_VT_TEAM, ZHZ_INTAKE, 'vt-vervolg-formulier', { dossierId });
    expect(afronden).toContain('Volgens de regioafspraak: het lokale team als de casus naar een lokaal team gaat, anders Veilig Thuis');
    const afgerond = await klikIn(vtZhz, ZHZ_VT_TEAM, ZHZ_INTAKE, 'vt-vervolg-afronden', {
      dossierId, versie: versieVan(afronden), veiligheidsvoorwaarden: 'Geen geweld.', partijSoort: 'lokaal-team', lokaalTeam: 'jeugdteam-dordrecht', monitoring: 'ja', monitoringDoor: 'regioafspraak', extraMomenten: '6', ...AFSPRAKEN_INVOER, ...PLAN_INVOER,
    });
    expect(afgerond).toContain('Afgerond; de overdracht is aangeboden.');
    expect(afgerond).toContain('"title":"Monitoring door","value":"Jeugdteam Dordrecht \\\\(lokaal team\\\\)"');
    expect(afgerond).not.toContain('"verb":"vt-monitoring-formulier"');
    const teamKaarten = naar(JT_DORDRECHT, 'POST').filter((o) => JSON.stringify(o.activity).includes('Overdracht · Jeugdteam Dordrecht'));
    expect(teamKaarten).toHaveLength(1);
    const teamKaart = JSON.stringify(teamKaarten[0]?.activity);
    for (const verwacht of ['"title":"Herstelplan","value":"gemaakt door GGZ Rivierenland"', '"title":"Als de veiligheid niet herstelt"', '3, 6 en 12 maanden na de overdracht; alle directbetrokkenen worden gesproken, kinderen vanaf 4 jaar']) {
      expect(teamKaart).toContain(verwacht);
    }
    const bevestigd = await klikIn(jtLid, JT_TEAM, JT_DORDRECHT, 'lt-bevestig', { dossierId, versie: versieVan(teamKaart), regisseur: 'J. Teunissen' });
    expect(bevestigd).toContain('"verb":"lt-monitoring-formulier"');
    expect(bevestigd).toContain('"title":"Monitoring 3 mnd","value":"gepland"');
    const monitoringFormulier = await klikIn(jtLid, JT_TEAM, JT_DORDRECHT, 'lt-monitoring-formulier', { dossierId });
    // The team may go on or advise a dwangmaatregel; an ambtshalve melding or closing is Veilig Thuis's.
    expect(monitoringFormulier).toContain('"value":"dwangmaatregel-adviseren"');
    expect(monitoringFormulier).not.toContain('"value":"ambtshalve-melding"');
    expect(monitoringFormulier).not.toContain('"value":"afsluiten-geen-mogelijkheden"');
    const geweigerd = await klikIn(jtLid, JT_TEAM, JT_DORDRECHT, 'lt-monitoring', {
      dossierId, versie: versieVan(monitoringFormulier), maandenNaOverdracht: '3', voorwaardenNagekomen: 'nee', directeVeiligheid: 'ja', stabieleVeiligheid: 'nee', aandachtVoorHerstel: 'ja', alleDirectbetrokkenenGesproken: 'ja', vervolgstap: 'ambtshalve-melding',
    });
    expect(geweigerd).toContain('Een ambtshalve melding of afsluiten besluit Veilig Thuis.');
    const vastgelegd = await klikIn(jtLid, JT_TEAM, JT_DORDRECHT, 'lt-monitoring', {
      dossierId, versie: versieVan(monitoringFormulier), maandenNaOverdracht: '3', voorwaardenNagekomen: 'ja', directeVeiligheid: 'ja', stabieleVeiligheid: 'nee', aandachtVoorHerstel: 'ja', alleDirectbetrokkenenGesproken: 'ja', vervolgstap: 'doorgaan',
    });
    expect(vastgelegd).toContain('Monitoring na 3 maanden vastgelegd; Veilig Thuis ziet de uitkomst.');
    // The VT card in its channel is updated in place with what the jeugdteam found.
    const vtKaart = JSON.stringify(naar(ZHZ_INTAKE, 'PUT').at(-1)?.activity);
    expect(vtKaart).toContain('stabiele veiligheid nee, herstel ja, allen gesproken ja; doorgaan');
    expect(vtKaart).toContain('"title":"Monitoring 6 mnd","value":"gepland"');
    // ...and told in a new message there, so it is noticed.
    const bericht = naar(ZHZ_INTAKE, 'POST').map((o) => JSON.stringify(o.activity)).filter((a) => a.includes('Bericht van Jeugdteam Dordrecht') && a.includes('monitoring na 3 maanden'));
    expect(bericht).toHaveLength(1);
    expect(bericht[0]).toContain('stabiele veiligheid nee');
    const d = (await applicatie.stores.dossiers.get(dossierId))?.waarde;
    expect(d?.veiligThuis?.monitoring).toMatchObject({ door: 'lokaal-team', plan: { metWie: PLAN_INVOER.monitoringMetWie } });
    expect(d?.gebeurtenissen.at(-1)).toMatchObject({ soort: 'monitoring', door: { id: 'aad-jt-1' } });
  });
});
