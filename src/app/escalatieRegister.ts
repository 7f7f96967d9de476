import { DateTime } from 'luxon';
import { STRUCTUREEL_SIGNAAL } from '../domain/index.js';
import { ConflictError, type EscalatieRegister, type EscalatieRegisterStore } from '../store/ports.js';

export interface EscalatieNotitie {
  readonly regioId: string;
  readonly gemeente: string;
  readonly dossierId: string;
  readonly gestartOp: string;
}

const MAX_POGINGEN = 10;

/**
 * VT's overview of escalations per gemeente, kept as one register document per gemeente and
 * replaced with its ETag. Why a register and not a count over dossiers: two escalations started
 * at the same moment in one gemeente would each count the dossiers before the other's write
 * landed, and both miss the flag. Appending to one document under its ETag serialises them: the
 * second append conflicts, re-reads, and sees the first.
 */
export class EscalatieOverzicht {
  constructor(private readonly store: EscalatieRegisterStore) {}

  /** Notes a start of route a; returns the start moments of the gemeente's earlier escalations. */
  async noteer(n: EscalatieNotitie): Promise<string[]> {
    const zelf = (e: EscalatieRegister['escalaties'][number]) => e.dossierId === n.dossierId && e.gestartOp === n.gestartOp;
    const geschreven = await this.wijzig(n, (escalaties) => (escalaties.some(zelf) ? escalaties : [...escalaties, { dossierId: n.dossierId, gestartOp: n.gestartOp }]));
    return geschreven.filter((e) => !zelf(e)).map((e) => e.gestartOp);
  }

  /** Takes a noted start out again: the dossier refused it (its escalation was not recorded). */
  async trekIn(n: EscalatieNotitie): Promise<void> {
    await this.wijzig(n, (escalaties) => escalaties.filter((e) => !(e.dossierId === n.dossierId && e.gestartOp === n.gestartOp)));
  }

  /** Read, change, write with the ETag; on a conflict again from the read. Returns what was written. */
  private async wijzig(n: EscalatieNotitie, f: (escalaties: EscalatieRegister['escalaties']) => EscalatieRegister['escalaties']): Promise<EscalatieRegister['escalaties']> {
    // Entries older than the flag's window can never count again; dropping them keeps the document small.
    const vanaf = DateTime.fromISO(n.gestartOp).minus({ months: STRUCTUREEL_SIGNAAL.maanden });
    for (let poging = 1; ; poging += 1) {
      const huidig = await this.store.get(n.regioId, n.gemeente);
      const escalaties = f(huidig?.waarde.escalaties ?? []).filter((e) => DateTime.fromISO(e.gestartOp) > vanaf);
      try {
        await this.store.schrijf({ regioId: n.regioId, gemeente: n.gemeente, escalaties }, huidig?.etag);
        return escalaties;
      } catch (e) {
        if (!(e instanceof ConflictError) || poging >= MAX_POGINGEN) throw e;
      }
    }
  }
}
