import { WerkdagKalender, lopendeEscalatie, type Dossier, type EscalatieRoute, type MonitoringDoor, type OverdrachtMoment } from '../domain/index.js';

/**
 * The regions meldroute serves, as the application sees them: who Veilig Thuis is and how it is
 * reached, the gemeenten with their lokale teams, who may bind channels (beheerders), and one
 * calendar per region (national feestdagen plus its own closure days) used for every deadline,
 * card and nudge of that region. The national number 0800-2000 reaches the Veilig Thuis of the
 * caller's region day and night, so it is the honest fallback for a region meldroute does not know.
 *
 * People are named by Entra object id (or the id of an Entra group); the region files in
 * config/regions are the single source (see regioConfig.ts).
 */
export interface VeiligThuisContact {
  readonly naam: string;
  readonly telefoon: string;
  /**
   * Who goes out on spoed outside office hours (seed 004 §4: "buiten kantooruren wordt SEZ
   * ingezet"). Veilig Thuis deploys it; the professional still calls the Veilig Thuis number.
   */
  readonly crisisdienst?: { readonly naam: string; readonly telefoon?: string };
}

export const LANDELIJK_VEILIG_THUIS: VeiligThuisContact = { naam: 'Veilig Thuis', telefoon: '0800-2000' };

export interface LokaalTeam {
  /** Stable key, e.g. "wijkteam-noord"; the dossier's overdracht names the team by it. */
  readonly key: string;
  readonly naam: string;
  /** Entra object ids (or group ids) of the team's coordinators. */
  readonly coordinatoren: readonly string[];
}

/** Escalation contacts of one gemeente, per route of seed 004 bijlage 4 (Entra ids). */
export interface EscalatieContacten {
  /** a. management: VT teamleider and the wijkteam coördinator. */
  readonly a: { readonly vtTeamleider: string; readonly wijkteamCoordinator: string };
  /** b. ambtelijk: the gemeente's beleidsmedewerker, who informs the wethouder. */
  readonly b: { readonly beleidsmedewerker: string };
  /** c. bestuurlijk: directeur Veilig Thuis and the wethouder. */
  readonly c: { readonly directeurVeiligThuis: string; readonly wethouder: string };
}

export interface Gemeente {
  readonly naam: string;
  readonly lokaleTeams: readonly LokaalTeam[];
  readonly escalatie?: EscalatieContacten;
}

/** Who monitors the family after an overdracht; the split differs per region (seed 002 vs 004). */
export type { MonitoringDoor };

/** A person or group as the region file names them, so a card can address and mention them. */
export interface Persoon {
  readonly id: string;
  readonly naam: string;
  readonly groep: boolean;
}

export interface RegioInfo {
  readonly id: string;
  readonly naam: string;
  readonly veiligThuis: VeiligThuisContact & {
    readonly teamleiders: readonly string[];
    /** Key of the Veilig Thuis intake team/channel, to bind a Teams channel to. */
    readonly intakeKanaal?: string;
    readonly directeur?: string;
  };
  readonly gemeenten: readonly Gemeente[];
  /** Entra object ids of the people who may bind channels for this region. */
  readonly beheerders: readonly string[];
  /** Who receives the quarterly beleidsmonitoring figures (seed 004 §7.2). */
  readonly beleid?: readonly string[];
  /** Office hours in whole hours; absent: 9-17 (seed 004 §8.4). */
  readonly kantoortijden?: { readonly beginUur: number; readonly eindUur: number };
  /** Closure days on top of the national feestdagen (yyyy-MM-dd). */
  readonly sluitingsdagen?: readonly string[];
  /** Werkdagen within which an escalation route's outcome is recorded; absent: STANDAARD_ESCALATIE_UITKOMST_WERKDAGEN. */
  readonly escalatieUitkomstWerkdagen?: number;
  /** Who monitors after each overdracht moment; absent: Veilig Thuis (seed 004 §7.1). */
  readonly monitoring?: Readonly<Record<OverdrachtMoment, MonitoringDoor>>;
  /** Names of the people and groups the region refers to, by Entra id. */
  readonly personen?: readonly Persoon[];
}

