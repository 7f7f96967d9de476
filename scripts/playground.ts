import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectMap } from './projectMap.js';

/**
 * Starts the Microsoft 365 Agents Playground (Teams-like web chat) against a bot endpoint and
 * resolves with its URL once it listens. It picks another port when the preferred one is taken,
 * so the port is read from its own output. `configMap` holds the .m365agentsplayground.yml to use
 * (npm start writes one per demo role); without it the project's own is used.
 */
export async function startPlayground(botEndpoint: string, voorkeurPoort = 56150, toonUitvoer = false, configMap?: string): Promise<{ url: string; stop(): void }> {
  const root = projectMap();
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const args = ['--require', join(root, 'scripts', 'alleenLokaal.cjs'), cli, 'start', '-e', botEndpoint, '-c', 'msteams', '-p', String(voorkeurPoort), '--disable-telemetry'];
  const proces: ChildProcess = spawn(process.execPath, args, {
    // The Playground reads .m365agentsplayground.yml from its working directory: the acting user.
    cwd: configMap ?? root,
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let uitvoer = '';
  const poort = await new Promise<number>((klaar, mislukt) => {
    const timer = setTimeout(() => mislukt(new Error(`Playground startte niet: ${uitvoer}`)), 60_000);
    const lees = (deel: Buffer) => {
      if (toonUitvoer) process.stdout.write(deel);
      uitvoer += deel.toString();
      const m = /Listening on (\d+)/.exec(uitvoer);
      if (m) {
        clearTimeout(timer);
        klaar(Number(m[1]));
      }
    };
    proces.stdout?.on('data', lees);
    proces.stderr?.on('data', lees);
    proces.on('exit', (code) => mislukt(new Error(`Playground stopte (${code}): ${uitvoer}`)));
  });
  if (toonUitvoer) {
    proces.stdout?.on('data', (d: Buffer) => process.stdout.write(d));
    proces.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  }
  return { url: `http://127.0.0.1:${poort}`, stop: () => proces.kill() };
}
