import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/**
 * The layering of meldroute as rules that can fail. Each file is parsed with the TypeScript
 * compiler (no regexes: a regex cannot tell an import from a string, and misses forms), every
 * dependency is read from the syntax tree and every rule row is checked against it.
 */

/** What a rule names: folders (by their path from the project root) and package names. */
export interface Doelen {
  /** Folders, e.g. `src/domain`: a relative import is resolved to the file it lands on. */
  readonly mappen?: readonly string[];
  /** Package names with `*` as wildcard (`botbuilder*`, `@azure/*`); built-ins are `node:*`. */
  readonly pakketten?: readonly string[];
  /** `import(naam)` or `require(naam)` with a computed name: no rule can see what it loads. */
  readonly berekend?: boolean;
}

export interface Regel {
  readonly naam: string;
  /** The folders whose files this rule binds. */
  readonly geldtVoor: readonly string[];
  /** Folders inside `geldtVoor` that the rule leaves free. */
  readonly behalve?: readonly string[];
  /** Only these may be imported: everything else is a violation. */
  readonly toegestaan?: Doelen;
  /** These may not be imported. */
  readonly verboden?: Doelen;
  /** Calls written as they read in code, e.g. `Date.now()`, `new Date()`. */
  readonly verbodenAanroepen?: readonly string[];
}

/** Everything that ships. test/ and bench/ are harnesses: they build real clients on purpose. */
export const CODE = ['src', 'functions', 'scripts'] as const;

/** The layers a relative import can land in; the most specific one wins. */
const LAGEN = ['src/domain', 'src/app', 'src/store', 'src/cards', 'src/dialogs', 'src/bot', 'src/hosting', 'src', 'functions', 'scripts', 'test', 'bench'];

const BOTBUILDER = 'botbuilder*';
/** @azure/identity is here because its only uses are the Cosmos and queue credentials in src/store. */
const DATABASECLIENTS = ['better-sqlite3', '@azure/cosmos', '@azure/identity', '@azure/storage-queue'];

/**
 * Reading the clock makes a function impure. The forms with arguments build a fixed moment
 * (`DateTime.utc(2026, 1, 1)`, `new Date(iso)`) and are fine; an options object alone
 * (`DateTime.local({ zone })`) is still "now", so it counts as no argument.
 */
const KLOK = ['DateTime.now()', 'DateTime.local()', 'DateTime.utc()', 'new Date()', 'Date.now()', 'performance.now()', 'Math.random()'];

export const REGELS: readonly Regel[] = [
  {
    naam: 'domein is puur',
    geldtVoor: ['src/domain'],
    toegestaan: { mappen: ['src/domain'], pakketten: ['luxon', 'zod', 'date-holidays'] },
    verbodenAanroepen: KLOK,
  },
  { naam: 'app kent geen Teams of Azure', geldtVoor: ['src/app'], verboden: { pakketten: [BOTBUILDER, '@azure/*'] } },
  { naam: 'botbuilder alleen in bot en dialogs', geldtVoor: CODE, behalve: ['src/bot', 'src/dialogs'], verboden: { pakketten: [BOTBUILDER] } },
  // The bot builds the dialogs and hands them what they need (the sender): never the other way round.
  { naam: 'dialogs kennen de bot niet', geldtVoor: ['src/dialogs'], verboden: { mappen: ['src/bot'] } },
  { naam: 'databaseclients alleen in store', geldtVoor: CODE, behalve: ['src/store'], verboden: { pakketten: DATABASECLIENTS } },
  { naam: '@azure/functions alleen in hosting', geldtVoor: CODE, behalve: ['src/hosting'], verboden: { pakketten: ['@azure/functions'] } },
  { naam: 'kaarten zonder SDK', geldtVoor: ['src/cards'], verboden: { pakketten: [BOTBUILDER, '@azure/*', ...DATABASECLIENTS] } },
  { naam: 'modules bij naam', geldtVoor: CODE, verboden: { berekend: true } },
];

/** A source file by its path from the project (or fixture) root, with `/` separators. */
export interface Bron {
  readonly pad: string;
  readonly tekst: string;
}

type Doel =
  | { readonly soort: 'pakket'; readonly naam: string }
  | { readonly soort: 'map'; readonly pad: string; readonly laag: string }
  | { readonly soort: 'berekend' };

interface Afhankelijkheid {
  readonly lijn: number;
  readonly tekst: string;
  readonly doel: Doel;
}

