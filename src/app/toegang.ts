import type { Dossier } from '../domain/index.js';
import type { Zichtbaarheid } from '../store/ports.js';
import type { Gebruiker } from './gebruikers.js';

/**
 * Access by role and organisation (DOMAIN.md §8): a professional sees their own cases, the
 * aandachtsfunctionaris those of their organisation, a lokaal team those handed over to it,
 * Veilig Thuis those reported to it.
 */
export function magZien(g: Gebruiker, d: Dossier): boolean {
  switch (g.rol) {
    case 'professional':
      return d.eigenaar.id === g.id;
    case 'aandachtsfunctionaris':
      return d.organisatieId === g.organisatieId || d.eigenaar.id === g.id;
    case 'lokaal-team':
    case 'coordinator':
      return g.lokaalTeamId !== undefined && d.veiligThuis?.overdracht?.partij.teamId === g.lokaalTeamId;
    case 'vt-medewerker':
    case 'vt-teamleider':
      return g.vtRegioId !== undefined && d.veiligThuis?.regioId === g.vtRegioId;
    case 'beleidsmedewerker':
      return false;
  }
}

/** Only the owner walks the meldcode steps: the professional who does them records them. */
export function magMeldcodeWijzigen(g: Gebruiker, d: Dossier): boolean {
  return d.eigenaar.id === g.id;
}

export function zichtbaarheidVoor(g: Gebruiker): Zichtbaarheid | null {
  switch (g.rol) {
    case 'professional':
      return { soort: 'eigen', gebruikerId: g.id };
    case 'aandachtsfunctionaris':
      return { soort: 'organisatie', organisatieId: g.organisatieId };
    case 'lokaal-team':
    case 'coordinator':
      return g.lokaalTeamId ? { soort: 'lokaal-team', teamId: g.lokaalTeamId } : null;
    case 'vt-medewerker':
    case 'vt-teamleider':
      return g.vtRegioId ? { soort: 'vt-regio', regioId: g.vtRegioId } : null;
    case 'beleidsmedewerker':
      return null;
  }
}
