import { WerkdagKalender } from '../domain/index.js';

/**
 * The regions meldroute serves, as the application sees them: who Veilig Thuis is and how it is
 * reached, the gemeenten with their lokale teams, who may bind channels (beheerders), and one
 * calendar per region (national feestdagen plus its own closure days) used for every deadline,
 * card and nudge of that region. The national number 0800-2000 reaches the Veilig Thuis of the
 * caller's region day and night, so it is the honest fallback for a region meldroute does not know.
 */
export interface VeiligThuisContact {
  readonly naam: string;
  readonly telefoon: string;
}

export const LANDELIJK_VEILIG_THUIS: VeiligThuisContact = { naam: 'Veilig Thuis', telefoon: '0800-2000' };

export interface LokaalTeam {
  /** Stable key, e.g. "wijkteam-noord"; the dossier's overdracht names the team by it. */
  readonly key: string;
  readonly naam: string;
  /** Entra object ids (or group ids) of the team's coordinators. */
  readonly coordinatoren: readonly string[];
}

export interface Gemeente {
  readonly naam: string;
  readonly lokaleTeams: readonly LokaalTeam[];
}

export interface RegioInfo {
  readonly id: string;
  readonly naam: string;
  readonly veiligThuis: VeiligThuisContact & { readonly teamleiders: readonly string[] };
  readonly gemeenten: readonly Gemeente[];
  /** Entra object ids of the people who may bind channels for this region. */
  readonly beheerders: readonly string[];
}

export interface RegioGids {
  veiligThuis(regioId: string): VeiligThuisContact;
  regio(regioId: string): RegioInfo | undefined;
  regios(): readonly RegioInfo[];
  /** The region's calendar: national feestdagen plus its own closure days. */
  kalender(regioId: string): WerkdagKalender;
}

/** A gids of fixed regions, for tests and for a single configured region. */
export function vasteRegioGids(regios: readonly RegioInfo[] | Readonly<Record<string, VeiligThuisContact>>, sluitingsdagen: Readonly<Record<string, readonly string[]>> = {}): RegioGids {
  const lijst: readonly RegioInfo[] = Array.isArray(regios)
    ? regios
    : Object.entries(regios).map(([id, vt]) => ({ id, naam: id, veiligThuis: { ...vt, teamleiders: [] }, gemeenten: [], beheerders: [] }));
  const perId = new Map(lijst.map((r) => [r.id, r]));
  const kalenders = new Map<string, WerkdagKalender>();
  return {
    veiligThuis: (regioId) => perId.get(regioId)?.veiligThuis ?? LANDELIJK_VEILIG_THUIS,
    regio: (regioId) => perId.get(regioId),
    regios: () => lijst,
    kalender: (regioId) => {
      let k = kalenders.get(regioId);
      if (k === undefined) {
        k = new WerkdagKalender({ sluitingsdagen: [...(sluitingsdagen[regioId] ?? [])] });
        kalenders.set(regioId, k);
      }
      return k;
    },
  };
}
