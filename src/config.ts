import { z } from 'zod';

/**
 * Configuration, read once from the environment into a validated, typed object. A wrong value
 * stops start-up with a message that names the variable.
 */

const lijst = z
  .string()
  .optional()
  .transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter((x) => x.length > 0));

const geheelGetal = (standaard: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(standaard);

const Omgeving = z
  .object({
    STORE: z.enum(['sqlite', 'cosmos']).optional(),
    SQLITE_PATH: z.string().min(1).default('./data/meldroute.db'),
    COSMOS_ENDPOINT: z.url().optional(),
    COSMOS_KEY: z.string().min(1).optional(),
    COSMOS_DATABASE: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).default('meldroute'),
    PORT: geheelGetal(3978, 1, 65535),
    MicrosoftAppId: z.string().trim().optional().transform((s) => (s ? s : undefined)),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
    MicrosoftAppTenantId: z.string().trim().optional().transform((s) => (s ? s : undefined)),
    ALLOWED_TENANT_IDS: lijst,
    BEWAARTERMIJN_DOSSIER_JAREN: geheelGetal(20, 1, 100),
    BEWAARTERMIJN_ADVIES_OVERIGE_ZORGMELDING_JAREN: geheelGetal(2, 1, 100),
    STANDAARD_REGIO: z.string().min(1).default('vt-regio-demo'),
    REGIO_MAP: z.string().min(1).default('config/regions'),
    // Replaced by the region files; refused rather than silently ignored (see superRefine).
    REGIO_SLUITINGSDAGEN: z.string().optional(),
    VEILIG_THUIS_NAAM: z.string().optional(),
    VEILIG_THUIS_TELEFOON: z.string().optional(),
    VERVOLG_ZELF_HULP_WEKEN: geheelGetal(6, 1, 52),
    GEBRUIKERS_BESTAND: z.string().min(1).optional(),
    MELDROUTE_LOKAAL: z.enum(['ja', 'nee']).default('nee'),
    // Set by Azure App Service / Functions on every instance: proof that this is not a laptop.
    WEBSITE_INSTANCE_ID: z.string().optional(),
    LIMIET_GEBRUIKER_PIEK: geheelGetal(20, 1, 100_000),
    LIMIET_GEBRUIKER_PER_MINUUT: geheelGetal(30, 1, 1_000_000),
    LIMIET_TENANT_PIEK: geheelGetal(300, 1, 1_000_000),
    LIMIET_TENANT_PER_MINUUT: geheelGetal(3000, 1, 10_000_000),
    // The send queue: Azure Storage (the Functions host's own storage account by default) or a
    // table in the embedded store for npm start.
    WACHTRIJ: z.enum(['sqlite', 'azure']).optional(),
    WACHTRIJ_SQLITE_PATH: z.string().min(1).optional(),
    AzureWebJobsStorage: z.string().trim().optional().transform((s) => (s ? s : undefined)),
    AzureWebJobsStorage__queueServiceUri: z.url().optional(),
    // Teams' limits for proactive messages (learn.microsoft.com: "Rate limiting for bots").
    TEAMS_GESPREK_PER_SECONDE: geheelGetal(7, 1, 1000),
    TEAMS_GESPREK_PER_30_SECONDEN: geheelGetal(60, 1, 100_000),
    TEAMS_TENANT_PER_SECONDE: geheelGetal(50, 1, 100_000),
    TEAMS_LIMIET_MARGE_MS: geheelGetal(10, 0, 5000),
    VERZEND_MAX_POGINGEN: geheelGetal(5, 1, 100),
    VERZEND_TIJDSLIMIET_SECONDEN: geheelGetal(15, 1, 120),
  })
  .superRefine((o, ctx) => {
    for (const oud of ['REGIO_SLUITINGSDAGEN', 'VEILIG_THUIS_NAAM', 'VEILIG_THUIS_TELEFOON'] as const) {
      if (o[oud] !== undefined) ctx.addIssue({ code: 'custom', path: [oud], message: 'wordt niet meer gebruikt: zet dit in het regiobestand (REGIO_MAP, standaard config/regions)' });
    }
    if (o.STORE === 'cosmos' && o.COSMOS_ENDPOINT === undefined) {
      ctx.addIssue({ code: 'custom', path: ['COSMOS_ENDPOINT'], message: 'is verplicht bij STORE=cosmos' });
    }
    if (o.MicrosoftAppId && o.MicrosoftAppType !== 'MultiTenant' && !o.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is verplicht voor een single-tenant bot of managed identity' });
    }
    if (o.MicrosoftAppId && o.ALLOWED_TENANT_IDS.length === 0 && !o.MicrosoftAppTenantId) {
      // Only the configured Entra tenant(s) are served (DOMAIN.md §8): never "any tenant" in production.
      ctx.addIssue({ code: 'custom', path: ['ALLOWED_TENANT_IDS'], message: 'is verplicht: noem de Entra-tenant(s) die meldroute bedient' });
    }
    if (o.MELDROUTE_LOKAAL === 'ja' && o.MicrosoftAppId) {
      // The switch turns authentication off; with an app id this is a production bot.
      ctx.addIssue({ code: 'custom', path: ['MELDROUTE_LOKAAL'], message: 'is alleen voor npm start zonder MicrosoftAppId; nooit in productie' });
    }
    if (o.MELDROUTE_LOKAAL === 'ja' && o.WEBSITE_INSTANCE_ID) {
      ctx.addIssue({ code: 'custom', path: ['MELDROUTE_LOKAAL'], message: 'is niet toegestaan in Azure' });
    }
    if (o.WACHTRIJ === 'azure' && !o.AzureWebJobsStorage && !o.AzureWebJobsStorage__queueServiceUri) {
      ctx.addIssue({ code: 'custom', path: ['AzureWebJobsStorage'], message: 'is verplicht bij WACHTRIJ=azure (of AzureWebJobsStorage__queueServiceUri)' });
    }
    if (o.MicrosoftAppId && o.MicrosoftAppType === 'SingleTenant' && !o.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is verplicht voor een single-tenant bot met app-id' });
    }
  });

