import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  WerkdagKalender,
  addWerkdagen,
  contactGezinDeadline,
  isWerkdag,
  landelijkeKalender,
  monitoringMoment,
  veiligheidsbeoordelingDeadline,
  vervolgDeadline,
} from '../../src/domain/index.js';
import { ams } from './fixtures.js';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const dag = (d: DateTime) => d.setZone('Europe/Amsterdam').toFormat('yyyy-MM-dd HH:mm');

describe('isWerkdag: Algemene termijnenwet art. 3 and Goede Vrijdag', () => {
  it.each([
    ['Nieuwjaarsdag 2026 (do)', '2026-01-01', false],
    ['2 januari 2026 (vr)', '2026-01-02', true],
    ['Goede Vrijdag 2026', '2026-04-03', false],
    ['Eerste Paasdag 2026 (zo)', '2026-04-05', false],
    ['Tweede Paasdag 2026', '2026-04-06', false],
    ['dinsdag na Pasen 2026', '2026-04-07', true],
    ['Koningsdag 2026 (ma 27 april)', '2026-04-27', false],
    ['Koningsdag 2025 valt op zaterdag 26 april (27e is zondag)', '2025-04-26', false],
    ['maandag 28 april 2025 is gewoon een werkdag', '2025-04-28', true],
    ['5 mei 2026 (di), ook buiten lustrumjaren', '2026-05-05', false],
    ['5 mei 2027 (wo)', '2027-05-05', false],
    ['4 mei 2026 (Dodenherdenking) is een werkdag', '2026-05-04', true],
    ['Hemelvaartsdag 2026', '2026-05-14', false],
    ['vrijdag na Hemelvaart 2026', '2026-05-15', true],
    ['Tweede Pinksterdag 2026', '2026-05-25', false],
    ['Eerste Kerstdag 2025 (do)', '2025-12-25', false],
    ['Tweede Kerstdag 2025 (vr)', '2025-12-26', false],
    ['Oudejaarsdag 2025 (wo) is een werkdag', '2025-12-31', true],
    ['zaterdag', '2026-03-07', false],
    ['zondag', '2026-03-08', false],
    ['gewone maandag', '2026-03-09', true],
  ])('%s', (_naam, datum, verwacht) => {
    expect(isWerkdag(ams(datum))).toBe(verwacht);
  });

  it.each([
    ['vrijdag 23:30 UTC is zaterdag in Amsterdam', '2026-01-09T23:30:00Z', false],
    ['zondag 23:30 UTC is maandag in Amsterdam (zomertijd)', '2026-05-31T22:30:00Z', true],
    ['woensdag 23:15 UTC voor Hemelvaart is al Hemelvaartsdag', '2026-05-13T22:15:00Z', false],
  ])('uses the Amsterdam calendar day: %s', (_naam, iso, verwacht) => {
    expect(isWerkdag(utc(iso))).toBe(verwacht);
  });

  it('honours regional closure days without touching the national calendar', () => {
    const regio = new WerkdagKalender({ sluitingsdagen: ['2026-12-24'] });
    expect(regio.isWerkdag(ams('2026-12-24'))).toBe(false);
    expect(landelijkeKalender.isWerkdag(ams('2026-12-24'))).toBe(true);
  });

  it('refuses a malformed closure day with a clear message', () => {
    expect(() => new WerkdagKalender({ sluitingsdagen: ['24-12-2026'] })).toThrow(/geen geldige datum/);
  });

  it("keeps a region's own office hours; 9-17 when it names none", () => {
    const regio = new WerkdagKalender({ kantoortijden: { beginUur: 8, eindUur: 16 } });
    expect(regio.isKantoortijd(ams('2026-03-02 08:15'))).toBe(true);
    expect(landelijkeKalender.isKantoortijd(ams('2026-03-02 08:15'))).toBe(false);
    expect(regio.volgendKantoormoment(ams('2026-03-02 16:00')).toISO()).toBe('2026-03-03T08:00:00.000+01:00');
  });

  it.each([
    ['ending before they begin', { beginUur: 17, eindUur: 9 }],
    ['starting in the DST gap', { beginUur: 2, eindUur: 17 }],
    ['in half hours', { beginUur: 8.5, eindUur: 17 }],
  ])('refuses office hours %s', (_naam, kantoortijden) => {
    expect(() => new WerkdagKalender({ kantoortijden })).toThrow(/Kantoortijden .* zijn ongeldig/);
  });
});

