import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** Every deadline a person sees is counted in Dutch local time (DOMAIN.md §7). */
export const ZONE = 'Europe/Amsterdam';

/** Office hours in which the lokale teams are reachable (seed 004 §8.4) and nudges are delivered. */
export const KANTOOR_BEGIN_UUR = 9;
export const KANTOOR_EIND_UUR = 17;

/**
 * The algemeen erkende feestdagen of the Algemene termijnenwet art. 3, plus Goede Vrijdag
 * (gelijkgesteld, art. 3 lid 2). The rules are written out here instead of taking date-holidays'
 * NL defaults, because those type Goede Vrijdag and 5 mei as 'school' days, and 5 mei counts
 * every year under the wet. date-holidays is only used for the Easter arithmetic.
 */
const WETTELIJKE_FEESTDAGEN: ReadonlyArray<{ regel: string; naam: string }> = [
  { regel: '01-01', naam: 'Nieuwjaarsdag' },
  { regel: 'easter -2', naam: 'Goede Vrijdag' },
  { regel: 'easter 1', naam: 'Tweede Paasdag' },
  { regel: '04-27 if sunday then previous saturday', naam: 'Koningsdag' },
  { regel: '05-05', naam: 'Bevrijdingsdag (5 mei)' },
  { regel: 'easter 39', naam: 'Hemelvaartsdag' },
  { regel: 'easter 50', naam: 'Tweede Pinksterdag' },
  { regel: '12-25', naam: 'Eerste Kerstdag' },
  { regel: '12-26', naam: 'Tweede Kerstdag' },
];

const NAAM_PER_REGEL: ReadonlyMap<string, string> = new Map(WETTELIJKE_FEESTDAGEN.map((f) => [f.regel, f.naam]));

const ISO_DATUM = /^\d{4}-\d{2}-\d{2}$/;

export interface WerkdagKalenderOpties {
  /** Extra closure days of a region (ISO dates, yyyy-MM-dd), e.g. a collective closing day. */
  readonly sluitingsdagen?: readonly string[];
  /**
   * The region's office hours in whole hours, default 9-17 (seed 004 §8.4). Whole hours from
   * 04:00 keep the start out of the 02:00-03:00 DST gap, so no nudge is skipped or doubled.
   */
  readonly kantoortijden?: { readonly beginUur: number; readonly eindUur: number };
}

/**
 * The werkdagen calendar of one region. Holidays are computed per year on first use and kept:
 * the cache only holds derived, immutable data, so sharing an instance is safe.
 */
export class WerkdagKalender {
  private readonly feestdagenPerJaar = new Map<number, ReadonlyMap<string, string>>();
  private readonly holidays: Holidays;
  private readonly sluitingsdagen: ReadonlySet<string>;
  readonly kantoorBeginUur: number;
  readonly kantoorEindUur: number;

  constructor(opties: WerkdagKalenderOpties = {}) {
    const sluitingsdagen = opties.sluitingsdagen ?? [];
    const fout = sluitingsdagen.find((d) => !ISO_DATUM.test(d) || !DateTime.fromISO(d).isValid);
    if (fout !== undefined) {
      throw new RangeError(`Sluitingsdag "${fout}" is geen geldige datum (verwacht: jjjj-mm-dd).`);
    }
    const { beginUur, eindUur } = opties.kantoortijden ?? { beginUur: KANTOOR_BEGIN_UUR, eindUur: KANTOOR_EIND_UUR };
    if (!Number.isInteger(beginUur) || !Number.isInteger(eindUur) || beginUur < 4 || eindUur > 24 || beginUur >= eindUur) {
      throw new RangeError(`Kantoortijden ${beginUur}-${eindUur} uur zijn ongeldig (hele uren, begin vanaf 4 uur, voor het einde).`);
    }
    this.kantoorBeginUur = beginUur;
    this.kantoorEindUur = eindUur;
    this.sluitingsdagen = new Set(sluitingsdagen);
    this.holidays = new Holidays();
    for (const { regel, naam } of WETTELIJKE_FEESTDAGEN) {
      this.holidays.setHoliday(regel, { name: { nl: naam }, type: 'public' });
    }
  }