/** A role the region configuration gives a person. */
export type RegioRolSoort = 'vt-teamleider' | 'coordinator' | 'beleid' | 'beheerder';

export interface RegioRol {
  readonly regioId: string;
  readonly rol: RegioRolSoort;
  /** With 'coordinator': the lokaal team the person coordinates. */
  readonly lokaalTeamKey?: string;
}

export interface LokaalTeamPlaats {
  readonly regio: RegioInfo;
  readonly gemeente: Gemeente;
  readonly team: LokaalTeam;
}

export interface RegioGids {
  veiligThuis(regioId: string): VeiligThuisContact;
  regio(regioId: string): RegioInfo | undefined;
  regios(): readonly RegioInfo[];
  /** The region's calendar: national feestdagen plus its own closure days. */
  kalender(regioId: string): WerkdagKalender;
  /** Every role the region files give this Entra id (direct; group membership is not resolved here). */
  rollenVan(entraId: string): readonly RegioRol[];
  /** A lokaal team by its key, with its region and gemeente. */
  lokaalTeam(key: string): LokaalTeamPlaats | undefined;
  /** The name a region file gives this Entra id. */
  persoon(entraId: string): Persoon | undefined;
}

/** The names of the region's gemeenten, in the order of its file: the choices on the melding card. */
export function gemeenteNamen(regio: RegioInfo | undefined): readonly string[] {
  return regio?.gemeenten.map((g) => g.naam) ?? [];
}

/** Who monitors after this overdracht moment in the region. */
export function monitoringDoor(regio: RegioInfo | undefined, moment: OverdrachtMoment): MonitoringDoor {
  return regio?.monitoring?.[moment] ?? 'veilig-thuis';
}

/** The Entra ids to involve in an escalation of this route for a case in this gemeente. */
export function escalatieContacten(regio: RegioInfo | undefined, gemeente: string, route: EscalatieRoute): readonly string[] {
  const e = regio?.gemeenten.find((g) => g.naam === gemeente)?.escalatie;
  if (e === undefined) return [];
  switch (route) {
    case 'a':
      return [e.a.vtTeamleider, e.a.wijkteamCoordinator];
    case 'b':
      return [e.b.beleidsmedewerker];
    case 'c':
      return [e.c.directeurVeiligThuis, e.c.wethouder];
  }
}

/** The gemeente of a dossier: that of the lokaal team it was handed to, else the one the melding names. */
export function gemeenteVan(regios: Pick<RegioGids, 'lokaalTeam'>, d: Dossier): string | undefined {
  const teamKey = d.veiligThuis !== undefined && 'overdracht' in d.veiligThuis ? d.veiligThuis.overdracht?.partij.teamId : undefined;
  return (teamKey === undefined ? undefined : regios.lokaalTeam(teamKey)?.gemeente.naam) ?? (d.meldcode.melding as { gemeente?: string } | undefined)?.gemeente;
}

/**
 * Who holds the open escalation route of a dossier (Entra ids), from the gemeente's escalation
 * contacts. Route a without configured contacts falls back to the region's VT teamleiders and the
 * coordinators of the team the case went to (the management route as the nudges already know it);
 * routes b and c have no such fallback: only the gemeente and the bestuur can hold them.
 */
