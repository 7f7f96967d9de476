import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Ontvangen {
  readonly pad: string;
  readonly activity: Record<string, unknown>;
  /** POST for a new message or reply, PUT for an update of a message the bot posted. */
  readonly methode?: 'POST' | 'PUT';
}

/**
 * A recording Bot Connector on 127.0.0.1: accepts replies (/activities/:replyToId), proactive
 * sends (/activities) and updates (PUT /activities/:id) and remembers each, so tests assert what a
 * user would see.
 */
export async function startFakeConnector(): Promise<{ url: string; ontvangen: Ontvangen[]; stop(): Promise<void> }> {
  const ontvangen: Ontvangen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => {
      const pad = req.url ?? '';
      const methode = req.method === 'POST' || req.method === 'PUT' ? req.method : undefined;
      if (methode !== undefined && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(pad)) {
        ontvangen.push({ pad, methode, activity: JSON.parse(Buffer.concat(delen).toString('utf8')) as Record<string, unknown> });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `act-${ontvangen.length}` }));
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, ontvangen, stop: () => new Promise<void>((klaar) => server.close(() => klaar())) };
}
