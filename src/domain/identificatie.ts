/**
 * A kenmerk is pseudonymous ("Gezin K., groep 5"). A name together with a date of birth or a
 * street address identifies a family directly, which no step of the meldcode needs (DOMAIN.md §8).
 * This is a heuristic: it warns, and the professional may confirm that the text is pseudonymous.
 */

const GEBOORTEDATUM = [
  /\bgeb(?:oren|\.)?\s*(?:op\s*)?\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}\b/i,
  /\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}\b/,
  /\b(?:19|20)\d{2}-\d{2}-\d{2}\b/,
  /\bgeb(?:oren|\.)\s*(?:op\s*)?\d{1,2}\s+(?:jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.?\s+\d{4}\b/i,
];

const ADRES = [
  // "Dorpsstraat 4", "Kerkweg 12a", "Julianalaan 3-II": a street word and a house number.
  /\b[A-Za-zÀ-ÿ'-]{2,}(?:straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|steeg|dreef|park|plantsoen|markt|erf|baan|wal|allee|boulevard|ring|veld|straatweg)\s+\d{1,5}\s*[a-zA-Z]?(?:[-\s]?(?:I{1,3}|hs|bis|\d{1,3}))?\b/i,
  // A Dutch postcode: 1234 AB.
  /\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b/,
];

export type Identificatie = 'geboortedatum' | 'adres';

/** What in the text looks like a direct identifier, if anything. */
export function lijktIdentificerend(tekst: string): Identificatie | null {
  if (GEBOORTEDATUM.some((r) => r.test(tekst))) return 'geboortedatum';
  if (ADRES.some((r) => r.test(tekst))) return 'adres';
  return null;
}

export const IDENTIFICATIE_WAARSCHUWING: Readonly<Record<Identificatie, string>> = {
  geboortedatum:
    'Dit kenmerk lijkt een geboortedatum te bevatten. Gebruik een eigen, pseudoniem kenmerk zoals "Gezin K., groep 5": een naam met geboortedatum maakt het gezin direct herkenbaar.',
  adres:
    'Dit kenmerk lijkt een adres te bevatten. Gebruik een eigen, pseudoniem kenmerk zoals "Gezin K., groep 5": een naam met adres maakt het gezin direct herkenbaar.',
};
