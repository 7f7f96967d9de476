import { describe, expect, it } from 'vitest';
import { AdviesInvoer, GesprekInvoer, MeldingInvoer, SignalenInvoer, leesInvoer } from '../../src/app/kaartInvoer.js';

const signalen = { categorieen: 'anders', beschrijving: 'Blauwe plek gezien op maandag.', waargenomenDoor: 'Mentor' };

describe('leesInvoer', () => {
  it('does not mistake nine digits inside a dossier id for a BSN', () => {
    // 111222333 passes the elfproef; inside a UUID it is not something a person typed.
    const r = leesInvoer(SignalenInvoer, { ...signalen, dossierId: '3f2a9c1e-0b4d-4e6f-8a7b-111222333abc', verb: 'signalen' });
    expect(r.ok).toBe(true);
  });

  it.each([
    ['a BSN in the description', { ...signalen, beschrijving: 'Kind (BSN 111222333) had een blauwe plek.' }, 'beschrijving', /burgerservicenummer/],
    ['too short a description', { ...signalen, beschrijving: 'Kort' }, 'beschrijving', /minstens 10 tekens/],
    ['no category', { ...signalen, categorieen: '' }, 'categorieen', /minstens één soort signaal/],
    ['an unknown category', { ...signalen, categorieen: 'verzonnen' }, 'categorieen', /Kies uit de lijst/],
    ['a date that is no date', { ...signalen, waargenomenOp: '31-02-2026' }, 'waargenomenOp', /geldige datum/],
  ])('refuses %s on its own field, in Dutch', (_naam, data, veld, melding) => {
    const r = leesInvoer(SignalenInvoer, data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fouten[veld]).toMatch(melding);
  });

  it.each([
    ['an open melding not discussed with the family', { soort: 'open', besprokenMetGezin: 'false' }, 'besprokenMetGezin', /bespreekt u eerst met het gezin/],
    ['an anonymous melding without reason', { soort: 'anoniem-tov-gezin' }, 'redenAnoniem', /waarom de melding anoniem/],
    ['a phone number that is none', { soort: 'open', besprokenMetGezin: 'true', melderTelefoon: 'bel me' }, 'melderTelefoon', /geldig telefoonnummer/],
    ['no gemeente chosen', { soort: 'open', besprokenMetGezin: 'true', gemeente: '' }, 'gemeente', /Kies de gemeente waar het gezin woont/],
  ])('melding: refuses %s', (_naam, extra, veld, melding) => {
    const r = leesInvoer(MeldingInvoer, { melderNaam: 'A. de Boer', melderTelefoon: '0612345678', feiten: 'Blauwe plekken gezien.', spoed: 'false', gemeente: 'Nijmegen', ...extra });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fouten[veld]).toMatch(melding);
  });

  it('shows every error of a form at once, also those of cross-field rules', () => {
    // An anonymous melding without reason AND an invalid phone AND short facts: three messages in one answer.
    const r = leesInvoer(MeldingInvoer, { soort: 'anoniem-tov-gezin', melderNaam: 'A. de Boer', melderTelefoon: 'bel me', feiten: 'Kort', spoed: 'false', gemeente: 'Nijmegen' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fouten).sort()).toEqual(['feiten', 'melderTelefoon', 'redenAnoniem']);
    const g = leesInvoer(GesprekInvoer, { uitkomst: 'niet-gevoerd', toelichting: 'x'.repeat(2001) });
    expect(g.ok).toBe(false);
    if (!g.ok) expect(Object.keys(g.fouten).sort()).toEqual(['reden', 'toelichting']);
  });

  it('an advies records the adviesvrager\'s own contact details', () => {
    const r = leesInvoer(AdviesInvoer, { datum: '2026-03-02', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Ouders uitnodigen.', adviesvragerNaam: '', adviesvragerTelefoon: 'geen' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fouten).sort()).toEqual(['adviesvragerNaam', 'adviesvragerTelefoon']);
  });
});
