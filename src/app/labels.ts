import type {
  AfsluitReden,
  Gesprek,
  MeldcodeStatus,
  Onveiligheid,
  Melding,
  OverlegRol,
  REDENEN_GEEN_GESPREK,
  Rol,
  Route,
  VT_BRONNEN,
} from '../domain/index.js';

/**
 * Dutch words for every code the model stores, so no `veiligheid-kind` ever reaches a reader.
 * Typed as total records: a new code in the model is a compile error here until it has a label.
 */

/** In "Annelies de Boer (professional)": lower case, after a name. */
export const ROL_LABELS: Readonly<Record<Rol, string>> = {
  professional: 'professional',
  aandachtsfunctionaris: 'aandachtsfunctionaris',
  'vt-medewerker': 'medewerker Veilig Thuis',
  'vt-teamleider': 'teamleider Veilig Thuis',
  'lokaal-team': 'lokaal team',
  coordinator: 'coördinator lokaal team',
  beleidsmedewerker: 'beleidsmedewerker gemeente',
};

/** The same words as the choices on the overleg card. */
export const OVERLEG_ROL_LABELS: Readonly<Record<OverlegRol, string>> = {
  aandachtsfunctionaris: 'Aandachtsfunctionaris',
  collega: 'Collega',
  gedragswetenschapper: 'Gedragswetenschapper',
  leidinggevende: 'Leidinggevende',
  letselduider: 'Deskundige letselduiding',
};

export const GESPREK_UITKOMST_LABELS: Readonly<Record<Gesprek['uitkomst'], string>> = {
  gevoerd: 'Gevoerd; de zorgen blijven',
  'niet-gevoerd': 'Niet gevoerd',
  'zorgen-weggenomen': 'Gevoerd; de zorgen zijn weggenomen',
};

export const REDEN_GEEN_GESPREK_LABELS: Readonly<Record<(typeof REDENEN_GEEN_GESPREK)[number], string>> = {
  'veiligheid-kind': 'De veiligheid van het kind',
  'veiligheid-professional': 'De veiligheid van de professional',
  relatie: 'De relatie met de cliënt',
};

export const ROUTE_LABELS: Readonly<Record<Route, string>> = {
  afsluiten: 'Meldcode afsluiten: geen vermoeden',
  'zelf-hulp': 'Zelf hulp bieden of organiseren; melden is niet noodzakelijk',
  melden: 'Melden bij Veilig Thuis',
  'melden-en-hulp': 'Melden bij Veilig Thuis en zelf hulp bieden of organiseren',
};

export const AFSLUIT_REDEN_LABELS: Readonly<Record<AfsluitReden, string>> = {
  'onvoldoende-signalen': 'Onvoldoende signalen na overleg (stap 2)',
  'zorgen-weggenomen': 'Zorgen weggenomen in het gesprek met de cliënt (stap 3)',
  'geen-vermoeden': 'Geen vermoeden van huiselijk geweld of kindermishandeling (afwegingsvraag 1)',
  handmatig: 'Afgesloten door de professional',
  'dossier-afgesloten': 'Dossier afgesloten',
};

export const MELDING_SOORT_LABELS: Readonly<Record<Melding['soort'], string>> = {
  open: 'Open melding: besproken met het gezin',
  'anoniem-tov-gezin': 'Anoniem ten opzichte van het gezin',
  'bij-veilig-thuis': 'Geregistreerd door Veilig Thuis',
};

export const VT_BRON_LABELS: Readonly<Record<(typeof VT_BRONNEN)[number], string>> = {
  'politie-zorgmelding': 'Zorgmelding van de politie',
  burger: 'Burger',
  'professional-telefoon': 'Professional, telefonisch',
};

export const MELDCODE_STATUS_LABELS: Readonly<Record<MeldcodeStatus, string>> = {
  lopend: 'Loopt',
  afgesloten: 'Afgesloten',
  'zelf-hulp': 'Zelf hulp; de veiligheid wordt gevolgd',
  gemeld: 'Gemeld bij Veilig Thuis',
};

/** Afwegingsvraag 2 in detail: which kind of unsafety. */
export const ONVEILIGHEID_LABELS: Readonly<Record<Onveiligheid, string>> = {
  acuut: 'Acute onveiligheid',
  structureel: 'Structurele onveiligheid',
  beide: 'Acute en structurele onveiligheid',
};

export const jaNee = (b: boolean): string => (b ? 'Ja' : 'Nee');
