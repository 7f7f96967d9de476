import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE, REGELS, beschrijf, bindt, controleer, leesBronnen, type Bron } from './regels.js';

const PROJECT = join(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');

type Verwacht = readonly [lijn: number, regel: string, gevonden: string];

/**
 * Every fixture file and exactly the violations it must raise. The fixture tree mirrors the
 * project (`fixtures/src/domain/...`), so relative imports resolve as they would for real.
 */
const FIXTUREVERWACHTINGEN: readonly (readonly [string, readonly Verwacht[]])[] = [
  ['src/domain/schoon.ts', []],
  ['src/domain/tijd/kalender.ts', []],
  [
    'src/domain/uitDeMap.ts',
    [
      [1, 'domein is puur', "import { lokaleTijd } from '../app/verslag.js'"],
      [2, 'domein is puur', "export { Melding } from '../domainx/melding.js'"],
      [3, 'domein is puur', "import type { Handler } from '../../functions/messages.js'"],
      [4, 'domein is puur', "import('../store/ports.js').Stores"],
    ],
  ],
  [
    'src/domain/zijeffect.ts',
    [
      [1, 'domein is puur', "import 'node:fs'"],
      [2, 'domein is puur', "import pad = require('path')"],
      [3, 'domein is puur', "export * from 'node:timers/promises'"],
    ],
  ],
  [
    'src/domain/klok.ts',
    [
      [2, 'domein is puur', 'Tijd.now()'],
      [3, 'domein is puur', 'Tijd.local()'],
      [4, 'domein is puur', 'Tijd.utc()'],
      [5, 'domein is puur', "Tijd.local({ zone: 'Europe/Amsterdam' })"],
      [6, 'domein is puur', 'new Date()'],
      [7, 'domein is puur', 'new Date'],
      [8, 'domein is puur', 'Date.now()'],
      [9, 'domein is puur', 'globalThis.Date.now()'],
      [10, 'domein is puur', 'performance.now()'],
      [11, 'domein is puur', 'Math.random()'],
    ],
  ],
  ['src/app/schoon.ts', []],
  [
    'src/app/azure.ts',
    [
      [2, 'app kent geen Teams of Azure', "import { BlobServiceClient } from '@azure/storage-blob'"],
      [3, 'app kent geen Teams of Azure', "import type { TurnContext } from 'botbuilder'"],
      [3, 'botbuilder alleen in bot en dialogs', "import type { TurnContext } from 'botbuilder'"],
    ],
  ],
  ['src/store/schoon.ts', []],
  ['src/hosting/schoon.ts', []],
  ['src/bot/functions.ts', [[3, '@azure/functions alleen in hosting', "import { app } from '@azure/functions'"]]],
  ['src/dialogs/opslag.ts', [[2, 'databaseclients alleen in store', "import Database from 'better-sqlite3'"]]],
  ['src/dialogs/verzenden.ts', [[2, 'dialogs kennen de bot niet', "import { stuurWeergave } from '../bot/verzenden.js'"]]],
  [
    'src/cards/kaart.ts',
    [
      [5, 'botbuilder alleen in bot en dialogs', "import { MessageFactory } from 'botbuilder'"],
      [5, 'kaarten zonder SDK', "import { MessageFactory } from 'botbuilder'"],
      [6, 'databaseclients alleen in store', "import type { Container } from '@azure/cosmos'"],
      [6, 'kaarten zonder SDK', "import type { Container } from '@azure/cosmos'"],
      [7, 'kaarten zonder SDK', "import { PublicClientApplication } from '@azure/msal-node'"],
    ],
  ],
  ['functions/oud.cjs', [[1, 'botbuilder alleen in bot en dialogs', "require('botbuilder-core')"]]],
  [
    'functions/cosmos.ts',
    [
      [2, 'databaseclients alleen in store', "import { DefaultAzureCredential } from '@azure/identity'"],
      [4, 'databaseclients alleen in store', "import('@azure/cosmos')"],
      [5, 'modules bij naam', 'import(naam)'],
    ],
  ],
  ['scripts/dialoog.ts', [[2, 'botbuilder alleen in bot en dialogs', "export * from 'botbuilder-dialogs'"]]],
];

const fixtures = leesBronnen(FIXTURES, CODE);
const fixtureOvertredingen = controleer(fixtures);

describe('architecture rules, each proven by a fixture that breaks it', () => {
  it.each(FIXTUREVERWACHTINGEN)('%s', (bestand, verwacht) => {
    const gevonden = fixtureOvertredingen.filter((o) => o.bestand === bestand).map((o): Verwacht => [o.lijn, o.regel, o.gevonden]);
    expect(gevonden).toEqual(verwacht);
  });

  it('every fixture file has a row above', () => {
    expect(fixtures.map((b) => b.pad).sort()).toEqual(FIXTUREVERWACHTINGEN.map(([bestand]) => bestand).sort());
  });

  it('every rule is broken by at least one fixture', () => {
    const gebroken = new Set(fixtureOvertredingen.map((o) => o.regel));
    expect(REGELS.map((r) => r.naam).filter((naam) => !gebroken.has(naam))).toEqual([]);
  });

  it('names file, line, rule and reason in its message', () => {
    const relatief = fixtureOvertredingen.find((o) => o.bestand === 'src/domain/uitDeMap.ts' && o.lijn === 1);
    expect(relatief && beschrijf(relatief)).toBe(
      "src/domain/uitDeMap.ts:1 [domein is puur] import { lokaleTijd } from '../app/verslag.js': komt uit op src/app/verslag.js, in src/app; hier mag alleen: src/domain, luxon, zod, date-holidays",
    );
  });

  it('reads a file with a comment or string that mentions a forbidden import as clean', () => {
    const bron: Bron = { pad: 'src/domain/tekst.ts', tekst: "// import 'node:fs'; Date.now()\nexport const t = \"import x from '../app/y.js'; new Date()\";\n" };
    expect(controleer([bron])).toEqual([]);
  });
});

describe('the real tree', () => {
  const bronnen = leesBronnen(PROJECT, CODE);

  // A renamed folder would otherwise leave its rule guarding nothing.
  it.each(REGELS.map((r) => [r.naam, r] as const))('rule "%s" binds real files', (_naam, regel) => {
    expect(bronnen.filter((b) => bindt(regel, b.pad)).length).toBeGreaterThan(0);
  });

  it('breaks no rule', () => {
    expect(controleer(bronnen).map(beschrijf)).toEqual([]);
  });
});
