import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import {
  metAfgehandeldeTermijnen,
  metUitgaand,
  pasMeldcodeToe,
  pasVeiligThuisToe,
  registreerVtMelding,
  teBezorgen,
  revisie,
  lopendeEscalatie,
  tijdstip,
  startDossier,
  stelHerinneringUit,
  type RegioBeleid,
  type UitstelFout,
  type DomeinFout,
  type Dossier,
  type Instellingen,
  type MeldcodeCommando,
  type MeldcodeFout,
  type Melding,
  type Resultaat,
  type VtCommando,
  type VtFout,
  type Wijziging,
} from '../domain/index.js';
import { magKetenstap } from './veiligThuisService.js';
import { EscalatieOverzicht } from './escalatieRegister.js';
import { BestaatAlError, ConflictError, type AuditRegel, type Stores, type Zichtbaarheid } from '../store/ports.js';
import { werkDossierBij, type NietGevonden } from './bijwerken.js';
import { alsActor, type Gebruiker } from './gebruikers.js';
import { gemeenteNamen, type RegioGids } from './regio.js';
import { kanaalbereikVoor, magMeldcodeWijzigen, weergaveVoor, zoekbereikVoor, type Gesprek } from './toegang.js';

export type GeenToegang = DomeinFout<'geen-toegang'>;

const GEEN_TOEGANG: GeenToegang = { code: 'geen-toegang', melding: 'U heeft geen toegang tot deze casus.' };

export type Verouderd = DomeinFout<'kaart-verouderd' | 'tegelijk-gewijzigd'>;

export type GemeenteOnbekend = DomeinFout<'gemeente-onbekend'>;

const KAART_VEROUDERD: Verouderd = {
  code: 'kaart-verouderd',
  melding: 'Deze kaart was niet meer actueel: de casus is intussen bijgewerkt. Hieronder staat de actuele stand; er is niets dubbel vastgelegd.',
};
const TEGELIJK_GEWIJZIGD: Verouderd = {
  code: 'tegelijk-gewijzigd',
  melding: 'De casus werd op hetzelfde moment ook ergens anders bijgewerkt. Er is niets vastgelegd; probeer het opnieuw.',
};

/** Where a request came from: for the access check and the audit trail. */
export interface Aanvraag {
  readonly gebruiker: Gebruiker;
  /** e.g. 'msteams'; the Bot Framework channel id. */
  readonly kanaal: string;
  /** The conversation it came from: case data only where weergaveVoor allows it. */
  readonly gesprek: Gesprek;
  readonly namens?: string;
  /** The message whose card was clicked (Teams: the invoke's replyToId), to update it later. */
  readonly kaartActivityId?: string;
}

export interface MeldcodeServiceDeps {
  readonly stores: Pick<Stores, 'dossiers' | 'audit' | 'herinneringen'> & Partial<Pick<Stores, 'escalaties'>>;
  readonly klok: () => DateTime;
  readonly regioVoor: (g: Gebruiker) => string;
  /**
   * The regions: a melding names one of the gemeenten of the dossier's region, and a spoedmelding
   * outside the region's office hours names its crisis service.
   */
  readonly regios?: Pick<RegioGids, 'regio'> & Partial<Pick<RegioGids, 'kalender'>>;
  readonly nieuwId?: () => string;
  readonly instellingen?: Instellingen;
  /**
   * Delivers what a change put in the dossier's outbox, in the same turn (the next turn on the
   * dossier); the periodic sweep catches what this misses. Absent: only the sweep delivers.
   */
  readonly bezorg?: (dossierId: string) => Promise<void>;
}

/**
 * The professional's use cases. Each one checks access, calls the pure domain, saves with the
 * ETag, and leaves exactly one audit entry: for every read, write, refusal and lookup of a
 * dossier that does not exist. A change and its entry are written together (one store write).
 */
export class MeldcodeService {
  private readonly nieuwId: () => string;

