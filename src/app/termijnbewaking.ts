import { DateTime } from 'luxon';
import { dueReminders, markeerVerzonden, mijlpaalSoort, tijdstip, type Dossier, type Herinnering, type RegioBeleid } from '../domain/index.js';
import { gesprekId, type AuditRegel, type GesprekReferentie, type GesprekSleutel, type Stores } from '../store/ports.js';
import type { Wachtrij } from '../store/wachtrij.js';
import { werkDossierBij } from './bijwerken.js';
import type { Logger } from './logger.js';
import { routeHouders, type RegioGids } from './regio.js';
import type { NieuweVerzendopdracht } from './verzender.js';

/** A job's tenant when no conversation reference exists yet: the Opsteller gives it up as onbestelbaar. */
export const ONBEKENDE_TENANT = 'onbekend';

/** What a nudge job says: the Opsteller reads the dossier again when it is sent. */
export interface TermijnInhoud {
  readonly soort: 'termijn';
  readonly mijlpaal: string;
  readonly niveau: Herinnering['niveau'];
  /** Entra id of the person, or the channel's `gesprekId`. */
  readonly ontvanger: string;
}

/** One card for a channel with many nudges at one office moment; each item keeps its own ledger key. */
export interface OverzichtInhoud {
  readonly soort: 'overzicht';
  readonly items: readonly (TermijnInhoud & { readonly sleutel: string; readonly dossierId: string })[];
}

export interface Ontvanger {
  readonly id: string;
  readonly naar: GesprekSleutel;
  readonly tenantId: string;
}

function tenantVan(referentie: GesprekReferentie | undefined): string {
  const conversation = referentie?.['conversation'] as { tenantId?: unknown } | undefined;
  return typeof conversation?.tenantId === 'string' && conversation.tenantId !== '' ? conversation.tenantId : ONBEKENDE_TENANT;
}

/**
 * Who a nudge goes to, from the region files and the bound channels: the VT medewerker through
 * the Veilig Thuis channel, the VT teamleider and the coordinator in their personal chat, the
 * lokaal team in its channel, the professional in theirs, the holders of an open escalation
 * route (a, b or c) each in their personal chat. A channel that is not bound falls back
 * to the people who answer for it, so a nudge never waits on a binding.
 */
export class NudgeAdressen {
  constructor(private readonly deps: { readonly stores: Pick<Stores, 'gesprekken' | 'koppelingen'>; readonly regios: RegioGids }) {}

  async voor(d: Dossier, h: Herinnering): Promise<Ontvanger[]> {
    const regio = this.deps.regios.regio(d.regioId);
    const teamleiders = regio?.veiligThuis.teamleiders ?? [];
    const teamKey = d.veiligThuis !== undefined && 'overdracht' in d.veiligThuis ? d.veiligThuis.overdracht?.partij.teamId : undefined;
    const coordinatoren = teamKey === undefined ? [] : (this.deps.regios.lokaalTeam(teamKey)?.team.coordinatoren ?? []);
    switch (h.publiek) {
      case 'professional':
        return this.personen([d.eigenaar.id]);
      case 'vt-teamleider':
        return this.personen(teamleiders);
      case 'coordinator':
        return this.personen(coordinatoren);
      case 'escalatie-route':
        return this.personen(routeHouders(this.deps.regios, d)?.ids ?? []);
      case 'vt-medewerker': {
        const kanaal = await this.deps.stores.koppelingen.kanaalVoor({ soort: 'veilig-thuis', regioId: d.regioId });
        return kanaal === undefined ? this.personen(teamleiders) : [{ id: `kanaal:${kanaal.kanaal.teamId}:${kanaal.kanaal.kanaalId}`, naar: kanaal.kanaal, tenantId: tenantVan(kanaal.referentie) }];
      }
      case 'lokaal-team-kanaal': {
        const kanaal = teamKey === undefined ? undefined : await this.deps.stores.koppelingen.kanaalVoor({ soort: 'lokaal-team', regioId: d.regioId, teamKey });
        return kanaal === undefined ? this.personen(coordinatoren) : [{ id: `kanaal:${kanaal.kanaal.teamId}:${kanaal.kanaal.kanaalId}`, naar: kanaal.kanaal, tenantId: tenantVan(kanaal.referentie) }];
      }
    }
  }

  private async personen(ids: readonly string[]): Promise<Ontvanger[]> {
    return Promise.all(
      [...new Set(ids)].map(async (id) => {
        const naar = { soort: 'persoonlijk' as const, gebruikerId: id };
        return { id, naar, tenantId: tenantVan(await this.deps.stores.gesprekken.zoek(naar)) };
      }),
    );
  }
}

