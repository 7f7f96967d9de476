import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vasteRegioGids, type RegioInfo } from '../../src/app/regio.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import type { TeamLeden } from '../../src/bot/teamLeden.js';
import { startHost, type Host } from '../../scripts/host.js';
import { aangeboden, ams } from '../domain/fixtures.js';
import { auditVan } from '../store/contract.js';
import { activity, klik } from '../support/activiteit.js';
import { TestKlok } from '../support/app.js';
import { testApplicatie } from '../support/bot.js';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector.js';

/**
 * Issue 11, "a nudge card updates when the deadline is met": through the host with a fake Bot
 * Connector. The tick nudges the lokaal team's channel and then its coordinator; the team
 * confirms the overdracht; both cards are updated in place to "Afgehandeld door … op …".
 */

const WIJK_TEAM = '19:wijk-team@thread.tacv2';
const NOORD = '19:noord@thread.tacv2';
const COORDINATOR = { id: 'user-coord', name: 'Mo Yilmaz', aadObjectId: 'aad-coord' };
const wijkLid = { id: 'user-wijk', name: 'Jeroen de Vries', aadObjectId: 'aad-wijk-1' };

const REGIO: RegioInfo = {
  id: 'vt-regio-demo',
  naam: 'Demoregio',
  veiligThuis: { naam: 'Veilig Thuis Demoregio', telefoon: '0800-2000', teamleiders: [] },
  gemeenten: [{ naam: 'Demostad', lokaleTeams: [{ key: 'wijkteam-noord', naam: 'Wijkteam Noord', coordinatoren: ['aad-coord'] }] }],
  beheerders: [],
};

class VasteLeden implements TeamLeden {
  async isLid(): Promise<boolean> {
    return true;
  }
}

const inNoord = { conversation: { id: NOORD, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: WIJK_TEAM }, channel: { id: NOORD } } };
const MIJLPAAL = { mijlpaal: 'overdracht-bevestigen', niveau: 'herinnering', publiek: 'lokaal-team-kanaal' };

