import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { OpslagAdresboek } from '../app/adresboek.js';
import { Bewaren } from '../app/bewaren.js';
import { Bezorging, type Bericht } from '../app/bezorging.js';
import { GebruikersRegister } from '../app/gebruikers.js';
import { Koppelingen } from '../app/koppelingen.js';
import { maakIndexeerder } from '../app/indexering.js';
import { consoleLogger, type Logger } from '../app/logger.js';
import { MeldcodeFlow } from '../app/meldcodeFlow.js';
import { MeldcodeService } from '../app/meldcodeService.js';
import type { RegioGids } from '../app/regio.js';
import { laadRegios } from '../app/regioConfig.js';
import { TermijnOpsteller } from '../app/termijnOpsteller.js';
import { Termijnbewaking } from '../app/termijnbewaking.js';
import { Verzender, type Opsteller } from '../app/verzender.js';
import { Verzendlimiet } from '../app/verzendlimiet.js';
import { VERZEND_WACHTRIJ, laadAzureConfig, type Config } from '../config.js';
import { standaardBeleid, type RegioBeleid } from '../domain/index.js';
import { HoofdDialog } from '../dialogs/hoofdDialog.js';
import { openStores, openWachtrij } from '../store/index.js';
import type { Stores } from '../store/ports.js';
import { kaartVoor, type KaartBijlage } from '../cards/kaarten.js';
import type { Wachtrij } from '../store/wachtrij.js';
import { maakAdapter, type MeldrouteAdapter } from './adapter.js';
import { TeamsBezorger, kaartRenderer } from './bezorger.js';
import { VerzoekLimieten } from './begrenzer.js';
import { aanvraagUit } from './context.js';
import { DialogToestand } from './dialogToestand.js';
import type { BotPoort } from './http.js';
import { MeldrouteBot } from './meldrouteBot.js';
import { stuurWeergave } from './verzenden.js';
import { BotOpslag } from './opslag.js';
import { TeamsRooster, type TeamLeden } from './teamLeden.js';
import { eenPogingHttpClient } from './teamsHttp.js';

/** The send queue, its sender and the tick that fills it, built on first use: only timers and the sender need them. */
export interface Verzending {
  readonly wachtrij: Wachtrij;
  readonly verzender: Verzender;
  readonly termijnbewaking: Termijnbewaking;
}

/**
 * The shared core: stores, regions, the use cases, the clock and the dispatcher. The HTTP
 * function and every timer use it; a timer never builds the bot and its dialogs.
 */
export interface Kern {
  readonly klok: () => DateTime;
  readonly log: Logger;
  readonly stores: Stores;
  readonly regios: RegioGids;
  readonly service: MeldcodeService;
  readonly flow: MeldcodeFlow;
  readonly bewaren: Bewaren;
  readonly bezorging: Bezorging;
  readonly adapter: MeldrouteAdapter;
  /** The send queue and its sender (built on first use). */
  verzending(): Promise<Verzending>;
  sluit(): Promise<void>;
}

export interface Applicatie extends Kern {
  readonly bot: MeldrouteBot;
  readonly logic: (context: TurnContext) => Promise<void>;
  /** /api/messages: authentication, size and rate limits around `logic`. */
  readonly poort: BotPoort;
}

export interface Opties {
  readonly klok?: () => DateTime;
  readonly log?: Logger;
  readonly gebruikers?: GebruikersRegister;
  readonly stores?: Stores;
  /** The regions; absent: read from the region files (config.regio.map) and validated. */
  readonly regios?: RegioGids;
  /** Teams' roster of a bound team; tests pass a fake. */
  readonly teamLeden?: TeamLeden;
  readonly verzending?: {
    readonly wachtrij?: Wachtrij;
    /** What a job means (the nudge rules and cards); until it is set, jobs wait and then poison. */
    readonly opsteller?: Opsteller;
    readonly render?: (b: Bericht) => KaartBijlage;
    readonly slaap?: (ms: number) => Promise<void>;
  };
}

/**
 * The composition root of the core: configuration, stores, regions, use cases and the
 * dispatcher are built once, here, and handed to each other through constructors.
 */
