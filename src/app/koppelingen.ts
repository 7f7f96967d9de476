import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import {
  ConflictError,
  gesprekId,
  koppelingSleutel,
  zelfdeKoppeling,
  type AuditRegel,
  type KanaalKoppeling,
  type KanaalSleutel,
  type Koppeling,
  type Stores,
  type Versie,
} from '../store/ports.js';
import type { Gebruiker } from './gebruikers.js';
import type { Aanvraag } from './meldcodeService.js';
import type { RegioGids, RegioInfo } from './regio.js';
import { lokaleTijd } from './verslag.js';

/** What someone typed after "koppel kanaal aan": the party, by name or id/key. */
export type KoppelDoel = { readonly soort: 'veilig-thuis'; readonly naam: string } | { readonly soort: 'lokaal-team'; readonly naam: string };

export interface KoppelingRegel {
  readonly doel: string;
  readonly kanaal: string;
  readonly door: string;
  readonly op: string;
}

/** What the binding commands answer. None of it is case data. */
export type KoppelingWeergave =
  | { readonly soort: 'regel'; readonly tekst: string }
  | {
      readonly soort: 'kanaal';
      readonly kanaal: string;
      /** The party this channel is bound to now; absent when it is not bound. */
      readonly doel?: string;
      readonly door?: string;
      readonly op?: string;
      readonly melding: string;
      readonly geslaagd: boolean;
    }
  | { readonly soort: 'overzicht'; readonly regios: readonly { readonly naam: string; readonly koppelingen: readonly KoppelingRegel[] }[] };

export const ALLEEN_IN_KANAAL = 'Koppelen en ontkoppelen doet u in het teamkanaal zelf: typ daar bijvoorbeeld "@meldroute koppelingen".';
const NIETS_GEWIJZIGD = 'Er is niets gewijzigd.';
const GEEN_BEHEERDER = `Alleen een beheerder van een regio kan kanalen koppelen. ${NIETS_GEWIJZIGD}`;
const TEGELIJK = `Iemand anders wijzigde de koppeling van dit kanaal op hetzelfde moment. ${NIETS_GEWIJZIGD} Probeer het opnieuw.`;

export interface KoppelingenDeps {
  readonly stores: Pick<Stores, 'koppelingen' | 'gesprekken' | 'audit'>;
  readonly regios: RegioGids;
  readonly klok: () => DateTime;
  readonly nieuwId?: () => string;
  /** A channel was just bound: deliver what waited for a binding (the dispatcher's sweep). */
  readonly naKoppelen?: () => Promise<void>;
}

interface Gevonden {
  readonly koppeling: Koppeling;
  readonly regio: RegioInfo;
}

/**
 * Binding team channels to the parties meldroute posts to (issue 9): a region's Veilig Thuis
 * or a lokaal team. Only a beheerder of the region binds, in the channel itself; every bind,
 * unbind and refusal is audited. A binding says where cards go; the access function decides
 * what a member of the bound team sees there (src/app/toegang.ts).
 */
export class Koppelingen {
  private readonly nieuwId: () => string;

  constructor(private readonly deps: KoppelingenDeps) {
    this.nieuwId = deps.nieuwId ?? randomUUID;
  }

