import { DateTime } from 'luxon';
import { openMijlpalen, type Mijlpaal, type Verantwoordelijke } from './mijlpalen.js';
import type { Dossier } from './model.js';
import { landelijkeKalender, type WerkdagKalender } from './tijd/werkdagen.js';

export type Publiek =
  | 'professional'
  | 'vt-medewerker'
  | 'vt-teamleider'
  | 'lokaal-team-kanaal'
  | 'coordinator'
  /** The holders of the open escalation route, in their personal chats (route a, b or c; `escalatieContacten`). */
  | 'escalatie-route';

/**
 * `escalatie-voorstel`: after expiry the VT teamleider (next to the coordinator) gets a card that
 * offers *Escaleren (route a)*. Routes a, b and c themselves are decisions recorded on the case
 * (seed 004 bijlage 4), never steps of this timer.
 */
export type Niveau = 'herinnering' | 'op-de-dag' | 'nog-niet-bevestigd' | 'verlopen' | 'escalatie-voorstel';

export interface LadderTrede {
  readonly niveau: Niveau;
  readonly publiek: Publiek;
  /**
   * Werkdagen relative to the deadline's Amsterdam day: negative = before it, 0 = on the day
   * itself, positive = after. The nudge goes out at 09:00 on that werkdag.
   */
  readonly werkdagenTovDeadline: number;
  /**
   * 'start': count the werkdagen after the milestone's start instead (an overdracht not confirmed
   * after 1 werkdag is already late, long before its deadline). A milestone without a start uses its deadline.
   */
  readonly vanaf?: 'deadline' | 'start';
}

/** Milestones whose protocol sets its own nudge moments, apart from who is responsible. */
export type MijlpaalSoort = 'contact-gezin' | 'vervolg-afronden' | 'monitoring' | 'overdracht-bevestigen' | 'escalatie-uitkomst';
/** The ladders per kind; monitoring by the lokaal team (a region rule, seed 002) has its own. */
export type LadderSoort = MijlpaalSoort | 'monitoring-lokaal-team';

export interface RegioBeleid {
  readonly kalender: WerkdagKalender;
  readonly ladders: Readonly<Record<Verantwoordelijke, readonly LadderTrede[]>>;
  /** Per kind of milestone, replacing the ladder of its verantwoordelijke. */
  readonly perSoort?: Readonly<Partial<Record<LadderSoort, readonly LadderTrede[]>>>;
}

export function mijlpaalSoort(mijlpaalId: string, verantwoordelijke?: Verantwoordelijke): MijlpaalSoort | undefined {
  // Only a lokaal team confirms an overdracht itself; VT confirms for any other party on its own ladder.
  if (mijlpaalId === 'overdracht-bevestigen') return verantwoordelijke === 'lokaal-team' ? 'overdracht-bevestigen' : undefined;
  if (mijlpaalId.startsWith('contact-gezin')) return 'contact-gezin';
  if (mijlpaalId === 'vervolg-afronden') return 'vervolg-afronden';
  if (mijlpaalId.startsWith('monitoring-')) return 'monitoring';
  if (mijlpaalId.startsWith('escalatie-uitkomst-')) return 'escalatie-uitkomst';
  return undefined;
}

/**
 * Defaults: the team is reminded the werkdag before the deadline; at expiry (09:00 the next
 * werkdag) its coordinator and the VT teamleider both get a card offering *Escaleren (route a)*.
 * Escalation is a decision, not a timer: nothing here moves a case to route a, b or c by elapsed
 * werkdagen. Regions override these in configuration.
 */
export const STANDAARD_LADDERS: RegioBeleid['ladders'] = {
  'lokaal-team': [
    { niveau: 'herinnering', publiek: 'lokaal-team-kanaal', werkdagenTovDeadline: -1 },
    { niveau: 'verlopen', publiek: 'coordinator', werkdagenTovDeadline: 1 },
    { niveau: 'escalatie-voorstel', publiek: 'vt-teamleider', werkdagenTovDeadline: 1 },
  ],
  'veilig-thuis': [
    { niveau: 'herinnering', publiek: 'vt-medewerker', werkdagenTovDeadline: -1 },
    { niveau: 'verlopen', publiek: 'vt-teamleider', werkdagenTovDeadline: 1 },
  ],
  professional: [{ niveau: 'herinnering', publiek: 'professional', werkdagenTovDeadline: 0 }],
};

