/**
 * npm run audit:verify: walks every hash chain of the audit trail in the configured store (the
 * same environment as the app: SQLITE_PATH, or COSMOS_ENDPOINT and friends) and prints
 * `OK <n> rijen, <m> ketens` or the first broken entry. Exit code 0 when whole, 1 on a break,
 * 2 when the store cannot be opened.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { maakIndexeerder } from '../src/app/indexering.js';
import { ConfigFout, laadConfig } from '../src/config.js';
import { standaardBeleid } from '../src/domain/index.js';
import { beschrijf, verifieerAudit } from '../src/store/auditKeten.js';
import { openStores } from '../src/store/index.js';

export async function controleerAudit(env: NodeJS.ProcessEnv, schrijf: (regel: string) => void): Promise<number> {
  let config;
  try {
    config = laadConfig(env);
  } catch (fout) {
    if (!(fout instanceof ConfigFout)) throw fout;
    schrijf(fout.message);
    return 2;
  }
  // Opening a missing file would create an empty store and report it whole.
  if (config.store.soort === 'sqlite' && !existsSync(config.store.pad)) {
    schrijf(`Geen audittrail gevonden: ${config.store.pad} bestaat niet.`);
    return 2;
  }
  const stores = await openStores(config.store, maakIndexeerder(() => standaardBeleid(), config.bewaartermijnen));
  try {
    const v = await verifieerAudit(stores.audit.rijen());
    schrijf(beschrijf(v));
    return v.ok ? 0 : 1;
  } finally {
    await stores.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  controleerAudit(process.env, (regel) => console.log(regel)).then(
    (code) => process.exit(code),
    (fout: unknown) => {
      console.error(fout instanceof Error ? fout.message : fout);
      process.exit(2);
    },
  );
}
