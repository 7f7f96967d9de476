import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vasteRegioGids, type RegioInfo } from '../../src/app/regio.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import type { TeamLeden } from '../../src/bot/teamLeden.js';
import { startHost, type Host } from '../../scripts/host.js';
import type { KanaalSleutel } from '../../src/store/ports.js';
import { activity, klik } from '../support/activiteit.js';
import { TestKlok } from '../support/app.js';
import { testApplicatie } from '../support/bot.js';
import { startFakeConnector } from '../support/fakeConnector.js';

/**
 * Issue 9's thread, through the host with a fake Bot Connector: a melding made by a professional
 * arrives as a card in the Veilig Thuis channel of its region, and the professional's card turns
 * from "verstuurd" into "ontvangen".
 */

const TEAM = '19:vt-team@thread.tacv2';
const INTAKE = '19:intake@thread.tacv2';
const intake: KanaalSleutel = { soort: 'kanaal', teamId: TEAM, kanaalId: INTAKE };

const REGIO: RegioInfo = {
  id: 'vt-regio-demo',
  naam: 'Demoregio',
  veiligThuis: { naam: 'Veilig Thuis Demoregio', telefoon: '0800-2000', teamleiders: ['aad-teamleider'] },
  gemeenten: [{ naam: 'Demostad', lokaleTeams: [{ key: 'wijkteam-noord', naam: 'Wijkteam Noord', coordinatoren: [] }] }],
  beheerders: ['aad-beheer'],
};

const professional = { id: 'user-1', name: 'Annelies de Boer', aadObjectId: 'aad-prof-1' };
const vtLid = { id: 'user-vt', name: 'Sanne Jansen', aadObjectId: 'aad-vt-lid' };
const buitenstaander = { id: 'user-vreemd', name: 'Vera Vreemd', aadObjectId: 'aad-vreemd' };
const beheerder = { id: 'user-beheer', name: 'Bea Beheer', aadObjectId: 'aad-beheer' };

class VasteLeden implements TeamLeden {
  async isLid(context: Parameters<TeamLeden['isLid']>[0]): Promise<boolean> {
    return context.activity.from.id !== buitenstaander.id;
  }
}

const inIntake = {
  conversation: { id: INTAKE, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
  channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM, name: 'Veilig Thuis' }, channel: { id: INTAKE } },
};
const persoonlijk = (wie: typeof professional) => ({ from: wie, conversation: { id: `a:${wie.id}`, conversationType: 'personal', tenantId: 'tenant-1' } });

const MELDING = { soort: 'open', besprokenMetGezin: 'true', melderNaam: 'Annelies de Boer', melderTelefoon: '0612345678', feiten: 'Blauwe plekken gezien op maandag en woensdag.', spoed: 'false', gemeente: 'Demostad' };

