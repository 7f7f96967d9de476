/**
 * A work queue with visibility timeouts, the shape of Azure Storage queues: a message taken with
 * `haalOp` is invisible to others for a while and comes back unless it is deleted, so a sender
 * that dies loses nothing. Two implementations pass one contract suite (test/store/wachtrij*):
 * Azure Storage queues and a table in the embedded SQLite store for npm start.
 */

/** Proves who holds a taken message; every `haalOp` and `stelUit` issues a new one. */
export interface Ontvangstbewijs {
  readonly id: string;
  readonly pop: string;
}

export interface OntvangenBericht {
  readonly id: string;
  /** The JSON value that was put in; validated by whoever reads it. */
  readonly inhoud: unknown;
  readonly bewijs: Ontvangstbewijs;
  /** How often the message was handed out, this time included (Azure's dequeueCount). */
  readonly keerOpgehaald: number;
}

/** A message taken out of circulation after too many tries, kept for the coordinator and the admin. */
export interface Gifbericht {
  readonly id: string;
  readonly inhoud: unknown;
  readonly reden: string;
  /** ISO UTC, when it was set aside. */
  readonly op: string;
}

export interface Wachtrij {
  /** Adds a message; `zichtbaarNaSeconden` delays its first delivery. Messages never expire. */
  zetIn(inhoud: unknown, opties?: { readonly zichtbaarNaSeconden?: number }): Promise<void>;
  /** Takes up to `max` visible messages and hides them for `onzichtbaarSeconden`. */
  haalOp(max: number, onzichtbaarSeconden: number): Promise<OntvangenBericht[]>;
  /** Done with it. Fails with BewijsVerlopenError when the message was handed to someone else. */
  verwijder(bewijs: Ontvangstbewijs): Promise<void>;
  /**
   * Puts a taken message back, visible after `seconden`, optionally with new content (a counter);
   * returns the new receipt. Fails with BewijsVerlopenError like `verwijder`.
   */
  stelUit(bewijs: Ontvangstbewijs, seconden: number, inhoud?: unknown): Promise<Ontvangstbewijs>;
  /** Moves a taken message to the poison list with the reason. */
  naarGif(bericht: OntvangenBericht, reden: string): Promise<void>;
  /** The poison list, oldest first. */
  gifberichten(max?: number): Promise<Gifbericht[]>;
  sluit(): Promise<void>;
}

/** The receipt no longer holds: the visibility timeout passed and someone else has the message. */
export class BewijsVerlopenError extends Error {
  override readonly name = 'BewijsVerlopenError';
  constructor(readonly berichtId: string) {
    super(`Bericht ${berichtId} is intussen door een ander opgehaald of verwijderd.`);
  }
}

/** Azure's limits, kept for both implementations so they behave alike. */
export const MAX_OPHALEN = 32;
export const MAX_ONZICHTBAAR_SECONDEN = 7 * 24 * 3600;

export function begrensSeconden(seconden: number): number {
  return Math.min(MAX_ONZICHTBAAR_SECONDEN, Math.max(0, Math.ceil(seconden)));
}