export interface Config {
  readonly store:
    | { readonly soort: 'sqlite'; readonly pad: string }
    | { readonly soort: 'cosmos'; readonly endpoint: string; readonly key?: string; readonly database: string };
  readonly port: number;
  readonly bot: {
    /** Undefined only for local use: then incoming requests are not authenticated. */
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant';
    readonly tenantId?: string;
    /** Tenants served; empty means only `tenantId` (or any, when no app id is configured). */
    readonly toegestaneTenants: readonly string[];
    /**
     * MELDROUTE_LOKAAL=ja, set only by npm start (a host on 127.0.0.1): serve without an app id,
     * unauthenticated. Without an app id and without this switch nothing is served.
     */
    readonly lokaal: boolean;
  };
  /** Token buckets on /api/messages: `piek` requests at once, refilled at `perMinuut`. */
  readonly limieten: { readonly gebruiker: Emmer; readonly tenant: Emmer };
  readonly bewaartermijnen: { readonly dossierJaren: number; readonly adviesOverigeZorgmeldingJaren: number };
  readonly regio: {
    /** The region of a professional (STANDAARD_REGIO); it must have a region file. */
    readonly standaard: string;
    /** The folder of the region files (REGIO_MAP): Veilig Thuis, gemeenten, calendar per region. */
    readonly map: string;
  };
  /** The queue-triggered sender (src/app/verzender.ts). */
  readonly verzenden: {
    readonly wachtrij:
      | { readonly soort: 'sqlite'; readonly pad: string }
      | { readonly soort: 'azure'; readonly verbinding: { readonly connectionString: string } | { readonly serviceUrl: string } };
    /** Teams' limits: per conversation and per tenant, at most `aantal` in `ms`. */
    readonly teams: {
      readonly perGesprek: readonly { readonly aantal: number; readonly ms: number }[];
      readonly perTenant: readonly { readonly aantal: number; readonly ms: number }[];
      readonly margeMs: number;
    };
    readonly maxPogingen: number;
    readonly tijdslimietMs: number;
  };
  /** After zelf hulp the professional weighs afweging 5 again after this many weeks. */
  readonly vervolgZelfHulpWeken: number;
  /** JSON file with roles per Entra object id (see GebruikersRegister); absent: everyone is a professional. */
  readonly gebruikersBestand?: string;
}

/** The send queue's name; its poison queue is `<name>-poison` (the Functions host's convention). */
export const VERZEND_WACHTRIJ = 'meldroute-verzenden';

