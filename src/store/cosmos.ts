import { createHash } from 'node:crypto';
import { setTimeout as wacht } from 'node:timers/promises';
import { CosmosClient, type Container, type ContainerDefinition, type Database, type ItemDefinition } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { z } from 'zod';
import { Dossier } from '../domain/index.js';
import {
  AuditRegel,
  BestaatAlError,
  ConflictError,
  EscalatieRegister,
  KanaalKoppeling,
  escalatieRegisterSleutel,
  LedgerRegel,
  gesprekId,
  koppelingSleutel,
  valideer,
  zichtbaarheidFilter,
  zichtbaarheidsvelden,
  type AuditLog,
  type ClaimGegevens,
  type DossierIndexeerder,
  type OpgeslagenAuditRij,
  type DossierStore,
  type EscalatieRegisterStore,
  type GesprekReferentie,
  type GesprekStore,
  type KanaalSleutel,
  type Koppeling,
  type KoppelingStore,
  type Pagina,
  type PaginaOpties,
  type StateStore,
  type Stores,
  type Versie,
  type Zichtbaarheid,
} from './ports.js';
import { dossierKeten, eisAuditVan, ketenVan, schakel, type Kop } from './auditKeten.js';
import { GesprekkenOpSleutels, type SleutelOpslag } from './gesprekken.js';
import { LedgerBasis } from './ledger.js';

/**
 * Azure Cosmos DB (NoSQL API). Containers and indexing policies are code and are created at
 * start-up when missing; docs/storage.md explains the partitioning and the RU costs.
 */

const alleenPaden = (...paden: string[]): ContainerDefinition['indexingPolicy'] => ({
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: paden.map((path) => ({ path })),
  // Everything else, the dossier's content in particular, is never queried: not indexing it
  // keeps writes cheap.
  excludedPaths: [{ path: '/*' }],
});

export const CONTAINERS = {
  dossiers: {
    id: 'dossiers',
    partitionKey: { paths: ['/id'] },
    // Kept from the first release; no dossier carries a `ttl`, because a deletion by TTL would
    // leave no audit entry: retention runs as a logged procedure (verwijderVerlopen).
    defaultTtl: -1,
    indexingPolicy: alleenPaden('/eigenaarId/?', '/organisatieId/?', '/lokaalTeamId/?', '/vtRegioId/?', '/nextDueAt/?', '/verlooptOp/?', '/auditOpen/?'),
  },
  herinneringen: {
    id: 'herinneringen',
    partitionKey: { paths: ['/id'] },
    defaultTtl: -1,
    indexingPolicy: alleenPaden('/status/?', '/geclaimdOp/?', '/dossierId/?'),
  },
  gesprekken: { id: 'gesprekken', partitionKey: { paths: ['/id'] }, indexingPolicy: alleenPaden() },
  // One document per bound channel; the few queries (a party's channel, a region's list) are
  // cross-partition over a small container.
  koppelingen: { id: 'koppelingen', partitionKey: { paths: ['/id'] }, indexingPolicy: alleenPaden('/doel/?', '/regioId/?', '/op/?') },
  // One logical partition per hash chain; a position in a chain can be taken once (unique keys
  // are per logical partition), which serialises the chain without a head document to replace.
  audit: {
    id: 'audit',
    partitionKey: { paths: ['/keten'] },
    uniqueKeyPolicy: { uniqueKeys: [{ paths: ['/positie'] }] },
    indexingPolicy: alleenPaden('/op/?', '/positie/?'),
  },
  state: { id: 'state', partitionKey: { paths: ['/id'] }, indexingPolicy: alleenPaden() },
  // One document per gemeente, read and replaced by id with its ETag: no queries, no index.
  escalatieregister: { id: 'escalatieregister', partitionKey: { paths: ['/id'] }, indexingPolicy: alleenPaden() },
} as const satisfies Record<string, ContainerDefinition>;

export interface CosmosVerbinding {
  readonly endpoint: string;
  /** Only for the local emulator; production uses Microsoft Entra ID (DefaultAzureCredential). */
  readonly key?: string;
  readonly database: string;
}

