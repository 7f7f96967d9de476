import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vasteRegioGids, type RegioInfo } from '../../src/app/regio.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import type { TeamLeden } from '../../src/bot/teamLeden.js';
import { startHost, type Host } from '../../scripts/host.js';
import type { AuditRegel, KanaalSleutel } from '../../src/store/ports.js';
import { aangeboden, gemeld } from '../domain/fixtures.js';
import { activity, klik } from '../support/activiteit.js';
import { testApplicatie } from '../support/bot.js';
import { startFakeConnector } from '../support/fakeConnector.js';

const TEAM = '19:vt-team@thread.tacv2';
const INTAKE = '19:intake@thread.tacv2';
const WIJKTEAM = '19:wijkteam@thread.tacv2';
const ANDER = '19:ander@thread.tacv2';

const REGIOS: RegioInfo[] = [
  {
    id: 'vt-gelderland-zuid',
    naam: 'Gelderland-Zuid',
    veiligThuis: { naam: 'Veilig Thuis Gelderland-Zuid', telefoon: '0800-2000', teamleiders: [] },
    gemeenten: [{ naam: 'Nijmegen', lokaleTeams: [{ key: 'team-noord', naam: 'Wijkteam Noord', coordinatoren: [] }] }],
    beheerders: ['aad-beheer'],
  },
  {
    id: 'vt-zaanstreek-waterland',
    naam: 'Zaanstreek-Waterland',
    veiligThuis: { naam: 'Veilig Thuis Zaanstreek-Waterland', telefoon: '0800-2000', teamleiders: [] },
    gemeenten: [{ naam: 'Zaanstad', lokaleTeams: [{ key: 'sociaal-wijkteam-zaandam', naam: 'Sociaal Wijkteam Zaandam', coordinatoren: [] }] }],
    beheerders: ['aad-beheer-zw'],
  },
];

const beheerder = { id: 'user-beheer', name: 'Bea Beheer', aadObjectId: 'aad-beheer' };
const collega = { id: 'user-vt', name: 'Sanne Jansen', aadObjectId: 'aad-vt-gz' };
const buitenstaander = { id: 'user-vreemd', name: 'Vera Vreemd', aadObjectId: 'aad-vreemd' };
const wijkLid = { id: 'user-wijk', name: 'Jeroen de Vries', aadObjectId: 'aad-wijk-gz' };

/** Teams' roster as the test decides it: everyone is a member, except who is listed here. */
class VasteLeden implements TeamLeden {
  readonly geenLid = new Set<string>(['user-vreemd']);
  async isLid(context: Parameters<TeamLeden['isLid']>[0]): Promise<boolean> {
    return !this.geenLid.has(context.activity.from.id);
  }
}

