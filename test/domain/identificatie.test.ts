import { describe, expect, it } from 'vitest';
import { lijktIdentificerend } from '../../src/domain/index.js';

describe('a kenmerk that identifies a family directly gets a warning', () => {
  it.each([
    ['naam met geboortedatum en adres', 'Emma de Vries, geboren 12-03-2016, Dorpsstraat 4', 'geboortedatum'],
    ['geb. met datum', 'Noah B. geb. 1/2/2019', 'geboortedatum'],
    ['ISO-datum', 'Sem 2017-05-04', 'geboortedatum'],
    ['geboren met maandnaam', 'Lotte, geboren 3 mei 2018', 'geboortedatum'],
    ['adres met huisnummer', 'Gezin J., Kerkweg 12a', 'adres'],
    ['adres met toevoeging', 'Familie P., Julianalaan 3-II', 'adres'],
    ['postcode', 'Gezin Q., 1234 AB', 'adres'],
  ] as const)('%s', (_naam, kenmerk, soort) => {
    expect(lijktIdentificerend(kenmerk)).toBe(soort);
  });

  it.each([
    ['pseudoniem kenmerk', 'Gezin K., groep 5'],
    ['groep en jaar', 'Gezin K., groep 5, 2026'],
    ['afdeling', 'Cliënt 12, afdeling 3'],
    ['woord dat op straat eindigt zonder nummer', 'Gezin van de Dorpsstraat'],
  ])('leaves a %s alone', (_naam, kenmerk) => {
    expect(lijktIdentificerend(kenmerk)).toBeNull();
  });
});