export function maakCosmosClient(v: CosmosVerbinding): CosmosClient {
  const connectionPolicy = { enableEndpointDiscovery: !v.endpoint.startsWith('http://') };
  return v.key
    ? new CosmosClient({ endpoint: v.endpoint, key: v.key, connectionPolicy })
    : new CosmosClient({ endpoint: v.endpoint, aadCredentials: new DefaultAzureCredential(), connectionPolicy });
}

export interface CosmosOpties {
  readonly client: CosmosClient;
  readonly database: string;
  readonly indexeer: DossierIndexeerder;
}

export async function openCosmosStores(opties: CosmosOpties): Promise<Stores & { readonly database: Database }> {
  const { database } = await opties.client.databases.createIfNotExists({ id: opties.database });
  const container = async (def: ContainerDefinition) => {
    const { container: c, resource } = await database.containers.createIfNotExists(def);
    // An existing container keeps the partition key it was created with; writing chained audit
    // entries into one partitioned otherwise would break the chains silently.
    const paden = resource?.partitionKey?.paths ?? [];
    if (paden.join() !== (def.partitionKey?.paths ?? []).join()) {
      throw new Error(`Cosmos-container ${def.id} heeft partitiesleutel ${paden.join(', ') || '(geen)'}, verwacht ${def.partitionKey?.paths?.join(', ')}: zie docs/audit.md.`);
    }
    return c;
  };
  const [dossiers, herinneringen, gesprekken, koppelingen, audit, state, escalatieregister] = await Promise.all([
    container(CONTAINERS.dossiers),
    container(CONTAINERS.herinneringen),
    container(CONTAINERS.gesprekken),
    container(CONTAINERS.koppelingen),
    container(CONTAINERS.audit),
    container(CONTAINERS.state),
    container(CONTAINERS.escalatieregister),
  ]);
  const auditLog = new CosmosAudit(audit);
  const gesprekStore = new GesprekkenOpSleutels(cosmosSleutels(gesprekken));
  return {
    database,
    dossiers: new CosmosDossierStore(dossiers, opties.indexeer, auditLog),
    herinneringen: new CosmosLedger(herinneringen),
    gesprekken: gesprekStore,
    koppelingen: new CosmosKoppelingen(koppelingen, gesprekStore),
    escalaties: new CosmosEscalatieRegister(escalatieregister),
    audit: auditLog,
    state: new CosmosState(state),
    close: async () => {
      opties.client.dispose();
    },
  };
}

function statusVan(e: unknown): number | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'number') return e.code;
  return undefined;
}

const ifMatch = (etag: string) => ({ accessCondition: { type: 'IfMatch', condition: etag } });

interface DossierDoc extends ItemDefinition {
  id: string;
  dossier: unknown;
  /**
   * The outbox: audit entries written in the same document write as their change, waiting to be
   * copied to the audit container (the emulator has no transactional batch, and a batch cannot
   * span two containers anyway).
   */
  auditUit?: AuditRegel[];
  /** Present while `auditUit` holds entries, so the sweep finds them with one indexed query. */
  auditOpen?: true;
  verlooptOp?: string;
  _etag?: string;
}

class CosmosDossierStore implements DossierStore {
  constructor(private readonly c: Container, private readonly indexeer: DossierIndexeerder, private readonly audit: CosmosAudit) {}

  async get(id: string): Promise<Versie<Dossier> | undefined> {
    const { resource } = await this.c.item(id, id).read<DossierDoc>();
    return resource === undefined ? undefined : this.lees(resource);
  }

  async create(dossier: Dossier, audit: AuditRegel): Promise<Versie<Dossier>> {
    eisAuditVan(dossier.id, audit);
    const doc = this.doc(dossier, [audit]);
    let etag: string;
    try {
      etag = etagVan((await this.c.items.create<DossierDoc>(doc)).resource);
    } catch (e) {
      if (statusVan(e) === 409) throw new BestaatAlError('dossier', dossier.id);
      throw e;
    }
    return { waarde: dossier, etag: await this.kopieerAudit({ ...doc, _etag: etag }) };
  }

