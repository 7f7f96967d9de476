import { app, type InvocationContext, type Timer } from '../src/hosting/azureFunctions.js';
import type { Kern } from '../src/bot/compositie.js';
import { haalKern } from '../src/bot/compositie.js';

/**
 * Timer: delivers what an outbox still holds (a crash between saving a change and sending it, a
 * failed send, a melding that waited for a channel binding). Delivery is exactly once per entry.
 */
export function maakBezorgingHandler(kern: () => Promise<Kern>) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    const { bezorging } = await kern();
    const gezien = await bezorging.veeg();
    // A late or missed run simply finds more due: the sweep reads the due index, not the schedule.
    if (gezien > 0 || timer.isPastDue) context.log(`Bezorging: ${gezien} dossier(s) met openstaande bezorging${timer.isPastDue ? ' (late run)' : ''}.`);
  };
}

// Every minute (UTC). Not on start-up: a deploy must not race the messages function.
app.timer('bezorging', { schedule: '0 */1 * * * *', runOnStartup: false, handler: maakBezorgingHandler(() => haalKern()) });
