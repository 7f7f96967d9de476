import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Ontvangen {
  readonly pad: string;
  readonly activity: Record<string, unknown>;
  /** POST for a new message or reply, PUT for an update of a message the bot posted. */
  readonly methode?: 'POST' | 'PUT';
}

/** What the fake knows of teams: each team's channel list, and who is in which team or channel. */
export interface TeamsGegevens {
  readonly kanalen?: Readonly<Record<string, readonly { id: string; name?: string }[]>>;
  /** Conversation id (a team's or a channel's) -> the user ids Teams lists as members. */
  readonly leden?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A recording Bot Connector on 127.0.0.1: accepts replies (/activities/:replyToId), proactive
 * sends (/activities) and updates (PUT /activities/:id) and remembers each, so tests assert what a
 * user would see. It answers the Teams channel list and member look-ups from `teams` (404
 * otherwise), and remembers each look-up in `opgevraagd`.
 */
export async function startFakeConnector(teams: TeamsGegevens = {}): Promise<{ url: string; ontvangen: Ontvangen[]; opgevraagd: string[]; stop(): Promise<void> }> {
  const ontvangen: Ontvangen[] = [];
  const opgevraagd: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => {
      const pad = req.url ?? '';
      const kanalen = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(pad);
      const lid = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(pad);
      const methode = req.method === 'POST' || req.method === 'PUT' ? req.method : undefined;
      if (methode !== undefined && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(pad)) {
        ontvangen.push({ pad, methode, activity: JSON.parse(Buffer.concat(delen).toString('utf8')) as Record<string, unknown> });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `act-${ontvangen.length}` }));
      } else if (req.method === 'GET' && kanalen) {
        opgevraagd.push(pad);
        const lijst = teams.kanalen?.[decodeURIComponent(kanalen[1] ?? '')];
        if (lijst) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ conversations: lijst }));
        else res.writeHead(404).end();
      } else if (req.method === 'GET' && lid) {
        opgevraagd.push(pad);
        const gebruiker = decodeURIComponent(lid[2] ?? '');
        if (teams.leden?.[decodeURIComponent(lid[1] ?? '')]?.includes(gebruiker)) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: gebruiker }));
        else res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'MemberNotFoundInConversation' } }));
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, ontvangen, opgevraagd, stop: () => new Promise<void>((klaar) => server.close(() => klaar())) };
}
