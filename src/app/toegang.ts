import type { Dossier } from '../domain/index.js';
import type { Koppeling, Zichtbaarheid } from '../store/ports.js';
import type { Gebruiker } from './gebruikers.js';

/**
 * Access by role and organisation (DOMAIN.md §8): a professional sees their own cases, the
 * aandachtsfunctionaris those of their organisation, a lokaal team those handed over to it,
 * Veilig Thuis those reported to it.
 */
export function magZien(g: Gebruiker, d: Dossier): boolean {
  switch (g.rol) {
    case 'professional':
      return d.eigenaar.id === g.id;
    case 'aandachtsfunctionaris':
      return d.organisatieId === g.organisatieId || d.eigenaar.id === g.id;
    case 'lokaal-team':
    case 'coordinator':
      return g.lokaalTeamId !== undefined && d.veiligThuis?.overdracht?.partij.teamId === g.lokaalTeamId;
    case 'vt-medewerker':
    case 'vt-teamleider':
      return g.vtRegioId !== undefined && d.veiligThuis?.regioId === g.vtRegioId;
    case 'beleidsmedewerker':
      return false;
  }
}

/**
 * The conversation a request came from. Teams: a personal chat with the bot, a team channel, or
 * a group chat. Anything meldroute cannot place counts as a group chat: it shows no case data.
 */
export type Gesprek =
  | { readonly soort: 'persoonlijk' }
  | {
      readonly soort: 'kanaal';
      readonly teamId: string;
      readonly kanaalId: string;
      /** The party this channel is bound to, read on the server from the binding store; never from card data. */
      readonly koppeling?: Koppeling;
      /** The person is a member of the bound team according to Teams' roster, checked on the server. */
      readonly teamLid?: boolean;
    }
  | { readonly soort: 'groepschat' };

/**
 * What of a dossier a person may see in a conversation: the professional's view in a personal
 * chat, the view of the party a channel is bound to in that channel. A later issue adds the
 * coordinator's view.
 */
export type DossierWeergave = 'professional' | 'veilig-thuis' | 'lokaal-team' | 'coordinator' | 'geen';

interface WeergaveRegel {
  readonly gesprek: Gesprek['soort'];
  readonly weergave: Exclude<DossierWeergave, 'geen'>;
  readonly mag: (gesprek: Gesprek, g: Gebruiker, d: Dossier) => boolean;
}

/**
 * Where case data may appear (issue 7 §1), one row per conversation and view; the first row
 * that allows wins. A professional's case is shown only in a personal chat with the bot, never
 * to a channel or group chat where others read along.
 */
const WEERGAVE_REGELS: readonly WeergaveRegel[] = [
  // The professional's view (signalen, gesprek, the melder's own details) belongs to the owner and
  // the aandachtsfunctionaris of their organisation only; Veilig Thuis and lokale teams get their
  // own views in their bound channels, never this one.
  { gesprek: 'persoonlijk', weergave: 'professional', mag: (_gesprek, g, d) => d.eigenaar.id === g.id || (g.rol === 'aandachtsfunctionaris' && d.organisatieId === g.organisatieId) },
  // The coordinator of the lokaal team a case was handed over to sees the team's view of it in
  // their personal chat (where their nudges arrive), nothing more.
  {
    gesprek: 'persoonlijk',
    weergave: 'coordinator',
    mag: (_gesprek, g, d) => g.rol === 'coordinator' && g.lokaalTeamId !== undefined && d.veiligThuis?.overdracht?.partij.teamId === g.lokaalTeamId,
  },
  // A channel shows a case only when it is bound to the party entitled to it, and only to a member
  // of the bound team: Veilig Thuis of the region the melding went to...
  {
    gesprek: 'kanaal',
    weergave: 'veilig-thuis',
    mag: (gesprek, g, d) => {
      const k = gebondenLid(gesprek, g);
      return k?.soort === 'veilig-thuis' && d.veiligThuis !== undefined && d.veiligThuis.regioId === k.regioId;
    },
  },
  // ...and the lokaal team of that region the case was handed over to.
  {
    gesprek: 'kanaal',
    weergave: 'lokaal-team',
    mag: (gesprek, g, d) => {
      const k = gebondenLid(gesprek, g);
      return k?.soort === 'lokaal-team' && d.veiligThuis?.regioId === k.regioId && d.veiligThuis.overdracht?.partij.teamId === k.teamKey;
    },
  },
];

/**
 * The channel's binding, when the person is a verified member of the bound team *and* works for
 * the party it is bound to (their role from the organisation's administration). Teams' roster
 * alone is not enough: one Teams team can hold the channels of several parties of the chain, and
 * a lokaal team member in it must never read Veilig Thuis's melding card (the melder, the facts).
 */
export function gebondenLid(gesprek: Gesprek, g: Gebruiker): Koppeling | undefined {
  if (gesprek.soort !== 'kanaal' || gesprek.teamLid !== true || gesprek.koppeling === undefined) return undefined;
  const k = gesprek.koppeling;
  const vanPartij =
    k.soort === 'veilig-thuis'
      ? (g.rol === 'vt-medewerker' || g.rol === 'vt-teamleider') && g.vtRegioId === k.regioId
      : (g.rol === 'lokaal-team' || g.rol === 'coordinator') && g.lokaalTeamId === k.teamKey;
  return vanPartij ? k : undefined;
}

/** The one access check for showing a dossier: conversation + person + dossier -> view. */
export function weergaveVoor(gesprek: Gesprek, g: Gebruiker, d: Dossier): DossierWeergave {
  return WEERGAVE_REGELS.find((r) => r.gesprek === gesprek.soort && r.mag(gesprek, g, d))?.weergave ?? 'geen';
}

/**
 * Which dossiers a list in this conversation may search: "Mijn casussen" only in a personal
 * chat. Every dossier found still passes weergaveVoor.
 */
export function zoekbereikVoor(gesprek: Gesprek, g: Gebruiker): Zichtbaarheid | null {
  return gesprek.soort === 'persoonlijk' ? zichtbaarheidVoor(g) : null;
}

/**
 * The cases a bound channel holds cards of, for a verified member of the bound team: the region's
 * meldingen in a Veilig Thuis channel, the team's overdrachten in a lokaal team channel. Listing
 * them there shows nothing the channel does not already hold.
 */
export function kanaalbereikVoor(gesprek: Gesprek, g: Gebruiker): Zichtbaarheid | null {
  const k = gebondenLid(gesprek, g);
  if (k === undefined) return null;
  return k.soort === 'veilig-thuis' ? { soort: 'vt-regio', regioId: k.regioId } : { soort: 'lokaal-team', teamId: k.teamKey };
}

/** Only the owner walks the meldcode steps: the professional who does them records them. */
export function magMeldcodeWijzigen(g: Gebruiker, d: Dossier): boolean {
  return d.eigenaar.id === g.id;
}

export function zichtbaarheidVoor(g: Gebruiker): Zichtbaarheid | null {
  switch (g.rol) {
    case 'professional':
      return { soort: 'eigen', gebruikerId: g.id };
    case 'aandachtsfunctionaris':
      return { soort: 'organisatie', organisatieId: g.organisatieId };
    case 'lokaal-team':
    case 'coordinator':
      return g.lokaalTeamId ? { soort: 'lokaal-team', teamId: g.lokaalTeamId } : null;
    case 'vt-medewerker':
    case 'vt-teamleider':
      return g.vtRegioId ? { soort: 'vt-regio', regioId: g.vtRegioId } : null;
    case 'beleidsmedewerker':
      return null;
  }
}
