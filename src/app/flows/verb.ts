import type { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Dossier, MeldcodeCommando } from '../../domain/index.js';
import type { Fouten, Waarden } from '../kaartInvoer.js';
import type { Aanvraag, MeldcodeService } from '../meldcodeService.js';
import type { RegioGids } from '../regio.js';
import type { DossierScherm, KanaalFormulier, RegioWeergave, Scherm, Weergave } from '../weergave.js';

/**
 * One verb a card or a typed command can send, with the input it carries and the handler that
 * answers it (the Agents SDK's `actionExecute('verb', handler)` shape). Flows list their verbs in
 * src/app/flows/<flow>.ts; src/app/verbs.ts combines them and dispatches.
 */

/** What every handler may use: who asked and from where, the card data, the use cases. */
export interface VerbContext {
  readonly aanvraag: Aanvraag;
  readonly service: MeldcodeService;
  /** The card data as it arrived: what was typed goes back on a form after an error. */
  readonly data: Record<string, unknown>;
  readonly nu: () => DateTime;
  /** The region files: who holds which role where. */
  readonly regios: RegioGids;
  /** The dossier on a screen; by default the one its state belongs to. */
  dossierWeergave(d: Dossier, scherm?: Scherm): DossierScherm;
  /** A region's Veilig Thuis and calendar, for the cards of its dossiers. */
  regio(regioId: string): RegioWeergave;
}

/** A verb on one dossier: the card names it (`dossierId`) and the revision it was rendered from. */
export interface DossierContext extends VerbContext {
  readonly dossierId: string;
  /** Shows the dossier again: on a screen with entered values and errors, or on its current step. */
  opnieuw(scherm?: Scherm | ((d: Dossier) => Scherm), data?: Record<string, unknown>, fouten?: Fouten, melding?: string): Promise<Weergave>;
  /**
   * Applies a meldcode command from the card's revision and answers as every meldcode verb does:
   * the next screen (with the verb's confirmation), the early-exit confirmation, the current card
   * for a stale click, or the refusal next to its field.
   */
  wijzigMeldcode(commando: MeldcodeCommando): Promise<Weergave>;
}

interface VerbBasis<V extends string, S extends z.ZodObject> {
  readonly verb: V;
  /**
   * The fields of the form this verb submits, with Dutch messages. Technical data beside them
   * (`dossierId`, `versie`, `verb`) is not validated as typed text.
   */
  readonly invoer: S;
}

/** A verb that needs no dossier: a menu, a list, starting a case. */
export interface AlgemeenVerb<V extends string = string, S extends z.ZodObject = z.ZodObject> extends VerbBasis<V, S> {
  readonly soort: 'algemeen';
  /**
   * Served in every conversation; its handler decides what may be shown there. Without it the
   * verb belongs to the personal chat (see `buitenPersoonlijkeChat` in src/app/verbs.ts).
   */
  readonly overal?: boolean;
  /** The answer to input that does not validate; without it the menu. */
  ongeldig?(ctx: VerbContext, fouten: Fouten): Weergave;
  handle(ctx: VerbContext, invoer: z.infer<S>): Promise<Weergave> | Weergave;
}

/** A verb on one dossier. */
export interface DossierVerb<V extends string = string, S extends z.ZodObject = z.ZodObject> extends VerbBasis<V, S> {
  readonly soort: 'dossier';
  /**
   * This verb's form: shown again with what was typed when the input or the domain refuses a
   * field. A verb without `handle` only opens this screen (or the dossier's current one).
   */
  readonly scherm?: Scherm | ((d: Dossier) => Scherm);
  /** Said after success, for actions whose result the next screen does not make obvious. */
  readonly bevestiging?: string;
  /** A step answered after an early melding: the next open step or question follows at once. */
  readonly verderNaMelding?: boolean;
  handle?(ctx: DossierContext, invoer: z.infer<S>): Promise<Weergave>;
}

/** A chain step on a dossier in a bound channel: what the card shows next, for the same view. */
export interface KanaalContext {
  readonly aanvraag: Aanvraag;
  readonly service: MeldcodeService;
  readonly data: Record<string, unknown>;
  readonly dossier: Dossier;
  /** The revision of the card the click came from. */
  readonly versie: number;
  /** Lokale teams of the dossier's gemeente (or else its region): the overdracht's choices. */
  readonly lokaleTeams: readonly { readonly key: string; readonly naam: string }[];
  /** The channel card again, optionally with a form, what was typed, errors or a message. */
  kaart(d: Dossier, extra?: { formulier?: KanaalFormulier; waarden?: Waarden; fouten?: Fouten; melding?: string }): Weergave;
  /** Reads the dossier again and shows its card: after a lost race, the state that won. */
  opnieuw(extra?: { formulier?: KanaalFormulier; waarden?: Waarden; fouten?: Fouten; melding?: string }): Promise<Weergave>;
}

/**
 * A verb served only in a channel bound to `weergave`'s party, to verified members of the bound
 * team (weergaveVoor, on the server). Invalid input shows `formulier` again with what was typed.
 */
export interface KanaalVerb<V extends string = string, S extends z.ZodObject = z.ZodObject> extends VerbBasis<V, S> {
  readonly soort: 'kanaal';
  readonly weergave: 'veilig-thuis' | 'lokaal-team';
  readonly formulier?: KanaalFormulier;
  handle?(ctx: KanaalContext, invoer: z.infer<S>): Promise<Weergave>;
}

export type VerbDefinitie = AlgemeenVerb | DossierVerb | KanaalVerb;

export const inKanaal = <const V extends string, S extends z.ZodObject>(d: Omit<KanaalVerb<V, S>, 'soort'>): KanaalVerb<V, S> => ({ soort: 'kanaal', ...d });

export const algemeen = <const V extends string, S extends z.ZodObject>(d: Omit<AlgemeenVerb<V, S>, 'soort'>): AlgemeenVerb<V, S> => ({ soort: 'algemeen', ...d });

export const opDossier = <const V extends string, S extends z.ZodObject>(d: Omit<DossierVerb<V, S>, 'soort'>): DossierVerb<V, S> => ({ soort: 'dossier', ...d });