  async koppel(a: Aanvraag, doel: KoppelDoel): Promise<KoppelingWeergave> {
    const kanaal = kanaalVan(a);
    if (kanaal === undefined) return { soort: 'regel', tekst: ALLEEN_IN_KANAAL };
    const beheerd = this.beheerdDoor(a.gebruiker);
    if (beheerd.length === 0) {
      await this.audit(a, 'koppel', kanaal, 'geweigerd');
      return { soort: 'regel', tekst: GEEN_BEHEERDER };
    }
    const gevonden = this.zoek(doel);
    const eigen = gevonden.filter((g) => beheerd.some((r) => r.id === g.regio.id));
    if (gevonden.length === 0) return { soort: 'regel', tekst: this.onbekend(doel, beheerd) };
    const [gekozen, ...meer] = eigen;
    if (gekozen === undefined) {
      await this.audit(a, 'koppel', kanaal, 'geweigerd', gevonden[0]?.koppeling);
      return { soort: 'regel', tekst: `U bent geen beheerder van regio ${gevonden.map((g) => g.regio.naam).join(' of ')}. ${NIETS_GEWIJZIGD}` };
    }
    if (meer.length > 0) {
      const sleutels = eigen.map((g) => `${this.omschrijf(g.koppeling)}: "koppel kanaal aan lokaal team ${g.koppeling.soort === 'lokaal-team' ? g.koppeling.teamKey : ''}"`);
      return { soort: 'regel', tekst: `Er zijn meer lokale teams met de naam "${doel.naam}". Typ de sleutel van het team: ${sleutels.join('; ')}. ${NIETS_GEWIJZIGD}` };
    }
    const huidig = await this.deps.stores.koppelingen.voorKanaal(kanaal);
    if (huidig !== undefined && zelfdeKoppeling(huidig.waarde.koppeling, gekozen.koppeling)) {
      return this.kaart(kanaal, huidig.waarde, `Dit kanaal was al gekoppeld aan ${this.omschrijf(gekozen.koppeling)}. ${NIETS_GEWIJZIGD}`, false);
    }
    if (huidig !== undefined && !beheerd.some((r) => r.id === huidig.waarde.koppeling.regioId)) {
      await this.audit(a, 'koppel', kanaal, 'geweigerd', gekozen.koppeling);
      return { soort: 'regel', tekst: `Dit kanaal is gekoppeld aan ${this.omschrijf(huidig.waarde.koppeling)}; alleen een beheerder van die regio kan dat wijzigen. ${NIETS_GEWIJZIGD}` };
    }
    const nieuw: KanaalKoppeling = { kanaal, koppeling: gekozen.koppeling, door: { id: a.gebruiker.id, naam: a.gebruiker.naam }, op: this.nu() };
    try {
      await this.deps.stores.koppelingen.koppel(nieuw, huidig?.etag);
    } catch (e) {
      if (e instanceof ConflictError) return { soort: 'regel', tekst: TEGELIJK };
      throw e;
    }
    if (huidig !== undefined) await this.audit(a, 'ontkoppel', kanaal, 'toegestaan', huidig.waarde.koppeling);
    await this.audit(a, 'koppel', kanaal, 'toegestaan', gekozen.koppeling);
    const verplaatst = await this.elders(a, kanaal, gekozen.koppeling);
    await this.deps.naKoppelen?.();
    const eerder = verplaatst.length > 0 ? ` Het kanaal ${verplaatst.join(', ')} was hieraan gekoppeld; die koppeling is opgeheven.` : '';
    return this.kaart(kanaal, nieuw, `Gekoppeld. ${this.watNu(gekozen.koppeling)}${eerder}`, true);
  }

  async ontkoppel(a: Aanvraag): Promise<KoppelingWeergave> {
    const kanaal = kanaalVan(a);
    if (kanaal === undefined) return { soort: 'regel', tekst: ALLEEN_IN_KANAAL };
    const huidig = await this.deps.stores.koppelingen.voorKanaal(kanaal);
    if (huidig === undefined) return this.kaart(kanaal, undefined, `Dit kanaal is niet gekoppeld. ${NIETS_GEWIJZIGD}`, false);
    if (!this.beheerdDoor(a.gebruiker).some((r) => r.id === huidig.waarde.koppeling.regioId)) {
      await this.audit(a, 'ontkoppel', kanaal, 'geweigerd', huidig.waarde.koppeling);
      return { soort: 'regel', tekst: `Alleen een beheerder van ${this.regioNaam(huidig.waarde.koppeling.regioId)} kan dit kanaal ontkoppelen. ${NIETS_GEWIJZIGD}` };
    }
    try {
      await this.deps.stores.koppelingen.ontkoppel(kanaal, huidig.etag);
    } catch (e) {
      if (e instanceof ConflictError) return { soort: 'regel', tekst: TEGELIJK };
      throw e;
    }
    await this.audit(a, 'ontkoppel', kanaal, 'toegestaan', huidig.waarde.koppeling);
    return this.kaart(kanaal, undefined, `Ontkoppeld van ${this.omschrijf(huidig.waarde.koppeling)}. meldroute plaatst hier geen kaarten meer en toont hier geen casussen.`, true);
  }

