import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '../src/hosting/azureFunctions.js';
import { maakMessagesHandler } from '../functions/messages.js';
import type { Applicatie } from '../src/bot/compositie.js';

export interface Host {
  readonly url: string;
  stop(): Promise<void>;
}

async function leesBody(req: IncomingMessage): Promise<string> {
  const delen: Buffer[] = [];
  for await (const deel of req) delen.push(deel as Buffer);
  return Buffer.concat(delen).toString('utf8');
}

async function schrijf(res: ServerResponse, antwoord: HttpResponseInit): Promise<void> {
  const headers = Object.fromEntries(Object.entries(antwoord.headers ?? {}).map(([k, v]) => [k, String(v)]));
  if (antwoord.jsonBody !== undefined) {
    res.writeHead(antwoord.status ?? 200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(antwoord.jsonBody));
  } else {
    res.writeHead(antwoord.status ?? 200, headers).end(typeof antwoord.body === 'string' ? antwoord.body : undefined);
  }
}

/**
 * A small Node host around the Azure Functions handlers: each request becomes a real
 * HttpRequest and InvocationContext, exactly as the Functions runtime would pass them.
 * Listens on 127.0.0.1 only.
 */
export async function startHost(applicatie: Applicatie, poort: number): Promise<Host> {
  const messages = maakMessagesHandler(async () => applicatie);
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (req.method === 'GET' && url.pathname === '/api/health') return schrijf(res, { status: 200, jsonBody: { status: 'ok' } });
        if (url.pathname !== '/api/messages') return schrijf(res, { status: 404 });
        const body = await leesBody(req);
        const verzoek = new HttpRequest({
          method: req.method ?? 'GET',
          url: url.toString(),
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
          ...(body ? { body: { string: body } } : {}),
        });
        await schrijf(res, await messages(verzoek, new InvocationContext({ functionName: 'messages', invocationId: crypto.randomUUID() })));
      } catch (fout) {
        console.error(fout);
        if (!res.headersSent) res.writeHead(500).end();
      }
    })();
  });
  await new Promise<void>((klaar) => server.listen(poort, '127.0.0.1', klaar));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((klaar) => server.close(() => klaar())),
  };
}
