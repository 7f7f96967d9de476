import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFout } from '../../src/config.js';
import { testApplicatie } from '../support/bot.js';

const REGIO_MAP = join(import.meta.dirname, '..', '..', 'config', 'regions');

describe('bouwApplicatie: the region files at start-up', () => {
  let map: string | undefined;
  afterEach(() => {
    if (map) rmSync(map, { recursive: true, force: true });
    map = undefined;
  });

  it('reads config/regions by default and hands the regions to the rest of the application', async () => {
    const applicatie = await testApplicatie();
    try {
      expect(applicatie.regios.veiligThuis('vt-regio-demo')).toMatchObject({ naam: 'Veilig Thuis Demoregio', telefoon: '0800-2000' });
      expect(applicatie.regios.regios().length).toBeGreaterThanOrEqual(4);
    } finally {
      await applicatie.sluit();
    }
  });

  it('a wrong region file stops start-up with a message naming the file and the field', async () => {
    map = mkdtempSync(join(tmpdir(), 'meldroute-regios-'));
    cpSync(REGIO_MAP, map, { recursive: true });
    const demo = JSON.parse(readFileSync(join(map, 'demo.json'), 'utf8')) as { gemeenten: { lokaleTeams: { key: string }[] }[] };
    demo.gemeenten[0]!.lokaleTeams[0]!.key = 'Wijkteam Noord';
    writeFileSync(join(map, 'demo.json'), JSON.stringify(demo));
    const start = testApplicatie({ REGIO_MAP: map });
    await expect(start).rejects.toThrow(ConfigFout);
    await expect(start).rejects.toThrow(`${join(map, 'demo.json')}: gemeenten.0.lokaleTeams.0.key: gebruik kleine letters`);
  });

  it('a STANDAARD_REGIO without a region file stops start-up', async () => {
    await expect(testApplicatie({ STANDAARD_REGIO: 'vt-nergens' })).rejects.toThrow(/STANDAARD_REGIO "vt-nergens" heeft geen regiobestand/);
  });
});
