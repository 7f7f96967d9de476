import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground } from '../../scripts/playground.js';
import { RESULTATEN, kiesIn, kiesUitLijst, klikOp, label, openPlayground, postInKanaal, startE2e, vulIn, type E2eOmgeving } from '../support/playground.js';

/**
 * A professional walks the meldcode in the Teams-like Playground, in a real browser, by
 * clicking the rendered Adaptive Cards: once to an advies, once to a melding. Then the team
 * channel, where none of it may show.
 */
let omgeving: E2eOmgeving;
let playground: { url: string; stop(): void };

beforeAll(async () => {
  omgeving = await startE2e();
  playground = await startPlayground(`${omgeving.host.url}/api/messages`);
});

afterAll(async () => {
  playground?.stop();
  await omgeving?.stop();
});

/** The card the bot refreshed last: Universal Actions replace a card in place. */
const kaart = (page: Page) => page.locator('.ac-adaptiveCard').last();
const klik = (page: Page, knop: string, verwacht: string | RegExp) => klikOp(kaart(page), knop, verwacht);
const vul = (page: Page, veld: string, tekst: string) => vulIn(kaart(page), veld, tekst);
const kies = (page: Page, keuze: string) => kiesIn(kaart(page), keuze);

async function totAfweging(page: Page, kenmerk: string, naam: string): Promise<void> {
  await openPlayground(page, playground.url);
  await klik(page, 'Nieuwe meldcode starten', /Kenmerk van de casus/);
  await vul(page, 'Kenmerk van de casus', kenmerk);
  await klik(page, 'Start stap 1', /Stap 1 van 5/);
  await page.screenshot({ path: join(RESULTATEN, `${naam}-1-signalen.png`) });
  await kies(page, 'Lichamelijke mishandeling');
  await vul(page, 'Wat zag of hoorde u? (feiten)', 'Maandag 8.30 uur: blauwe plek op de linkerbovenarm gezien bij het omkleden.');
  await vul(page, 'Waargenomen door (functie)', 'Groepsleerkracht');
  await klik(page, 'Signalen vastleggen', /Stap 2 van 5/);
  await kies(page, 'Aandachtsfunctionaris');
  await vul(page, 'Uitkomst van het overleg', 'Signalen besproken met de aandachtsfunctionaris; zorgen gedeeld.');
  await kies(page, 'Ja, verder met stap 3');
  await klik(page, 'Overleg vastleggen', /Stap 3 van 5/);
  await kies(page, 'Is gevoerd, de zorgen blijven');
  await vul(page, 'Samenvatting van het gesprek', 'Met moeder gesproken; zij herkent de zorgen deels.');
  await klik(page, 'Gesprek vastleggen', /Stap 4 van 5/);
  await page.screenshot({ path: join(RESULTATEN, `${naam}-2-wegen.png`) });
  await klik(page, 'Ja', /Afwegingsvraag 2 van 5/);
}

