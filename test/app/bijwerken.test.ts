import { describe, expect, it } from 'vitest';
import { OngeldigeWijziging, werkDossierBij } from '../../src/app/bijwerken.js';
import type { AuditRegel } from '../../src/store/ports.js';
import { nieuwDossier } from '../domain/fixtures.js';
import { testStores } from '../support/app.js';

const audit = (id: string): AuditRegel => ({ id, op: '2026-03-02T09:00:00.000Z', actor: { id: 'a', naam: 'A' }, rol: 'professional', actie: 'update', dossierId: 'dossier-1', kanaal: 'msteams', uitkomst: 'toegestaan' });

describe('werkDossierBij never stores a dossier the model cannot read back', () => {
  it('refuses the write, and the stored dossier stays readable and unchanged', async () => {
    const stores = testStores();
    const d = nieuwDossier();
    await stores.dossiers.create(d, { ...audit('a-1'), actie: 'create' });
    const kapot = { ...d, meldcode: { ...d.meldcode, samenMetVeiligThuis: [{ vraag: 3 as const, met: 'x', op: '' }] } };
    await expect(werkDossierBij(stores.dossiers, d.id, () => ({ ok: true, waarde: { dossier: kapot, effecten: [] } }), audit('a-2'))).rejects.toBeInstanceOf(OngeldigeWijziging);
    expect((await stores.dossiers.get(d.id))?.waarde).toEqual(d);
    expect((await stores.audit.lijst({ dossierId: d.id })).map((r) => r.id)).toEqual(['a-1']);
  });
});