describe('addWerkdagen: start of the n-th werkdag after the Amsterdam day', () => {
  it.each([
    ['gewone week', '2026-03-02 15:00', 1, '2026-03-03 00:00'],
    ['over het weekend', '2026-03-06 10:00', 1, '2026-03-09 00:00'],
    ['Kerst 2025', '2025-12-24 10:00', 1, '2025-12-29 00:00'],
    ['Oud en Nieuw', '2025-12-31 16:00', 1, '2026-01-02 00:00'],
    ['5 werkdagen over Kerst', '2025-12-22 10:00', 5, '2025-12-31 00:00'],
    ['Goede Vrijdag en Pasen', '2026-04-02 15:00', 1, '2026-04-07 00:00'],
    ['Koningsdag en 5 mei', '2026-04-24 12:00', 5, '2026-05-04 00:00'],
    ['Hemelvaart', '2026-05-13 12:00', 5, '2026-05-21 00:00'],
    ['Pinksteren', '2026-05-22 12:00', 1, '2026-05-26 00:00'],
    ['zomertijd in (29 maart 2026)', '2026-03-27 16:00', 1, '2026-03-30 00:00'],
    ['wintertijd in (25 oktober 2026)', '2026-10-23 16:00', 1, '2026-10-26 00:00'],
    ['vanaf een zaterdag', '2026-03-07 12:00', 1, '2026-03-09 00:00'],
    ['n = 0 is het begin van de eigen dag', '2026-03-04 13:00', 0, '2026-03-04 00:00'],
  ])('%s', (_naam, van, n, verwacht) => {
    expect(dag(addWerkdagen(ams(van), n))).toBe(verwacht);
  });

  it('counts from the Amsterdam day, not the UTC day', () => {
    // Friday 23:30 UTC is Saturday 00:30 in Amsterdam: the next werkdag after Saturday is Monday.
    expect(dag(addWerkdagen(utc('2026-01-09T23:30:00Z'), 1))).toBe('2026-01-12 00:00');
    // Thursday 22:30 UTC is still Thursday in winter (23:30 local): next werkdag is Friday.
    expect(dag(addWerkdagen(utc('2026-01-08T22:30:00Z'), 1))).toBe('2026-01-09 00:00');
  });

  it('returns local midnight with the right offset on both sides of a DST change', () => {
    expect(addWerkdagen(ams('2026-03-27 16:00'), 1).toUTC().toISO()).toBe('2026-03-29T22:00:00.000Z');
    expect(addWerkdagen(ams('2026-10-23 16:00'), 1).toUTC().toISO()).toBe('2026-10-25T23:00:00.000Z');
  });

  it.each([-1, 1.5, Number.NaN])('rejects n = %s', (n) => {
    expect(() => addWerkdagen(ams('2026-03-02'), n)).toThrow(RangeError);
  });
});

describe('termijnen', () => {
  it.each([
    ['gewone week', '2026-03-02 10:00', false, '2026-03-09 23:59'],
    ['over Kerst en Oud en Nieuw', '2025-12-22 10:00', false, '2025-12-31 23:59'],
    ['over Goede Vrijdag en Pasen', '2026-04-02 15:00', false, '2026-04-13 23:59'],
    ['over Koningsdag en 5 mei', '2026-04-24 12:00', false, '2026-05-04 23:59'],
    ['spoed: dezelfde dag', '2026-03-02 10:00', true, '2026-03-02 23:59'],
  ])('veiligheidsbeoordeling binnen 5 werkdagen: %s', (_naam, ontvangen, spoed, verwacht) => {
    expect(dag(veiligheidsbeoordelingDeadline(ams(ontvangen), spoed))).toBe(verwacht);
  });

  it('V&V and Onderzoek: 10 weeks (70 calendar days) after the veiligheidsbeoordeling', () => {
    expect(dag(vervolgDeadline(ams('2026-01-10 11:00')))).toBe('2026-03-21 23:59');
  });

  it.each([
    ['gewone week', '2026-03-02 10:00', '2026-03-09 23:59'],
    ['over de wintertijd', '2026-10-20 10:00', '2026-10-27 23:59'],
    ['over de zomertijd', '2026-03-25 10:00', '2026-04-01 23:59'],
  ])('contact met gezin binnen 1 week: %s', (_naam, ontvangen, verwacht) => {
    expect(dag(contactGezinDeadline(ams(ontvangen)))).toBe(verwacht);
  });

  it('keeps deadlines in UTC correct across the clock change', () => {
    expect(contactGezinDeadline(ams('2026-10-20 10:00')).toUTC().toISO()).toBe('2026-10-27T22:59:59.999Z');
  });

  it.each([
    ['31 aug + 3 maanden = 30 nov', '2025-08-31', 3, '2025-11-30'],
    ['31 aug + 12 maanden', '2025-08-31', 12, '2026-08-31'],
    ['30 nov + 3 maanden = 28 feb', '2025-11-30', 3, '2026-02-28'],
    ['30 nov + 3 maanden in schrikkeljaar = 29 feb', '2027-11-30', 3, '2028-02-29'],
    ['15 jan + 3 maanden', '2026-01-15', 3, '2026-04-15'],
  ])('monitoring, month-end safe: %s', (_naam, van, maanden, verwacht) => {
    expect(monitoringMoment(ams(van), maanden).toISODate()).toBe(verwacht);
  });
});

describe('volgendKantoormoment: werkdag 09:00-17:00 Amsterdam', () => {
  it.each([
    ['binnen kantoortijd: meteen', '2026-03-04 11:00', '2026-03-04 11:00'],
    ['voor 9 uur: om 9 uur', '2026-03-04 07:15', '2026-03-04 09:00'],
    ['om 17:00 is het te laat: volgende werkdag', '2026-03-04 17:00', '2026-03-05 09:00'],
    ['vrijdagavond: maandag', '2026-03-06 18:00', '2026-03-09 09:00'],
    ['voor Goede Vrijdag: dinsdag na Pasen', '2026-04-02 18:00', '2026-04-07 09:00'],
    ['zomertijdnacht', '2026-03-29 02:30', '2026-03-30 09:00'],
    ['wintertijdweekend', '2026-10-24 12:00', '2026-10-26 09:00'],
  ])('%s', (_naam, van, verwacht) => {
    expect(dag(landelijkeKalender.volgendKantoormoment(ams(van)))).toBe(verwacht);
  });
});
