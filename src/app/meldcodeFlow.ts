import type { DateTime } from 'luxon';
import { z } from 'zod';
import {
  evaluateAfwegingskader,
  IDENTIFICATIE_WAARSCHUWING,
  isMeldcodeAfgesloten,
  lijktIdentificerend,
  type Afwegingsvraag,
  type Dossier,
  type MeldcodeCommando,
  type WerkdagKalender,
} from '../domain/index.js';
import {
  AdviesInvoer,
  AfsluitInvoer,
  AfwegingInvoer,
  HerweegInvoer,
  GesprekInvoer,
  KenmerkInvoer,
  KindcheckInvoer,
  MeldingInvoer,
  OverlegInvoer,
  SignalenInvoer,
  StartInvoer,
  alsWaarden,
  leesInvoer,
  naarAdvies,
  naarGesprek,
  naarKindcheck,
  naarMelding,
  naarOverleg,
  naarSignalen,
  type Fouten,
  type Waarden,
} from './kaartInvoer.js';
import type { Aanvraag, MeldcodeService } from './meldcodeService.js';
import { gemeenteNamen, vasteRegioGids, type RegioGids, type VeiligThuisContact } from './regio.js';
import { verslagInhoud, type VerslagInhoud } from './verslag.js';

/** Every verb a card or a typed command can send: one typed union for the whole bot. */
export const VERBS = [
  'menu',
  'hulp',
  'nieuw',
  'start',
  'casussen',
  'open',
  'vernieuw',
  'signalen',
  'kindcheck',
  'overleg',
  'gesprek',
  'afweging',
  'afweging-formulier',
  'advies-formulier',
  'advies',
  'melding-formulier',
  'melding',
  'afsluiten-formulier',
  'afsluiten',
  'corrigeer',
  'verslag',
  'kenmerk-formulier',
  'kenmerk',
  'herstel',
  'stap-formulier',
  'herweeg-afweging-5',
] as const;
export type Verb = (typeof VERBS)[number];
export const Verb = z.enum(VERBS);

export type Scherm =
  | 'signalen'
  | 'kindcheck'
  | 'overleg'
  | 'gesprek'
  | 'afweging'
  | 'beslissing'
  | 'advies'
  | 'melding'
  | 'afsluiten'
  | 'afsluiten-bevestigen'
  | 'kenmerk'
  | 'status';

/** The dossier region as a card needs it: its Veilig Thuis and its calendar. */
export interface RegioWeergave {
  readonly veiligThuis: VeiligThuisContact;
  readonly kalender: WerkdagKalender;
}

/** What the person sees next; src/cards turns it into an Adaptive Card. */
export type Weergave =
  | { readonly soort: 'welkom'; readonly melding?: string }
  | { readonly soort: 'hulp' }
  /** In a channel or group chat: what meldroute does there, without any case data. */
  | { readonly soort: 'kanaalhulp'; readonly melding?: string }
  /** The one line for anything about a case outside a personal chat: no data, no references, no counts. */
  | { readonly soort: 'alleen-persoonlijk' }
  | { readonly soort: 'start'; readonly waarden?: Waarden; readonly fouten?: Fouten; readonly kenmerkWaarschuwing?: boolean }
  | {
      readonly soort: 'dossier';
      readonly dossier: Dossier;
      readonly scherm: Scherm;
      readonly nu: DateTime;
      readonly waarden?: Waarden;
      readonly fouten?: Fouten;
      /** A Dutch message at the top, e.g. why a command was refused. */
      readonly melding?: string;
      readonly meldingSoort?: 'fout' | 'bevestiging';
      readonly veiligThuis: VeiligThuisContact;
      /** The dossier region's calendar: every date on the card is counted on it. */
      readonly kalender: WerkdagKalender;
      /** The gemeenten of the dossier's region, the choices on the melding form. */
      readonly gemeenten: readonly string[];
      /** With 'afsluiten-bevestigen': the command that would close, to send again once confirmed. */
      readonly bevestig?: { readonly verb: Verb; readonly data: Waarden };
      /** With 'kenmerk' and 'start': the entered kenmerk looks identifying; a yes keeps it. */
      readonly kenmerkWaarschuwing?: boolean;
    }
  /** `regio` gives each listed dossier its region's Veilig Thuis and calendar. */
  | { readonly soort: 'casussen'; readonly dossiers: readonly Dossier[]; readonly nu: DateTime; readonly regio: (regioId: string) => RegioWeergave }
  | ({ readonly soort: 'verslag'; readonly dossier: Dossier; readonly inhoud: VerslagInhoud; readonly nu: DateTime } & RegioWeergave)
  | { readonly soort: 'fout'; readonly melding: string };