function inKanaal(kanaalId: string, teamId = TEAM): Record<string, unknown> {
  return {
    conversation: { id: `${kanaalId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, team: { id: teamId, name: 'Veilig Thuis' }, channel: { id: kanaalId } },
  };
}

const kanaalSleutel = (kanaalId: string, teamId = TEAM): KanaalSleutel => ({ soort: 'kanaal', teamId, kanaalId });

describe('channel bindings through the host and a fake Bot Connector (issue 9)', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  const leden = new VasteLeden();
  let teller = 0;

  const post = async (body: unknown) => {
    const r = await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tekst = await r.text();
    return { status: r.status, body: tekst ? (JSON.parse(tekst) as Record<string, unknown>) : undefined };
  };
  /** Types `tekst` as `van` in a conversation and returns what meldroute answered, as JSON text. */
  const typ = async (tekst: string, van: typeof beheerder, gesprek: Record<string, unknown>) => {
    teller += 1;
    const voor = connector.ontvangen.length;
    const r = await post(activity(connector.url, { type: 'message', id: `msg-${teller}`, text: `<at>meldroute</at> ${tekst}`, entities: [{ type: 'mention', text: '<at>meldroute</at>', mentioned: { id: 'bot-1' } }], from: van, ...gesprek }));
    expect(r.status).toBe(200);
    expect(connector.ontvangen.length).toBe(voor + 1);
    return JSON.stringify(connector.ontvangen.at(-1)?.activity);
  };
  const laatsteAudit = async (): Promise<AuditRegel | undefined> => (await applicatie.stores.audit.lijst({})).at(-1);
  const koppeling = async (kanaalId: string) => (await applicatie.stores.koppelingen.voorKanaal(kanaalSleutel(kanaalId)))?.waarde.koppeling;

  beforeAll(async () => {
    // Many turns by one admin at one fixed moment: lift the per-user burst limit for this walk.
    applicatie = await testApplicatie({ LIMIET_GEBRUIKER_PIEK: '1000' }, { regios: vasteRegioGids(REGIOS), teamLeden: leden });
    host = await startHost(applicatie, 0);
    connector = await startFakeConnector({ kanalen: { [TEAM]: [{ id: TEAM }, { id: INTAKE, name: 'Intake meldingen' }, { id: WIJKTEAM, name: 'Wijkteam Noord' }] } });
  });
  afterAll(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  it('on install in a team keeps the reference of the team and of every channel, with its name', async () => {
    const r = await post(activity(connector.url, { type: 'conversationUpdate', id: 'cu-team', membersAdded: [{ id: 'bot-1' }], from: beheerder, ...inKanaal(TEAM) }));
    expect(r.status).toBe(200);
    expect(connector.opgevraagd).toContain(`/v3/teams/${encodeURIComponent(TEAM)}/conversations`);
    expect(await applicatie.stores.gesprekken.zoek(kanaalSleutel(INTAKE))).toMatchObject({ conversation: { id: INTAKE, name: 'Intake meldingen', conversationType: 'channel' }, serviceUrl: connector.url });
    expect(await applicatie.stores.gesprekken.zoek(kanaalSleutel(TEAM))).toMatchObject({ conversation: { id: TEAM } });
  });

  it('an install where Teams refuses the channel list still keeps the team and answers normally', async () => {
    const ander = '19:ander-team@thread.tacv2';
    const r = await post(activity(connector.url, { type: 'installationUpdate', action: 'add', id: 'iu-1', from: beheerder, ...inKanaal(ander, ander) }));
    expect(r.status).toBe(200);
    expect(await applicatie.stores.gesprekken.zoek(kanaalSleutel(ander, ander))).toMatchObject({ conversation: { id: ander } });
  });

  describe('commands', () => {
    it.each<[string, Record<string, unknown>]>([
      ['a personal chat', {}],
      ['a group chat', { conversation: { id: '19:overleg@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' } }],
    ])('in %s: one line saying it works in a channel, nothing stored', async (_naam, gesprek) => {
      for (const opdracht of ['koppel kanaal aan Veilig Thuis Gelderland-Zuid', 'ontkoppel', 'koppelingen']) {
        expect(await typ(opdracht, beheerder, gesprek)).toContain('doet u in het teamkanaal zelf');
      }
      expect(await applicatie.stores.koppelingen.lijst('vt-gelderland-zuid')).toEqual([]);
    });

    it('a non-admin is refused with a Dutch message; nothing changes; the refusal is audited', async () => {
      const antwoord = await typ('koppel kanaal aan Veilig Thuis Gelderland-Zuid', collega, inKanaal(INTAKE));
      expect(antwoord).toContain('Alleen een beheerder van een regio kan kanalen koppelen. Er is niets gewijzigd.');
      expect(await koppeling(INTAKE)).toBeUndefined();
      expect(await laatsteAudit()).toMatchObject({ actie: 'koppel', uitkomst: 'geweigerd', actor: { id: 'aad-vt-gz' }, gesprek: `kanaal:${TEAM}:${INTAKE}` });
    });

    it('the admin of another region may not bind to this region', async () => {
      const anderBeheer = { id: 'user-zw', name: 'Zoë Zaan', aadObjectId: 'aad-beheer-zw' };
      expect(await typ('koppel kanaal aan Veilig Thuis gelderland-zuid', anderBeheer, inKanaal(INTAKE))).toContain('U bent geen beheerder van regio Gelderland-Zuid');
      expect(await koppeling(INTAKE)).toBeUndefined();
      expect(await laatsteAudit()).toMatchObject({ actie: 'koppel', uitkomst: 'geweigerd', namens: 'veilig-thuis:vt-gelderland-zuid' });
    });

    it.each([
      ['koppel kanaal aan Veilig Thuis Utrecht', 'Geen regio \\"Utrecht\\" gevonden. U kunt kiezen uit: Gelderland-Zuid (vt-gelderland-zuid)'],
      ['koppel kanaal aan lokaal team Wijkteam Zuid', 'Geen lokaal team \\"Wijkteam Zuid\\" gevonden. U kunt kiezen uit: Wijkteam Noord (team-noord)'],
      ['koppel kanaal aan Veilig Thuis', 'Geen regio'],
      ['koppel dit kanaal', 'gevolgd door de naam van de regio of het team'],
    ])('"%s" names the choices and binds nothing', async (opdracht, verwacht) => {
      expect(await typ(opdracht, beheerder, inKanaal(INTAKE))).toContain(verwacht);
      expect(await koppeling(INTAKE)).toBeUndefined();
    });

    it('the admin binds the channel to Veilig Thuis of the region: a card says so, the binding is stored and audited', async () => {
      const kaart = await typ('koppel kanaal aan Veilig Thuis Gelderland-Zuid', beheerder, inKanaal(INTAKE));
      expect(kaart).toContain('Gekoppeld aan Veilig Thuis regio Gelderland-Zuid');
      expect(kaart).toContain('Intake meldingen');
      expect(kaart).not.toMatch(/dossierId|Gezin/);
      expect(await koppeling(INTAKE)).toEqual({ soort: 'veilig-thuis', regioId: 'vt-gelderland-zuid' });
      expect(await laatsteAudit()).toMatchObject({ actie: 'koppel', uitkomst: 'toegestaan', actor: { id: 'aad-beheer' }, namens: 'veilig-thuis:vt-gelderland-zuid', gesprek: `kanaal:${TEAM}:${INTAKE}` });
      expect(await applicatie.stores.koppelingen.kanaalVoor({ soort: 'veilig-thuis', regioId: 'vt-gelderland-zuid' })).toMatchObject({ kanaal: kanaalSleutel(INTAKE), referentie: { conversation: { id: INTAKE } } });
    });

    it('the admin binds another channel to a lokaal team by its key', async () => {
      expect(await typ('koppel kanaal aan lokaal team team-noord', beheerder, inKanaal(WIJKTEAM))).toContain('Gekoppeld aan lokaal team Wijkteam Noord van gemeente Nijmegen, regio Gelderland-Zuid');
      expect(await koppeling(WIJKTEAM)).toEqual({ soort: 'lokaal-team', regioId: 'vt-gelderland-zuid', teamKey: 'team-noord' });
    });

    it('"koppelingen" lists the bindings of the admin\'s region; a non-admin is refused', async () => {
      const overzicht = await typ('koppelingen', beheerder, inKanaal(ANDER));
      expect(overzicht).toMatch(/Regio Gelderland-Zuid[\s\S]*Veilig Thuis regio Gelderland-Zuid[\s\S]*Intake meldingen[\s\S]*Wijkteam Noord/);
      expect(overzicht).not.toContain('Zaanstreek');
      expect(await typ('koppelingen', collega, inKanaal(ANDER))).toContain('Alleen een beheerder van een regio kan de koppelingen zien.');
      expect(await laatsteAudit()).toMatchObject({ actie: 'search', uitkomst: 'geweigerd', actor: { id: 'aad-vt-gz' } });
    });

    it('binding Veilig Thuis in a second channel moves it there: the first channel is unbound, both audited', async () => {
      const kaart = await typ('koppel kanaal aan Veilig Thuis vt-gelderland-zuid', beheerder, inKanaal(ANDER));
      expect(kaart).toContain('Intake meldingen was hieraan gekoppeld; die koppeling is opgeheven');
      expect(await koppeling(INTAKE)).toBeUndefined();
      const laatste = (await applicatie.stores.audit.lijst({})).slice(-2);
      expect(laatste.map((r) => [r.actie, r.gesprek])).toEqual([
        ['koppel', `kanaal:${TEAM}:${ANDER}`],
        ['ontkoppel', `kanaal:${TEAM}:${INTAKE}`],
      ]);
      // Back to the intake channel for the tests below.
      await typ('koppel kanaal aan Veilig Thuis Gelderland-Zuid', beheerder, inKanaal(INTAKE));
      expect(await koppeling(ANDER)).toBeUndefined();
    });

    it('"ontkoppel" by a non-admin is refused and audited; by the admin it unbinds', async () => {
      await typ('koppel kanaal aan lokaal team Wijkteam Noord', beheerder, inKanaal(ANDER));
      expect(await typ('ontkoppel', collega, inKanaal(ANDER))).toContain('Alleen een beheerder van regio Gelderland-Zuid kan dit kanaal ontkoppelen');
      expect(await laatsteAudit()).toMatchObject({ actie: 'ontkoppel', uitkomst: 'geweigerd' });
      expect(await koppeling(ANDER)).toBeDefined();
      expect(await typ('ontkoppel', beheerder, inKanaal(ANDER))).toContain('Ontkoppeld van lokaal team Wijkteam Noord');
      expect(await koppeling(ANDER)).toBeUndefined();
      expect(await laatsteAudit()).toMatchObject({ actie: 'ontkoppel', uitkomst: 'toegestaan', namens: 'lokaal-team:vt-gelderland-zuid:team-noord' });
      expect(await typ('ontkoppel', beheerder, inKanaal(ANDER))).toContain('Dit kanaal is niet gekoppeld. Er is niets gewijzigd.');
      // The team moved to ANDER above, so its own channel lost it; bind it back for the tests below.
      expect(await koppeling(WIJKTEAM)).toBeUndefined();
      await typ('koppel kanaal aan lokaal team team-noord', beheerder, inKanaal(WIJKTEAM));
    });
  });

  describe('what a bound channel may show (the access function, with the binding and membership from the server)', () => {
    let vtDossier: string;
    let overgedragen: string;
    beforeAll(async () => {
      const opgeslagen = async (d: ReturnType<typeof gemeld>, id: string) => {
        await applicatie.stores.dossiers.create({ ...d, id }, { id: `audit-${id}`, op: '2026-03-02T09:00:00.000Z', actor: { id: 'aad-prof-1', naam: 'Juf' }, rol: 'professional', actie: 'create', dossierId: id, kanaal: 'msteams', uitkomst: 'toegestaan' });
        return id;
      };
      vtDossier = await opgeslagen(gemeld(), 'dossier-vt');
      overgedragen = await opgeslagen(aangeboden(), 'dossier-overdracht');
    });
    const open = async (dossierId: string, van: typeof beheerder, kanaalId: string) => {
      teller += 1;
      await post(klik(connector.url, `inv-${teller}`, 'open', { dossierId }, { from: van, ...inKanaal(kanaalId) }));
      return (await applicatie.stores.audit.lijst({ dossierId })).at(-1);
    };

    it.each<[string, () => string, typeof beheerder, string, AuditRegel['uitkomst']]>([
      ['a member in the Veilig Thuis channel of the region opens a melding', () => vtDossier, collega, INTAKE, 'toegestaan'],
      ['someone outside the bound team, in that channel', () => vtDossier, buitenstaander, INTAKE, 'geweigerd'],
      ['a member in the lokaal team channel, before any overdracht', () => vtDossier, collega, WIJKTEAM, 'geweigerd'],
      ['a member in the lokaal team channel, after the overdracht to it', () => overgedragen, wijkLid, WIJKTEAM, 'toegestaan'],
      ['a Veilig Thuis member of the same Teams team, in the lokaal team channel', () => overgedragen, collega, WIJKTEAM, 'geweigerd'],
      ['a lokaal team member of the same Teams team, in the Veilig Thuis channel (the melder, the facts)', () => overgedragen, wijkLid, INTAKE, 'geweigerd'],
      ['a member in an unbound channel', () => vtDossier, collega, ANDER, 'geweigerd'],
    ])('%s: %s', async (_naam, dossier, van, kanaalId, uitkomst) => {
      expect(await open(dossier(), van, kanaalId)).toMatchObject({ actie: 'read', uitkomst });
    });

    it('a binding claimed in card data is ignored', async () => {
      teller += 1;
      await post(klik(connector.url, `inv-${teller}`, 'open', { dossierId: vtDossier, koppeling: { soort: 'veilig-thuis', regioId: 'vt-gelderland-zuid' }, teamLid: true }, { from: collega, ...inKanaal(ANDER) }));
      expect((await applicatie.stores.audit.lijst({ dossierId: vtDossier })).at(-1)).toMatchObject({ uitkomst: 'geweigerd' });
    });
  });

  describe('channel events', () => {
    const NIEUW = '19:nieuw@thread.tacv2';
    const gebeurtenis = (eventType: string, kanaal: { id: string; name?: string }) =>
      activity(connector.url, {
        type: 'conversationUpdate',
        id: `cu-${eventType}-${kanaal.id}`,
        from: beheerder,
        conversation: { id: TEAM, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
        channelData: { tenant: { id: 'tenant-1' }, team: { id: TEAM }, channel: kanaal, eventType },
      });

    it('a created channel is kept with its name, a renamed one gets its new name', async () => {
      await post(gebeurtenis('channelCreated', { id: NIEUW, name: 'Spoed' }));
      expect(await applicatie.stores.gesprekken.zoek(kanaalSleutel(NIEUW))).toMatchObject({ conversation: { id: NIEUW, name: 'Spoed' } });
      await post(gebeurtenis('channelRenamed', { id: NIEUW, name: 'Spoedmeldingen' }));
      expect(await applicatie.stores.gesprekken.zoek(kanaalSleutel(NIEUW))).toMatchObject({ conversation: { id: NIEUW, name: 'Spoedmeldingen' } });
      // A message in the channel does not carry its name; the known name stays.
      await typ('help', collega, inKanaal(NIEUW));
      expect(await applicatie.stores.gesprekken.zoek(kanaalSleutel(NIEUW))).toMatchObject({ conversation: { name: 'Spoedmeldingen' } });
    });

    it('a deleted bound channel loses its binding, audited; Veilig Thuis of the region then has no channel', async () => {
      await typ('koppel kanaal aan Veilig Thuis Gelderland-Zuid', beheerder, inKanaal(NIEUW));
      expect(await koppeling(NIEUW)).toBeDefined();
      const r = await post(gebeurtenis('channelDeleted', { id: NIEUW, name: 'Spoedmeldingen' }));
      expect(r.status).toBe(200);
      expect(await koppeling(NIEUW)).toBeUndefined();
      expect(await laatsteAudit()).toMatchObject({ actie: 'ontkoppel', uitkomst: 'toegestaan', actor: { id: 'aad-beheer' }, gesprek: `kanaal:${TEAM}:${NIEUW}`, namens: 'veilig-thuis:vt-gelderland-zuid' });
      expect(await applicatie.stores.koppelingen.kanaalVoor({ soort: 'veilig-thuis', regioId: 'vt-gelderland-zuid' })).toBeUndefined();
    });

    it('a deleted channel without a binding changes nothing', async () => {
      const voor = (await applicatie.stores.audit.lijst({})).length;
      expect((await post(gebeurtenis('channelDeleted', { id: '19:los@thread.tacv2' }))).status).toBe(200);
      expect(await applicatie.stores.audit.lijst({})).toHaveLength(voor);
    });
  });
});

describe('Teams membership through the SDK roster, against the fake Bot Connector', () => {
  let applicatie: Applicatie;
  let host: Host;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;
  const GEDEELD = '19:gedeeld@thread.tacv2';

  beforeAll(async () => {
    // No teamLeden given: the real TeamsRooster asks the connector.
    applicatie = await testApplicatie({}, { regios: vasteRegioGids(REGIOS) });
    host = await startHost(applicatie, 0);
    connector = await startFakeConnector({ leden: { [TEAM]: ['user-vt'], [GEDEELD]: ['user-gemeente', 'user-vt-elders'] } });
    await applicatie.stores.dossiers.create({ ...gemeld(), id: 'dossier-rooster' }, { id: 'audit-rooster', op: '2026-03-02T09:00:00.000Z', actor: { id: 'aad-prof-1', naam: 'Juf' }, rol: 'professional', actie: 'create', dossierId: 'dossier-rooster', kanaal: 'msteams', uitkomst: 'toegestaan' });
    for (const kanaalId of [INTAKE, GEDEELD]) {
      await applicatie.stores.koppelingen.koppel({ kanaal: kanaalSleutel(kanaalId), koppeling: { soort: 'veilig-thuis', regioId: 'vt-gelderland-zuid' }, door: { id: 'aad-beheer', naam: 'Bea' }, op: '2026-03-02T09:00:00.000Z' });
    }
  });
  afterAll(async () => {
    await host.stop();
    await connector.stop();
    await applicatie.sluit();
  });

  const open = async (id: string, van: { id: string; name: string; aadObjectId: string }, kanaalId: string) => {
    await fetch(`${host.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(klik(connector.url, id, 'open', { dossierId: 'dossier-rooster' }, { from: van, ...inKanaal(kanaalId) })) });
    return (await applicatie.stores.audit.lijst({ dossierId: 'dossier-rooster' })).at(-1)?.uitkomst;
  };

  it('a member of the bound team is let through, and the answer is cached briefly', async () => {
    const lid = { id: 'user-vt', name: 'Sanne', aadObjectId: 'aad-vt-gz' };
    expect(await open('r-1', lid, INTAKE)).toBe('toegestaan');
    expect(await open('r-2', lid, INTAKE)).toBe('toegestaan');
    expect(connector.opgevraagd.filter((p) => p.endsWith('/members/user-vt'))).toHaveLength(1);
  });

  it('someone Teams does not list is refused', async () => {
    expect(await open('r-3', { id: 'user-vreemd', name: 'Vera', aadObjectId: 'aad-vreemd' }, INTAKE)).toBe('geweigerd');
  });

  it('in a shared channel, a Veilig Thuis member of the channel from another team or tenant is let through', async () => {
    expect(await open('r-4', { id: 'user-vt-elders', name: 'Gert (Veilig Thuis, andere tenant)', aadObjectId: 'aad-vt-gz-2' }, GEDEELD)).toBe('toegestaan');
    expect(connector.opgevraagd).toContain(`/v3/conversations/${encodeURIComponent(GEDEELD)}/members/user-vt-elders`);
  });

  it('a member of the shared channel who does not work for Veilig Thuis is refused, though Teams lists them', async () => {
    expect(await open('r-5', { id: 'user-gemeente', name: 'Gert Gemeente', aadObjectId: 'aad-gemeente' }, GEDEELD)).toBe('geweigerd');
  });
});
