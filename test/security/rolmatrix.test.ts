import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { GebruikersRegister } from '../../src/app/gebruikers.js';
import { maakIndexeerder } from '../../src/app/indexering.js';
import { stilleLogger } from '../../src/app/logger.js';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import type { RegioGids } from '../../src/app/regio.js';
import { Termijnbewaking } from '../../src/app/termijnbewaking.js';
import type { Gesprek } from '../../src/app/toegang.js';
import { MELDCODE_VERBS } from '../../src/app/flows/meldcode.js';
import { VERBS, verwerkVerb, type Verb } from '../../src/app/verbs.js';
import type { Weergave } from '../../src/app/weergave.js';
import { kaartVoor } from '../../src/cards/kaarten.js';
import { STANDAARD_BEWAARTERMIJNEN, standaardBeleid, type Dossier } from '../../src/domain/index.js';
import type { Stores } from '../../src/store/ports.js';
import { openSqliteStores } from '../../src/store/sqlite.js';
import { openSqliteWachtrij } from '../../src/store/sqliteWachtrij.js';
import { AFSPRAKEN_INVOER, PLAN_INVOER, TestKlok, demoRegios, naarMelding, testFlow } from '../support/app.js';

/**
 * The role matrix of issue 10: every role x every action of the chain and the nudges x every
 * conversation it can come from. A cell is allowed (the step is applied and visible in the stored
 * dossier, or the case is shown) or refused (nothing changes, the answer shows no case data, and
 * the refusal is audited). The table below lists the allowed cells; every other cell must refuse.
 */

const REGIO = 'vt-regio-demo';
const REFERENTIE = 'Gezin Matrix, groep 5';

// ------------------------------------------------------------------ who

/** Teams team ids: membership is what Teams' roster says, checked on the server (`teamLid`). */
type Team = 'team-vt' | 'team-noord' | 'team-demodorp';

interface Persoon {
  readonly id: string;
  readonly naam: string;
  readonly tenant: string;
  readonly teams: readonly Team[];
}

const PERSONEN = {
  melder: { id: '00000000-0000-0000-0000-0000000000020', naam: 'Annelies (melder)', tenant: 'tenant-1', teams: [] },
  collega: { id: 'aad-collega', naam: 'Bram (collega, zelfde school)', tenant: 'tenant-1', teams: [] },
  aandachtsfunctionaris: { id: '00000000-0000-0000-0000-0000000000021', naam: 'Carla (aandachtsfunctionaris)', tenant: 'tenant-1', teams: [] },
  'vt-medewerker': { id: '00000000-0000-0000-0000-0000000000022', naam: 'Sanne Jansen', tenant: 'tenant-1', teams: ['team-vt'] },
  'vt-teamleider': { id: '00000000-0000-0000-0000-0000000000024', naam: 'Fatima El Amrani', tenant: 'tenant-1', teams: ['team-vt'] },
  'lokaal team (ontvangend)': { id: '00000000-0000-0000-0000-0000000000025', naam: 'Joost Bakker', tenant: 'tenant-1', teams: ['team-noord'] },
  'lokaal team (ander)': { id: 'aad-lt-demodorp', naam: 'Eva (Sociaal Team Demodorp)', tenant: 'tenant-1', teams: ['team-demodorp'] },
  'coordinator (ontvangend)': { id: '00000000-0000-0000-0000-0000000000023', naam: 'Mo Yilmaz', tenant: 'tenant-1', teams: ['team-noord'] },
  'coordinator (ander team)': { id: '00000000-0000-0000-0000-000000000405', naam: 'Anouk Peters', tenant: 'tenant-1', teams: ['team-demodorp'] },
  beheerder: { id: 'aad-beheerder', naam: 'Gerrit (beheerder)', tenant: 'tenant-1', teams: [] },
  onbekend: { id: 'aad-onbekend', naam: 'Onbekende gebruiker', tenant: 'tenant-ander', teams: [] },
} as const satisfies Record<string, Persoon>;
type Wie = keyof typeof PERSONEN;

