/**
 * Guards against personal data that no step of the meldcode needs. A BSN never belongs in
 * meldroute: a case is known by a pseudonymous reference (DOMAIN.md §8).
 */

/** The elfproef for a BSN: 9 digits, weighted 9..2 and -1 for the last, sum divisible by 11. */
export function isGeldigBsn(cijfers: string): boolean {
  if (!/^\d{9}$/.test(cijfers) || cijfers === '000000000') return false;
  let som = 0;
  for (let i = 0; i < 8; i += 1) som += Number(cijfers[i]) * (9 - i);
  som -= Number(cijfers[8]);
  return som % 11 === 0;
}

const DECIMAAL_CIJFER = /^\p{Nd}$/u;

/**
 * The value of any Unicode decimal digit as an ASCII digit. Unicode encodes every set of decimal
 * digits as a contiguous run 0..9 (a stability guarantee), and adjacent sets each start on their
 * zero, so the distance to the start of the run of digits, modulo 10, is the value.
 */
function alsAsciiCijfer(teken: string): string {
  const punt = teken.codePointAt(0) ?? 0;
  let begin = punt;
  while (begin > 0 && DECIMAAL_CIJFER.test(String.fromCodePoint(begin - 1))) begin -= 1;
  return String((punt - begin) % 10);
}

/**
 * Text as the BSN check reads it: NFKC folds full-width digits and no-break spaces, every other
 * script's digits (Arabic-Indic, Devanagari, ...) become ASCII digits, and invisible format
 * characters (zero-width spaces and joiners, soft hyphens) are dropped, so none of them can hide
 * a number.
 */
export function normaliseerVoorBsn(tekst: string): string {
  return tekst
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Nd}/gu, (c) => (c >= '0' && c <= '9' ? c : alsAsciiCijfer(c)));
}

/**
 * A run of digit groups as people write numbers: groups joined by spaces with at most one
 * separator sign ("111 222 333", "111  222  333", "111-222-333", "111 / 222 / 333", "111,222,333").
 */
const GROEPEN = /\d+(?:\s*[.\-/,_\p{Pd}]?\s*\d+)*/gu;

/**
 * Whether free text contains something that passes the elfproef as a BSN, in any script or
 * spacing: 9 digits made of whole groups of a run ("Kind 5, 111 222 333" holds one), never a
 * piece cut out of a longer number or group (a phone number "06 12 34 56 78", a date, a
 * 10-digit number). The one check every input uses: typed chat text, every card field, the
 * dossier's reference.
 */
export function bevatBsn(tekst: string): boolean {
  for (const reeks of normaliseerVoorBsn(tekst).match(GROEPEN) ?? []) {
    const groepen = reeks.split(/\D+/);
    for (let i = 0; i < groepen.length; i += 1) {
      let cijfers = '';
      for (let j = i; j < groepen.length && cijfers.length < 9; j += 1) cijfers += groepen[j];
      if (cijfers.length === 9 && isGeldigBsn(cijfers)) return true;
    }
  }
  return false;
}

export const BSN_MELDING =
  'Dit lijkt een burgerservicenummer (BSN). Vul nooit een BSN of volledige namen in: gebruik een eigen kenmerk, bijvoorbeeld "Gezin K., groep 5".';