  constructor(private readonly deps: MeldcodeServiceDeps) {
    this.nieuwId = deps.nieuwId ?? randomUUID;
  }

  /**
   * Starts a dossier. `sleutel` is the start card's own key: a double click (or a retried
   * request) on the same card finds the dossier the first click made instead of making a second.
   */
  async start(a: Aanvraag, gegevens: { referentie: string; werktMetVolwassenen: boolean }, sleutel?: string): Promise<Resultaat<Dossier, DomeinFout>> {
    if (sleutel !== undefined) {
      const bestaand = await this.deps.stores.dossiers.get(sleutel);
      if (bestaand !== undefined) {
        const eigen = bestaand.waarde.eigenaar.id === a.gebruiker.id && weergaveVoor(a.gesprek, a.gebruiker, bestaand.waarde) !== 'geen';
        await this.audit(a, 'read', sleutel, eigen ? 'toegestaan' : 'geweigerd');
        return eigen ? { ok: true, waarde: bestaand.waarde } : { ok: false, fout: GEEN_TOEGANG };
      }
    }
    const r = startDossier(
      { id: sleutel ?? this.nieuwId(), referentie: gegevens.referentie, organisatieId: a.gebruiker.organisatieId, regioId: this.deps.regioVoor(a.gebruiker), werktMetVolwassenen: gegevens.werktMetVolwassenen },
      { op: this.deps.klok(), door: alsActor(a.gebruiker, namensVan(a)) },
    );
    if (!r.ok) return r;
    // A case started in a conversation where its owner could not see it would leak from the start.
    if (weergaveVoor(a.gesprek, a.gebruiker, r.waarde) === 'geen') {
      await this.audit(a, 'create', undefined, 'geweigerd');
      return { ok: false, fout: GEEN_TOEGANG };
    }
    try {
      await this.deps.stores.dossiers.create(r.waarde, this.regel(a, 'create', r.waarde.id, 'toegestaan'));
    } catch (e) {
      // Two clicks on one start card at the same moment: the other one made it; show that one.
      if (sleutel !== undefined && e instanceof BestaatAlError) return this.start(a, gegevens, sleutel);
      throw e;
    }
    return r;
  }

  /** The gemeenten of a region, for a form that asks where the family lives. */
  gemeentenVan(regioId: string): readonly string[] {
    return gemeenteNamen(this.deps.regios?.regio(regioId));
  }

  /**
   * Veilig Thuis registers a melding itself in its bound channel (police, citizen, a professional
   * by phone). The dossier belongs to the channel's region and only the Veilig Thuis view sees it:
   * the same access rule as every VT card decides, on the dossier as it would be saved.
   */
  async registreerVtMelding(
    a: Aanvraag,
    gegevens: { referentie: string; melding: Extract<Melding, { soort: 'bij-veilig-thuis' }> },
  ): Promise<Resultaat<Wijziging, GeenToegang | GemeenteOnbekend>> {
    const koppeling = a.gesprek.soort === 'kanaal' ? a.gesprek.koppeling : undefined;
    if (koppeling?.soort !== 'veilig-thuis') {
      await this.audit(a, 'create', undefined, 'geweigerd');
      return { ok: false, fout: GEEN_TOEGANG };
    }
    const regio = this.deps.regios?.regio(koppeling.regioId);
    if (this.deps.regios !== undefined && !gemeenteNamen(regio).includes(gegevens.melding.gemeente ?? '')) {
      return { ok: false, fout: { code: 'gemeente-onbekend', melding: 'Kies uit de lijst de gemeente waar het gezin woont.' } };
    }
    const op = this.deps.klok();
    const ctx = { op, door: alsActor(a.gebruiker, namensVan(a)), instellingen: this.instellingenVoor({ regioId: koppeling.regioId }) };
    const w = metUitgaand(registreerVtMelding({ id: this.nieuwId(), referentie: gegevens.referentie, regioId: koppeling.regioId, veiligThuisNaam: regio?.veiligThuis.naam ?? 'Veilig Thuis', melding: gegevens.melding }, ctx), op);
    if (weergaveVoor(a.gesprek, a.gebruiker, w.dossier) !== 'veilig-thuis') {
      await this.audit(a, 'create', undefined, 'geweigerd');
      return { ok: false, fout: GEEN_TOEGANG };
    }
    await this.deps.stores.dossiers.create(w.dossier, this.regel(a, 'create', w.dossier.id, 'toegestaan'));
    return this.naWijziging(w);
  }

