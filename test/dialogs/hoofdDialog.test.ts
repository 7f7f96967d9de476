import { ConversationState, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { describe, expect, it } from 'vitest';
import { aanvraagUit } from '../../src/bot/context.js';
import { BotOpslag } from '../../src/bot/opslag.js';
import { HoofdDialog } from '../../src/dialogs/hoofdDialog.js';
import type { Stores } from '../../src/store/ports.js';
import { demoRegister, testFlow, testStores } from '../support/app.js';

/** One professional's chat, on a store that outlives the client (a "restart" is a new client). */
function chat(stores: Stores): DialogTestClient {
  const { flow } = testFlow(stores);
  const dialog = new HoofdDialog(flow, (context) => aanvraagUit(context, demoRegister));
  return new DialogTestClient('msteams', dialog, undefined, [], new ConversationState(new BotOpslag(stores.state)));
}

const van = { id: 'user-1', name: 'Annelies de Boer', aadObjectId: 'aad-prof-1' };

function bericht(tekst: string): Partial<Activity> {
  return { type: 'message', text: tekst, from: van, channelData: { tenant: { id: 'tenant-1' } } };
}

function kaartActie(value: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', value, from: van, channelData: { tenant: { id: 'tenant-1' } } };
}

/** What a person reads: the reply's text plus the card's JSON (titles, facts, messages). */
function leesbaar(reply: Partial<Activity> | undefined): string {
  if (reply === undefined) return '';
  return `${reply.text ?? ''} ${JSON.stringify(reply.attachments?.[0]?.content ?? '')}`;
}

function dossierIdUit(reply: Partial<Activity> | undefined): string {
  const m = /"dossierId":"([^"]+)"/.exec(JSON.stringify(reply?.attachments?.[0]?.content ?? {}));
  if (!m?.[1]) throw new Error(`Geen dossierId in ${leesbaar(reply).slice(0, 200)}`);
  return m[1];
}

type Stap = [beschrijving: string, verb: string, data: Record<string, unknown>, verwacht: RegExp];

const SIGNALEN: Stap = ['signalen', 'signalen', { categorieen: 'lichamelijke-mishandeling,getuige-huiselijk-geweld', beschrijving: 'Blauwe plek op de bovenarm gezien, maandag 8.30 uur.', waargenomenDoor: 'Groepsleerkracht' }, /Stap 2 van 5/];
const OVERLEG_JA: Stap = ['overleg: voldoende signalen', 'overleg', { met: 'aandachtsfunctionaris', adviesVeiligThuis: 'false', uitkomst: 'Zorgen gedeeld.', voldoendeSignalen: 'ja' }, /Stap 3 van 5/];
const GESPREK: Stap = ['gesprek gevoerd', 'gesprek', { uitkomst: 'gevoerd', samenvatting: 'Met moeder gesproken.' }, /Stap 4 van 5/];
const vraag = (n: number, antwoord: 'ja' | 'nee', verwacht: RegExp): Stap => [`vraag ${n}: ${antwoord}`, 'afweging', { vraag: String(n), antwoord }, verwacht];
const TOT_WEGEN = [SIGNALEN, OVERLEG_JA, GESPREK];
const ZELF_HULP = [...TOT_WEGEN, vraag(1, 'ja', /Afwegingsvraag 2 van 5/), vraag(2, 'nee', /Afwegingsvraag 3 van 5/), vraag(3, 'ja', /Afwegingsvraag 4/), vraag(4, 'ja', /Afwegingsvraag 5/), vraag(5, 'ja', /Melden is niet noodzakelijk/)];
const melder = { melderNaam: 'Annelies de Boer', melderTelefoon: '06 12345678', feiten: 'Blauwe plekken gezien op maandag en woensdag.' };