  async update(dossier: Dossier, etag: string, audit: AuditRegel): Promise<Versie<Dossier>> {
    eisAuditVan(dossier.id, audit);
    // Entries a writer left behind when it died before copying them travel on in the new
    // version: a replace never drops an entry that was not copied.
    const { resource: huidig } = await this.c.item(dossier.id, dossier.id).read<DossierDoc>();
    if (huidig === undefined || huidig._etag !== etag) throw new ConflictError('dossier', dossier.id);
    const doc = this.doc(dossier, [...(huidig.auditUit ?? []), audit]);
    let nieuw: string;
    try {
      nieuw = etagVan((await this.c.item(dossier.id, dossier.id).replace<DossierDoc>(doc, ifMatch(etag))).resource);
    } catch (e) {
      if (statusVan(e) === 412 || statusVan(e) === 404) throw new ConflictError('dossier', dossier.id);
      throw e;
    }
    return { waarde: dossier, etag: await this.kopieerAudit({ ...doc, _etag: nieuw }) };
  }

  /**
   * The change is saved with its audit entry in the document. Copying it to the audit trail right
   * away is a courtesy: when that fails (even with a conflict on the chain) the change stands, and
   * the entry waits in the document for the sweep. It must never look like an ETag conflict on the
   * dossier, or the caller would retry a change that was already made.
   */
  private async kopieerAudit(doc: DossierDoc): Promise<string> {
    try {
      return await this.bezorg(doc);
    } catch {
      return etagVan(doc);
    }
  }

  async lijst(wie: Zichtbaarheid, opties?: PaginaOpties): Promise<Pagina<Versie<Dossier>>> {
    const { veld, waarde } = zichtbaarheidFilter(wie);
    // `veld` comes from a closed union, never from input, so it is safe in the query text.
    return this.pagina(`SELECT * FROM c WHERE c.${veld} = @waarde`, [{ name: '@waarde', value: waarde }], opties);
  }

  async dueVoor(tot: string, opties?: PaginaOpties): Promise<Pagina<Versie<Dossier>>> {
    return this.pagina('SELECT * FROM c WHERE c.nextDueAt <= @tot ORDER BY c.nextDueAt', [{ name: '@tot', value: tot }], opties);
  }

  async verwijderVerlopen(nu: string, audit: (dossierId: string) => AuditRegel): Promise<string[]> {
    const { resources } = await this.c.items
      .query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE c.verlooptOp <= @nu', parameters: [{ name: '@nu', value: nu }] })
      .fetchAll();
    const verwijderd: string[] = [];
    for (const { id } of resources) if (await this.verwijder(id, nu, audit)) verwijderd.push(id);
    return verwijderd;
  }

  async bezorgAudit(): Promise<number> {
    const { resources } = await this.c.items.query<DossierDoc>('SELECT * FROM c WHERE c.auditOpen = true').fetchAll();
    let aantal = 0;
    for (const doc of resources) {
      aantal += doc.auditUit?.length ?? 0;
      await this.bezorg(doc);
    }
    return aantal;
  }

  /**
   * The delete entry is written into the document first and copied, then the document is
   * deleted with its ETag. A run that dies in between leaves the entry in the document; the next
   * run finds it there and finishes with the same entry, so a deletion is logged exactly once.
   */
  private async verwijder(id: string, nu: string, audit: (dossierId: string) => AuditRegel): Promise<boolean> {
    for (;;) {
      const { resource: doc } = await this.c.item(id, id).read<DossierDoc>();
      if (doc === undefined || doc.verlooptOp === undefined || doc.verlooptOp > nu) return false;
      let metRegel: DossierDoc = doc;
      if (!(doc.auditUit ?? []).some((r) => r.actie === 'delete')) {
        const regel = audit(id);
        eisAuditVan(id, regel);
        try {
          const { resource } = await this.c.item(id, id).replace<DossierDoc>(metUitbox(zonderSysteem(doc), [...(doc.auditUit ?? []), regel]), ifMatch(etagVan(doc)));
          metRegel = resource ?? doc;
        } catch (e) {
          if (statusVan(e) === 412 || statusVan(e) === 404) continue;
          throw e;
        }
      }
      for (const regel of metRegel.auditUit ?? []) await this.audit.voegToe(regel);
      try {
        await this.c.item(id, id).delete(ifMatch(etagVan(metRegel)));
        return true;
      } catch (e) {
        if (statusVan(e) === 412) continue;
        if (statusVan(e) === 404) return false;
        throw e;
      }
    }
  }

