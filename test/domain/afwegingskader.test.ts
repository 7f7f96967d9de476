import { describe, expect, it } from 'vitest';
import { beslis, evaluateAfwegingskader, routeVoor, type Antwoorden } from '../../src/domain/index.js';

const J = true;
const N = false;
const a = (v1?: boolean, v2?: boolean, v3?: boolean, v4?: boolean, v5?: boolean): Antwoorden => ({
  ...(v1 === undefined ? {} : { vermoeden: v1 }),
  ...(v2 === undefined ? {} : { acuutOfStructureelOnveilig: v2 }),
  ...(v3 === undefined ? {} : { hulpMogelijk: v3 }),
  ...(v4 === undefined ? {} : { betrokkenenWerkenMee: v4 }),
  ...(v5 === undefined ? {} : { leidtTotDuurzameVeiligheid: v5 }),
});

describe('evaluateAfwegingskader', () => {
  it.each([
    // naam, antwoorden, volgendeVraag, meldenNoodzakelijk, samenMetVeiligThuis, afsluiten
    ['nog niets beantwoord: vraag 1', a(), 1, null, false, false],
    ['1 nee: geen vermoeden, meldcode afsluiten', a(N), null, false, false, true],
    ['1 ja: vraag 2', a(J), 2, null, false, false],
    ['2 ja (acuut/structureel): melden, 3-5 samen met VT', a(J, J), 3, true, true, false],
    ['2 ja, 3 ja: vraag 4 samen met VT', a(J, J, J), 4, true, true, false],
    ['2 ja, 3 ja, 4 ja: vraag 5 samen met VT', a(J, J, J, J), 5, true, true, false],
    ['2 ja, 3-5 ja: melden en hulp', a(J, J, J, J, J), null, true, true, false],
    ['2 ja, 3 nee: melden, vragen stoppen', a(J, J, N), null, true, true, false],
    ['2 ja, 4 nee: melden', a(J, J, J, N), null, true, true, false],
    ['2 ja, 5 nee: melden', a(J, J, J, J, N), null, true, true, false],
    ['2 nee: vraag 3', a(J, N), 3, null, false, false],
    ['2 nee, 3 nee: geen passende hulp, melden', a(J, N, N), null, true, false, false],
    ['2 nee, 3 ja: vraag 4', a(J, N, J), 4, null, false, false],
    ['2 nee, 4 nee: betrokkenen werken niet mee, melden', a(J, N, J, N), null, true, false, false],
    ['2 nee, 4 ja: vraag 5', a(J, N, J, J), 5, null, false, false],
    ['2 nee, 5 nee: geen duurzame veiligheid, (opnieuw) melden', a(J, N, J, J, N), null, true, false, false],
    ['2 nee, 3-5 ja: niet melden, zelf hulp', a(J, N, J, J, J), null, false, false, false],
    ['antwoorden na een beslissende nee worden niet gelezen', a(J, N, N, J, J), null, true, false, false],
    ['antwoorden na vraag 1 nee worden niet gelezen', a(N, J, N), null, false, false, true],
  ] as const)('%s', (_naam, antwoorden, volgendeVraag, meldenNoodzakelijk, samenMetVeiligThuis, afsluiten) => {
    expect(evaluateAfwegingskader(antwoorden)).toEqual({ volgendeVraag, meldenNoodzakelijk, samenMetVeiligThuis, afsluiten });
  });

  it('skips a gap: an answer to 4 without 3 still asks 3', () => {
    expect(evaluateAfwegingskader(a(J, N, undefined, J)).volgendeVraag).toBe(3);
  });
});

describe('beslissing 1 en 2 en de route', () => {
  it.each([
    ['geen vermoeden', a(N), 'afsluiten', false, false],
    ['zelf hulp bieden en veiligheid volgen', a(J, N, J, J, J), 'zelf-hulp', false, true],
    ['acuut, samen met VT hulp mogelijk: melden en hulp', a(J, J, J, J, J), 'melden-en-hulp', true, true],
    ['acuut, hulp niet mogelijk: melden', a(J, J, N), 'melden', true, false],
    ['niet acuut, geen passende hulp: melden', a(J, N, N), 'melden', true, false],
    ['niet acuut, geen medewerking: melden', a(J, N, J, N), 'melden', true, false],
    ['niet acuut, geen duurzame veiligheid: melden', a(J, N, J, J, N), 'melden', true, false],
  ] as const)('%s', (_naam, antwoorden, route, melden, hulp) => {
    const b = beslis(antwoorden);
    expect(b).not.toBeNull();
    expect(b).toMatchObject({ route, meldenNoodzakelijk: melden, hulpMogelijk: hulp });
    expect(b?.reden.length).toBeGreaterThan(20);
  });

  it('is undecided while questions remain', () => {
    expect(beslis(a(J, J))).toBeNull();
    expect(beslis(a(J, N, J))).toBeNull();
  });

  it.each([
    [true, true, 'melden-en-hulp'],
    [true, false, 'melden'],
    [false, true, 'zelf-hulp'],
    [false, false, 'melden'],
  ] as const)('B1 %s and B2 %s give route %s', (b1, b2, route) => {
    expect(routeVoor(b1, b2)).toBe(route);
  });
});
