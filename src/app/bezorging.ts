import { DateTime } from 'luxon';
import {
  NIVEAU_WAARDEN,
  bevestigOntvangst,
  mijlpaalSoort,
  openMijlpalen,
  revisie,
  teBezorgen,
  tijdstip,
  wijzigUitgaand,
  type Dossier,
  type Effect,
  type EscalatieRoute,
  type Mijlpaal,
  type Niveau,
  type Publiek,
  type Resultaat,
  type Uitgaand,
  type Wijziging,
} from '../domain/index.js';
import type { AuditRegel, GesprekReferentie, GesprekSleutel, HerinneringLedger, KanaalSleutel, Stores } from '../store/ports.js';
import { werkDossierBij } from './bijwerken.js';
import type { Logger } from './logger.js';
import { routeHouders, type RegioGids, type VeiligThuisContact } from './regio.js';

/** What a delivered card shows; src/bot renders it with the card builders. */
export type Bezorgweergave =
  | {
      readonly soort: 'vt-melding';
      readonly dossier: Dossier;
      readonly nu: DateTime;
      readonly veiligThuis: VeiligThuisContact;
    }
  | {
      /** The overdracht card in the bound channel of the lokaal team it was handed to. */
      readonly soort: 'overdracht';
      readonly dossier: Dossier;
      readonly nu: DateTime;
      readonly veiligThuis: VeiligThuisContact;
    }
  | {
      /** To the lokaal team of the family's gemeente: VT started V&V/Onderzoek or handed over elsewhere. */
      readonly soort: 'lokaal-team-bericht';
      readonly dossier: Dossier;
      readonly aanleiding: Extract<Effect, { soort: 'lokaal-team-geinformeerd' }>['aanleiding'];
      readonly veiligThuis: VeiligThuisContact;
    }
  | {
      /** To the melder in their personal chat: what Veilig Thuis decided, as far as they may know it. */
      readonly soort: 'melder-terugkoppeling';
      readonly dossier: Dossier;
      readonly moment: Extract<Effect, { soort: 'terugkoppeling-aan-melder' }>['moment'];
      readonly veiligThuis: VeiligThuisContact;
    }
  /** To Veilig Thuis in its channel: the lokaal team handed the regie on. */
  | { readonly soort: 'regie-bericht'; readonly dossier: Dossier; readonly veiligThuis: VeiligThuisContact }
  /** To Veilig Thuis in its channel: what the lokaal team did with the overdracht. */
  | { readonly soort: 'team-bericht'; readonly dossier: Dossier; readonly aanleiding: TeamAanleiding; readonly nu: DateTime }
  /** To the lokaal team in its channel: Veilig Thuis closed the dossier. */
  | { readonly soort: 'afsluitbericht'; readonly dossier: Dossier; readonly veiligThuis: VeiligThuisContact }
  | { readonly soort: 'koppeling-ontbreekt'; readonly regioNaam: string; readonly veiligThuis: VeiligThuisContact }
  | { readonly soort: 'professional'; readonly dossier: Dossier }
  | TermijnWeergave
  | {
      readonly soort: 'termijn-overzicht';
      readonly items: readonly OverzichtItem[];
      readonly nu: DateTime;
    }
  | TermijnAfgehandeldWeergave
  | { readonly soort: 'termijn-onbestelbaar'; readonly dossier: Dossier | undefined; readonly wat: string; readonly reden: string }
  | {
      /** To the region's beleid: repeated escalations in one gemeente. Names the gemeente, never a case. */
      readonly soort: 'structureel-signaal';
      readonly regioNaam: string;
      readonly gemeente: string;
      readonly aantal: number;
      readonly sinds: string;
    };

/** The lokaal team's steps Veilig Thuis hears of in its channel, by the effect each one saves. */
export const TEAM_AANLEIDINGEN = {
  'overdracht-bevestigd': 'overdracht-bevestigd',
  'terugkoppeling-naar-veilig-thuis': 'terugkoppeling',
  'beargumenteerd-besluit-naar-veilig-thuis': 'beargumenteerd-besluit',
  'terug-naar-veilig-thuis': 'terug-naar-vt',
  'monitoring-naar-veilig-thuis': 'monitoring',
} as const satisfies Partial<Record<Effect['soort'], string>>;
export type TeamAanleiding = (typeof TEAM_AANLEIDINGEN)[keyof typeof TEAM_AANLEIDINGEN];

