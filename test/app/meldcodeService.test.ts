import { describe, expect, it } from 'vitest';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import type { Gesprek } from '../../src/app/toegang.js';
import { demoRegister, naarMelding, testFlow, testStores } from '../support/app.js';

const als = (id: string, naam: string): Aanvraag => ({ gebruiker: demoRegister.zoek(id, naam, 'tenant-1'), kanaal: 'msteams', gesprek: { soort: 'persoonlijk' } });
const annelies = als('aad-prof-1', 'Annelies');
const collega = als('aad-prof-2', 'Bram');
const aandacht = als('aad-aandacht', 'Peter');
const vt = als('aad-vt', 'Sanne');

async function metDossier() {
  const stores = testStores();
  const { service } = testFlow(stores);
  const r = await service.start(annelies, { referentie: 'Gezin K., groep 5', werktMetVolwassenen: false });
  if (!r.ok) throw new Error(r.fout.melding);
  return { stores, service, id: r.waarde.id };
}

describe('MeldcodeService: access by role and organisation, every read and write audited', () => {
  it.each([
    ['the owner', annelies, true],
    ['another professional of the same organisation', collega, false],
    ['the aandachtsfunctionaris of the organisation', aandacht, true],
    ['Veilig Thuis before any melding', vt, false],
  ])('%s may read: %s', async (_naam, wie, mag) => {
    const { service, stores, id } = await metDossier();
    const r = await service.open(wie, id);
    expect(r.ok).toBe(mag);
    const laatste = (await stores.audit.lijst({ dossierId: id })).at(-1);
    expect(laatste).toMatchObject({ actie: 'read', actor: { id: wie.gebruiker.id }, rol: wie.gebruiker.rol, uitkomst: mag ? 'toegestaan' : 'geweigerd', kanaal: 'msteams' });
  });

  it('only the owner records meldcode steps; a refusal is audited and changes nothing', async () => {
    const { service, stores, id } = await metDossier();
    const r = await service.pasToe(aandacht, id, { soort: 'afsluiten', toelichting: 'Niet mijn casus.' });
    expect(r.ok ? 'ok' : r.fout.code).toBe('geen-toegang');
    expect((await stores.dossiers.get(id))?.waarde.meldcode.status).toBe('lopend');
    expect((await stores.audit.lijst({ dossierId: id })).map((a) => [a.actie, a.uitkomst])).toEqual([
      ['create', 'toegestaan'],
      ['update', 'geweigerd'],
    ]);
  });

  it('after a melding Veilig Thuis sees the dossier in its bound channel, never the professional\'s view in a personal chat', async () => {
    const { service, id } = await metDossier();
    for (const commando of naarMelding()) {
      const r = await service.pasToe(annelies, id, commando);
      expect(r.ok, commando.soort).toBe(true);
    }
    expect((await service.open(vt, id)).ok).toBe(false);
    expect(await service.casussen(vt)).toEqual([]);
    const inVtKanaal: Aanvraag = { ...vt, gesprek: { soort: 'kanaal', teamId: 'team-vt', kanaalId: 'intake', koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, teamLid: true } };
    expect((await service.open(inVtKanaal, id)).ok).toBe(true);
  });

  it('lists a search in the audit trail without a dossier id', async () => {
    const { service, stores } = await metDossier();
    expect(await service.casussen(annelies)).toHaveLength(1);
    expect(await service.casussen(collega)).toHaveLength(0);
    expect((await stores.audit.lijst({})).filter((a) => a.actie === 'search').map((a) => a.dossierId)).toEqual([undefined, undefined]);
  });

  it('the dossierverslag is an audited export and holds every step with time and actor', async () => {
    const { service, stores, id } = await metDossier();
    const r = await service.exporteer(annelies, id);
    expect(r.ok).toBe(true);
    expect((await stores.audit.lijst({ dossierId: id })).at(-1)?.actie).toBe('export');
  });
});

