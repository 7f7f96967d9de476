import { join } from 'node:path';
import { DateTime } from 'luxon';
import { GebruikersRegister } from '../../src/app/gebruikers.js';
import { maakIndexeerder } from '../../src/app/indexering.js';
import { MeldcodeFlow } from '../../src/app/meldcodeFlow.js';
import { MeldcodeService } from '../../src/app/meldcodeService.js';
import type { RegioGids } from '../../src/app/regio.js';
import { laadRegios } from '../../src/app/regioConfig.js';
import { STANDAARD_BEWAARTERMIJNEN, standaardBeleid, type MeldcodeCommando } from '../../src/domain/index.js';
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
    // The people the channel tests click as: a channel shows a party's cards only to its own staff.
    'aad-vt-lid': { rol: 'vt-medewerker', vtRegioId: 'vt-regio-demo' },
    'aad-vt-zhz': { rol: 'vt-medewerker', vtRegioId: 'vt-zhz' },
    'aad-vt-gz': { rol: 'vt-medewerker', vtRegioId: 'vt-gelderland-zuid' },
    'aad-vt-gz-2': { rol: 'vt-medewerker', vtRegioId: 'vt-gelderland-zuid' },
    'aad-wijk-gz': { rol: 'lokaal-team', lokaalTeamId: 'team-noord' },
    'aad-lt': { rol: 'lokaal-team', lokaalTeamId: 'wijkteam-noord' },
    'aad-wijk-1': { rol: 'lokaal-team', lokaalTeamId: 'wijkteam-noord' },
    'aad-wijk-2': { rol: 'lokaal-team', lokaalTeamId: 'wijkteam-noord' },
    'aad-dorp': { rol: 'lokaal-team', lokaalTeamId: 'sociaal-team-demodorp' },
    'aad-jt-1': { rol: 'lokaal-team', lokaalTeamId: 'jeugdteam-dordrecht' },
  },
});

export function testStores(): Stores {
  return openSqliteStores({ pad: ':memory:', indexeer: maakIndexeerder(() => standaardBeleid(), STANDAARD_BEWAARTERMIJNEN) });
}

/** The shipped region files, as npm start reads them: the demo region is the professional's. */
export const demoRegios: RegioGids = laadRegios(join(import.meta.dirname, '..', '..', 'config', 'regions'), { standaard: 'vt-regio-demo' });

export function testFlow(stores: Stores, klok = new TestKlok(), regios: RegioGids = demoRegios): { flow: MeldcodeFlow; service: MeldcodeService; klok: TestKlok } {
  const service = new MeldcodeService({ stores, klok: klok.lees, regioVoor: (g) => g.vtRegioId ?? 'vt-regio-demo', regios });
  return { flow: new MeldcodeFlow(service, klok.lees, regios), service, klok };
}

/** The shortest honest walk from a started dossier to a structurele melding (open) for Demostad. */
export function naarMelding(opties: { spoed?: boolean } = {}): MeldcodeCommando[] {
  return [
    { soort: 'signalen', signalen: { categorieen: ['anders'], beschrijving: 'Feiten feiten feiten.', waargenomenDoor: 'Leerkracht' } },
    { soort: 'overleg', overleg: { met: ['collega'], adviesVeiligThuis: false, uitkomst: 'Zorgen.', voldoendeSignalen: true } },
    { soort: 'gesprek', gesprek: { uitkomst: 'gevoerd', samenvatting: 'Gesprek.' } },
    { soort: 'afweging', vraag: 1, antwoord: true },
    { soort: 'afweging', vraag: 2, antwoord: true, onveiligheid: 'structureel' },
    { soort: 'melding', melding: { soort: 'open', besprokenMetGezin: true, melder: { naam: 'Annelies', telefoon: '0612345678' }, feiten: 'Feiten.', spoed: opties.spoed ?? false, gemeente: 'Demostad' } },
  ];
}

/**
 * The overdracht agreements and the monitoring plan as the Veilig Thuis forms send them: every
 * overdracht carries the agreements, every decided monitoring its plan.
 */
export const AFSPRAKEN_INVOER = {
  veiligheidsplanDoor: 'overdrachtspartij',
  hulpverleningsplanDoor: 'overdrachtspartij',
  herstelplanDoor: 'anders',
  herstelplanAnders: 'GGZ Rivierenland',
  alsVeiligheidNietHerstelt: 'Terug naar Veilig Thuis; Veilig Thuis overweegt een verzoek tot onderzoek bij de Raad.',
} as const;
export const PLAN_INVOER = { monitoringMetWie: 'Moeder, vader en beide kinderen', monitoringHoe: 'Per moment een huisbezoek; tussendoor telefonisch contact met moeder.' } as const;
