import { app, type InvocationContext, type Timer } from '../src/hosting/azureFunctions.js';
import type { Kern } from '../src/bot/compositie.js';
import { haalKern } from '../src/bot/compositie.js';

/**
 * Timer: the monitoring reminders (3 and 12 months after the overdracht and the plan's extra
 * moments; seed 004 §7.1). Same decide-then-send tick as functions/termijnen.ts, over the same due
 * query and ledger, for the monitoring milestones only: the two timers never claim the same nudge.
 */
export function maakMonitoringHandler(kern: () => Promise<Kern>) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    const { termijnbewaking } = await (await kern()).verzending();
    const u = await termijnbewaking.tick('monitoring');
    context.log(`Monitoring${timer.isPastDue ? ' (ingehaald)' : ''}: ${u.dossiers} dossier(s), ${u.ingezet} verzendopdracht(en), ${u.hersteld} hersteld.`);
  };
}

// Every 15 minutes (UTC): a monitoring moment is a day, and its nudges wait for office hours of the
// region's calendar anyway (the domain decides that, so no DST care here). Not on start-up.
app.timer('monitoring', { schedule: '0 */15 * * * *', runOnStartup: false, handler: maakMonitoringHandler(() => haalKern()) });
