import { setTimeout as wacht } from 'node:timers/promises';
import { Dossier, type DomeinFout, type Resultaat, type Wijziging } from '../domain/index.js';
import { ConflictError, type AuditRegel, type DossierStore, type Versie } from '../store/ports.js';

export type NietGevonden = DomeinFout<'dossier-niet-gevonden'>;

export class OngeldigeWijziging extends Error {
  override readonly name = 'OngeldigeWijziging';
  constructor(readonly dossierId: string, details: string) {
    super(`Wijziging van dossier ${dossierId} niet opgeslagen: ${details}`);
  }
}

const MAX_POGINGEN = 30;

/**
 * One workflow step with optimistic concurrency: read the dossier, apply one change in the pure
 * domain, save with the ETag. When someone else saved first, read again and re-apply, so no
 * change is ever lost and none is applied twice. `audit` is written with the change, in the same
 * write: a saved change always has its audit entry.
 */
export async function werkDossierBij<E extends DomeinFout>(
  store: DossierStore,
  id: string,
  pasToe: (dossier: Dossier) => Resultaat<Wijziging, E>,
  audit: AuditRegel,
): Promise<Resultaat<Wijziging & { versie: Versie<Dossier> }, E | NietGevonden>> {
  for (let poging = 1; ; poging += 1) {
    const huidig = await store.get(id);
    if (huidig === undefined) return { ok: false, fout: { code: 'dossier-niet-gevonden', melding: 'Deze casus bestaat niet (meer).' } };
    const r = pasToe(huidig.waarde);
    if (!r.ok) return r;
    // A change that would store a dossier the model cannot read back is a bug: refuse to write it,
    // rather than leave a record that breaks every later read (and the owner's case list).
    const geldig = Dossier.safeParse(r.waarde.dossier);
    if (!geldig.success) throw new OngeldigeWijziging(id, geldig.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    try {
      const versie = await store.update(r.waarde.dossier, huidig.etag, audit);
      return { ok: true, waarde: { ...r.waarde, versie } };
    } catch (e) {
      if (!(e instanceof ConflictError) || poging >= MAX_POGINGEN) throw e;
      // Jitter spreads concurrent writers out so each round lets a different one through.
      await wacht(Math.floor(Math.random() * Math.min(50, 2 ** poging)));
    }
  }
}
