import { z } from 'zod';
import type { Dossier } from '../domain/index.js';

/**
 * The narrow storage ports the application depends on. Every implementation (embedded SQLite,
 * Azure Cosmos DB) passes the same contract suite (test/store/contract.ts).
 */

/** A stored value with the ETag of the version that was read. */
export interface Versie<T> {
  readonly waarde: T;
  readonly etag: string;
}

export interface Pagina<T> {
  readonly items: readonly T[];
  /** Pass back to get the next page; undefined on the last page. */
  readonly vervolg?: string;
}

export interface PaginaOpties {
  readonly max?: number;
  readonly vervolg?: string;
}

/** Someone else wrote first: re-read, re-apply the change, and try again. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(readonly soort: string, readonly id: string) {
    super(`${soort} ${id} is intussen door iemand anders gewijzigd.`);
  }
}

export class BestaatAlError extends Error {
  override readonly name = 'BestaatAlError';
  constructor(readonly soort: string, readonly id: string) {
    super(`${soort} ${id} bestaat al.`);
  }
}

/** A stored record that fails validation: surfaced, never skipped or overwritten. */
export class CorruptRecordError extends Error {
  override readonly name = 'CorruptRecordError';
  constructor(readonly soort: string, readonly id: string, readonly details: string) {
    super(`Opgeslagen ${soort} ${id} is ongeldig: ${details}`);
  }
}

export function valideer<S extends z.ZodType>(schema: S, soort: string, id: string, ruw: unknown): z.infer<S> {
  const r = schema.safeParse(ruw);
  if (!r.success) {
    throw new CorruptRecordError(soort, id, r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  return r.data;
}

// ---------------------------------------------------------------- dossiers

/** Fields derived from a dossier on every write, so queries are indexed range scans. */
export interface DossierIndex {
  /** Earliest moment a reminder becomes due (ISO UTC), or null. */
  readonly nextDueAt: string | null;
  /** When the record must be deleted under its retention period (ISO UTC), or null. */
  readonly verlooptOp: string | null;
}

export type DossierIndexeerder = (dossier: Dossier) => DossierIndex;

/** Which dossiers a person may see (DOMAIN.md §8). */
export type Zichtbaarheid =
  | { readonly soort: 'eigen'; readonly gebruikerId: string }
  | { readonly soort: 'organisatie'; readonly organisatieId: string }
  | { readonly soort: 'lokaal-team'; readonly teamId: string }
  | { readonly soort: 'vt-regio'; readonly regioId: string };

export type IndexVeld = 'eigenaarId' | 'organisatieId' | 'lokaalTeamId' | 'vtRegioId';

/** The indexed field and value that select what `wie` may see. */
export function zichtbaarheidFilter(wie: Zichtbaarheid): { veld: IndexVeld; waarde: string } {
  switch (wie.soort) {
    case 'eigen':
      return { veld: 'eigenaarId', waarde: wie.gebruikerId };
    case 'organisatie':
      return { veld: 'organisatieId', waarde: wie.organisatieId };
    case 'lokaal-team':
      return { veld: 'lokaalTeamId', waarde: wie.teamId };
    case 'vt-regio':
      return { veld: 'vtRegioId', waarde: wie.regioId };
  }
}

/**
 * The visibility fields of a dossier: a lokaal team sees what was handed over to it, Veilig
 * Thuis what was reported to it (not a professional's advies-only dossier).
 */
export function zichtbaarheidsvelden(dossier: Dossier): Record<IndexVeld, string | null> {
  return {
    eigenaarId: dossier.eigenaar.id,
    organisatieId: dossier.organisatieId,
    lokaalTeamId: dossier.veiligThuis?.overdracht?.partij.teamId ?? null,
    vtRegioId: dossier.veiligThuis?.regioId ?? null,
  };
}

export interface DossierStore {
  get(id: string): Promise<Versie<Dossier> | undefined>;
  /**
   * Writes the dossier and its audit entry atomically: both or neither. Fails with
   * BestaatAlError when the id is taken.
   */
  create(dossier: Dossier, audit: AuditRegel): Promise<Versie<Dossier>>;
  /** Like create; fails with ConflictError when `etag` is not the stored version's. */
  update(dossier: Dossier, etag: string, audit: AuditRegel): Promise<Versie<Dossier>>;
  lijst(wie: Zichtbaarheid, opties?: PaginaOpties): Promise<Pagina<Versie<Dossier>>>;
  /** Dossiers whose next reminder is due at or before `tot`, earliest first. */
  dueVoor(tot: string, opties?: PaginaOpties): Promise<Pagina<Versie<Dossier>>>;
  /**
   * Deletes dossiers past their retention period, each with the audit entry `audit(id)` in the
   * same write; returns their ids. The dossier's audit chain stays: it is append-only.
   */
  verwijderVerlopen(nu: string, audit: (dossierId: string) => AuditRegel): Promise<string[]>;
  /**
   * Copies audit entries still waiting in dossier records to the audit trail (a writer that died
   * between its write and the copy); exactly once, however often or concurrently it runs. Returns
   * how many it copied. A store that writes both in one transaction has none waiting.
   */
  bezorgAudit(): Promise<number>;
}

// ---------------------------------------------------------------- reminder ledger

export const GesprekSleutelSchema = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('persoonlijk'), gebruikerId: z.string().min(1) }),
  z.object({ soort: z.literal('kanaal'), teamId: z.string().min(1), kanaalId: z.string().min(1) }),
]);

