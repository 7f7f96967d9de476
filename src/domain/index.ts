/**
 * The meldcode domain: pure TypeScript. No botbuilder, no @azure/*, no I/O, no clock: the
 * current time always comes in as a parameter.
 */
export * from './model.js';
export * from './resultaat.js';
export * from './effecten.js';
export * from './afwegingskader.js';
export * from './meldcode.js';
export * from './veiligThuis.js';
export * from './escalatie.js';
export * from './dossier.js';
export * from './mijlpalen.js';
export * from './herinneringen.js';
export * from './afgehandeld.js';
export * from './privacy.js';
export * from './tijd/werkdagen.js';
export * from './tijd/termijnen.js';
export * from './bewaartermijn.js';
export * from './identificatie.js';