describe('the meldcode in the Teams-like Playground', () => {
  it('walks to zelf hulp and records an advies of Veilig Thuis', async () => {
    const page = await omgeving.browser.newPage({ viewport: { width: 1400, height: 1400 } });
    await totAfweging(page, 'Gezin K., groep 5', 'advies');
    await klik(page, 'Nee', /Afwegingsvraag 3 van 5/);
    await klik(page, 'Ja', /Afwegingsvraag 4 van 5/);
    await klik(page, 'Ja', /Afwegingsvraag 5 van 5/);
    await klik(page, 'Ja', /Melden is niet noodzakelijk/);
    await page.screenshot({ path: join(RESULTATEN, 'advies-3-beslissing.png') });
    await klik(page, 'Advies vastleggen', /Advies van Veilig Thuis Demoregio vastleggen/);
    await vul(page, 'Naam van de adviseur bij Veilig Thuis', 'M. Jansen');
    await vul(page, 'Advies en afspraken (wie doet wat)', 'Gesprek met ouders voeren; over twee weken opnieuw wegen.');
    await vul(page, 'Uw telefoonnummer', '0612345678');
    await klik(page, 'Advies vastleggen', /Het advies van Veilig Thuis is vastgelegd/);
    await page.screenshot({ path: join(RESULTATEN, 'advies-4-vastgelegd.png') });
    const tekst = await kaart(page).innerText();
    expect(tekst).toContain('Zicht op veiligheid');
    expect(tekst).toContain('Annelies de Boer (leerkracht)');
    expect(tekst).not.toContain('(professional)');
    await page.close();
  });

  it('walks the acute path to a spoed melding at Veilig Thuis', async () => {
    const page = await omgeving.browser.newPage({ viewport: { width: 1400, height: 1600 } });
    await totAfweging(page, 'Gezin B., groep 7', 'melding');
    await klik(page, 'Ja, acute onveiligheid', /Melden bij Veilig Thuis Demoregio: nu, bel 0800-2000/);
    await klik(page, 'Nu melden bij Veilig Thuis Demoregio', /bel Veilig Thuis Demoregio nu op 0800-2000/);
    const formulier = await kaart(page).innerText();
    expect(formulier).toContain('Bij direct gevaar: bel 112.');
    expect(formulier).toContain('veiligheidsbeoordeling vandaag (spoed)');
    // Acute onveiligheid: the form opens with spoed ticked.
    await expect.poll(async () => kaart(page).getByRole('checkbox', { name: /^Spoed/ }).isChecked()).toBe(true);
    await kies(page, 'Ik heb de melding met het gezin besproken (nodig voor een open melding)');
    await vul(page, 'Uw telefoonnummer', '0612345678');
    // The gemeente is chosen consciously: the list of the demo region starts empty.
    const gemeente = kaart(page).getByLabel(label('Gemeente waar het gezin woont')).first();
    expect(await gemeente.inputValue()).toBe('');
    await kiesUitLijst(page, kaart(page), 'Gemeente waar het gezin woont', 'Demostad');
    await page.screenshot({ path: join(RESULTATEN, 'melding-3-formulier.png') });
    await klik(page, 'Melding doen bij Veilig Thuis Demoregio', /Melding verstuurd naar Veilig Thuis Demoregio/);
    await page.screenshot({ path: join(RESULTATEN, 'melding-4-gemeld.png') });
    // The walk runs on the real clock: outside office hours the term is the next office day, with the crisis service named.
    expect(await kaart(page).innerText()).toMatch(/Veiligheidsbeoordeling: vandaag \(spoed\)|spoed buiten kantoortijd: Spoed Eisende Zorg \(SEZ\) handelt direct/);
    await page.close();
  });

  it('the melding of the acute walk is in the Veilig Thuis channel (General of the demo team)', async () => {
    const page = await omgeving.browser.newPage({ viewport: { width: 1400, height: 1600 } });
    await openPlayground(page, playground.url);
    // The first message in the bound channel makes it reachable: the melding that waited goes out.
    await postInKanaal(page, 'General', 'help');
    const melding = page.locator('.ac-adaptiveCard', { hasText: 'Melding · Veilig Thuis Demoregio' });
    await expect.poll(async () => melding.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const tekst = await melding.first().innerText();
    expect(tekst).toContain('Gezin B., groep 7');
    // The walk runs on the real clock: outside the demo region's office hours its crisis service is named instead.
    expect(tekst).toMatch(/Spoed: veiligheidsbeoordeling vandaag\.|Spoed buiten kantoortijd: Spoed Eisende Zorg \(SEZ\) handelt direct\./);
    expect(tekst).toContain('06');
    await page.screenshot({ path: join(RESULTATEN, 'vt-kanaal-melding.png') });
    await page.close();
  });

  it('shows no case data in a team channel, also when asked for the cases there', async () => {
    const page = await omgeving.browser.newPage({ viewport: { width: 1400, height: 1200 } });
    await openPlayground(page, playground.url);
    await klik(page, 'Nieuwe meldcode starten', /Kenmerk van de casus/);
    await vul(page, 'Kenmerk van de casus', 'Gezin T., groep 3');
    await klik(page, 'Start stap 1', /Stap 1 van 5/);
    // In the personal chat the list does show the case: the channel below must not.
    await page.getByRole('textbox').last().click();
    await page.keyboard.type('casussen');
    await page.keyboard.press('Enter');
    await expect.poll(async () => kaart(page).innerText(), { timeout: 15_000 }).toMatch(/Mijn casussen[\s\S]*Gezin T\., groep 3/);

    // The wijkteam's channel: bound, but nothing was handed over to the team.
    await postInKanaal(page, 'Overdracht wijkteam Noord', 'casussen');
    const antwoord = page.locator('.ac-adaptiveCard', { hasText: 'meldroute toont casussen alleen in uw persoonlijke chat.' });
    await expect.poll(async () => antwoord.count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: join(RESULTATEN, 'kanaal-casussen.png') });
    expect((await antwoord.innerText()).replace(/\s+/g, ' ').trim()).toBe('meldroute toont casussen alleen in uw persoonlijke chat. Naar mijn persoonlijke chat');
    const kanaal = await page.locator('body').innerText();
    expect(kanaal).not.toMatch(/Gezin [A-Z]\.|Stap \d van 5|Mijn casussen/);
    await page.close();
  });
});
