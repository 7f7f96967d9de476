import type { DateTime } from 'luxon';
import type { Actor, Dossier, Gebeurtenis } from './model.js';

/**
 * Side effects the domain asks for; the application layer performs them (post a card, notify
 * a channel). The domain only names them so every rule stays testable without Teams.
 */
export type Effect =
  | { readonly soort: 'melding-naar-veilig-thuis'; readonly regioId: string; readonly spoed: boolean }
  | { readonly soort: 'overdracht-naar-lokaal-team'; readonly teamId: string }
  | { readonly soort: 'overdracht-bevestigd'; readonly regioId: string }
  | { readonly soort: 'terugkoppeling-naar-veilig-thuis'; readonly regioId: string }
  | { readonly soort: 'terug-naar-veilig-thuis'; readonly regioId: string }
  | { readonly soort: 'escalatie-gestart'; readonly route: 'a' | 'b' | 'c' }
  | { readonly soort: 'dossier-afgesloten' };

export interface Wijziging {
  readonly dossier: Dossier;
  readonly effecten: readonly Effect[];
}

/** When and by whom a command is given. Time is always passed in; the domain never reads a clock. */
export interface Context {
  readonly op: DateTime;
  readonly door: Actor;
  /** Settings an organisation or region may change; absent means the protocol's defaults. */
  readonly instellingen?: Instellingen;
}

export interface Instellingen {
  /** After choosing zelf hulp, afweging 5 is weighed again after this many weeks. */
  readonly vervolgZelfHulpWeken?: number;
}

export const STANDAARD_VERVOLG_ZELF_HULP_WEKEN = 6;

export function tijdstip(op: DateTime): string {
  const iso = op.toUTC().toISO();
  if (iso === null) throw new RangeError('Ongeldig tijdstip.');
  return iso;
}

export function metGebeurtenis(dossier: Dossier, ctx: Context, soort: string, omschrijving: string): Dossier {
  const gebeurtenis: Gebeurtenis = { soort, op: tijdstip(ctx.op), door: ctx.door, omschrijving };
  return { ...dossier, gebeurtenissen: [...dossier.gebeurtenissen, gebeurtenis] };
}
