import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { escalatieContacten, gemeenteNamen, monitoringDoor } from '../../src/app/regio.js';
import { laadRegios, RegioConfigFout, regioGidsUit, type RegioBron } from '../../src/app/regioConfig.js';
import { ConfigFout } from '../../src/config.js';
import { landelijkeKalender } from '../../src/domain/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const REGIO_MAP = join(ROOT, 'config', 'regions');

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const persoon = (n: number, naam = `Persoon ${n}`) => ({ id: id(n), naam });

/** A small valid region; each case below breaks one thing in it. */
function regio(): Record<string, unknown> & { gemeenten: Record<string, unknown>[] } {
  return {
    id: 'vt-test',
    naam: 'Testregio',
    veiligThuis: { naam: 'Veilig Thuis Testregio', telefoon: '0800-2000', intakeKanaal: 'vt-test-intake', teamleiders: [persoon(1)], directeur: persoon(2) },
    sluitingsdagen: ['2026-03-04'],
    monitoring: { 'na-veiligheidsbeoordeling': 'veilig-thuis', 'na-onderzoek': 'veilig-thuis', 'na-voorwaarden-en-vervolg': 'lokaal-team' },
    beleid: [persoon(3)],
    beheerders: [persoon(4)],
    gemeenten: [
      {
        naam: 'Teststad',
        lokaleTeams: [{ key: 'wijkteam-oost', naam: 'Wijkteam Oost', coordinatoren: [persoon(5)] }],
        escalatie: { a: { vtTeamleider: persoon(1), wijkteamCoordinator: persoon(5) }, b: { beleidsmedewerker: persoon(6) }, c: { directeurVeiligThuis: persoon(2), wethouder: persoon(7) } },
      },
    ],
  };
}

const bron = (data: unknown, bestand = 'config/regions/test.json'): RegioBron => ({ bestand, tekst: typeof data === 'string' ? data : JSON.stringify(data) });

function fout(bronnen: readonly RegioBron[], standaard?: string): string {
  try {
    regioGidsUit(bronnen, standaard === undefined ? {} : { standaard });
  } catch (e) {
    expect(e).toBeInstanceOf(RegioConfigFout);
    // start.ts prints a ConfigFout as a calm message instead of a stack trace.
    expect(e).toBeInstanceOf(ConfigFout);
    return (e as Error).message;
  }
  throw new Error('de regio laadde zonder fout');
}

const met = (wijzig: (r: ReturnType<typeof regio>) => void) => {
  const r = regio();
  wijzig(r);
  return r;
};
const gemeente0 = (r: ReturnType<typeof regio>) => r.gemeenten[0] as Record<string, unknown> & { lokaleTeams: Record<string, unknown>[]; escalatie: Record<string, unknown> };

