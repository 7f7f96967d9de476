import { DateTime } from 'luxon';
import { z } from 'zod';
import { ConflictError, valideer, type StateStore } from '../store/ports.js';

/** At most `aantal` messages in any `ms` milliseconds. */
export interface Venster {
  readonly aantal: number;
  readonly ms: number;
}

/**
 * Teams' limits for a bot's proactive messages (configuration: src/config.ts). Per conversation
 * 7 per second and 60 per 30 seconds, per tenant 50 per second.
 */
export interface TeamsLimieten {
  readonly perGesprek: readonly Venster[];
  readonly perTenant: readonly Venster[];
  /** Added to every window: our clock and Teams' do not see a request at the same moment. */
  readonly margeMs: number;
}

/**
 * Sliding windows of this instance's own sends per key. Exact where a token bucket is not: a
 * bucket that starts full lets through a burst plus its refill within one window, which is what
 * Teams answers with 429. The map is bounded (least recently used key dropped first).
 */
class Schuifvensters {
  private readonly verzonden = new Map<string, number[]>();
  private readonly bewaar: number;

  constructor(private readonly vensters: readonly Venster[], private readonly margeMs: number, private readonly maxSleutels = 10_000) {
    this.bewaar = Math.max(0, ...vensters.map((v) => v.aantal));
  }

  /** Milliseconds until one more send on `sleutel` fits every window; 0 means now. */
  wachttijd(sleutel: string, nu: number): number {
    const tijden = [...(this.verzonden.get(sleutel) ?? [])].sort((a, b) => a - b);
    let wacht = 0;
    for (const v of this.vensters) {
      const grens = tijden[tijden.length - v.aantal];
      if (grens !== undefined) wacht = Math.max(wacht, grens + v.ms + this.margeMs - nu);
    }
    return Math.max(0, wacht);
  }

  noteer(sleutel: string, nu: number): void {
    const tijden = this.verzonden.get(sleutel) ?? [];
    tijden.push(nu);
    tijden.sort((a, b) => a - b);
    if (tijden.length > this.bewaar) tijden.splice(0, tijden.length - this.bewaar);
    this.verzonden.delete(sleutel);
    this.verzonden.set(sleutel, tijden);
    this.begrens();
  }

  /** Moves a noted send from `van` to `naar` (later); a send no longer in the window is left alone. */
  verschuif(sleutel: string, van: number, naar: number): void {
    const tijden = this.verzonden.get(sleutel);
    const i = tijden?.indexOf(van) ?? -1;
    if (tijden === undefined || i < 0) return;
    tijden[i] = Math.max(van, naar);
    tijden.sort((a, b) => a - b);
  }

  private begrens(): void {
    if (this.verzonden.size > this.maxSleutels) {
      const oudste = this.verzonden.keys().next();
      if (!oudste.done) this.verzonden.delete(oudste.value);
    }
  }
}

/** This instance's share of Teams' limits: a slot per message, for its conversation and tenant. */
export class Verzendlimiet {
  private readonly gesprekken: Schuifvensters;
  private readonly tenants: Schuifvensters;

  constructor(limieten: TeamsLimieten) {
    this.gesprekken = new Schuifvensters(limieten.perGesprek, limieten.margeMs);
    this.tenants = new Schuifvensters(limieten.perTenant, limieten.margeMs);
  }

  /** Takes a slot and returns 0, or returns how many milliseconds until one is free (nothing taken). */
  neem(gesprek: string, tenant: string, nu: number): number {
    const wacht = Math.max(this.gesprekken.wachttijd(gesprek, nu), this.tenants.wachttijd(tenant, nu));
    if (wacht > 0) return wacht;
    this.gesprekken.noteer(gesprek, nu);
    this.tenants.noteer(tenant, nu);
    return 0;
  }

  /**
   * The send taken at `genomen` has its answer at `nu`: from now on it counts from `nu`. Teams
   * counted it somewhere in between; counting from the answer is the safe end, so a slow or
   * delayed request can never make the next window's first send arrive inside this one.
   */
  beantwoord(gesprek: string, tenant: string, genomen: number, nu: number): void {
    this.gesprekken.verschuif(gesprek, genomen, nu);
    this.tenants.verschuif(tenant, genomen, nu);
  }
}

const Rem = z.object({ tot: z.string() });

/**
 * "Throttled until", shared by every instance through the store: a small record per
 * conversation and per tenant, set when Teams answers 429 and only ever moved later (ETag).
 */
export class GedeeldeRem {
  constructor(private readonly state: StateStore) {}

  static gesprek(id: string): string {
    return `verzendrem:gesprek:${id}`;
  }

  static tenant(id: string): string {
    return `verzendrem:tenant:${id}`;
  }

  /** The latest "until" of these keys that is still after `nu`, or undefined. */
  async tot(sleutels: readonly string[], nu: DateTime): Promise<DateTime | undefined> {
    const gelezen = await this.state.read(sleutels);
    let laatste: DateTime | undefined;
    for (const [sleutel, v] of gelezen) {
      const moment = DateTime.fromISO(valideer(Rem, 'verzendrem', sleutel, v.waarde).tot, { zone: 'utc' });
      if (moment > nu && (laatste === undefined || moment > laatste)) laatste = moment;
    }
    return laatste;
  }

  /** Sets the brake to `tot`, unless another instance already set a later one. */
  async remAf(sleutel: string, tot: DateTime): Promise<void> {
    const iso = tot.toUTC().toISO() as string;
    for (let poging = 0; poging < 5; poging += 1) {
      const huidig = (await this.state.read([sleutel])).get(sleutel);
      if (huidig !== undefined && valideer(Rem, 'verzendrem', sleutel, huidig.waarde).tot >= iso) return;
      try {
        // Without a record there is no ETag to match: two first writers may race, and the
        // loser's shorter brake can win. It is a brake, not a lock: the next 429 sets it again.
        await this.state.write(sleutel, { tot: iso }, huidig?.etag);
        return;
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
  }
}
