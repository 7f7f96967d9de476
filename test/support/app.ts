import { DateTime } from 'luxon';
import { GebruikersRegister } from '../../src/app/gebruikers.js';
import { maakIndexeerder } from '../../src/app/indexering.js';
import { MeldcodeFlow } from '../../src/app/meldcodeFlow.js';
import { MeldcodeService } from '../../src/app/meldcodeService.js';
import { STANDAARD_BEWAARTERMIJNEN, standaardBeleid } from '../../src/domain/index.js';
import { openSqliteStores } from '../../src/store/sqlite.js';
import type { Stores } from '../../src/store/ports.js';

/** A settable clock: tests decide what time it is. */
export class TestKlok {
  constructor(public nu: DateTime = DateTime.fromISO('2026-03-02T10:00:00', { zone: 'Europe/Amsterdam' })) {}
  readonly lees = (): DateTime => this.nu;
}

export const demoRegister = new GebruikersRegister({
  gebruikers: {
    'aad-aandacht': { rol: 'aandachtsfunctionaris', organisatieId: 'tenant:tenant-1' },
    'aad-vt': { rol: 'vt-medewerker', vtRegioId: 'vt-regio-demo' },
  },
});

export function testStores(): Stores {
  return openSqliteStores({ pad: ':memory:', indexeer: maakIndexeerder(() => standaardBeleid(), STANDAARD_BEWAARTERMIJNEN) });
}

export function testFlow(stores: Stores, klok = new TestKlok()): { flow: MeldcodeFlow; service: MeldcodeService; klok: TestKlok } {
  const service = new MeldcodeService({ stores, klok: klok.lees, regioVoor: (g) => g.vtRegioId ?? 'vt-regio-demo' });
  return { flow: new MeldcodeFlow(service, klok.lees), service, klok };
}