/** The kenmerk looks like a name with a birth date or address, and the user has not said yes to it. */
function kenmerkWaarschuwing(i: { referentie: string; kenmerkBevestigd: boolean }): string | undefined {
  const soort = lijktIdentificerend(i.referentie);
  return soort && !i.kenmerkBevestigd ? IDENTIFICATIE_WAARSCHUWING[soort] : undefined;
}

/** For a button whose verb this version no longer knows (an old card). */
export const ONBEKENDE_KNOP = 'Deze knop ken ik niet (meer). Kies hieronder wat u wilt doen.';

/** Which screen belongs to the dossier's current state. */
export function schermVoor(d: Dossier): Scherm {
  const m = d.meldcode;
  if (isMeldcodeAfgesloten(m)) return 'status';
  // After a melding the confirmation comes first; the open steps and questions are one click away.
  if (m.status === 'gemeld') return 'status';
  if (m.status === 'zelf-hulp') return 'beslissing';
  return stapScherm(d);
}

/** Whether steps or questions are still open after a melding (the melding may come at any step). */
export function openNaMelding(d: Dossier): boolean {
  const m = d.meldcode;
  return m.status === 'gemeld' && !isMeldcodeAfgesloten(m) && (m.stap < 5 || evaluateAfwegingskader(m.antwoorden).volgendeVraag !== null);
}

/** The screen of the step the meldcode stands at. */
export function stapScherm(d: Dossier): Scherm {
  const m = d.meldcode;
  switch (m.stap) {
    case 1:
      return m.signalen === undefined ? 'signalen' : 'kindcheck';
    case 2:
      return 'overleg';
    case 3:
      return 'gesprek';
    case 4:
      return 'afweging';
    case 5:
      if (evaluateAfwegingskader(m.antwoorden).volgendeVraag !== null) return 'afweging';
      return m.status === 'gemeld' ? 'status' : 'beslissing';
  }
}

const FORMULIEREN: Partial<Record<Verb, Scherm>> = {
  kenmerk: 'kenmerk',
  'kenmerk-formulier': 'kenmerk',
  afweging: 'afweging',
  signalen: 'signalen',
  kindcheck: 'kindcheck',
  overleg: 'overleg',
  gesprek: 'gesprek',
  advies: 'advies',
  melding: 'melding',
  afsluiten: 'afsluiten',
  'afweging-formulier': 'afweging',
  'advies-formulier': 'advies',
  'melding-formulier': 'melding',
  'afsluiten-formulier': 'afsluiten',
};

/** Confirmations for actions whose result is not obvious from the next screen. */
const BEVESTIGINGEN: Partial<Record<Verb, string>> = {
  advies: 'Het advies van Veilig Thuis is vastgelegd.',
  corrigeer: 'Uw vorige antwoord is teruggenomen; u kunt het nu opnieuw geven.',
};

type Vertaling = { ok: true; commando: MeldcodeCommando } | { ok: false; fouten: Fouten };