describe('region files: each kind of wrong file stops start-up, naming the file and the field', () => {
  it('a valid region loads into the gids', () => {
    const gids = regioGidsUit([bron(regio())], { standaard: 'vt-test' });
    expect(gids.regio('vt-test')?.veiligThuis).toMatchObject({ naam: 'Veilig Thuis Testregio', telefoon: '0800-2000', intakeKanaal: 'vt-test-intake', teamleiders: [id(1)] });
    expect(gemeenteNamen(gids.regio('vt-test'))).toEqual(['Teststad']);
    // Office hours default to 9-17 (seed 004 §8.4).
    expect(gids.kalender('vt-test').kantoorBeginUur).toBe(9);
    expect(gids.kalender('vt-test').kantoorEindUur).toBe(17);
    // Without its own term the region uses the domain's default for an escalation outcome.
    expect(gids.regio('vt-test')?.escalatieUitkomstWerkdagen).toBeUndefined();
    expect(regioGidsUit([bron(met((r) => (r['escalatieUitkomstWerkdagen'] = 3)))], { standaard: 'vt-test' }).regio('vt-test')?.escalatieUitkomstWerkdagen).toBe(3);
  });

  it.each<[string, RegioBron[], RegExp]>([
    ['text that is no JSON', [bron('{ "id": "vt-test", ')], /config\/regions\/test\.json: geen geldige JSON/],
    ['no name for Veilig Thuis', [bron(met((r) => delete (r['veiligThuis'] as Record<string, unknown>)['naam']))], /config\/regions\/test\.json: veiligThuis\.naam: /],
    ['a phone number that is none', [bron(met((r) => ((r['veiligThuis'] as Record<string, unknown>)['telefoon'] = 'bel ons')))], /test\.json: veiligThuis\.telefoon: is geen telefoonnummer/],
    ['a lokaal team key with capitals', [bron(met((r) => (gemeente0(r).lokaleTeams[0]!['key'] = 'Wijkteam Oost')))], /test\.json: gemeenten\.0\.lokaleTeams\.0\.key: gebruik kleine letters/],
    ['a coordinator without an Entra id', [bron(met((r) => (gemeente0(r).lokaleTeams[0]!['coordinatoren'] = [{ id: 'mo@wijkteam.example', naam: 'Mo' }])))], /test\.json: gemeenten\.0\.lokaleTeams\.0\.coordinatoren\.0\.id: is geen Entra object id/],
    ['a lokaal team without coordinators', [bron(met((r) => (gemeente0(r).lokaleTeams[0]!['coordinatoren'] = [])))], /test\.json: gemeenten\.0\.lokaleTeams\.0\.coordinatoren: noem minstens één coördinator/],
    ['a region without gemeenten', [bron(met((r) => (r.gemeenten = [])))], /test\.json: gemeenten: noem minstens één gemeente/],
    ['a misspelt field', [bron(met((r) => (gemeente0(r)['lokaleteams'] = [])))], /test\.json: gemeenten\.0: .*lokaleteams/],
    ['a gemeente without escalation route c', [bron(met((r) => delete gemeente0(r).escalatie['c']))], /test\.json: gemeenten\.0\.escalatie\.c: /],
    ['a closure day that does not exist', [bron(met((r) => (r['sluitingsdagen'] = ['2026-02-30'])))], /test\.json: sluitingsdagen\.0: bestaat niet in de kalender/],
    ['a closure day in another format', [bron(met((r) => (r['sluitingsdagen'] = ['24-12-2026'])))], /test\.json: sluitingsdagen\.0: is geen datum \(jjjj-mm-dd\)/],
    ['office hours that end before they begin', [bron(met((r) => (r['kantoortijden'] = { beginUur: 17, eindUur: 9 })))], /test\.json: kantoortijden\.eindUur: ligt niet na beginUur/],
    ['office hours starting in the night (DST gap)', [bron(met((r) => (r['kantoortijden'] = { beginUur: 2, eindUur: 17 })))], /test\.json: kantoortijden\.beginUur: begint niet voor 4 uur/],
    ['a monitoring split without Onderzoek', [bron(met((r) => delete (r['monitoring'] as Record<string, unknown>)['na-onderzoek']))], /test\.json: monitoring\.na-onderzoek: /],
    ['a monitoring split naming someone else', [bron(met((r) => ((r['monitoring'] as Record<string, unknown>)['na-onderzoek'] = 'jgz')))], /test\.json: monitoring\.na-onderzoek: kies "veilig-thuis" of "lokaal-team"/],
    ['an escalation outcome term of 0 werkdagen', [bron(met((r) => (r['escalatieUitkomstWerkdagen'] = 0)))], /test\.json: escalatieUitkomstWerkdagen: is minstens 1 werkdag/],
    ['no recipients for the beleid figures', [bron(met((r) => (r['beleid'] = [])))], /test\.json: beleid: noem minstens één ontvanger/],
    ['the same gemeente twice', [bron(met((r) => r.gemeenten.push({ ...gemeente0(r), naam: 'TESTSTAD', lokaleTeams: [{ key: 'wijkteam-west', naam: 'Wijkteam West', coordinatoren: [persoon(8)] }] })))], /test\.json: gemeenten\.1\.naam: gemeente "teststad" staat ook in config\/regions\/test\.json: gemeenten\.0\.naam/],
    ['one person with two names', [bron(met((r) => (r['beleid'] = [persoon(1, 'Iemand anders')])))], /test\.json: beleid\.0: 00000000-0000-0000-0000-000000000001 heet hier "Iemand anders" maar "Persoon 1"/],
  ])('refuses %s', (_naam, bronnen, melding) => {
    expect(fout(bronnen)).toMatch(melding);
  });

  it('names every wrong file and field in one message, not just the first', () => {
    const melding = fout([
      bron(met((r) => (r['naam'] = '')), 'config/regions/a.json'),
      bron(met((r) => (gemeente0(r).lokaleTeams[0]!['key'] = 'X')), 'config/regions/b.json'),
    ]);
    expect(melding).toMatch(/^Ongeldige regioconfiguratie; meldroute start niet:/);
    expect(melding).toMatch(/config\/regions\/a\.json: naam: mag niet leeg zijn/);
    expect(melding).toMatch(/config\/regions\/b\.json: gemeenten\.0\.lokaleTeams\.0\.key: /);
  });
});