  /** The name of the feestdag or sluitingsdag on the Amsterdam calendar day of `dag`, if any. */
  vrijeDag(dag: DateTime): string | undefined {
    const lokaal = dag.setZone(ZONE);
    const iso = lokaal.toISODate();
    if (iso === null) throw new RangeError('Ongeldige datum.');
    if (this.sluitingsdagen.has(iso)) return 'Sluitingsdag regio';
    return this.feestdagen(lokaal.year).get(iso);
  }

  isWerkdag(dag: DateTime): boolean {
    const lokaal = dag.setZone(ZONE);
    // Luxon weekday: 6 = zaterdag, 7 = zondag.
    return lokaal.weekday < 6 && this.vrijeDag(lokaal) === undefined;
  }

  /** Start (00:00 Amsterdam) of the n-th werkdag after the Amsterdam day of `van`. */
  addWerkdagen(van: DateTime, n: number): DateTime {
    return this.verschuif(van, n, 1);
  }

  /** Start (00:00 Amsterdam) of the n-th werkdag before the Amsterdam day of `van`. */
  subtractWerkdagen(van: DateTime, n: number): DateTime {
    return this.verschuif(van, n, -1);
  }

  isKantoortijd(moment: DateTime): boolean {
    const lokaal = moment.setZone(ZONE);
    return this.isWerkdag(lokaal) && lokaal.hour >= this.kantoorBeginUur && lokaal.hour < this.kantoorEindUur;
  }

  /**
   * The first moment at or after `moment` at which a person can be reached: a werkdag within
   * office hours (09:00-17:00 Amsterdam time unless the region says otherwise). The start never
   * falls in a DST gap, so no nudge is skipped or doubled around the clock change.
   */
  volgendKantoormoment(moment: DateTime): DateTime {
    const lokaal = moment.setZone(ZONE);
    if (this.isKantoortijd(lokaal)) return lokaal;
    const vandaagBegin = lokaal.startOf('day').set({ hour: this.kantoorBeginUur });
    if (this.isWerkdag(lokaal) && lokaal < vandaagBegin) return vandaagBegin;
    return this.addWerkdagen(lokaal, 1).set({ hour: this.kantoorBeginUur });
  }

  private verschuif(van: DateTime, n: number, richting: 1 | -1): DateTime {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`Aantal werkdagen moet een geheel getal ≥ 0 zijn, niet ${n}.`);
    }
    if (!van.isValid) throw new RangeError('Ongeldige datum.');
    // Step over calendar days, not hours, so a 23- or 25-hour DST day counts as one day.
    let dag = van.setZone(ZONE).startOf('day');
    let geteld = 0;
    while (geteld < n) {
      dag = dag.plus({ days: richting }).startOf('day');
      if (this.isWerkdag(dag)) geteld += 1;
    }
    return dag;
  }

  private feestdagen(jaar: number): ReadonlyMap<string, string> {
    let perDatum = this.feestdagenPerJaar.get(jaar);
    if (perDatum === undefined) {
      // date-holidays reports `date` as a local 'yyyy-MM-dd hh:mm:ss' string; the first 10
      // characters are the calendar date, independent of the machine's time zone.
      perDatum = new Map(
        this.holidays.getHolidays(jaar).map((h) => [h.date.slice(0, 10), NAAM_PER_REGEL.get(h.rule) ?? h.rule]),
      );
      this.feestdagenPerJaar.set(jaar, perDatum);
    }
    return perDatum;
  }
}

/** The national calendar, without regional closure days. */
export const landelijkeKalender = new WerkdagKalender();

/** Whether the Amsterdam calendar day of `day` is a werkdag (national calendar). */
export function isWerkdag(day: DateTime): boolean {
  return landelijkeKalender.isWerkdag(day);
}

/** Start (00:00 Amsterdam) of the n-th werkdag after `from`'s Amsterdam day (national calendar). */
export function addWerkdagen(from: DateTime, n: number): DateTime {
  return landelijkeKalender.addWerkdagen(from, n);
}
