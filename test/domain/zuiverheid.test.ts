import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * src/domain is the pure heart (ports and adapters): it may use only other domain files and a
 * few pure libraries, and never reads the clock.
 */
const DOMEIN = join(import.meta.dirname, '../../src/domain');
const TOEGESTAAN = new Set(['luxon', 'zod', 'date-holidays']);

function bestanden(map: string): string[] {
  return readdirSync(map).flatMap((naam) => {
    const pad = join(map, naam);
    return statSync(pad).isDirectory() ? bestanden(pad) : pad.endsWith('.ts') ? [pad] : [];
  });
}

const domeinBestanden = bestanden(DOMEIN).map((pad) => ({ pad: relative(DOMEIN, pad), bron: readFileSync(pad, 'utf8') }));

function imports(bron: string): string[] {
  const specs = [...bron.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specs.map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('src/domain stays pure', () => {
  it('has files to check', () => {
    expect(domeinBestanden.length).toBeGreaterThan(5);
  });

  it.each(domeinBestanden.map((b) => [b.pad, b.bron]))('%s imports only domain files and pure libraries', (_pad, bron) => {
    const buiten = imports(bron).filter((spec) => !spec.startsWith('./') && !spec.startsWith('../') && !TOEGESTAAN.has(spec));
    expect(buiten).toEqual([]);
  });

  it.each(domeinBestanden.map((b) => [b.pad, b.bron]))('%s does not read the clock', (_pad, bron) => {
    expect(bron).not.toMatch(/Date\.now\(\)|new Date\(\s*\)|DateTime\.(now|local)\(\s*\)|performance\.now\(\)|Math\.random\(\)/);
  });

  it('the checker itself catches a forbidden import', () => {
    expect(imports("import { CosmosClient } from '@azure/cosmos';\nimport x from './y.js';")).toEqual(['@azure/cosmos', './y.js']);
  });
});
