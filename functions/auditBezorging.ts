import { app, type InvocationContext, type Timer } from '../src/hosting/azureFunctions.js';
import type { Kern } from '../src/bot/compositie.js';
import { haalKern } from '../src/bot/compositie.js';

/**
 * Timer: copies audit entries a writer left in a dossier document when it died between its
 * write and the copy (Cosmos DB; the embedded store has none). Copying is idempotent.
 */
export function maakAuditBezorgingHandler(kern: () => Promise<Kern>) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { stores } = await kern();
    const aantal = await stores.dossiers.bezorgAudit();
    if (aantal > 0) context.warn(`Audit: ${aantal} achtergebleven auditregel(s) alsnog in de audittrail gezet.`);
  };
}

// Every 5 minutes (UTC): an entry waits at most that long after a crash; normally there is none.
app.timer('auditBezorging', { schedule: '0 */5 * * * *', runOnStartup: false, handler: maakAuditBezorgingHandler(() => haalKern()) });
