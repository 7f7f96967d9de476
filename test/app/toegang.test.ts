import { describe, expect, it } from 'vitest';
import type { Gebruiker } from '../../src/app/gebruikers.js';
import { weergaveVoor, zoekbereikVoor, type DossierWeergave, type Gesprek } from '../../src/app/toegang.js';
import type { Dossier } from '../../src/domain/index.js';
import { aangeboden, gemeld, nieuwDossier } from '../domain/fixtures.js';

const persoonlijk: Gesprek = { soort: 'persoonlijk' };
const kanaal: Gesprek = { soort: 'kanaal', teamId: 'team-1', kanaalId: 'kanaal-1' };
const groepschat: Gesprek = { soort: 'groepschat' };

// The fixtures' dossiers belong to aad-prof-1 of org-basisschool, in region vt-gelderland-zuid.
const eigenaar: Gebruiker = { id: 'aad-prof-1', naam: 'Juf Annelies', rol: 'professional', organisatieId: 'org-basisschool' };
const collega: Gebruiker = { id: 'aad-prof-2', naam: 'Bram', rol: 'professional', organisatieId: 'org-basisschool' };
const aandacht: Gebruiker = { id: 'aad-aandacht', naam: 'Peter', rol: 'aandachtsfunctionaris', organisatieId: 'org-basisschool' };
const vt: Gebruiker = { id: 'aad-vt', naam: 'Sanne', rol: 'vt-medewerker', organisatieId: 'org-vt', vtRegioId: 'vt-gelderland-zuid' };
// The fixtures hand over to the lokaal team 'team-noord'.
const coordinator: Gebruiker = { id: 'aad-coord', naam: 'Mo', rol: 'coordinator', organisatieId: 'gemeente', lokaalTeamId: 'team-noord' };
const andereCoordinator: Gebruiker = { ...coordinator, id: 'aad-coord-2', lokaalTeamId: 'team-zuid' };