  /**
   * Copies the document's waiting entries to the audit container, then takes them off the
   * document with its ETag; on 412 it re-reads and takes off only what it copied, so an entry
   * added meanwhile is never lost. Returns the newest ETag it wrote or saw.
   */
  private async bezorg(doc: DossierDoc): Promise<string> {
    const regels = doc.auditUit ?? [];
    for (const regel of regels) await this.audit.voegToe(regel);
    const gekopieerd = new Set(regels.map((r) => r.id));
    let huidig = doc;
    for (;;) {
      const rest = (huidig.auditUit ?? []).filter((r) => !gekopieerd.has(r.id));
      if (rest.length === (huidig.auditUit ?? []).length) return etagVan(huidig);
      try {
        return etagVan((await this.c.item(doc.id, doc.id).replace<DossierDoc>(metUitbox(zonderSysteem(huidig), rest), ifMatch(etagVan(huidig)))).resource);
      } catch (e) {
        if (statusVan(e) !== 412 && statusVan(e) !== 404) throw e;
        const { resource } = await this.c.item(doc.id, doc.id).read<DossierDoc>();
        if (resource === undefined) return etagVan(huidig);
        huidig = resource;
      }
    }
  }

  private async pagina(query: string, parameters: { name: string; value: string }[], opties?: PaginaOpties): Promise<Pagina<Versie<Dossier>>> {
    const r = await this.c.items
      .query<DossierDoc>({ query, parameters }, { maxItemCount: Math.min(Math.max(1, opties?.max ?? 50), 500), ...(opties?.vervolg ? { continuationToken: opties.vervolg } : {}) })
      .fetchNext();
    const items = r.resources.map((d) => this.lees(d));
    return r.hasMoreResults && r.continuationToken ? { items, vervolg: r.continuationToken } : { items };
  }

  private lees(doc: DossierDoc): Versie<Dossier> {
    return { waarde: valideer(Dossier, 'dossier', doc.id, doc.dossier), etag: etagVan(doc) };
  }

  private doc(dossier: Dossier, auditUit: AuditRegel[]): DossierDoc {
    const index = this.indexeer(dossier);
    const velden = Object.fromEntries(Object.entries(zichtbaarheidsvelden(dossier)).filter(([, w]) => w !== null));
    return metUitbox(
      {
        id: dossier.id,
        dossier,
        ...velden,
        ...(index.nextDueAt === null ? {} : { nextDueAt: index.nextDueAt }),
        ...(index.verlooptOp === null ? {} : { verlooptOp: index.verlooptOp }),
      },
      auditUit,
    );
  }
}

function metUitbox(doc: DossierDoc, auditUit: AuditRegel[]): DossierDoc {
  const { auditUit: _oud, auditOpen: _open, ...rest } = doc;
  return auditUit.length === 0 ? rest : { ...rest, auditUit, auditOpen: true };
}

/** A document as read, without the system properties Cosmos sets itself. */
function zonderSysteem(doc: DossierDoc): DossierDoc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_'))) as DossierDoc;
}

function etagVan(doc: { _etag?: string } | undefined): string {
  if (doc?._etag === undefined) throw new Error('Cosmos DB gaf geen ETag terug.');
  return doc._etag;
}

interface LedgerDoc extends LedgerRegel {
  id: string;
  _etag?: string;
}

class CosmosLedger extends LedgerBasis {
  constructor(private readonly c: Container) {
    super();
  }

  async claim(sleutel: string, gegevens: ClaimGegevens): Promise<boolean> {
    try {
      // A create with the key as id: a second create of the same key gets 409.
      await this.c.items.create<LedgerDoc>({ ...LedgerBasis.nieuweClaim(sleutel, gegevens), id: docId(sleutel) });
      return true;
    } catch (e) {
      if (statusVan(e) === 409) return false;
      throw e;
    }
  }

