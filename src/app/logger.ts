/** A minimal structured logger; never pass case content to it, only ids and codes. */
export interface Logger {
  info(bericht: string, velden?: Record<string, unknown>): void;
  warn(bericht: string, velden?: Record<string, unknown>): void;
  error(bericht: string, velden?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (b, v) => console.log(JSON.stringify({ niveau: 'info', bericht: b, ...v })),
  warn: (b, v) => console.warn(JSON.stringify({ niveau: 'warn', bericht: b, ...v })),
  error: (b, v) => console.error(JSON.stringify({ niveau: 'error', bericht: b, ...v })),
};

export const stilleLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
