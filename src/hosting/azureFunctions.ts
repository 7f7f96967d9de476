/**
 * @azure/functions is a bundled CommonJS module whose named exports Node's ESM loader cannot
 * see; this module re-exports what meldroute uses, so every other file imports by name.
 */
import functions from '@azure/functions';

export const { app, HttpRequest, InvocationContext } = functions;
export type HttpRequest = InstanceType<typeof functions.HttpRequest>;
export type InvocationContext = InstanceType<typeof functions.InvocationContext>;
export type { HttpResponseInit, Timer } from '@azure/functions';

// The body reaches the handler as a stream, so /api/messages can stop reading at its size
// limit instead of receiving a body the host already buffered (needs Functions host 4.28+).
app.setup({ enableHttpStream: true });

/**
 * An HttpRequest over a streaming Fetch Request: what the Functions runtime itself builds when
 * HTTP streaming is on (createStreamRequest), for the local Node host. `nativeRequest` is the
 * library's own, undocumented init field.
 */
export function streamendVerzoek(nativeRequest: Request): HttpRequest {
  return new HttpRequest({ nativeRequest } as unknown as ConstructorParameters<typeof HttpRequest>[0]);
}
