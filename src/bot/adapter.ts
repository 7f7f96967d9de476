import { randomUUID } from 'node:crypto';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../app/logger.js';
import { ADAPTIVE_CARD, foutKaart } from '../cards/kaarten.js';

/** What the SDK's authentication yields for one request (botframework-connector's AuthenticateRequestResult). */
export type Authenticatie = Exclude<Parameters<CloudAdapter['processActivityDirect']>[0], string>;

/** A short id that a user can read out to support and that leads to the log line with the details. */
export function nieuweFoutcode(): string {
  return randomUUID().slice(0, 8);
}

/**
 * CloudAdapter with authentication and the turn as two steps, so the HTTP pipeline can answer
 * every authentication failure with 401 and count a request against the rate limits only once
 * it is known who sent it. `process()` does both in one go and turns some token failures into 500.
 */
export class MeldrouteAdapter extends CloudAdapter {
  /** Validates the Bot Framework JWT against the activity (issuer, audience, keys, serviceUrl claim). */
  authenticeer(activity: Activity, authHeader: string): Promise<Authenticatie> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn for an authenticated activity; an invoke's answer is returned, not sent. */
  verwerk(authenticatie: Authenticatie, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticatie, activity, logic);
  }
}

type ConnectorFabriek = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type Connector = Awaited<ReturnType<ConnectorFabriek['create']>>;
type TokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Service URLs kept per app id: Teams has a handful per region; the bound stops a flood of forged ones. */
const MAX_CONNECTOREN = 64;

/**
 * One Bot Connector client per app id and service URL instead of one per proactive message. The
 * SDK builds a ConnectorClient and a UserTokenClient, each with its own HTTP pipeline, for every
 * `continueConversationAsync`: at Teams' 50 messages per second that is most of what the sender
 * allocates, and it lives as long as the send, long enough to reach the old generation. Both
 * depend only on the app id (and the service URL and audience), tokens are cached by the SDK
 * process-wide, and the clients keep no per-conversation state, so reuse changes nothing else.
 */
class HergebruikteConnectoren extends ConfigurationBotFrameworkAuthentication {
  private readonly fabrieken = new Map<string, ConnectorFabriek>();
  private readonly tokenClients = new Map<string, Promise<TokenClient>>();

  override createConnectorFactory(claims: Claims): ConnectorFabriek {
    return begrensd(this.fabrieken, appIdVan(claims), () => {
      const fabriek = super.createConnectorFactory(claims);
      const clients = new Map<string, Promise<Connector>>();
      return { create: (serviceUrl, audience) => onthoud(clients, `${serviceUrl} ${audience ?? ''}`, () => fabriek.create(serviceUrl, audience)) };
    });
  }

  override createUserTokenClient(claims: Claims): Promise<TokenClient> {
    return onthoud(this.tokenClients, appIdVan(claims), () => super.createUserTokenClient(claims));
  }
}

/** The SDK's own choice of app id for a claims identity (audience, else appid). */
function appIdVan(claims: Claims): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

function begrensd<T>(cache: Map<string, T>, sleutel: string, maak: () => T): T {
  const bekend = cache.get(sleutel);
  if (bekend !== undefined) return bekend;
  const oudste = cache.keys().next();
  if (cache.size >= MAX_CONNECTOREN && !oudste.done) cache.delete(oudste.value);
  const nieuw = maak();
  cache.set(sleutel, nieuw);
  return nieuw;
}

/** Like `begrensd`, but a failed creation is forgotten so the next call tries again. */
function onthoud<T>(cache: Map<string, Promise<T>>, sleutel: string, maak: () => Promise<T>): Promise<T> {
  const nieuw = begrensd(cache, sleutel, maak);
  nieuw.catch(() => {
    if (cache.get(sleutel) === nieuw) cache.delete(sleutel);
  });
  return nieuw;
}

/**
 * The Bot Framework adapter. With an app id every incoming request must carry a valid Bot
 * Connector JWT (issuer, audience, expiry, signing keys, serviceUrl claim); without one nothing
 * is served unless npm start's local switch is on (see src/bot/http.ts). `connector` sets the
 * Bot Connector client's options (the sender's adapter uses a client that never retries itself).
 */
export function maakAdapter(bot: Config['bot'], log: Logger, connector: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4] = {}): MeldrouteAdapter {
  if (bot.appId === undefined && bot.lokaal) log.warn('Lokaal: verzoeken worden NIET geauthenticeerd (MELDROUTE_LOKAAL=ja, alleen npm start op 127.0.0.1).');
  if (bot.appId === undefined && !bot.lokaal) log.error('Geen MicrosoftAppId ingesteld: meldroute weigert elk verzoek op /api/messages.');
  // Without an app id the SDK only accepts the multi-tenant shape (and then skips validation).
  const auth = new HergebruikteConnectoren(
    bot.appId === undefined
      ? {}
      : { MicrosoftAppId: bot.appId, MicrosoftAppPassword: bot.appPassword ?? '', MicrosoftAppType: bot.appType, MicrosoftAppTenantId: bot.tenantId ?? '' },
    undefined,
    undefined,
    undefined,
    connector,
  );
  const adapter = new MeldrouteAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, fout: unknown) => {
    const foutcode = nieuweFoutcode();
    const { type, name } = context.activity;
    log.error('Fout in een beurt', { foutcode, activity: type, naam: name, fout: fout instanceof Error ? fout.message : String(fout), stack: fout instanceof Error ? fout.stack : undefined });
    const melding = `Er ging iets mis bij het verwerken. Wat al was vastgelegd is bewaard; probeer het opnieuw. Foutcode: ${foutcode}`;
    try {
      if (type === ActivityTypes.Invoke && name === 'adaptiveCard/action') {
        // A click must always get a card back, or Teams shows only a generic failure.
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: foutKaart(melding).content } } });
      } else if (type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500, body: { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'fout', message: melding } } } });
      } else if (type === ActivityTypes.Message) {
        await context.sendActivity(melding);
      }
    } catch (verzendfout) {
      log.error('Foutmelding kon niet worden verstuurd', { foutcode, fout: verzendfout instanceof Error ? verzendfout.message : String(verzendfout) });
    }
  };
  return adapter;
}