/**
 * Contact met gezin: the team channel two werkdagen before, the coordinator (and the VT teamleider,
 * with route a) at expiry. V&V and Onderzoek (10 weeks): the VT teamleider in week 8 and at expiry.
 * Monitoring: the VT medewerker 5 werkdagen before and on the day, the teamleider when the moment
 * passed without an outcome. An open escalation route: its holders on the day its outcome is due
 * and the werkdag after.
 */
export const STANDAARD_PER_SOORT: NonNullable<RegioBeleid['perSoort']> = {
  'contact-gezin': [
    { niveau: 'herinnering', publiek: 'lokaal-team-kanaal', werkdagenTovDeadline: -2 },
    { niveau: 'verlopen', publiek: 'coordinator', werkdagenTovDeadline: 1 },
    { niveau: 'escalatie-voorstel', publiek: 'vt-teamleider', werkdagenTovDeadline: 1 },
  ],
  'vervolg-afronden': [
    { niveau: 'herinnering', publiek: 'vt-teamleider', werkdagenTovDeadline: -10 },
    { niveau: 'verlopen', publiek: 'vt-teamleider', werkdagenTovDeadline: 1 },
  ],
  // Not confirmed: the team channel after 1 werkdag, the coordinator after 2; expiry as any lokaal team term.
  'overdracht-bevestigen': [
    { niveau: 'herinnering', publiek: 'lokaal-team-kanaal', werkdagenTovDeadline: 1, vanaf: 'start' },
    { niveau: 'nog-niet-bevestigd', publiek: 'coordinator', werkdagenTovDeadline: 2, vanaf: 'start' },
    { niveau: 'verlopen', publiek: 'coordinator', werkdagenTovDeadline: 1 },
    { niveau: 'escalatie-voorstel', publiek: 'vt-teamleider', werkdagenTovDeadline: 1 },
  ],
  monitoring: [
    { niveau: 'herinnering', publiek: 'vt-medewerker', werkdagenTovDeadline: -5 },
    { niveau: 'op-de-dag', publiek: 'vt-medewerker', werkdagenTovDeadline: 0 },
    { niveau: 'verlopen', publiek: 'vt-teamleider', werkdagenTovDeadline: 1 },
  ],
  // The lokaal team monitors (Zuid-Holland Zuid): its channel on the same days; a missed moment is a lokaal team term like any other.
  'monitoring-lokaal-team': [
    { niveau: 'herinnering', publiek: 'lokaal-team-kanaal', werkdagenTovDeadline: -5 },
    { niveau: 'op-de-dag', publiek: 'lokaal-team-kanaal', werkdagenTovDeadline: 0 },
    { niveau: 'verlopen', publiek: 'coordinator', werkdagenTovDeadline: 1 },
    { niveau: 'escalatie-voorstel', publiek: 'vt-teamleider', werkdagenTovDeadline: 1 },
  ],
  // An open escalation route: its holders on the day its outcome is due and once more after; never a next route.
  'escalatie-uitkomst': [
    { niveau: 'op-de-dag', publiek: 'escalatie-route', werkdagenTovDeadline: 0 },
    { niveau: 'verlopen', publiek: 'escalatie-route', werkdagenTovDeadline: 1 },
  ],
};

export function standaardBeleid(kalender: WerkdagKalender = landelijkeKalender): RegioBeleid {
  return { kalender, ladders: STANDAARD_LADDERS, perSoort: STANDAARD_PER_SOORT };
}

function ladderVoor(mijlpaal: Mijlpaal, beleid: RegioBeleid): readonly LadderTrede[] {
  const soort = mijlpaalSoort(mijlpaal.id, mijlpaal.verantwoordelijke);
  // A moment the lokaal team monitors nudges its channel, not the VT medewerker; it stays a monitoring milestone.
  const ladder: LadderSoort | undefined = soort === 'monitoring' && mijlpaal.verantwoordelijke === 'lokaal-team' ? 'monitoring-lokaal-team' : soort;
  return (ladder === undefined ? undefined : beleid.perSoort?.[ladder]) ?? beleid.ladders[mijlpaal.verantwoordelijke];
}

export interface Herinnering {
  /** `dossierId:mijlpaal:niveau`: the same nudge always has the same key, so it is sent once. */
  readonly sleutel: string;
  readonly dossierId: string;
  readonly mijlpaal: Mijlpaal;
  readonly niveau: Niveau;
  readonly publiek: Publiek;
  readonly dueAt: DateTime;
  readonly soort: 'herinnering' | 'verlopen';
  /** Lower, unsent levels this one replaces (a late run sends only the highest level). */
  readonly vervangt: readonly string[];
}

