import { bewaarTot, volgendeBezorgingOp, volgendeHerinneringOp, type Bewaartermijnen, type Dossier, type RegioBeleid } from '../domain/index.js';
import type { DossierIndex, DossierIndexeerder } from '../store/ports.js';

/**
 * Derives the indexed fields of a dossier on every write, so the store can answer "what is due"
 * and "what has expired" with one range scan each.
 */
export function maakIndexeerder(beleidVoor: (regioId: string) => RegioBeleid, termijnen: Bewaartermijnen): DossierIndexeerder {
  return (dossier: Dossier): DossierIndex => {
    // One due index for nudges and for outbox entries still to deliver: one sweep finds both.
    const herinnering = volgendeHerinneringOp(dossier, beleidVoor(dossier.regioId))?.toUTC().toISO() ?? null;
    const bezorging = volgendeBezorgingOp(dossier) ?? null;
    const due = herinnering === null ? bezorging : bezorging === null ? herinnering : herinnering < bezorging ? herinnering : bezorging;
    const verloopt = bewaarTot(dossier, termijnen);
    return { nextDueAt: due, verlooptOp: verloopt?.toUTC().toISO() ?? null };
  };
}