/** A nudge card: one milestone of one dossier, for one recipient, with the actions that resolve it. */
export interface TermijnWeergave {
  readonly soort: 'termijn';
  readonly dossier: Dossier;
  readonly mijlpaal: Mijlpaal;
  readonly niveau: Niveau;
  readonly publiek: Publiek;
  readonly nu: DateTime;
  /** Who route a brings together, by name: shown when escalation is offered. */
  readonly escalatieMet: string;
}

/** Who met a deadline and when: from the change that met it, never from a card. */
export interface Afhandeling {
  readonly door: string;
  readonly op: DateTime;
  /** The kind of change that ended the term (a gebeurtenis soort): met, moved or fallen away. */
  readonly waardoor?: string;
}

/** A nudge card once its deadline is met: no actions any more, only who met it and when. */
export interface TermijnAfgehandeldWeergave {
  readonly soort: 'termijn-afgehandeld';
  readonly dossier: Dossier;
  readonly omschrijving: string;
  /** Undefined when the deadline was met but who and when is not known here (a refresh before delivery). */
  readonly afhandeling: Afhandeling | undefined;
}

/** One case on an overview card: still open, or met (`afgehandeld`, its who and when if known). */
export type OverzichtItem =
  | { readonly dossier: Dossier; readonly mijlpaal: Mijlpaal; readonly niveau: Niveau }
  | { readonly dossier: Dossier; readonly afgehandeld: Afhandeling | undefined };

export interface Bericht {
  readonly weergave: Bezorgweergave;
  /** People to @mention on the card (spoed: the VT teamleider at once). */
  readonly vermeldingen?: readonly { readonly id: string; readonly naam: string }[];
}

/**
 * Why Teams did not take a message: `te-snel` (429, wait `naSeconden`), `geblokkeerd` (403: the
 * bot was removed or blocked), `gesprek-weg` (404), `tijdelijk` (412, 5xx, timeouts: try again).
 */
export class BezorgFout extends Error {
  override readonly name = 'BezorgFout';
  constructor(
    readonly soort: 'te-snel' | 'geblokkeerd' | 'gesprek-weg' | 'tijdelijk',
    melding: string,
    readonly details: { readonly status?: number; readonly naSeconden?: number; readonly code?: string } = {},
  ) {
    super(melding);
  }
}

/**
 * Sends proactively into Teams (src/bot implements it with the stored conversation reference).
 * A failed send throws a BezorgFout.
 */
export interface Bezorger {
  /** Posts a new message (in a channel: a new thread); returns its Teams activity id. */
  plaats(naar: GesprekReferentie, bericht: Bericht): Promise<string>;
  /** Replaces a message the bot posted, for everyone who sees it. */
  werkBij(naar: GesprekReferentie, activityId: string, bericht: Bericht): Promise<void>;
}

/** Where deliveries go: a bound channel of a party, or a person's personal chat with the bot. */
export interface Adresboek {
  veiligThuisKanaal(regioId: string): Promise<{ readonly kanaal: KanaalSleutel; readonly referentie: GesprekReferentie } | undefined>;
  lokaalTeamKanaal(regioId: string, teamKey: string): Promise<{ readonly kanaal: KanaalSleutel; readonly referentie: GesprekReferentie } | undefined>;
  kanaal(kanaal: KanaalSleutel): Promise<GesprekReferentie | undefined>;
  persoonlijk(gebruikerId: string): Promise<GesprekReferentie | undefined>;
}

export interface BezorgingDeps {
  readonly stores: Pick<Stores, 'dossiers' | 'herinneringen'>;
  readonly adresboek: Adresboek;
  readonly bezorger: Bezorger;
  readonly regios: RegioGids;
  readonly klok: () => DateTime;
  readonly log: Logger;
  readonly nieuwId: () => string;
  /** How long a claim by another sender is respected before it is taken over. */
  readonly claimGeldigMinuten?: number;
}

/** Without a bound channel a melding waits; another attempt this much later. */
const OPNIEUW_NA_MINUTEN = 5;
const SYSTEEM = { id: 'meldroute', naam: 'meldroute bezorging' } as const;

/**
 * Delivers the effects a change saved in its dossier's outbox, exactly once as far as Teams
 * allows: a key is claimed in the ledger before sending and the Teams activity id is recorded
 * after; an unsent claim is taken over after a while. It runs right after the change (the next
 * turn on the dossier) and from a periodic sweep over the due index, so a crash between saving
 * and sending is recovered. The remaining window (Teams accepted the card, the process died
 * before the activity id was recorded) is documented in the README.
 */
export class Bezorging {
  constructor(private readonly deps: BezorgingDeps) {}