describe('MeldcodeService: exactly one audit entry per use case, allowed, refused or not found', () => {
  const beleid: Aanvraag = { gebruiker: { id: 'aad-beleid', naam: 'Fatima', rol: 'beleidsmedewerker', organisatieId: 'gemeente' }, kanaal: 'msteams', gesprek: { soort: 'persoonlijk' } };
  const coordinator: Aanvraag = { gebruiker: { id: 'aad-coord', naam: 'Kees', rol: 'coordinator', organisatieId: 'gemeente', lokaalTeamId: 'team-noord' }, kanaal: 'msteams', gesprek: { soort: 'persoonlijk' } };
  type Geval = [string, (c: Awaited<ReturnType<typeof metDossier>>) => Promise<unknown>, (id: string) => Record<string, unknown>];
  it.each<Geval>([
    ['start', (c) => c.service.start(annelies, { referentie: 'Gezin P.', werktMetVolwassenen: false }), () => ({ actie: 'create', uitkomst: 'toegestaan', dossierId: expect.any(String) })],
    ['open by the owner', (c) => c.service.open(annelies, c.id), (id) => ({ actie: 'read', uitkomst: 'toegestaan', dossierId: id })],
    ['open by someone without access', (c) => c.service.open(collega, c.id), (id) => ({ actie: 'read', uitkomst: 'geweigerd', dossierId: id })],
    ['open of a dossier that does not exist', (c) => c.service.open(annelies, 'bestaat-niet'), () => ({ actie: 'read', uitkomst: 'niet-gevonden', dossierId: 'bestaat-niet' })],
    ['export by the owner', (c) => c.service.exporteer(annelies, c.id), (id) => ({ actie: 'export', uitkomst: 'toegestaan', dossierId: id })],
    ['export by someone without access', (c) => c.service.exporteer(vt, c.id), (id) => ({ actie: 'export', uitkomst: 'geweigerd', dossierId: id })],
    ['export of a dossier that does not exist', (c) => c.service.exporteer(annelies, 'bestaat-niet'), () => ({ actie: 'export', uitkomst: 'niet-gevonden', dossierId: 'bestaat-niet' })],
    [
      'a step by the owner',
      (c) => c.service.pasToe(annelies, c.id, { soort: 'signalen', signalen: { categorieen: ['anders'], beschrijving: 'Feiten feiten feiten.', waargenomenDoor: 'Leerkracht' } }),
      (id) => ({ actie: 'update', uitkomst: 'toegestaan', dossierId: id }),
    ],
    ['a step by someone else', (c) => c.service.pasToe(aandacht, c.id, { soort: 'afsluiten', toelichting: 'Niet mijn casus.' }), (id) => ({ actie: 'update', uitkomst: 'geweigerd', dossierId: id })],
    ['a step on a dossier that does not exist', (c) => c.service.pasToe(annelies, 'bestaat-niet', { soort: 'afsluiten', toelichting: 'Weg.' }), () => ({ actie: 'update', uitkomst: 'niet-gevonden', dossierId: 'bestaat-niet' })],
    ['a step the protocol refuses (read, nothing changed)', (c) => c.service.pasToe(annelies, c.id, { soort: 'afweging', vraag: 5, antwoord: true }), (id) => ({ actie: 'read', uitkomst: 'toegestaan', dossierId: id })],
    ['a search, listing the dossiers shown', (c) => c.service.casussen(annelies), (id) => ({ actie: 'search', uitkomst: 'toegestaan', dossierIds: [id] })],
    ['a search by someone who may not search', (c) => c.service.casussen(beleid), () => ({ actie: 'search', uitkomst: 'geweigerd', rol: 'beleidsmedewerker' })],
    ['a search by a coordinator, on behalf of the team', (c) => c.service.casussen(coordinator), () => ({ actie: 'search', uitkomst: 'toegestaan', namens: 'lokaal-team:team-noord', dossierIds: [] })],
    ['a read by Veilig Thuis, on behalf of the region', (c) => c.service.open(vt, c.id), (id) => ({ actie: 'read', dossierId: id, namens: 'vt-regio:vt-regio-demo' })],
  ])('%s', async (_naam, doe, verwacht) => {
    const c = await metDossier();
    const voor = await c.stores.audit.lijst({});
    await doe(c);
    const na = await c.stores.audit.lijst({});
    expect(na).toHaveLength(voor.length + 1);
    expect(na.at(-1)).toMatchObject({ kanaal: 'msteams', ...verwacht(c.id) });
  });

  it('a professional acting for no one has no namens', async () => {
    const c = await metDossier();
    expect((await c.stores.audit.lijst({ dossierId: c.id })).at(-1)?.namens).toBeUndefined();
  });
});

describe('MeldcodeService: outside a personal chat every use case refuses, changes nothing and audits', () => {
  const buiten: [string, Gesprek][] = [
    ['a team channel', { soort: 'kanaal', teamId: 'team-1', kanaalId: 'kanaal-1' }],
    ['a group chat', { soort: 'groepschat' }],
  ];
  const daar = (gesprek: Gesprek): Aanvraag => ({ ...annelies, gesprek });

  it.each(buiten)('open, exporteer and pasToe in %s', async (_naam, gesprek) => {
    const { service, stores, id } = await metDossier();
    const voor = await stores.dossiers.get(id);
    expect((await service.open(daar(gesprek), id)).ok).toBe(false);
    expect((await service.exporteer(daar(gesprek), id)).ok).toBe(false);
    const r = await service.pasToe(daar(gesprek), id, { soort: 'afsluiten', toelichting: 'Vanuit het kanaal.' });
    expect(r.ok ? 'ok' : r.fout.code).toBe('geen-toegang');
    expect((await stores.dossiers.get(id))?.etag).toBe(voor?.etag);
    expect((await stores.audit.lijst({ dossierId: id })).map((a) => [a.actie, a.uitkomst, a.dossierId])).toEqual([
      ['create', 'toegestaan', id],
      ['read', 'geweigerd', id],
      ['export', 'geweigerd', id],
      ['update', 'geweigerd', id],
    ]);
  });

  it.each(buiten)('casussen in %s lists nothing and audits a refused search', async (_naam, gesprek) => {
    const { service, stores } = await metDossier();
    expect(await service.casussen(daar(gesprek))).toEqual([]);
    expect(await service.casussen(annelies)).toHaveLength(1);
    expect((await stores.audit.lijst({})).filter((a) => a.actie === 'search').map((a) => a.uitkomst)).toEqual(['geweigerd', 'toegestaan']);
  });

  it.each(buiten)('start in %s stores no dossier', async (_naam, gesprek) => {
    const stores = testStores();
    const { service } = testFlow(stores);
    const r = await service.start(daar(gesprek), { referentie: 'Gezin K., groep 5', werktMetVolwassenen: false });
    expect(r.ok ? 'ok' : r.fout.code).toBe('geen-toegang');
    expect((await stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' })).items).toEqual([]);
    expect((await stores.audit.lijst({})).map((a) => [a.actie, a.uitkomst])).toEqual([['create', 'geweigerd']]);
  });
});
