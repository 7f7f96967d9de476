import type { DateTime } from 'luxon';
import { evaluateAfwegingskader, isMeldcodeAfgesloten, type Dossier, type Instellingen, type WerkdagKalender } from '../domain/index.js';
import type { TermijnAfgehandeldWeergave, TermijnWeergave } from './bezorging.js';
import type { Fouten, Waarden } from './kaartInvoer.js';
import type { VeiligThuisContact } from './regio.js';
import type { VerslagInhoud } from './verslag.js';

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
  | {
      readonly soort: 'kanaalhulp';
      readonly melding?: string;
      /** In a channel bound to Veilig Thuis, for its members: register a melding. */
      readonly registreren?: boolean;
      /** In a bound channel, for its team's members: the party it is bound to, whose open cases it lists. */
      readonly kanaalVan?: string;
    }
  /** In a bound channel, for its team's members: the party's open cases, each opening its channel card. */
  | { readonly soort: 'kanaal-casussen'; readonly partij: string; readonly dossiers: readonly Dossier[]; readonly nu: DateTime; readonly regio: (regioId: string) => RegioWeergave }
  /** In a channel bound to Veilig Thuis: the form to register a melding Veilig Thuis received itself. */
  | { readonly soort: 'vt-registratie'; readonly veiligThuisNaam: string; readonly gemeenten: readonly string[]; readonly waarden?: Waarden; readonly fouten?: Fouten; readonly melding?: string }
  /** The one line for anything about a case outside a personal chat: no data, no references, no counts. */
  | { readonly soort: 'alleen-persoonlijk' }
  /** `sleutel`: the card's own key, so a double click on "Start stap 1" starts one dossier. */
  | { readonly soort: 'start'; readonly waarden?: Waarden; readonly fouten?: Fouten; readonly kenmerkWaarschuwing?: boolean; readonly sleutel?: string }
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
      /**
       * With 'afsluiten-bevestigen': the command that would close, to send again once confirmed.
       * Its verb is plain text here because the Verb union is derived from the handlers, which
       * return this very type; the card sends it back and the registry parses it like any verb.
       */
      readonly bevestig?: { readonly verb: string; readonly data: Waarden };
      /** With 'kenmerk' and 'start': the entered kenmerk looks identifying; a yes keeps it. */
      readonly kenmerkWaarschuwing?: boolean;
    }
  /** `regio` gives each listed dossier its region's Veilig Thuis and calendar. */
  | { readonly soort: 'casussen'; readonly dossiers: readonly Dossier[]; readonly nu: DateTime; readonly regio: (regioId: string) => RegioWeergave }
  | ({ readonly soort: 'verslag'; readonly dossier: Dossier; readonly inhoud: VerslagInhoud; readonly nu: DateTime } & RegioWeergave)
  /**
   * A dossier in a channel bound to the party entitled to it: Veilig Thuis of its region, or the
   * lokaal team it was handed over to. Only what that party may see; never the professional's view.
   */
  | ({
      readonly soort: 'kanaal-dossier';
      readonly weergave: 'veilig-thuis' | 'lokaal-team';
      readonly dossier: Dossier;
      readonly nu: DateTime;
      /** A form of the chain opened on the card, with what was typed and the Dutch errors. */
      readonly formulier?: KanaalFormulier;
      readonly waarden?: Waarden;
      readonly fouten?: Fouten;
      readonly melding?: string;
      /** Lokale teams of the dossier's gemeente, offered as overdrachtspartij. */
      readonly lokaleTeams?: readonly { readonly key: string; readonly naam: string }[];
      /** The region's rule on who monitors, the default the overdracht forms offer. */
      readonly monitoringRegel?: Instellingen['monitoringRegel'];
    } & RegioWeergave)
  /** A nudge card refreshed or clicked: still open, or met ("afgehandeld door … op …"). */
  | { readonly soort: 'herinnering'; readonly kaart: TermijnWeergave | TermijnAfgehandeldWeergave }
  | { readonly soort: 'fout'; readonly melding: string };

/** Forms on a channel card. */
export type KanaalFormulier = 'veiligheidsbeoordeling' | 'vervolg-afronden' | 'monitoring' | 'afsluiten';

export type DossierScherm = Extract<Weergave, { soort: 'dossier' }>;

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
      // The kindcheck is only for a professional who works with adult clients (seed 001, stap 1).
      return m.signalen === undefined || !m.werktMetVolwassenen ? 'signalen' : 'kindcheck';
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

/** The menu of a conversation: the welcome card in a personal chat, the channel help elsewhere. */
export function welkomVoor(a: { readonly gesprek: { readonly soort: string } }, melding?: string): Weergave {
  const m = melding ? { melding } : {};
  return a.gesprek.soort === 'persoonlijk' ? { soort: 'welkom', ...m } : { soort: 'kanaalhulp', ...m };
}