export function routeHouders(
  regios: Pick<RegioGids, 'regio' | 'lokaalTeam'>,
  d: Dossier,
  /** Another route than the open one (a card that named its route). */
  welke?: EscalatieRoute,
): { readonly route: EscalatieRoute; readonly ids: readonly string[] } | undefined {
  const route = welke ?? (d.veiligThuis === undefined ? undefined : lopendeEscalatie(d.veiligThuis)?.route);
  if (route === undefined) return undefined;
  const regio = regios.regio(d.regioId);
  const contacten = escalatieContacten(regio, gemeenteVan(regios, d) ?? '', route);
  if (contacten.length > 0 || route !== 'a') return { route, ids: [...new Set(contacten)] };
  const teamKey = d.veiligThuis?.overdracht?.partij.teamId;
  const coordinatoren = teamKey === undefined ? [] : (regios.lokaalTeam(teamKey)?.team.coordinatoren ?? []);
  return { route: 'a', ids: [...new Set([...(regio?.veiligThuis.teamleiders ?? []), ...coordinatoren])] };
}

function rollenPerPersoon(lijst: readonly RegioInfo[]): ReadonlyMap<string, readonly RegioRol[]> {
  const rollen = new Map<string, RegioRol[]>();
  const voeg = (id: string, rol: RegioRol) => {
    const eigen = rollen.get(id) ?? [];
    if (!eigen.some((r) => r.regioId === rol.regioId && r.rol === rol.rol && r.lokaalTeamKey === rol.lokaalTeamKey)) eigen.push(rol);
    rollen.set(id, eigen);
  };
  for (const r of lijst) {
    for (const id of r.veiligThuis.teamleiders) voeg(id, { regioId: r.id, rol: 'vt-teamleider' });
    for (const g of r.gemeenten) {
      for (const t of g.lokaleTeams) for (const id of t.coordinatoren) voeg(id, { regioId: r.id, rol: 'coordinator', lokaalTeamKey: t.key });
    }
    for (const id of r.beleid ?? []) voeg(id, { regioId: r.id, rol: 'beleid' });
    for (const id of r.beheerders) voeg(id, { regioId: r.id, rol: 'beheerder' });
  }
  return rollen;
}

/**
 * A gids of fixed regions: the one implementation, used for the configured regions
 * (regioConfig.ts) and in tests. `sluitingsdagen` adds closure days per region id on top of
 * those the regions carry.
 */
export function vasteRegioGids(regios: readonly RegioInfo[] | Readonly<Record<string, VeiligThuisContact>>, sluitingsdagen: Readonly<Record<string, readonly string[]>> = {}): RegioGids {
  const lijst: readonly RegioInfo[] = Array.isArray(regios)
    ? regios
    : Object.entries(regios).map(([id, vt]) => ({ id, naam: id, veiligThuis: { ...vt, teamleiders: [] }, gemeenten: [], beheerders: [] }));
  const perId = new Map(lijst.map((r) => [r.id, r]));
  const kalenders = new Map<string, WerkdagKalender>();
  const rollen = rollenPerPersoon(lijst);
  const teams = new Map(lijst.flatMap((regio) => regio.gemeenten.flatMap((gemeente) => gemeente.lokaleTeams.map((team) => [team.key, { regio, gemeente, team }] as const))));
  const personen = new Map(lijst.flatMap((r) => (r.personen ?? []).map((p) => [p.id, p] as const)));
  return {
    veiligThuis: (regioId) => perId.get(regioId)?.veiligThuis ?? LANDELIJK_VEILIG_THUIS,
    regio: (regioId) => perId.get(regioId),
    regios: () => lijst,
    kalender: (regioId) => {
      let k = kalenders.get(regioId);
      if (k === undefined) {
        const regio = perId.get(regioId);
        k = new WerkdagKalender({
          sluitingsdagen: [...(regio?.sluitingsdagen ?? []), ...(sluitingsdagen[regioId] ?? [])],
          ...(regio?.kantoortijden ? { kantoortijden: regio.kantoortijden } : {}),
        });
        kalenders.set(regioId, k);
      }
      return k;
    },
    rollenVan: (entraId) => rollen.get(entraId) ?? [],
    lokaalTeam: (key) => teams.get(key),
    persoon: (entraId) => personen.get(entraId),
  };
}