  /**
   * Delivers what is due in one dossier, and brings the cards it has in channels up to date.
   * Failures are logged and retried by the sweep (or the next change).
   */
  async bezorg(dossierId: string, opties: { readonly ookWachtend?: boolean } = {}): Promise<void> {
    const v = await this.deps.stores.dossiers.get(dossierId);
    if (v === undefined) return;
    const nu = this.deps.klok();
    for (const u of teBezorgen(v.waarde, opties.ookWachtend ? nu.plus({ minutes: OPNIEUW_NA_MINUTEN }) : nu)) {
      try {
        await this.bezorgEen(v.waarde, u);
      } catch (fout) {
        this.deps.log.error('Bezorging mislukt; de veegronde probeert het opnieuw', { dossierId, uitgaand: u.id, fout: fout instanceof Error ? fout.message : String(fout) });
      }
    }
    await this.werkKanaalKaartenBij(dossierId);
  }

  /**
   * A channel card shows the dossier for everyone in the channel: a later change updates that card
   * (updateActivity) instead of posting a new one. Each card remembers the revision it shows.
   */
  private async werkKanaalKaartenBij(dossierId: string): Promise<void> {
    const v = await this.deps.stores.dossiers.get(dossierId);
    if (v === undefined) return;
    const d = v.waarde;
    const verouderd = (d.kanaalKaarten ?? []).filter((k) => k.revisie !== revisie(d));
    if (verouderd.length === 0) return;
    for (const k of verouderd) {
      const naar = await this.deps.adresboek.kanaal({ soort: 'kanaal', teamId: k.teamId, kanaalId: k.kanaalId });
      if (naar === undefined) continue;
      try {
        const vt = this.deps.regios.veiligThuis(d.regioId);
        const soort = k.weergave === 'lokaal-team' ? 'overdracht' : 'vt-melding';
        await this.deps.bezorger.werkBij(naar, k.activityId, { weergave: { soort, dossier: d, nu: this.deps.klok(), veiligThuis: vt } });
      } catch (fout) {
        this.deps.log.warn('Kaart in kanaal niet bijgewerkt', { dossierId, fout: fout instanceof Error ? fout.message : String(fout) });
        continue;
      }
      await this.werkBij(dossierId, (x) => ({
        ok: true,
        waarde: { dossier: { ...x, kanaalKaarten: (x.kanaalKaarten ?? []).map((y) => (y.activityId === k.activityId ? { ...y, revisie: revisie(x) } : y)) }, effecten: [] },
      }));
    }
  }

  /**
   * The sweep: every dossier whose due moment has passed, page by page. Returns how many it saw.
   * `ookWachtend`: also what waits for a channel binding before its next attempt is due (a channel
   * was just bound or became reachable).
   */
  async veeg(opties: { readonly ookWachtend?: boolean } = {}): Promise<number> {
    const nu = this.deps.klok();
    const tot = tijdstip(opties.ookWachtend ? nu.plus({ minutes: OPNIEUW_NA_MINUTEN }) : nu);
    let gezien = 0;
    let vervolg: string | undefined;
    do {
      const pagina = await this.deps.stores.dossiers.dueVoor(tot, { max: 100, ...(vervolg ? { vervolg } : {}) });
      for (const item of pagina.items) {
        if (teBezorgen(item.waarde, opties.ookWachtend ? nu.plus({ minutes: OPNIEUW_NA_MINUTEN }) : nu).length === 0) continue;
        gezien += 1;
        await this.bezorg(item.waarde.id, opties);
      }
      vervolg = pagina.vervolg;
    } while (vervolg !== undefined);
    return gezien;
  }

  private async bezorgEen(d: Dossier, u: Uitgaand): Promise<void> {
    switch (u.effect.soort) {
      case 'termijn-afgehandeld':
        return this.termijnAfgehandeld(d, u, u.effect);
      case 'melding-naar-veilig-thuis':
        return this.meldingNaarVeiligThuis(d, u, u.effect);
      case 'overdracht-naar-lokaal-team':
        return this.overdrachtNaarLokaalTeam(d, u, u.effect.teamId);
      case 'lokaal-team-geinformeerd':
        return this.informeerLokaalTeam(d, u, u.effect);
      case 'terugkoppeling-aan-melder':
        return this.terugkoppelingAanMelder(d, u, u.effect.moment);
      case 'regie-overgedragen':
        return this.naarVeiligThuisKanaal(d, u, u.effect.regioId, (vt) => ({ soort: 'regie-bericht', dossier: d, veiligThuis: vt }));
      case 'overdracht-bevestigd':
      case 'terugkoppeling-naar-veilig-thuis':
      case 'beargumenteerd-besluit-naar-veilig-thuis':
      case 'terug-naar-veilig-thuis':
      case 'monitoring-naar-veilig-thuis':
        return this.teamBericht(d, u, u.effect);
      case 'afsluitbericht-naar-lokaal-team':
        return this.afsluitberichtNaarLokaalTeam(d, u, u.effect.teamId);
      case 'structureel-signaal':
        return this.structureelSignaal(d, u, u.effect);
      case 'escalatie-gestart':
        return this.escalatieGestart(d, u, u.effect.route);
      default:
        // Only deliverable effects are saved in the outbox (TE_BEZORGEN); an unknown one is a bug.
        throw new Error(`Geen bezorging voor effect ${u.effect.soort}`);
    }
  }

