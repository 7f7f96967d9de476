import { describe, expect, it } from 'vitest';
import type { Gebruiker } from '../../src/app/gebruikers.js';
import { weergaveVoor, zoekbereikVoor, type DossierWeergave, type Gesprek } from '../../src/app/toegang.js';
import type { Dossier } from '../../src/domain/index.js';
import { gemeld, nieuwDossier } from '../domain/fixtures.js';

const persoonlijk: Gesprek = { soort: 'persoonlijk' };
const kanaal: Gesprek = { soort: 'kanaal', teamId: 'team-1', kanaalId: 'kanaal-1' };
const groepschat: Gesprek = { soort: 'groepschat' };

// The fixtures' dossiers belong to aad-prof-1 of org-basisschool, in region vt-gelderland-zuid.
const eigenaar: Gebruiker = { id: 'aad-prof-1', naam: 'Juf Annelies', rol: 'professional', organisatieId: 'org-basisschool' };
const collega: Gebruiker = { id: 'aad-prof-2', naam: 'Bram', rol: 'professional', organisatieId: 'org-basisschool' };
const aandacht: Gebruiker = { id: 'aad-aandacht', naam: 'Peter', rol: 'aandachtsfunctionaris', organisatieId: 'org-basisschool' };
const vt: Gebruiker = { id: 'aad-vt', naam: 'Sanne', rol: 'vt-medewerker', organisatieId: 'org-vt', vtRegioId: 'vt-gelderland-zuid' };

describe('weergaveVoor: a case is shown only where it belongs', () => {
  it.each<[string, Gesprek, Gebruiker, () => Dossier, DossierWeergave]>([
    ['the owner in a personal chat', persoonlijk, eigenaar, () => nieuwDossier(), 'professional'],
    ['the owner in a team channel', kanaal, eigenaar, () => nieuwDossier(), 'geen'],
    ['the owner in a group chat', groepschat, eigenaar, () => nieuwDossier(), 'geen'],
    ['a colleague in a personal chat', persoonlijk, collega, () => nieuwDossier(), 'geen'],
    ['the aandachtsfunctionaris in a personal chat', persoonlijk, aandacht, () => nieuwDossier(), 'professional'],
    ['the aandachtsfunctionaris in a team channel', kanaal, aandacht, () => nieuwDossier(), 'geen'],
    ['Veilig Thuis before a melding', persoonlijk, vt, () => nieuwDossier(), 'geen'],
    ['Veilig Thuis after a melding, in a personal chat', persoonlijk, vt, () => gemeld(), 'professional'],
    ['Veilig Thuis after a melding, in a team channel', kanaal, vt, () => gemeld(), 'geen'],
    ['the owner of a melding in a group chat', groepschat, eigenaar, () => gemeld(), 'geen'],
  ])('%s', (_naam, gesprek, wie, dossier, verwacht) => {
    expect(weergaveVoor(gesprek, wie, dossier())).toBe(verwacht);
  });
});

describe('zoekbereikVoor: "Mijn casussen" is searched only in a personal chat', () => {
  it.each<[string, Gesprek, boolean]>([
    ['personal chat', persoonlijk, true],
    ['team channel', kanaal, false],
    ['group chat', groepschat, false],
  ])('%s', (_naam, gesprek, zoekt) => {
    expect(zoekbereikVoor(gesprek, eigenaar) !== null).toBe(zoekt);
  });
});
