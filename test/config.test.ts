import { describe, expect, it } from 'vitest';
import { ConfigFout, laadConfig } from '../src/config.js';

describe('laadConfig', () => {
  it('defaults to the embedded store under ./data for a newcomer', () => {
    const c = laadConfig({});
    expect(c.store).toEqual({ soort: 'sqlite', pad: './data/meldroute.db' });
    expect(c.port).toBe(3978);
    expect(c.bot.appId).toBeUndefined();
    expect(c.bot.lokaal).toBe(false);
    expect(c.limieten).toEqual({ gebruiker: { piek: 20, perMinuut: 30 }, tenant: { piek: 300, perMinuut: 3000 } });
    expect(c.bewaartermijnen).toEqual({ dossierJaren: 20, adviesOverigeZorgmeldingJaren: 2 });
    expect(c.regio).toEqual({ standaard: 'vt-regio-demo', map: 'config/regions' });
  });

  it('picks Cosmos DB when an endpoint is configured', () => {
    expect(laadConfig({ COSMOS_ENDPOINT: 'https://meldroute.documents.azure.com:443/' }).store).toEqual({
      soort: 'cosmos',
      endpoint: 'https://meldroute.documents.azure.com:443/',
      database: 'meldroute',
    });
    expect(laadConfig({ STORE: 'sqlite', COSMOS_ENDPOINT: 'https://x.documents.azure.com/' }).store.soort).toBe('sqlite');
  });

  it('serves the bot tenant by default and an explicit allowlist when given', () => {
    const bot = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'geheim', MicrosoftAppTenantId: 'tenant-1' };
    expect(laadConfig(bot).bot.toegestaneTenants).toEqual(['tenant-1']);
    expect(laadConfig({ ...bot, ALLOWED_TENANT_IDS: 'tenant-1, tenant-2' }).bot.toegestaneTenants).toEqual(['tenant-1', 'tenant-2']);
  });

  it.each([
    ['STORE=cosmos without an endpoint', { STORE: 'cosmos' }, /COSMOS_ENDPOINT/],
    ['a port that is not a number', { PORT: 'abc' }, /PORT/],
    ['an unknown store', { STORE: 'postgres' }, /STORE/],
    ['a single-tenant app id without tenant', { MicrosoftAppId: 'app', MicrosoftAppPassword: 'x' }, /MicrosoftAppTenantId/],
    ['a retention of 0 years', { BEWAARTERMIJN_DOSSIER_JAREN: '0' }, /BEWAARTERMIJN_DOSSIER_JAREN/],
    ['a local switch that is neither ja nor nee', { MELDROUTE_LOKAAL: 'true' }, /MELDROUTE_LOKAAL/],
    ['a multi-tenant app id without a tenant allowlist', { MicrosoftAppId: 'app', MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: 'x' }, /ALLOWED_TENANT_IDS/],
    // The region files are the single source: an old setting is refused, never silently ignored.
    ['the old Veilig Thuis name setting', { VEILIG_THUIS_NAAM: 'Veilig Thuis Gelderland-Zuid' }, /VEILIG_THUIS_NAAM: wordt niet meer gebruikt: zet dit in het regiobestand/],
    ['the old Veilig Thuis phone setting', { VEILIG_THUIS_TELEFOON: '0800-2000' }, /VEILIG_THUIS_TELEFOON: wordt niet meer gebruikt/],
    ['the old closure days setting', { REGIO_SLUITINGSDAGEN: '2026-12-24' }, /REGIO_SLUITINGSDAGEN: wordt niet meer gebruikt/],
  ])('refuses %s with a message naming the variable', (_naam, env, melding) => {
    expect(() => laadConfig(env)).toThrow(ConfigFout);
    expect(() => laadConfig(env)).toThrow(melding);
  });
});

describe('laadConfig: the send queue and Teams limits', () => {
  it.each([
    ['npm start: a table in the embedded store', {}, { soort: 'sqlite', pad: './data/meldroute.db' }],
    ['Azure Functions: the host storage account', { AzureWebJobsStorage: 'UseDevelopmentStorage=true' }, { soort: 'azure', verbinding: { connectionString: 'UseDevelopmentStorage=true' } }],
    ['managed identity: the queue service URL', { AzureWebJobsStorage__queueServiceUri: 'https://meldroute.queue.core.windows.net' }, { soort: 'azure', verbinding: { serviceUrl: 'https://meldroute.queue.core.windows.net' } }],
    ['explicitly the embedded queue next to Azure storage', { WACHTRIJ: 'sqlite', AzureWebJobsStorage: 'x', WACHTRIJ_SQLITE_PATH: '/tmp/q.db' }, { soort: 'sqlite', pad: '/tmp/q.db' }],
  ])('%s', (_naam, env, wachtrij) => {
    expect(laadConfig(env).verzenden.wachtrij).toEqual(wachtrij);
  });

  it("keeps Teams' limits as configuration, 7/s and 60/30 s per conversation and 50/s per tenant by default", () => {
    expect(laadConfig({}).verzenden.teams).toEqual({ perGesprek: [{ aantal: 7, ms: 1000 }, { aantal: 60, ms: 30_000 }], perTenant: [{ aantal: 50, ms: 1000 }], margeMs: 10 });
  });

  it('refuses WACHTRIJ=azure without a storage account', () => {
    expect(() => laadConfig({ WACHTRIJ: 'azure' })).toThrow(/AzureWebJobsStorage: is verplicht bij WACHTRIJ=azure/);
  });
});