  private async meldingNaarVeiligThuis(d: Dossier, u: Uitgaand, effect: Extract<Effect, { soort: 'melding-naar-veilig-thuis' }>): Promise<void> {
    const vt = this.deps.regios.veiligThuis(effect.regioId);
    const kanaal = await this.deps.adresboek.veiligThuisKanaal(effect.regioId);
    if (kanaal === undefined) return this.wachtOpKoppeling(d, u, effect.regioId);
    const sleutel = `uitgaand:${d.id}:${u.id}`;
    const activityId = await this.verstuurEenmaal(sleutel, d.id, 'vt-kanaal', () =>
      this.deps.bezorger.plaats(kanaal.referentie, {
        weergave: { soort: 'vt-melding', dossier: d, nu: this.deps.klok(), veiligThuis: vt },
        // Spoed: the VT teamleider is told at once, by name on the card.
        vermeldingen: effect.spoed
          ? (this.deps.regios.regio(effect.regioId)?.veiligThuis.teamleiders ?? []).map((id) => ({ id, naam: this.deps.regios.persoon(id)?.naam ?? 'teamleider Veilig Thuis' }))
          : [],
      }),
    );
    if (activityId === undefined) return;
    const op = this.deps.klok();
    const ontvanger = { id: `veilig-thuis:${effect.regioId}`, naam: vt.naam, rol: 'vt-medewerker' as const };
    const na = await this.werkBij(d.id, (x) => {
      const bezorgd = wijzigUitgaand(x, u.id, (y) => ({ ...y, bezorgdOp: tijdstip(op), activityId }));
      const ontvangen = bevestigOntvangst(bezorgd, { op, door: ontvanger });
      // The card shows the dossier as posted; the receipt is recorded after it and changes nothing on it.
      const kaart = { teamId: kanaal.kanaal.teamId, kanaalId: kanaal.kanaal.kanaalId, activityId, weergave: 'veilig-thuis' as const, revisie: revisie(ontvangen) };
      return { ok: true, waarde: { dossier: { ...ontvangen, kanaalKaarten: [...(ontvangen.kanaalKaarten ?? []).filter((k) => k.activityId !== activityId), kaart] }, effecten: [] } };
    });
    if (na !== undefined) await this.werkProfessionalBij(na);
  }

  /**
   * The overdracht card goes into the bound channel of the lokaal team it was handed to, and is
   * kept current there like the melding card in the Veilig Thuis channel.
   */
  private async overdrachtNaarLokaalTeam(d: Dossier, u: Uitgaand, teamKey: string): Promise<void> {
    const kanaal = await this.deps.adresboek.lokaalTeamKanaal(d.regioId, teamKey);
    const op = this.deps.klok();
    if (kanaal === undefined) {
      // Veilig Thuis keeps zicht op veiligheid until the team confirms; its card shows the overdracht waits.
      this.deps.log.warn('Overdracht wacht: geen kanaal van het lokale team gekoppeld', { regioId: d.regioId, teamKey, dossierId: d.id });
      return this.wachtOpKanaal(d.id, u.id);
    }
    const vt = this.deps.regios.veiligThuis(d.regioId);
    const activityId = await this.verstuurEenmaal(`uitgaand:${d.id}:${u.id}`, d.id, 'lokaal-team-kanaal', () =>
      this.deps.bezorger.plaats(kanaal.referentie, { weergave: { soort: 'overdracht', dossier: d, nu: op, veiligThuis: vt } }),
    );
    if (activityId === undefined) return;
    await this.werkBij(d.id, (x) => {
      const bezorgd = wijzigUitgaand(x, u.id, (y) => ({ ...y, bezorgdOp: tijdstip(this.deps.klok()), activityId }));
      const kaart = { teamId: kanaal.kanaal.teamId, kanaalId: kanaal.kanaal.kanaalId, activityId, weergave: 'lokaal-team' as const, revisie: revisie(bezorgd) };
      return { ok: true, waarde: { dossier: { ...bezorgd, kanaalKaarten: [...(bezorgd.kanaalKaarten ?? []).filter((k) => k.activityId !== activityId), kaart] }, effecten: [] } };
    });
  }

