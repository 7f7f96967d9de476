import { describe, expect, it } from 'vitest';
import { maakMessagesHandler } from '../../functions/messages.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import type { Dossier } from '../../src/domain/index.js';
import { ConflictError, type DossierStore, type Stores } from '../../src/store/ports.js';
import { klik } from '../support/activiteit.js';
import { testStores } from '../support/app.js';
import { functieContext, functieVerzoek, testApplicatie } from '../support/bot.js';

/**
 * Parallel clicks on one card: every command applies at most once. A card carries the revision
 * it was rendered from; a command from an older revision gets the current card instead.
 */

const RUIM = { LIMIET_GEBRUIKER_PIEK: '1000', LIMIET_TENANT_PIEK: '1000' };

type Kaart = { dossierId: string; versie: string; json: string };

function alsKaart(body: unknown): Kaart {
  const json = JSON.stringify(body);
  const dossierId = /"dossierId":"([^"]+)"/.exec(json)?.[1] ?? '';
  const versie = /"versie":"(\d+)"/.exec(json)?.[1] ?? '';
  return { dossierId, versie, json };
}

async function klikOp(applicatie: Applicatie, verb: string, data: Record<string, unknown>, i = 0): Promise<Kaart> {
  const handler = maakMessagesHandler(async () => applicatie);
  const antwoord = await handler(functieVerzoek(klik('http://127.0.0.1:9/', `k-${verb}-${i}`, verb, data)), functieContext());
  expect(antwoord.status).toBe(200);
  return alsKaart(antwoord.jsonBody);
}