describe('a melding lands in the Veilig Thuis channel (issue 9)', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  let teller = 0;
  let klok: TestKlok;

  const post = async (body: unknown) => {
    const r = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tekst = await r.text();
    return { status: r.status, json: tekst };
  };
  const kaart = (json: string) => ({ dossierId: /"dossierId":"([^"]+)"/.exec(json)?.[1] ?? '', versie: /"versie":"(\d+)"/.exec(json)?.[1] ?? '' });
  /** A click by the professional on the card in message `kaartId` of their personal chat. */
  const klikProfessional = async (verb: string, data: Record<string, unknown>) => {
    teller += 1;
    return post(klik(connector.url, `inv-${teller}`, verb, data, { ...persoonlijk(professional), replyToId: 'kaart-annelies' }));
  };

  beforeEach(async () => {
    connector = await startFakeConnector();
    klok = new TestKlok();
    applicatie = await testApplicatie({ LIMIET_GEBRUIKER_PIEK: '1000' }, { regios: vasteRegioGids([REGIO]), teamLeden: new VasteLeden(), klok: klok.lees });
    host = await startHost(applicatie, 0);
    // Install in the personal chats (the references the bot posts proactively to) and a message in the channel.
    for (const wie of [professional, beheerder]) await post(activity(connector.url, { type: 'conversationUpdate', id: `cu-${wie.id}`, membersAdded: [{ id: 'bot-1' }], ...persoonlijk(wie) }));
    await post(activity(connector.url, { type: 'message', id: 'msg-intake', text: '<at>meldroute</at> help', entities: [{ type: 'mention', text: '<at>meldroute</at>', mentioned: { id: 'bot-1' } }], from: vtLid, ...inIntake }));
  });
  afterEach(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  async function meld(): Promise<{ dossierId: string; antwoord: string }> {
    const start = await klikProfessional('start', { referentie: 'Gezin K., groep 5', werktMetVolwassenen: 'false' });
    const { dossierId, versie } = kaart(start.json);
    const r = await klikProfessional('melding', { dossierId, versie, ...MELDING });
    expect(r.status).toBe(200);
    return { dossierId, antwoord: r.json };
  }

  const naarIntake = () => connector.ontvangen.filter((o) => o.pad.startsWith(`/v3/conversations/${encodeURIComponent(INTAKE)}/activities`) && o.methode === 'POST' && JSON.stringify(o.activity).includes('Melding · Veilig Thuis'));

  it('melding -> card in the bound VT channel -> the professional\'s card says "ontvangen"', async () => {
    await applicatie.stores.koppelingen.koppel({ kanaal: intake, koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, door: { id: 'aad-beheer', naam: 'Bea' }, op: '2026-03-02T09:00:00.000Z' });
    const { dossierId, antwoord } = await meld();
    // The answer to the click already shows the receipt: delivery ran in the same turn.
    expect(antwoord).toContain('Melding ontvangen door Veilig Thuis Demoregio');
    const kaarten = naarIntake();
    expect(kaarten).toHaveLength(1);
    const vtKaart = JSON.stringify(kaarten[0]?.activity);
    for (const verwacht of ['Gezin K., groep 5', 'Demostad', '"title":"Spoed","value":"nee"', 'binnen 5 werkdagen', '06 12345678'.replace(' ', ''), 'Open: besproken met het gezin', 'Blauwe plekken gezien', 'Zicht op veiligheid']) {
      expect(vtKaart.replaceAll(' ', '')).toContain(verwacht.replaceAll(' ', ''));
    }
    // The professional's own card in the personal chat is updated in place.
    const bijgewerkt = connector.ontvangen.filter((o) => o.methode === 'PUT' && o.pad.endsWith('/activities/kaart-annelies'));
    expect(bijgewerkt.length).toBeGreaterThan(0);
    expect(JSON.stringify(bijgewerkt.at(-1)?.activity)).toContain('Melding ontvangen door Veilig Thuis Demoregio');
    // A sweep afterwards sends nothing again.
    await applicatie.bezorging.veeg();
    expect(naarIntake()).toHaveLength(1);
    const d = (await applicatie.stores.dossiers.get(dossierId))?.waarde;
    expect(d?.veiligThuis?.ontvangstBevestigdOp).toBeDefined();
  });

  it('a VT colleague opening the card sees the VT view; someone outside the bound team sees nothing of it', async () => {
    await applicatie.stores.koppelingen.koppel({ kanaal: intake, koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, door: { id: 'aad-beheer', naam: 'Bea' }, op: '2026-03-02T09:00:00.000Z' });
    const { dossierId } = await meld();
    const vernieuw = (van: typeof vtLid) => post(klik(connector.url, `inv-v-${van.id}`, 'vernieuw', { dossierId, weergave: 'veilig-thuis' }, { from: van, ...inIntake }));
    const lid = (await vernieuw(vtLid)).json;
    expect(lid).toContain('Melding · Veilig Thuis Demoregio');
    expect(lid).toContain('Blauwe plekken gezien');
    const vreemd = (await vernieuw(buitenstaander)).json;
    expect(vreemd).not.toContain('Gezin K.');
    expect(vreemd).toContain('alleen in uw persoonlijke chat');
    // A card claiming the professional's view gets nothing in the channel either.
    expect((await post(klik(connector.url, 'inv-claim', 'vernieuw', { dossierId, weergave: 'professional' }, { from: vtLid, ...inIntake }))).json).not.toContain('Gezin K.');
  });

  it('no bound channel: the melding waits, the professional is told to call, the beheerder hears a binding is missing; bound later, it goes out once', async () => {
    const { dossierId, antwoord } = await meld();
    expect(antwoord).toContain('Melding verstuurd naar Veilig Thuis Demoregio');
    expect(antwoord).toContain('Bel Veilig Thuis Demoregio ook zelf: 0800-2000');
    expect(naarIntake()).toHaveLength(0);
    const aanBeheerder = connector.ontvangen.filter((o) => o.pad.startsWith(`/v3/conversations/${encodeURIComponent('a:user-beheer')}/activities`) && JSON.stringify(o.activity).includes('Koppeling ontbreekt'));
    expect(aanBeheerder).toHaveLength(1);
    expect(JSON.stringify(aanBeheerder[0]?.activity)).not.toContain('Gezin K.');
    await applicatie.stores.koppelingen.koppel({ kanaal: intake, koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, door: { id: 'aad-beheer', naam: 'Bea' }, op: '2026-03-02T09:10:00.000Z' });
    // The sweep (every minute in Azure and npm start) tries again once the wait is over.
    await applicatie.bezorging.veeg();
    expect(naarIntake()).toHaveLength(0);
    klok.nu = klok.nu.plus({ minutes: 6 });
    await applicatie.bezorging.veeg();
    await applicatie.bezorging.veeg();
    expect(naarIntake()).toHaveLength(1);
    expect((await applicatie.stores.dossiers.get(dossierId))?.waarde.veiligThuis?.ontvangstBevestigdOp).toBeDefined();
  });

  it('a later change updates the channel card for everyone instead of posting a new one', async () => {
    await applicatie.stores.koppelingen.koppel({ kanaal: intake, koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, door: { id: 'aad-beheer', naam: 'Bea' }, op: '2026-03-02T09:00:00.000Z' });
    const { dossierId } = await meld();
    const status = await klikProfessional('kenmerk-formulier', { dossierId });
    await klikProfessional('kenmerk', { dossierId, versie: kaart(status.json).versie, referentie: 'Gezin K., groep 6' });
    expect(naarIntake()).toHaveLength(1);
    const updates = connector.ontvangen.filter((o) => o.methode === 'PUT' && o.pad.startsWith(`/v3/conversations/${encodeURIComponent(INTAKE)}/activities/`));
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates[0]?.activity)).toContain('Gezin K., groep 6');
  });
});
