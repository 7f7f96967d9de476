import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { BezorgFout } from '../app/bezorging.js';

type ConnectorOpties = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
type HttpClient = NonNullable<ConnectorOpties['httpClient']>;
type WebResource = Parameters<HttpClient['sendRequest']>[0];
type Antwoord = Awaited<ReturnType<HttpClient['sendRequest']>>;
type Koppen = Antwoord['headers'];

/** An answer from Teams that was not a success, thrown as is (see `eenPogingHttpClient`). */
export class TeamsHttpFout extends Error {
  override readonly name = 'TeamsHttpFout';
  constructor(
    /** Undefined when no answer came: a timeout or a broken connection. */
    readonly status: number | undefined,
    readonly retryAfterSeconden: number | undefined,
    readonly code: string,
    melding: string,
  ) {
    super(melding);
  }
}

function koppen(bron: Headers): Koppen {
  const kaart = new Map<string, { name: string; value: string }>();
  bron.forEach((value, name) => kaart.set(name.toLowerCase(), { name, value }));
  const k: Koppen = {
    set: (name, value) => void kaart.set(name.toLowerCase(), { name, value: String(value) }),
    get: (name) => kaart.get(name.toLowerCase())?.value,
    contains: (name) => kaart.has(name.toLowerCase()),
    remove: (name) => kaart.delete(name.toLowerCase()),
    rawHeaders: () => Object.fromEntries([...kaart.values()].map((h) => [h.name, h.value])),
    headersArray: () => [...kaart.values()],
    headerNames: () => [...kaart.values()].map((h) => h.name),
    headerValues: () => [...kaart.values()].map((h) => h.value),
    toJson: () => Object.fromEntries([...kaart.values()].map((h) => [h.name, h.value])),
    clone: () => koppen(new Headers(k.toJson() as Record<string, string>)),
  };
  return k;
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconden(waarde: string | null | undefined, nu: number): number | undefined {
  if (waarde === null || waarde === undefined || waarde.trim() === '') return undefined;
  const getal = Number(waarde);
  if (Number.isFinite(getal)) return Math.max(0, getal);
  const datum = Date.parse(waarde);
  return Number.isNaN(datum) ? undefined : Math.max(0, (datum - nu) / 1000);
}

/**
 * The HTTP client for proactive sends: one attempt per call, with a timeout. The Bot Connector
 * SDK otherwise retries 429 after Retry-After and 5xx with backoff inside the call (four requests
 * and up to a minute per message): the sender retries through its queue instead, sets the shared
 * throttle on the first 429, and never holds a worker while Teams asks it to wait. Any non-2xx
 * answer is thrown as a TeamsHttpFout, which the SDK's retry policy passes on untouched (it only
 * retries its own RestError).
 */
export function eenPogingHttpClient(timeoutMs: number, nu: () => number = Date.now): HttpClient {
  return {
    async sendRequest(verzoek: WebResource): Promise<Antwoord> {
      const signalen = [AbortSignal.timeout(timeoutMs), ...(verzoek.abortSignal ? [verzoek.abortSignal as AbortSignal] : [])];
      let antwoord: Response;
      try {
        antwoord = await fetch(verzoek.url, {
          method: verzoek.method,
          headers: verzoek.headers.rawHeaders(),
          body: typeof verzoek.body === 'string' ? verzoek.body : verzoek.body === undefined ? undefined : JSON.stringify(verzoek.body),
          signal: AbortSignal.any(signalen),
        });
      } catch (e) {
        const tijd = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        throw new TeamsHttpFout(undefined, undefined, tijd ? 'tijdslimiet' : 'verbinding', tijd ? `Teams antwoordde niet binnen ${timeoutMs} ms.` : `Geen verbinding met Teams: ${String((e as Error).cause ?? e)}`);
      }
      const tekst = await antwoord.text();
      if (!antwoord.ok) {
        let code = `http-${antwoord.status}`;
        try {
          const fout = (JSON.parse(tekst) as { error?: { code?: unknown } }).error?.code;
          if (typeof fout === 'string') code = fout;
        } catch {
          // Not JSON: the status says enough.
        }
        throw new TeamsHttpFout(antwoord.status, retryAfterSeconden(antwoord.headers.get('retry-after'), nu()), code, `Teams antwoordde ${antwoord.status} (${code}).`);
      }
      return { request: verzoek, status: antwoord.status, headers: koppen(antwoord.headers), bodyAsText: tekst };
    },
  };
}

/**
 * What a failed send means for the sender. Teams: 429 throttled (wait Retry-After), 403 the bot
 * may no longer write here (removed, blocked by the user, MessageWritesBlocked), 404 the
 * conversation is gone; 412, 5xx, timeouts and broken connections are worth another try.
 * Also reads the RestError shape (statusCode, response.headers) of an SDK without our client.
 */
export function alsBezorgFout(fout: unknown, nu: number): BezorgFout {
  if (fout instanceof BezorgFout) return fout;
  let status: number | undefined;
  let naSeconden: number | undefined;
  let code = 'onbekend';
  if (fout instanceof TeamsHttpFout) {
    status = fout.status;
    naSeconden = fout.retryAfterSeconden;
    code = fout.code;
  } else if (typeof fout === 'object' && fout !== null && 'statusCode' in fout && typeof fout.statusCode === 'number') {
    status = fout.statusCode;
    const kop = (fout as { response?: { headers?: { get?: (n: string) => string | undefined } } }).response?.headers?.get?.('retry-after');
    naSeconden = retryAfterSeconden(kop, nu);
    const c = (fout as { code?: unknown }).code;
    code = typeof c === 'string' ? c : `http-${status}`;
  }
  const melding = fout instanceof Error ? fout.message : String(fout);
  const soort = status === 429 ? 'te-snel' : status === 403 ? 'geblokkeerd' : status === 404 ? 'gesprek-weg' : 'tijdelijk';
  return new BezorgFout(soort, melding, { ...(status !== undefined ? { status } : {}), ...(naSeconden !== undefined ? { naSeconden } : {}), code });
}