describe('a nudge card updates itself when its deadline is met, through the host (issue 11)', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: FakeConnector;
  const klok = new TestKlok(ams('2026-03-02 10:00'));
  let teller = 0;
  let dossierId = '';

  const post = async (body: unknown) => (await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
  const klikInNoord = (verb: string, data: Record<string, unknown>) => {
    teller += 1;
    return post(klik(connector.url, `inv-${teller}`, verb, { dossierId, ...data }, { from: wijkLid, ...inNoord }));
  };
  /** The tick at `om`, then the queue drained as the sender does: one message per job. */
  const tickEnVerzend = async (om: string) => {
    klok.nu = ams(om);
    const { termijnbewaking, wachtrij, verzender } = await applicatie.verzending();
    await termijnbewaking.tick();
    for (const b of await wachtrij.haalOp(10, 60)) await verzender.verwerk(b);
  };
  /** A card the bot posted into a conversation, with the activity id the connector gave it. */
  const geplaatst = (gesprek: string, tekst: string) => {
    const i = connector.ontvangen.findIndex((o) => o.methode === 'POST' && o.pad.startsWith(`/v3/conversations/${encodeURIComponent(gesprek)}/activities`) && JSON.stringify(o.activity).includes(tekst));
    return i < 0 ? undefined : `act-${i + 1}`;
  };
  const updatesVan = (gesprek: string, activityId: string) =>
    connector.ontvangen.filter((o) => o.methode === 'PUT' && o.pad === `/v3/conversations/${encodeURIComponent(gesprek)}/activities/${activityId}`).map((o) => JSON.stringify(o.activity));

  beforeEach(async () => {
    klok.nu = ams('2026-03-02 10:00');
    connector = await startFakeConnector();
    applicatie = await testApplicatie({ LIMIET_GEBRUIKER_PIEK: '1000' }, { regios: vasteRegioGids([REGIO]), teamLeden: new VasteLeden(), klok: klok.lees });
    host = await startHost(applicatie, 0);
    // Conversation references, as Teams sends them: the coordinator's personal chat and the team channel.
    await post(activity(connector.url, { type: 'conversationUpdate', id: 'cu-coord', membersAdded: [{ id: 'bot-1' }], from: COORDINATOR, conversation: { id: 'a:coord', conversationType: 'personal', tenantId: 'tenant-1' } }));
    await post(activity(connector.url, { type: 'message', id: 'msg-noord', text: '<at>meldroute</at> help', entities: [{ type: 'mention', text: '<at>meldroute</at>', mentioned: { id: 'bot-1' } }], from: wijkLid, ...inNoord }));
    await applicatie.stores.koppelingen.koppel({
      kanaal: { soort: 'kanaal', teamId: WIJK_TEAM, kanaalId: NOORD },
      koppeling: { soort: 'lokaal-team', regioId: 'vt-regio-demo', teamKey: 'wijkteam-noord' },
      door: { id: 'aad-beheer', naam: 'Bea' },
      op: '2026-03-02T09:00:00.000Z',
    });
    // Handed over to Wijkteam Noord on Monday 2 March, 10:00.
    const d = aangeboden('2026-03-02 10:00');
    if (d.veiligThuis?.fase !== 'overdracht-aangeboden') throw new Error('fixture');
    const o = d.veiligThuis.overdracht;
    await applicatie.stores.dossiers.create({ ...d, regioId: 'vt-regio-demo', veiligThuis: { ...d.veiligThuis, regioId: 'vt-regio-demo', overdracht: { ...o, partij: { ...o.partij, teamId: 'wijkteam-noord' } } } }, auditVan(d.id));
    dossierId = d.id;
  });
  afterEach(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  it('channel nudge and coordinator nudge -> the team confirms -> both cards updated in place: "Afgehandeld door … op …", no actions', async () => {
    await tickEnVerzend('2026-03-03 09:05');
    const inKanaal = geplaatst(NOORD, 'Herinnering · Overdracht bevestigen');
    expect(inKanaal).toBeDefined();
    // Not confirmed after 2 werkdagen: the coordinator in their personal chat.
    await tickEnVerzend('2026-03-04 09:05');
    const bijCoordinator = geplaatst('a:coord', 'Overdracht bevestigen');
    expect(bijCoordinator).toBeDefined();

    // Before the deadline is met, a refresh shows the nudge with its actions.
    expect(await klikInNoord('termijn-vernieuw', MIJLPAAL)).toContain('Herinner mij morgen');

    klok.nu = ams('2026-03-04 10:15');
    const versie = String((await applicatie.stores.dossiers.get(dossierId))?.waarde.gebeurtenissen.length);
    expect(await klikInNoord('lt-bevestig', { versie, regisseur: 'J. de Vries' })).toContain('Overdracht bevestigd; regisseur: J. de Vries.');

    for (const [gesprek, id] of [[NOORD, inKanaal], ['a:coord', bijCoordinator]] as const) {
      const updates = updatesVan(gesprek, id ?? '');
      expect(updates).toHaveLength(1);
      expect(updates[0]).toContain('Afgehandeld door Jeroen de Vries op woensdag 4 maart 2026 om 10:15');
      expect(updates[0]).toContain('Gezin');
      expect(updates[0]).not.toContain('Action.Execute');
    }

    // Delivering again (the sweep, the next change) changes nothing more.
    const aantal = connector.ontvangen.length;
    await applicatie.bezorging.bezorg(dossierId);
    await applicatie.bezorging.veeg();
    expect(connector.ontvangen.slice(aantal).filter((o) => o.methode === 'PUT' && o.pad.endsWith(`/${inKanaal ?? ''}`))).toEqual([]);
    expect(updatesVan(NOORD, inKanaal ?? '')).toHaveLength(1);

    // A refresh of the old card, or a click on its "Herinner mij morgen", shows the afgehandeld state.
    for (const [verb, data] of [['termijn-vernieuw', MIJLPAAL], ['termijn-morgen', { mijlpaal: MIJLPAAL.mijlpaal, niveau: MIJLPAAL.niveau }]] as const) {
      const antwoord = await klikInNoord(verb, data);
      expect(antwoord).toContain('Afgehandeld door Jeroen de Vries op woensdag 4 maart 2026 om 10:15');
      expect(antwoord).not.toContain('Herinner mij morgen');
    }
  });
});
