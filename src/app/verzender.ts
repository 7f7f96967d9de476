import { DateTime } from 'luxon';
import { z } from 'zod';
import { tijdstip } from '../domain/index.js';
import { gesprekId, type GesprekReferentie, type LedgerRegel, type Stores, type Versie } from '../store/ports.js';
import { BewijsVerlopenError, type OntvangenBericht, type Wachtrij } from '../store/wachtrij.js';
import { BezorgFout, type Bericht, type Bezorger } from './bezorging.js';
import type { Logger } from './logger.js';
import { GedeeldeRem, type Verzendlimiet } from './verzendlimiet.js';

const GesprekSleutel = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('persoonlijk'), gebruikerId: z.string().min(1) }),
  z.object({ soort: z.literal('kanaal'), teamId: z.string().min(1), kanaalId: z.string().min(1) }),
]);

/**
 * One message to send: what a tick enqueues after claiming `sleutel` in the ledger. It names the
 * message (`inhoud`, read by the Opsteller when it is sent, from the dossier as it is then), not
 * the card itself: a card rendered at enqueue time could be stale by the time Teams lets it through.
 */
export const Verzendopdracht = z.object({
  /** The ledger key: one key, at most one message in Teams. */
  sleutel: z.string().min(1),
  dossierId: z.string().min(1),
  publiek: z.string().min(1),
  naar: GesprekSleutel,
  /** The Entra tenant of the conversation: Teams' 50 RPS is per tenant. */
  tenantId: z.string().min(1),
  inhoud: z.looseObject({ soort: z.string().min(1) }),
  /** Times this queue message was put back on purpose (throttle, limit, backoff): not crashes. */
  uitgesteld: z.number().int().nonnegative().default(0),
  /** Attempts Teams answered with 429: throttling is no reason to give up. */
  afgeremd: z.number().int().nonnegative().default(0),
});
export type Verzendopdracht = z.infer<typeof Verzendopdracht>;
export type NieuweVerzendopdracht = z.input<typeof Verzendopdracht>;

export type Opstelling =
  | { readonly soort: 'verstuur'; readonly naar: GesprekReferentie; readonly bericht: Bericht }
  /** Nothing to send any more (the deadline was met meanwhile): done, nobody is told. */
  | { readonly soort: 'overbodig'; readonly reden: string }
  /** It can never be sent (no conversation reference): given up, the coordinator is told. */
  | { readonly soort: 'onbestelbaar'; readonly reden: string };

/** What a job means: the nudge rules and cards plug in here. */
export interface Opsteller {
  stelOp(opdracht: Verzendopdracht): Promise<Opstelling>;
  /** Teams took the message: record it on the dossier. May run again for the same key after a crash. */
  verzonden(opdracht: Verzendopdracht, activityId: string): Promise<void>;
  /** The job was given up (403, 404, too many tries): tell the coordinator. */
  meldMislukt(opdracht: Verzendopdracht, reden: string): Promise<void>;
}

export interface VerzendInstellingen {
  /** Failed sends (412, 5xx, timeouts) before a job is given up and poisoned. */
  readonly maxPogingen: number;
  /** Deliveries that ended without an outcome (the sender crashed) before a job is poisoned. */
  readonly maxAfleveringen: number;
  readonly backoffBasisSeconden: number;
  readonly backoffMaxSeconden: number;
  /** An attempt's claim is respected this long; must exceed the send timeout. */
  readonly claimGeldigSeconden: number;
  /** A free slot this close is waited for in-process; a later one puts the message back. */
  readonly maxWachtMs: number;
  /** When Teams sends 429 without Retry-After. */
  readonly standaardRetryAfterSeconden: number;
}

export const STANDAARD_VERZENDINSTELLINGEN: VerzendInstellingen = {
  maxPogingen: 5,
  maxAfleveringen: 5,
  backoffBasisSeconden: 2,
  backoffMaxSeconden: 300,
  claimGeldigSeconden: 60,
  maxWachtMs: 2000,
  standaardRetryAfterSeconden: 5,
};

export interface VerzenderDeps {
  readonly stores: Pick<Stores, 'herinneringen' | 'state'>;
  readonly wachtrij: Wachtrij;
  readonly bezorger: Bezorger;
  readonly opsteller: Opsteller;
  readonly limiet: Verzendlimiet;
  readonly klok: () => DateTime;
  readonly slaap: (ms: number) => Promise<void>;
  /** In [0, 1): jitter, so retries after one outage do not arrive together. */
  readonly toeval: () => number;
  readonly log: Logger;
  readonly instellingen?: Partial<VerzendInstellingen>;
}

