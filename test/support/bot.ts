import { bouwApplicatie, type Applicatie, type Opties } from '../../src/bot/compositie.js';
import { laadConfig } from '../../src/config.js';
import { stilleLogger } from '../../src/app/logger.js';
import { HttpRequest, InvocationContext } from '../../src/hosting/azureFunctions.js';
import { demoRegister, testStores, TestKlok } from './app.js';

/**
 * The whole application on an in-memory store at a fixed time. Without an app id it runs under
 * npm start's local switch unless `env` says otherwise (MELDROUTE_LOKAAL: 'nee').
 */
export function testApplicatie(env: Record<string, string> = {}, opties: Opties = {}): Promise<Applicatie> {
  const lokaal = env['MicrosoftAppId'] ? {} : { MELDROUTE_LOKAAL: 'ja' };
  return bouwApplicatie(laadConfig({ STORE: 'sqlite', ...lokaal, ...env }), { log: stilleLogger, stores: testStores(), gebruikers: demoRegister, klok: new TestKlok().lees, ...opties });
}

export const functieContext = () => new InvocationContext({ functionName: 'messages', invocationId: 'test' });

export const functieVerzoek = (body: unknown, headers: Record<string, string> = {}) =>
  new HttpRequest({ method: 'POST', url: 'http://127.0.0.1/api/messages', headers: { 'content-type': 'application/json', ...headers }, body: { string: typeof body === 'string' ? body : JSON.stringify(body) } });