/** Roles as the organisations' administration gives them; anyone else is a professional of their tenant. */
const register = new GebruikersRegister({
  gebruikers: {
    [PERSONEN.melder.id]: { rol: 'professional', organisatieId: 'demo-basisschool' },
    [PERSONEN.collega.id]: { rol: 'professional', organisatieId: 'demo-basisschool' },
    [PERSONEN.aandachtsfunctionaris.id]: { rol: 'aandachtsfunctionaris', organisatieId: 'demo-basisschool' },
    [PERSONEN['vt-medewerker'].id]: { rol: 'vt-medewerker', vtRegioId: REGIO },
    [PERSONEN['vt-teamleider'].id]: { rol: 'vt-teamleider', vtRegioId: REGIO },
    [PERSONEN['lokaal team (ontvangend)'].id]: { rol: 'lokaal-team', lokaalTeamId: 'wijkteam-noord' },
    [PERSONEN['lokaal team (ander)'].id]: { rol: 'lokaal-team', lokaalTeamId: 'sociaal-team-demodorp' },
    [PERSONEN['coordinator (ontvangend)'].id]: { rol: 'coordinator', lokaalTeamId: 'wijkteam-noord' },
    [PERSONEN['coordinator (ander team)'].id]: { rol: 'coordinator', lokaalTeamId: 'sociaal-team-demodorp' },
  },
});

/**
 * The shipped demo region, with one beheerder who holds no other role: in demo.json the VT
 * teamleider is also the beheerder, which would hide what the beheerder role alone allows.
 */
const regios: RegioGids = {
  ...demoRegios,
  rollenVan: (id) => (id === PERSONEN.beheerder.id ? [{ rol: 'beheerder', regioId: REGIO }] : demoRegios.rollenVan(id)),
};

// ------------------------------------------------------------------ where

const kanaal = (teamId: Team, kanaalId: string, koppeling: NonNullable<Extract<Gesprek, { soort: 'kanaal' }>['koppeling']>) => (p: Persoon): Gesprek => ({
  soort: 'kanaal',
  teamId,
  kanaalId,
  koppeling,
  teamLid: p.teams.includes(teamId),
});

const GESPREKKEN = {
  'persoonlijke chat': (): Gesprek => ({ soort: 'persoonlijk' }),
  'VT-kanaal': kanaal('team-vt', 'intake', { soort: 'veilig-thuis', regioId: REGIO }),
  'kanaal Wijkteam Noord': kanaal('team-noord', 'overdrachten', { soort: 'lokaal-team', regioId: REGIO, teamKey: 'wijkteam-noord' }),
  'kanaal Sociaal Team Demodorp': kanaal('team-demodorp', 'overdrachten', { soort: 'lokaal-team', regioId: REGIO, teamKey: 'sociaal-team-demodorp' }),
  // No binding: the host finds none and asks Teams' roster nothing.
  'ongekoppeld kanaal': (): Gesprek => ({ soort: 'kanaal', teamId: 'team-overig', kanaalId: 'algemeen' }),
  groepschat: (): Gesprek => ({ soort: 'groepschat' }),
} as const satisfies Record<string, (p: Persoon) => Gesprek>;
type Waar = keyof typeof GESPREKKEN;

type Cel = `${Wie} @ ${Waar}`;
const cellen = (wie: readonly Wie[], waar: readonly Waar[]): Cel[] => wie.flatMap((w) => waar.map((g): Cel => `${w} @ ${g}`));

const aanvraag = (wie: Wie, waar: Waar): Aanvraag => {
  const p = PERSONEN[wie];
  return { gebruiker: register.zoek(p.id, p.naam, p.tenant), kanaal: 'msteams', gesprek: GESPREKKEN[waar](p) };
};

// ------------------------------------------------------------------ the dossier in the phase a verb needs

interface Proef {
  readonly stores: Stores;
  readonly id: string;
  stuur(wie: Wie, waar: Waar, verb: Verb, data?: Record<string, unknown>): Promise<Weergave>;
  dossier(): Promise<Dossier>;
  /** The card's revision, as a card rendered now carries it. */
  versie(): Promise<string>;
}

type Fase =
  | 'gemeld'
  | 'vervolg'
  | 'aangeboden'
  | 'aangeboden aan andere partij'
  | 'overgedragen'
  | 'overgedragen met monitoring'
  | 'overgedragen, lokaal team monitort'
  | 'contact gelegd'
  | 'escalatie loopt'
  | 'herinnering verstuurd en opgegeven';