export interface TermijnbewakingDeps {
  readonly stores: Pick<Stores, 'dossiers' | 'herinneringen' | 'gesprekken' | 'koppelingen'>;
  readonly wachtrij: Pick<Wachtrij, 'zetIn'>;
  readonly regios: RegioGids;
  readonly beleidVoor: (regioId: string) => RegioBeleid;
  readonly klok: () => DateTime;
  readonly log: Logger;
  readonly nieuwId: () => string;
  /**
   * A claim this old that never reached the dossier is taken to be from a tick that crashed
   * between claim and enqueue: its job is enqueued again (the sender's ledger check makes a
   * second copy harmless). Must exceed the time one tick takes.
   */
  readonly herstelNaMinuten?: number;
  /** From this many nudges for one channel in one tick, the channel gets one overview card. */
  readonly overzichtVanaf?: number;
}

export interface TickUitslag {
  readonly dossiers: number;
  /** Send jobs enqueued (an overview card counts once). */
  readonly ingezet: number;
  /** Jobs enqueued again for claims a crashed tick left behind. */
  readonly hersteld: number;
  readonly overzichten: number;
}

const SYSTEEM = { id: 'meldroute', naam: 'meldroute termijnbewaking' } as const;

/**
 * The two timers of the design share the due query and the ledger: `termijnen` enforces the
 * deadlines of the chain (every few minutes), `monitoring` reminds Veilig Thuis of the monitoring
 * moments (a calendar matter, so less often). `alles` is both at once, for npm start.
 */
export type TickGroep = 'termijnen' | 'monitoring' | 'alles';

function hoortBij(groep: TickGroep, h: Herinnering): boolean {
  if (groep === 'alles') return true;
  const monitoring = mijlpaalSoort(h.mijlpaal.id, h.mijlpaal.verantwoordelijke) === 'monitoring';
  return groep === 'monitoring' ? monitoring : !monitoring;
}

interface Besluit {
  readonly dossierId: string;
  readonly herinneringen: Herinnering[];
  readonly jobs: NieuweVerzendopdracht[];
}

/**
 * The tick (Company Communicator's "decide, then send"): the indexed due query up to now, per
 * dossier the nudges the domain says are due, a ledger claim per nudge and recipient (exactly one
 * tick wins it), one send job per claim, and the decided nudges recorded on the dossier with an
 * ETag write and an audit row. It never talks to Teams. A late tick catches up because
 * `dueReminders` looks at everything reached by now; a concurrent tick loses every claim and
 * records nothing it did not enqueue itself. Claims come first, jobs second, the dossier last:
 * a crash at any point leaves the nudge due, and the next tick finishes it.
 */
export class Termijnbewaking {
  private readonly adressen: NudgeAdressen;

  constructor(private readonly deps: TermijnbewakingDeps) {
    this.adressen = new NudgeAdressen(deps);
  }

  async tick(groep: TickGroep = 'alles'): Promise<TickUitslag> {
    const nu = this.deps.klok();
    const besluiten: Besluit[] = [];
    let hersteld = 0;
    let vervolg: string | undefined;
    do {
      const pagina = await this.deps.stores.dossiers.dueVoor(tijdstip(nu), { max: 200, ...(vervolg ? { vervolg } : {}) });
      for (const { waarde: d } of pagina.items) {
        const due = dueReminders(d, nu, this.deps.beleidVoor(d.regioId)).filter((h) => hoortBij(groep, h));
        // Outside office hours, only outbox entries due, or only the other timer's nudges.
        if (due.length === 0) continue;
        const besluit: Besluit = { dossierId: d.id, herinneringen: [], jobs: [] };
        for (const h of due) {
          const r = await this.beslis(d, h, nu);
          besluit.jobs.push(...r.jobs);
          hersteld += r.hersteld;
          if (r.besloten) besluit.herinneringen.push(h);
        }
        besluiten.push(besluit);
      }
      vervolg = pagina.vervolg;
    } while (vervolg !== undefined);

    const { jobs, overzichten } = this.bundel(besluiten.flatMap((b) => b.jobs), nu);
    for (const job of jobs) await this.deps.wachtrij.zetIn(job);
    for (const b of besluiten) if (b.herinneringen.length > 0) await this.leg(b.dossierId, b.herinneringen, nu);
    return { dossiers: besluiten.length, ingezet: jobs.length, hersteld, overzichten };
  }

