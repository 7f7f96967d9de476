import type { Config, Emmer } from '../config.js';

export interface Uitslag {
  readonly toegestaan: boolean;
  /** True for the first refusal after an allowed request: answer that one, drop the rest quietly. */
  readonly eersteWeigering: boolean;
}

interface Stand {
  tokens: number;
  op: number;
  geweigerd: boolean;
}

/**
 * Token buckets per key, in this instance's memory. The map is bounded: the least recently used
 * key is dropped first, which at worst hands that key a fresh bucket; it never grows with an
 * attacker's supply of ids.
 */
export class Begrenzer {
  private readonly standen = new Map<string, Stand>();

  constructor(
    private readonly emmer: Emmer,
    private readonly nu: () => number,
    private readonly maxSleutels = 10_000,
  ) {}

  neem(sleutel: string): Uitslag {
    const nu = this.nu();
    const vorig = this.standen.get(sleutel);
    const stand = vorig ?? { tokens: this.emmer.piek, op: nu, geweigerd: false };
    stand.tokens = Math.min(this.emmer.piek, stand.tokens + (Math.max(0, nu - stand.op) * this.emmer.perMinuut) / 60_000);
    stand.op = nu;
    // Re-insert so the map's insertion order is the order of last use.
    this.standen.delete(sleutel);
    this.standen.set(sleutel, stand);
    if (this.standen.size > this.maxSleutels) {
      const oudste = this.standen.keys().next();
      if (!oudste.done) this.standen.delete(oudste.value);
    }
    if (stand.tokens >= 1) {
      stand.tokens -= 1;
      stand.geweigerd = false;
      return { toegestaan: true, eersteWeigering: false };
    }
    const eerste = !stand.geweigerd;
    stand.geweigerd = true;
    return { toegestaan: false, eersteWeigering: eerste };
  }
}

/** Per person and per Entra tenant on /api/messages; a request must pass both. */
export class VerzoekLimieten {
  private readonly gebruiker: Begrenzer;
  private readonly tenant: Begrenzer;

  constructor(limieten: Config['limieten'], nu: () => number) {
    this.gebruiker = new Begrenzer(limieten.gebruiker, nu);
    this.tenant = new Begrenzer(limieten.tenant, nu);
  }

  neem(gebruikerId: string, tenantId: string | undefined): Uitslag {
    const perGebruiker = this.gebruiker.neem(gebruikerId);
    if (!perGebruiker.toegestaan) return perGebruiker;
    return this.tenant.neem(tenantId ?? '(geen tenant)');
  }
}
