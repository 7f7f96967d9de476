import type { DateTime } from 'luxon';
import type { Dossier } from './model.js';
import { vanIso } from './tijd/termijnen.js';

export interface Bewaartermijnen {
  /** Closed dossiers: Wmo 2015 art. 5.3.4 gives 15 years; Jeugdwet and VT organisations 20. */
  readonly dossierJaren: number;
  /** An advies about an 'overige zorgmelding' (seed 004 §5.1). */
  readonly adviesOverigeZorgmeldingJaren: number;
}

export const STANDAARD_BEWAARTERMIJNEN: Bewaartermijnen = { dossierJaren: 20, adviesOverigeZorgmeldingJaren: 2 };

/**
 * Until when a dossier must be kept; null while it is open. A closed dossier that only ever held
 * adviezen about an 'overige zorgmelding' (no melding) is kept for the shorter advies term,
 * counted from the last advies.
 */
export function bewaarTot(dossier: Dossier, termijnen: Bewaartermijnen): DateTime | null {
  const gesloten = afgeslotenOp(dossier);
  if (gesloten === null) return null;
  const adviezen = dossier.meldcode.adviezen;
  const alleenOverigeZorg = dossier.veiligThuis === undefined && adviezen.length > 0 && adviezen.every((a) => a.overigeZorgmelding);
  if (alleenOverigeZorg) {
    const laatste = adviezen.map((a) => a.datum).sort().at(-1) as string;
    return vanIso(`${laatste}T00:00:00Z`).plus({ years: termijnen.adviesOverigeZorgmeldingJaren });
  }
  return gesloten.plus({ years: termijnen.dossierJaren });
}

function afgeslotenOp(dossier: Dossier): DateTime | null {
  if (dossier.veiligThuis !== undefined) {
    return dossier.veiligThuis.fase === 'afgesloten' && dossier.veiligThuis.afgeslotenOp ? vanIso(dossier.veiligThuis.afgeslotenOp) : null;
  }
  return dossier.meldcode.status === 'afgesloten' && dossier.meldcode.afsluiting ? vanIso(dossier.meldcode.afsluiting.op) : null;
}
