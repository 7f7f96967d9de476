import { app, type InvocationContext, type Timer } from '../src/hosting/azureFunctions.js';
import type { Kern } from '../src/bot/compositie.js';
import { haalKern } from '../src/bot/compositie.js';

/**
 * Timer: decides which deadline nudges are due and enqueues one send job each (functions/verzenden.ts
 * sends them). It never waits on Teams. A late run (isPastDue) needs nothing special: the due query
 * and the ladder look at everything reached by now, and the ledger makes a repeated run a no-op.
 */
export function maakTermijnenHandler(kern: () => Promise<Kern>) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    const { termijnbewaking } = await (await kern()).verzending();
    // The monitoring moments have their own timer (functions/monitoring.ts) over the same due query.
    const u = await termijnbewaking.tick('termijnen');
    // Only counts: dossier ids belong in the audit trail, not in the log.
    context.log(`Termijnen${timer.isPastDue ? ' (ingehaald)' : ''}: ${u.dossiers} dossier(s), ${u.ingezet} verzendopdracht(en), ${u.overzichten} overzicht(en), ${u.hersteld} hersteld.`);
  };
}

// NCRONTAB with seconds, in UTC (no WEBSITE_TIME_ZONE): every 5 minutes. Office hours are the
// domain's business (the region calendar), so the schedule needs no daylight-saving care.
// Not on start-up: a deploy or scale-out is no reason for an extra run.
app.timer('termijnen', { schedule: '0 */5 * * * *', runOnStartup: false, handler: maakTermijnenHandler(() => haalKern()) });
