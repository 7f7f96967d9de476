/**
 * npm run bench:bot: 200 complete meldcode walks through the real handler, adapter, bot, flow,
 * domain, embedded store and card builder, in-process, as Universal Action invokes (the answer
 * is the HTTP response, so no connector call is timed). The last line is one JSON object with
 * the server-side time per turn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { maakMessagesHandler } from '../functions/messages.js';
import { bouwApplicatie } from '../src/bot/compositie.js';
import { laadConfig } from '../src/config.js';
import { stilleLogger } from '../src/app/logger.js';
import { HttpRequest, InvocationContext } from '../src/hosting/azureFunctions.js';

const WALKS = Number(process.env['BENCH_WALKS'] ?? 200);

const map = mkdtempSync(join(tmpdir(), 'meldroute-bench-bot-'));
const applicatie = await bouwApplicatie(laadConfig({ STORE: 'sqlite', SQLITE_PATH: join(map, 'bench.db'), MELDROUTE_LOKAAL: 'ja', LIMIET_GEBRUIKER_PIEK: '100000', LIMIET_TENANT_PIEK: '1000000' }), { log: stilleLogger });
const handler = maakMessagesHandler(async () => applicatie);
const context = new InvocationContext({ functionName: 'messages', invocationId: 'bench' });
const tijden: number[] = [];

async function actie(walk: number, verb: string, data: Record<string, unknown>): Promise<string> {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `inv-${walk}-${tijden.length}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `user-${walk}`, name: 'Professional', aadObjectId: `aad-${walk % 20}` },
    recipient: { id: 'bot', name: 'meldroute' },
    conversation: { id: `a:${walk}`, conversationType: 'personal' },
    value: { action: { type: 'Action.Execute', verb, data } },
  };
  const verzoek = new HttpRequest({ method: 'POST', url: 'http://127.0.0.1/api/messages', body: { string: JSON.stringify(activity) } });
  const start = performance.now();
  const antwoord = await handler(verzoek, context);
  tijden.push(performance.now() - start);
  const tekst = JSON.stringify(antwoord.jsonBody);
  if (antwoord.status !== 200 || tekst.includes('Controleer de gemarkeerde velden')) throw new Error(`${verb} mislukte: ${tekst.slice(0, 300)}`);
  return tekst;
}

for (let walk = 0; walk < WALKS; walk += 1) {
  const kaart = await actie(walk, 'start', { referentie: `Gezin ${walk}`, werktMetVolwassenen: 'false' });
  const dossierId = /"dossierId":"([^"]+)"/.exec(kaart)?.[1];
  if (!dossierId) throw new Error('Geen dossier gestart.');
  const d = { dossierId };
  await actie(walk, 'signalen', { ...d, categorieen: 'lichamelijke-mishandeling', beschrijving: 'Blauwe plek op de bovenarm gezien.', waargenomenDoor: 'Leerkracht' });
  await actie(walk, 'overleg', { ...d, met: 'aandachtsfunctionaris', uitkomst: 'Zorgen gedeeld.', voldoendeSignalen: 'ja' });
  await actie(walk, 'gesprek', { ...d, uitkomst: 'gevoerd', samenvatting: 'Met moeder gesproken.' });
  await actie(walk, 'afweging', { ...d, vraag: '1', antwoord: 'ja' });
  if (walk % 2 === 0) {
    for (const vraag of ['2', '3', '4', '5']) await actie(walk, 'afweging', { ...d, vraag, antwoord: vraag === '2' ? 'nee' : 'ja' });
    await actie(walk, 'advies', { ...d, datum: '2026-03-03', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Ouders uitnodigen.', opNaamAdviesvrager: 'true', adviesvragerNaam: 'Prof', adviesvragerTelefoon: '0612345678' });
  } else {
    await actie(walk, 'afweging', { ...d, vraag: '2', antwoord: 'ja' });
    await actie(walk, 'melding', { ...d, soort: 'open', besprokenMetGezin: 'true', melderNaam: 'Prof', melderTelefoon: '0612345678', feiten: 'Blauwe plekken gezien.', spoed: 'false', gemeente: 'Demostad' });
  }
  await actie(walk, 'casussen', {});
}

await applicatie.sluit();
rmSync(map, { recursive: true, force: true });
const gesorteerd = [...tijden].sort((a, b) => a - b);
const percentiel = (p: number) => Number((gesorteerd[Math.min(gesorteerd.length - 1, Math.ceil((p / 100) * gesorteerd.length) - 1)] ?? 0).toFixed(2));
console.log(JSON.stringify({ turns: tijden.length, p50Ms: percentiel(50), p95Ms: percentiel(95) }));
