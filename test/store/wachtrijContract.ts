import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BewijsVerlopenError, type Wachtrij } from '../../src/store/wachtrij.js';

/** What each queue implementation's test file provides to the shared contract. */
export interface WachtrijFixture {
  /** A fresh, empty queue with its own name. */
  nieuw(): Promise<Wachtrij>;
  /** Lets `seconden` pass: a fake clock for SQLite, real time for Azurite. */
  verstrijk(seconden: number): Promise<void>;
  sluit(): Promise<void>;
}

export function wachtrijContract(naam: string, maak: () => Promise<WachtrijFixture>): void {
  describe(`queue contract: ${naam}`, () => {
    let f: WachtrijFixture;
    beforeAll(async () => {
      f = await maak();
    });
    afterAll(async () => {
      await f.sluit();
    });

    it('hands out messages in order with their content; a deleted message never comes back', async () => {
      const q = await f.nieuw();
      await q.zetIn({ sleutel: 'a', n: 1 });
      await q.zetIn({ sleutel: 'b', n: 2 });
      const berichten = await q.haalOp(10, 1);
      expect(berichten.map((b) => b.inhoud)).toEqual([{ sleutel: 'a', n: 1 }, { sleutel: 'b', n: 2 }]);
      expect(berichten.map((b) => b.keerOpgehaald)).toEqual([1, 1]);
      for (const b of berichten) await q.verwijder(b.bewijs);
      await f.verstrijk(1);
      expect(await q.haalOp(10, 1)).toEqual([]);
    });

    it('a message taken and not deleted (the sender died) comes back after its visibility timeout, counted, with a new receipt', async () => {
      const q = await f.nieuw();
      await q.zetIn({ sleutel: 'crash' });
      const [eerste] = await q.haalOp(1, 1);
      expect(await q.haalOp(1, 1)).toEqual([]);
      await f.verstrijk(1);
      const [tweede] = await q.haalOp(1, 30);
      expect(tweede).toMatchObject({ id: eerste?.id, inhoud: { sleutel: 'crash' }, keerOpgehaald: 2 });
      // The dead sender's receipt no longer holds: it cannot delete what the next one is handling.
      await expect(q.verwijder(eerste!.bewijs)).rejects.toBeInstanceOf(BewijsVerlopenError);
      await q.verwijder(tweede!.bewijs);
    });

    it('a delayed message is not handed out before its moment', async () => {
      const q = await f.nieuw();
      await q.zetIn({ sleutel: 'later' }, { zichtbaarNaSeconden: 2 });
      expect(await q.haalOp(1, 1)).toEqual([]);
      await f.verstrijk(2);
      expect((await q.haalOp(1, 1)).map((b) => b.inhoud)).toEqual([{ sleutel: 'later' }]);
    });

    it('stelUit puts a taken message back later with new content; only the new receipt holds', async () => {
      const q = await f.nieuw();
      await q.zetIn({ sleutel: 'uitstel', uitgesteld: 0 });
      const [b] = await q.haalOp(1, 30);
      const nieuw = await q.stelUit(b!.bewijs, 1, { sleutel: 'uitstel', uitgesteld: 1 });
      await expect(q.stelUit(b!.bewijs, 1)).rejects.toBeInstanceOf(BewijsVerlopenError);
      expect(await q.haalOp(1, 1)).toEqual([]);
      await f.verstrijk(1);
      const [terug] = await q.haalOp(1, 30);
      expect(terug).toMatchObject({ inhoud: { sleutel: 'uitstel', uitgesteld: 1 }, keerOpgehaald: 2 });
      await expect(q.verwijder(nieuw)).rejects.toBeInstanceOf(BewijsVerlopenError);
      await q.verwijder(terug!.bewijs);
    });

    it('two takers at once never get the same message', async () => {
      const q = await f.nieuw();
      for (let i = 0; i < 12; i += 1) await q.zetIn({ i });
      const [a, b] = await Promise.all([q.haalOp(8, 30), q.haalOp(8, 30)]);
      const ids = [...(a ?? []), ...(b ?? [])].map((m) => m.id);
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
    });

    it('a poisoned message leaves the queue and is listed with its reason and content', async () => {
      const q = await f.nieuw();
      await q.zetIn({ sleutel: 'gif' });
      const [b] = await q.haalOp(1, 1);
      await q.naarGif(b!, 'te vaak mislukt: 502');
      await f.verstrijk(1);
      expect(await q.haalOp(1, 1)).toEqual([]);
      expect(await q.gifberichten()).toEqual([{ id: expect.any(String), inhoud: { sleutel: 'gif' }, reden: 'te vaak mislukt: 502', op: expect.any(String) }]);
    });
  });
}
