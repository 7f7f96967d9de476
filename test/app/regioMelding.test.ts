import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Weergave } from '../../src/app/meldcodeFlow.js';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import { vasteRegioGids, type RegioGids } from '../../src/app/regio.js';
import { verslagAlsTekst } from '../../src/app/verslag.js';
import { kaartVoor } from '../../src/cards/kaarten.js';
import { gemeenteVan, openMijlpalen, standaardBeleid, vanIso, veiligheidsbeoordelingDeadline, volgendeHerinneringOp, type Dossier } from '../../src/domain/index.js';
import { demoRegister, demoRegios, TestKlok, testFlow, testStores } from '../support/app.js';

/**
 * The region reaches the professional's cards: the gemeenten on the melding form (checked again
 * on the server) and the region's calendar behind every date, the same one the nudges count on.
 */
const annelies: Aanvraag = { gebruiker: demoRegister.zoek('aad-prof-1', 'Annelies de Boer', 'tenant-1'), kanaal: 'msteams', gesprek: { soort: 'persoonlijk' } };
const MELDING = { soort: 'open', besprokenMetGezin: 'true', melderNaam: 'Annelies de Boer', melderTelefoon: '06 12345678', feiten: 'Blauwe plekken gezien op maandag.', spoed: 'false' };
const datum = (d: DateTime) => d.setZone('Europe/Amsterdam').setLocale('nl').toFormat('cccc d MMMM yyyy');
const tekst = (w: Weergave) => JSON.stringify(kaartVoor(w).content);

/** The demo region with a closure day on Wednesday 4 March 2026, two days after the melding. */
const metSluitingsdag: RegioGids = vasteRegioGids(demoRegios.regios().map((r) => (r.id === 'vt-regio-demo' ? { ...r, sluitingsdagen: ['2026-03-04'] } : r)));

async function nieuweCasus(regios: RegioGids = demoRegios) {
  const { flow, service } = testFlow(testStores(), new TestKlok(), regios);
  const w = await flow.verwerk(annelies, 'start', { referentie: 'Gezin K., groep 5', werktMetVolwassenen: 'false', kenmerkBevestigd: 'false' });
  if (w.soort !== 'dossier') throw new Error(`geen dossier: ${w.soort}`);
  const id = w.dossier.id;
  const versie = async () => {
    const r = await service.open(annelies, id);
    if (!r.ok) throw new Error(r.fout.melding);
    return String(r.waarde.gebeurtenissen.length);
  };
  const stuur = async (verb: 'melding' | 'melding-formulier' | 'verslag' | 'casussen', data: Record<string, string> = {}) => flow.verwerk(annelies, verb, { dossierId: id, versie: await versie(), ...data });
  const dossier = async (): Promise<Dossier> => {
    const r = await service.open(annelies, id);
    if (!r.ok) throw new Error(r.fout.melding);
    return r.waarde;
  };
  return { stuur, dossier };
}