export type Afloop =
  | { readonly soort: 'verzonden'; readonly activityId: string }
  /** Already sent or given up earlier (a duplicate or a redelivery): the message is deleted. */
  | { readonly soort: 'al-afgehandeld' }
  | { readonly soort: 'uitgesteld'; readonly reden: 'bezig' | 'afgeremd' | 'limiet' | 'te-snel' | 'tijdelijk'; readonly seconden: number }
  | { readonly soort: 'opgegeven'; readonly reden: string }
  | { readonly soort: 'overbodig'; readonly reden: string }
  | { readonly soort: 'gif'; readonly reden: string }
  /** Our receipt expired while we worked: whoever holds the message now finishes it. */
  | { readonly soort: 'elders' };

/**
 * The sender (Company Communicator's send function): takes ONE queue message and checks
 * "already sent?", honours the shared throttle and this instance's share of Teams' limits, claims
 * the attempt in the ledger, sends, and records the outcome. A message is deleted only once its
 * outcome is recorded, so a crash anywhere leaves it to come back; the ledger makes the second
 * delivery a no-op when the first one got through.
 */
export class Verzender {
  private readonly rem: GedeeldeRem;
  private readonly inst: VerzendInstellingen;

  constructor(private readonly deps: VerzenderDeps) {
    this.rem = new GedeeldeRem(deps.stores.state);
    this.inst = { ...STANDAARD_VERZENDINSTELLINGEN, ...deps.instellingen };
  }

  async verwerk(bericht: OntvangenBericht): Promise<Afloop> {
    try {
      return await this.verwerkEen(bericht);
    } catch (e) {
      if (e instanceof BewijsVerlopenError) return { soort: 'elders' };
      throw e;
    }
  }

