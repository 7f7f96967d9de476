import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maakMessagesHandler } from '../../functions/messages.js';
import type { Applicatie } from '../../src/bot/compositie.js';
import type { AuditLog } from '../../src/store/ports.js';
import { ADAPTIVE_CARD } from '../../src/cards/kaarten.js';
import { activity, klik } from '../support/activiteit.js';
import { testStores } from '../support/app.js';
import { functieContext, functieVerzoek, testApplicatie } from '../support/bot.js';
import { startFakeConnector } from '../support/fakeConnector.js';
import { OpnameLogger } from '../support/logger.js';

/** A failure inside a turn: the person gets a Dutch answer with a foutcode, the log the details. */

const GEHEIM = 'audit-database onbereikbaar op 10.0.0.7:5432';

/** Every use case audits, so an audit log that fails makes any click or command throw. */
const kapotteAudit: AuditLog = {
  append: () => Promise.reject(new Error(GEHEIM)),
  lijst: () => Promise.reject(new Error(GEHEIM)),
  rijen: () => ({
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error(GEHEIM)) }),
  }),
};

describe('an exception during a turn', () => {
  const log = new OpnameLogger();
  let applicatie: Applicatie;
  let handler: ReturnType<typeof maakMessagesHandler>;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;

  beforeAll(async () => {
    connector = await startFakeConnector();
    applicatie = await testApplicatie({}, { log, stores: { ...testStores(), audit: kapotteAudit } });
    handler = maakMessagesHandler(async () => applicatie);
  });
  afterAll(async () => {
    await applicatie.sluit();
    await connector.stop();
  });

  const foutregel = (foutcode: string | undefined) => log.regels.find((r) => r.niveau === 'error' && r.velden['foutcode'] === foutcode);

  it('a click gets HTTP 200 with a Dutch error card that shows the foutcode found in the log', async () => {
    const r = await handler(functieVerzoek(klik(connector.url, 'k-1', 'casussen')), functieContext());
    expect(r.status).toBe(200);
    const body = r.jsonBody as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: ADAPTIVE_CARD });
    const kaart = JSON.stringify(body.value);
    expect(kaart).toContain('Dat lukte niet');
    const foutcode = /Foutcode: ([0-9a-f]{8})/.exec(kaart)?.[1];
    expect(foutcode).toBeDefined();
    expect(kaart).not.toContain(GEHEIM);
    expect(foutregel(foutcode)?.velden).toMatchObject({ fout: GEHEIM, activity: 'invoke', naam: 'adaptiveCard/action' });
  });

  it('a typed message gets a Dutch reply with the foutcode, the details stay in the log', async () => {
    const r = await handler(functieVerzoek(activity(connector.url, { type: 'message', id: 'm-1', text: 'casussen' })), functieContext());
    expect(r.status).toBe(200);
    const tekst = String(connector.ontvangen.at(-1)?.activity['text']);
    expect(tekst).toMatch(/^Er ging iets mis bij het verwerken\..*Foutcode: [0-9a-f]{8}$/);
    expect(tekst).not.toContain(GEHEIM);
    expect(foutregel(/Foutcode: ([0-9a-f]{8})/.exec(tekst)?.[1])?.velden['fout']).toBe(GEHEIM);
  });
});
