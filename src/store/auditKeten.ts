import { createHash } from 'node:crypto';
import { AuditRegel, AuditRij, type OpgeslagenAuditRij } from './ports.js';

/**
 * The audit trail's hash chains, shared by both stores and `npm run audit:verify`. Each entry
 * carries the hash of the previous entry of its chain and its own hash over both, so changing,
 * removing or reordering an entry breaks the chain from that entry on.
 */

/** The `vorigeHash` of the first entry of every chain. */
export const GENESIS = 'meldroute-audit-genesis-v1';

/**
 * One chain per dossier; entries without a dossier (a search, a refused tenant) chain per actor.
 * Per-dossier chains keep concurrent writers of different dossiers out of each other's way.
 */
export function ketenVan(regel: Pick<AuditRegel, 'dossierId' | 'actor'>): string {
  return regel.dossierId !== undefined ? dossierKeten(regel.dossierId) : `actor:${regel.actor.id}`;
}

export function dossierKeten(dossierId: string): string {
  return `dossier:${dossierId}`;
}

/** JSON with object keys sorted at every level and undefined left out: one text per value. */
export function canoniek(waarde: unknown): string {
  if (Array.isArray(waarde)) return `[${waarde.map((w) => canoniek(w === undefined ? null : w)).join(',')}]`;
  if (typeof waarde === 'object' && waarde !== null) {
    const velden = Object.entries(waarde)
      .filter(([, w]) => w !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, w]) => `${JSON.stringify(k)}:${canoniek(w)}`);
    return `{${velden.join(',')}}`;
  }
  return JSON.stringify(waarde);
}

export function hashVan(rij: Omit<AuditRij, 'hash'>): string {
  return createHash('sha256').update(canoniek(rij)).digest('hex');
}

/** The last entry of a chain, as far as the next one needs it. */
export interface Kop {
  readonly positie: number;
  readonly hash: string;
}

/** The entry that follows `kop` (or starts the chain) for `regel`. */
export function schakel(regel: AuditRegel, kop: Kop | undefined): AuditRij {
  const geldig = AuditRegel.parse(regel);
  const zonderHash = { ...geldig, keten: ketenVan(geldig), positie: (kop?.positie ?? 0) + 1, vorigeHash: kop?.hash ?? GENESIS };
  return { ...zonderHash, hash: hashVan(zonderHash) };
}

export interface Breuk {
  /** The record's key in its store (SQLite row number, Cosmos document id). */
  readonly sleutel: string;
  readonly id?: string;
  readonly dossierId?: string;
  readonly keten?: string;
  readonly positie?: number;
  readonly reden: string;
}

export type Verificatie =
  | { readonly ok: true; readonly rijen: number; readonly ketens: number }
  | { readonly ok: false; readonly rijen: number; readonly ketens: number; readonly breuk: Breuk };

/**
 * Walks every chain and reports the first broken entry: a record that is not a valid entry
 * first, then the chains in key order, each from its start.
 */
export async function verifieerAudit(bron: AsyncIterable<OpgeslagenAuditRij>): Promise<Verificatie> {
  const ketens = new Map<string, { rij: AuditRij; opgeslagen: OpgeslagenAuditRij }[]>();
  const ids = new Set<string>();
  let rijen = 0;
  let eerste: Breuk | undefined;
  for await (const opgeslagen of bron) {
    rijen += 1;
    const r = AuditRij.safeParse(opgeslagen.ruw);
    if (!r.success) {
      eerste ??= { sleutel: opgeslagen.sleutel, reden: `geen geldige auditregel (${r.error.issues.slice(0, 2).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')})` };
      continue;
    }
    if (ids.has(r.data.id)) eerste ??= breuk(opgeslagen, r.data, 'het id komt twee keer voor');
    ids.add(r.data.id);
    const lijst = ketens.get(r.data.keten) ?? [];
    lijst.push({ rij: r.data, opgeslagen });
    ketens.set(r.data.keten, lijst);
  }
  if (eerste === undefined) {
    for (const sleutel of [...ketens.keys()].sort()) {
      eerste = controleerKeten((ketens.get(sleutel) ?? []).sort((a, b) => a.rij.positie - b.rij.positie));
      if (eerste !== undefined) break;
    }
  }
  return eerste === undefined ? { ok: true, rijen, ketens: ketens.size } : { ok: false, rijen, ketens: ketens.size, breuk: eerste };
}

function controleerKeten(keten: readonly { rij: AuditRij; opgeslagen: OpgeslagenAuditRij }[]): Breuk | undefined {
  let vorige: AuditRij | undefined;
  for (const { rij, opgeslagen } of keten) {
    const { hash, ...zonderHash } = rij;
    const k = opgeslagen.kolommen;
    if (k !== undefined && (k.keten !== rij.keten || k.positie !== rij.positie || k.dossierId !== (rij.dossierId ?? null))) {
      return breuk(opgeslagen, rij, 'de opslagkolommen wijken af van de regel');
    }
    if (rij.keten !== ketenVan(rij)) return breuk(opgeslagen, rij, `hoort in keten ${ketenVan(rij)}`);
    if (hashVan(zonderHash) !== hash) return breuk(opgeslagen, rij, 'de hash klopt niet: de regel is gewijzigd');
    const verwacht = (vorige?.positie ?? 0) + 1;
    if (rij.positie < verwacht) return breuk(opgeslagen, rij, `positie ${rij.positie} komt twee keer voor`);
    if (rij.positie > verwacht) return breuk(opgeslagen, rij, `de regel(s) op positie ${verwacht}${rij.positie - 1 > verwacht ? `-${rij.positie - 1}` : ''} ontbreken`);
    if (rij.vorigeHash !== (vorige?.hash ?? GENESIS)) return breuk(opgeslagen, rij, 'vorigeHash wijst niet naar de vorige regel');
    vorige = rij;
  }
  return undefined;
}

function breuk(opgeslagen: OpgeslagenAuditRij, rij: AuditRij, reden: string): Breuk {
  return { sleutel: opgeslagen.sleutel, id: rij.id, ...(rij.dossierId ? { dossierId: rij.dossierId } : {}), keten: rij.keten, positie: rij.positie, reden };
}

/** One line for an operator: `OK <n> rijen, <m> ketens` or the first broken entry. */
export function beschrijf(v: Verificatie): string {
  if (v.ok) return `OK ${v.rijen} rijen, ${v.ketens} ketens`;
  const b = v.breuk;
  const waar = [b.id ? `id ${b.id}` : undefined, `dossier ${b.dossierId ?? '-'}`, b.keten ? `keten ${b.keten}` : undefined, b.positie ? `positie ${b.positie}` : undefined].filter(Boolean).join(', ');
  return `BREUK in rij ${b.sleutel} (${waar}): ${b.reden}. Gecontroleerd: ${v.rijen} rijen, ${v.ketens} ketens.`;
}

/** A change's audit entry must name the dossier it changes: the store files it in that chain. */
export function eisAuditVan(dossierId: string, regel: AuditRegel): void {
  if (regel.dossierId !== dossierId) throw new RangeError(`De auditregel ${regel.id} hoort niet bij dossier ${dossierId}.`);
}
