import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { AuditRegel, Stores } from '../store/ports.js';

/** Who deletes by retention: the procedure itself, named as such in the audit trail. */
export const BEWAARTERMIJN = { id: 'meldroute-bewaartermijn', naam: 'meldroute bewaartermijn' } as const;

export interface BewarenDeps {
  readonly stores: Pick<Stores, 'dossiers'>;
  readonly klok: () => DateTime;
  readonly nieuwId?: () => string;
}

/**
 * Deletion at the end of the retention period (DOMAIN.md §8) as a logged procedure: every
 * dossier past its period is deleted with its own 'delete' entry in the same write. The
 * dossier's audit chain stays; it is append-only and outlives the dossier.
 */
export class Bewaren {
  private readonly nieuwId: () => string;

  constructor(private readonly deps: BewarenDeps) {
    this.nieuwId = deps.nieuwId ?? randomUUID;
  }

  /** Deletes what has expired now; returns the ids of the deleted dossiers. */
  async verwijderVerlopen(): Promise<string[]> {
    const nu = this.deps.klok().toUTC().toISO() as string;
    return this.deps.stores.dossiers.verwijderVerlopen(
      nu,
      (dossierId): AuditRegel => ({
        id: this.nieuwId(),
        op: nu,
        actor: { ...BEWAARTERMIJN },
        rol: 'systeem',
        actie: 'delete',
        dossierId,
        kanaal: 'timer',
        uitkomst: 'toegestaan',
      }),
    );
  }
}