  /**
   * A notice to the lokale teams of the family's gemeente that have a bound channel. It asks
   * nothing of them, so a team without a channel is skipped (logged) instead of waited for.
   */
  private async informeerLokaalTeam(d: Dossier, u: Uitgaand, effect: Extract<Effect, { soort: 'lokaal-team-geinformeerd' }>): Promise<void> {
    const regio = this.deps.regios.regio(effect.regioId);
    const teams = (regio?.gemeenten ?? []).filter((g) => g.naam === effect.gemeente).flatMap((g) => g.lokaleTeams);
    const vt = this.deps.regios.veiligThuis(effect.regioId);
    for (const team of teams) {
      const kanaal = await this.deps.adresboek.lokaalTeamKanaal(effect.regioId, team.key);
      if (kanaal === undefined) {
        this.deps.log.warn('Lokaal team niet geïnformeerd: geen kanaal gekoppeld', { regioId: effect.regioId, teamKey: team.key, dossierId: d.id });
        continue;
      }
      await this.verstuurEenmaal(`uitgaand:${d.id}:${u.id}:${team.key}`, d.id, 'lokaal-team-kanaal', () =>
        this.deps.bezorger.plaats(kanaal.referentie, { weergave: { soort: 'lokaal-team-bericht', dossier: d, aanleiding: effect.aanleiding, veiligThuis: vt } }),
      );
    }
    await this.markeerBezorgd(d.id, u.id);
  }

  /** A step of the lokaal team on the overdracht card, told to Veilig Thuis with what it recorded. */
  private teamBericht(d: Dossier, u: Uitgaand, effect: Extract<Effect, { soort: keyof typeof TEAM_AANLEIDINGEN }>): Promise<void> {
    const aanleiding = TEAM_AANLEIDINGEN[effect.soort];
    return this.naarVeiligThuisKanaal(d, u, effect.regioId, () => ({ soort: 'team-bericht', dossier: d, aanleiding, nu: this.deps.klok() }));
  }

  /**
   * Veilig Thuis hears in its channel what the receiving party did (regie moved on, confirmed,
   * terugkoppeling, later oppakken, handed back): a new message, so it is noticed, beside the
   * melding card that the sweep after this change updates in place. Without a bound channel it
   * waits, as a melding does, and the region's beheerders are told.
   */
  private async naarVeiligThuisKanaal(d: Dossier, u: Uitgaand, regioId: string, weergave: (vt: VeiligThuisContact) => Bezorgweergave): Promise<void> {
    const kanaal = await this.deps.adresboek.veiligThuisKanaal(regioId);
    if (kanaal === undefined) return this.wachtOpKoppeling(d, u, regioId);
    const vt = this.deps.regios.veiligThuis(regioId);
    const activityId = await this.verstuurEenmaal(`uitgaand:${d.id}:${u.id}`, d.id, 'vt-kanaal', () => this.deps.bezorger.plaats(kanaal.referentie, { weergave: weergave(vt) }));
    if (activityId !== undefined) await this.markeerBezorgd(d.id, u.id, activityId);
  }

  /**
   * The afsluitbericht goes to the channel the lokaal team is bound to now (never merely where its
   * overdracht card once was: a channel bound elsewhere meanwhile must not get case data). Its
   * overdracht card turns to "afgesloten" with the other channel cards.
   */
  private async afsluitberichtNaarLokaalTeam(d: Dossier, u: Uitgaand, teamKey: string): Promise<void> {
    const kanaal = await this.deps.adresboek.lokaalTeamKanaal(d.regioId, teamKey);
    if (kanaal === undefined) {
      this.deps.log.warn('Afsluitbericht wacht: geen kanaal van het lokale team gekoppeld', { regioId: d.regioId, teamKey, dossierId: d.id });
      return this.wachtOpKanaal(d.id, u.id);
    }
    const vt = this.deps.regios.veiligThuis(d.regioId);
    const activityId = await this.verstuurEenmaal(`uitgaand:${d.id}:${u.id}`, d.id, 'lokaal-team-kanaal', () =>
      this.deps.bezorger.plaats(kanaal.referentie, { weergave: { soort: 'afsluitbericht', dossier: d, veiligThuis: vt } }),
    );
    if (activityId !== undefined) await this.markeerBezorgd(d.id, u.id, activityId);
  }