/**
 * `mislukt`: this attempt failed and may be retried; `opgegeven`: never retried (the bot was
 * removed, the conversation is gone, too many attempts, or nothing is left to send).
 */
export const LedgerStatus = z.enum(['geclaimd', 'verzonden', 'mislukt', 'opgegeven']);
export const LedgerRegel = z.object({
  sleutel: z.string().min(1),
  dossierId: z.string().min(1),
  publiek: z.string().min(1),
  status: LedgerStatus,
  pogingen: z.number().int().nonnegative(),
  geclaimdOp: z.string(),
  verzondenOp: z.string().optional(),
  activityId: z.string().optional(),
  laatsteFout: z.string().optional(),
  /** A nudge: its milestone, level and conversation, so its card can be updated once the deadline is met. */
  mijlpaal: z.string().min(1).optional(),
  niveau: z.string().min(1).optional(),
  naar: GesprekSleutelSchema.optional(),
  /** An item of an overview card: the ledger keys of every item on that card, this one included. */
  overzicht: z.array(z.string().min(1)).optional(),
  /** The card now says its deadline was met: by whom and when, from the change that met it. */
  afgehandeld: z.object({ door: z.string().min(1), op: z.string().min(1) }).optional(),
});
export type LedgerRegel = z.infer<typeof LedgerRegel>;

export interface ClaimGegevens {
  readonly dossierId: string;
  readonly publiek: string;
  readonly op: string;
  /** For a nudge (see LedgerRegel). */
  readonly mijlpaal?: string;
  readonly niveau?: string;
  readonly naar?: GesprekSleutel;
}

export interface HerinneringLedger {
  /** True for exactly one caller per key, however many try at once. */
  claim(sleutel: string, gegevens: ClaimGegevens): Promise<boolean>;
  /** Takes over a failed or stale claim for a retry; true for exactly one caller. */
  herclaim(regel: Versie<LedgerRegel>, op: string): Promise<boolean>;
  /** `overzicht`: the key is an item of an overview card with these item keys (see LedgerRegel). */
  markeerVerzonden(sleutel: string, activityId: string, op: string, overzicht?: readonly string[]): Promise<void>;
  markeerMislukt(sleutel: string, fout: string, op: string): Promise<void>;
  /** Final: the key is never retried; `reden` says why, for the coordinator and the admin. */
  markeerOpgegeven(sleutel: string, reden: string, op: string): Promise<void>;
  get(sleutel: string): Promise<Versie<LedgerRegel> | undefined>;
  /** Failed claims, and claims not marked sent since before `geclaimdVoor`. */
  teHerproberen(geclaimdVoor: string): Promise<Versie<LedgerRegel>[]>;
  /** Nudges given up for good (undeliverable, poisoned), most recently claimed first: for "herinneringen". */
  opgegeven(max: number): Promise<LedgerRegel[]>;
  /** The nudges of a dossier for one milestone that reached Teams (status `verzonden`), in no particular order. */
  verzondenVoor(dossierId: string, mijlpaal: string): Promise<Versie<LedgerRegel>[]>;
  /** The nudge's card says "afgehandeld": recorded once its card was updated, so a second delivery skips it. */
  markeerAfgehandeld(sleutel: string, afgehandeld: { readonly door: string; readonly op: string }): Promise<void>;
}

