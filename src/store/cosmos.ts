import { createHash } from 'node:crypto';
import { CosmosClient, type Container, type ContainerDefinition, type Database, type ItemDefinition } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { Dossier } from '../domain/index.js';
import {
  AuditRegel,
  BestaatAlError,
  ConflictError,
  LedgerRegel,
  valideer,
  zichtbaarheidFilter,
  zichtbaarheidsvelden,
  type AuditLog,
  type ClaimGegevens,
  type DossierIndexeerder,
  type DossierStore,
  type GesprekReferentie,
  type Pagina,
  type PaginaOpties,
  type StateStore,
  type Stores,
  type Versie,
  type Zichtbaarheid,
} from './ports.js';
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
    // TTL on, no default: only dossiers past their retention period carry a `ttl`.
    defaultTtl: -1,
    indexingPolicy: alleenPaden('/eigenaarId/?', '/organisatieId/?', '/lokaalTeamId/?', '/vtRegioId/?', '/nextDueAt/?', '/verlooptOp/?'),
  },
  herinneringen: {
    id: 'herinneringen',
    partitionKey: { paths: ['/id'] },
    defaultTtl: -1,
    indexingPolicy: alleenPaden('/status/?', '/geclaimdOp/?', '/dossierId/?'),
  },
  gesprekken: { id: 'gesprekken', partitionKey: { paths: ['/id'] }, indexingPolicy: alleenPaden() },
  audit: { id: 'audit', partitionKey: { paths: ['/dossierId'] }, indexingPolicy: alleenPaden('/op/?', '/dossierId/?') },
  state: { id: 'state', partitionKey: { paths: ['/id'] }, indexingPolicy: alleenPaden() },
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
  /** The current time; used only to turn a retention date into Cosmos' relative `ttl`. */
  readonly nu: () => Date;
}

export async function openCosmosStores(opties: CosmosOpties): Promise<Stores & { readonly database: Database }> {
  const { database } = await opties.client.databases.createIfNotExists({ id: opties.database });
  const container = async (def: ContainerDefinition) => (await database.containers.createIfNotExists(def)).container;
  const [dossiers, herinneringen, gesprekken, audit, state] = await Promise.all([
    container(CONTAINERS.dossiers),
    container(CONTAINERS.herinneringen),
    container(CONTAINERS.gesprekken),
    container(CONTAINERS.audit),
    container(CONTAINERS.state),
  ]);
  return {
    database,
    dossiers: new CosmosDossierStore(dossiers, opties.indexeer, opties.nu),
    herinneringen: new CosmosLedger(herinneringen),
    gesprekken: new GesprekkenOpSleutels(cosmosSleutels(gesprekken)),
    audit: new CosmosAudit(audit),
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
  _etag?: string;
}

class CosmosDossierStore implements DossierStore {
  constructor(private readonly c: Container, private readonly indexeer: DossierIndexeerder, private readonly nu: () => Date) {}

  async get(id: string): Promise<Versie<Dossier> | undefined> {
    const { resource } = await this.c.item(id, id).read<DossierDoc>();
    return resource === undefined ? undefined : this.lees(resource);
  }

  async create(dossier: Dossier): Promise<Versie<Dossier>> {
    try {
      const { resource } = await this.c.items.create<DossierDoc>(this.doc(dossier));
      return { waarde: dossier, etag: etagVan(resource) };
    } catch (e) {
      if (statusVan(e) === 409) throw new BestaatAlError('dossier', dossier.id);
      throw e;
    }
  }

  async update(dossier: Dossier, etag: string): Promise<Versie<Dossier>> {
    try {
      const { resource } = await this.c.item(dossier.id, dossier.id).replace<DossierDoc>(this.doc(dossier), ifMatch(etag));
      return { waarde: dossier, etag: etagVan(resource) };
    } catch (e) {
      if (statusVan(e) === 412 || statusVan(e) === 404) throw new ConflictError('dossier', dossier.id);
      throw e;
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

  async verwijderVerlopen(nu: string): Promise<string[]> {
    // Cosmos deletes expired items itself through `ttl`; this sweep covers items written before
    // a retention change and keeps the behaviour identical to the embedded store.
    const { resources } = await this.c.items
      .query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE c.verlooptOp <= @nu', parameters: [{ name: '@nu', value: nu }] })
      .fetchAll();
    for (const { id } of resources) await this.c.item(id, id).delete();
    return resources.map((r) => r.id);
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

  private doc(dossier: Dossier): DossierDoc {
    const index = this.indexeer(dossier);
    const velden = Object.fromEntries(Object.entries(zichtbaarheidsvelden(dossier)).filter(([, w]) => w !== null));
    const ttl = index.verlooptOp === null ? undefined : Math.max(1, Math.ceil((Date.parse(index.verlooptOp) - this.nu().getTime()) / 1000));
    return {
      id: dossier.id,
      dossier,
      ...velden,
      ...(index.nextDueAt === null ? {} : { nextDueAt: index.nextDueAt }),
      ...(index.verlooptOp === null ? {} : { verlooptOp: index.verlooptOp, ttl }),
    };
  }
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

function stripSysteem<T extends Record<string, unknown>>(doc: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_') && k !== 'ttl'));
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

const GEEN_DOSSIER = '-';

class CosmosAudit implements AuditLog {
  constructor(private readonly c: Container) {}

  async append(regel: AuditRegel): Promise<void> {
    const geldig = AuditRegel.parse(regel);
    // `create` only: the port has no update or delete, so entries are never changed.
    await this.c.items.create({ ...geldig, id: geldig.id, dossierId: geldig.dossierId ?? GEEN_DOSSIER });
  }

  async lijst(filter: { dossierId?: string }): Promise<AuditRegel[]> {
    const iterator =
      filter.dossierId === undefined
        ? this.c.items.query<Record<string, unknown>>('SELECT * FROM c ORDER BY c.op')
        : this.c.items.query<Record<string, unknown>>(
            { query: 'SELECT * FROM c WHERE c.dossierId = @d ORDER BY c.op', parameters: [{ name: '@d', value: filter.dossierId }] },
            { partitionKey: filter.dossierId },
          );
    const { resources } = await iterator.fetchAll();
    return resources.map((doc) => {
      const { dossierId, ...rest } = stripSysteem(doc);
      return valideer(AuditRegel, 'auditregel', String(doc['id']), dossierId === GEEN_DOSSIER ? rest : { ...rest, dossierId });
    });
  }
}

interface StateDoc extends ItemDefinition {
  id: string;
  sleutel: string;
  data: unknown;
  _etag?: string;
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