  /** No bound channel for the lokaal team: the entry waits in the outbox and is tried again later. */
  private async wachtOpKanaal(dossierId: string, uitgaandId: string): Promise<void> {
    const op = this.deps.klok();
    await this.werkBij(dossierId, (x) => ({
      ok: true,
      waarde: {
        dossier: wijzigUitgaand(x, uitgaandId, (y) => ({ ...y, wachtOpKoppelingSinds: y.wachtOpKoppelingSinds ?? tijdstip(op), volgendePogingOp: tijdstip(op.plus({ minutes: OPNIEUW_NA_MINUTEN })) })),
        effecten: [],
      },
    }));
  }

  /** The melder hears in their personal chat what Veilig Thuis decided (also after an anonymous melding). */
  private async terugkoppelingAanMelder(d: Dossier, u: Uitgaand, moment: Extract<Effect, { soort: 'terugkoppeling-aan-melder' }>['moment']): Promise<void> {
    const naar = await this.deps.adresboek.persoonlijk(d.eigenaar.id);
    if (naar === undefined) {
      this.deps.log.warn('Geen persoonlijke chat met de melder; terugkoppeling niet verstuurd', { dossierId: d.id });
      return this.markeerBezorgd(d.id, u.id);
    }
    const vt = this.deps.regios.veiligThuis(d.regioId);
    const activityId = await this.verstuurEenmaal(`uitgaand:${d.id}:${u.id}`, d.id, 'melder', () =>
      this.deps.bezorger.plaats(naar, { weergave: { soort: 'melder-terugkoppeling', dossier: d, moment, veiligThuis: vt } }),
    );
    if (activityId !== undefined) await this.markeerBezorgd(d.id, u.id, activityId);
  }

  /**
   * Every nudge card that went out for the met milestones now says "afgehandeld door … op …",
   * updated in place where it was posted (a channel, a personal chat). The ledger remembers each
   * updated nudge, so a second delivery of the same effect changes nothing more. An overview
   * card is rendered again: this case afgehandeld, the others as they stand.
   */
  private async termijnAfgehandeld(d: Dossier, u: Uitgaand, effect: Extract<Effect, { soort: 'termijn-afgehandeld' }>): Promise<void> {
    const ledger = this.deps.stores.herinneringen;
    const markering = { door: effect.door.naam, op: effect.op };
    const afhandeling: Afhandeling = { door: effect.door.naam, op: DateTime.fromISO(effect.op), ...(effect.waardoor ? { waardoor: effect.waardoor } : {}) };
    const bijgewerkt = new Set<string>();
    for (const m of effect.mijlpalen) {
      for (const { waarde: r } of await ledger.verzondenVoor(d.id, m.id)) {
        if (r.afgehandeld !== undefined) continue;
        if (r.activityId !== undefined && r.naar !== undefined && !bijgewerkt.has(r.activityId)) {
          const bericht: Bericht = r.overzicht
            ? { weergave: { soort: 'termijn-overzicht', items: await this.overzichtItems(r.overzicht, r.sleutel, afhandeling), nu: this.deps.klok() } }
            : { weergave: { soort: 'termijn-afgehandeld', dossier: d, omschrijving: m.omschrijving, afhandeling } };
          await this.werkNudgeBij(r.naar, r.activityId, bericht);
          bijgewerkt.add(r.activityId);
        }
        await ledger.markeerAfgehandeld(r.sleutel, markering);
      }
    }
    await this.markeerBezorgd(d.id, u.id);
  }

  /**
   * Each of the region's beleid people hears of the repeated escalations in their personal chat,
   * once each. Someone without a chat with meldroute is skipped (logged): it is information, and
   * the flag stays on the escalation record and the VT teamleider's cards.
   */
  private async structureelSignaal(d: Dossier, u: Uitgaand, effect: Extract<Effect, { soort: 'structureel-signaal' }>): Promise<void> {
    const regio = this.deps.regios.regio(effect.regioId);
    for (const id of regio?.beleid ?? []) {
      const naar = await this.deps.adresboek.persoonlijk(id);
      if (naar === undefined) {
        this.deps.log.warn('Geen persoonlijke chat met beleid; structureel signaal niet verstuurd', { regioId: effect.regioId, dossierId: d.id });
        continue;
      }
      const { soort: _s, regioId: _r, ...signaal } = effect;
      await this.verstuurEenmaal(`uitgaand:${d.id}:${u.id}:${id}`, d.id, 'beleid', () =>
        this.deps.bezorger.plaats(naar, { weergave: { soort: 'structureel-signaal', regioNaam: regio?.naam ?? effect.regioId, ...signaal } }),
      );
    }
    await this.markeerBezorgd(d.id, u.id);
  }

