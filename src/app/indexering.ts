import { bewaarTot, volgendeHerinneringOp, type Bewaartermijnen, type Dossier, type RegioBeleid } from '../domain/index.js';
import type { DossierIndex, DossierIndexeerder } from '../store/ports.js';

/**
 * Derives the indexed fields of a dossier on every write, so the store can answer "what is due"
 * and "what has expired" with one range scan each.
 */
export function maakIndexeerder(beleidVoor: (regioId: string) => RegioBeleid, termijnen: Bewaartermijnen): DossierIndexeerder {
  return (dossier: Dossier): DossierIndex => {
    const due = volgendeHerinneringOp(dossier, beleidVoor(dossier.regioId));
    const verloopt = bewaarTot(dossier, termijnen);
    return { nextDueAt: due?.toUTC().toISO() ?? null, verlooptOp: verloopt?.toUTC().toISO() ?? null };
  };
}