export function herinneringSleutel(dossierId: string, mijlpaalId: string, niveau: Niveau): string {
  return `${dossierId}:${mijlpaalId}:${niveau}`;
}

interface GeplandeTrede {
  readonly sleutel: string;
  readonly trede: LadderTrede;
  readonly dueAt: DateTime;
}

function geplandeTreden(dossier: Dossier, mijlpaal: Mijlpaal, beleid: RegioBeleid): GeplandeTrede[] {
  return ladderVoor(mijlpaal, beleid)
    .map((trede) => {
      const dag = trede.vanaf === 'start' && mijlpaal.start !== undefined ? mijlpaal.start : mijlpaal.deadline;
      const k = trede.werkdagenTovDeadline;
      const werkdag =
        k < 0
          ? beleid.kalender.subtractWerkdagen(dag, -k)
          : k > 0
            ? beleid.kalender.addWerkdagen(dag, k)
            : beleid.kalender.volgendKantoormoment(dag.startOf('day')).startOf('day');
      return { sleutel: herinneringSleutel(dossier.id, mijlpaal.id, trede.niveau), trede, dueAt: werkdag.set({ hour: beleid.kalender.kantoorBeginUur }) };
    })
    .sort((a, b) => a.dueAt.toMillis() - b.dueAt.toMillis());
}

/**
 * The nudges due at `now`. Nothing is due outside the region's werkdag office hours: a late timer
 * run at night waits for the morning. Per milestone only the latest due moment is returned (all
 * its recipients: at expiry the coordinator and the VT teamleider), the first of them carrying the
 * earlier unsent levels it supersedes, so a timer that was down for days sends no burst.
 */
export function dueReminders(dossier: Dossier, now: DateTime, beleid: RegioBeleid): Herinnering[] {
  if (!beleid.kalender.isKantoortijd(now)) return [];
  const verzonden = new Set(dossier.herinneringen);
  const due: Herinnering[] = openUitgesteld(dossier, beleid).filter((h) => h.dueAt <= now);
  for (const mijlpaal of openMijlpalen(dossier, beleid.kalender)) {
    const bereikt = geplandeTreden(dossier, mijlpaal, beleid).filter((t) => t.dueAt <= now);
    const laatste = bereikt.at(-1);
    if (laatste === undefined) continue;
    const nu = bereikt.filter((t) => t.dueAt.equals(laatste.dueAt));
    let vervangt = bereikt.filter((t) => t.dueAt < laatste.dueAt && !verzonden.has(t.sleutel)).map((t) => t.sleutel);
    for (const t of nu) {
      if (verzonden.has(t.sleutel)) continue;
      due.push({
        sleutel: t.sleutel,
        dossierId: dossier.id,
        mijlpaal,
        niveau: t.trede.niveau,
        publiek: t.trede.publiek,
        dueAt: t.dueAt,
        soort: t.trede.niveau === 'herinnering' || t.trede.niveau === 'op-de-dag' ? 'herinnering' : 'verlopen',
        vervangt,
      });
      vervangt = [];
    }
  }
  return due;
}

/**
 * The earliest moment at which `dueReminders` will have something for this dossier, or null.
 * Stores keep it as `nextDueAt` so the timer's due query is one indexed range scan.
 */
export function volgendeHerinneringOp(dossier: Dossier, beleid: RegioBeleid): DateTime | null {
  const verzonden = new Set(dossier.herinneringen);
  let eerste: DateTime | null = null;
  for (const h of openUitgesteld(dossier, beleid)) if (eerste === null || h.dueAt < eerste) eerste = h.dueAt;
  for (const mijlpaal of openMijlpalen(dossier, beleid.kalender)) {
    const treden = geplandeTreden(dossier, mijlpaal, beleid);
    const hoogsteVerzonden = treden.findLastIndex((t) => verzonden.has(t.sleutel));
    // Recipients of the same moment as the last one sent may still be open (recorded one by one).
    const moment = treden[hoogsteVerzonden]?.dueAt;
    const volgende = treden.find((t, i) => !verzonden.has(t.sleutel) && (i > hoogsteVerzonden || (moment !== undefined && t.dueAt.equals(moment))));
    if (volgende !== undefined && (eerste === null || volgende.dueAt < eerste)) eerste = volgende.dueAt;
  }
  return eerste;
}