// ---------------------------------------------------------------- conversation references

export type GesprekSleutel =
  | { readonly soort: 'persoonlijk'; readonly gebruikerId: string }
  | { readonly soort: 'kanaal'; readonly teamId: string; readonly kanaalId: string };

/** A Bot Framework conversation reference, kept as opaque JSON so this port stays SDK-free. */
export type GesprekReferentie = Record<string, unknown>;

export interface GesprekStore {
  /** Replaces the reference: Teams sends the current one on every install and message. */
  bewaar(sleutel: GesprekSleutel, referentie: GesprekReferentie): Promise<void>;
  zoek(sleutel: GesprekSleutel): Promise<GesprekReferentie | undefined>;
}

export function gesprekId(sleutel: GesprekSleutel): string {
  return sleutel.soort === 'persoonlijk' ? `persoonlijk:${sleutel.gebruikerId}` : `kanaal:${sleutel.teamId}:${sleutel.kanaalId}`;
}

// ---------------------------------------------------------------- channel bindings

export const KanaalSleutel = z.object({ soort: z.literal('kanaal'), teamId: z.string().min(1), kanaalId: z.string().min(1) });
export type KanaalSleutel = Extract<GesprekSleutel, { soort: 'kanaal' }>;

/** The party a team channel is bound to: a region's Veilig Thuis, or a lokaal team of a region. */
export const Koppeling = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('veilig-thuis'), regioId: z.string().min(1) }),
  z.object({ soort: z.literal('lokaal-team'), regioId: z.string().min(1), teamKey: z.string().min(1) }),
]);
export type Koppeling = z.infer<typeof Koppeling>;

/** One text per party, for indexes and the audit trail's `namens`. */
export function koppelingSleutel(k: Koppeling): string {
  return k.soort === 'veilig-thuis' ? `veilig-thuis:${k.regioId}` : `lokaal-team:${k.regioId}:${k.teamKey}`;
}

export function zelfdeKoppeling(a: Koppeling, b: Koppeling): boolean {
  return koppelingSleutel(a) === koppelingSleutel(b);
}

/** A channel's binding as stored: which channel, to whom, by whom and when. */
export const KanaalKoppeling = z.object({
  kanaal: KanaalSleutel,
  koppeling: Koppeling,
  door: z.object({ id: z.string().min(1), naam: z.string().min(1) }),
  op: z.string().min(1),
});
export type KanaalKoppeling = z.infer<typeof KanaalKoppeling>;

/**
 * Which team channel stands for which party. A channel has at most one binding. A party may
 * briefly have two channels (two admins binding at once); the newest binding is the one
 * meldroute posts to.
 */
export interface KoppelingStore {
  voorKanaal(kanaal: KanaalSleutel): Promise<Versie<KanaalKoppeling> | undefined>;
  /**
   * Binds a channel. Without `etag` the channel must have no binding; with it, it replaces exactly
   * that version. ConflictError when someone else changed the channel's binding first.
   */
  koppel(koppeling: KanaalKoppeling, etag?: string): Promise<Versie<KanaalKoppeling>>;
  /** Removes exactly the version `etag`; ConflictError when it changed or is gone. */
  ontkoppel(kanaal: KanaalSleutel, etag: string): Promise<void>;
  /** The channel bound to a party and its conversation reference, for proactive posts. */
  kanaalVoor(doel: Koppeling): Promise<{ readonly kanaal: KanaalSleutel; readonly referentie: GesprekReferentie } | undefined>;
  /** The bindings of a region, oldest first. */
  lijst(regioId: string): Promise<KanaalKoppeling[]>;
}

// ---------------------------------------------------------------- audit trail