export interface Emmer {
  readonly piek: number;
  readonly perMinuut: number;
}

export class ConfigFout extends Error {
  override readonly name = 'ConfigFout';
}

export function laadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = Omgeving.safeParse(env);
  if (!r.success) {
    const regels = r.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigFout(`Ongeldige configuratie; meldroute start niet:\n${regels.join('\n')}`);
  }
  const o = r.data;
  const soort = o.STORE ?? (o.COSMOS_ENDPOINT ? 'cosmos' : 'sqlite');
  const azureWachtrij = o.AzureWebJobsStorage
    ? { connectionString: o.AzureWebJobsStorage }
    : o.AzureWebJobsStorage__queueServiceUri
      ? { serviceUrl: o.AzureWebJobsStorage__queueServiceUri }
      : undefined;
  const wachtrijSoort = o.WACHTRIJ ?? (azureWachtrij ? 'azure' : 'sqlite');
  const toegestaan = o.ALLOWED_TENANT_IDS.length > 0 ? o.ALLOWED_TENANT_IDS : o.MicrosoftAppTenantId ? [o.MicrosoftAppTenantId] : [];
  return {
    store:
      soort === 'cosmos'
        ? { soort, endpoint: o.COSMOS_ENDPOINT as string, database: o.COSMOS_DATABASE, ...(o.COSMOS_KEY ? { key: o.COSMOS_KEY } : {}) }
        : { soort, pad: o.SQLITE_PATH },
    port: o.PORT,
    bot: {
      ...(o.MicrosoftAppId ? { appId: o.MicrosoftAppId } : {}),
      ...(o.MicrosoftAppPassword ? { appPassword: o.MicrosoftAppPassword } : {}),
      appType: o.MicrosoftAppType,
      ...(o.MicrosoftAppTenantId ? { tenantId: o.MicrosoftAppTenantId } : {}),
      toegestaneTenants: toegestaan,
      lokaal: o.MELDROUTE_LOKAAL === 'ja',
    },
    limieten: {
      gebruiker: { piek: o.LIMIET_GEBRUIKER_PIEK, perMinuut: o.LIMIET_GEBRUIKER_PER_MINUUT },
      tenant: { piek: o.LIMIET_TENANT_PIEK, perMinuut: o.LIMIET_TENANT_PER_MINUUT },
    },
    bewaartermijnen: { dossierJaren: o.BEWAARTERMIJN_DOSSIER_JAREN, adviesOverigeZorgmeldingJaren: o.BEWAARTERMIJN_ADVIES_OVERIGE_ZORGMELDING_JAREN },
    regio: { standaard: o.STANDAARD_REGIO, map: o.REGIO_MAP },
    verzenden: {
      wachtrij:
        wachtrijSoort === 'azure' && azureWachtrij !== undefined
          ? { soort: 'azure', verbinding: azureWachtrij }
          : { soort: 'sqlite', pad: o.WACHTRIJ_SQLITE_PATH ?? o.SQLITE_PATH },
      teams: {
        perGesprek: [
          { aantal: o.TEAMS_GESPREK_PER_SECONDE, ms: 1000 },
          { aantal: o.TEAMS_GESPREK_PER_30_SECONDEN, ms: 30_000 },
        ],
        perTenant: [{ aantal: o.TEAMS_TENANT_PER_SECONDE, ms: 1000 }],
        margeMs: o.TEAMS_LIMIET_MARGE_MS,
      },
      maxPogingen: o.VERZEND_MAX_POGINGEN,
      tijdslimietMs: o.VERZEND_TIJDSLIMIET_SECONDEN * 1000,
    },
    vervolgZelfHulpWeken: o.VERVOLG_ZELF_HULP_WEKEN,
    ...(o.GEBRUIKERS_BESTAND ? { gebruikersBestand: o.GEBRUIKERS_BESTAND } : {}),
  };
}

/**
 * The configuration in Azure: the local switch is refused outright, whichever trigger builds the
 * application first (all triggers of a worker share it), so only npm start may serve without
 * authentication.
 */
export function laadAzureConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = laadConfig(env);
  if (config.bot.lokaal) throw new ConfigFout('MELDROUTE_LOKAAL=ja is alleen voor npm start.');
  return config;
}
