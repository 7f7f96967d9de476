import { z } from 'zod';
import { app, type InvocationContext } from '../src/hosting/azureFunctions.js';
import type { Applicatie } from '../src/bot/compositie.js';
import { haalApplicatie } from '../src/bot/compositie.js';
import { laadConfig, VERZEND_WACHTRIJ } from '../src/config.js';

/** What the queue trigger tells about the message, so the sender can postpone or delete it itself. */
const Metadata = z.object({ id: z.string().min(1), popReceipt: z.string().min(1), dequeueCount: z.coerce.number().int().positive() });

/**
 * Queue trigger: one send job per invocation, handed to the sender. The sender deletes or
 * postpones the message itself (the host's own delete afterwards finds it gone or with a new pop
 * receipt and leaves it); only an unexpected error is thrown, so the host retries and, after
 * maxDequeueCount, moves the message to `meldroute-verzenden-poison`.
 */
export function maakVerzendHandler(applicatie: () => Promise<Applicatie>) {
  return async (inhoud: unknown, context: InvocationContext): Promise<void> => {
    const m = Metadata.parse(context.triggerMetadata ?? {});
    const { verzender } = await (await applicatie()).verzending();
    const bericht = typeof inhoud === 'string' ? (JSON.parse(inhoud) as unknown) : inhoud;
    const afloop = await verzender.verwerk({ id: m.id, inhoud: bericht, bewijs: { id: m.id, pop: m.popReceipt }, keerOpgehaald: m.dequeueCount });
    // Only the outcome: the job names a dossier, and ids belong in the audit trail, not the log.
    context.log(`Verzending: ${afloop.soort}`);
  };
}

app.storageQueue('verzenden', { queueName: VERZEND_WACHTRIJ, connection: 'AzureWebJobsStorage', handler: maakVerzendHandler(() => haalApplicatie(laadConfig)) });