  async get(sleutel: string): Promise<Versie<LedgerRegel> | undefined> {
    const id = docId(sleutel);
    const { resource } = await this.c.item(id, id).read<LedgerDoc>();
    return resource === undefined ? undefined : this.lees(resource);
  }

  async teHerproberen(geclaimdVoor: string): Promise<Versie<LedgerRegel>[]> {
    const { resources } = await this.c.items
      .query<LedgerDoc>({
        query: "SELECT * FROM c WHERE c.status = 'mislukt' OR (c.status = 'geclaimd' AND c.geclaimdOp < @voor) ORDER BY c.geclaimdOp",
        parameters: [{ name: '@voor', value: geclaimdVoor }],
      })
      .fetchAll();
    return resources.map((d) => this.lees(d));
  }

  async opgegeven(max: number): Promise<LedgerRegel[]> {
    const { resources } = await this.c.items
      .query<LedgerDoc>({ query: "SELECT TOP @max * FROM c WHERE c.status = 'opgegeven' ORDER BY c.geclaimdOp DESC", parameters: [{ name: '@max', value: max }] })
      .fetchAll();
    return resources.map((d) => this.lees(d).waarde);
  }

  async verzondenVoor(dossierId: string, mijlpaal: string): Promise<Versie<LedgerRegel>[]> {
    const { resources } = await this.c.items
      .query<LedgerDoc>({
        query: "SELECT * FROM c WHERE c.dossierId = @dossierId AND c.status = 'verzonden' AND c.mijlpaal = @mijlpaal",
        parameters: [
          { name: '@dossierId', value: dossierId },
          { name: '@mijlpaal', value: mijlpaal },
        ],
      })
      .fetchAll();
    return resources.map((d) => this.lees(d));
  }

  protected async vervangAls(regel: LedgerRegel, etag: string): Promise<boolean> {
    const id = docId(regel.sleutel);
    try {
      await this.c.item(id, id).replace<LedgerDoc>({ ...regel, id }, ifMatch(etag));
      return true;
    } catch (e) {
      if (statusVan(e) === 412) return false;
      throw e;
    }
  }

  private lees(doc: LedgerDoc): Versie<LedgerRegel> {
    // zod drops Cosmos' system properties (_rid, _ts, ...) and the id: they are not part of the entry.
    return { waarde: valideer(LedgerRegel, 'herinnering', doc.sleutel ?? doc.id, doc), etag: etagVan(doc) };
  }
}

/** Cosmos ids may not contain '/', '\\', '?' or '#', and keys from Teams can: hash them. */
function docId(sleutel: string): string {
  return createHash('sha256').update(sleutel).digest('hex');
}

/** Conversation references as documents keyed by a hash of their key. */
function cosmosSleutels(c: Container): SleutelOpslag {
  return {
    // Upsert on purpose: the newest reference from Teams is always the right one to keep.
    zet: async (sleutel, data) => {
      await c.items.upsert({ id: docId(sleutel), sleutel, data });
    },
    lees: async (sleutel) => {
      const id = docId(sleutel);
      const { resource } = await c.item(id, id).read<{ data: GesprekReferentie }>();
      return resource?.data;
    },
  };
}

interface KoppelingDoc extends ItemDefinition {
  id: string;
  /** koppelingSleutel of the party, and its region: the two queries. */
  doel: string;
  regioId: string;
  op: string;
  koppeling: unknown;
  _etag?: string;
}

class CosmosKoppelingen implements KoppelingStore {
  constructor(private readonly c: Container, private readonly gesprekken: GesprekStore) {}

  async voorKanaal(kanaal: KanaalSleutel): Promise<Versie<KanaalKoppeling> | undefined> {
    const id = docId(gesprekId(kanaal));
    const { resource } = await this.c.item(id, id).read<KoppelingDoc>();
    return resource === undefined ? undefined : this.lees(resource);
  }