describe('the gemeente on the melding', () => {
  it("the melding form offers the dossier region's gemeenten, required and with nothing chosen", async () => {
    const { stuur } = await nieuweCasus();
    const kaart = kaartVoor(await stuur('melding-formulier'));
    const keuze = (kaart.content['body'] as Record<string, unknown>[]).find((b) => b['id'] === 'gemeente');
    expect(keuze).toMatchObject({
      type: 'Input.ChoiceSet',
      isRequired: true,
      value: '',
      choices: [
        { title: 'Demostad', value: 'Demostad' },
        { title: 'Demodorp', value: 'Demodorp' },
      ],
    });
  });

  it('records the chosen gemeente with the melding and shows it in the verslag', async () => {
    const { stuur, dossier } = await nieuweCasus();
    expect(tekst(await stuur('melding', { ...MELDING, gemeente: 'Demodorp' }))).toContain('Melding verstuurd naar Veilig Thuis Demoregio');
    expect(gemeenteVan(await dossier())).toBe('Demodorp');
    const verslag = await stuur('verslag');
    if (verslag.soort !== 'verslag') throw new Error(verslag.soort);
    const melding = verslag.inhoud.secties.find((s) => s.kop === 'Melding bij Veilig Thuis');
    expect(melding?.rijen).toContainEqual({ label: 'Gemeente', waarde: 'Demodorp' });
    expect(verslagAlsTekst(verslag.inhoud)).toMatch(/Gemeente: Demodorp/);
  });

  it.each([
    ['a gemeente of another region', 'Nijmegen', /Deze gemeente hoort niet bij de regio van Veilig Thuis Demoregio\. Kies uit de lijst de gemeente waar het gezin woont\./],
    ['a gemeente that does not exist', 'Gotham', /Deze gemeente hoort niet bij de regio van Veilig Thuis Demoregio/],
    ['no gemeente', '', /Kies de gemeente waar het gezin woont\./],
  ])('the server refuses %s next to the field, keeps what was typed and records nothing', async (_naam, gemeente, melding) => {
    const { stuur, dossier } = await nieuweCasus();
    const w = await stuur('melding', { ...MELDING, gemeente });
    expect(w).toMatchObject({ soort: 'dossier', scherm: 'melding', waarden: { feiten: MELDING.feiten, melderTelefoon: MELDING.melderTelefoon } });
    if (w.soort !== 'dossier') throw new Error(w.soort);
    expect(w.fouten?.['gemeente']).toMatch(melding);
    const kaart = tekst(w);
    expect(kaart).toContain('Blauwe plekken gezien op maandag.');
    expect(kaart).toMatch(/"id":"gemeente".*"text":"(Deze gemeente|Kies de gemeente)/);
    const d = await dossier();
    expect(d.meldcode.status).toBe('lopend');
    expect(d.veiligThuis).toBeUndefined();
  });
});

describe('one calendar per region: cards, deadlines and nudges show the same date', () => {
  it("a region with a closure day shows the same deadline on the card as the domain computes with that region's calendar", async () => {
    const kalender = metSluitingsdag.kalender('vt-regio-demo');
    const { stuur, dossier } = await nieuweCasus(metSluitingsdag);
    // On the form, before the melding: 5 werkdagen from today (Monday 2 March), over the closure day.
    expect(tekst(await stuur('melding-formulier'))).toContain('uiterlijk dinsdag 10 maart 2026 (binnen 5 werkdagen; bij spoed vandaag)');
    const status = tekst(await stuur('melding', { ...MELDING, gemeente: 'Demostad' }));
    const d = await dossier();
    const deadline = veiligheidsbeoordelingDeadline(vanIso(d.veiligThuis?.ontvangenOp ?? ''), false, kalender);
    expect(datum(deadline)).toBe('dinsdag 10 maart 2026');
    // The national calendar would say Monday 9 March: the card must not.
    expect(datum(veiligheidsbeoordelingDeadline(vanIso(d.veiligThuis?.ontvangenOp ?? ''), false))).toBe('maandag 9 maart 2026');
    expect(status).toContain(`uiterlijk ${datum(deadline)} (binnen 5 werkdagen) een veiligheidsbeoordeling`);
    expect(status).not.toContain('9 maart');
    // The next deadline on every card of the case, and in the list of cases.
    expect(openMijlpalen(d, kalender)[0]?.deadline.toISO()).toBe(deadline.toISO());
    expect(status).toContain(`Veiligheidsbeoordeling: uiterlijk ${datum(deadline)}`);
    expect(tekst(await stuur('casussen'))).toContain(`Veiligheidsbeoordeling: uiterlijk ${datum(deadline)}`);
    // Zicht op veiligheid moves to Veilig Thuis on the 6th werkdag of the same calendar.
    expect(status).toContain('Veilig Thuis Demoregio neemt dit uiterlijk woensdag 11 maart 2026 van u over');
    // The nudges count on the same calendar: Veilig Thuis is reminded at 09:00 on the werkdag
    // before the date on the card (Monday 9 March), not the Friday the national calendar would give.
    expect(volgendeHerinneringOp(d, standaardBeleid(kalender))?.toISO()).toBe('2026-03-09T09:00:00.000+01:00');
    expect(volgendeHerinneringOp(d, standaardBeleid())?.toISO()).toBe('2026-03-06T09:00:00.000+01:00');
  });
});
