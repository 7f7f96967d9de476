import { afterEach, describe, expect, it, vi } from 'vitest';

// The benchmark is not part of CI's timing, but its walk must keep matching the cards: a walk the
// bot refuses measures nothing (this once went unnoticed after the advies form gained fields).
describe('npm run bench:bot', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('completes its meldcode walks (advies and melding) through the real handler', async () => {
    vi.stubEnv('BENCH_WALKS', '2');
    const regels: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((tekst: unknown) => void regels.push(String(tekst)));
    await import('../../bench/bot.js');
    const uitkomst = JSON.parse(regels.at(-1) ?? '{}') as { turns?: number };
    // Walk 0 ends in an advies (11 turns), walk 1 in a melding (8 turns).
    expect(uitkomst.turns).toBe(19);
  });
});
