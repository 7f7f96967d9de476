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

/** A scripted failure: the next request (to `gesprek`, if given) gets this answer instead. */
export interface Storing {
  readonly status: number;
  /** Seconds, sent as the Retry-After header. */
  readonly retryAfter?: number;
  /** The Bot Connector's error code, e.g. MessageWritesBlocked. */
  readonly code?: string;
  readonly gesprek?: string;
  /** Never answer: the sender's timeout must end the call. */
  readonly hangt?: boolean;
}

export interface Venster {
  readonly aantal: number;
  readonly ms: number;
}

export interface FakeConnectorOpties extends TeamsGegevens {
  /** Enforce Teams' limits: more than these accepted messages in a window gets 429 with Retry-After. */
  readonly limieten?: { readonly perGesprek: readonly Venster[]; readonly perTenant: readonly Venster[] };
  /**
   * Each accepted message is handed here instead of kept in `ontvangen`: a benchmark counts what
   * it needs, and 1 000 kept cards would count as the sender's memory (the fake runs in-process).
   */
  readonly bijOntvangst?: (o: Ontvangen) => void;
}

export interface FakeConnector {
  readonly url: string;
  readonly ontvangen: Ontvangen[];
  /** The Teams look-ups it answered (channel lists, members). */
  readonly opgevraagd: string[];
  /** Failures to answer, first match first; each is used once. */
  readonly storingen: Storing[];
  /** Requests refused with 429 because a limit was exceeded (not scripted ones). */
  readonly teSnel: () => number;
  stop(): Promise<void>;
}

/** Seconds until one more request fits all windows over `tijden` (arrival times, oldest first), or 0. */
function wachtSeconden(tijden: readonly number[], vensters: readonly Venster[], nu: number): number {
  let wacht = 0;
  for (const v of vensters) {
    const inVenster = tijden.filter((t) => t > nu - v.ms);
    const oudste = inVenster[inVenster.length - v.aantal];
    if (inVenster.length >= v.aantal && oudste !== undefined) wacht = Math.max(wacht, oudste + v.ms - nu);
  }
  return wacht / 1000;
}

/**
 * A recording Bot Connector on 127.0.0.1: accepts replies (/activities/:replyToId), proactive
 * sends (/activities) and updates (PUT /activities/:id) and remembers each, so tests assert what a
 * user would see. It answers the Teams channel list and member look-ups from `kanalen` and
 * `leden` (404 otherwise, each remembered in `opgevraagd`), scripted failures (429, 5xx, 403, 404)
 * on demand and, with `limieten`, throttles like Teams does.
 */
export async function startFakeConnector(opties: FakeConnectorOpties = {}): Promise<FakeConnector> {
  const ontvangen: Ontvangen[] = [];
  let aantalOntvangen = 0;
  const opgevraagd: string[] = [];
  const storingen: Storing[] = [];
  const perGesprek = new Map<string, number[]>();
  const perTenant = new Map<string, number[]>();
  let teSnel = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const delen: Buffer[] = [];
    req.on('data', (d: Buffer) => delen.push(d));
    req.on('end', () => {
      const pad = req.url ?? '';
      const kanalen = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(pad);
      const lid = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(pad);
      const methode = req.method === 'POST' || req.method === 'PUT' ? req.method : undefined;
      if (req.method === 'GET' && kanalen) {
        opgevraagd.push(pad);
        const lijst = opties.kanalen?.[decodeURIComponent(kanalen[1] ?? '')];
        if (lijst) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ conversations: lijst }));
        else res.writeHead(404).end();
        return;
      }
      if (req.method === 'GET' && lid) {
        opgevraagd.push(pad);
        const gebruiker = decodeURIComponent(lid[2] ?? '');
        if (opties.leden?.[decodeURIComponent(lid[1] ?? '')]?.includes(gebruiker)) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: gebruiker }));
        else res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'MemberNotFoundInConversation' } }));
        return;
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(\/[^/]+)?$/.exec(pad);
      if (methode === undefined || m === null) {
        res.writeHead(404).end();
        return;
      }
      const gesprek = decodeURIComponent(m[1] ?? '');
      const activity = JSON.parse(Buffer.concat(delen).toString('utf8')) as Record<string, unknown>;
      const i = storingen.findIndex((s) => s.gesprek === undefined || s.gesprek === gesprek);
      const storing = i >= 0 ? storingen.splice(i, 1)[0] : undefined;
      if (storing?.hangt) return;
      if (storing !== undefined) {
        const kop = storing.retryAfter === undefined ? {} : { 'retry-after': String(storing.retryAfter) };
        res.writeHead(storing.status, { 'content-type': 'application/json', ...kop }).end(JSON.stringify({ error: { code: storing.code ?? `Status${storing.status}`, message: 'Gesimuleerde storing' } }));
        return;
      }
      if (opties.limieten !== undefined) {
        const nu = Date.now();
        const tenant = String((activity['conversation'] as { tenantId?: unknown } | undefined)?.tenantId ?? 'geen-tenant');
        const g = perGesprek.get(gesprek) ?? [];
        const t = perTenant.get(tenant) ?? [];
        const wacht = Math.max(wachtSeconden(g, opties.limieten.perGesprek, nu), wachtSeconden(t, opties.limieten.perTenant, nu));
        if (wacht > 0) {
          teSnel += 1;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.max(1, Math.ceil(wacht))) }).end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Te veel berichten' } }));
          return;
        }
        // Only what the windows need is kept: memory stays flat over a long run.
        perGesprek.set(gesprek, [...g, nu].slice(-60));
        perTenant.set(tenant, [...t, nu].slice(-60));
      }
      aantalOntvangen += 1;
      if (opties.bijOntvangst) opties.bijOntvangst({ pad, methode, activity });
      else ontvangen.push({ pad, methode, activity });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `act-${aantalOntvangen}` }));
    });
  });
  await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    ontvangen,
    opgevraagd,
    storingen,
    teSnel: () => teSnel,
    stop: () =>
      new Promise<void>((klaar) => {
        server.closeAllConnections();
        server.close(() => klaar());
      }),
  };
}
