import type { Wijziging } from './effecten.js';
import { openMijlpalen, type Mijlpaal } from './mijlpalen.js';
import type { Dossier, Effect } from './model.js';
import { landelijkeKalender, type WerkdagKalender } from './tijd/werkdagen.js';

/**
 * The milestones a change met: open before it, no longer open after it. A milestone whose id
 * changes (a beargumenteerd besluit moves contact-gezin to a new term) is met too: its nudges ask
 * for nothing any more, the new term gets nudges of its own.
 */
export function gehaaldeMijlpalen(voor: Dossier, na: Dossier, kalender: WerkdagKalender = landelijkeKalender): Mijlpaal[] {
  const open = new Set(openMijlpalen(na, kalender).map((m) => m.id));
  return openMijlpalen(voor, kalender).filter((m) => !open.has(m.id));
}

/** Whether a nudge for this milestone went out (the tick records every nudge key on the dossier). */
function isGeherinnerd(d: Dossier, mijlpaalId: string): boolean {
  const prefix = `${d.id}:${mijlpaalId}:`;
  return d.herinneringen.some((s) => s.startsWith(prefix));
}

/**
 * Adds the effect that turns the nudge cards of the milestones this change met into "afgehandeld
 * door … op …". Only milestones that were nudged, and only a change that recorded a gebeurtenis:
 * who met the deadline and when is that gebeurtenis, not the clock of whoever delivers it.
 */
export function metAfgehandeldeTermijnen(voor: Dossier, w: Wijziging, kalender?: WerkdagKalender): Wijziging {
  const gebeurtenis = w.dossier.gebeurtenissen.length > voor.gebeurtenissen.length ? w.dossier.gebeurtenissen.at(-1) : undefined;
  if (gebeurtenis === undefined) return w;
  const gehaald = gehaaldeMijlpalen(voor, w.dossier, kalender).filter((m) => isGeherinnerd(voor, m.id));
  if (gehaald.length === 0) return w;
  const effect: Effect = { soort: 'termijn-afgehandeld', mijlpalen: gehaald.map((m) => ({ id: m.id, omschrijving: m.omschrijving })), door: gebeurtenis.door, op: gebeurtenis.op, waardoor: gebeurtenis.soort };
  return { ...w, effecten: [...w.effecten, effect] };
}

/**
 * Who met a milestone and when, as the change that met it saved it in the dossier's outbox: what
 * a nudge card shows when it is refreshed or clicked after its deadline was met.
 */
export function afhandelingVan(d: Dossier, mijlpaalId: string): { readonly omschrijving: string; readonly door: Dossier['eigenaar']; readonly op: string; readonly waardoor?: string } | undefined {
  for (const u of [...(d.uitgaand ?? [])].reverse()) {
    if (u.effect.soort !== 'termijn-afgehandeld') continue;
    const m = u.effect.mijlpalen.find((x) => x.id === mijlpaalId);
    if (m !== undefined) return { omschrijving: m.omschrijving, door: { id: u.effect.door.id, naam: u.effect.door.naam }, op: u.effect.op, ...(u.effect.waardoor ? { waardoor: u.effect.waardoor } : {}) };
  }
  return undefined;
}