/** `koppel` and `ontkoppel`: a team channel bound to or unbound from a party (no dossier). */
export const AuditActie = z.enum(['create', 'read', 'update', 'export', 'delete', 'search', 'koppel', 'ontkoppel']);
export const AuditRegel = z.object({
  id: z.string().min(1),
  op: z.string(),
  actor: z.object({ id: z.string().min(1), naam: z.string().min(1) }),
  /** Whom the actor acts for: the lokaal team of a coordinator, the region of Veilig Thuis. */
  namens: z.string().optional(),
  rol: z.string().min(1),
  actie: AuditActie,
  /** Absent for actions on no single dossier (a search, a list). */
  dossierId: z.string().optional(),
  /** The dossiers a search showed. */
  dossierIds: z.array(z.string().min(1)).optional(),
  /** The Entra tenant of a request that was refused for its tenant. */
  tenant: z.string().min(1).optional(),
  kanaal: z.string().min(1),
  /** The team channel a binding entry concerns (`gesprekId`). */
  gesprek: z.string().min(1).optional(),
  uitkomst: z.enum(['toegestaan', 'geweigerd', 'niet-gevonden']),
});
export type AuditRegel = z.infer<typeof AuditRegel>;

/**
 * An audit entry as stored: a link in a hash chain. Each dossier has its own chain, and so does
 * each actor for entries without a dossier, so chains stay writable under concurrency.
 */
export const AuditRij = AuditRegel.extend({
  keten: z.string().min(1),
  /** Position in the chain, from 1 without gaps. */
  positie: z.number().int().positive(),
  vorigeHash: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditRij = z.infer<typeof AuditRij>;

/** A stored audit record as read back for verification, before any validation. */
export interface OpgeslagenAuditRij {
  /** What identifies the record in its store (row number, document id). */
  readonly sleutel: string;
  readonly ruw: unknown;
  /** Columns the store keeps next to the record for its queries; must agree with it. */
  readonly kolommen?: { readonly keten: string; readonly positie: number; readonly dossierId: string | null };
}

/** Append-only (NEN 7513 style). Holds no free text from the case. */
export interface AuditLog {
  append(regel: AuditRegel): Promise<void>;
  lijst(filter: { dossierId?: string }): Promise<AuditRegel[]>;
  /** Every stored record, in no particular order, for `npm run audit:verify`. */
  rijen(): AsyncIterable<OpgeslagenAuditRij>;
}

// ---------------------------------------------------------------- escalation register

/**
 * VT's overview of escalations in one gemeente (seed 004 bijlage 4): every start of route a, so
 * repeated escalations can be flagged. One small document per gemeente, replaced with its ETag,
 * so two escalations noted at once are serialised and each sees the other.
 */
export const EscalatieRegister = z.object({
  regioId: z.string().min(1),
  gemeente: z.string().min(1),
  /** Oldest first; entries older than the flag's window are dropped on write. */
  escalaties: z.array(z.object({ dossierId: z.string().min(1), gestartOp: z.string().min(1) })),
});
export type EscalatieRegister = z.infer<typeof EscalatieRegister>;

/** The register's key: one per gemeente of a region. */
export function escalatieRegisterSleutel(regioId: string, gemeente: string): string {
  return `${regioId}:${gemeente}`;
}

export interface EscalatieRegisterStore {
  get(regioId: string, gemeente: string): Promise<Versie<EscalatieRegister> | undefined>;
  /**
   * Without `etag` the gemeente must have no register yet; with it, exactly that version is
   * replaced. ConflictError when someone else wrote first.
   */
  schrijf(register: EscalatieRegister, etag?: string): Promise<Versie<EscalatieRegister>>;
}

// ---------------------------------------------------------------- bot state

/** Key-value state with ETags; src/bot adapts it to botbuilder's Storage. */
export interface StateStore {
  read(keys: readonly string[]): Promise<Map<string, Versie<unknown>>>;
  /** `etag` undefined or '*' overwrites; otherwise it must match. Returns the new ETag. */
  write(key: string, waarde: unknown, etag?: string): Promise<string>;
  delete(keys: readonly string[]): Promise<void>;
}

export interface Stores {
  readonly dossiers: DossierStore;
  readonly herinneringen: HerinneringLedger;
  readonly gesprekken: GesprekStore;
  readonly koppelingen: KoppelingStore;
  readonly escalaties: EscalatieRegisterStore;
  readonly audit: AuditLog;
  readonly state: StateStore;
  close(): Promise<void>;
}
