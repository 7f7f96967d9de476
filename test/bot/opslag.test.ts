import { describe, expect, it } from 'vitest';
import { BotOpslag } from '../../src/bot/opslag.js';
import { openSqliteStores } from '../../src/store/sqlite.js';
import { ConflictError } from '../../src/store/ports.js';

const opslag = () => new BotOpslag(openSqliteStores({ pad: ':memory:', indexeer: () => ({ nextDueAt: null, verlooptOp: null }) }).state);

describe('BotOpslag (botbuilder Storage)', () => {
  it('round-trips items and hands out an eTag', async () => {
    const s = opslag();
    await s.write({ 'gesprek/1': { dialogStack: [{ id: 'meldcode' }] } });
    const gelezen = await s.read(['gesprek/1', 'leeg']);
    expect(gelezen['gesprek/1']).toMatchObject({ dialogStack: [{ id: 'meldcode' }] });
    expect(typeof gelezen['gesprek/1']?.eTag).toBe('string');
    expect(gelezen['leeg']).toBeUndefined();
  });

  it('refuses a write with a stale eTag and accepts "*"', async () => {
    const s = opslag();
    await s.write({ k: { n: 1 } });
    const oud = (await s.read(['k']))['k'];
    await s.write({ k: { ...oud, n: 2 } });
    await expect(s.write({ k: { ...oud, n: 3 } })).rejects.toBeInstanceOf(ConflictError);
    await s.write({ k: { n: 4, eTag: '*' } });
    expect((await s.read(['k']))['k']).toMatchObject({ n: 4 });
    await s.delete(['k']);
    expect(await s.read(['k'])).toEqual({});
  });
});
