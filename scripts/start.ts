/**
 * npm start: meldroute on a developer's machine. Serves the same function handlers as Azure
 * does through a small Node host on 127.0.0.1, on the embedded store, and starts the Microsoft 365
 * Agents Playground (a Teams-like web chat) pointed at it.
 */
import { join } from 'node:path';
import { bouwApplicatie } from '../src/bot/compositie.js';
import { ConfigFout, laadConfig } from '../src/config.js';
import { consoleLogger } from '../src/app/logger.js';
import { startHost } from './host.js';
import { startPlayground } from './playground.js';
import { projectMap } from './projectMap.js';

const root = projectMap();
const PLAYGROUND_POORT = 56150;

async function main(): Promise<void> {
  // The local switch serves without authentication; the host below binds to 127.0.0.1 only.
  // With an app id (a tunnel to real Teams) every request is authenticated as in Azure.
  const lokaal = process.env['MicrosoftAppId'] ? {} : { MELDROUTE_LOKAAL: 'ja' };
  const config = laadConfig({ GEBRUIKERS_BESTAND: join(root, 'config', 'demo-gebruikers.json'), REGIO_MAP: join(root, 'config', 'regions'), ...lokaal, ...process.env });
  const applicatie = await bouwApplicatie(config);
  const host = await startHost(applicatie, config.port);
  consoleLogger.info('meldroute draait', { endpoint: `${host.url}/api/messages`, store: config.store.soort === 'sqlite' ? config.store.pad : 'cosmos' });

  const playground = process.env['PLAYGROUND'] === 'uit' ? undefined : await startPlayground(`${host.url}/api/messages`, PLAYGROUND_POORT, true);
  if (playground) console.log(`\n  Open de Teams-achtige chat: ${playground.url}\n  (kies "Nieuwe meldcode starten" of typ "start")\n`);

  const stop = async () => {
    playground?.stop();
    await host.stop();
    await applicatie.sluit();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((fout: unknown) => {
  console.error(fout instanceof ConfigFout ? fout.message : fout);
  process.exit(1);
});