  /**
   * The holders of a route that just started hear it at once in their personal chat (route a the
   * management pair, b the gemeente's beleidsmedewerker, c the directeur Veilig Thuis and the
   * wethouder), on the card that asks the route's outcome; whoever started it saw it in the turn.
   * The tick reminds them again at the outcome term. A route already ended by now needs nothing.
   */
  private async escalatieGestart(d: Dossier, u: Uitgaand, route: EscalatieRoute): Promise<void> {
    const houders = routeHouders(this.deps.regios, d, route);
    const mijlpaal = openMijlpalen(d, this.deps.regios.kalender(d.regioId)).find((m) => mijlpaalSoort(m.id) === 'escalatie-uitkomst' && m.id.endsWith(`-route-${route}`));
    const starter = d.gebeurtenissen.findLast((g) => g.soort === 'escalatie')?.door.id;
    if (mijlpaal === undefined) return this.markeerBezorgd(d.id, u.id);
    for (const id of (houders?.ids ?? []).filter((h) => h !== starter)) {
      const naar = await this.deps.adresboek.persoonlijk(id);
      if (naar === undefined) {
        this.deps.log.warn('Geen persoonlijke chat met de houder van de escalatieroute; de herinnering op de uitkomsttermijn volgt', { dossierId: d.id, route });
        continue;
      }
      await this.verstuurEenmaal(`uitgaand:${d.id}:${u.id}:${id}`, d.id, 'escalatie-route', () =>
        this.deps.bezorger.plaats(naar, { weergave: { soort: 'termijn', dossier: d, mijlpaal, niveau: 'herinnering', publiek: 'escalatie-route', nu: this.deps.klok(), escalatieMet: '' } }),
      );
    }
    await this.markeerBezorgd(d.id, u.id);
  }

  /** A card in a conversation that is gone (403, 404) needs no update; anything else is tried again by the sweep. */
  private async werkNudgeBij(naar: GesprekSleutel, activityId: string, bericht: Bericht): Promise<void> {
    const referentie = naar.soort === 'kanaal' ? await this.deps.adresboek.kanaal(naar) : await this.deps.adresboek.persoonlijk(naar.gebruikerId);
    if (referentie === undefined) return;
    try {
      await this.deps.bezorger.werkBij(referentie, activityId, bericht);
    } catch (fout) {
      if (fout instanceof BezorgFout && (fout.soort === 'geblokkeerd' || fout.soort === 'gesprek-weg')) {
        this.deps.log.warn('Herinnering niet bijgewerkt: het gesprek is er niet meer', { fout: fout.message });
        return;
      }
      throw fout;
    }
  }

  /** The items of an overview card as they stand now; `sleutel` is the one this change met. */
  private async overzichtItems(sleutels: readonly string[], sleutel: string, afhandeling: Afhandeling): Promise<OverzichtItem[]> {
    const items: OverzichtItem[] = [];
    for (const s of sleutels) {
      const r = (await this.deps.stores.herinneringen.get(s))?.waarde;
      const dossier = r === undefined ? undefined : (await this.deps.stores.dossiers.get(r.dossierId))?.waarde;
      if (r === undefined || dossier === undefined) continue;
      if (s === sleutel || r.afgehandeld !== undefined) {
        items.push({ dossier, afgehandeld: s === sleutel ? afhandeling : r.afgehandeld && { door: r.afgehandeld.door, op: DateTime.fromISO(r.afgehandeld.op) } });
        continue;
      }
      const mijlpaal = openMijlpalen(dossier, this.deps.regios.kalender(dossier.regioId)).find((m) => m.id === r.mijlpaal);
      const niveau = NIVEAU_WAARDEN.find((n) => n === r.niveau);
      // Met meanwhile by another change whose delivery has not run yet: it names who, soon.
      items.push(mijlpaal !== undefined && niveau !== undefined ? { dossier, mijlpaal, niveau } : { dossier, afgehandeld: undefined });
    }
    return items;
  }