  private async verwerkEen(bericht: OntvangenBericht): Promise<Afloop> {
    const gelezen = Verzendopdracht.safeParse(bericht.inhoud);
    if (!gelezen.success) {
      const reden = `Ongeldige opdracht: ${gelezen.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
      await this.deps.wachtrij.naarGif(bericht, reden);
      return { soort: 'gif', reden };
    }
    const job = gelezen.data;
    const ledger = this.deps.stores.herinneringen;
    let regel = await ledger.get(job.sleutel);
    if (regel?.waarde.status === 'verzonden' || regel?.waarde.status === 'opgegeven') {
      await this.deps.wachtrij.verwijder(bericht.bewijs);
      return { soort: 'al-afgehandeld' };
    }
    const mislukt = regel === undefined ? 0 : regel.waarde.pogingen - 1 - job.afgeremd;
    const zonderAfloop = bericht.keerOpgehaald - 1 - job.uitgesteld;
    if (mislukt >= this.inst.maxPogingen) return this.vergiftig(bericht, job, `Na ${mislukt} mislukte pogingen opgegeven: ${regel?.waarde.laatsteFout ?? 'onbekende fout'}`);
    if (zonderAfloop >= this.inst.maxAfleveringen) return this.vergiftig(bericht, job, `${zonderAfloop} keer opgehaald zonder uitkomst (verzender gestopt of vastgelopen).`);

    const nu = this.deps.klok();
    if (regel?.waarde.status === 'geclaimd' && regel.waarde.pogingen > 1) {
      // Another sender is mid-send (this is a duplicate message, or ours came back early).
      const vrij = DateTime.fromISO(regel.waarde.geclaimdOp).plus({ seconds: this.inst.claimGeldigSeconden });
      if (vrij > nu) return this.stelUit(bericht, job, vrij.diff(nu).as('seconds'), 'bezig');
    }
    const gesprek = GedeeldeRem.gesprek(gesprekId(job.naar));
    const tenant = GedeeldeRem.tenant(job.tenantId);
    const geremdTot = await this.rem.tot([gesprek, tenant], nu);
    if (geremdTot !== undefined) return this.stelUit(bericht, job, geremdTot.diff(nu).as('seconds') + this.deps.toeval(), 'afgeremd');

    const opgesteld = await this.deps.opsteller.stelOp(job);
    if (opgesteld.soort === 'overbodig') {
      if (regel !== undefined) await ledger.markeerOpgegeven(job.sleutel, opgesteld.reden, tijdstip(nu));
      await this.deps.wachtrij.verwijder(bericht.bewijs);
      return { soort: 'overbodig', reden: opgesteld.reden };
    }
    if (opgesteld.soort === 'onbestelbaar') return this.geefOp(bericht, job, opgesteld.reden);

    const plek = await this.wachtOpPlek(gesprekId(job.naar), job.tenantId);
    if (plek.wacht > 0) return this.stelUit(bericht, job, plek.wacht / 1000, 'limiet');

    // Claim this attempt: of two senders holding copies of the job, exactly one gets here.
    const op = tijdstip(this.deps.klok());
    if (regel === undefined) {
      if (!(await ledger.claim(job.sleutel, { dossierId: job.dossierId, publiek: job.publiek, op }))) return this.stelUit(bericht, job, this.inst.claimGeldigSeconden, 'bezig');
      regel = await ledger.get(job.sleutel);
    }
    if (regel === undefined || !(await ledger.herclaim(regel, op))) return this.stelUit(bericht, job, this.inst.claimGeldigSeconden, 'bezig');

    let activityId: string;
    try {
      activityId = await this.deps.bezorger.plaats(opgesteld.naar, opgesteld.bericht);
    } catch (fout) {
      return this.naFout(bericht, job, regel, fout);
    } finally {
      this.deps.limiet.beantwoord(gesprekId(job.naar), job.tenantId, plek.genomen, this.deps.klok().toMillis());
    }
    // The window that remains: Teams has the message, and a crash before this line sends it again.
    await ledger.markeerVerzonden(job.sleutel, activityId, tijdstip(this.deps.klok()));
    try {
      await this.deps.opsteller.verzonden(job, activityId);
    } catch (fout) {
      this.deps.log.error('Verzonden, maar niet op het dossier vastgelegd', { sleutel: job.sleutel, fout: fout instanceof Error ? fout.message : String(fout) });
    }
    await this.deps.wachtrij.verwijder(bericht.bewijs);
    return { soort: 'verzonden', activityId };
  }

  private async naFout(bericht: OntvangenBericht, job: Verzendopdracht, regel: Versie<LedgerRegel>, fout: unknown): Promise<Afloop> {
    const f = fout instanceof BezorgFout ? fout : new BezorgFout('tijdelijk', fout instanceof Error ? fout.message : String(fout));
    const ledger = this.deps.stores.herinneringen;
    const nu = this.deps.klok();
    switch (f.soort) {
      case 'geblokkeerd':
      case 'gesprek-weg':
        return this.geefOp(bericht, job, f.message);
      case 'te-snel': {
        const seconden = f.details.naSeconden ?? this.inst.standaardRetryAfterSeconden;
        await ledger.markeerMislukt(job.sleutel, f.message, tijdstip(nu));
        // Teams does not say which limit was hit: both brakes, as Company Communicator does.
        const tot = nu.plus({ milliseconds: seconden * 1000 });
        await this.rem.remAf(GedeeldeRem.gesprek(gesprekId(job.naar)), tot);
        await this.rem.remAf(GedeeldeRem.tenant(job.tenantId), tot);
        return this.stelUit(bericht, { ...job, afgeremd: job.afgeremd + 1 }, seconden + this.deps.toeval(), 'te-snel');
      }
      case 'tijdelijk': {
        await ledger.markeerMislukt(job.sleutel, f.message, tijdstip(nu));
        const mislukt = regel.waarde.pogingen - job.afgeremd; // this attempt included
        if (mislukt >= this.inst.maxPogingen) return this.vergiftig(bericht, job, `Na ${mislukt} mislukte pogingen opgegeven: ${f.message}`);
        const grens = Math.min(this.inst.backoffMaxSeconden, this.inst.backoffBasisSeconden * 2 ** (mislukt - 1));
        return this.stelUit(bericht, job, grens / 2 + (this.deps.toeval() * grens) / 2, 'tijdelijk');
      }
    }
  }

  /** Waits in-process for a slot when one is near; otherwise says how long until one is free. */
  private async wachtOpPlek(gesprek: string, tenant: string): Promise<{ readonly wacht: number; readonly genomen: number }> {
    for (;;) {
      const genomen = this.deps.klok().toMillis();
      const wacht = this.deps.limiet.neem(gesprek, tenant, genomen);
      if (wacht === 0 || wacht > this.inst.maxWachtMs) return { wacht, genomen };
      await this.deps.slaap(wacht);
    }
  }

  private async stelUit(bericht: OntvangenBericht, job: Verzendopdracht, seconden: number, reden: Extract<Afloop, { soort: 'uitgesteld' }>['reden']): Promise<Afloop> {
    const s = Math.max(1, Math.ceil(seconden));
    await this.deps.wachtrij.stelUit(bericht.bewijs, s, { ...job, uitgesteld: job.uitgesteld + 1 });
    return { soort: 'uitgesteld', reden, seconden: s };
  }

  /** Never retried: recorded in the ledger, the coordinator told, the message deleted. */
  private async geefOp(bericht: OntvangenBericht, job: Verzendopdracht, reden: string): Promise<Afloop> {
    await this.markeerOpgegeven(job, reden);
    await this.deps.opsteller.meldMislukt(job, reden);
    await this.deps.wachtrij.verwijder(bericht.bewijs);
    return { soort: 'opgegeven', reden };
  }

  /** Like geefOp, and the job goes to the poison list where the admin can send it again. */
  private async vergiftig(bericht: OntvangenBericht, job: Verzendopdracht, reden: string): Promise<Afloop> {
    await this.markeerOpgegeven(job, reden);
    await this.deps.opsteller.meldMislukt(job, reden);
    await this.deps.wachtrij.naarGif(bericht, reden);
    return { soort: 'gif', reden };
  }

  private async markeerOpgegeven(job: Verzendopdracht, reden: string): Promise<void> {
    const op = tijdstip(this.deps.klok());
    const ledger = this.deps.stores.herinneringen;
    // A job enqueued without a claim still gets an entry, so the coordinator's list shows it.
    if ((await ledger.get(job.sleutel)) === undefined) await ledger.claim(job.sleutel, { dossierId: job.dossierId, publiek: job.publiek, op });
    await ledger.markeerOpgegeven(job.sleutel, reden, op);
  }
}

export interface PompOpties {
  /** Messages in progress at once: enough to keep Teams' 50 per second busy. */
  readonly gelijktijdig: number;
  readonly onzichtbaarSeconden: number;
  /** Pause when the queue is empty. */
  readonly pauzeMs: number;
  readonly stop: AbortSignal;
  readonly slaap: (ms: number) => Promise<void>;
  readonly log: Logger;
  readonly naAfloop?: (afloop: Afloop) => void;
}

/**
 * Drains a queue in this process (npm start, the benchmark): what the Functions host does with
 * the queue trigger in Azure. A message whose handling fails unexpectedly is left alone and comes
 * back after its visibility timeout.
 */
export async function pomp(wachtrij: Wachtrij, verzender: Verzender, o: PompOpties): Promise<void> {
  const bezig = new Set<Promise<void>>();
  // One wake-up for "a message is done" instead of Promise.race over every message in progress:
  // each race leaves a reaction on all of them that lives until that message is done, so at 50
  // messages per second the loop piled up thousands of them (promoted, then old-generation garbage).
  let wekker: (() => void) | undefined;
  const wacht = () =>
    new Promise<void>((wakker) => {
      wekker = wakker;
      void o.slaap(o.pauzeMs).then(wakker);
    });
  while (!o.stop.aborted) {
    const vrij = o.gelijktijdig - bezig.size;
    const berichten = vrij > 0 ? await wachtrij.haalOp(vrij, o.onzichtbaarSeconden) : [];
    for (const b of berichten) {
      const taak: Promise<void> = verzender
        .verwerk(b)
        .then((afloop) => o.naAfloop?.(afloop))
        .catch((fout: unknown) => o.log.error('Verzending mislukt; het bericht komt terug', { bericht: b.id, fout: fout instanceof Error ? fout.message : String(fout) }))
        .finally(() => {
          bezig.delete(taak);
          wekker?.();
        });
      bezig.add(taak);
    }
    if (berichten.length === 0 && bezig.size === 0) await o.slaap(o.pauzeMs);
    else if (bezig.size >= o.gelijktijdig || berichten.length === 0) await wacht();
  }
  await Promise.all(bezig);
}
