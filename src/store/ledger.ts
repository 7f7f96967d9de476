import type { ClaimGegevens, HerinneringLedger, LedgerRegel, Versie } from './ports.js';

/**
 * The reminder ledger's state changes, written once over two primitives each store provides:
 * insert-if-absent (`claim`) and replace-if-ETag-matches (`vervangAls`).
 */
export abstract class LedgerBasis implements HerinneringLedger {
  abstract claim(sleutel: string, gegevens: ClaimGegevens): Promise<boolean>;
  abstract get(sleutel: string): Promise<Versie<LedgerRegel> | undefined>;
  abstract teHerproberen(geclaimdVoor: string): Promise<Versie<LedgerRegel>[]>;
  abstract opgegeven(max: number): Promise<LedgerRegel[]>;
  abstract verzondenVoor(dossierId: string, mijlpaal: string): Promise<Versie<LedgerRegel>[]>;
  /** Writes `regel` only if the stored entry still has `etag`; false when someone was first. */
  protected abstract vervangAls(regel: LedgerRegel, etag: string): Promise<boolean>;

  herclaim(regel: Versie<LedgerRegel>, op: string): Promise<boolean> {
    return this.vervangAls({ ...regel.waarde, status: 'geclaimd', pogingen: regel.waarde.pogingen + 1, geclaimdOp: op }, regel.etag);
  }

  async markeerVerzonden(sleutel: string, activityId: string, op: string, overzicht?: readonly string[]): Promise<void> {
    await this.wijzig(sleutel, (r) => ({ ...r, status: 'verzonden', activityId, verzondenOp: op, ...(overzicht ? { overzicht: [...overzicht] } : {}) }));
  }

  async markeerAfgehandeld(sleutel: string, afgehandeld: { readonly door: string; readonly op: string }): Promise<void> {
    await this.wijzig(sleutel, (r) => ({ ...r, afgehandeld: { door: afgehandeld.door, op: afgehandeld.op } }));
  }

  async markeerMislukt(sleutel: string, fout: string, _op: string): Promise<void> {
    await this.wijzig(sleutel, (r) => ({ ...r, status: 'mislukt', laatsteFout: fout.slice(0, 500) }));
  }

  async markeerOpgegeven(sleutel: string, reden: string, _op: string): Promise<void> {
    await this.wijzig(sleutel, (r) => ({ ...r, status: 'opgegeven', laatsteFout: reden.slice(0, 500) }));
  }

  protected static nieuweClaim(sleutel: string, gegevens: ClaimGegevens): LedgerRegel {
    const { mijlpaal, niveau, naar } = gegevens;
    return {
      sleutel,
      dossierId: gegevens.dossierId,
      publiek: gegevens.publiek,
      status: 'geclaimd',
      pogingen: 1,
      geclaimdOp: gegevens.op,
      ...(mijlpaal ? { mijlpaal } : {}),
      ...(niveau ? { niveau } : {}),
      ...(naar ? { naar } : {}),
    };
  }

  private async wijzig(sleutel: string, f: (r: LedgerRegel) => LedgerRegel): Promise<void> {
    // The claimant is the only writer of its entry, so retrying on a conflict loses nothing.
    for (;;) {
      const huidig = await this.get(sleutel);
      if (huidig === undefined) throw new RangeError(`Herinnering ${sleutel} is niet geclaimd.`);
      if (await this.vervangAls(f(huidig.waarde), huidig.etag)) return;
    }
  }
}