/** Card input -> domain command, for the verbs that change the meldcode. */
const COMMANDO_VERBS: Partial<Record<Verb, (data: Record<string, unknown>) => Vertaling>> = {
  signalen: (d) => vertaal(leesInvoer(SignalenInvoer, d), (i) => ({ soort: 'signalen', signalen: naarSignalen(i) })),
  kindcheck: (d) => vertaal(leesInvoer(KindcheckInvoer, d), (i) => ({ soort: 'kindcheck', kindcheck: naarKindcheck(i) })),
  overleg: (d) => vertaal(leesInvoer(OverlegInvoer, d), (i) => ({ soort: 'overleg', overleg: naarOverleg(i), ...bevestiging(i) })),
  gesprek: (d) => vertaal(leesInvoer(GesprekInvoer, d), (i) => ({ soort: 'gesprek', gesprek: naarGesprek(i), ...bevestiging(i) })),
  afweging: (d) =>
    vertaal(leesInvoer(AfwegingInvoer, d), (i) => ({
      soort: 'afweging',
      vraag: i.vraag as Afwegingsvraag,
      antwoord: i.antwoord,
      ...(i.onveiligheid ? { onveiligheid: i.onveiligheid } : {}),
      ...(i.samenMetNaam ? { samenMet: { met: i.samenMetNaam, op: i.samenMetOp ?? '' } } : {}),
      ...(i.afsluitToelichting ? { afsluitToelichting: i.afsluitToelichting } : {}),
    })),
  advies: (d) => vertaal(leesInvoer(AdviesInvoer, d), (i) => ({ soort: 'advies', advies: naarAdvies(i) })),
  melding: (d) => vertaal(leesInvoer(MeldingInvoer, d), (i) => ({ soort: 'melding', melding: naarMelding(i) })),
  afsluiten: (d) => vertaal(leesInvoer(AfsluitInvoer, d), (i) => ({ soort: 'afsluiten', toelichting: i.toelichting, ...(i.ondanksMeldplicht ? { ondanksMeldplicht: true } : {}) })),
  'herweeg-afweging-5': (d) => vertaal(leesInvoer(HerweegInvoer, d), (i) => ({ soort: 'herweeg-afweging-5', antwoord: i.antwoord })),
  corrigeer: () => ({ ok: true, commando: { soort: 'corrigeer' } }),
};

/**
 * The revision the card was rendered from. Every card that can change a dossier carries one; a
 * command without it is treated as coming from an unknown, so outdated, card.
 */
function kaartRevisie(data: Record<string, unknown>): number {
  const r = z.coerce.number().int().nonnegative().safeParse(data['versie']);
  return r.success && data['versie'] !== '' && data['versie'] !== undefined ? r.data : -1;
}

const STAP_VERBS: ReadonlySet<Verb> = new Set(['signalen', 'kindcheck', 'overleg', 'gesprek', 'afweging']);

const bevestiging = (i: { afsluitToelichting?: string | undefined }) => (i.afsluitToelichting ? { afsluitToelichting: i.afsluitToelichting } : {});

/** Domain refusals that belong next to one field of the form, not at the top of the card. */
const FOUT_VELD: Partial<Record<string, string>> = {
  'onveiligheid-ontbreekt': 'onveiligheid',
  'samen-met-veilig-thuis-ontbreekt': 'samenMetNaam',
  'referentie-ongeldig': 'referentie',
  'melden-noodzakelijk': 'ondanksMeldplicht',
  'gemeente-onbekend': 'gemeente',
};

function vertaal<T>(invoer: { ok: true; waarde: T } | { ok: false; fouten: Fouten }, maak: (t: T) => MeldcodeCommando): Vertaling {
  return invoer.ok ? { ok: true, commando: maak(invoer.waarde) } : invoer;
}

/**
 * Handles one card action or typed command: validate, call the use case, and decide what the
 * person sees next. The same code serves Action.Execute, Action.Submit and the dialogs.
 */
export class MeldcodeFlow {
  constructor(
    private readonly service: MeldcodeService,
    private readonly klok: () => DateTime,
    private readonly regios: RegioGids = vasteRegioGids({}),
  ) {}

  async verwerk(a: Aanvraag, verb: Verb, data: Record<string, unknown> = {}): Promise<Weergave> {
    return a.gesprek.soort === 'persoonlijk' ? this.persoonlijk(a, verb, data) : this.buitenPersoonlijkeChat(a, verb, data);
  }

  /** The menu of this conversation: the welcome card in a personal chat, the channel help elsewhere. */
  welkom(a: Aanvraag, melding?: string): Weergave {
    const m = melding ? { melding } : {};
    return a.gesprek.soort === 'persoonlijk' ? { soort: 'welkom', ...m } : { soort: 'kanaalhulp', ...m };
  }