  /** The bindings of every region this person is a beheerder of. */
  async overzicht(a: Aanvraag): Promise<KoppelingWeergave> {
    if (kanaalVan(a) === undefined) return { soort: 'regel', tekst: ALLEEN_IN_KANAAL };
    const beheerd = this.beheerdDoor(a.gebruiker);
    if (beheerd.length === 0) {
      await this.audit(a, 'search', undefined, 'geweigerd');
      return { soort: 'regel', tekst: `Alleen een beheerder van een regio kan de koppelingen zien.` };
    }
    const regios = await Promise.all(
      beheerd.map(async (r) => ({
        naam: r.naam,
        koppelingen: await Promise.all(
          (await this.deps.stores.koppelingen.lijst(r.id)).map(async (k) => ({
            doel: this.omschrijf(k.koppeling),
            kanaal: await this.kanaalNaam(k.kanaal),
            door: k.door.naam,
            op: lokaleTijd(k.op),
          })),
        ),
      })),
    );
    return { soort: 'overzicht', regios };
  }

  /** Teams deleted a channel: its binding goes with it, audited with whoever deleted it. */
  async kanaalVerwijderd(a: Aanvraag, kanaal: KanaalSleutel): Promise<void> {
    for (let poging = 0; poging < 3; poging += 1) {
      const huidig = await this.deps.stores.koppelingen.voorKanaal(kanaal);
      if (huidig === undefined) return;
      try {
        await this.deps.stores.koppelingen.ontkoppel(kanaal, huidig.etag);
      } catch (e) {
        if (e instanceof ConflictError) continue;
        throw e;
      }
      await this.audit(a, 'ontkoppel', kanaal, 'toegestaan', huidig.waarde.koppeling);
      return;
    }
  }

  /** A party has one channel: binding it here unbinds it wherever it was. Returns those channels' names. */
  private async elders(a: Aanvraag, hier: KanaalSleutel, doel: Koppeling): Promise<string[]> {
    const namen: string[] = [];
    for (const k of await this.deps.stores.koppelingen.lijst(doel.regioId)) {
      if (!zelfdeKoppeling(k.koppeling, doel) || gesprekId(k.kanaal) === gesprekId(hier)) continue;
      const huidig: Versie<KanaalKoppeling> | undefined = await this.deps.stores.koppelingen.voorKanaal(k.kanaal);
      if (huidig === undefined || !zelfdeKoppeling(huidig.waarde.koppeling, doel)) continue;
      try {
        await this.deps.stores.koppelingen.ontkoppel(k.kanaal, huidig.etag);
      } catch (e) {
        // Someone changed that channel meanwhile: it is theirs now, leave it.
        if (e instanceof ConflictError) continue;
        throw e;
      }
      await this.audit(a, 'ontkoppel', k.kanaal, 'toegestaan', doel);
      namen.push(await this.kanaalNaam(k.kanaal));
    }
    return namen;
  }

  private beheerdDoor(g: Gebruiker): RegioInfo[] {
    return this.deps.regios.regios().filter((r) => r.beheerders.includes(g.id));
  }

  private zoek(doel: KoppelDoel): Gevonden[] {
    const naam = vergelijkbaar(doel.naam);
    if (naam === '') return [];
    const regios = this.deps.regios.regios();
    if (doel.soort === 'veilig-thuis') {
      return regios
        .filter((r) => [r.id, r.naam, r.veiligThuis.naam].some((n) => vergelijkbaar(n) === naam))
        .map((regio) => ({ regio, koppeling: { soort: 'veilig-thuis', regioId: regio.id } }));
    }
    return regios.flatMap((regio) =>
      regio.gemeenten
        .flatMap((g) => g.lokaleTeams)
        .filter((t) => vergelijkbaar(t.key) === naam || vergelijkbaar(t.naam) === naam)
        .map((t) => ({ regio, koppeling: { soort: 'lokaal-team' as const, regioId: regio.id, teamKey: t.key } })),
    );
  }