describe('region files: rules across files', () => {
  const ander = (wijzig: (r: ReturnType<typeof regio>) => void = () => {}) =>
    met((r) => {
      r['id'] = 'vt-ander';
      (r['veiligThuis'] as Record<string, unknown>)['intakeKanaal'] = 'vt-ander-intake';
      gemeente0(r).lokaleTeams[0]!['key'] = 'wijkteam-ander';
      wijzig(r);
    });

  it('two regions with their own ids and keys load together; a person may serve both', () => {
    const gids = regioGidsUit([bron(regio(), 'config/regions/a.json'), bron(ander(), 'config/regions/b.json')], { standaard: 'vt-ander' });
    expect(gids.regios().map((r) => r.id)).toEqual(['vt-test', 'vt-ander']);
    expect(gids.rollenVan(id(1))).toEqual([
      { regioId: 'vt-test', rol: 'vt-teamleider' },
      { regioId: 'vt-ander', rol: 'vt-teamleider' },
    ]);
  });

  it.each<[string, RegioBron[], string | undefined, RegExp]>([
    ['the same region id in two files', [bron(regio(), 'config/regions/a.json'), bron(ander((r) => (r['id'] = 'vt-test')), 'config/regions/b.json')], undefined, /config\/regions\/b\.json: id: regio-id "vt-test" staat ook in config\/regions\/a\.json: id/],
    [
      'the same lokaal team key in two regions',
      [bron(regio(), 'config/regions/a.json'), bron(ander((r) => (gemeente0(r).lokaleTeams[0]!['key'] = 'wijkteam-oost')), 'config/regions/b.json')],
      undefined,
      /config\/regions\/b\.json: gemeenten\.0\.lokaleTeams\.0\.key: lokaal-teamsleutel "wijkteam-oost" staat ook in config\/regions\/a\.json: gemeenten\.0\.lokaleTeams\.0\.key/,
    ],
    [
      'the same intake channel for two regions',
      [bron(regio(), 'config/regions/a.json'), bron(ander((r) => ((r['veiligThuis'] as Record<string, unknown>)['intakeKanaal'] = 'vt-test-intake')), 'config/regions/b.json')],
      undefined,
      /config\/regions\/b\.json: veiligThuis\.intakeKanaal: intakekanaal "vt-test-intake" staat ook in config\/regions\/a\.json/,
    ],
    ['a STANDAARD_REGIO without a file', [bron(regio())], 'vt-regio-demo', /STANDAARD_REGIO "vt-regio-demo" heeft geen regiobestand \(gevonden: vt-test\)/],
    ['no region files at all', [], undefined, /geen regiobestanden \(\*\.json\) gevonden/],
  ])('refuses %s', (_naam, bronnen, standaard, melding) => {
    expect(fout(bronnen, standaard)).toMatch(melding);
  });
});

describe('laadRegios: the folder on disk', () => {
  let map: string | undefined;
  afterEach(() => {
    if (map) rmSync(map, { recursive: true, force: true });
    map = undefined;
  });

  it('reads every *.json in the folder and names a wrong file by its path', () => {
    map = mkdtempSync(join(tmpdir(), 'meldroute-regios-'));
    writeFileSync(join(map, 'test.json'), JSON.stringify(regio()));
    writeFileSync(join(map, 'LEESMIJ.md'), 'geen regio');
    expect(laadRegios(map, { standaard: 'vt-test' }).regios().map((r) => r.id)).toEqual(['vt-test']);
    writeFileSync(join(map, 'kapot.json'), JSON.stringify(met((r) => (r['id'] = 'vt-kapot', r.gemeenten = []))));
    expect(() => laadRegios(map as string)).toThrow(`${join(map, 'kapot.json')}: gemeenten: noem minstens één gemeente`);
  });

  it('a folder that does not exist stops start-up and names REGIO_MAP', () => {
    expect(() => laadRegios(join(tmpdir(), 'bestaat-niet-meldroute'))).toThrow(/map met regiobestanden niet gevonden \(REGIO_MAP\)/);
  });
});

