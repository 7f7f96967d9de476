import type { Dossier, VtCommando } from '../domain/index.js';
import type { DossierWeergave } from './toegang.js';

/**
 * Who gives which step of the Veilig Thuis chain (seed 004): Veilig Thuis in its bound channel
 * decides and closes; the lokaal team in its bound channel confirms, makes contact, reports back
 * hands the case back or hands the regie on. A view is recomputed on the server for every request (weergaveVoor), so
 * card data never grants a step.
 */
export const KETENSTAPPEN: Readonly<Record<'veilig-thuis' | 'lokaal-team', readonly VtCommando['soort'][]>> = {
  'veilig-thuis': ['veiligheidsbeoordeling', 'spoed-besluit', 'wissel-naar-onderzoek', 'rond-vervolg-af', 'monitoring', 'start-escalatie', 'rond-escalatie-af', 'sluit-af'],
  'lokaal-team': ['bevestig-overdracht', 'contact-gezin', 'terugkoppeling', 'beargumenteerd-besluit', 'terug-naar-vt', 'draag-regie-over', 'monitoring'],
};

export function magKetenstap(weergave: DossierWeergave, soort: VtCommando['soort'], d: Dossier): boolean {
  // An overdracht to anyone but a lokaal team is confirmed by Veilig Thuis on that party's behalf.
  const namens = weergave === 'veilig-thuis' && soort === 'bevestig-overdracht' && d.veiligThuis?.overdracht?.partij.soort !== 'lokaal-team';
  // Only the party that monitors records a monitoring moment (absent in older records: Veilig Thuis).
  if (soort === 'monitoring' && weergave !== (d.veiligThuis?.monitoring?.door ?? 'veilig-thuis')) return false;
  return namens || ((weergave === 'veilig-thuis' || weergave === 'lokaal-team') && KETENSTAPPEN[weergave].includes(soort));
}