  /** Typed text that is no command. */
  nietBegrepen(a: Aanvraag): Weergave {
    return this.welkom(a, a.gesprek.soort === 'persoonlijk' ? 'Dat begreep ik niet. Typ "start", "casussen" of "help", of kies hieronder.' : 'Dat begreep ik niet. Typ "help" voor uitleg.');
  }

  /**
   * Outside a personal chat a case is never shown, listed or counted (issue 7 §1). The request
   * still goes to the use case, which refuses it and audits the refusal (with the dossier id a
   * card names); whatever it answers, the person sees the same one line.
   */
  private async buitenPersoonlijkeChat(a: Aanvraag, verb: Verb, data: Record<string, unknown>): Promise<Weergave> {
    if (verb === 'menu' || verb === 'hulp') return { soort: 'kanaalhulp' };
    await this.persoonlijk(a, verb, data);
    return { soort: 'alleen-persoonlijk' };
  }

  private async persoonlijk(a: Aanvraag, verb: Verb, data: Record<string, unknown>): Promise<Weergave> {
    switch (verb) {
      case 'menu':
        return { soort: 'welkom' };
      case 'hulp':
        return { soort: 'hulp' };
      case 'nieuw':
        return { soort: 'start' };
      case 'casussen':
        return { soort: 'casussen', dossiers: await this.service.casussen(a), nu: this.klok(), regio: (regioId) => this.regioWeergave(regioId) };
      case 'start':
        return this.start(a, data);
      default:
        return this.metDossier(a, verb, data);
    }
  }

  private async start(a: Aanvraag, data: Record<string, unknown>): Promise<Weergave> {
    const invoer = leesInvoer(StartInvoer, data);
    if (!invoer.ok) return { soort: 'start', waarden: alsWaarden(data), fouten: invoer.fouten };
    const waarschuwing = kenmerkWaarschuwing(invoer.waarde);
    if (waarschuwing) return { soort: 'start', waarden: alsWaarden(data), fouten: { referentie: waarschuwing }, kenmerkWaarschuwing: true };
    const r = await this.service.start(a, invoer.waarde);
    if (!r.ok) return { soort: 'start', waarden: alsWaarden(data), fouten: { referentie: r.fout.melding } };
    return this.dossierWeergave(r.waarde);
  }

  private async metDossier(a: Aanvraag, verb: Verb, data: Record<string, unknown>): Promise<Weergave> {
    const dossierId = typeof data['dossierId'] === 'string' ? data['dossierId'] : undefined;
    if (dossierId === undefined) return { soort: 'welkom', melding: 'Kies eerst een casus via "Mijn casussen", of start een nieuwe meldcode.' };
    if (verb === 'kenmerk') return this.wijzigKenmerk(a, dossierId, data);
    if (verb === 'herstel') return this.opnieuw(a, dossierId, undefined, data);
    const vertaler = COMMANDO_VERBS[verb];
    if (vertaler !== undefined) {
      const vertaling = vertaler(data);
      if (!vertaling.ok) return this.opnieuw(a, dossierId, FORMULIEREN[verb], data, vertaling.fouten);
      const r = await this.service.pasToe(a, dossierId, vertaling.commando, kaartRevisie(data));
      if (r.ok) {
        const d = r.waarde.dossier;
        const bevestiging = BEVESTIGINGEN[verb];
        // After a melding the open steps and questions are recorded in one go: keep going.
        const verder = STAP_VERBS.has(verb) && openNaMelding(d);
        return { ...this.dossierWeergave(d, verder ? stapScherm(d) : undefined), ...(bevestiging ? { melding: bevestiging, meldingSoort: 'bevestiging' as const } : {}) };
      }
      if (r.fout.code === 'geen-toegang' || r.fout.code === 'dossier-niet-gevonden') return { soort: 'fout', melding: r.fout.melding };
      if (r.fout.code === 'afsluiten-bevestigen') {
        const w = await this.opnieuw(a, dossierId, 'afsluiten-bevestigen', {}, {}, r.fout.melding);
        return w.soort === 'dossier' ? { ...w, bevestig: { verb, data: alsWaarden(data) } } : w;
      }
      // A stale card or a lost race: the current card, with what was typed still on it where it fits.
      if (r.fout.code === 'kaart-verouderd' || r.fout.code === 'tegelijk-gewijzigd') return this.opnieuw(a, dossierId, undefined, {}, {}, r.fout.melding);
      const veld = FOUT_VELD[r.fout.code];
      return veld ? this.opnieuw(a, dossierId, FORMULIEREN[verb], data, { [veld]: r.fout.melding }) : this.opnieuw(a, dossierId, undefined, data, {}, r.fout.melding);
    }
    if (verb === 'verslag') {
      const r = await this.service.exporteer(a, dossierId);
      if (!r.ok) return { soort: 'fout', melding: r.fout.melding };
      const nu = this.klok();
      return { soort: 'verslag', dossier: r.waarde, inhoud: verslagInhoud(r.waarde, nu), nu, ...this.regioWeergave(r.waarde.regioId) };
    }
    return this.opnieuw(a, dossierId, verb === 'stap-formulier' ? stapScherm : FORMULIEREN[verb]);
  }

