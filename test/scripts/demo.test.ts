import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ROLLEN, isDemoRol, playgroundYaml } from '../../scripts/demo.js';

const ROOT = join(import.meta.dirname, '..', '..');
const zonderCommentaar = (yaml: string) => yaml.replace(/^#.*\n/gm, '');

describe('npm start -- --als <rol>: the Playground acts as a demo person', () => {
  it('the committed Playground file is the professional\'s generated one (one source for the demo people)', () => {
    expect(zonderCommentaar(readFileSync(join(ROOT, '.m365agentsplayground.yml'), 'utf8'))).toBe(zonderCommentaar(playgroundYaml('professional')));
  });

  it.each(Object.keys(DEMO_ROLLEN))('as %s: that person acts, the five others are users', (rol) => {
    if (!isDemoRol(rol)) throw new Error(rol);
    const yaml = playgroundYaml(rol);
    const huidig = /currentUser:\n {2}id: (\S+)/.exec(yaml)?.[1];
    expect(huidig).toBe(DEMO_ROLLEN[rol].id);
    const gebruikers = [...yaml.slice(yaml.indexOf('users:')).matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]);
    expect(gebruikers).toHaveLength(5);
    expect(gebruikers).not.toContain(huidig);
  });

  it('their Entra object ids are the ones the roles file knows', () => {
    const rollen = JSON.parse(readFileSync(join(ROOT, 'config', 'demo-gebruikers.json'), 'utf8')) as { gebruikers: Record<string, unknown> };
    for (const p of Object.values(DEMO_ROLLEN)) expect(Object.keys(rollen.gebruikers)).toContain(p.aadObjectId);
  });

  it('refuses an unknown role, also one named like an Object property', () => {
    expect(isDemoRol('constructor')).toBe(false);
    expect(isDemoRol('beheerder')).toBe(false);
  });
});
