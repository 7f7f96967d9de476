import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GebruikersRegister } from '../../src/app/gebruikers.js';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import { DEMO_ROLLEN, schrijfPlaygroundConfig } from '../../scripts/demo.js';
import { startPlayground } from '../../scripts/playground.js';
import { naarMelding } from '../support/app.js';
import { ROOT, RESULTATEN, kiesIn, kiesUitLijst, klikOp, openPlayground, postInKanaal, startE2e, vulIn, type E2eOmgeving } from '../support/playground.js';

/**
 * The chain after a melding (issue 10) in the Playground, switching users: Veilig Thuis (Sanne
 * Jansen) records a veiligheidsbeoordeling with an overdracht to Wijkteam Noord in its channel;
 * the lokaal team (Joost Bakker) confirms it with a regisseur and records the contact with the
 * family in the wijkteam channel; Veilig Thuis then sees the confirmation on its own card.
 *
 * The Playground acts as the one user of its .m365agentsplayground.yml and keeps the messages of
 * its channels in memory: a Playground restarted as someone else starts with empty channels, and
 * a card posted to the one before is not in it. So each person gets their own Playground (with
 * the configuration npm start -- --als <rol> writes) against the same bot and store, as each
 * person has their own Teams client, and the walk switches between their windows. meldroute keeps
 * the newest reference of each channel: the card goes to the Playground that last spoke there.
 */

const REFERENTIE = 'Gezin O., groep 4';
const WIJKTEAM_KANAAL = 'Overdracht wijkteam Noord';

let omgeving: E2eOmgeving;
const playgrounds: { stop(): void }[] = [];

beforeAll(async () => {
  omgeving = await startE2e();
});

/**
 * The professional's melding. Her meldcode walk is what playground.e2e.ts clicks through; here it
 * is made through the same use cases, so this walk starts where the chain starts.
 */
async function meldingVanAnnelies(): Promise<void> {
  const register = GebruikersRegister.uitBestand(join(ROOT, 'config', 'demo-gebruikers.json'));
  const p = DEMO_ROLLEN.professional;
  const melder: Aanvraag = { gebruiker: register.zoek(p.aadObjectId, p.naam, '00000000-0000-0000-0000-0000000000001'), kanaal: 'msteams', gesprek: { soort: 'persoonlijk' } };
  const start = await omgeving.applicatie.service.start(melder, { referentie: REFERENTIE, werktMetVolwassenen: false });
  if (!start.ok) throw new Error(start.fout.melding);
  for (const commando of naarMelding()) {
    const r = await omgeving.applicatie.service.pasToe(melder, start.waarde.id, commando);
    if (!r.ok) throw new Error(r.fout.melding);
  }
}

afterAll(async () => {
  for (const p of playgrounds) p.stop();
  await omgeving?.stop();
});

/** A Playground acting as this demo person, with its configuration in the walk's temporary folder. */
async function playgroundAls(rol: 'veilig-thuis' | 'wijkteam', poort: number): Promise<{ url: string; stop(): void }> {
  const map = schrijfPlaygroundConfig(join(omgeving.map, 'playground', rol), rol);
  const pg = await startPlayground(`${omgeving.host.url}/api/messages`, poort, false, map);
  playgrounds.push(pg);
  return pg;
}

/**
 * The case's card in a channel: every view and form of a case is titled with its reference, and a
 * click replaces it in place. ShowCard forms nest cards inside it, so the outer one is the first.
 */
const kaartVan = (page: Page) => page.locator('.ac-adaptiveCard', { hasText: REFERENTIE }).first();

async function wachtOpKaart(page: Page, tekst: string, meerDan = 0): Promise<void> {
  await expect.poll(async () => page.locator('.ac-adaptiveCard', { hasText: tekst }).count(), { timeout: 20_000 }).toBeGreaterThan(meerDan);
}

// The help card's closing line, the same for everyone in a channel (members of the bound team get more above it).
const HULP = 'Bij acuut gevaar: bel 112.';

/** `@meldroute help` in a channel, and its answer: a message there makes this Playground the one meldroute posts to. */
async function spreekInKanaal(page: Page, kanaal: string): Promise<void> {
  const voor = await page.locator('.ac-adaptiveCard', { hasText: HULP }).count();
  await postInKanaal(page, kanaal, 'help');
  await wachtOpKaart(page, HULP, voor);
}

const inzet = (tekst: string) => tekst.replace(/\s+/g, ' ');

