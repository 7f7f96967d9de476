import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Rol, type Actor } from '../domain/index.js';

/** A person as meldroute knows them: who, which role, for which organisation or team. */
export interface Gebruiker {
  readonly id: string;
  readonly naam: string;
  readonly rol: Rol;
  readonly organisatieId: string;
  readonly tenantId?: string;
  readonly lokaalTeamId?: string;
  readonly vtRegioId?: string;
}

export function alsActor(g: Gebruiker, namens?: string): Actor {
  return { id: g.id, naam: g.naam, rol: g.rol, ...(namens ? { namens } : {}) };
}

const Vermelding = z.object({
  rol: Rol,
  organisatieId: z.string().min(1).optional(),
  lokaalTeamId: z.string().min(1).optional(),
  vtRegioId: z.string().min(1).optional(),
});

export const GebruikersBestand = z.object({
  /** Entra object id -> role and organisation. Everyone else is a professional. */
  gebruikers: z.record(z.string().min(1), Vermelding),
});

/**
 * Roles come from the organisation's own administration; a small JSON file stands in for it
 * (config/gebruikers.json). Anyone not listed is a professional in the organisation of their
 * tenant: every employee bound by the meldcode may walk it.
 */
export class GebruikersRegister {
  constructor(private readonly bestand: z.infer<typeof GebruikersBestand> = { gebruikers: {} }) {}

  static uitBestand(pad: string): GebruikersRegister {
    const ruw: unknown = JSON.parse(readFileSync(pad, 'utf8'));
    const r = GebruikersBestand.safeParse(ruw);
    if (!r.success) throw new Error(`Gebruikersbestand ${pad} is ongeldig: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return new GebruikersRegister(r.data);
  }

  zoek(id: string, naam: string, tenantId: string | undefined): Gebruiker {
    const v = this.bestand.gebruikers[id];
    return {
      id,
      naam,
      rol: v?.rol ?? 'professional',
      organisatieId: v?.organisatieId ?? `tenant:${tenantId ?? 'lokaal'}`,
      ...(tenantId ? { tenantId } : {}),
      ...(v?.lokaalTeamId ? { lokaalTeamId: v.lokaalTeamId } : {}),
      ...(v?.vtRegioId ? { vtRegioId: v.vtRegioId } : {}),
    };
  }
}