describe('the shipped region files', () => {
  const gids = laadRegios(REGIO_MAP, { standaard: 'vt-regio-demo' });

  it('all load, with the demo region of npm start among them', () => {
    expect(gids.regios().map((r) => r.id).sort()).toEqual(['vt-gelderland-zuid', 'vt-regio-demo', 'vt-zaanstreek-waterland', 'vt-zuid-holland-zuid']);
  });

  it.each([
    // seed 004, title page
    ['vt-gelderland-zuid', ['Berg en Dal', 'Beuningen', 'Buren', 'Culemborg', 'Druten', 'Heumen', 'Maasdriel', 'Neder-Betuwe', 'Nijmegen', 'Tiel', 'West-Betuwe', 'West Maas en Waal', 'Wijchen', 'Zaltbommel', 'Mook en Middelaar']],
    // seed 002, Stichting Jeugdteams ZHZ: werkplek
    ['vt-zuid-holland-zuid', ['Dordrecht', 'Alblasserdam', 'Hendrik-Ido-Ambacht', 'Papendrecht', 'Sliedrecht', 'Zwijndrecht', 'Binnenmaas', 'Strijen', 'Cromstrijen', 'Korendijk', 'Oud-Beijerland', 'Gorinchem', 'Giessenlanden', 'Hardinxveld-Giessendam', 'Zederik', 'Leerdam', 'Molenwaard']],
    ['vt-zaanstreek-waterland', ['Edam-Volendam', 'Landsmeer', 'Oostzaan', 'Purmerend', 'Waterland', 'Wormerland', 'Zaanstad']],
  ])('%s names its real gemeenten', (regioId, gemeenten) => {
    expect(gemeenteNamen(gids.regio(regioId))).toEqual(gemeenten);
  });

  it('Zuid-Holland Zuid splits monitoring as seed 002 agrees: Veilig Thuis after Onderzoek, the jeugdteam after a vervolgtraject without', () => {
    const zhz = gids.regio('vt-zuid-holland-zuid');
    expect(monitoringDoor(zhz, 'na-onderzoek')).toBe('veilig-thuis');
    expect(monitoringDoor(zhz, 'na-voorwaarden-en-vervolg')).toBe('lokaal-team');
    expect(monitoringDoor(gids.regio('vt-gelderland-zuid'), 'na-voorwaarden-en-vervolg')).toBe('veilig-thuis');
  });

  it("the demo region's people are the Playground's demo users, with their roles", () => {
    const playground = readFileSync(join(ROOT, '.m365agentsplayground.yml'), 'utf8');
    // Each Playground user: its name, then (a line further) its aadObjectId.
    const demogebruikers = new Map([...playground.matchAll(/name: ([^\n]+)\n[^\n]*\n\s*aadObjectId: (\S+)/g)].map((m) => [m[2], m[1]]));
    const fatima = '00000000-0000-0000-0000-0000000000024';
    const mo = '00000000-0000-0000-0000-0000000000023';
    expect(demogebruikers.get(fatima)).toBe('Fatima El Amrani (teamleider Veilig Thuis)');
    expect(demogebruikers.get(fatima)).toContain(gids.persoon(fatima)?.naam);
    expect(demogebruikers.get(mo)).toContain(gids.persoon(mo)?.naam);
    expect(gids.rollenVan(fatima)).toEqual([
      { regioId: 'vt-regio-demo', rol: 'vt-teamleider' },
      { regioId: 'vt-regio-demo', rol: 'beheerder' },
    ]);
    expect(gids.rollenVan(mo)).toEqual([{ regioId: 'vt-regio-demo', rol: 'coordinator', lokaalTeamKey: 'wijkteam-noord' }]);
    expect(gids.lokaalTeam('wijkteam-noord')).toMatchObject({ regio: { id: 'vt-regio-demo' }, gemeente: { naam: 'Demostad' }, team: { naam: 'Wijkteam Noord', coordinatoren: [mo] } });
    expect(gids.veiligThuis('vt-regio-demo')).toMatchObject({ naam: 'Veilig Thuis Demoregio', telefoon: '0800-2000' });
    expect(escalatieContacten(gids.regio('vt-regio-demo'), 'Demostad', 'a')).toEqual([fatima, mo]);
    // Someone the region files do not name has no region role.
    expect(gids.rollenVan('00000000-0000-0000-0000-0000000000020')).toEqual([]);
  });
});

describe('one calendar per region', () => {
  const gids = regioGidsUit([bron(met((r) => (r['kantoortijden'] = { beginUur: 8, eindUur: 16 })))]);
  const ontvangen = DateTime.fromISO('2026-03-02T10:00', { zone: 'Europe/Amsterdam' });

  it("counts werkdagen over the region's closure days, and the national calendar does not", () => {
    expect(gids.kalender('vt-test').isWerkdag(DateTime.fromISO('2026-03-04', { zone: 'Europe/Amsterdam' }))).toBe(false);
    expect(gids.kalender('vt-test').addWerkdagen(ontvangen, 5).toISODate()).toBe('2026-03-10');
    expect(landelijkeKalender.addWerkdagen(ontvangen, 5).toISODate()).toBe('2026-03-09');
  });

  it("reaches people in the region's own office hours", () => {
    const k = gids.kalender('vt-test');
    expect(k.isKantoortijd(DateTime.fromISO('2026-03-02T08:30', { zone: 'Europe/Amsterdam' }))).toBe(true);
    expect(k.isKantoortijd(DateTime.fromISO('2026-03-02T16:30', { zone: 'Europe/Amsterdam' }))).toBe(false);
    expect(k.volgendKantoormoment(DateTime.fromISO('2026-03-03T17:00', { zone: 'Europe/Amsterdam' })).toISO()).toBe('2026-03-05T08:00:00.000+01:00');
  });

  it('is one shared instance per region, and the national calendar for a region it does not know', () => {
    expect(gids.kalender('vt-test')).toBe(gids.kalender('vt-test'));
    expect(gids.kalender('vt-onbekend').addWerkdagen(ontvangen, 5).toISODate()).toBe('2026-03-09');
  });
});
