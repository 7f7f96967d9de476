import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaartVoor } from '../../src/cards/kaarten.js';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import { VERBS, Verb, definitieVan } from '../../src/app/verbs.js';
import { demoRegister, testFlow, testStores } from '../support/app.js';
import { aangeboden, gemeld } from '../domain/fixtures.js';

const annelies: Aanvraag = { gebruiker: demoRegister.zoek('aad-prof-1', 'Annelies', 'tenant-1'), kanaal: 'msteams', gesprek: { soort: 'persoonlijk' } };

/** Every literal verb the card templates send. */
function templateVerbs(): string[] {
  const map = join(import.meta.dirname, '../../src/cards');
  return readdirSync(map)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => [...readFileSync(join(map, f), 'utf8').matchAll(/"verb":\s*"([^"$]+)"/g)].map((m) => m[1] as string));
}

describe('verb registry', () => {
  it('has a handler for every verb a card template sends', () => {
    const zonder = templateVerbs().filter((v) => !Verb.safeParse(v).success);
    expect(templateVerbs().length).toBeGreaterThan(10);
    expect(zonder).toEqual([]);
  });

  it('registers each verb once', () => {
    expect(new Set(VERBS).size).toBe(VERBS.length);
  });

  it.each(['constructor', '__proto__', 'toString', 'bestaat-niet', ''])('"%s" is no verb', (naam) => {
    expect(Verb.safeParse(naam).success).toBe(false);
  });

  it('groups the verbs: menus need no dossier, steps and forms do', () => {
    expect(['menu', 'hulp', 'nieuw', 'start', 'casussen'].map((v) => definitieVan(Verb.parse(v)).soort)).toEqual(Array(5).fill('algemeen'));
    expect(['open', 'signalen', 'melding', 'kenmerk', 'verslag'].map((v) => definitieVan(Verb.parse(v)).soort)).toEqual(Array(5).fill('dossier'));
  });

  it.each([
    ['signalen', 'signalen', 'beschrijving'],
    ['overleg', 'overleg', 'uitkomst'],
    ['gesprek', 'gesprek', 'uitkomst'],
    ['afweging', 'afweging', 'vraag'],
    ['advies', 'advies', 'adviseurVeiligThuis'],
    ['melding', 'melding', 'feiten'],
    ['afsluiten', 'afsluiten', 'toelichting'],
    ['kenmerk', 'kenmerk', 'referentie'],
  ] as const)('"%s" validates its own input: an empty form comes back as the %s form with a Dutch error at %s, nothing recorded', async (verb, scherm, veld) => {
    const stores = testStores();
    const { flow, service } = testFlow(stores);
    const r = await service.start(annelies, { referentie: 'Gezin K., groep 5', werktMetVolwassenen: false });
    if (!r.ok) throw new Error(r.fout.melding);
    const voor = await stores.dossiers.get(r.waarde.id);
    const w = await flow.verwerk(annelies, verb, { dossierId: r.waarde.id, versie: '0' });
    expect(w).toMatchObject({ soort: 'dossier', scherm });
    expect(w.soort === 'dossier' ? w.fouten?.[veld] : undefined).toMatch(/^[A-Z]/);
    expect((await stores.dossiers.get(r.waarde.id))?.etag).toBe(voor?.etag);
  });

  it('a dossier verb without a dossier asks to pick a case first', async () => {
    const { flow } = testFlow(testStores());
    expect(await flow.verwerk(annelies, 'signalen', {})).toEqual({ soort: 'welkom', melding: 'Kies eerst een casus via "Mijn casussen", of start een nieuwe meldcode.' });
  });
});

describe('refresh: the view on the card is checked, never trusted', () => {
  async function metKaart() {
    const stores = testStores();
    const { flow, service } = testFlow(stores);
    const r = await service.start(annelies, { referentie: 'Gezin K., groep 5', werktMetVolwassenen: false });
    if (!r.ok) throw new Error(r.fout.melding);
    return { stores, flow, dossierId: r.waarde.id };
  }

  it.each([
    ['the view it was rendered for', { weergave: 'professional' }, true],
    ['no view (a card from before views existed)', {}, true],
    ['a view this person does not have here', { weergave: 'veilig-thuis' }, false],
    ['a view that is no text', { weergave: 42 }, false],
    ['a view that looks like a BSN', { weergave: '111222333' }, false],
  ])('the owner refreshes a card claiming %s: shown %s', async (_naam, claim, getoond) => {
    const { stores, flow, dossierId } = await metKaart();
    const w = await flow.verwerk(annelies, 'vernieuw', { dossierId, ...claim });
    expect(w.soort).toBe(getoond ? 'dossier' : 'fout');
    expect(JSON.stringify(kaartVoor(w).content)).toContain(getoond ? 'Gezin K.' : 'geen toegang');
    if (!getoond) expect(JSON.stringify(kaartVoor(w).content)).not.toContain('Gezin K.');
    expect((await stores.audit.lijst({ dossierId })).at(-1)).toMatchObject({ actie: 'read', actor: { id: 'aad-prof-1' }, uitkomst: getoond ? 'toegestaan' : 'geweigerd' });
  });

  it('someone else refreshing the professional view of the card is refused and audited', async () => {
    const { stores, flow, dossierId } = await metKaart();
    const collega: Aanvraag = { ...annelies, gebruiker: demoRegister.zoek('aad-prof-2', 'Bram', 'tenant-1') };
    const w = await flow.verwerk(collega, 'vernieuw', { dossierId, weergave: 'professional' });
    expect(w).toEqual({ soort: 'fout', melding: 'U heeft geen toegang tot deze casus.' });
    expect((await stores.audit.lijst({ dossierId })).at(-1)).toMatchObject({ actie: 'read', actor: { id: 'aad-prof-2' }, uitkomst: 'geweigerd' });
  });
});

describe('a coordinator opens a case of their team in the personal chat', () => {
  const mo: Aanvraag = { gebruiker: { id: 'aad-coord', naam: 'Mo', rol: 'coordinator', organisatieId: 'gemeente', lokaalTeamId: 'team-noord' }, kanaal: 'msteams', gesprek: { soort: 'persoonlijk' } };
  const bewaar = async (stores: ReturnType<typeof testStores>, d: ReturnType<typeof aangeboden>) =>
    stores.dossiers.create(d, { id: `audit-${d.id}`, op: '2026-03-02T09:00:00.000Z', actor: { id: 'aad-prof-1', naam: 'Juf' }, rol: 'professional', actie: 'create', dossierId: d.id, kanaal: 'msteams', uitkomst: 'toegestaan' });

  it('sees the lokaal team\'s view: no melder, no facts; a case not handed over to the team, nothing', async () => {
    const stores = testStores();
    const { flow } = testFlow(stores);
    await bewaar(stores, aangeboden());
    const w = await flow.verwerk(mo, 'open', { dossierId: 'dossier-1' });
    expect(w).toMatchObject({ soort: 'kanaal-dossier', weergave: 'lokaal-team' });
    const json = JSON.stringify(kaartVoor(w).content);
    expect(json).toContain('Gezin K., groep 5');
    expect(json).not.toContain('06 12345678');
    expect(json).not.toContain('Blauwe plekken');

    const ander = testStores();
    await bewaar(ander, { ...gemeld(), id: 'dossier-1' });
    expect((await testFlow(ander).flow.verwerk(mo, 'open', { dossierId: 'dossier-1' })).soort).toBe('fout');
    expect((await ander.audit.lijst({ dossierId: 'dossier-1' })).at(-1)).toMatchObject({ actie: 'read', uitkomst: 'geweigerd' });
  });
});
