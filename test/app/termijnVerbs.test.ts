import { describe, expect, it } from 'vitest';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import type { Gesprek } from '../../src/app/toegang.js';
import { verwerkVerb, type Verb } from '../../src/app/verbs.js';
import { AFSPRAKEN_INVOER, demoRegios, demoRegister, naarMelding, testFlow, testStores } from '../support/app.js';

/**
 * The nudge card's escalation (issue 11): route a recorded on the dossier by the VT teamleider or
 * the coordinator of the lokaal team, outcome II moving on to b and c, anyone else refused and audited.
 */

const persoonlijk: Gesprek = { soort: 'persoonlijk' };
const als = (id: string, naam: string, gesprek: Gesprek = persoonlijk): Aanvraag => ({ gebruiker: demoRegister.zoek(id, naam, 'tenant-1'), kanaal: 'msteams', gesprek });
const annelies = als('aad-prof-1', 'Annelies');
const vtKanaal: Gesprek = { soort: 'kanaal', teamId: 'team-vt', kanaalId: 'intake', koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, teamLid: true };
const mo = als('00000000-0000-0000-0000-0000000000023', 'Mo Yilmaz');
const fatima = als('00000000-0000-0000-0000-0000000000024', 'Fatima El Amrani');

async function overgedragen() {
  const stores = testStores();
  const { service, klok } = testFlow(stores);
  const r = await service.start(annelies, { referentie: 'Gezin K., groep 5', werktMetVolwassenen: false });
  if (!r.ok) throw new Error(r.fout.melding);
  const id = r.waarde.id;
  for (const commando of naarMelding()) {
    const s = await service.pasToe(annelies, id, commando);
    if (!s.ok) throw new Error(s.fout.melding);
  }
  const omgeving = { service, klok: klok.lees, regios: demoRegios };
  const stuur = (a: Aanvraag, verb: Verb, data: Record<string, unknown> = {}) => verwerkVerb(omgeving, a, verb, { dossierId: id, ...data });
  const versie = String((await stores.dossiers.get(id))?.waarde.gebeurtenissen.length);
  await stuur(als('aad-vt', 'Sanne', vtKanaal), 'vt-beoordeling', {
    acuutOnveilig: 'false', structureelOnveilig: 'true', multiproblematiek: 'false',
    risicofactoren: 'Schulden', veiligheidsvoorwaarden: 'Afspraken.', besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', ...AFSPRAKEN_INVOER, versie,
  });
  const escalaties = async () => (await stores.dossiers.get(id))?.waarde.veiligThuis?.escalaties.map((e) => `${e.route}:${e.uitkomst ?? 'loopt'}`);
  expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.overdracht?.partij.teamId).toBe('wijkteam-noord');
  return { stores, id, stuur, escalaties };
}

describe('nudge card: Escaleren (route a) and the outcome', () => {
  it.each([
    ['the coordinator of the lokaal team', mo],
    ['the VT teamleider of the region', fatima],
  ])('%s records route a with a reason on the dossier', async (_naam, wie) => {
    const { stuur, escalaties, stores, id } = await overgedragen();
    const w = await stuur(wie, 'termijn-escaleer', { reden: 'Geen contact met het gezin na twee weken.' });
    expect(w).toMatchObject({ soort: 'welkom', melding: expect.stringContaining('route a vastgelegd') });
    expect(await escalaties()).toEqual(['a:loopt']);
    expect((await stores.dossiers.get(id))?.waarde.veiligThuis?.escalaties[0]?.reden).toBe('Geen contact met het gezin na twee weken.');
  });

  it.each([
    ['the professional who reported', annelies],
    ['a VT medewerker', als('aad-vt', 'Sanne')],
  ])('refuses %s, records nothing and audits the refusal', async (_naam, wie) => {
    const { stuur, escalaties, stores, id } = await overgedragen();
    const w = await stuur(wie, 'termijn-escaleer', { reden: 'x' });
    expect(w.soort).toBe('welkom');
    expect(await escalaties()).toEqual([]);
    expect((await stores.audit.lijst({ dossierId: id })).at(-1)).toMatchObject({ actor: { id: wie.gebruiker.id }, uitkomst: 'geweigerd' });
  });

  it('without a reason nothing is recorded and the card says why', async () => {
    const { stuur, escalaties } = await overgedragen();
    expect(await stuur(mo, 'termijn-escaleer', { reden: '  ' })).toMatchObject({ melding: 'Geef kort de reden van de escalatie.' });
    expect(await escalaties()).toEqual([]);
  });

  it.each<[string, ('I' | 'II')[], string[]]>([
    ['I stops the ladder at route a', ['I'], ['a:I']],
    ['II moves on to route b', ['II'], ['a:II', 'b:loopt']],
    ['II, II moves on to route c', ['II', 'II'], ['a:II', 'b:II', 'c:loopt']],
    ['after route c the ladder ends', ['II', 'II', 'II'], ['a:II', 'b:II', 'c:II']],
    ['II then I stops at route b', ['II', 'I'], ['a:II', 'b:I']],
  ])('Uitkomst route vastleggen: %s', async (_naam, uitkomsten, verwacht) => {
    const { stuur, escalaties } = await overgedragen();
    expect(await stuur(fatima, 'termijn-escaleer', { reden: 'Termijn verlopen.' })).toMatchObject({ melding: expect.stringContaining('route a vastgelegd') });
    for (const uitkomst of uitkomsten) await stuur(mo, 'termijn-escalatie-uitkomst', { uitkomst });
    expect(await escalaties()).toEqual(verwacht);
  });

  it('an outcome without a running escalation is refused with a message, not a dead end', async () => {
    const { stuur } = await overgedragen();
    expect(await stuur(mo, 'termijn-escalatie-uitkomst', { uitkomst: 'I' })).toEqual({ soort: 'welkom', melding: 'Er loopt geen escalatie.' });
  });
});