  /**
   * `weergave`: the view a card claims it was rendered for (its refresh data). It grants nothing:
   * the view is recomputed for this person and conversation, and a different one is refused.
   */
  private instellingenVoor(d: Pick<Dossier, 'regioId'>): Instellingen {
    const crisisdienst = this.deps.regios?.regio(d.regioId)?.veiligThuis.crisisdienst?.naam;
    const kalender = this.deps.regios?.kalender?.(d.regioId);
    const monitoringRegel = this.deps.regios?.regio(d.regioId)?.monitoring;
    const escalatieUitkomstWerkdagen = this.deps.regios?.regio(d.regioId)?.escalatieUitkomstWerkdagen;
    return {
      ...this.deps.instellingen,
      ...(crisisdienst ? { crisisdienst } : {}),
      ...(kalender ? { kalender } : {}),
      ...(monitoringRegel ? { monitoringRegel } : {}),
      ...(escalatieUitkomstWerkdagen ? { escalatieUitkomstWerkdagen } : {}),
    };
  }

  async open(a: Aanvraag, dossierId: string, weergave?: string): Promise<Resultaat<Dossier, GeenToegang | NietGevonden>> {
    return this.lees(a, dossierId, 'read', this.magZien(a, weergave));
  }

  /** The dossierverslag: a read that leaves meldroute, audited as an export. */
  async exporteer(a: Aanvraag, dossierId: string): Promise<Resultaat<Dossier, GeenToegang | NietGevonden>> {
    return this.lees(a, dossierId, 'export', this.magZien(a));
  }

  /** An audited read under the caller's rule: a nudge card is also for the region's roles (escalation). */
  async leesVoor(a: Aanvraag, dossierId: string, mag: (d: Dossier) => boolean): Promise<Resultaat<Dossier, GeenToegang | NietGevonden>> {
    return this.lees(a, dossierId, 'read', mag);
  }

  private magZien(a: Aanvraag, weergave?: string): (d: Dossier) => boolean {
    return (d) => {
      const gezien = weergaveVoor(a.gesprek, a.gebruiker, d);
      return gezien !== 'geen' && (weergave === undefined || weergave === gezien);
    };
  }

  /**
   * Applies one command. `vanafRevisie` is the revision of the card it came from: a command from
   * an older card is refused, so a double click, a second window or parallel submits apply once.
   */
  pasToe(
    a: Aanvraag,
    dossierId: string,
    commando: MeldcodeCommando,
    vanafRevisie?: number,
  ): Promise<Resultaat<Wijziging, MeldcodeFout | GeenToegang | NietGevonden | Verouderd | GemeenteOnbekend>> {
    const mag = (d: Dossier) => weergaveVoor(a.gesprek, a.gebruiker, d) !== 'geen' && magMeldcodeWijzigen(a.gebruiker, d);
    return this.wijzig<MeldcodeFout | GemeenteOnbekend>(a, dossierId, vanafRevisie, mag, (d, op) => {
      const gemeente = this.gemeenteBuitenRegio(d, commando);
      if (gemeente) return { ok: false, fout: gemeente };
      const w = pasMeldcodeToe(d, commando, { op, door: alsActor(a.gebruiker, namensVan(a)), instellingen: this.instellingenVoor(d) });
      if (!w.ok) return w;
      // The card the professional clicked is remembered, so it can be updated when Veilig Thuis has received the melding.
      const metKaart = a.kaartActivityId && a.gesprek.soort === 'persoonlijk' ? { ...w.waarde.dossier, professionalKaart: { activityId: a.kaartActivityId } } : w.waarde.dossier;
      return { ok: true, waarde: { ...w.waarde, dossier: metKaart } };
    });
  }