  private async wijzigKenmerk(a: Aanvraag, dossierId: string, data: Record<string, unknown>): Promise<Weergave> {
    const invoer = leesInvoer(KenmerkInvoer, data);
    if (!invoer.ok) return this.opnieuw(a, dossierId, 'kenmerk', data, invoer.fouten);
    const waarschuwing = kenmerkWaarschuwing(invoer.waarde);
    if (waarschuwing) {
      const w = await this.opnieuw(a, dossierId, 'kenmerk', data, { referentie: waarschuwing });
      return w.soort === 'dossier' ? { ...w, kenmerkWaarschuwing: true } : w;
    }
    const r = await this.service.pasToe(a, dossierId, { soort: 'kenmerk', referentie: invoer.waarde.referentie }, kaartRevisie(data));
    if (r.ok) return { ...this.dossierWeergave(r.waarde.dossier), melding: 'Het kenmerk is gewijzigd.', meldingSoort: 'bevestiging' };
    if (r.fout.code === 'geen-toegang' || r.fout.code === 'dossier-niet-gevonden') return { soort: 'fout', melding: r.fout.melding };
    if (r.fout.code === 'kaart-verouderd' || r.fout.code === 'tegelijk-gewijzigd') return this.opnieuw(a, dossierId, undefined, {}, {}, r.fout.melding);
    return this.opnieuw(a, dossierId, 'kenmerk', data, { referentie: r.fout.melding });
  }

  /** Shows the dossier again: on a form with the entered values and errors, or on its current step. */
  private async opnieuw(
    a: Aanvraag,
    dossierId: string,
    scherm?: Scherm | ((d: Dossier) => Scherm),
    data: Record<string, unknown> = {},
    fouten: Fouten = {},
    melding?: string,
  ): Promise<Weergave> {
    const r = await this.service.open(a, dossierId);
    if (!r.ok) return { soort: 'fout', melding: r.fout.melding };
    return {
      ...this.dossierWeergave(r.waarde, typeof scherm === 'function' ? scherm(r.waarde) : scherm),
      waarden: alsWaarden(data),
      fouten,
      ...(melding ? { melding } : Object.keys(fouten).length > 0 ? { melding: 'Controleer de gemarkeerde velden; wat u invulde staat er nog.' } : {}),
    };
  }

  /** The professional's card of a dossier as it stands, e.g. to update it after delivery. */
  huidigeKaart(dossier: Dossier): Weergave {
    return this.dossierWeergave(dossier);
  }

  private dossierWeergave(dossier: Dossier, scherm: Scherm = schermVoor(dossier)): Weergave & { soort: 'dossier' } {
    return {
      soort: 'dossier',
      dossier,
      scherm,
      nu: this.klok(),
      ...this.regioWeergave(dossier.regioId),
      gemeenten: gemeenteNamen(this.regios.regio(dossier.regioId)),
    };
  }

  private regioWeergave(regioId: string): RegioWeergave {
    return { veiligThuis: this.regios.veiligThuis(regioId), kalender: this.regios.kalender(regioId) };
  }
}
