import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { Bewaren } from '../app/bewaren.js';
import { GebruikersRegister } from '../app/gebruikers.js';
import { maakIndexeerder } from '../app/indexering.js';
import { consoleLogger, type Logger } from '../app/logger.js';
import { MeldcodeFlow } from '../app/meldcodeFlow.js';
import { MeldcodeService } from '../app/meldcodeService.js';
import { vasteRegioGids } from '../app/regio.js';
import type { Config } from '../config.js';
import { WerkdagKalender, standaardBeleid } from '../domain/index.js';
import { HoofdDialog } from '../dialogs/hoofdDialog.js';
import { openStores } from '../store/index.js';
import type { Stores } from '../store/ports.js';
import { maakAdapter, type MeldrouteAdapter } from './adapter.js';
import { VerzoekLimieten } from './begrenzer.js';
import { aanvraagUit } from './context.js';
import { DialogToestand } from './dialogToestand.js';
import type { BotPoort } from './http.js';
import { MeldrouteBot } from './meldrouteBot.js';
import { stuurWeergave } from './verzenden.js';
import { BotOpslag } from './opslag.js';

export interface Applicatie {
  readonly adapter: MeldrouteAdapter;
  readonly bot: MeldrouteBot;
  readonly stores: Stores;
  readonly service: MeldcodeService;
  readonly bewaren: Bewaren;
  readonly logic: (context: TurnContext) => Promise<void>;
  /** /api/messages: authentication, size and rate limits around `logic`. */
  readonly poort: BotPoort;
  sluit(): Promise<void>;
}

export interface Opties {
  readonly klok?: () => DateTime;
  readonly log?: Logger;
  readonly gebruikers?: GebruikersRegister;
  readonly stores?: Stores;
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
  const conversationState = new DialogToestand(new BotOpslag(stores.state));
  const dialog = new HoofdDialog(flow, (context) => aanvraagUit(context, register), stuurWeergave);
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
  return { adapter, bot, stores, service, bewaren, logic, poort, sluit: () => stores.close() };
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