  /** Claims one nudge for each recipient; `besloten` when every recipient has (or had) its job. */
  private async beslis(d: Dossier, h: Herinnering, nu: DateTime): Promise<{ jobs: NieuweVerzendopdracht[]; hersteld: number; besloten: boolean }> {
    const ontvangers = await this.adressen.voor(d, h);
    if (ontvangers.length === 0) {
      // Recorded anyway, or the dossier stays due for ever: the region file names nobody for this role.
      this.deps.log.error('Niemand om te herinneren: de regio noemt geen ontvanger', { dossierId: d.id, publiek: h.publiek, regioId: d.regioId });
      return { jobs: [], hersteld: 0, besloten: true };
    }
    const ledger = this.deps.stores.herinneringen;
    const op = tijdstip(nu);
    const jobs: NieuweVerzendopdracht[] = [];
    let hersteld = 0;
    let besloten = true;
    for (const o of ontvangers) {
      // One ledger entry per nudge and recipient: the coordinator and the teamleider are told apart.
      const sleutel = `${h.sleutel}@${o.id}`;
      const job: NieuweVerzendopdracht = {
        sleutel,
        dossierId: d.id,
        publiek: h.publiek,
        naar: o.naar,
        tenantId: o.tenantId,
        inhoud: { soort: 'termijn', mijlpaal: h.mijlpaal.id, niveau: h.niveau, ontvanger: o.id } satisfies TermijnInhoud,
      };
      // Milestone, level and conversation go with the claim: the card is updated there once the deadline is met.
      if (await ledger.claim(sleutel, { dossierId: d.id, publiek: h.publiek, op, mijlpaal: h.mijlpaal.id, niveau: h.niveau, naar: o.naar })) {
        jobs.push(job);
        continue;
      }
      const regel = await ledger.get(sleutel);
      const status = regel?.waarde.status;
      if (status === 'verzonden' || status === 'opgegeven') continue;
      const verlaten = regel !== undefined && regel.waarde.pogingen <= 1 && nu.diff(DateTime.fromISO(regel.waarde.geclaimdOp)).as('minutes') >= (this.deps.herstelNaMinuten ?? 10);
      if (verlaten) {
        jobs.push(job);
        hersteld += 1;
      } else {
        // Claimed just now by a concurrent tick, or the sender is on it: that one records it.
        besloten = false;
      }
    }
    return { jobs, hersteld, besloten };
  }

  /**
   * Teams takes at most 1 800 messages an hour in one conversation, and a channel flooded with
   * nudge threads is not read: a channel with many nudges in one tick gets one overview card.
   */
  private bundel(jobs: readonly NieuweVerzendopdracht[], nu: DateTime): { jobs: NieuweVerzendopdracht[]; overzichten: number } {
    const vanaf = this.deps.overzichtVanaf ?? 3;
    const perKanaal = new Map<string, NieuweVerzendopdracht[]>();
    const uit: NieuweVerzendopdracht[] = [];
    for (const job of jobs) {
      if (job.naar.soort !== 'kanaal') {
        uit.push(job);
        continue;
      }
      const id = gesprekId(job.naar);
      perKanaal.set(id, [...(perKanaal.get(id) ?? []), job]);
    }
    let overzichten = 0;
    for (const [id, groep] of perKanaal) {
      const eerste = groep[0];
      if (eerste === undefined) continue;
      if (groep.length < vanaf) {
        uit.push(...groep);
        continue;
      }
      overzichten += 1;
      const inhoud: OverzichtInhoud = { soort: 'overzicht', items: groep.map((j) => ({ sleutel: j.sleutel, dossierId: j.dossierId, ...(j.inhoud as unknown as TermijnInhoud) })) };
      uit.push({ sleutel: `overzicht:${id}:${tijdstip(nu)}`, dossierId: eerste.dossierId, publiek: eerste.publiek, naar: eerste.naar, tenantId: eerste.tenantId, inhoud: { ...inhoud } });
    }
    return { jobs: uit, overzichten };
  }

  private async leg(dossierId: string, besloten: readonly Herinnering[], nu: DateTime): Promise<void> {
    const audit: AuditRegel = { id: this.deps.nieuwId(), op: tijdstip(nu), actor: SYSTEEM, rol: 'systeem', actie: 'update', dossierId, kanaal: 'timer', uitkomst: 'toegestaan' };
    await werkDossierBij(this.deps.stores.dossiers, dossierId, (x) => ({ ok: true, waarde: { dossier: besloten.reduce(markeerVerzonden, x), effecten: [] } }), audit);
  }
}
