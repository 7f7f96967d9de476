import { describe, expect, it } from 'vitest';
import { EscalatieOverzicht } from '../../src/app/escalatieRegister.js';
import { testStores } from '../support/app.js';

const notitie = (dossierId: string, gestartOp: string, gemeente = 'Demostad') => ({ regioId: 'vt-regio-demo', gemeente, dossierId, gestartOp });

describe('VT\'s escalation register per gemeente', () => {
  it('two escalations noted at the same moment: the ETag serialises them, so the second counts the first', async () => {
    const stores = testStores();
    const overzicht = new EscalatieOverzicht(stores.escalaties);
    const [a, b] = await Promise.all([overzicht.noteer(notitie('d-a', '2026-03-02T09:00:00.000Z')), overzicht.noteer(notitie('d-b', '2026-03-02T09:00:00.001Z'))]);
    expect([a, b].map((e) => e.length).sort()).toEqual([0, 1]);
    expect((await stores.escalaties.get('vt-regio-demo', 'Demostad'))?.waarde.escalaties.map((e) => e.dossierId).sort()).toEqual(['d-a', 'd-b']);
  });

  it('noting the same start twice counts it once; taking it out leaves the others', async () => {
    const stores = testStores();
    const overzicht = new EscalatieOverzicht(stores.escalaties);
    await overzicht.noteer(notitie('d-1', '2026-03-02T09:00:00.000Z'));
    expect(await overzicht.noteer(notitie('d-2', '2026-04-02T09:00:00.000Z'))).toEqual(['2026-03-02T09:00:00.000Z']);
    expect(await overzicht.noteer(notitie('d-2', '2026-04-02T09:00:00.000Z'))).toEqual(['2026-03-02T09:00:00.000Z']);
    await overzicht.trekIn(notitie('d-2', '2026-04-02T09:00:00.000Z'));
    expect((await stores.escalaties.get('vt-regio-demo', 'Demostad'))?.waarde.escalaties).toEqual([{ dossierId: 'd-1', gestartOp: '2026-03-02T09:00:00.000Z' }]);
  });

  it('entries older than the 12-month window are dropped on the next write; another gemeente keeps its own', async () => {
    const stores = testStores();
    const overzicht = new EscalatieOverzicht(stores.escalaties);
    await overzicht.noteer(notitie('d-1', '2026-03-02T09:00:00.000Z'));
    await overzicht.noteer(notitie('d-x', '2026-03-02T09:00:00.000Z', 'Demodorp'));
    expect(await overzicht.noteer(notitie('d-2', '2027-03-03T09:00:00.000Z'))).toEqual([]);
    expect((await stores.escalaties.get('vt-regio-demo', 'Demostad'))?.waarde.escalaties.map((e) => e.dossierId)).toEqual(['d-2']);
    expect((await stores.escalaties.get('vt-regio-demo', 'Demodorp'))?.waarde.escalaties.map((e) => e.dossierId)).toEqual(['d-x']);
  });
});
