import type { CloudAdapter, TurnContext } from 'botbuilder';

export interface BotVerzoek {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface BotAntwoord {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/**
 * CloudAdapter.process wants a parsed body and an Express-like response. This shim serves
 * both the Azure Functions HttpRequest and Node's own http server from one code path.
 */
export async function verwerkBotVerzoek(adapter: CloudAdapter, verzoek: BotVerzoek, logic: (context: TurnContext) => Promise<void>): Promise<BotAntwoord> {
  let status = 200;
  let body: unknown;
  const headers: Record<string, string> = {};
  const res = {
    socket: undefined,
    status(code: number) {
      status = code;
      return res;
    },
    header(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
      return res;
    },
    send(inhoud: unknown) {
      body = inhoud;
      return res;
    },
    end() {
      return res;
    },
  };
  await adapter.process({ method: verzoek.method, headers: verzoek.headers, body: (verzoek.body ?? undefined) as Record<string, unknown> }, res, logic);
  return { status, headers, ...(body === undefined ? {} : { body }) };
}