  private async markeerBezorgd(dossierId: string, uitgaandId: string, activityId?: string): Promise<void> {
    const op = tijdstip(this.deps.klok());
    await this.werkBij(dossierId, (x) => ({ ok: true, waarde: { dossier: wijzigUitgaand(x, uitgaandId, (y) => ({ ...y, bezorgdOp: op, ...(activityId ? { activityId } : {}) })), effecten: [] } }));
  }

  /** The melding waits in the outbox; the region's beheerders hear once a day that a binding is missing. */
  private async wachtOpKoppeling(d: Dossier, u: Uitgaand, regioId: string): Promise<void> {
    const op = this.deps.klok();
    await this.werkBij(d.id, (x) => ({
      ok: true,
      waarde: {
        dossier: wijzigUitgaand(x, u.id, (y) => ({ ...y, wachtOpKoppelingSinds: y.wachtOpKoppelingSinds ?? tijdstip(op), volgendePogingOp: tijdstip(op.plus({ minutes: OPNIEUW_NA_MINUTEN })) })),
        effecten: [],
      },
    }));
    const regio = this.deps.regios.regio(regioId);
    const vt = this.deps.regios.veiligThuis(regioId);
    for (const beheerder of regio?.beheerders ?? []) {
      const naar = await this.deps.adresboek.persoonlijk(beheerder);
      if (naar === undefined) {
        this.deps.log.warn('Geen persoonlijke chat met de beheerder; koppeling ontbreekt blijft onvermeld', { regioId });
        continue;
      }
      const dag = op.toISODate() ?? '';
      await this.verstuurEenmaal(`koppeling-ontbreekt:${regioId}:${beheerder}:${dag}`, d.id, 'beheerder', () =>
        this.deps.bezorger.plaats(naar, { weergave: { soort: 'koppeling-ontbreekt', regioNaam: regio?.naam ?? regioId, veiligThuis: vt } }),
      );
    }
    this.deps.log.warn('Melding wacht: geen Veilig Thuis-kanaal gekoppeld', { regioId, dossierId: d.id });
  }

  /** The professional's card in their personal chat now says "ontvangen door Veilig Thuis". */
  private async werkProfessionalBij(d: Dossier): Promise<void> {
    if (d.professionalKaart === undefined) return;
    const naar = await this.deps.adresboek.persoonlijk(d.eigenaar.id);
    if (naar !== undefined) await this.deps.bezorger.werkBij(naar, d.professionalKaart.activityId, { weergave: { soort: 'professional', dossier: d } });
  }

  /**
   * Sends once per key: claim in the ledger, send, record the activity id. A key already sent
   * gives its activity id back (a crash after sending, before the dossier was updated); a key
   * claimed by someone else recently gives undefined: that sender finishes it.
   */
  private async verstuurEenmaal(sleutel: string, dossierId: string, publiek: string, stuur: () => Promise<string>): Promise<string | undefined> {
    const ledger: HerinneringLedger = this.deps.stores.herinneringen;
    const op = this.deps.klok();
    const bestaand = await ledger.get(sleutel);
    if (bestaand?.waarde.status === 'verzonden') return bestaand.waarde.activityId;
    if (bestaand === undefined) {
      if (!(await ledger.claim(sleutel, { dossierId, publiek, op: tijdstip(op) }))) return undefined;
    } else {
      const geldigTot = op.minus({ minutes: this.deps.claimGeldigMinuten ?? 2 });
      if (bestaand.waarde.status === 'geclaimd' && bestaand.waarde.geclaimdOp > tijdstip(geldigTot)) return undefined;
      if (!(await ledger.herclaim(bestaand, tijdstip(op)))) return undefined;
    }
    try {
      const activityId = await stuur();
      await ledger.markeerVerzonden(sleutel, activityId, tijdstip(this.deps.klok()));
      return activityId;
    } catch (fout) {
      await ledger.markeerMislukt(sleutel, fout instanceof Error ? fout.message : String(fout), tijdstip(this.deps.klok()));
      throw fout;
    }
  }

  private async werkBij(dossierId: string, f: (d: Dossier) => Resultaat<Wijziging, never>): Promise<Dossier | undefined> {
    const r = await werkDossierBij(this.deps.stores.dossiers, dossierId, f, this.auditRegel(dossierId));
    return r.ok ? r.waarde.dossier : undefined;
  }

  private auditRegel(dossierId: string): AuditRegel {
    return {
      id: this.deps.nieuwId(),
      op: tijdstip(this.deps.klok()),
      actor: SYSTEEM,
      rol: 'systeem',
      actie: 'update',
      dossierId,
      kanaal: 'bezorging',
      uitkomst: 'toegestaan',
    };
  }
}
