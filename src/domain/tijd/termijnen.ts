import { DateTime } from 'luxon';
import { ZONE, landelijkeKalender, type WerkdagKalender } from './werkdagen.js';

/**
 * The deadlines of the Veilig Thuis process (DOMAIN.md §7). A deadline is the last moment of
 * the Amsterdam day on which it falls: "binnen 5 werkdagen" means until the end of the 5th
 * werkdag.
 */

export function vanIso(iso: string): DateTime {
  const d = DateTime.fromISO(iso, { zone: 'utc' });
  if (!d.isValid) throw new RangeError(`Ongeldig tijdstip: ${iso}`);
  return d;
}

/** Veiligheidsbeoordeling: within 5 werkdagen after receipt; a spoedmelding the same day. */
export function veiligheidsbeoordelingDeadline(ontvangenOp: DateTime, spoed: boolean, kalender: WerkdagKalender = landelijkeKalender): DateTime {
  if (spoed) return ontvangenOp.setZone(ZONE).endOf('day');
  return kalender.addWerkdagen(ontvangenOp, 5).endOf('day');
}

/**
 * Spoed outside office hours: the crisis service acts at once; Veilig Thuis completes the
 * veiligheidsbeoordeling by the end of the next office day instead of a deadline at midnight.
 */
export function spoedBuitenKantoortijdDeadline(ontvangenOp: DateTime, kalender: WerkdagKalender = landelijkeKalender): DateTime {
  return kalender.volgendKantoormoment(ontvangenOp).set({ hour: kalender.kantoorEindUur - 1 }).endOf('hour');
}

/**
 * Veilig Thuis holds zicht op veiligheid from the 6th werkdag after receipt at the latest
 * (seed 001, Handelingsprotocol): the start of that day.
 */
export function uiterlijkeStartZichtVeiligThuis(ontvangenOp: DateTime, kalender: WerkdagKalender = landelijkeKalender): DateTime {
  return kalender.addWerkdagen(ontvangenOp, 6);
}

/** V&V and Onderzoek: within 10 weeks (70 calendar days) after the veiligheidsbeoordeling. */
export function vervolgDeadline(veiligheidsbeoordelingOp: DateTime): DateTime {
  return veiligheidsbeoordelingOp.setZone(ZONE).plus({ days: 70 }).endOf('day');
}

/** The lokaal team's standard pick-up term: 1 week, unless Veilig Thuis advised another. */
export const STANDAARD_ADVIES_TERMIJN_DAGEN = 7;

/** Contact met het gezin (and terugkoppeling): VT's advised term (default 1 week) after receipt of the overdracht. */
export function contactGezinDeadline(overdrachtOntvangenOp: DateTime, dagen: number = STANDAARD_ADVIES_TERMIJN_DAGEN): DateTime {
  return overdrachtOntvangenOp.setZone(ZONE).plus({ days: dagen }).endOf('day');
}

/**
 * A monitoring moment: calendar months after the overdracht. Luxon clamps to the last day of a
 * shorter month (31 August + 3 months = 30 November), so no moment is pushed into the next month.
 */
export function monitoringMoment(overdrachtOp: DateTime, maanden: number): DateTime {
  return overdrachtOp.setZone(ZONE).plus({ months: maanden }).endOf('day');
}

/** The end of a given Amsterdam calendar day (yyyy-MM-dd), e.g. a date a team committed to. */
export function eindVanDag(isoDatum: string): DateTime {
  const d = DateTime.fromISO(isoDatum, { zone: ZONE });
  if (!d.isValid) throw new RangeError(`Ongeldige datum: ${isoDatum}`);
  return d.endOf('day');
}