export async function bouwKern(config: Config, opties: Opties = {}): Promise<Kern> {
  const klok = opties.klok ?? (() => DateTime.utc());
  const log = opties.log ?? consoleLogger;
  const regios = opties.regios ?? laadRegios(config.regio.map, { standaard: config.regio.standaard });
  // One calendar per region: the nudges count on the same werkdagen as the cards show.
  const beleidPerRegio = new Map<string, RegioBeleid>();
  const beleidVoor = (regioId: string): RegioBeleid => {
    let beleid = beleidPerRegio.get(regioId);
    if (beleid === undefined) {
      beleid = standaardBeleid(regios.kalender(regioId));
      beleidPerRegio.set(regioId, beleid);
    }
    return beleid;
  };
  const stores = opties.stores ?? (await openStores(config.store, maakIndexeerder(beleidVoor, config.bewaartermijnen)));
  // The dispatcher is built after the service that calls it; the late binding is only this closure.
  let bezorging: Bezorging | undefined;
  const service = new MeldcodeService({
    stores,
    klok,
    regioVoor: (g) => g.vtRegioId ?? config.regio.standaard,
    regios,
    instellingen: { vervolgZelfHulpWeken: config.vervolgZelfHulpWeken },
    bezorg: (dossierId) => bezorging?.bezorg(dossierId) ?? Promise.resolve(),
  });
  const flow = new MeldcodeFlow(service, klok, regios);
  const adapter = maakAdapter(config.bot, log);
  const render = kaartRenderer(regios, (d) => kaartVoor(flow.huidigeKaart(d)));
  const bezorger = new TeamsBezorger(adapter, config.bot.appId ?? '', render);
  bezorging = new Bezorging({
    stores,
    adresboek: new OpslagAdresboek(stores),
    bezorger,
    regios,
    klok,
    log,
    nieuwId: randomUUID,
  });
  const bewaren = new Bewaren({ stores, klok });
  let verzending: Promise<Verzending> | undefined;
  const bouwVerzending = async (): Promise<Verzending> => {
    const o = opties.verzending ?? {};
    const wachtrij = o.wachtrij ?? (await openWachtrij(config.verzenden.wachtrij, VERZEND_WACHTRIJ, () => klok().toMillis()));
    // Its own adapter: one attempt per send, so 429 and 5xx reach the sender instead of being retried inside.
    const zender = new TeamsBezorger(maakAdapter(config.bot, log, { httpClient: eenPogingHttpClient(config.verzenden.tijdslimietMs) }), config.bot.appId ?? '', o.render ?? render);
    const verzender = new Verzender({
      stores,
      wachtrij,
      bezorger: zender,
      opsteller: o.opsteller ?? new TermijnOpsteller({ stores, regios, beleidVoor, bezorger, klok, log }),
      limiet: new Verzendlimiet(config.verzenden.teams),
      klok,
      slaap: o.slaap ?? ((ms) => new Promise((klaar) => setTimeout(klaar, ms))),
      toeval: Math.random,
      log,
      instellingen: { maxPogingen: config.verzenden.maxPogingen, claimGeldigSeconden: Math.max(60, (config.verzenden.tijdslimietMs / 1000) * 4) },
    });
    const termijnbewaking = new Termijnbewaking({ stores, wachtrij, regios, beleidVoor, klok, log, nieuwId: randomUUID });
    return { wachtrij, verzender, termijnbewaking };
  };
  return {
    klok,
    log,
    stores,
    regios,
    service,
    flow,
    bewaren,
    bezorging,
    adapter,
    verzending: () => (verzending ??= bouwVerzending()),
    sluit: async () => {
      if (verzending !== undefined) await (await verzending.catch(() => undefined))?.wachtrij.sluit();
      await stores.close();
    },
  };
}

/** The whole application for /api/messages: the core plus the bot, its dialogs and the HTTP pipeline. */
export async function bouwApplicatie(config: Config, opties: Opties = {}): Promise<Applicatie> {
  return bouwBot(await bouwKern(config, opties), config, opties);
}

function bouwBot(kern: Kern, config: Config, opties: Opties): Applicatie {
  const { stores, regios, klok, log, flow, adapter } = kern;
  const register = opties.gebruikers ?? (config.gebruikersBestand ? GebruikersRegister.uitBestand(config.gebruikersBestand) : new GebruikersRegister());
  const koppelingen = new Koppelingen({ stores, regios, klok, naKoppelen: () => kern.bezorging.veeg({ ookWachtend: true }).then(() => undefined) });
  const conversationState = new DialogToestand(new BotOpslag(stores.state));
  const dialog = new HoofdDialog(flow, (context) => aanvraagUit(context, register), koppelingen, stuurWeergave);
  const bot = new MeldrouteBot({
    flow,
    register,
    gesprekken: stores.gesprekken,
    koppelingStore: stores.koppelingen,
    kanaalBereikbaar: () => kern.bezorging.veeg({ ookWachtend: true }).then(() => undefined),
    koppelingen,
    teamLeden: opties.teamLeden ?? new TeamsRooster(() => klok().toMillis(), log),
    audit: stores.audit,
    conversationState,
    dialog,
    toegestaneTenants: config.bot.toegestaneTenants,
    klok,
    log,
  });
  const logic = (context: TurnContext) => bot.run(context);
  const poort: BotPoort = {
    adapter,
    logic,
    toegang: config.bot.appId !== undefined ? 'bot-framework' : config.bot.lokaal ? 'lokaal' : 'dicht',
    kanalen: config.bot.lokaal ? ['msteams', 'emulator'] : ['msteams'],
    // Per instance, in memory: see README "Rate limits" for the limit across instances.
    limieten: new VerzoekLimieten(config.limieten, () => klok().toMillis()),
    log,
  };
  return { ...kern, bot, logic, poort };
}

let gedeeldeKern: Promise<Kern> | undefined;
let gedeeld: Promise<Applicatie> | undefined;

/** Built once per worker; a build that fails (a wrong setting) is not kept, the next call tries again. */
function eenmaal<T>(huidig: Promise<T> | undefined, zet: (p: Promise<T> | undefined) => void, bouw: () => Promise<T>): Promise<T> {
  if (huidig !== undefined) return huidig;
  const p = Promise.resolve()
    .then(bouw)
    .catch((fout: unknown) => {
      zet(undefined);
      throw fout;
    });
  zet(p);
  return p;
}

/**
 * The Functions host loads each function file on its own, so there is no main() to build the
 * application in: the core is built once per worker on first use and shared by every trigger,
 * the bot only for /api/messages. This is the one piece of module state, and it holds only the
 * composition root. Every trigger uses the Azure loader, so none can let the local switch in.
 */
export function haalKern(laad: () => Config = () => laadAzureConfig()): Promise<Kern> {
  return eenmaal(gedeeldeKern, (p) => (gedeeldeKern = p), async () => bouwKern(laad()));
}

export function haalApplicatie(laad: () => Config = () => laadAzureConfig()): Promise<Applicatie> {
  return eenmaal(gedeeld, (p) => (gedeeld = p), async () => {
    const config = laad();
    return bouwBot(await haalKern(() => config), config, {});
  });
}
