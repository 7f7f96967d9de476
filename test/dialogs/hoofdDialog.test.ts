import { ConversationState, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { describe, expect, it } from 'vitest';
import { Koppelingen } from '../../src/app/koppelingen.js';
import { vasteRegioGids } from '../../src/app/regio.js';
import { aanvraagUit } from '../../src/bot/context.js';
import { BotOpslag } from '../../src/bot/opslag.js';
import { stuurWeergave } from '../../src/bot/verzenden.js';
import { HoofdDialog } from '../../src/dialogs/hoofdDialog.js';
import type { Stores } from '../../src/store/ports.js';
import { demoRegister, testFlow, testStores } from '../support/app.js';

/**
 * One professional's chat, on a store that outlives the client (a "restart" is a new client).
 * Like the person clicking, a card action carries the revision of the last card the bot showed.
 */
function chat(stores: Stores): { sendActivity(a: Partial<Activity>): Promise<Partial<Activity> | undefined> } {
  const { flow, klok } = testFlow(stores);
  const dialog = new HoofdDialog(flow, (context) => aanvraagUit(context, demoRegister), new Koppelingen({ stores, regios: vasteRegioGids([]), klok: klok.lees }), stuurWeergave);
  const client = new DialogTestClient('msteams', dialog, undefined, [], new ConversationState(new BotOpslag(stores.state)));
  let versie: string | undefined;
  return {
    async sendActivity(a) {
      const value = a.value as Record<string, unknown> | undefined;
      const metVersie = value && versie !== undefined && !('versie' in value) ? { ...a, value: { ...value, versie } } : a;
      const reply = (await client.sendActivity(metVersie)) as Partial<Activity> | undefined;
      versie = /"versie":"(\d+)"/.exec(JSON.stringify(reply?.attachments?.[0]?.content ?? {}))?.[1] ?? versie;
      return reply;
    },
  };
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
/** As the card sends it: answers without a kind of unsafety carry onveiligheid "". */
const vraag = (n: number, antwoord: 'ja' | 'nee', verwacht: RegExp, extra: Record<string, string> = {}): Stap => [`vraag ${n}: ${antwoord}`, 'afweging', { vraag: String(n), antwoord, onveiligheid: '', ...extra }, verwacht];
const samen = { samenMetNaam: 'telefonisch advies', samenMetOp: '2026-03-02' };
const bevestig = (stap: Stap, toelichting: string, verwacht: RegExp): Stap => [`${stap[0]}, bevestigd`, stap[1], { ...stap[2], afsluitToelichting: toelichting }, verwacht];
const TOT_WEGEN = [SIGNALEN, OVERLEG_JA, GESPREK];
const ZELF_HULP = [...TOT_WEGEN, vraag(1, 'ja', /Afwegingsvraag 2 van 5/), vraag(2, 'nee', /Afwegingsvraag 3 van 5/), vraag(3, 'ja', /Afwegingsvraag 4/), vraag(4, 'ja', /Afwegingsvraag 5/), vraag(5, 'ja', /Melden is niet noodzakelijk/)];
const ADVIESVRAGER = { adviesvragerNaam: 'Annelies de Boer', adviesvragerTelefoon: '06 12345678' };
const ONVOLDOENDE: Stap = ['overleg: onvoldoende', 'overleg', { met: 'collega', uitkomst: 'Geen zorgen.', voldoendeSignalen: 'nee' }, /Meldcode afsluiten.*onvoldoende signalen.*Waarom sluit u de meldcode af/];
const WEGGENOMEN: Stap = ['gesprek: zorgen weggenomen', 'gesprek', { uitkomst: 'zorgen-weggenomen', samenvatting: 'Gestoten bij gym, bevestigd door de gymleraar.' }, /Het gesprek heeft de zorgen weggenomen/];
/** The demo region's first gemeente, as the professional picks it on the melding card. */
const melder = { melderNaam: 'Annelies de Boer', melderTelefoon: '06 12345678', feiten: 'Blauwe plekken gezien op maandag en woensdag.', gemeente: 'Demostad' };

const PADEN: [naam: string, stappen: Stap[]][] = [
  ['stap 2: onvoldoende signalen, bevestigd met reden, sluit de meldcode af', [SIGNALEN, ONVOLDOENDE, bevestig(ONVOLDOENDE, 'Besproken; geen zorgen meer.', /Meldcode afgesloten.*onvoldoende signalen.*Besproken; geen zorgen meer/)]],
  ['stap 3: zorgen weggenomen, bevestigd, sluit de meldcode af', [SIGNALEN, OVERLEG_JA, WEGGENOMEN, bevestig(WEGGENOMEN, 'Verklaring bevestigd.', /zorgen weggenomen in het gesprek/)]],
  ['vraag 1 nee vraagt eerst om bevestiging, dan geen vermoeden', [...TOT_WEGEN, vraag(1, 'nee', /geen vermoeden.*Waarom sluit u de meldcode af/), vraag(1, 'nee', /geen vermoeden \(afwegingsvraag 1\)/, { afsluitToelichting: 'Signalen verklaard.' }), ['dossierverslag', 'verslag', {}, /^(?!.*Beslissing).*Vraag 1 .*Meldcode afgesloten.*Geen vermoeden van huiselijk geweld.*Signalen verklaard/]]],
  ['vraag 1 nee, dan toch terug naar mijn antwoord', [...TOT_WEGEN, vraag(1, 'nee', /Nee, terug naar mijn antwoord/), ['herstel', 'herstel', { vraag: '1', antwoord: 'nee' }, /Afwegingsvraag 1 van 5/]]],
  ['zelf hulp: alle vragen 3-5 ja', ZELF_HULP],
  ['advies van Veilig Thuis vastleggen na zelf hulp', [...ZELF_HULP, ['advies', 'advies', { datum: '2026-03-03', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Ouders uitnodigen.', opNaamAdviesvrager: 'true', ...ADVIESVRAGER }, /Het advies van Veilig Thuis is vastgelegd/]]],
  ['advies in stap 1', [['advies', 'advies', { datum: '2026-03-02', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Eerst signalen vastleggen.', ...ADVIESVRAGER }, /Stap 1 van 5.*Het advies van Veilig Thuis is vastgelegd/]]],
  [
    'melding vanuit stap 2, daarna de open stappen verder vastleggen',
    [
      SIGNALEN,
      ['meldingformulier', 'melding-formulier', {}, /Melding doen bij Veilig Thuis.*U mag in elke stap melden/],
      ['melding', 'melding', { soort: 'anoniem-tov-gezin', redenAnoniem: 'Vader dreigt.', spoed: 'false', ...melder }, /Melding verstuurd naar Veilig Thuis.*U meldde in stap 2.*Verder met stap 2/],
      ['verder', 'stap-formulier', {}, /Stap 2 van 5.*Met wie heeft u overlegd/],
      OVERLEG_JA,
    ],
  ],
  [
    'acuut: melden, open melding, dan vraag 3-5 samen met Veilig Thuis',
    [
      ...TOT_WEGEN,
      vraag(1, 'ja', /Afwegingsvraag 2/),
      vraag(2, 'ja', /Melden bij Veilig Thuis Demoregio: nu, bel 0800-2000.*Samen met Veilig Thuis.*Nu melden bij Veilig Thuis/, { onveiligheid: 'acuut' }),
      ['meldingformulier', 'melding-formulier', {}, /bel Veilig Thuis Demoregio nu op 0800-2000.*Bij direct gevaar: bel 112.*"id":"spoed"[^}]*"value":"true"/],
      ['open melding', 'melding', { soort: 'open', besprokenMetGezin: 'true', spoed: 'true', ...melder }, /Melding verstuurd naar Veilig Thuis.*Veiligheidsbeoordeling: vandaag \(spoed\).*Afweging samen met Veilig Thuis/],
      vraag(3, 'ja', /Met wie bij Veilig Thuis/),
      vraag(3, 'ja', /na de melding.*Afwegingsvraag 4/, samen),
      vraag(4, 'ja', /Afwegingsvraag 5/, samen),
      vraag(5, 'ja', /Melding verstuurd naar Veilig Thuis/, samen),
      ['dossierverslag', 'verslag', {}, /Stap 1: Signalen in kaart brengen.*door Annelies de Boer .{0,4}professional.*Stap 5: Beslissen.*Beslissingen.*Melding bij Veilig Thuis/],
    ],
  ],
  [
    'geen passende hulp: anonieme melding (t.o.v. het gezin)',
    [
      ...TOT_WEGEN,
      vraag(1, 'ja', /Afwegingsvraag 2/),
      vraag(2, 'nee', /Afwegingsvraag 3/),
      vraag(3, 'nee', /Melden is noodzakelijk/),
      ['anonieme melding', 'melding', { soort: 'anoniem-tov-gezin', redenAnoniem: 'Vader dreigt de school.', spoed: 'true', ...melder }, /Melding verstuurd naar Veilig Thuis.*Veiligheidsbeoordeling: vandaag \(spoed\)/],
    ],
  ],
  ['vorige antwoord corrigeren', [...TOT_WEGEN, vraag(1, 'ja', /Afwegingsvraag 2/), ['corrigeer', 'corrigeer', {}, /teruggenomen.*Afwegingsvraag 1 van 5/], vraag(1, 'ja', /Afwegingsvraag 2/)]],
  // Back from stap 2 without adult clients: the signalen form, not the kindcheck, filled in as recorded.
  ['vorige antwoord corrigeren in stap 2: de signalen komen terug zoals vastgelegd', [SIGNALEN, ['corrigeer', 'corrigeer', {}, /Stap 1 van 5.*Signalen in kaart brengen.*"id":"beschrijving"[^}]*"value":"Blauwe plek op de bovenarm gezien/], SIGNALEN]],
  ['vorige antwoord corrigeren in stap 3: het overleg komt terug zoals vastgelegd', [SIGNALEN, OVERLEG_JA, ['corrigeer', 'corrigeer', {}, /Stap 2 van 5.*"id":"uitkomst"[^}]*"value":"Zorgen gedeeld\./], OVERLEG_JA]],
  ['handmatig afsluiten met reden', [SIGNALEN, ['afsluiten', 'afsluiten', { toelichting: 'Gezin verhuisd; nieuwe school ingelicht.' }, /Meldcode afgesloten.*Gezin verhuisd/]]],
];

async function startMeldcode(client: ReturnType<typeof chat>, volwassenen: 'Ja' | 'Nee' = 'Nee'): Promise<string> {
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
  it('warns about a kenmerk with a birth date or address, and keeps it after an explicit yes', async () => {
    const stores = testStores();
    const client = chat(stores);
    const kenmerk = 'Emma de Vries, geboren 12-03-2016, Dorpsstraat 4';
    const waarschuwing = leesbaar(await client.sendActivity(kaartActie({ verb: 'start', referentie: kenmerk, werktMetVolwassenen: 'false' })));
    expect(waarschuwing).toMatch(/geboortedatum.*pseudoniem kenmerk.*ik gebruik het toch/);
    expect(waarschuwing).toContain(`"value":"${kenmerk}"`);
    expect((await stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' })).items).toHaveLength(0);
    const kaart = await client.sendActivity(kaartActie({ verb: 'start', referentie: kenmerk, werktMetVolwassenen: 'false', kenmerkBevestigd: 'true' }));
    expect(leesbaar(kaart)).toMatch(/Stap 1 van 5/);
  });

  it('a typed kenmerk with an address ends on the start card with the warning and the kenmerk kept', async () => {
    const stores = testStores();
    const client = chat(stores);
    await client.sendActivity(bericht('start'));
    await client.sendActivity(bericht('Gezin J., Kerkweg 12a'));
    const kaart = leesbaar(await client.sendActivity(bericht('Nee')));
    expect(kaart).toMatch(/"value":"Gezin J., Kerkweg 12a".*lijkt een adres.*ik gebruik het toch/);
    expect((await stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' })).items).toHaveLength(0);
  });

  it('the confirmation of an exit at question 1 works with the question number the card sends as a number', async () => {
    const stores = testStores();
    const client = chat(stores);
    const dossierId = await startMeldcode(client);
    for (const [, verb, data] of TOT_WEGEN) await client.sendActivity(kaartActie({ verb, dossierId, ...data }));
    // The template expands "${vraagNummer}" to a number, not a string.
    const bevestig = await client.sendActivity(kaartActie({ verb: 'afweging', dossierId, vraag: 1, antwoord: 'nee', onveiligheid: '' }));
    const json = JSON.stringify(bevestig?.attachments?.[0]?.content ?? {});
    const data = /"verb":"afweging","title":"Ja, meldcode afsluiten"[^}]*"data":(\{[^}]*\})/.exec(json)?.[1];
    expect(data).toBeDefined();
    const bevestigData = JSON.parse(data ?? '{}') as Record<string, unknown>;
    expect(bevestigData['vraag']).toBe('1');
    const gesloten = leesbaar(await client.sendActivity(kaartActie({ verb: 'afweging', ...bevestigData, afsluitToelichting: 'Signalen verklaard door de huisarts.' })));
    expect(gesloten).toMatch(/Meldcode afgesloten.*geen vermoeden/);
  });

  it('changes the kenmerk later, and says so in the history', async () => {
    const stores = testStores();
    const client = chat(stores);
    const dossierId = await startMeldcode(client);
    expect(leesbaar(await client.sendActivity(kaartActie({ verb: 'kenmerk-formulier', dossierId })))).toMatch(/Kenmerk van de casus wijzigen.*"value":"Gezin K., groep 5"/);
    expect(leesbaar(await client.sendActivity(kaartActie({ verb: 'kenmerk', dossierId, referentie: 'Gezin K., Kerkweg 12' })))).toMatch(/lijkt een adres/);
    expect(leesbaar(await client.sendActivity(kaartActie({ verb: 'kenmerk', dossierId, referentie: 'Gezin K., groep 6' })))).toMatch(/Het kenmerk is gewijzigd/);
    const d = await stores.dossiers.get(dossierId);
    expect(d?.waarde.referentie).toBe('Gezin K., groep 6');
    expect(d?.waarde.gebeurtenissen.at(-1)?.omschrijving).toBe('Kenmerk van de casus gewijzigd');
  });

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

const KANAAL: Partial<Activity> = {
  conversation: { id: '19:algemeen@thread.tacv2', conversationType: 'channel', isGroup: true, name: 'General' },
  channelData: { tenant: { id: 'tenant-1' }, team: { id: 'team-1' }, channel: { id: 'kanaal-1' } },
};
const GROEPSCHAT: Partial<Activity> = {
  conversation: { id: '19:overleg@thread.v2', conversationType: 'groupChat', isGroup: true, name: 'Overleg casus' },
  channelData: { tenant: { id: 'tenant-1' } },
};
const BUITEN_PERSOONLIJK: [string, Partial<Activity>][] = [
  ['a team channel', KANAAL],
  ['a group chat', GROEPSCHAT],
];
const daar = (gesprek: Partial<Activity>, activity: Partial<Activity>): Partial<Activity> => ({ ...activity, ...gesprek });

/** The one line outside a personal chat: no reference, no dossier id, no count, no case button. */
function alleenPersoonlijk(reply: Partial<Activity> | undefined, dossierId?: string): void {
  const tekst = leesbaar(reply);
  expect(tekst).toContain('meldroute toont casussen alleen in uw persoonlijke chat.');
  expect(tekst).not.toMatch(/Gezin K\.|Stap \d|casus(sen)? \(\d|Action\.Execute|dossierId/);
  if (dossierId) expect(tekst).not.toContain(dossierId);
}

describe('HoofdDialog: case data only in the personal chat (issue 7 §1)', () => {
  it.each(BUITEN_PERSOONLIJK)('in %s typed case commands get one line, and nothing is listed or started', async (_naam, gesprek) => {
    const stores = testStores();
    const client = chat(stores);
    const dossierId = await startMeldcode(client);
    for (const tekst of ['casussen', 'Mijn casussen', 'start', 'nieuwe meldcode']) {
      alleenPersoonlijk(await client.sendActivity(daar(gesprek, bericht(tekst))), dossierId);
    }
    expect((await stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' })).items).toHaveLength(1);
  });

  it.each(
    BUITEN_PERSOONLIJK.flatMap(([naam, gesprek]) =>
      (
        [
          ['open', {}, 'read'],
          ['verslag', {}, 'export'],
          ['vernieuw', {}, 'read'],
          ['signalen', { categorieen: 'anders', beschrijving: 'Blauwe plek gezien op maandag.', waargenomenDoor: 'Mentor' }, 'update'],
          ['afsluiten', { toelichting: 'Vanuit het kanaal.' }, 'update'],
        ] as const
      ).map(([verb, data, actie]) => [naam, verb, gesprek, data, actie] as const),
    ),
  )('in %s a card submit "%s" for a personal case is refused, changes nothing and is audited', async (_naam, verb, gesprek, data, actie) => {
    const stores = testStores();
    const client = chat(stores);
    const dossierId = await startMeldcode(client);
    const voor = await stores.dossiers.get(dossierId);
    alleenPersoonlijk(await client.sendActivity(daar(gesprek, kaartActie({ verb, dossierId, ...data }))), dossierId);
    expect((await stores.dossiers.get(dossierId))?.etag).toBe(voor?.etag);
    expect((await stores.audit.lijst({ dossierId })).at(-1)).toMatchObject({ actie, uitkomst: 'geweigerd', dossierId });
  });

  it.each(BUITEN_PERSOONLIJK)('in %s "help" explains what meldroute does there, without case data', async (_naam, gesprek) => {
    const tekst = leesbaar(await chat(testStores()).sendActivity(daar(gesprek, bericht('help'))));
    expect(tekst).toContain('Casussen alleen in uw persoonlijke chat');
    expect(tekst).toContain('lezen anderen mee');
    expect(tekst).not.toMatch(/Action\.Execute|Mijn casussen|Nieuwe meldcode starten/);
  });

  it('a typed start begun in the personal chat is not continued from a channel', async () => {
    const stores = testStores();
    const client = chat(stores);
    const persoonlijk: Partial<Activity> = { conversation: { id: 'gesprek-1', conversationType: 'personal', isGroup: false, name: '' } };
    const kanaal: Partial<Activity> = { ...KANAAL, conversation: { id: 'gesprek-1', conversationType: 'channel', isGroup: true, name: 'General' } };
    expect(leesbaar(await client.sendActivity({ ...bericht('start'), ...persoonlijk }))).toMatch(/Welk kenmerk/);
    expect(leesbaar(await client.sendActivity({ ...bericht('Gezin P.'), ...kanaal }))).not.toMatch(/Werkt u met volwassen cliënten/);
    expect(leesbaar(await client.sendActivity({ ...bericht('Nee'), ...persoonlijk }))).toMatch(/Dat begreep ik niet/);
    expect((await stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' })).items).toHaveLength(0);
  });
});

describe('HoofdDialog: typed text is read safely', () => {
  it.each([
    ['nine digits', 'Kind 111222333'],
    ['double spaces', 'BSN 111  222  333'],
    ['no-break spaces', '111\u00a0222\u00a0333'],
    ['slashes', '111/222/333'],
    ['commas', '111,222,333'],
    ['underscores', '111_222_333'],
    ['full-width digits', '１１１２２２３３３'],
    ['Arabic-Indic digits', '١١١٢٢٢٣٣٣'],
    ['zero-width spaces', '111\u200b222\u200b333'],
  ])('a BSN in a plain chat message (%s) gets the BSN explanation and stores nothing', async (_naam, tekst) => {
    const stores = testStores();
    const reply = leesbaar(await chat(stores).sendActivity(bericht(tekst)));
    expect(reply).toMatch(/burgerservicenummer/);
    expect(reply).not.toMatch(/Dat begreep ik niet/);
    expect(await stores.audit.lijst({})).toEqual([]);
  });

  it.each(BUITEN_PERSOONLIJK)('a BSN typed in %s gets the BSN explanation too', async (_naam, gesprek) => {
    expect(leesbaar(await chat(testStores()).sendActivity(daar(gesprek, bericht('111 222 333'))))).toMatch(/burgerservicenummer/);
  });

  it('a BSN typed during the start dialog keeps the question open', async () => {
    const stores = testStores();
    const client = chat(stores);
    await client.sendActivity(bericht('start'));
    expect(leesbaar(await client.sendActivity(bericht('Gezin K.')))).toMatch(/Werkt u met volwassen cliënten/);
    expect(leesbaar(await client.sendActivity(bericht('١١١٢٢٢٣٣٣')))).toMatch(/burgerservicenummer/);
    expect(leesbaar(await client.sendActivity(bericht('Nee')))).toMatch(/Stap 1 van 5/);
    expect((await stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' })).items.map((v) => v.waarde.referentie)).toEqual(['Gezin K.']);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])('"%s" is not a command: the normal answer, no crash', async (tekst) => {
    expect(leesbaar(await chat(testStores()).sendActivity(bericht(tekst)))).toMatch(/Dat begreep ik niet.*Nieuwe meldcode starten/);
  });

  it.each([
    ['help', /Zo werkt meldroute/],
    ['casussen', /U heeft geen open casussen/],
    ['Help.', /Zo werkt meldroute/],
    ['start', /Welk kenmerk/],
  ])('"%s" typed as the kenmerk is the command, never a case', async (tekst, verwacht) => {
    const stores = testStores();
    const client = chat(stores);
    await client.sendActivity(bericht('start'));
    expect(leesbaar(await client.sendActivity(bericht(tekst)))).toMatch(verwacht);
    expect((await stores.dossiers.lijst({ soort: 'eigen', gebruikerId: 'aad-prof-1' })).items).toHaveLength(0);
  });
});
