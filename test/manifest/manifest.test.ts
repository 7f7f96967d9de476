import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bouwPakket, vulManifest } from '../../scripts/manifest.js';

const require = createRequire(import.meta.url);
// CommonJS packages whose default export TypeScript's nodenext typing does not see through.
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
// The official Teams app manifest schema, shipped offline in @microsoft/app-manifest.
const SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json'), 'utf8')) as object;
const ENV = { TEAMS_APP_ID: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', BOT_ID: '0b1c2d3e-4f5a-4b6c-9d8e-7f6a5b4c3d2e' };

function uitpakken(zip: Buffer): Map<string, Buffer> {
  const bestanden = new Map<string, Buffer>();
  let i = 0;
  while (zip.readUInt32LE(i) === 0x04034b50) {
    const grootte = zip.readUInt32LE(i + 18);
    const naamLengte = zip.readUInt16LE(i + 26);
    const naam = zip.subarray(i + 30, i + 30 + naamLengte).toString('utf8');
    const start = i + 30 + naamLengte;
    bestanden.set(naam, inflateRawSync(zip.subarray(start, start + grootte)));
    i = start + grootte;
  }
  return bestanden;
}

describe('Teams app manifest', () => {
  it('validates against the official v1.30 schema, offline', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const valideer = ajv.compile(SCHEMA);
    const manifest = JSON.parse(bouwPakket(ENV).manifest) as Record<string, unknown>;
    expect(valideer(manifest) ? [] : valideer.errors).toEqual([]);
    expect(manifest).toMatchObject({ id: ENV.TEAMS_APP_ID, bots: [{ botId: ENV.BOT_ID, scopes: ['personal', 'team', 'groupChat'] }], supportsChannelFeatures: 'tier1' });
  });

  it('offers the channel binding commands in teams and one help line in group chats', () => {
    const manifest = JSON.parse(bouwPakket(ENV).manifest) as { bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[] };
    const titels = (scope: string) => manifest.bots[0]?.commandLists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title);
    expect(titels('team')).toEqual(['koppel kanaal aan Veilig Thuis', 'koppel kanaal aan lokaal team', 'koppelingen', 'ontkoppel', 'help']);
    expect(titels('groupChat')).toEqual(['help']);
  });

  it('a broken manifest fails the same validation (the check can fail)', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const manifest = JSON.parse(bouwPakket(ENV).manifest) as Record<string, unknown>;
    delete manifest['developer'];
    expect(ajv.compile(SCHEMA)(manifest)).toBe(false);
  });

  it('packages manifest.json and the 192x192 colour and 32x32 outline icons', () => {
    const bestanden = uitpakken(bouwPakket(ENV).zip);
    expect([...bestanden.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const afmeting = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(afmeting(bestanden.get('color.png')!)).toEqual([192, 192]);
    expect(afmeting(bestanden.get('outline.png')!)).toEqual([32, 32]);
    expect(JSON.parse(bestanden.get('manifest.json')!.toString('utf8'))).toMatchObject({ manifestVersion: '1.30' });
  });

  it('refuses to build with ids missing, naming them', () => {
    expect(() => vulManifest('{"id":"${{TEAMS_APP_ID}}","bot":"${{BOT_ID}}"}', {})).toThrow('TEAMS_APP_ID, BOT_ID');
  });
});
