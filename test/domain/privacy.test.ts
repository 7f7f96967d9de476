import { describe, expect, it } from 'vitest';
import { bevatBsn, isGeldigBsn, normaliseerVoorBsn } from '../../src/domain/index.js';

// 111222333 and 123456782 pass the elfproef; 111222334 does not.
describe('bevatBsn: a BSN is caught however it is written', () => {
  it.each([
    ['nine digits in a row', 'Kind 111222333'],
    ['groups of three', '111 222 333'],
    ['double spaces', '111  222  333'],
    ['no-break spaces', '111\u00a0222\u00a0333'],
    ['narrow no-break spaces', '111\u202f222\u202f333'],
    ['dots', '1112.22.333'],
    ['hyphens', '111-222-333'],
    ['an en dash', '111–222–333'],
    ['slashes', '111/222/333'],
    ['slashes with spaces', '111 / 222 / 333'],
    ['commas', '111,222,333'],
    ['underscores', '111_222_333'],
    ['full-width digits', '１１１２２２３３３'],
    ['Arabic-Indic digits', '١١١٢٢٢٣٣٣'],
    ['Extended Arabic-Indic digits', '۱۱۱۲۲۲۳۳۳'],
    ['Devanagari digits', '१११२२२३३३'],
    ['zero-width spaces', '111\u200b222\u200b333'],
    ['a zero-width space between every digit', [...'111222333'].join('\u200b')],
    ['a word joiner and a soft hyphen', '111\u2060222\u00ad333'],
    ['after a number in a list', 'Kind 5, 111222333'],
    ['before a number', 'BSN 111 222 333, 5 jaar'],
    ['at the end of a sentence', 'Het BSN is 123456782.'],
  ])('%s: %s', (_naam, tekst) => {
    expect(bevatBsn(tekst)).toBe(true);
  });
});

describe('bevatBsn: numbers that are no BSN pass', () => {
  it.each([
    ['a mobile number', '06 12345678'],
    ['a mobile number with a hyphen', '06-12345678'],
    ['a mobile number in pairs', '06 12 34 56 78'],
    ['a mobile number in one piece', '0612345678'],
    ['an international number', '+31 6 12345678'],
    ['a landline number', '020 123 4567'],
    ['a date', '12-03-2026'],
    ['a date with a time', '12/03/2026 om 10:30'],
    ['an ISO date', '2026-03-12'],
    ['a 10-digit number', '1112223334'],
    ['a 10-digit number in groups', '111 222 3334'],
    ['nine digits failing the elfproef', '111222334'],
    ['nine zeros', '000000000'],
    ['a reference', 'Gezin K., groep 5'],
  ])('%s: %s', (_naam, tekst) => {
    expect(bevatBsn(tekst)).toBe(false);
  });

  it('stays fast on a long run of digits', () => {
    const start = performance.now();
    expect(bevatBsn(`${'12 '.repeat(20_000)}x`)).toBe(false);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('normaliseerVoorBsn', () => {
  it('folds digits of every script to ASCII and drops invisible characters', () => {
    expect(normaliseerVoorBsn('１٢३\u200b4\u00a05')).toBe('1234 5');
  });

  it('keeps the elfproef itself strict: nine ASCII digits only', () => {
    expect(isGeldigBsn('111222333')).toBe(true);
    expect(isGeldigBsn('１１１２２２３３３')).toBe(false);
  });
});
