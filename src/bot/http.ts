import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../app/logger.js';
import { nieuweFoutcode, type Authenticatie, type MeldrouteAdapter } from './adapter.js';
import type { VerzoekLimieten } from './begrenzer.js';
import { tenantVan } from './context.js';

/** Teams activities stay under 100 KB (PLATFORM.md); anything far above that is not Teams. */
export const MAX_BODY_BYTES = 256 * 1024;

export const TE_VEEL_VERZOEKEN = 'U stuurt te veel berichten tegelijk; wacht even.';

export interface BotVerzoek {
  readonly method: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ReadableStream<Uint8Array> | null;
}

export interface BotAntwoord {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * - `bot-framework`: an app id is configured; every request needs a valid Bot Connector JWT.
 * - `lokaal`: npm start on 127.0.0.1 without an app id; nothing is authenticated.
 * - `dicht`: neither; nothing is served.
 */
export type Toegang = 'bot-framework' | 'lokaal' | 'dicht';

/** Everything the /api/messages pipeline needs, built once in the composition root. */
export interface BotPoort {
  readonly adapter: MeldrouteAdapter;
  readonly logic: (context: TurnContext) => Promise<void>;
  readonly toegang: Toegang;
  /** channelIds served: `msteams`, plus the Bot Framework Emulator's `emulator` when local. */
  readonly kanalen: readonly string[];
  readonly limieten: VerzoekLimieten;
  readonly log: Logger;
}

const MetId = z.looseObject({ id: z.string().min(1) });

/** Only what the pipeline and the bot rely on; the rest of the activity passes through untouched. */
const Activiteit = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: MetId,
  from: MetId.extend({ aadObjectId: z.string().optional() }),
  recipient: MetId,
});

// A Bot Framework JWT in compact form; anything else is refused before the body is read.
const BEARER = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const weiger = (status: number, fout: string, foutcode?: string): BotAntwoord => ({ status, body: { fout, ...(foutcode ? { foutcode } : {}) } });

/**
 * Reads at most `max` bytes of the body. Returns undefined as soon as the stream goes past
 * the limit and cancels it, so an oversized body is never held in memory.
 */
export async function leesBegrensd(body: ReadableStream<Uint8Array> | null, max: number): Promise<string | undefined> {
  if (body === null) return '';
  const lezer = body.getReader();
  const delen: Uint8Array[] = [];
  let totaal = 0;
  for (;;) {
    const { done, value } = await lezer.read();
    if (done) break;
    totaal += value.byteLength;
    if (totaal > max) {
      await lezer.cancel().catch(() => undefined);
      return undefined;
    }
    delen.push(value);
  }
  return Buffer.concat(delen).toString('utf8');
}

/** CloudAdapter.process turns these strings into Dates before the turn; this pipeline does the same. */
function metDatums(ruw: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...ruw };
  for (const [veld, rauw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const waarde = activity[veld];
    if (typeof waarde === 'string') {
      activity[rauw] = waarde;
      activity[veld] = new Date(waarde);
    }
  }
  return activity as unknown as Activity;
}

/**
 * POST /api/messages for the Azure Functions handler and the local Node host alike. Cheap
 * refusals come first (configuration, the Authorization header, the size), then the body is
 * parsed and checked, the JWT validated, the sender counted against the rate limits, and only
 * then does the turn run. No library or exception text reaches the response: a refusal says in
 * Dutch what was wrong, an unexpected failure gives a foutcode that leads to the log line.
 */
export async function verwerkBotVerzoek(poort: BotPoort, verzoek: BotVerzoek): Promise<BotAntwoord> {
  if (poort.toegang === 'dicht') return weiger(503, 'meldroute is niet beschikbaar: de bot is niet ingesteld.');
  if (verzoek.method !== 'POST') return weiger(405, 'Alleen POST is toegestaan.');
  const authHeader = verzoek.headers['authorization'] ?? '';
  if (poort.toegang === 'bot-framework' && !BEARER.test(authHeader)) return weiger(401, 'Niet aangemeld.');

  const lengte = Number(verzoek.headers['content-length']);
  if (Number.isFinite(lengte) && lengte > MAX_BODY_BYTES) return weiger(413, 'Het bericht is te groot.');
  const tekst = await leesBegrensd(verzoek.body, MAX_BODY_BYTES);
  if (tekst === undefined) return weiger(413, 'Het bericht is te groot.');

  let json: unknown;
  try {
    json = JSON.parse(tekst);
  } catch {
    return weiger(400, 'De body is geen geldige JSON.');
  }
  const vorm = Activiteit.safeParse(json);
  if (!vorm.success) {
    const pad = vorm.error.issues[0]?.path.join('.') || 'de activiteit';
    return weiger(400, `Ongeldige activiteit: ${pad} ontbreekt of is ongeldig.`);
  }
  if (!poort.kanalen.includes(vorm.data.channelId)) return weiger(403, 'Dit kanaal wordt niet bediend.');
  const activity = metDatums(vorm.data);

  let authenticatie: Authenticatie;
  try {
    authenticatie = await poort.adapter.authenticeer(activity, authHeader);
  } catch (fout) {
    const foutcode = nieuweFoutcode();
    const reden = fout instanceof Error ? fout.message : String(fout);
    // Only an unreachable OpenID/JWKS endpoint carries status 500; every token problem is a 401.
    if ((fout as { statusCode?: unknown }).statusCode === 500) {
      poort.log.error('Aanmelding kon niet worden gecontroleerd', { foutcode, reden });
      return weiger(503, 'De aanmelding kon niet worden gecontroleerd; probeer het later opnieuw.', foutcode);
    }
    poort.log.warn('Verzoek niet geauthenticeerd', { foutcode, reden });
    return weiger(401, 'Niet aangemeld.', foutcode);
  }

  try {
    const uitslag = poort.limieten.neem(vorm.data.from.aadObjectId ?? vorm.data.from.id, tenantVan(activity));
    if (!uitslag.toegestaan) return await teVeel(poort, authenticatie, activity, uitslag.eersteWeigering);
    const invoke = await poort.adapter.verwerk(authenticatie, activity, poort.logic);
    return { status: invoke?.status ?? 200, ...(invoke?.body === undefined ? {} : { body: invoke.body }) };
  } catch (fout) {
    const foutcode = nieuweFoutcode();
    poort.log.error('Verzoek mislukt', { foutcode, fout: fout instanceof Error ? fout.message : String(fout), stack: fout instanceof Error ? fout.stack : undefined });
    return weiger(500, 'Er ging iets mis bij het verwerken; probeer het opnieuw.', foutcode);
  }
}

/**
 * Over the limit. A click gets the message in Teams' own invoke answer (the card stays as it
 * is); a typed message gets one reply per run of refusals, so a flood is not answered by a flood.
 */
async function teVeel(poort: BotPoort, authenticatie: Authenticatie, activity: Activity, eerste: boolean): Promise<BotAntwoord> {
  if (eerste) poort.log.warn('Verzoeken boven de limiet', { activity: activity.type });
  if (activity.type === ActivityTypes.Invoke) {
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: TE_VEEL_VERZOEKEN } };
  }
  if (activity.type === ActivityTypes.Message && eerste) {
    await poort.adapter.verwerk(authenticatie, activity, async (context) => {
      await context.sendActivity(TE_VEEL_VERZOEKEN);
    });
  }
  return { status: 200 };
}