  async koppel(koppeling: KanaalKoppeling, etag?: string): Promise<Versie<KanaalKoppeling>> {
    const geldig = KanaalKoppeling.parse(koppeling);
    const doc: KoppelingDoc = { id: docId(gesprekId(geldig.kanaal)), doel: koppelingSleutel(geldig.koppeling), regioId: geldig.koppeling.regioId, op: geldig.op, koppeling: geldig };
    try {
      const { resource } = etag === undefined ? await this.c.items.create<KoppelingDoc>(doc) : await this.c.item(doc.id, doc.id).replace<KoppelingDoc>(doc, ifMatch(etag));
      return { waarde: geldig, etag: etagVan(resource) };
    } catch (e) {
      if (statusVan(e) === 409 || statusVan(e) === 412 || statusVan(e) === 404) throw new ConflictError('koppeling', gesprekId(geldig.kanaal));
      throw e;
    }
  }

  async ontkoppel(kanaal: KanaalSleutel, etag: string): Promise<void> {
    const id = docId(gesprekId(kanaal));
    try {
      await this.c.item(id, id).delete(ifMatch(etag));
    } catch (e) {
      if (statusVan(e) === 412 || statusVan(e) === 404) throw new ConflictError('koppeling', gesprekId(kanaal));
      throw e;
    }
  }

  async kanaalVoor(doel: Koppeling): Promise<{ kanaal: KanaalSleutel; referentie: GesprekReferentie } | undefined> {
    const { resources } = await this.c.items
      .query<KoppelingDoc>({ query: 'SELECT TOP 1 * FROM c WHERE c.doel = @doel ORDER BY c.op DESC', parameters: [{ name: '@doel', value: koppelingSleutel(doel) }] })
      .fetchAll();
    if (resources[0] === undefined) return undefined;
    const { kanaal } = this.lees(resources[0]).waarde;
    const referentie = await this.gesprekken.zoek(kanaal);
    return referentie === undefined ? undefined : { kanaal, referentie };
  }

  async lijst(regioId: string): Promise<KanaalKoppeling[]> {
    const { resources } = await this.c.items
      .query<KoppelingDoc>({ query: 'SELECT * FROM c WHERE c.regioId = @regio ORDER BY c.op', parameters: [{ name: '@regio', value: regioId }] })
      .fetchAll();
    return resources.map((d) => this.lees(d).waarde);
  }

  private lees(doc: KoppelingDoc): Versie<KanaalKoppeling> {
    return { waarde: valideer(KanaalKoppeling, 'koppeling', doc.id, doc.koppeling), etag: etagVan(doc) };
  }
}

const MAX_POGINGEN_AUDIT = 50;

class CosmosAudit implements AuditLog {
  constructor(private readonly c: Container) {}

  async append(regel: AuditRegel): Promise<void> {
    await this.voegToe(regel);
  }

  /**
   * Puts `regel` at the end of its chain, exactly once. The document id is the entry's id and the
   * position is unique in the chain's partition, so a create gets 409 when the entry is there
   * already (copied before: done) or when someone else took the position (read the head again).
   * Only `create` is used: the app's data-plane role has no replace or delete on this container.
   */
  async voegToe(regel: AuditRegel): Promise<void> {
    const keten = ketenVan(regel);
    for (let poging = 1; ; poging += 1) {
      const rij = schakel(regel, await this.kop(keten));
      try {
        await this.c.items.create(rij);
        return;
      } catch (e) {
        if (statusVan(e) !== 409) throw e;
      }
      const { resource } = await this.c.item(regel.id, keten).read();
      if (resource !== undefined) return;
      if (poging >= MAX_POGINGEN_AUDIT) throw new ConflictError('auditketen', keten);
      await wacht(Math.floor(Math.random() * Math.min(50, 2 ** poging)));
    }
  }

  async lijst(filter: { dossierId?: string }): Promise<AuditRegel[]> {
    const iterator =
      filter.dossierId === undefined
        ? this.c.items.query<Record<string, unknown>>('SELECT * FROM c ORDER BY c.op')
        : this.c.items.query<Record<string, unknown>>(
            { query: 'SELECT * FROM c WHERE c.keten = @k ORDER BY c.positie', parameters: [{ name: '@k', value: dossierKeten(filter.dossierId) }] },
            { partitionKey: dossierKeten(filter.dossierId) },
          );
    const { resources } = await iterator.fetchAll();
    // zod drops the chain fields and Cosmos' system properties: they are not part of the entry.
    return resources.map((doc) => valideer(AuditRegel, 'auditregel', String(doc['id']), doc));
  }

