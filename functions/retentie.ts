import { app, type InvocationContext, type Timer } from '../src/hosting/azureFunctions.js';
import type { Kern } from '../src/bot/compositie.js';
import { haalKern } from '../src/bot/compositie.js';

/** Timer: deletes the dossiers past their retention period, each with its own audit entry. */
export function maakRetentieHandler(kern: () => Promise<Kern>) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { bewaren } = await kern();
    const verwijderd = await bewaren.verwijderVerlopen();
    // Only a count: even pseudonymous dossier ids belong in the audit trail, not in the log.
    context.log(`Bewaartermijn: ${verwijderd.length} dossier(s) verwijderd, elk met een auditregel.`);
  };
}

// NCRONTAB with seconds: daily at 02:30 UTC (timers run in UTC unless WEBSITE_TIME_ZONE is set),
// outside office hours. Not on start-up: a deploy or scale-out must not trigger a deletion run.
app.timer('retentie', { schedule: '0 30 2 * * *', runOnStartup: false, handler: maakRetentieHandler(() => haalKern()) });