const PADEN: [naam: string, stappen: Stap[]][] = [
  ['stap 2: onvoldoende signalen sluit de meldcode af', [SIGNALEN, ['overleg: onvoldoende', 'overleg', { met: 'collega', uitkomst: 'Geen zorgen.', voldoendeSignalen: 'nee' }, /Meldcode afgesloten.*onvoldoende signalen/]]],
  ['stap 3: zorgen weggenomen sluit de meldcode af', [SIGNALEN, OVERLEG_JA, ['gesprek: zorgen weggenomen', 'gesprek', { uitkomst: 'zorgen-weggenomen', samenvatting: 'Gestoten bij gym, bevestigd door de gymleraar.' }, /zorgen weggenomen in het gesprek/]]],
  [
    'vraag 1 nee: geen vermoeden sluit de meldcode af; the verslag shows no beslissing',
    [...TOT_WEGEN, vraag(1, 'nee', /geen vermoeden \(afwegingsvraag 1\)/), ['dossierverslag', 'verslag', {}, /^(?!.*Beslissing).*Vraag 1 .*Meldcode afgesloten.*Geen vermoeden van huiselijk geweld/]],
  ],
  ['zelf hulp: alle vragen 3-5 ja', ZELF_HULP],
  ['advies van Veilig Thuis vastleggen na zelf hulp', [...ZELF_HULP, ['advies', 'advies', { datum: '2026-03-03', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Ouders uitnodigen.', opNaamAdviesvrager: 'true' }, /Het advies van Veilig Thuis is vastgelegd/]]],
  [
    'acuut: melden, open melding, dan vraag 3-5 samen met Veilig Thuis',
    [
      ...TOT_WEGEN,
      vraag(1, 'ja', /Afwegingsvraag 2/),
      vraag(2, 'ja', /Samen met Veilig Thuis.*Nu melden bij Veilig Thuis/),
      ['open melding', 'melding', { soort: 'open', besprokenMetGezin: 'true', spoed: 'false', ...melder }, /Melding gedaan bij Veilig Thuis.*Vraag 3-5 samen met Veilig Thuis/],
      vraag(3, 'ja', /samen met Veilig Thuis.*Afwegingsvraag 4/),
      vraag(4, 'ja', /Afwegingsvraag 5/),
      vraag(5, 'ja', /Melding gedaan bij Veilig Thuis/),
      ['dossierverslag', 'verslag', {}, /Stap 1: Signalen in kaart brengen.*door Annelies de Boer .{0,4}professional.*Stap 5: Beslissen.*Beslissingen.*Melding bij Veilig Thuis.*Melding ontvangen door Veilig Thuis - door Veilig Thuis/],
    ],
  ],
  [
    'geen passende hulp: anonieme melding (t.o.v. het gezin)',
    [
      ...TOT_WEGEN,
      vraag(1, 'ja', /Afwegingsvraag 2/),
      vraag(2, 'nee', /Afwegingsvraag 3/),
      vraag(3, 'nee', /Melden is noodzakelijk/),
      ['anonieme melding', 'melding', { soort: 'anoniem-tov-gezin', redenAnoniem: 'Vader dreigt de school.', spoed: 'true', ...melder }, /Melding gedaan bij Veilig Thuis.*Veiligheidsbeoordeling \(spoed: vandaag\)/],
    ],
  ],
  ['vorige antwoord corrigeren', [...TOT_WEGEN, vraag(1, 'ja', /Afwegingsvraag 2/), ['corrigeer', 'corrigeer', {}, /teruggenomen.*Afwegingsvraag 1 van 5/], vraag(1, 'ja', /Afwegingsvraag 2/)]],
  ['handmatig afsluiten met reden', [SIGNALEN, ['afsluiten', 'afsluiten', { toelichting: 'Gezin verhuisd; nieuwe school ingelicht.' }, /Meldcode afgesloten.*Gezin verhuisd/]]],
];

async function startMeldcode(client: DialogTestClient, volwassenen: 'Ja' | 'Nee' = 'Nee'): Promise<string> {
  expect(leesbaar(await client.sendActivity(bericht('start')))).toMatch(/Welk kenmerk geeft u de casus/);
  expect(leesbaar(await client.sendActivity(bericht('Gezin K., groep 5')))).toMatch(/Werkt u met volwassen cliënten/);
  const kaart = await client.sendActivity(bericht(volwassenen));
  expect(leesbaar(kaart)).toMatch(/Stap 1 van 5.*Signalen in kaart brengen/);
  return dossierIdUit(kaart);
}

describe('HoofdDialog: every path through the meldcode', () => {
  it.each(PADEN)('%s', async (_naam, stappen) => {
    const client = chat(testStores());
    const dossierId = await startMeldcode(client);
    for (const [beschrijving, verb, data, verwacht] of stappen) {
      const reply = await client.sendActivity(kaartActie({ verb, dossierId, ...data }));
      expect(leesbaar(reply), beschrijving).toMatch(verwacht);
    }
  });

  it('asks for the kindcheck when the professional works with adult clients', async () => {
    const client = chat(testStores());
    const dossierId = await startMeldcode(client, 'Ja');
    const [, verb, data] = SIGNALEN;
    expect(leesbaar(await client.sendActivity(kaartActie({ verb, dossierId, ...data })))).toMatch(/Kindcheck.*Zorgt de cliënt voor minderjarige kinderen/);
    expect(leesbaar(await client.sendActivity(kaartActie({ verb: 'kindcheck', dossierId, zorgtVoorMinderjarigen: 'ja', gevolgenVoorKinderen: 'ja' })))).toMatch(/Stap 2 van 5/);
  });

  it('resumes exactly where it was left after a restart', async () => {
    const stores = testStores();
    const eerste = chat(stores);
    const dossierId = await startMeldcode(eerste);
    const [, verb, data] = SIGNALEN;
    await eerste.sendActivity(kaartActie({ verb, dossierId, ...data }));
    // A new process: new dialog, new state objects; only the store remains.
    const tweede = chat(stores);
    const lijst = await tweede.sendActivity(bericht('casussen'));
    expect(leesbaar(lijst)).toMatch(/Gezin K\., groep 5.*Stap 2 van 5: Overleg met collega/);
    expect(leesbaar(await tweede.sendActivity(kaartActie({ verb: 'open', dossierId })))).toMatch(/Stap 2 van 5.*Met wie heeft u overlegd/);
  });

  it('keeps a half-finished typed start across a restart', async () => {
    const stores = testStores();
    expect(leesbaar(await chat(stores).sendActivity(bericht('start')))).toMatch(/Welk kenmerk/);
    expect(leesbaar(await chat(stores).sendActivity(bericht('Gezin P.')))).toMatch(/Werkt u met volwassen cliënten/);
  });
});

describe('HoofdDialog: bad input loses nothing and is answered in Dutch', () => {
  it('refuses a BSN as reference and asks again', async () => {
    const client = chat(testStores());
    await client.sendActivity(bericht('start'));
    expect(leesbaar(await client.sendActivity(bericht('Kind 111222333')))).toMatch(/burgerservicenummer/);
    expect(leesbaar(await client.sendActivity(bericht('Gezin K.')))).toMatch(/Werkt u met volwassen cliënten/);
  });

  it('returns the same card with the entered values and an error next to the field', async () => {
    const client = chat(testStores());
    const dossierId = await startMeldcode(client);
    const reply = leesbaar(await client.sendActivity(kaartActie({ verb: 'signalen', dossierId, categorieen: '', beschrijving: 'Kort', waargenomenDoor: 'Mentor' })));
    expect(reply).toMatch(/Stap 1 van 5/);
    expect(reply).toContain('Kies minstens één soort signaal.');
    expect(reply).toContain('Beschrijf wat u zag of hoorde in minstens 10 tekens.');
    expect(reply).toContain('"value":"Mentor"');
    expect(reply).toContain('Controleer de gemarkeerde velden');
  });

  it('refuses a BSN in free text on the card', async () => {
    const client = chat(testStores());
    const dossierId = await startMeldcode(client);
    const reply = leesbaar(await client.sendActivity(kaartActie({ verb: 'signalen', dossierId, categorieen: 'anders', beschrijving: 'Kind met BSN 111222333 had een blauwe plek.', waargenomenDoor: 'Mentor' })));
    expect(reply).toMatch(/Stap 1 van 5.*burgerservicenummer/);
  });

  it('explains a step that is no longer current instead of failing', async () => {
    const client = chat(testStores());
    const dossierId = await startMeldcode(client);
    const reply = leesbaar(await client.sendActivity(kaartActie({ verb: 'gesprek', dossierId, uitkomst: 'gevoerd', samenvatting: 'Oude kaart.' })));
    expect(reply).toMatch(/U bent bij stap 1.*stap 3 \(Gesprek met de cliënt\) is nu niet aan de beurt/);
  });

  it.each([
    ['onbekende tekst', 'wat is dit', /Dat begreep ik niet.*Nieuwe meldcode starten/],
    ['help', 'help', /Zo werkt meldroute/],
    ['casussen zonder casussen', 'casussen', /U heeft geen open casussen/],
  ])('%s gets a useful card, never a dead end', async (_naam, tekst, verwacht) => {
    expect(leesbaar(await chat(testStores()).sendActivity(bericht(tekst)))).toMatch(verwacht);
  });

  it('"stop" leaves the typed start without storing anything', async () => {
    const stores = testStores();
    const client = chat(stores);
    await client.sendActivity(bericht('start'));
    expect(leesbaar(await client.sendActivity(bericht('stop')))).toMatch(/Gestopt. Er is niets vastgelegd/);
    expect((await stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' })).items).toHaveLength(0);
  });
});