  /**
   * A step of the Veilig Thuis chain, given in a bound channel: Veilig Thuis or the lokaal team,
   * each only its own steps (KETENSTAPPEN). Same guarantees as `pasToe`: one audit entry, the
   * card's revision, the ETag, and the outbox in the same write.
   */
  pasKetenstapToe(
    a: Aanvraag,
    dossierId: string,
    commando: VtCommando,
    /** Undefined for a decision that does not depend on what the card showed (an escalation from a nudge). */
    vanafRevisie: number | undefined,
    /** Who may take this step; by default the party whose view the conversation gives (escalation: the region's roles). */
    mag: (d: Dossier) => boolean = (d) => magKetenstap(weergaveVoor(a.gesprek, a.gebruiker, d), commando.soort, d),
  ): Promise<Resultaat<Wijziging, VtFout | GeenToegang | NietGevonden | Verouderd>> {
    return this.wijzig<VtFout>(a, dossierId, vanafRevisie, mag, (d, op) => pasVeiligThuisToe(d, commando, { op, door: alsActor(a.gebruiker, namensVan(a)), instellingen: this.instellingenVoor(d) }));
  }

  /**
   * Route a, from a nudge card, with the gemeente's earlier escalations counted for the
   * structural-problem flag (the domain decides; the count comes in as data). The start is noted
   * in the gemeente's register before the dossier is written, so the count is serialised by the
   * register's ETag (see EscalatieOverzicht); a start the dossier then refuses is taken out again.
   * A crash between the two leaves one entry too many, which errs toward flagging, never away.
   */
  async startEscalatie(
    a: Aanvraag,
    dossierId: string,
    reden: string,
    mag: (d: Dossier) => boolean,
    gemeenteVan: (d: Dossier) => string | undefined,
  ): Promise<Resultaat<Wijziging, VtFout | GeenToegang | NietGevonden | Verouderd>> {
    const d = (await this.deps.stores.dossiers.get(dossierId))?.waarde;
    const gemeente = d === undefined ? undefined : gemeenteVan(d);
    const register = this.deps.stores.escalaties;
    // Only a start the dossier will take is noted: a refused person or a second start counts nowhere.
    const telt = d !== undefined && gemeente !== undefined && register !== undefined && d.veiligThuis !== undefined && lopendeEscalatie(d.veiligThuis) === undefined && mag(d);
    if (!telt) return this.pasKetenstapToe(a, dossierId, { soort: 'start-escalatie', reden }, undefined, mag);
    const overzicht = new EscalatieOverzicht(register);
    const notitie = { regioId: d.regioId, gemeente, dossierId, gestartOp: tijdstip(this.deps.klok()) };
    const eerdere = await overzicht.noteer(notitie);
    const r = await this.pasKetenstapToe(a, dossierId, { soort: 'start-escalatie', reden, eerdereInGemeente: { gemeente, gestartOp: eerdere } }, undefined, mag);
    if (!r.ok) await overzicht.trekIn(notitie);
    return r;
  }