  async *rijen(): AsyncIterable<OpgeslagenAuditRij> {
    const iterator = this.c.items.readAll<Record<string, unknown> & ItemDefinition>({ maxItemCount: 500 });
    while (iterator.hasMoreResults()) {
      const { resources } = await iterator.fetchNext();
      for (const doc of resources) yield { sleutel: String(doc.id), ruw: doc };
    }
  }

  private async kop(keten: string): Promise<Kop | undefined> {
    const { resources } = await this.c.items
      .query<unknown>({ query: 'SELECT TOP 1 c.positie, c.hash FROM c WHERE c.keten = @k ORDER BY c.positie DESC', parameters: [{ name: '@k', value: keten }] }, { partitionKey: keten })
      .fetchAll();
    return resources[0] === undefined ? undefined : valideer(KopSchema, 'auditketen', keten, resources[0]);
  }
}

const KopSchema = z.object({ positie: z.number().int().positive(), hash: z.string().min(1) });

interface StateDoc extends ItemDefinition {
  id: string;
  sleutel: string;
  data: unknown;
  _etag?: string;
}

interface EscalatieRegisterDoc extends ItemDefinition {
  id: string;
  register: unknown;
  _etag?: string;
}

class CosmosEscalatieRegister implements EscalatieRegisterStore {
  constructor(private readonly c: Container) {}

  async get(regioId: string, gemeente: string): Promise<Versie<EscalatieRegister> | undefined> {
    const id = docId(escalatieRegisterSleutel(regioId, gemeente));
    const { resource } = await this.c.item(id, id).read<EscalatieRegisterDoc>();
    return resource === undefined ? undefined : { waarde: valideer(EscalatieRegister, 'escalatieregister', id, resource.register), etag: etagVan(resource) };
  }

  async schrijf(register: EscalatieRegister, etag?: string): Promise<Versie<EscalatieRegister>> {
    const geldig = EscalatieRegister.parse(register);
    const doc: EscalatieRegisterDoc = { id: docId(escalatieRegisterSleutel(geldig.regioId, geldig.gemeente)), register: geldig };
    try {
      const { resource } = etag === undefined ? await this.c.items.create<EscalatieRegisterDoc>(doc) : await this.c.item(doc.id, doc.id).replace<EscalatieRegisterDoc>(doc, ifMatch(etag));
      return { waarde: geldig, etag: etagVan(resource) };
    } catch (e) {
      if (statusVan(e) === 409 || statusVan(e) === 412 || statusVan(e) === 404) throw new ConflictError('escalatieregister', doc.id);
      throw e;
    }
  }
}

class CosmosState implements StateStore {
  constructor(private readonly c: Container) {}

  async read(keys: readonly string[]): Promise<Map<string, Versie<unknown>>> {
    const gevonden = new Map<string, Versie<unknown>>();
    await Promise.all(
      keys.map(async (key) => {
        const id = docId(key);
        const { resource } = await this.c.item(id, id).read<StateDoc>();
        if (resource !== undefined) gevonden.set(key, { waarde: resource.data, etag: etagVan(resource) });
      }),
    );
    return gevonden;
  }

  async write(key: string, waarde: unknown, etag?: string): Promise<string> {
    const doc: StateDoc = { id: docId(key), sleutel: key, data: waarde };
    if (etag === undefined || etag === '*') return etagVan((await this.c.items.upsert<StateDoc>(doc)).resource);
    try {
      return etagVan((await this.c.item(doc.id, doc.id).replace<StateDoc>(doc, ifMatch(etag))).resource);
    } catch (e) {
      if (statusVan(e) === 412 || statusVan(e) === 404) throw new ConflictError('state', key);
      throw e;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const id = docId(key);
        try {
          await this.c.item(id, id).delete();
        } catch (e) {
          if (statusVan(e) !== 404) throw e;
        }
      }),
    );
  }
}
