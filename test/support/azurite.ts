import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Azurite's published development account (documented, not a secret). */
const ACCOUNT = 'devstoreaccount1';
const SLEUTEL = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * Azurite's queue service from node_modules as a child process on 127.0.0.1 and a free port,
 * with its data in a temporary folder. `--skipApiVersionCheck`: @azure/storage-queue 12.30 speaks
 * API version 2026-04-06, Azurite 3.35 knows up to 2025-11-05 (3.37, which does, needs Node 22).
 * `--disableTelemetry`: it would otherwise try to reach Application Insights.
 */
export async function startAzurite(): Promise<{ connectionString: string; stop(): Promise<void> }> {
  const map = mkdtempSync(join(tmpdir(), 'meldroute-azurite-'));
  const main = createRequire(import.meta.url).resolve('azurite/dist/src/queue/main.js');
  const proces = spawn(
    process.execPath,
    [main, '--queueHost', '127.0.0.1', '--queuePort', '0', '--location', map, '--disableTelemetry', '--skipApiVersionCheck', '--silent'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const poort = await new Promise<number>((klaar, faal) => {
    let uitvoer = '';
    const lees = (d: Buffer) => {
      uitvoer += d.toString('utf8');
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(uitvoer);
      if (m?.[1]) klaar(Number(m[1]));
    };
    proces.stdout.on('data', lees);
    proces.stderr.on('data', lees);
    proces.once('exit', (code) => faal(new Error(`Azurite stopte (${code}): ${uitvoer}`)));
  });
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${SLEUTEL};QueueEndpoint=http://127.0.0.1:${poort}/${ACCOUNT};`,
    stop: async () => {
      const gestopt = new Promise<void>((klaar) => proces.once('exit', () => klaar()));
      proces.kill('SIGTERM');
      // Azurite closes its server on SIGTERM but may keep timers alive: then it is killed.
      const hard = setTimeout(() => proces.kill('SIGKILL'), 3000);
      await gestopt;
      clearTimeout(hard);
      rmSync(map, { recursive: true, force: true });
    },
  };
}
