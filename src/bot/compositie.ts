import { ConversationState, type TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { Bewaren } from '../app/bewaren.js';
import { GebruikersRegister } from '../app/gebruikers.js';
import { maakIndexeerder } from '../app/indexering.js';
import { consoleLogger, type Logger } from '../app/logger.js';
import { MeldcodeFlow } from '../app/meldcodeFlow.js';
import { MeldcodeService } from '../app/meldcodeService.js';
import { vasteRegioGids } from '../app/regio.js';
import type { Bericht } from '../app/bezorging.js';
import { Verzender, type Opsteller } from '../app/verzender.js';
import { Verzendlimiet } from '../app/verzendlimiet.js';
import type { KaartBijlage } from '../cards/kaarten.js';
import { VERZEND_WACHTRIJ, type Config } from '../config.js';
import { WerkdagKalender, standaardBeleid } from '../domain/index.js';
import { HoofdDialog } from '../dialogs/hoofdDialog.js';
import { openStores, openWachtrij } from '../store/index.js';
import type { Stores } from '../store/ports.js';
import type { Wachtrij } from '../store/wachtrij.js';
import { maakAdapter, type MeldrouteAdapter } from './adapter.js';
import { VerzoekLimieten } from './begrenzer.js';
import { aanvraagUit } from './context.js';
import type { BotPoort } from './http.js';
import { MeldrouteBot } from './meldrouteBot.js';
import { BotOpslag } from './opslag.js';
import { TeamsBezorger, kanaalKaartVoor } from './bezorger.js';
import { eenPogingHttpClient } from './teamsHttp.js';

/** The send queue and its sender, built on first use: only the sender and the tick need them. */
export interface Verzending {
  readonly wachtrij: Wachtrij;
  readonly verzender: Verzender;
}

export interface Applicatie {
  readonly adapter: MeldrouteAdapter;
  readonly bot: MeldrouteBot;
  readonly stores: Stores;
  readonly service: MeldcodeService;
  readonly bewaren: Bewaren;
  readonly logic: (context: TurnContext) => Promise<void>;
  /** /api/messages: authentication, size and rate limits around `logic`. */
  readonly poort: BotPoort;
  verzending(): Promise<Verzending>;
  sluit(): Promise<void>;
}

export interface Opties {
  readonly klok?: () => DateTime;
  readonly log?: Logger;
  readonly gebruikers?: GebruikersRegister;
  readonly stores?: Stores;
  readonly verzending?: {
    readonly wachtrij?: Wachtrij;
    /** What a job means (the nudge rules and cards); until it is set, jobs wait and then poison. */
    readonly opsteller?: Opsteller;
    readonly render?: (b: Bericht) => KaartBijlage;
    readonly slaap?: (ms: number) => Promise<void>;
  };
}

/** Nothing enqueues nudges before their rules exist; if something does, the job is not lost. */
function nogGeenOpsteller(log: Logger): Opsteller {
  return {
    stelOp: async (o) => {
      throw new Error(`Geen opsteller voor ${o.inhoud.soort}: de opdracht blijft in de wachtrij.`);
    },
    verzonden: async () => undefined,
    meldMislukt: async (o, reden) => log.warn('Verzending opgegeven', { sleutel: o.sleutel, reden }),
  };
}

/**
 * The composition root: configuration, stores, adapter, dialogs and bot are built once, here,
 * and handed to each other through constructors.
 */
export async function bouwApplicatie(config: Config, opties: Opties = {}): Promise<Applicatie> {
  const klok = opties.klok ?? (() => DateTime.utc());
  const log = opties.log ?? consoleLogger;
  const beleid = standaardBeleid(new WerkdagKalender({ sluitingsdagen: config.regio.sluitingsdagen }));
  const stores = opties.stores ?? (await openStores(config.store, maakIndexeerder(() => beleid, config.bewaartermijnen)));
  const register = opties.gebruikers ?? (config.gebruikersBestand ? GebruikersRegister.uitBestand(config.gebruikersBestand) : new GebruikersRegister());
  const service = new MeldcodeService({
    stores,
    klok,
    regioVoor: (g) => g.vtRegioId ?? config.regio.standaard,
    instellingen: { vervolgZelfHulpWeken: config.vervolgZelfHulpWeken },
  });
  const flow = new MeldcodeFlow(service, klok, vasteRegioGids({ [config.regio.standaard]: config.regio.veiligThuis }));
  const conversationState = new ConversationState(new BotOpslag(stores.state));
  const dialog = new HoofdDialog(flow, (context) => aanvraagUit(context, register));
  const bot = new MeldrouteBot({
    flow,
    register,
    gesprekken: stores.gesprekken,
    audit: stores.audit,
    conversationState,
    dialog,
    toegestaneTenants: config.bot.toegestaneTenants,
    klok,
    log,
  });
  const adapter = maakAdapter(config.bot, log);
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
  const bewaren = new Bewaren({ stores, klok });
  let verzending: Promise<Verzending> | undefined;
  const bouwVerzending = async (): Promise<Verzending> => {
    const o = opties.verzending ?? {};
    const wachtrij = o.wachtrij ?? (await openWachtrij(config.verzenden.wachtrij, VERZEND_WACHTRIJ, () => klok().toMillis()));
    // Its own adapter: one attempt per send, so 429 and 5xx reach the sender instead of being retried inside.
    const bezorger = new TeamsBezorger(maakAdapter(config.bot, log, { httpClient: eenPogingHttpClient(config.verzenden.tijdslimietMs) }), config.bot.appId ?? '', o.render ?? kanaalKaartVoor);
    const verzender = new Verzender({
      stores,
      wachtrij,
      bezorger,
      opsteller: o.opsteller ?? nogGeenOpsteller(log),
      limiet: new Verzendlimiet(config.verzenden.teams),
      klok,
      slaap: o.slaap ?? ((ms) => new Promise((klaar) => setTimeout(klaar, ms))),
      toeval: Math.random,
      log,
      instellingen: { maxPogingen: config.verzenden.maxPogingen, claimGeldigSeconden: Math.max(60, (config.verzenden.tijdslimietMs / 1000) * 4) },
    });
    return { wachtrij, verzender };
  };
  return {
    adapter,
    bot,
    stores,
    service,
    bewaren,
    logic,
    poort,
    verzending: () => (verzending ??= bouwVerzending()),
    sluit: async () => {
      if (verzending !== undefined) await (await verzending.catch(() => undefined))?.wachtrij.sluit();
      await stores.close();
    },
  };
}

let gedeeld: Promise<Applicatie> | undefined;

/**
 * The Functions host loads each function file on its own, so there is no main() to build the
 * application in: it is built once per worker on first use and shared by every trigger. This is
 * the one piece of module state, and it holds only the composition root.
 */
export function haalApplicatie(laad: () => Config): Promise<Applicatie> {
  gedeeld ??= bouwApplicatie(laad());
  return gedeeld;
}
