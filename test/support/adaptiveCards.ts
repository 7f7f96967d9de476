import { createRequire } from 'node:module';

// The package's ESM entry is broken under Node (extensionless imports); its UMD bundle works.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

/** Parses a card with the adaptivecards SDK and returns every parse and validation message. */
export function kaartProblemen(card: unknown): string[] {
  const kaart = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  kaart.parse(card, ctx);
  const problemen = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
  return [...problemen, ...kaart.validateProperties().validationEvents.map((e) => e.message)];
}
