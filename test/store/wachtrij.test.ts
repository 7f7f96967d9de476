import { setTimeout as wacht } from 'node:timers/promises';
import { openAzureWachtrij } from '../../src/store/azureWachtrij.js';
import { openSqliteWachtrij } from '../../src/store/sqliteWachtrij.js';
import type { Wachtrij } from '../../src/store/wachtrij.js';
import { startAzurite } from '../support/azurite.js';
import { wachtrijContract } from './wachtrijContract.js';

let n = 0;

wachtrijContract('embedded SQLite', async () => {
  let nu = Date.parse('2026-03-02T09:00:00Z');
  const open: Wachtrij[] = [];
  return {
    nieuw: async () => {
      const q = openSqliteWachtrij({ pad: ':memory:', naam: `verzenden-${(n += 1)}`, nu: () => nu });
      open.push(q);
      return q;
    },
    verstrijk: async (seconden) => {
      nu += seconden * 1000;
    },
    sluit: async () => {
      for (const q of open) await q.sluit();
    },
  };
});

wachtrijContract('Azure Storage queues (via Azurite)', async () => {
  const azurite = await startAzurite();
  return {
    nieuw: () => openAzureWachtrij({ verbinding: { connectionString: azurite.connectionString }, naam: `verzenden-${(n += 1)}` }),
    // Azurite runs on real time; a little extra so a timeout of N seconds has surely passed.
    verstrijk: (seconden) => wacht(seconden * 1000 + 250),
    sluit: () => azurite.stop(),
  };
});