const TAXATIE = { acuutOnveilig: 'false', structureelOnveilig: 'true', multiproblematiek: 'false', risicofactoren: 'Schulden', veiligheidsvoorwaarden: 'Geen geweld waar de kinderen bij zijn.' };
const NAAR_NOORD = { ...TAXATIE, ...AFSPRAKEN_INVOER, besluit: 'overdracht', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord' };
/** The nudge the tick records two werkdagen after an unconfirmed overdracht: for the coordinator. */
const NUDGE = { mijlpaal: 'overdracht-bevestigen', niveau: 'nog-niet-bevestigd' };

async function proef(fase: Fase): Promise<Proef> {
  const klok = new TestKlok();
  const beleidVoor = (regioId: string) => standaardBeleid(regios.kalender(regioId));
  const stores = openSqliteStores({ pad: ':memory:', indexeer: maakIndexeerder(beleidVoor, STANDAARD_BEWAARTERMIJNEN) });
  const { service } = testFlow(stores, klok, regios);
  const melder = aanvraag('melder', 'persoonlijke chat');
  const start = await service.start(melder, { referentie: REFERENTIE, werktMetVolwassenen: false });
  if (!start.ok) throw new Error(start.fout.melding);
  const id = start.waarde.id;
  for (const commando of naarMelding()) {
    const s = await service.pasToe(melder, id, commando);
    if (!s.ok) throw new Error(s.fout.melding);
  }
  const dossier = async () => {
    const v = await stores.dossiers.get(id);
    if (v === undefined) throw new Error('dossier weg');
    return v.waarde;
  };
  const versie = async () => String((await dossier()).gebeurtenissen.length);
  const stuur = (wie: Wie, waar: Waar, verb: Verb, data: Record<string, unknown> = {}) => verwerkVerb({ service, klok: klok.lees, regios }, aanvraag(wie, waar), verb, { dossierId: id, ...data });
  const p: Proef = { stores, id, stuur, dossier, versie };

  // Each step of the walk goes through the same verbs as a click, by the party whose step it is.
  const stap = async (wie: Wie, waar: Waar, verb: Verb, data: Record<string, unknown>, klaar: (d: Dossier) => boolean) => {
    await stuur(wie, waar, verb, { ...data, versie: await versie() });
    if (!klaar(await dossier())) throw new Error(`fase ${fase}: ${verb} werd niet vastgelegd`);
  };
  const vt = (data: Record<string, unknown>, klaar: (d: Dossier) => boolean) => stap('vt-medewerker', 'VT-kanaal', 'vt-beoordeling', data, klaar);
  const bevestig = () => stap('lokaal team (ontvangend)', 'kanaal Wijkteam Noord', 'lt-bevestig', { regisseur: 'Joost Bakker' }, (d) => d.veiligThuis?.fase === 'overgedragen');

  switch (fase) {
    case 'gemeld':
      break;
    case 'vervolg':
      await vt({ ...TAXATIE, besluit: 'voorwaarden-en-vervolg' }, (d) => d.veiligThuis?.fase === 'vervolg');
      break;
    case 'aangeboden':
      await vt(NAAR_NOORD, (d) => d.veiligThuis?.fase === 'overdracht-aangeboden');
      break;
    case 'aangeboden aan andere partij':
      await vt({ ...TAXATIE, ...AFSPRAKEN_INVOER, besluit: 'overdracht', partijSoort: 'multidisciplinair-team', partijNaam: 'MDT Demostad' }, (d) => d.veiligThuis?.fase === 'overdracht-aangeboden');
      break;
    case 'overgedragen':
      await vt(NAAR_NOORD, (d) => d.veiligThuis?.fase === 'overdracht-aangeboden');
      await bevestig();
      break;
    case 'overgedragen met monitoring':
      await vt({ ...NAAR_NOORD, ...PLAN_INVOER, monitoring: 'true' }, (d) => d.veiligThuis?.monitoring?.gepland === true);
      await bevestig();
      break;
    case 'overgedragen, lokaal team monitort':
      // A recorded deviation from the demo region's rule (Veilig Thuis monitors), as Zuid-Holland Zuid does by rule.
      await vt({ ...NAAR_NOORD, ...PLAN_INVOER, monitoring: 'true', monitoringDoor: 'lokaal-team', redenAfwijking: 'Afgestemd met het wijkteam.' }, (d) => d.veiligThuis?.monitoring?.door === 'lokaal-team');
      await bevestig();
      break;
    case 'contact gelegd':
      await vt(NAAR_NOORD, (d) => d.veiligThuis?.fase === 'overdracht-aangeboden');
      await bevestig();
      await stap('lokaal team (ontvangend)', 'kanaal Wijkteam Noord', 'lt-contact', { contactWijze: 'huisbezoek' }, (d) => d.veiligThuis?.overdracht?.contactGezinOp !== undefined);
      break;
    case 'escalatie loopt':
      await vt(NAAR_NOORD, (d) => d.veiligThuis?.fase === 'overdracht-aangeboden');
      await stap('vt-teamleider', 'persoonlijke chat', 'termijn-escaleer', { reden: 'Geen bevestiging.' }, (d) => (d.veiligThuis?.escalaties.length ?? 0) === 1);
      break;
    case 'herinnering verstuurd en opgegeven': {
      await vt(NAAR_NOORD, (d) => d.veiligThuis?.fase === 'overdracht-aangeboden');
      // Two werkdagen later the real tick decides the coordinator's nudge and records it on the dossier...
      klok.nu = DateTime.fromISO('2026-03-04T09:00:00', { zone: 'Europe/Amsterdam' });
      const wachtrij = openSqliteWachtrij({ pad: ':memory:', naam: 'verzenden', nu: () => klok.nu.toMillis() });
      let n = 0;
      await new Termijnbewaking({ stores, wachtrij, regios, beleidVoor, klok: klok.lees, log: stilleLogger, nieuwId: () => `tick-${(n += 1)}` }).tick();
      const sleutel = `${id}:${NUDGE.mijlpaal}:${NUDGE.niveau}`;
      if (!(await dossier()).herinneringen.includes(sleutel)) throw new Error('de tick legde de herinnering niet vast');
      // ...and the sender gives it up, as it does when the coordinator never installed meldroute.
      await stores.herinneringen.markeerOpgegeven(`${sleutel}@${PERSONEN['coordinator (ontvangend)'].id}`, 'Er is nog geen gesprek met meldroute.', klok.nu.toUTC().toISO() as string);
      break;
    }
  }
  return p;
}

// ------------------------------------------------------------------ the matrix

interface Rij {
  readonly verb: Verb;
  readonly fase: Fase;
  readonly data?: Record<string, unknown>;
  /** Allowed: the step is in the stored dossier, or (for a read) the answer shows the case. */
  readonly gelukt: (na: Dossier, antwoord: Weergave, p: Proef) => boolean | Promise<boolean>;
  /** The cells where the action is allowed; every other cell must refuse. */
  readonly mag: readonly Cel[];
  /**
   * How a refusal is audited: `geweigerd`, an entry with that outcome; `zoekt-niets`, a search
   * that lists no dossier; `leest-niets`, a form that reads nothing and so has nothing to audit.
   */
  readonly weigering?: 'geweigerd' | 'zoekt-niets' | 'leest-niets';
}

const kaartJson = (w: Weergave): string => JSON.stringify(kaartVoor(w).content);
const toontCasus = (w: Weergave): boolean => kaartJson(w).includes(REFERENTIE);
const vt = (d: Dossier) => d.veiligThuis;

const VT_TEAM = cellen(['vt-medewerker', 'vt-teamleider'], ['VT-kanaal']);
const ONTVANGEND_TEAM = cellen(['lokaal team (ontvangend)', 'coordinator (ontvangend)'], ['kanaal Wijkteam Noord']);
const PROFESSIONAL = cellen(['melder', 'aandachtsfunctionaris'], ['persoonlijke chat']);
const COORDINATOR_CHAT = cellen(['coordinator (ontvangend)'], ['persoonlijke chat']);
/** Route a: the region's VT teamleider and the receiving team's coordinator, on the nudge in their personal chat. */
const ROUTE_A = cellen(['vt-teamleider', 'coordinator (ontvangend)'], ['persoonlijke chat']);

const MONITORING = { maandenNaOverdracht: '3', voorwaardenNagekomen: 'ja', directeVeiligheid: 'ja', stabieleVeiligheid: 'ja', aandachtVoorHerstel: 'ja', alleDirectbetrokkenenGesproken: 'ja', vervolgstap: 'doorgaan' };
const AFRONDEN = { ...AFSPRAKEN_INVOER, ...PLAN_INVOER, veiligheidsvoorwaarden: 'Geen geweld.', partijSoort: 'lokaal-team', lokaalTeam: 'wijkteam-noord', monitoring: 'ja' };
const REGIE = { regieSoort: 'gecertificeerde-instelling', regiePartij: 'Jeugdbescherming Demo', regieRegisseur: 'G. Gids', regieVoorwaarden: 'Geen geweld.', veiligheidsplan: 'Plan bij de GI.', regieReden: 'Ondertoezichtstelling.' };
const gemonitord = (d: Dossier) => vt(d)?.monitoring?.momenten.some((m) => m.uitgevoerdOp !== undefined) === true;
const REGISTRATIE = { referentie: 'Gezin Telefoon', bron: 'politie-zorgmelding', spoed: 'nee', melderNaam: 'Agent Visser', melderTelefoon: '0612345678', feiten: 'Melding van de politie na een incident.', gemeente: 'Demostad' };

const MATRIX: readonly Rij[] = [
  // Opening and refreshing the case card: each view only where it belongs.
  { verb: 'open', fase: 'aangeboden', gelukt: (_d, w) => toontCasus(w), mag: [...PROFESSIONAL, ...COORDINATOR_CHAT, ...VT_TEAM, ...ONTVANGEND_TEAM] },
  { verb: 'vernieuw', fase: 'aangeboden', data: { weergave: 'professional' }, gelukt: (_d, w) => toontCasus(w), mag: PROFESSIONAL },
  { verb: 'vernieuw', fase: 'aangeboden', data: { weergave: 'veilig-thuis' }, gelukt: (_d, w) => toontCasus(w), mag: VT_TEAM },
  // The lokaal team's card: in its channel, and the coordinator's copy in their personal chat.
  { verb: 'vernieuw', fase: 'aangeboden', data: { weergave: 'lokaal-team' }, gelukt: (_d, w) => toontCasus(w), mag: [...ONTVANGEND_TEAM, ...COORDINATOR_CHAT] },

  // Veilig Thuis, in its bound channel.
  { verb: 'vt-beoordeling-formulier', fase: 'gemeld', gelukt: (_d, w) => toontCasus(w), mag: VT_TEAM },
  { verb: 'vt-beoordeling', fase: 'gemeld', data: NAAR_NOORD, gelukt: (d) => vt(d)?.veiligheidsbeoordeling !== undefined, mag: VT_TEAM },
  { verb: 'vt-spoed', fase: 'gemeld', data: { spoed: 'ja', spoedReden: 'Politie meldt een wapen.' }, gelukt: (d) => vt(d)?.spoedBesluit !== undefined, mag: VT_TEAM },
  { verb: 'vt-bevestig-namens', fase: 'aangeboden aan andere partij', data: { regisseur: 'R. Regie' }, gelukt: (d) => vt(d)?.overdracht?.regisseur === 'R. Regie', mag: VT_TEAM },
  { verb: 'vt-wissel-onderzoek', fase: 'vervolg', gelukt: (d) => vt(d)?.vervolg?.soort === 'onderzoek', mag: VT_TEAM },
  { verb: 'vt-vervolg-formulier', fase: 'vervolg', gelukt: (_d, w) => toontCasus(w), mag: VT_TEAM },
  { verb: 'vt-vervolg-afronden', fase: 'vervolg', data: AFRONDEN, gelukt: (d) => vt(d)?.fase === 'overdracht-aangeboden', mag: VT_TEAM },
  { verb: 'vt-monitoring-formulier', fase: 'overgedragen met monitoring', gelukt: (_d, w) => toontCasus(w), mag: VT_TEAM },
  { verb: 'vt-monitoring', fase: 'overgedragen met monitoring', data: MONITORING, gelukt: gemonitord, mag: VT_TEAM },
  { verb: 'vt-afsluiten-formulier', fase: 'gemeld', gelukt: (_d, w) => toontCasus(w), mag: VT_TEAM },
  { verb: 'vt-afsluiten', fase: 'vervolg', data: { afsluitreden: 'Zorgen weggenomen.', bevestigdOp: '2026-03-02', bevestigingWijze: 'brief' }, gelukt: (d) => vt(d)?.fase === 'afgesloten', mag: VT_TEAM },
  // A melding Veilig Thuis received itself: the form and the registration, in its channel only.
  { verb: 'vt-registreer-formulier', fase: 'gemeld', gelukt: (_d, w) => w.soort === 'vt-registratie', mag: VT_TEAM, weigering: 'leest-niets' },
  { verb: 'vt-registreer', fase: 'gemeld', data: REGISTRATIE, gelukt: async (_d, _w, p) => (await p.stores.audit.lijst({})).some((r) => r.actie === 'create' && r.uitkomst === 'toegestaan' && r.dossierId !== p.id), mag: VT_TEAM },

  // The receiving lokaal team, in its bound channel.
  { verb: 'lt-bevestig', fase: 'aangeboden', data: { regisseur: 'Joost Bakker' }, gelukt: (d) => vt(d)?.overdracht?.regisseur === 'Joost Bakker', mag: ONTVANGEND_TEAM },
  { verb: 'lt-contact', fase: 'overgedragen', data: { contactWijze: 'telefonisch' }, gelukt: (d) => vt(d)?.overdracht?.contactGezinOp !== undefined, mag: ONTVANGEND_TEAM },
  { verb: 'lt-terugkoppeling', fase: 'contact gelegd', data: { samenvatting: 'Gezin gesproken.' }, gelukt: (d) => vt(d)?.overdracht?.terugkoppeling !== undefined, mag: ONTVANGEND_TEAM },
  { verb: 'lt-later', fase: 'aangeboden', data: { reden: 'Capaciteit.', oppakkenOp: '2026-03-16' }, gelukt: (d) => vt(d)?.overdracht?.beargumenteerdBesluit !== undefined, mag: ONTVANGEND_TEAM },
  { verb: 'lt-terug', fase: 'overgedragen', data: { redenTerug: 'Gezin weigert hulp.' }, gelukt: (d) => vt(d)?.fase === 'terug-bij-vt', mag: ONTVANGEND_TEAM },
  { verb: 'lt-regie', fase: 'overgedragen', data: REGIE, gelukt: (d) => vt(d)?.overdracht?.regie !== undefined, mag: ONTVANGEND_TEAM },
  // Monitoring the region (or a recorded deviation) gives the lokaal team: on its card, never Veilig Thuis's.
  { verb: 'lt-monitoring-formulier', fase: 'overgedragen, lokaal team monitort', gelukt: (_d, w) => toontCasus(w), mag: ONTVANGEND_TEAM },
  { verb: 'lt-monitoring', fase: 'overgedragen, lokaal team monitort', data: MONITORING, gelukt: gemonitord, mag: ONTVANGEND_TEAM },

  // The nudge cards.
  { verb: 'termijn-escaleer', fase: 'aangeboden', data: { reden: 'Termijn verlopen.' }, gelukt: (d) => (vt(d)?.escalaties.length ?? 0) > 0, mag: ROUTE_A },
  { verb: 'termijn-escalatie-uitkomst', fase: 'escalatie loopt', data: { uitkomst: 'I' }, gelukt: (d) => vt(d)?.escalaties[0]?.uitkomst === 'I', mag: ROUTE_A },
  // Whoever sees the case where the nudge arrived, and route a in their personal chat.
  {
    verb: 'termijn-morgen',
    fase: 'herinnering verstuurd en opgegeven',
    data: NUDGE,
    gelukt: (d) => (d.uitgesteld ?? []).length > 0,
    mag: [...new Set([...PROFESSIONAL, ...COORDINATOR_CHAT, ...VT_TEAM, ...ONTVANGEND_TEAM, ...ROUTE_A])],
  },
  // The nudge card redrawn (refresh): for whoever may act on it.
  {
    verb: 'termijn-vernieuw',
    fase: 'herinnering verstuurd en opgegeven',
    // The audience is what the card claims; it grants nothing (the server decides who sees the case).
    data: { ...NUDGE, publiek: 'coordinator' },
    gelukt: (_d, w) => toontCasus(w),
    mag: [...new Set([...PROFESSIONAL, ...COORDINATOR_CHAT, ...VT_TEAM, ...ONTVANGEND_TEAM, ...ROUTE_A])],
  },
  // A bound channel's own work list: the cards it holds, on one list, for the bound team's members.
  { verb: 'kanaal-casussen', fase: 'aangeboden', gelukt: (_d, w) => toontCasus(w), mag: [...VT_TEAM, ...ONTVANGEND_TEAM], weigering: 'zoekt-niets' },
  // Given-up nudges: the receiving team's coordinator and the region's beheerders (in demo.json the VT teamleider is one).
  {
    verb: 'herinneringen',
    fase: 'herinnering verstuurd en opgegeven',
    gelukt: (_d, w) => toontCasus(w),
    mag: cellen(['coordinator (ontvangend)', 'beheerder', 'vt-teamleider'], ['persoonlijke chat']),
    weigering: 'zoekt-niets',
  },
];

/**
 * Every action that is not the professional's own meldcode walk (test/app and test/dialogs cover
 * those, and only the owner may take them): a verb added to a chain, nudge or beheer flow must be
 * given a row here before this suite passes.
 */
const TE_DEKKEN: readonly Verb[] = [...new Set(['open', 'vernieuw', ...VERBS.filter((v) => !MELDCODE_VERBS.some((d) => d.verb === v))] as Verb[])];

// ------------------------------------------------------------------ running one cell

/** What happened in one cell, in words: 'ja', 'nee', or what went wrong with a refusal. */
async function uitkomst(rij: Rij, wie: Wie, waar: Waar, proefVoor: () => Promise<Proef>, nieuw: () => void): Promise<string> {
  const p = await proefVoor();
  const voor = JSON.stringify(await p.dossier());
  const auditVoor = (await p.stores.audit.lijst({})).length;
  const antwoord = await p.stuur(wie, waar, rij.verb, { ...rij.data, versie: await p.versie() });
  const na = await p.dossier();
  const nieuweAudit = (await p.stores.audit.lijst({})).slice(auditVoor).filter((r) => r.actor.id === PERSONEN[wie].id);
  const gewijzigd = JSON.stringify(na) !== voor || nieuweAudit.some((r) => r.uitkomst === 'toegestaan' && (r.actie === 'create' || r.actie === 'update'));
  // A cell that changed something gets a fresh dossier; refusals share one, since they change nothing.
  if (gewijzigd) nieuw();
  if (await rij.gelukt(na, antwoord, p)) return 'ja';
  if (gewijzigd) return 'nee, maar er is iets gewijzigd';
  if (toontCasus(antwoord) || kaartJson(antwoord).includes(p.id)) return 'nee, maar het antwoord toont de casus';
  const geaudit = {
    geweigerd: nieuweAudit.some((r) => r.uitkomst === 'geweigerd'),
    'zoekt-niets': nieuweAudit.some((r) => r.actie === 'search' && !(r.dossierIds ?? []).includes(p.id)),
    'leest-niets': true,
  }[rij.weigering ?? 'geweigerd'];
  return geaudit ? 'nee' : 'nee, maar de weigering is niet geaudit';
}

const naam = (rij: Rij) => `${rij.verb}${rij.data?.['weergave'] ? ` (kaart: ${String(rij.data['weergave'])})` : ''}`;

describe('the role matrix: every role x every action x every conversation (issue 10)', () => {
  it('has a row for every action outside the meldcode walk, so a verb added later must be put in the matrix', () => {
    const gedekt = new Set(MATRIX.map((r) => r.verb));
    expect(TE_DEKKEN.filter((v) => !gedekt.has(v))).toEqual([]);
  });

  it.each(MATRIX.map((rij) => [naam(rij), rij] as const))('%s', async (_naam, rij) => {
    let huidig: Promise<Proef> | undefined;
    const proefVoor = () => (huidig ??= proef(rij.fase));
    // Only the cells that differ from the table, each as "expected -> got": a failure names them.
    const afwijkend: Record<string, string> = {};
    let geteld = 0;
    for (const wie of Object.keys(PERSONEN) as Wie[]) {
      for (const waar of Object.keys(GESPREKKEN) as Waar[]) {
        const cel: Cel = `${wie} @ ${waar}`;
        const verwacht = rij.mag.includes(cel) ? 'ja' : 'nee';
        const gekregen = await uitkomst(rij, wie, waar, proefVoor, () => (huidig = undefined));
        if (gekregen !== verwacht) afwijkend[cel] = `verwacht ${verwacht}, gekregen ${gekregen}`;
        geteld += 1;
      }
    }
    expect(afwijkend).toEqual({});
    expect(geteld).toBe(Object.keys(PERSONEN).length * Object.keys(GESPREKKEN).length);
  }, 60_000);
});
