import { metGebeurtenis, tijdstip, type Context } from './effecten.js';
import { nieuweMeldcode } from './meldcode.js';
import type { Dossier } from './model.js';
import { BSN_MELDING, bevatBsn } from './privacy.js';
import { fout, ok, type DomeinFout, type Resultaat } from './resultaat.js';

export interface NieuwDossier {
  readonly id: string;
  /** Pseudonymous: "Gezin K., groep 5". Never a BSN or a child's full name. */
  readonly referentie: string;
  readonly organisatieId: string;
  readonly regioId: string;
  readonly werktMetVolwassenen: boolean;
}

export function startDossier(gegevens: NieuwDossier, ctx: Context): Resultaat<Dossier, DomeinFout<'bsn-in-referentie' | 'referentie-leeg'>> {
  const referentie = gegevens.referentie.trim();
  if (referentie.length === 0) return fout({ code: 'referentie-leeg', melding: 'Geef de casus een kenmerk, bijvoorbeeld "Gezin K., groep 5".' });
  if (bevatBsn(referentie)) return fout({ code: 'bsn-in-referentie', melding: BSN_MELDING });
  const dossier: Dossier = {
    id: gegevens.id,
    referentie,
    organisatieId: gegevens.organisatieId,
    regioId: gegevens.regioId,
    eigenaar: { id: ctx.door.id, naam: ctx.door.naam },
    aangemaaktOp: tijdstip(ctx.op),
    meldcode: nieuweMeldcode(gegevens.werktMetVolwassenen),
    herinneringen: [],
    gebeurtenissen: [],
  };
  return ok(metGebeurtenis(dossier, ctx, 'dossier-gestart', 'Meldcode gestart'));
}

/**
 * The dossier's revision: every change of the protocol adds exactly one event, so the number of
 * events counts the changes. A card carries it, so a command from an older card is recognised.
 */
export function revisie(dossier: Dossier): number {
  return dossier.gebeurtenissen.length;
}

/**
 * The gemeente the dossier belongs to: the one the professional chose when melding. It decides
 * which lokaal team receives an overdracht and where the case counts in the quarterly figures.
 */
export function gemeenteVan(dossier: Dossier): string | undefined {
  return dossier.meldcode.melding?.gemeente;
}