  /**
   * One change of a dossier, whoever gives it: the access check, the card's revision, the domain,
   * the outbox and the audit entry in the same ETag write, then delivery. Exactly one audit entry:
   * the change, a refusal, a missing dossier, or a read when the protocol or a stale card refused.
   */
  private async wijzig<F extends DomeinFout>(
    a: Aanvraag,
    dossierId: string,
    vanafRevisie: number | undefined,
    mag: (d: Dossier) => boolean,
    toepassen: (d: Dossier, op: DateTime) => Resultaat<Wijziging, F>,
  ): Promise<Resultaat<Wijziging, F | GeenToegang | NietGevonden | Verouderd>> {
    const r = await this.werkBijAlsToegestaan<F | Verouderd>(a, dossierId, mag, (d) => {
      if (vanafRevisie !== undefined && revisie(d) !== vanafRevisie) return { ok: false, fout: KAART_VEROUDERD };
      const op = this.deps.klok();
      const w = toepassen(d, op);
      // Effects for others are saved with the change (the outbox), in the same write; so is the
      // update of the nudge cards whose deadline this change met.
      return w.ok ? { ok: true, waarde: metUitgaand(metAfgehandeldeTermijnen(d, w.waarde, this.instellingenVoor(d).kalender), op) } : w;
    });
    return r.ok ? this.naWijziging(r.waarde) : r;
  }

  /**
   * The one guarded read-modify-write: `mag` decides on the dossier as stored, the change and its
   * audit entry go in the same ETag write, and every other outcome gets exactly one audit entry:
   * a refusal, a missing dossier, or a read when the protocol or a stale card refused.
   */
  private async werkBijAlsToegestaan<F extends DomeinFout>(
    a: Aanvraag,
    dossierId: string,
    mag: (d: Dossier) => boolean,
    toepassen: (d: Dossier) => Resultaat<Wijziging, F>,
  ): Promise<Resultaat<Wijziging, F | GeenToegang | NietGevonden | Verouderd>> {
    let geweigerd = false;
    const r = await werkDossierBij<F | GeenToegang | Verouderd>(
      this.deps.stores.dossiers,
      dossierId,
      (d) => {
        if (mag(d)) return toepassen(d);
        geweigerd = true;
        return { ok: false, fout: GEEN_TOEGANG };
      },
      this.regel(a, 'update', dossierId, 'toegestaan'),
    ).catch((e: unknown) => {
      // Optimistic retries ran out under heavy contention: an answer to try again, never a 5xx.
      if (e instanceof ConflictError) return { ok: false as const, fout: TEGELIJK_GEWIJZIGD };
      throw e;
    });
    if (r.ok) return r;
    if (r.fout.code === 'dossier-niet-gevonden') await this.audit(a, 'update', dossierId, 'niet-gevonden');
    else if (geweigerd) await this.audit(a, 'update', dossierId, 'geweigerd');
    // The dossier was read to decide the refusal, and nothing changed.
    else await this.audit(a, 'read', dossierId, 'toegestaan');
    return r;
  }

  /**
   * "Herinner mij morgen" on a nudge card: recorded on the dossier, so the tick sends the same
   * nudge once more at the next werkdag's office start. No event and no delivery: a snooze does
   * not make open cards stale.
   */
  async stelHerinneringUit(
    a: Aanvraag,
    dossierId: string,
    sleutel: string,
    beleidVoor: (regioId: string) => RegioBeleid,
    mag: (d: Dossier) => boolean,
  ): Promise<Resultaat<{ dossier: Dossier; op: DateTime }, UitstelFout | GeenToegang | NietGevonden | Verouderd>> {
    let op: DateTime | undefined;
    const r = await this.werkBijAlsToegestaan<UitstelFout>(a, dossierId, mag, (d) => {
      const u = stelHerinneringUit(d, sleutel, this.deps.klok(), beleidVoor(d.regioId));
      if (!u.ok) return u;
      op = u.op;
      return { ok: true, waarde: { dossier: u.dossier, effecten: [] } };
    });
    if (!r.ok) return r;
    return op === undefined ? { ok: false, fout: { code: 'herinnering-onbekend', melding: 'Deze herinnering hoort niet bij deze casus.' } } : { ok: true, waarde: { dossier: r.waarde.dossier, op } };
  }

