/**
 * Domain operations return their errors as values: a protocol violation is an expected outcome
 * that the caller shows to a person, not an exception from deep inside.
 */
export type Resultaat<T, E> = { readonly ok: true; readonly waarde: T } | { readonly ok: false; readonly fout: E };

export const ok = <T>(waarde: T): { readonly ok: true; readonly waarde: T } => ({ ok: true, waarde });
export const fout = <E>(f: E): { readonly ok: false; readonly fout: E } => ({ ok: false, fout: f });

/** A rule of the protocol that a command would break; `melding` is Dutch text for the user. */
export interface DomeinFout<C extends string = string> {
  readonly code: C;
  readonly melding: string;
}