describe('weergaveVoor: a case is shown only where it belongs', () => {
  it.each<[string, Gesprek, Gebruiker, () => Dossier, DossierWeergave]>([
    ['the owner in a personal chat', persoonlijk, eigenaar, () => nieuwDossier(), 'professional'],
    ['the owner in a team channel', kanaal, eigenaar, () => nieuwDossier(), 'geen'],
    ['the owner in a group chat', groepschat, eigenaar, () => nieuwDossier(), 'geen'],
    ['a colleague in a personal chat', persoonlijk, collega, () => nieuwDossier(), 'geen'],
    ['the aandachtsfunctionaris in a personal chat', persoonlijk, aandacht, () => nieuwDossier(), 'professional'],
    ['the aandachtsfunctionaris in a team channel', kanaal, aandacht, () => nieuwDossier(), 'geen'],
    ['Veilig Thuis before a melding', persoonlijk, vt, () => nieuwDossier(), 'geen'],
    ['Veilig Thuis after a melding, in a personal chat: not the professional\'s view', persoonlijk, vt, () => gemeld(), 'geen'],
    ['Veilig Thuis after a melding, in a team channel', kanaal, vt, () => gemeld(), 'geen'],
    ['the owner of a melding in a group chat', groepschat, eigenaar, () => gemeld(), 'geen'],
    ['the coordinator of the team it was handed over to, in a personal chat', persoonlijk, coordinator, () => aangeboden(), 'coordinator'],
    ['that coordinator before any overdracht', persoonlijk, coordinator, () => gemeld(), 'geen'],
    ['the coordinator of another team', persoonlijk, andereCoordinator, () => aangeboden(), 'geen'],
    ['the coordinator in a team channel without a binding', kanaal, coordinator, () => aangeboden(), 'geen'],
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

describe('weergaveVoor in a bound channel: only the party the channel is bound to, only for members of its team', () => {
  // gemeld() went to Veilig Thuis vt-gelderland-zuid; aangeboden() was then handed over to its team-noord.
  const vtKanaal = (regioId: string, teamLid = true): Gesprek => ({ ...kanaal, koppeling: { soort: 'veilig-thuis', regioId }, teamLid });
  const teamKanaal = (teamKey: string, regioId = 'vt-gelderland-zuid', teamLid = true): Gesprek => ({ ...kanaal, koppeling: { soort: 'lokaal-team', regioId, teamKey }, teamLid });
  const vtLid: Gebruiker = { id: 'aad-vt-lid', naam: 'Sanne (Veilig Thuis)', rol: 'vt-medewerker', organisatieId: 'vt', vtRegioId: 'vt-gelderland-zuid' };
  const ltLid: Gebruiker = { id: 'aad-lt-lid', naam: 'Joost (wijkteam)', rol: 'lokaal-team', organisatieId: 'gemeente', lokaalTeamId: 'team-noord' };
  const professional: Gebruiker = { id: 'aad-lid', naam: 'Lid van het team', rol: 'professional', organisatieId: 'org-elders' };

  it.each<[string, Gesprek, Gebruiker, () => Dossier, DossierWeergave]>([
    ['the VT channel of region X sees a melding at region X', vtKanaal('vt-gelderland-zuid'), vtLid, () => gemeld(), 'veilig-thuis'],
    ['the VT channel of region X still sees it after the overdracht', vtKanaal('vt-gelderland-zuid'), vtLid, () => aangeboden(), 'veilig-thuis'],
    ['the VT channel of region Y sees nothing of a melding at region X', vtKanaal('vt-zaanstreek-waterland'), vtLid, () => gemeld(), 'geen'],
    ['the VT channel of region X sees no advies-only case (nothing was reported)', vtKanaal('vt-gelderland-zuid'), vtLid, () => nieuwDossier(), 'geen'],
    ['the VT channel, for someone not in the bound team', vtKanaal('vt-gelderland-zuid', false), vtLid, () => gemeld(), 'geen'],
    ['the lokaal team channel sees the case handed over to it', teamKanaal('team-noord'), ltLid, () => aangeboden(), 'lokaal-team'],
    ['the lokaal team channel sees nothing before the overdracht', teamKanaal('team-noord'), ltLid, () => gemeld(), 'geen'],
    ['another lokaal team channel sees nothing of it', teamKanaal('team-zuid'), ltLid, () => aangeboden(), 'geen'],
    ['a team with the same key in another region sees nothing of it', teamKanaal('team-noord', 'vt-zaanstreek-waterland'), ltLid, () => aangeboden(), 'geen'],
    ['the lokaal team channel, for someone not in the bound team', teamKanaal('team-noord', 'vt-gelderland-zuid', false), ltLid, () => aangeboden(), 'geen'],
    ['an unbound channel, for a member of the team', { ...kanaal, teamLid: true }, vtLid, () => aangeboden(), 'geen'],
    // One Teams team can hold channels of several parties: the roster alone never shows a party's card.
    ['the VT channel, for a lokaal team member of the same Teams team: nothing (the melder, the facts)', vtKanaal('vt-gelderland-zuid'), ltLid, () => aangeboden(), 'geen'],
    ['the VT channel, for a professional in the same Teams team: nothing', vtKanaal('vt-gelderland-zuid'), professional, () => gemeld(), 'geen'],
    ['the lokaal team channel, for a Veilig Thuis member of the same Teams team: nothing', teamKanaal('team-noord'), vtLid, () => aangeboden(), 'geen'],
    ['a VT member of another region in this region\'s VT channel: nothing', vtKanaal('vt-gelderland-zuid'), { ...vtLid, vtRegioId: 'vt-zaanstreek-waterland' }, () => gemeld(), 'geen'],
  ])('%s', (_naam, gesprek, wie, dossier, verwacht) => {
    expect(weergaveVoor(gesprek, wie, dossier())).toBe(verwacht);
  });

  it('a binding does not open a channel to a list of cases', () => {
    expect(zoekbereikVoor(vtKanaal('vt-gelderland-zuid'), vt)).toBeNull();
  });
});