  /** A name meldroute does not know: say which ones it does, from the regions this person manages. */
  private onbekend(doel: KoppelDoel, beheerd: readonly RegioInfo[]): string {
    if (doel.soort === 'veilig-thuis') {
      const keuzes = beheerd.map((r) => `${r.naam} (${r.id})`).join(', ');
      return `Geen regio "${doel.naam}" gevonden. U kunt kiezen uit: ${keuzes}. Typ bijvoorbeeld "koppel kanaal aan Veilig Thuis ${beheerd[0]?.naam ?? ''}".`;
    }
    const teams = beheerd.flatMap((r) => r.gemeenten.flatMap((g) => g.lokaleTeams.map((t) => `${t.naam} (${t.key})`)));
    if (teams.length === 0) return `Geen lokaal team "${doel.naam}" gevonden: in uw regio's zijn geen lokale teams ingesteld.`;
    return `Geen lokaal team "${doel.naam}" gevonden. U kunt kiezen uit: ${teams.join(', ')}.`;
  }

  private async kaart(kanaal: KanaalSleutel, k: KanaalKoppeling | undefined, melding: string, geslaagd: boolean): Promise<KoppelingWeergave> {
    return {
      soort: 'kanaal',
      kanaal: await this.kanaalNaam(kanaal),
      ...(k ? { doel: this.omschrijf(k.koppeling), door: k.door.naam, op: lokaleTijd(k.op) } : {}),
      melding,
      geslaagd,
    };
  }

  private watNu(k: Koppeling): string {
    return k.soort === 'veilig-thuis'
      ? `Meldingen bij ${this.omschrijf(k)} verschijnen voortaan als kaart in dit kanaal. Alleen leden van dit team zien de casusgegevens.`
      : `Casussen die Veilig Thuis overdraagt aan ${this.omschrijf(k)} verschijnen voortaan als kaart in dit kanaal. Alleen leden van dit team zien de casusgegevens.`;
  }

  /** The party in words, e.g. "lokaal team Wijkteam Noord van gemeente Nijmegen, regio Gelderland-Zuid". */
  omschrijf(k: Koppeling): string {
    const regio = this.deps.regios.regio(k.regioId);
    if (k.soort === 'veilig-thuis') return `Veilig Thuis ${this.regioNaam(k.regioId)}`;
    for (const g of regio?.gemeenten ?? []) {
      const team = g.lokaleTeams.find((t) => t.key === k.teamKey);
      if (team) return `lokaal team ${team.naam} van gemeente ${g.naam}, ${this.regioNaam(k.regioId)}`;
    }
    return `lokaal team ${k.teamKey}, ${this.regioNaam(k.regioId)}`;
  }

  private regioNaam(regioId: string): string {
    return `regio ${this.deps.regios.regio(regioId)?.naam ?? regioId}`;
  }

  /**
   * The channel's name as Teams last told it (install, created, renamed). The General channel
   * has the team's id and no name of its own.
   */
  private async kanaalNaam(kanaal: KanaalSleutel): Promise<string> {
    const referentie = await this.deps.stores.gesprekken.zoek(kanaal);
    const naam = (referentie?.['conversation'] as { name?: unknown } | undefined)?.name;
    if (typeof naam === 'string' && naam.trim() !== '') return naam;
    return kanaal.kanaalId === kanaal.teamId ? 'Algemeen' : 'kanaal zonder bekende naam';
  }

  private nu(): string {
    return this.deps.klok().toUTC().toISO() as string;
  }

  private async audit(a: Aanvraag, actie: AuditRegel['actie'], kanaal: KanaalSleutel | undefined, uitkomst: AuditRegel['uitkomst'], doel?: Koppeling): Promise<void> {
    await this.deps.stores.audit.append({
      id: this.nieuwId(),
      op: this.nu(),
      actor: { id: a.gebruiker.id, naam: a.gebruiker.naam },
      ...(doel ? { namens: koppelingSleutel(doel) } : {}),
      rol: a.gebruiker.rol,
      actie,
      kanaal: a.kanaal,
      ...(kanaal ? { gesprek: gesprekId(kanaal) } : {}),
      uitkomst,
    });
  }
}

function kanaalVan(a: Aanvraag): KanaalSleutel | undefined {
  return a.gesprek.soort === 'kanaal' ? { soort: 'kanaal', teamId: a.gesprek.teamId, kanaalId: a.gesprek.kanaalId } : undefined;
}

/** Names compare without case, surrounding quotes or repeated spaces. */
function vergelijkbaar(naam: string): string {
  return naam.trim().replace(/^["'“”]+|["'“”]+$/g, '').replace(/\s+/g, ' ').toLowerCase();
}