export interface Overtreding {
  readonly bestand: string;
  readonly lijn: number;
  readonly regel: string;
  /** The specifier or call as written. */
  readonly gevonden: string;
  readonly reden: string;
}

export function beschrijf(o: Overtreding): string {
  return `${o.bestand}:${o.lijn} [${o.regel}] ${o.gevonden}: ${o.reden}`;
}

export function controleer(bronnen: readonly Bron[], regels: readonly Regel[] = REGELS): Overtreding[] {
  return bronnen.flatMap((bron) => {
    const bestand = parse(bron);
    const geldend = regels.filter((r) => bindt(r, bron.pad));
    if (geldend.length === 0) return [];
    const deps = afhankelijkheden(bestand, bron.pad);
    const aanroepen = aanroepenZonderArgument(bestand);
    return geldend.flatMap((regel) => [
      ...deps.flatMap((dep) => {
        const reden = overtreedt(regel, dep.doel);
        return reden === undefined ? [] : [{ bestand: bron.pad, lijn: dep.lijn, regel: regel.naam, gevonden: dep.tekst, reden }];
      }),
      ...aanroepen
        .filter((a) => regel.verbodenAanroepen?.includes(a.vorm))
        .map((a) => ({ bestand: bron.pad, lijn: a.lijn, regel: regel.naam, gevonden: a.tekst, reden: `leest de klok of het toeval (${a.vorm}); geef het mee als parameter` })),
    ]);
  }).sort((a, b) => a.bestand.localeCompare(b.bestand) || a.lijn - b.lijn || a.regel.localeCompare(b.regel));
}

/** Whether the rule applies to the file at this path. */
export function bindt(regel: Regel, pad: string): boolean {
  return binnen(pad, regel.geldtVoor) && !binnen(pad, regel.behalve ?? []);
}

function overtreedt(regel: Regel, doel: Doel): string | undefined {
  const waar = doel.soort === 'map' ? `komt uit op ${doel.pad}, in ${doel.laag}` : doel.soort === 'pakket' ? `pakket ${doel.naam}` : 'berekende module';
  if (doel.soort === 'berekend' && regel.verboden?.berekend) return 'niet te controleren welke module dit laadt; schrijf de naam uit';
  if (regel.verboden && raakt(regel.verboden, doel)) return `${waar}, dat is hier verboden`;
  if (regel.toegestaan && !raakt(regel.toegestaan, doel)) {
    const mag = [...(regel.toegestaan.mappen ?? []), ...(regel.toegestaan.pakketten ?? [])].join(', ');
    return `${waar}; hier mag alleen: ${mag}`;
  }
  return undefined;
}

function raakt(doelen: Doelen, doel: Doel): boolean {
  if (doel.soort === 'map') return binnen(doel.pad, doelen.mappen ?? []);
  if (doel.soort === 'pakket') return (doelen.pakketten ?? []).some((p) => patroon(p).test(doel.naam));
  return doelen.berekend === true;
}

/** Whether a path lies in one of the folders (folder-wise: `src/domainx` is not in `src/domain`). */
function binnen(pad: string, mappen: readonly string[]): boolean {
  return mappen.some((m) => pad === m || pad.startsWith(`${m}/`));
}