describe('an overdracht card in the lokaal team channel, switching between Veilig Thuis and the wijkteam', () => {
  let vtPagina: Page;
  const vtKaart = () => kaartVan(vtPagina);
  const ltKaart = kaartVan;

  let ltPagina: Page;
  let ltPlayground: { url: string; stop(): void };

  it('Veilig Thuis (Sanne Jansen) records a veiligheidsbeoordeling with an overdracht to Wijkteam Noord', async () => {
    const vt = await playgroundAls('veilig-thuis', 56150);
    vtPagina = await omgeving.browser.newPage({ viewport: { width: 1400, height: 1800 } });
    await openPlayground(vtPagina, vt.url);
    // Each Playground announces every channel of the team when its user first opens the team, and
    // meldroute posts to the Playground that last spoke in a channel: so Sanne opens her channel,
    // then Joost (his Teams is open too) the wijkteam's, then Sanne speaks in hers once more.
    await spreekInKanaal(vtPagina, 'General');
    ltPlayground = await playgroundAls('wijkteam', 56151);
    ltPagina = await omgeving.browser.newPage({ viewport: { width: 1400, height: 1600 } });
    await openPlayground(ltPagina, ltPlayground.url);
    await spreekInKanaal(ltPagina, WIJKTEAM_KANAAL);
    // Nothing is handed over to the team yet.
    expect(await ltPagina.locator('body').innerText()).not.toContain(REFERENTIE);
    await vtPagina.bringToFront();
    await spreekInKanaal(vtPagina, 'General');

    await meldingVanAnnelies();
    await wachtOpKaart(vtPagina, 'Melding · Veilig Thuis Demoregio');
    expect(await vtKaart().innerText()).toContain('Melding · Veilig Thuis Demoregio');

    await klikOp(vtKaart(), 'Veiligheidsbeoordeling vastleggen', /Veiligheidstaxatie/);
    await kiesIn(vtKaart(), 'Structurele onveiligheid');
    await vulIn(vtKaart(), 'Risicofactoren (één per regel)', 'Schulden');
    await vulIn(vtKaart(), 'Veiligheidsvoorwaarden (één per regel)', 'Vader drinkt niet als de kinderen er zijn.');
    await kiesIn(vtKaart(), 'Overdracht aan een lokaal team of andere partij');
    await kiesUitLijst(vtPagina, vtKaart(), 'Aan wie', 'Lokaal team');
    await kiesUitLijst(vtPagina, vtKaart(), 'Lokaal team (gemeente van het gezin)', 'Wijkteam Noord');
    // The agreements of the overdracht (seed 004 §6): who makes which plan, and what if safety does not recover.
    await kiesUitLijst(vtPagina, vtKaart(), 'Wie maakt het veiligheidsplan?', 'De overdrachtspartij');
    await kiesUitLijst(vtPagina, vtKaart(), 'Wie maakt het hulpverleningsplan?', 'De overdrachtspartij');
    await kiesUitLijst(vtPagina, vtKaart(), 'Wie maakt het herstelplan?', 'Veilig Thuis');
    await vulIn(vtKaart(), 'Wat gebeurt er als de veiligheid niet herstelt?', 'Het wijkteam legt de casus terug bij Veilig Thuis.');
    await vtPagina.screenshot({ path: join(RESULTATEN, 'overdracht-1-vt-beoordeling.png') });
    // Wait for the state, not the one-off confirmation: the channel card's own update (for everyone) may replace the answer to the click.
    await klikOp(vtKaart(), 'Veiligheidsbeoordeling vastleggen', /overdracht wacht op bevestiging/);
    const tekst = inzet(await vtKaart().innerText());
    expect(tekst).toContain('overdracht wacht op bevestiging');
    expect(tekst).toMatch(/Zicht op veiligheid Veilig Thuis/);
    await vtPagina.screenshot({ path: join(RESULTATEN, 'overdracht-2-vt-overgedragen.png') });
  });

  it('the wijkteam (Joost Bakker) finds the overdracht card in its channel, confirms it with a regisseur and records the contact', async () => {
    const page = ltPagina;
    await page.bringToFront();
    await wachtOpKaart(page, 'Overdracht · Wijkteam Noord');
    const voor = inzet(await ltKaart(page).innerText());
    expect(voor).toContain('Overdracht · Wijkteam Noord');
    expect(voor).toContain('Vader drinkt niet als de kinderen er zijn.');
    expect(voor).toContain('Het wijkteam legt de casus terug bij Veilig Thuis.');
    await page.screenshot({ path: join(RESULTATEN, 'overdracht-3-wijkteam-kaart.png') });

    await ltKaart(page).getByRole('button', { name: 'Overdracht bevestigen', exact: true }).click();
    await vulIn(ltKaart(page), 'Regisseur (naam)', 'Joost Bakker');
    await klikOp(ltKaart(page), 'Bevestigen: wij nemen zicht op veiligheid over', /Regisseur\s+Joost Bakker/);
    // When (today, filled in) and how the team reached the family.
    await ltKaart(page).getByRole('button', { name: 'Contact met gezin gelegd', exact: true }).click();
    // The form opens in the card; check() waits for it and verifies the choice took.
    await ltKaart(page).getByRole('radio', { name: 'Huisbezoek' }).check();
    await klikOp(ltKaart(page), 'Contact vastleggen', /Contact met gezin\s+\S.*huisbezoek/);
    expect(inzet(await ltKaart(page).innerText())).toMatch(/Contact met gezin .*huisbezoek/);
    const na = inzet(await ltKaart(page).innerText());
    expect(na).toMatch(/Zicht op veiligheid Wijkteam Noord/);
    await page.screenshot({ path: join(RESULTATEN, 'overdracht-4-wijkteam-bevestigd.png') });
    await page.close();
    ltPlayground.stop();
  });

  it('back as Veilig Thuis: the card in its channel shows the confirmation, the regisseur and zicht op veiligheid at the team', async () => {
    await vtPagina.bringToFront();
    // The bot updated its card in the Veilig Thuis channel (updateActivity) when the team confirmed.
    await expect.poll(async () => inzet(await vtKaart().innerText()), { timeout: 20_000 }).toMatch(/Zicht op veiligheid Wijkteam Noord/);
    const tekst = inzet(await vtKaart().innerText());
    expect(tekst).toContain('Joost Bakker');
    expect(tekst).not.toContain('overdracht wacht op bevestiging');
    await vtPagina.screenshot({ path: join(RESULTATEN, 'overdracht-5-vt-bevestiging.png') });
  });
});