/** Records delivered (and superseded) nudges on the dossier, so they are never repeated. */
export function markeerVerzonden(dossier: Dossier, herinnering: Herinnering): Dossier {
  const nieuw = [herinnering.sleutel, ...herinnering.vervangt].filter((s) => !dossier.herinneringen.includes(s));
  return nieuw.length === 0 ? dossier : { ...dossier, herinneringen: [...dossier.herinneringen, ...nieuw] };
}

/** The key of a nudge sent again after "Herinner mij morgen": its own key, so it goes out once. */
export function uitgesteldeSleutel(sleutel: string): string {
  return `${sleutel}:uitgesteld`;
}

function ontleed(dossier: Dossier, sleutel: string): { mijlpaalId: string; niveau: Niveau } | undefined {
  const prefix = `${dossier.id}:`;
  if (!sleutel.startsWith(prefix)) return undefined;
  const rest = sleutel.slice(prefix.length);
  const i = rest.lastIndexOf(':');
  const niveau = rest.slice(i + 1) as Niveau;
  return i > 0 && NIVEAU_WAARDEN.includes(niveau) ? { mijlpaalId: rest.slice(0, i), niveau } : undefined;
}

/** Every level, in ladder order: the one list card data and ledger rows are checked against. */
export const NIVEAU_WAARDEN = ['herinnering', 'op-de-dag', 'nog-niet-bevestigd', 'verlopen', 'escalatie-voorstel'] as const satisfies readonly Niveau[];

/** Snoozed nudges not yet sent again whose milestone is still open: a met deadline needs no second nudge. */
function openUitgesteld(dossier: Dossier, beleid: RegioBeleid): Herinnering[] {
  const uit: Herinnering[] = [];
  const open = openMijlpalen(dossier, beleid.kalender);
  for (const u of dossier.uitgesteld ?? []) {
    const sleutel = uitgesteldeSleutel(u.sleutel);
    const delen = ontleed(dossier, u.sleutel);
    const mijlpaal = open.find((m) => m.id === delen?.mijlpaalId);
    const trede = mijlpaal === undefined || delen === undefined ? undefined : ladderVoor(mijlpaal, beleid).find((t) => t.niveau === delen.niveau);
    if (dossier.herinneringen.includes(sleutel) || mijlpaal === undefined || delen === undefined || trede === undefined) continue;
    uit.push({
      sleutel,
      dossierId: dossier.id,
      mijlpaal,
      niveau: delen.niveau,
      publiek: trede.publiek,
      dueAt: DateTime.fromISO(u.op),
      soort: delen.niveau === 'herinnering' || delen.niveau === 'op-de-dag' || delen.niveau === 'nog-niet-bevestigd' ? 'herinnering' : 'verlopen',
      vervangt: [],
    });
  }
  return uit;
}

export type UitstelFout = { readonly code: 'herinnering-onbekend' | 'al-uitgesteld' | 'termijn-gehaald'; readonly melding: string };

/**
 * "Herinner mij morgen": the same nudge again at the next werkdag's office start, once. Only a
 * nudge that went out can be snoozed, and only once; a met deadline needs no reminder.
 */
export function stelHerinneringUit(dossier: Dossier, sleutel: string, nu: DateTime, beleid: RegioBeleid): { ok: true; dossier: Dossier; op: DateTime } | { ok: false; fout: UitstelFout } {
  const delen = ontleed(dossier, sleutel);
  if (delen === undefined || !dossier.herinneringen.includes(sleutel)) return { ok: false, fout: { code: 'herinnering-onbekend', melding: 'Deze herinnering hoort niet bij deze casus.' } };
  if ((dossier.uitgesteld ?? []).some((u) => u.sleutel === sleutel)) return { ok: false, fout: { code: 'al-uitgesteld', melding: 'Deze herinnering is al een keer uitgesteld; de termijn blijft staan.' } };
  if (!openMijlpalen(dossier, beleid.kalender).some((m) => m.id === delen.mijlpaalId)) return { ok: false, fout: { code: 'termijn-gehaald', melding: 'Deze termijn is al gehaald; er komt geen herinnering meer.' } };
  const op = beleid.kalender.addWerkdagen(nu.setZone('Europe/Amsterdam').startOf('day'), 1).set({ hour: beleid.kalender.kantoorBeginUur });
  return { ok: true, op, dossier: { ...dossier, uitgesteld: [...(dossier.uitgesteld ?? []), { sleutel, op: op.toISO() as string }] } };
}