function patroon(p: string): RegExp {
  const bron = p.split('*').map((deel) => deel.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${bron}$`);
}

function parse(bron: Bron): ts.SourceFile {
  const soort = /\.[cm]?js$/.test(bron.pad) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(bron.pad, bron.tekst, ts.ScriptTarget.Latest, true, soort);
}

function lijnVan(bestand: ts.SourceFile, node: ts.Node): number {
  return bestand.getLineAndCharacterOfPosition(node.getStart(bestand)).line + 1;
}

/** Every module this file depends on, type-only ones included: a type import couples too. */
function afhankelijkheden(bestand: ts.SourceFile, pad: string): Afhankelijkheid[] {
  const gevonden: Afhankelijkheid[] = [];
  const voeg = (node: ts.Node, specificatie: ts.Node | undefined) => {
    const doel = specificatie && ts.isStringLiteralLike(specificatie) ? doelVan(specificatie.text, pad) : ({ soort: 'berekend' } as const);
    gevonden.push({ lijn: lijnVan(bestand, node), tekst: (node.getText(bestand).split('\n')[0] ?? '').replace(/;$/, ''), doel });
  };
  const bezoek = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || (ts.isExportDeclaration(node) && node.moduleSpecifier)) {
      voeg(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      voeg(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      voeg(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      voeg(node, node.argument.literal);
    }
    ts.forEachChild(node, bezoek);
  };
  bezoek(bestand);
  return gevonden;
}

function doelVan(specificatie: string, pad: string): Doel {
  if (specificatie.startsWith('/')) return { soort: 'map', pad: specificatie, laag: 'buiten het project' };
  if (specificatie.startsWith('.')) {
    const doel = posix.normalize(posix.join(posix.dirname(pad), specificatie));
    const laag = LAGEN.find((l) => binnen(doel, [l])) ?? (doel.startsWith('..') ? 'buiten het project' : posix.dirname(doel));
    return { soort: 'map', pad: doel, laag };
  }
  const delen = specificatie.replace(/^node:/, '').split('/');
  const naam = specificatie.startsWith('@') ? delen.slice(0, 2).join('/') : (delen[0] ?? specificatie);
  const ingebouwd = specificatie.startsWith('node:') || builtinModules.includes(naam);
  return { soort: 'pakket', naam: ingebouwd ? `node:${naam}` : naam };
}

interface Aanroep {
  readonly lijn: number;
  readonly tekst: string;
  /** The call as the rules write it: `DateTime.now()`, `new Date()`. */
  readonly vorm: string;
}

/**
 * Calls and `new` expressions without a real argument (options objects do not count), in the
 * form the rules name them. Local aliases of luxon's DateTime are read as `DateTime`, and a
 * `globalThis.` prefix is dropped.
 */
function aanroepenZonderArgument(bestand: ts.SourceFile): Aanroep[] {
  const aliassen = new Map<string, string>();
  for (const s of bestand.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== 'luxon') continue;
    const namen = s.importClause?.namedBindings;
    if (namen && ts.isNamedImports(namen)) for (const e of namen.elements) aliassen.set(e.name.text, (e.propertyName ?? e.name).text);
  }
  const naamVan = (e: ts.Expression): string | undefined => {
    if (ts.isIdentifier(e)) return aliassen.get(e.text) ?? e.text;
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'globalThis') return e.name.text;
    return undefined;
  };
  const zonderArgumenten = (args: ts.NodeArray<ts.Expression> | undefined) => (args ?? []).every(ts.isObjectLiteralExpression);
  const gevonden: Aanroep[] = [];
  const bezoek = (node: ts.Node): void => {
    let vorm: string | undefined;
    if (ts.isCallExpression(node) && zonderArgumenten(node.arguments)) {
      const f = node.expression;
      const object = ts.isPropertyAccessExpression(f) || ts.isElementAccessExpression(f) ? naamVan(f.expression) : undefined;
      const methode = ts.isPropertyAccessExpression(f) ? f.name.text : ts.isElementAccessExpression(f) && ts.isStringLiteralLike(f.argumentExpression) ? f.argumentExpression.text : undefined;
      if (object !== undefined && methode !== undefined) vorm = `${object}.${methode}()`;
    } else if (ts.isNewExpression(node) && zonderArgumenten(node.arguments)) {
      const klasse = naamVan(node.expression);
      if (klasse !== undefined) vorm = `new ${klasse}()`;
    }
    if (vorm !== undefined) gevonden.push({ lijn: lijnVan(bestand, node), tekst: node.getText(bestand), vorm });
    ts.forEachChild(node, bezoek);
  };
  bezoek(bestand);
  return gevonden;
}

const BRONBESTAND = /\.(?:[cm]?ts|[cm]?js)$/;

/**
 * The source files under the given folders of `root`. Fixture files end in `.fixture` so that
 * neither tsc nor vitest picks them up; the checker sees them under their name without it.
 */
export function leesBronnen(root: string, mappen: readonly string[]): Bron[] {
  const lees = (map: string): Bron[] =>
    readdirSync(join(root, map), { withFileTypes: true }).flatMap((ingang) => {
      const pad = posix.join(map, ingang.name);
      if (ingang.isDirectory()) return lees(pad);
      const naam = pad.replace(/\.fixture$/, '');
      return BRONBESTAND.test(naam) ? [{ pad: naam, tekst: readFileSync(join(root, pad), 'utf8') }] : [];
    });
  return mappen.flatMap(lees).sort((a, b) => a.pad.localeCompare(b.pad));
}
