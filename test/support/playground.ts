import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { stilleLogger } from '../../src/app/logger.js';
import { bouwApplicatie, type Applicatie } from '../../src/bot/compositie.js';
import { laadConfig } from '../../src/config.js';
import { koppelDemoKanalen } from '../../scripts/demo.js';
import { startHost, type Host } from '../../scripts/host.js';

/** The browser walks through the Playground: one bot, one store, Debian's Chromium. */

export const ROOT = join(import.meta.dirname, '..', '..');
export const RESULTATEN = join(ROOT, 'test-results');

export interface E2eOmgeving {
  readonly map: string;
  readonly applicatie: Applicatie;
  readonly host: Host;
  readonly browser: Browser;
  stop(): Promise<void>;
}

/** meldroute as npm start runs it (demo people, demo channels bound), on a fresh store in a temporary folder. */
export async function startE2e(): Promise<E2eOmgeving> {
  mkdirSync(RESULTATEN, { recursive: true });
  // The browser first: without Chromium nothing else is started that would then be left running.
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const map = mkdtempSync(join(tmpdir(), 'meldroute-e2e-'));
  // One demo person clicks through several walks in a minute, faster than any person: the rate
  // limit per person is raised here so it does not turn the walk into a test of the limiter.
  const config = laadConfig({
    SQLITE_PATH: join(map, 'e2e.db'),
    MELDROUTE_LOKAAL: 'ja',
    GEBRUIKERS_BESTAND: join(ROOT, 'config', 'demo-gebruikers.json'),
    LIMIET_GEBRUIKER_PIEK: '500',
  });
  const applicatie = await bouwApplicatie(config, { log: stilleLogger });
  // As npm start does: General is the Veilig Thuis intake of the demo region, the other channel the wijkteam's.
  await koppelDemoKanalen(applicatie.stores, applicatie.klok().toUTC().toISO() as string, randomUUID);
  const host = await startHost(applicatie, 0);
  return {
    map,
    applicatie,
    host,
    browser,
    stop: async () => {
      await browser.close();
      await host.stop();
      await applicatie.sluit();
      rmSync(map, { recursive: true, force: true });
    },
  };
}

/** Opens the Playground and waits for the bot's first card (the welcome in the personal chat). */
export async function openPlayground(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(async () => page.locator('.ac-adaptiveCard').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  // The install is announced more than once (installationUpdate, conversationUpdate) and a late
  // welcome card would become "the last card": wait until no further card arrives.
  let vorige = -1;
  await expect
    .poll(
      async () => {
        const nu = await page.locator('.ac-adaptiveCard').count();
        const stabiel = nu === vorige;
        vorige = nu;
        return stabiel;
      },
      { timeout: 15_000, interval: 1_500 },
    )
    .toBe(true);
}

/** Clicks a button on a card and waits until the card (replaced in place by Universal Actions) matches. */
export async function klikOp(kaart: Locator, knop: string, verwacht: string | RegExp): Promise<void> {
  await kaart.getByRole('button', { name: knop, exact: true }).click();
  await expect.poll(async () => kaart.innerText(), { timeout: 15_000 }).toMatch(verwacht);
}

// Labels of required inputs end in an asterisk, so match on the start of the label.
export const label = (tekst: string): RegExp => new RegExp(`^${tekst.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

export async function vulIn(kaart: Locator, veld: string, tekst: string): Promise<void> {
  await kaart.getByLabel(label(veld)).first().fill(tekst);
}

/** Clicks the label of a choice (checkbox, toggle or radio), as a person would. */
export async function kiesIn(kaart: Locator, keuze: string): Promise<void> {
  await kaart.locator('label').getByText(keuze, { exact: true }).click();
}

/** A compact choice set: the Playground renders it as a Fluent combobox, not a <select>. */
export async function kiesUitLijst(page: Page, kaart: Locator, veld: string, keuze: string): Promise<void> {
  const lijst = kaart.getByLabel(label(veld)).first();
  await lijst.click();
  await page.getByRole('option', { name: keuze, exact: true }).click();
  expect(await lijst.inputValue()).toBe(keuze);
}

/**
 * Opens a channel of the demo team and posts `@meldroute <tekst>`: in a channel the bot hears only
 * messages that @mention it, so it is picked from the mention menu.
 */
export async function postInKanaal(page: Page, kanaal: string, tekst: string): Promise<void> {
  await page.getByText(kanaal, { exact: true }).click();
  await expect.poll(async () => page.getByText('Start a new post').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.getByRole('textbox').first().click();
  await page.keyboard.type('@meld');
  await page.getByRole('menuitem', { name: 'meldroute' }).click();
  await page.keyboard.type(` ${tekst}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
}
