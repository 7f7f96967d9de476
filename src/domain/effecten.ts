import type { DateTime } from 'luxon';
import type { Actor, Dossier, Effect, Gebeurtenis, MonitoringDoor, OverdrachtMoment, Uitgaand } from './model.js';
import type { WerkdagKalender } from './tijd/werkdagen.js';

export type { Effect } from './model.js';

export interface Wijziging {
  readonly dossier: Dossier;
  readonly effecten: readonly Effect[];
}

/** When and by whom a command is given. Time is always passed in; the domain never reads a clock. */
export interface Context {
  readonly op: DateTime;
  readonly door: Actor;
  /** Settings an organisation or region may change; absent means the protocol's defaults. */
  readonly instellingen?: Instellingen;
}

export interface Instellingen {
  /** After choosing zelf hulp, afweging 5 is weighed again after this many weeks. */
  readonly vervolgZelfHulpWeken?: number;
  /** The region's crisis service, named when a spoedmelding arrives outside office hours. */
  readonly crisisdienst?: string;
  /** The region's calendar: its office hours decide whether spoed goes to the crisis service. */
  readonly kalender?: WerkdagKalender;
  /** The region's rule on who monitors after each overdracht moment (config/regions); absent: Veilig Thuis. */
  readonly monitoringRegel?: Readonly<Partial<Record<OverdrachtMoment, MonitoringDoor>>>;
  /** Werkdagen within which an escalation route's outcome is recorded (STANDAARD_ESCALATIE_UITKOMST_WERKDAGEN). */
  readonly escalatieUitkomstWerkdagen?: number;
}

export const STANDAARD_VERVOLG_ZELF_HULP_WEKEN = 6;

export function tijdstip(op: DateTime): string {
  const iso = op.toUTC().toISO();
  if (iso === null) throw new RangeError('Ongeldig tijdstip.');
  return iso;
}

export function metGebeurtenis(dossier: Dossier, ctx: Context, soort: string, omschrijving: string): Dossier {
  const gebeurtenis: Gebeurtenis = { soort, op: tijdstip(ctx.op), door: ctx.door, omschrijving };
  return { ...dossier, gebeurtenissen: [...dossier.gebeurtenissen, gebeurtenis] };
}

/**
 * The effects that must reach people outside this conversation. The others are facts the
 * application needs no delivery for. (The Veilig Thuis chain adds its own as it gets cards.)
 */
export const TE_BEZORGEN: ReadonlySet<Effect['soort']> = new Set([
  'termijn-afgehandeld',
  'melding-naar-veilig-thuis',
  'overdracht-naar-lokaal-team',
  'structureel-signaal',
  // The holders of a route that just started hear it at once, not only at its outcome term.
  'escalatie-gestart',
  'lokaal-team-geinformeerd',
  'terugkoppeling-aan-melder',
  'regie-overgedragen',
  // What the lokaal team did, told in the Veilig Thuis channel beside the updated melding card.
  'overdracht-bevestigd',
  'terugkoppeling-naar-veilig-thuis',
  'beargumenteerd-besluit-naar-veilig-thuis',
  'terug-naar-veilig-thuis',
  'monitoring-naar-veilig-thuis',
  'afsluitbericht-naar-lokaal-team',
]);

/** Saves the change's deliverable effects in the dossier's outbox, in the same write as the change. */
export function metUitgaand(w: Wijziging, op: DateTime): Wijziging {
  const nieuw = w.effecten.filter((e) => TE_BEZORGEN.has(e.soort));
  if (nieuw.length === 0) return w;
  const revisie = w.dossier.gebeurtenissen.length;
  const uitgaand: Uitgaand[] = nieuw.map((effect, i) => ({ id: `${revisie}-${i + 1}`, effect, aangemaaktOp: tijdstip(op) }));
  return { ...w, dossier: { ...w.dossier, uitgaand: [...(w.dossier.uitgaand ?? []), ...uitgaand] } };
}

/** Outbox entries not yet delivered, that are due for an attempt at `op`. */
export function teBezorgen(dossier: Dossier, op: DateTime): Uitgaand[] {
  const nu = tijdstip(op);
  return (dossier.uitgaand ?? []).filter((u) => u.bezorgdOp === undefined && (u.volgendePogingOp === undefined || u.volgendePogingOp <= nu));
}

/** The earliest moment an undelivered outbox entry wants an attempt, for the due index. */
export function volgendeBezorgingOp(dossier: Dossier): string | undefined {
  return (dossier.uitgaand ?? [])
    .filter((u) => u.bezorgdOp === undefined)
    .map((u) => u.volgendePogingOp ?? u.aangemaaktOp)
    .sort()[0];
}

export function wijzigUitgaand(dossier: Dossier, id: string, f: (u: Uitgaand) => Uitgaand): Dossier {
  return { ...dossier, uitgaand: (dossier.uitgaand ?? []).map((u) => (u.id === id ? f(u) : u)) };
}