const tegelijk = (n: number, f: (i: number) => Promise<Kaart>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

async function dossier(stores: Stores, id: string): Promise<Dossier> {
  const v = await stores.dossiers.get(id);
  if (v === undefined) throw new Error(`dossier ${id} ontbreekt`);
  return v.waarde;
}

const SIGNALEN = { categorieen: 'anders', beschrijving: 'Blauwe plek gezien op maandag.', waargenomenDoor: 'Mentor' };

async function totStap4(applicatie: Applicatie): Promise<Kaart> {
  let kaart = await klikOp(applicatie, 'start', { referentie: 'Gezin K., groep 5', werktMetVolwassenen: 'false' });
  kaart = await klikOp(applicatie, 'signalen', { dossierId: kaart.dossierId, versie: kaart.versie, ...SIGNALEN });
  kaart = await klikOp(applicatie, 'overleg', { dossierId: kaart.dossierId, versie: kaart.versie, met: 'collega', uitkomst: 'Zorgen gedeeld.', voldoendeSignalen: 'ja' });
  return klikOp(applicatie, 'gesprek', { dossierId: kaart.dossierId, versie: kaart.versie, uitkomst: 'gevoerd', samenvatting: 'Met moeder gesproken.' });
}

describe('every click applies at most once', () => {
  it('20 parallel "Vorig antwoord corrigeren" clicks on one card go back one step, not twenty', async () => {
    const applicatie = await testApplicatie(RUIM);
    const kaart = await totStap4(applicatie);
    expect(kaart.json).toContain('Stap 4 van 5');
    const antwoorden = await tegelijk(20, (i) => klikOp(applicatie, 'corrigeer', { dossierId: kaart.dossierId, versie: kaart.versie }, i));
    expect((await dossier(applicatie.stores, kaart.dossierId)).meldcode.stap).toBe(3);
    expect(antwoorden.filter((a) => a.json.includes('niet meer actueel'))).toHaveLength(19);
    await applicatie.sluit();
  });

  it('20 parallel "Advies vastleggen" clicks store one advies', async () => {
    const applicatie = await testApplicatie(RUIM);
    const kaart = await totStap4(applicatie);
    const advies = { dossierId: kaart.dossierId, versie: kaart.versie, datum: '2026-03-02', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Ouders uitnodigen.', adviesvragerNaam: 'A. de Boer', adviesvragerTelefoon: '0612345678' };
    await tegelijk(20, (i) => klikOp(applicatie, 'advies', advies, i));
    expect((await dossier(applicatie.stores, kaart.dossierId)).meldcode.adviezen).toHaveLength(1);
    await applicatie.sluit();
  });

  it('20 parallel signalen submits: one is recorded, the other nineteen are told and see the current card', async () => {
    const applicatie = await testApplicatie(RUIM);
    const start = await klikOp(applicatie, 'start', { referentie: 'Gezin P.', werktMetVolwassenen: 'false' });
    const antwoorden = await tegelijk(20, (i) => klikOp(applicatie, 'signalen', { dossierId: start.dossierId, versie: start.versie, ...SIGNALEN, beschrijving: `Waarneming nummer ${i}, maandag.` }, i));
    const d = await dossier(applicatie.stores, start.dossierId);
    expect(d.gebeurtenissen.filter((g) => g.soort === 'signalen')).toHaveLength(1);
    expect(antwoorden.filter((a) => a.json.includes('niet meer actueel') && a.json.includes('Stap 2 van 5'))).toHaveLength(19);
    await applicatie.sluit();
  });

  it('a command without the revision of its card is treated as coming from an outdated card', async () => {
    const applicatie = await testApplicatie(RUIM);
    const start = await klikOp(applicatie, 'start', { referentie: 'Gezin Q.', werktMetVolwassenen: 'false' });
    const antwoord = await klikOp(applicatie, 'signalen', { dossierId: start.dossierId, ...SIGNALEN });
    expect(antwoord.json).toContain('niet meer actueel');
    expect((await dossier(applicatie.stores, start.dossierId)).meldcode.signalen).toBeUndefined();
    await applicatie.sluit();
  });

  it('overwriting a recorded text after a correction keeps the earlier text in the history and the verslag', async () => {
    const applicatie = await testApplicatie(RUIM);
    let kaart = await klikOp(applicatie, 'start', { referentie: 'Gezin R.', werktMetVolwassenen: 'false' });
    kaart = await klikOp(applicatie, 'signalen', { dossierId: kaart.dossierId, versie: kaart.versie, ...SIGNALEN, beschrijving: 'Eerste waarneming, dinsdag.' });
    kaart = await klikOp(applicatie, 'corrigeer', { dossierId: kaart.dossierId, versie: kaart.versie });
    kaart = await klikOp(applicatie, 'signalen', { dossierId: kaart.dossierId, versie: kaart.versie, ...SIGNALEN, beschrijving: 'Tweede, betere beschrijving.' });
    const d = await dossier(applicatie.stores, kaart.dossierId);
    expect(d.meldcode.signalen?.beschrijving).toBe('Tweede, betere beschrijving.');
    expect(d.meldcode.eerdereVersies).toEqual([expect.objectContaining({ onderdeel: 'signalen', vorige: expect.objectContaining({ beschrijving: 'Eerste waarneming, dinsdag.' }) })]);
    const verslag = await klikOp(applicatie, 'verslag', { dossierId: kaart.dossierId });
    expect(verslag.json).toContain('Eerste waarneming, dinsdag.');
    await applicatie.sluit();
  });

  it('when optimistic retries run out the click gets the current card and "probeer het opnieuw", never a 5xx', async () => {
    const stores = testStores();
    const echt = stores.dossiers;
    // Someone else always wrote first: every update meets a newer ETag.
    const dossiers: DossierStore = {
      get: (id) => echt.get(id),
      create: (d, audit) => echt.create(d, audit),
      update: async (d) => Promise.reject(new ConflictError('dossier', d.id)),
      lijst: (wie, opties) => echt.lijst(wie, opties),
      dueVoor: (tot, opties) => echt.dueVoor(tot, opties),
      verwijderVerlopen: (nu, audit) => echt.verwijderVerlopen(nu, audit),
      bezorgAudit: () => echt.bezorgAudit(),
    };
    const altijdBezet: Stores = { ...stores, dossiers, close: () => stores.close() };
    const applicatie = await testApplicatie(RUIM, { stores: altijdBezet });
    const start = await klikOp(applicatie, 'start', { referentie: 'Gezin S.', werktMetVolwassenen: 'false' });
    const antwoord = await klikOp(applicatie, 'signalen', { dossierId: start.dossierId, versie: start.versie, ...SIGNALEN });
    expect(antwoord.json).toContain('probeer het opnieuw');
    expect(antwoord.json).toContain('Stap 1 van 5');
    await applicatie.sluit();
  });

  it('a crafted submit with an empty date cannot leave a dossier that breaks later reads and the case list', async () => {
    const applicatie = await testApplicatie(RUIM);
    let kaart = await totStap4(applicatie);
    kaart = await klikOp(applicatie, 'afweging', { dossierId: kaart.dossierId, versie: kaart.versie, vraag: '1', antwoord: 'ja', onveiligheid: '' });
    kaart = await klikOp(applicatie, 'afweging', { dossierId: kaart.dossierId, versie: kaart.versie, vraag: '2', antwoord: 'ja', onveiligheid: 'structureel' });
    // An old client without isRequired, or a hand-made request: a name, but no date.
    const antwoord = await klikOp(applicatie, 'afweging', { dossierId: kaart.dossierId, versie: kaart.versie, vraag: '3', antwoord: 'ja', onveiligheid: '', samenMetNaam: 'telefonisch advies', samenMetOp: '' });
    expect(antwoord.json).toContain('Kies de datum van het overleg met Veilig Thuis.');
    // Also straight at the use case, past the card's input check: refused, nothing stored.
    const r = await applicatie.service.pasToe({ gebruiker: { id: 'aad-prof-1', naam: 'A', rol: 'professional', organisatieId: 'o' }, kanaal: 'msteams', gesprek: { soort: 'persoonlijk' } }, kaart.dossierId, { soort: 'afweging', vraag: 3, antwoord: true, samenMet: { met: 'x', op: '' } });
    expect(r.ok ? 'ok' : r.fout.code).toBe('samen-met-veilig-thuis-ontbreekt');
    expect((await dossier(applicatie.stores, kaart.dossierId)).meldcode.antwoorden.hulpMogelijk).toBeUndefined();
    expect((await klikOp(applicatie, 'casussen', {})).json).toContain('Gezin K., groep 5');
    await applicatie.sluit();
  });

  it('20 parallel clicks on "Start stap 1" of one start card start one dossier, and every click sees it', async () => {
    const applicatie = await testApplicatie(RUIM);
    const kaart = await klikOp(applicatie, 'nieuw', {});
    const startSleutel = /"startSleutel":"([0-9a-f-]{36})"/.exec(kaart.json)?.[1];
    expect(startSleutel).toBeDefined();
    const antwoorden = await tegelijk(20, (i) => klikOp(applicatie, 'start', { referentie: 'Gezin D.', werktMetVolwassenen: 'false', startSleutel }, i));
    const lijst = await applicatie.stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' });
    expect(lijst.items).toHaveLength(1);
    expect(new Set(antwoorden.map((a) => a.dossierId))).toEqual(new Set([lijst.items[0]?.waarde.id]));
    await applicatie.sluit();
  });
});