  /**
   * "herinneringen": nudges given up for good (nobody could be reached), of the dossiers `mag`
   * allows. Only the pseudonymous reference and the milestone leave this method; the read is audited.
   */
  async opgegevenHerinneringen(a: Aanvraag, mag: (d: Dossier) => boolean, max = 200): Promise<{ readonly referentie: string; readonly mijlpaal: string; readonly reden: string }[]> {
    const uit: { referentie: string; mijlpaal: string; reden: string }[] = [];
    const dossiers = new Map<string, Dossier | undefined>();
    for (const regel of await this.deps.stores.herinneringen.opgegeven(max)) {
      if (!dossiers.has(regel.dossierId)) dossiers.set(regel.dossierId, (await this.deps.stores.dossiers.get(regel.dossierId))?.waarde);
      const d = dossiers.get(regel.dossierId);
      const prefix = `${regel.dossierId}:`;
      if (d === undefined || !mag(d) || !regel.sleutel.startsWith(prefix)) continue;
      // The key is dossier:mijlpaal:niveau[:uitgesteld]@ontvanger (see Termijnbewaking).
      const zonder = (regel.sleutel.slice(prefix.length).split('@')[0] ?? '').replace(/:uitgesteld$/, '');
      uit.push({ referentie: d.referentie, mijlpaal: zonder.slice(0, Math.max(0, zonder.lastIndexOf(':'))), reden: regel.laatsteFout ?? 'niet bezorgd' });
    }
    await this.audit(a, 'search', undefined, 'toegestaan', [...dossiers.entries()].filter(([, d]) => d !== undefined && mag(d)).map(([id]) => id));
    return uit;
  }

  /** The open cases this person may see in this conversation, most recent first. */
  async casussen(a: Aanvraag, max = 20): Promise<Dossier[]> {
    return (await this.zoekOpen(a, zoekbereikVoor(a.gesprek, a.gebruiker), max)) ?? [];
  }

  /**
   * The open cases of the party a bound channel belongs to, for the bound team's members (the
   * cards that channel holds, on one list); undefined, audited as refused, for anyone else.
   */
  async kanaalCasussen(a: Aanvraag, max = 20): Promise<Dossier[] | undefined> {
    return this.zoekOpen(a, kanaalbereikVoor(a.gesprek, a.gebruiker), max);
  }

  /** The open cases in `wie`'s reach that this conversation shows, most recent first; every search audited. */
  private async zoekOpen(a: Aanvraag, wie: Zichtbaarheid | null, max: number): Promise<Dossier[] | undefined> {
    if (wie === null) {
      await this.audit(a, 'search', undefined, 'geweigerd');
      return undefined;
    }
    const gevonden: Dossier[] = [];
    let vervolg: string | undefined;
    do {
      const p = await this.deps.stores.dossiers.lijst(wie, { max: 100, ...(vervolg ? { vervolg } : {}) });
      gevonden.push(...p.items.map((v) => v.waarde).filter((d) => isOpen(d) && weergaveVoor(a.gesprek, a.gebruiker, d) !== 'geen'));
      vervolg = p.vervolg;
    } while (vervolg !== undefined);
    const getoond = gevonden.sort((x, y) => laatsteActiviteit(y).localeCompare(laatsteActiviteit(x))).slice(0, max);
    await this.audit(a, 'search', undefined, 'toegestaan', getoond.map((d) => d.id));
    return getoond;
  }

  /** Delivers the outbox right away, then returns the dossier as it now stands (e.g. "ontvangen"). */
  private async naWijziging<W extends Wijziging>(w: W): Promise<Resultaat<W, never>> {
    const bezorg = this.deps.bezorg;
    const kaartenInKanalen = (w.dossier.kanaalKaarten ?? []).length > 0;
    if (bezorg === undefined || (teBezorgen(w.dossier, this.deps.klok()).length === 0 && !kaartenInKanalen)) return { ok: true, waarde: w };
    await bezorg(w.dossier.id);
    const na = await this.deps.stores.dossiers.get(w.dossier.id);
    return { ok: true, waarde: na ? { ...w, dossier: na.waarde } : w };
  }

