import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, whether this runs from scripts/ (tests) or dist/scripts/ (npm start). */
export function projectMap(): string {
  let map = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(map, 'package.json'))) {
    const boven = dirname(map);
    if (boven === map) throw new Error('Projectmap met package.json niet gevonden.');
    map = boven;
  }
  return map;
}
