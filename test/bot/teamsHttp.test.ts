import { describe, expect, it } from 'vitest';
import { BezorgFout } from '../../src/app/bezorging.js';
import { alsBezorgFout, retryAfterSeconden, TeamsHttpFout } from '../../src/bot/teamsHttp.js';

const NU = Date.parse('2026-03-02T09:00:00Z');

describe('Retry-After', () => {
  it.each([
    ['seconds', '7', 7],
    ['an HTTP date', 'Mon, 02 Mar 2026 09:00:30 GMT', 30],
    ['a date in the past', 'Mon, 02 Mar 2026 08:00:00 GMT', 0],
    ['absent', undefined, undefined],
    ['nonsense', 'morgen', undefined],
  ])('%s', (_naam, waarde, seconden) => {
    expect(retryAfterSeconden(waarde, NU)).toBe(seconden);
  });
});

describe('what a failed send means for the sender', () => {
  /** The RestError shape botframework-connector throws without our one-attempt client. */
  const restError = (statusCode: number, retryAfter?: string) => Object.assign(new Error(`status ${statusCode}`), { statusCode, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

  it.each([
    ['429 from our client', new TeamsHttpFout(429, 4, 'TooManyRequests', 'x'), 'te-snel', 4],
    ['429 as RestError with Retry-After', restError(429, '12'), 'te-snel', 12],
    ['403 MessageWritesBlocked', new TeamsHttpFout(403, undefined, 'MessageWritesBlocked', 'x'), 'geblokkeerd', undefined],
    ['404 conversation gone', restError(404), 'gesprek-weg', undefined],
    ['412', new TeamsHttpFout(412, undefined, 'PreconditionFailed', 'x'), 'tijdelijk', undefined],
    ['502', restError(502), 'tijdelijk', undefined],
    ['504', new TeamsHttpFout(504, undefined, 'http-504', 'x'), 'tijdelijk', undefined],
    ['a timeout', new TeamsHttpFout(undefined, undefined, 'tijdslimiet', 'x'), 'tijdelijk', undefined],
    ['anything else', new Error('ECONNRESET'), 'tijdelijk', undefined],
  ])('%s', (_naam, fout, soort, naSeconden) => {
    const f = alsBezorgFout(fout, NU);
    expect(f).toBeInstanceOf(BezorgFout);
    expect(f.soort).toBe(soort);
    expect(f.details.naSeconden).toBe(naSeconden);
  });
});
