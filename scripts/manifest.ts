/**
 * npm run manifest: fills the ${{VAR}} placeholders of manifest/manifest.template.json from the
 * environment (Teams Toolkit convention) and writes manifest/build/meldroute.zip.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectMap } from './projectMap.js';
import { maakZip } from './zip.js';

const MAP = join(projectMap(), 'manifest');

/** Local-only defaults, so a developer can build a package to look at; CI and Azure set real ids. */
const STANDAARD: Readonly<Record<string, string>> = { APP_VERSION: '0.1.0', WEBSITE_URL: 'https://meldroute.example' };

export function vulManifest(sjabloon: string, env: Record<string, string | undefined>): string {
  const ontbrekend = new Set<string>();
  const gevuld = sjabloon.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_m, naam: string) => {
    const waarde = env[naam] ?? STANDAARD[naam];
    if (waarde === undefined) ontbrekend.add(naam);
    return waarde ?? '';
  });
  if (ontbrekend.size > 0) throw new Error(`Zet deze omgevingsvariabelen voor het manifest: ${[...ontbrekend].join(', ')}`);
  return gevuld;
}

export function bouwPakket(env: Record<string, string | undefined>): { manifest: string; zip: Buffer } {
  const manifest = vulManifest(readFileSync(join(MAP, 'manifest.template.json'), 'utf8'), env);
  const zip = maakZip([
    { naam: 'manifest.json', inhoud: Buffer.from(manifest) },
    { naam: 'color.png', inhoud: readFileSync(join(MAP, 'color.png')) },
    { naam: 'outline.png', inhoud: readFileSync(join(MAP, 'outline.png')) },
  ]);
  return { manifest, zip };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { manifest, zip } = bouwPakket(process.env);
    mkdirSync(join(MAP, 'build'), { recursive: true });
    writeFileSync(join(MAP, 'build', 'manifest.json'), manifest);
    writeFileSync(join(MAP, 'build', 'meldroute.zip'), zip);
    console.log(`manifest/build/meldroute.zip (${zip.length} bytes)`);
  } catch (fout) {
    console.error(fout instanceof Error ? fout.message : fout);
    process.exit(1);
  }
}
