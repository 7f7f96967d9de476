/**
 * @azure/functions is a bundled CommonJS module whose named exports Node's ESM loader cannot
 * see; this module re-exports what meldroute uses, so every other file imports by name.
 */
import functions from '@azure/functions';

export const { app, HttpRequest, InvocationContext } = functions;
export type HttpRequest = InstanceType<typeof functions.HttpRequest>;
export type InvocationContext = InstanceType<typeof functions.InvocationContext>;
export type { HttpResponseInit, Timer } from '@azure/functions';
