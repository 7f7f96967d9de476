import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '../src/hosting/azureFunctions.js';
import { verwerkBotVerzoek } from '../src/bot/http.js';
import type { Applicatie } from '../src/bot/compositie.js';
import { haalApplicatie } from '../src/bot/compositie.js';
import { laadConfig } from '../src/config.js';

/** POST /api/messages: the Bot Framework endpoint. Parse, hand to the adapter, respond. */
export function maakMessagesHandler(applicatie: () => Promise<Applicatie>) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const { adapter, logic } = await applicatie();
    const tekst = await request.text();
    let body: unknown;
    try {
      body = tekst ? JSON.parse(tekst) : undefined;
    } catch {
      return { status: 400, jsonBody: { fout: 'De body is geen geldige JSON.' } };
    }
    const antwoord = await verwerkBotVerzoek(adapter, { method: request.method, headers: Object.fromEntries(request.headers.entries()), body }, logic);
    return typeof antwoord.body === 'object' && antwoord.body !== null
      ? { status: antwoord.status, jsonBody: antwoord.body }
      : { status: antwoord.status, ...(antwoord.body === undefined ? {} : { body: String(antwoord.body) }) };
  };
}

app.http('messages', { methods: ['POST'], authLevel: 'anonymous', route: 'messages', handler: maakMessagesHandler(() => haalApplicatie(laadConfig)) });
