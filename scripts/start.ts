/**
 * npm start: meldroute on a developer's machine. Serves the same function handlers as Azure
 * does through a small Node host on 127.0.0.1, on the embedded store, and starts the Microsoft 365
 * Agents Playground (a Teams-like web chat) pointed at it.
 */
import { join } from 'node:path';
import { bouwApplicatie } from '../src/bot/compositie.js';
import { ConfigFout, laadConfig } from '../src/config.js';
import { consoleLogger } from '../src/app/logger.js';
import { pomp } from '../src/app/verzender.js';
import { startHost } from './host.js';
import { randomUUID } from 'node:crypto';
import { DEMO_ROLLEN, isDemoRol, koppelDemoKanalen, schrijfPlaygroundConfig, type DemoRol } from './demo.js';
import { startPlayground } from './playground.js';
import { projectMap } from './projectMap.js';

const root = projectMap();
const PLAYGROUND_POORT = 56150;

/** `npm start -- --als veilig-thuis`: which demo person the Playground acts as. */
function gekozenRol(argv: readonly string[]): DemoRol {
  const i = argv.indexOf('--als');
  const rol = i >= 0 ? argv[i + 1] : process.env['ALS'];
  if (rol === undefined) return 'professional';
  if (isDemoRol(rol)) return rol;
  throw new ConfigFout(`Onbekende rol "${rol}" voor --als; kies uit: ${Object.keys(DEMO_ROLLEN).join(', ')}.`);
}

async function main(): Promise<void> {
  const rol = gekozenRol(process.argv.slice(2));
  // The local switch serves without authentication; the host below binds to 127.0.0.1 only.
  // With an app id (a tunnel to real Teams) every request is authenticated as in Azure.
  const lokaal = process.env['MicrosoftAppId'] ? {} : { MELDROUTE_LOKAAL: 'ja' };
  const config = laadConfig({ GEBRUIKERS_BESTAND: join(root, 'config', 'demo-gebruikers.json'), REGIO_MAP: join(root, 'config', 'regions'), ...lokaal, ...process.env });
  const applicatie = await bouwApplicatie(config);
  await koppelDemoKanalen(applicatie.stores, applicatie.klok().toUTC().toISO() as string, randomUUID);
  const host = await startHost(applicatie, config.port);
  consoleLogger.info('meldroute draait', { endpoint: `${host.url}/api/messages`, store: config.store.soort === 'sqlite' ? config.store.pad : 'cosmos' });

  const configMap = schrijfPlaygroundConfig(join(root, 'data', 'playground', rol), rol);
  const playground = process.env['PLAYGROUND'] === 'uit' ? undefined : await startPlayground(`${host.url}/api/messages`, PLAYGROUND_POORT, true, configMap);
  if (playground) {
    console.log(`\n  Open de Teams-achtige chat: ${playground.url}\n  U bent ${DEMO_ROLLEN[rol].naam}. Een andere rol: npm start -- --als <${Object.keys(DEMO_ROLLEN).join('|')}>\n`);
  }

  // The queue trigger's part in Azure: drain the send queue in this process.
  const verzending = await applicatie.verzending();

  // The timers of Azure run in-process every minute: the outbox sweep (functions/bezorging.ts) and
  // one tick for both the deadline and the monitoring timers (functions/termijnen.ts,
  // functions/monitoring.ts). A tick still running is not started twice.
  let tikt = false;
  const veeg = setInterval(() => {
    applicatie.bezorging.veeg().catch((fout: unknown) => consoleLogger.error('Veegronde bezorging mislukt', { fout: fout instanceof Error ? fout.message : String(fout) }));
    if (tikt) return;
    tikt = true;
    verzending.termijnbewaking
      .tick()
      .catch((fout: unknown) => consoleLogger.error('Termijnbewaking mislukt', { fout: fout instanceof Error ? fout.message : String(fout) }))
      .finally(() => (tikt = false));
  }, 60_000);
  const stopVerzenden = new AbortController();
  const verzendlus = pomp(verzending.wachtrij, verzending.verzender, {
    gelijktijdig: 16,
    onzichtbaarSeconden: 120,
    pauzeMs: 1000,
    stop: stopVerzenden.signal,
    slaap: (ms) => new Promise((klaar) => setTimeout(klaar, ms)),
    log: consoleLogger,
  });

  const stop = async () => {
    clearInterval(veeg);
    stopVerzenden.abort();
    await verzendlus;
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
