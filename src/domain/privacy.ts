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

/**
 * Whether free text contains something that passes as a BSN: 9 digits in a row, or written in
 * groups ("123 456 782", "1234.56.782"), not part of a longer number.
 */
export function bevatBsn(tekst: string): boolean {
  const kandidaten = tekst.match(/(?<![\d])\d(?:[ .-]?\d){8}(?![\d])/g) ?? [];
  return kandidaten.some((k) => isGeldigBsn(k.replace(/[ .-]/g, '')));
}

export const BSN_MELDING =
  'Dit lijkt een burgerservicenummer (BSN). Vul nooit een BSN of volledige namen in: gebruik een eigen kenmerk, bijvoorbeeld "Gezin K., groep 5".';
