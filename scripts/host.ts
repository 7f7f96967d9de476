import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvocationContext, streamendVerzoek, type HttpResponseInit } from '../src/hosting/azureFunctions.js';
import { maakMessagesHandler } from '../functions/messages.js';
import type { Applicatie } from '../src/bot/compositie.js';

export interface Host {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The request body as a web stream that the handler reads only as far as it wants. Unlike
 * Readable.toWeb, cancelling does not destroy the socket, so the handler's 413 still reaches
 * the client; schrijf then closes the connection instead of reading the rest.
 */
function alsStroom(req: IncomingMessage): ReadableStream<Uint8Array> {
  let klaar = false;
  return new ReadableStream<Uint8Array>({
    start(stroom) {
      req.pause();
      req.on('data', (deel: Buffer) => {
        if (klaar) return;
        stroom.enqueue(new Uint8Array(deel));
        if ((stroom.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (!klaar) stroom.close();
        klaar = true;
      });
      req.on('error', (fout) => {
        if (!klaar) stroom.error(fout);
        klaar = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      klaar = true;
      req.pause();
    },
  });
}

async function schrijf(res: ServerResponse, antwoord: HttpResponseInit, req?: IncomingMessage): Promise<void> {
  const headers: Record<string, string> = Object.fromEntries(Object.entries(antwoord.headers ?? {}).map(([k, v]) => [k, String(v)]));
  // A body the handler did not read to the end (too large) is not drained: close the connection.
  if (req && !req.complete) headers['connection'] = 'close';
  if (antwoord.jsonBody !== undefined) {
    res.writeHead(antwoord.status ?? 200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(antwoord.jsonBody));
  } else {
    res.writeHead(antwoord.status ?? 200, headers).end(typeof antwoord.body === 'string' ? antwoord.body : undefined);
  }
}

/**
 * A small Node host around the Azure Functions handlers: each request becomes a real
 * HttpRequest (with a streaming body) and InvocationContext, as the Functions runtime passes them
 * with HTTP streaming on. Listens on 127.0.0.1 only: it is npm start's host, for MELDROUTE_LOKAAL.
 */
export async function startHost(applicatie: Applicatie, poort: number): Promise<Host> {
  const messages = maakMessagesHandler(async () => applicatie);
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (req.method === 'GET' && url.pathname === '/api/health') return schrijf(res, { status: 200, jsonBody: { status: 'ok' } });
        if (url.pathname !== '/api/messages') return schrijf(res, { status: 404 });
        const methode = req.method ?? 'GET';
        const verzoek = streamendVerzoek(
          new Request(url, {
            method: methode,
            headers: Object.entries(req.headers).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
            ...(methode === 'GET' || methode === 'HEAD' ? {} : { body: alsStroom(req), duplex: 'half' }),
          } as RequestInit),
        );
        await schrijf(res, await messages(verzoek, new InvocationContext({ functionName: 'messages', invocationId: crypto.randomUUID() })), req);
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