  /**
   * The card offers only the gemeenten of the dossier's region; the server checks it again against
   * the dossier as stored, because card data is never trusted. Gemeenten are configuration, so
   * this is the application's rule, not the domain's.
   */
  private gemeenteBuitenRegio(d: Dossier, commando: MeldcodeCommando): GemeenteOnbekend | undefined {
    if (commando.soort !== 'melding' || this.deps.regios === undefined) return undefined;
    const gemeente = commando.melding.gemeente;
    const regio = this.deps.regios.regio(d.regioId);
    if (gemeente !== undefined && gemeenteNamen(regio).includes(gemeente)) return undefined;
    const kies = 'Kies uit de lijst de gemeente waar het gezin woont.';
    if (gemeente === undefined) return { code: 'gemeente-onbekend', melding: kies };
    return { code: 'gemeente-onbekend', melding: `Deze gemeente hoort niet bij de regio van ${regio?.veiligThuis.naam ?? 'deze casus'}. ${kies}` };
  }

  private async lees(a: Aanvraag, dossierId: string, actie: 'read' | 'export', magLezen: (d: Dossier) => boolean): Promise<Resultaat<Dossier, GeenToegang | NietGevonden>> {
    const v = await this.deps.stores.dossiers.get(dossierId);
    if (v === undefined) {
      await this.audit(a, actie, dossierId, 'niet-gevonden');
      return { ok: false, fout: { code: 'dossier-niet-gevonden', melding: 'Deze casus bestaat niet (meer).' } };
    }
    const mag = magLezen(v.waarde);
    await this.audit(a, actie, dossierId, mag ? 'toegestaan' : 'geweigerd');
    return mag ? { ok: true, waarde: v.waarde } : { ok: false, fout: GEEN_TOEGANG };
  }

  private async audit(a: Aanvraag, actie: AuditRegel['actie'], dossierId: string | undefined, uitkomst: AuditRegel['uitkomst'], dossierIds?: string[]): Promise<void> {
    await this.deps.stores.audit.append(this.regel(a, actie, dossierId, uitkomst, dossierIds));
  }

  private regel(a: Aanvraag, actie: AuditRegel['actie'], dossierId: string | undefined, uitkomst: AuditRegel['uitkomst'], dossierIds?: string[]): AuditRegel {
    const namens = namensVan(a);
    return {
      id: this.nieuwId(),
      op: this.deps.klok().toUTC().toISO() as string,
      actor: { id: a.gebruiker.id, naam: a.gebruiker.naam },
      ...(namens ? { namens } : {}),
      rol: a.gebruiker.rol,
      actie,
      ...(dossierId ? { dossierId } : {}),
      ...(dossierIds ? { dossierIds } : {}),
      kanaal: a.kanaal,
      uitkomst,
    };
  }
}

/**
 * On whose behalf someone acts (NEN 7513): a request may say so; otherwise members and the
 * coordinator of a lokaal team act for their team, and Veilig Thuis staff for their region.
 */
export function namensVan(a: Aanvraag): string | undefined {
  if (a.namens) return a.namens;
  const g = a.gebruiker;
  switch (g.rol) {
    case 'lokaal-team':
    case 'coordinator':
      return g.lokaalTeamId ? `lokaal-team:${g.lokaalTeamId}` : undefined;
    case 'vt-medewerker':
    case 'vt-teamleider':
      return g.vtRegioId ? `vt-regio:${g.vtRegioId}` : undefined;
    default:
      return undefined;
  }
}

export function isOpen(d: Dossier): boolean {
  if (d.veiligThuis !== undefined) return d.veiligThuis.fase !== 'afgesloten';
  return d.meldcode.status !== 'afgesloten';
}

function laatsteActiviteit(d: Dossier): string {
  return d.gebeurtenissen.at(-1)?.op ?? d.aangemaaktOp;
}
