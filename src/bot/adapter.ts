import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../app/logger.js';

/**
 * The Bot Framework adapter. With an app id every incoming request must carry a valid Bot
 * Connector JWT (issuer, audience, expiry, signing keys, serviceUrl claim); without one, as on a
 * developer's machine, requests are not authenticated and the start-up log says so.
 */
export function maakAdapter(bot: Config['bot'], log: Logger): CloudAdapter {
  if (bot.appId === undefined) log.warn('Geen MicrosoftAppId ingesteld: verzoeken worden NIET geauthenticeerd. Alleen voor lokaal gebruik.');
  // Without an app id the SDK only accepts the multi-tenant shape (and then skips validation).
  const auth = new ConfigurationBotFrameworkAuthentication(
    bot.appId === undefined
      ? {}
      : { MicrosoftAppId: bot.appId, MicrosoftAppPassword: bot.appPassword ?? '', MicrosoftAppType: bot.appType, MicrosoftAppTenantId: bot.tenantId ?? '' },
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, fout: unknown) => {
    log.error('Fout in een beurt', { fout: fout instanceof Error ? fout.message : String(fout), activity: context.activity.type });
    if (context.activity.type === 'message') {
      await context.sendActivity('Er ging iets mis bij het verwerken. Er is niets verloren gegaan van wat al was vastgelegd; probeer het opnieuw.');
    }
  };
  return adapter;
}
