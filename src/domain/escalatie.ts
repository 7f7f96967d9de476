import type { DateTime } from 'luxon';
import type { Escalatie } from './model.js';
import { vanIso } from './tijd/termijnen.js';
import { landelijkeKalender, type WerkdagKalender } from './tijd/werkdagen.js';

/**
 * Escalation as VT keeps track of it (seed 004 bijlage 4, DOMAIN.md §5): each route ends with an
 * outcome that its holders record, and VT keeps an overview in which repeated escalations point to
 * a structural problem. The timer only reminds; it never starts or advances a route.
 */

/**
 * Werkdagen after a route started by which its holders are asked to record outcome I or II. The
 * seed sets no term; 5 werkdagen is the protocol's own rhythm (the veiligheidsbeoordeling, a
 * week for contact): long enough for one overleg between the route's holders, short enough that
 * an open escalation is not forgotten. A region may set its own (`escalatieUitkomstWerkdagen`).
 */
export const STANDAARD_ESCALATIE_UITKOMST_WERKDAGEN = 5;

/** The end of the day on which the outcome of a route started at `gestartOp` is due. */
export function escalatieUitkomstDeadline(gestartOp: DateTime, kalender: WerkdagKalender = landelijkeKalender, werkdagen = STANDAARD_ESCALATIE_UITKOMST_WERKDAGEN): DateTime {
  return kalender.addWerkdagen(gestartOp, werkdagen).endOf('day');
}

/** The deadline of a recorded route: the one fixed when it started, or (older records) the default. */
export function uitkomstUiterlijk(e: Escalatie, kalender: WerkdagKalender = landelijkeKalender): DateTime {
  return e.uitkomstUiterlijk !== undefined ? vanIso(e.uitkomstUiterlijk) : escalatieUitkomstDeadline(vanIso(e.gestartOp), kalender);
}

/**
 * When repeated escalations in one gemeente are flagged: from `drempel` earlier escalations
 * (route a started, any dossier of the gemeente, this one's earlier escalations included) in the
 * last `maanden` months. Two earlier within a year means the third case in a year: one is an
 * incident, two can be chance, a third in the same gemeente is a pattern worth the AB's attention.
 */
export const STRUCTUREEL_SIGNAAL = { drempel: 2, maanden: 12 } as const;

export interface StructureelSignaal {
  readonly gemeente: string;
  /** Escalations in the window, this one included. */
  readonly aantal: number;
  /** The earliest of them (ISO UTC). */
  readonly sinds: string;
}

/**
 * Flags a new escalation as a possible structural problem. `eerdere` are the start moments of
 * the gemeente's earlier escalations as the caller counted them (the domain reads no store).
 */
export function structureelSignaal(
  gemeente: string,
  eerdere: readonly string[],
  nu: DateTime,
  regel: { readonly drempel: number; readonly maanden: number } = STRUCTUREEL_SIGNAAL,
): StructureelSignaal | undefined {
  const vanaf = nu.minus({ months: regel.maanden });
  const binnen = eerdere.filter((op) => vanIso(op) > vanaf && vanIso(op) <= nu).sort((x, y) => vanIso(x).toMillis() - vanIso(y).toMillis());
  const eerste = binnen[0];
  if (binnen.length < regel.drempel || eerste === undefined) return undefined;
  return { gemeente, aantal: binnen.length + 1, sinds: eerste };
}

/** How the flag reads on the escalation record and on the cards. */
export function signaleringTekst(s: StructureelSignaal): string {
  return `mogelijk structureel probleem in ${s.gemeente}: ${s.aantal} escalaties sinds ${vanIso(s.sinds).setZone('Europe/Amsterdam').setLocale('nl').toFormat('d LLLL yyyy')}`;
}
