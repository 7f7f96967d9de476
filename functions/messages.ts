import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '../src/hosting/azureFunctions.js';
import { verwerkBotVerzoek } from '../src/bot/http.js';
import { nieuweFoutcode } from '../src/bot/adapter.js';
import type { Applicatie } from '../src/bot/compositie.js';
import { haalApplicatie } from '../src/bot/compositie.js';

/** POST /api/messages: the Bot Framework endpoint. All checks live in verwerkBotVerzoek. */
export function maakMessagesHandler(applicatie: () => Promise<Applicatie>) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    let gebouwd: Applicatie;
    try {
      gebouwd = await applicatie();
    } catch (fout) {
      const foutcode = nieuweFoutcode();
      context.error(JSON.stringify({ bericht: 'meldroute kon niet starten', foutcode, fout: fout instanceof Error ? fout.message : String(fout) }));
      return { status: 503, jsonBody: { fout: 'meldroute is niet beschikbaar.', foutcode } };
    }
    const antwoord = await verwerkBotVerzoek(gebouwd.poort, { method: request.method, headers: Object.fromEntries(request.headers.entries()), body: request.body });
    return antwoord.body === undefined ? { status: antwoord.status } : { status: antwoord.status, jsonBody: antwoord.body };
  };
}

app.http('messages', { methods: ['POST'], authLevel: 'anonymous', route: 'messages', handler: maakMessagesHandler(() => haalApplicatie()) });
