import { ConversationState, type TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { Bewaren } from '../app/bewaren.js';
import { GebruikersRegister } from '../app/gebruikers.js';
import { Koppelingen } from '../app/koppelingen.js';
import { maakIndexeerder } from '../app/indexering.js';
import { consoleLogger, type Logger } from '../app/logger.js';
import { MeldcodeFlow } from '../app/meldcodeFlow.js';
import { MeldcodeService } from '../app/meldcodeService.js';
import type { RegioGids } from '../app/regio.js';
import { laadRegios } from '../app/regioConfig.js';
import { laadAzureConfig, type Config } from '../config.js';
import { standaardBeleid, type RegioBeleid } from '../domain/index.js';
import { HoofdDialog } from '../dialogs/hoofdDialog.js';
import { openStores } from '../store/index.js';
import type { Stores } from '../store/ports.js';
import { maakAdapter, type MeldrouteAdapter } from './adapter.js';
import { VerzoekLimieten } from './begrenzer.js';
import { aanvraagUit } from './context.js';
import type { BotPoort } from './http.js';
import { MeldrouteBot } from './meldrouteBot.js';
import { BotOpslag } from './opslag.js';
import { TeamsRooster, type TeamLeden } from './teamLeden.js';

export interface Applicatie {
  readonly adapter: MeldrouteAdapter;
  readonly bot: MeldrouteBot;
  readonly stores: Stores;
  readonly service: MeldcodeService;
  readonly bewaren: Bewaren;
  /** The configured regions: Veilig Thuis, gemeenten, lokale teams, roles, one calendar each. */
  readonly regios: RegioGids;
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
  /** The regions; absent: read from the region files (config.regio.map) and validated. */
  readonly regios?: RegioGids;
  /** Teams' roster of a bound team; tests pass a fake. */
  readonly teamLeden?: TeamLeden;
}

/**
 * The composition root: configuration, stores, adapter, dialogs and bot are built once, here,
 * and handed to each other through constructors.
 */
export async function bouwApplicatie(config: Config, opties: Opties = {}): Promise<Applicatie> {
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
  const register = opties.gebruikers ?? (config.gebruikersBestand ? GebruikersRegister.uitBestand(config.gebruikersBestand) : new GebruikersRegister());
  const service = new MeldcodeService({
    stores,
    klok,
    regioVoor: (g) => g.vtRegioId ?? config.regio.standaard,
    regios,
    instellingen: { vervolgZelfHulpWeken: config.vervolgZelfHulpWeken },
  });
  const flow = new MeldcodeFlow(service, klok, regios);
  const koppelingen = new Koppelingen({ stores, regios, klok });
  const conversationState = new ConversationState(new BotOpslag(stores.state));
  const dialog = new HoofdDialog(flow, (context) => aanvraagUit(context, register), koppelingen);
  const bot = new MeldrouteBot({
    flow,
    register,
    gesprekken: stores.gesprekken,
    koppelingStore: stores.koppelingen,
    koppelingen,
    teamLeden: opties.teamLeden ?? new TeamsRooster(() => klok().toMillis(), log),
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
  return { adapter, bot, stores, service, bewaren, regios, logic, poort, sluit: () => stores.close() };
}

let gedeeld: Promise<Applicatie> | undefined;

/**
 * The Functions host loads each function file on its own, so there is no main() to build the
 * application in: it is built once per worker on first use and shared by every trigger. This is
 * the one piece of module state, and it holds only the composition root.
 */
export function haalApplicatie(laad: () => Config = () => laadAzureConfig()): Promise<Applicatie> {
  // A build that fails (a wrong setting) is not kept: the next invocation tries again.
  gedeeld ??= Promise.resolve()
    .then(() => bouwApplicatie(laad()))
    .catch((fout: unknown) => {
      gedeeld = undefined;
      throw fout;
    });
  return gedeeld;
}
