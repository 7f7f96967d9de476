import { DateTime } from 'luxon';
import {
  pasMeldcodeToe,
  pasVeiligThuisToe,
  startDossier,
  type Actor,
  type Context,
  type Dossier,
  type MeldcodeCommando,
  type VtCommando,
  type Wijziging,
} from '../../src/domain/index.js';

export const professional: Actor = { id: 'aad-prof-1', naam: 'Juf Annelies', rol: 'professional' };
export const vtMedewerker: Actor = { id: 'aad-vt-1', naam: 'Sanne (Veilig Thuis)', rol: 'vt-medewerker' };
export const lokaalTeam: Actor = { id: 'aad-lt-1', naam: 'Wijkteam Noord', rol: 'lokaal-team' };

/** An Amsterdam wall-clock time, e.g. ams('2026-03-02 10:00'). */
export function ams(lokaal: string): DateTime {
  const d = DateTime.fromFormat(lokaal, lokaal.length > 10 ? 'yyyy-MM-dd HH:mm' : 'yyyy-MM-dd', { zone: 'Europe/Amsterdam' });
  if (!d.isValid) throw new Error(`Bad test time ${lokaal}`);
  return d;
}

export function ctx(op: DateTime | string, door: Actor = professional): Context {
  return { op: typeof op === 'string' ? ams(op) : op, door };
}

export function nieuwDossier(werktMetVolwassenen = false, op = '2026-03-02 09:30'): Dossier {
  const r = startDossier(
    { id: 'dossier-1', referentie: 'Gezin K., groep 5', organisatieId: 'org-basisschool', regioId: 'vt-gelderland-zuid', werktMetVolwassenen },
    ctx(op),
  );
  if (!r.ok) throw new Error(r.fout.melding);
  return r.waarde;
}

export function meldcode(d: Dossier, cmd: MeldcodeCommando, c: Context = ctx('2026-03-02 10:00')): Wijziging {
  const r = pasMeldcodeToe(d, cmd, c);
  if (!r.ok) throw new Error(`${cmd.soort}: ${r.fout.melding}`);
  return r.waarde;
}

export function vt(d: Dossier, cmd: VtCommando, c: Context = ctx('2026-03-02 10:00', vtMedewerker)): Wijziging {
  const r = pasVeiligThuisToe(d, cmd, c);
  if (!r.ok) throw new Error(`${cmd.soort}: ${r.fout.melding}`);
  return r.waarde;
}

export const signalen: MeldcodeCommando = {
  soort: 'signalen',
  signalen: {
    categorieen: ['lichamelijke-mishandeling'],
    beschrijving: 'Blauwe plek op de bovenarm gezien op maandagochtend; kind zei "gestoten".',
    waargenomenDoor: 'Groepsleerkracht',
  },
};
/** An early exit is confirmed with a reason, as the card asks for it. */
const bevestigd = { afsluitToelichting: 'Besproken met de aandachtsfunctionaris.' };

export const overleg = (voldoendeSignalen = true): MeldcodeCommando => ({
  soort: 'overleg',
  overleg: { met: ['aandachtsfunctionaris'], adviesVeiligThuis: false, uitkomst: 'Signalen besproken.', voldoendeSignalen },
  ...(voldoendeSignalen ? {} : bevestigd),
});
export const gesprekGevoerd: MeldcodeCommando = { soort: 'gesprek', gesprek: { uitkomst: 'gevoerd', samenvatting: 'Met moeder gesproken.' } };
/**
 * An answer as the card sends it: question 2 = ja says which unsafety (structural unless given),
 * questions 3-5 carry with whom at Veilig Thuis (used only where the protocol asks for it), and
 * question 1 = nee comes with its confirmed reason.
 */
export const vraag = (v: 1 | 2 | 3 | 4 | 5, antwoord: boolean, onveiligheid: 'acuut' | 'structureel' | 'beide' = 'structureel'): MeldcodeCommando => ({
  soort: 'afweging',
  vraag: v,
  antwoord,
  ...(v === 2 && antwoord ? { onveiligheid } : {}),
  ...(v >= 3 ? { samenMet: { met: 'M. Jansen (Veilig Thuis)', op: '2026-03-02' } } : {}),
  ...(v === 1 && !antwoord ? bevestigd : {}),
});

/** Walks steps 1-3 so the dossier stands at step 4 (wegen). */
export function totStap4(d = nieuwDossier()): Dossier {
  return [signalen, overleg(), gesprekGevoerd].reduce((acc, cmd) => meldcode(acc, cmd).dossier, d);
}

export const melder = { naam: 'Annelies de Boer', telefoon: '06 12345678' };

/** A dossier with a melding received by Veilig Thuis at `op`. */
export function gemeld(op = '2026-03-02 10:00', spoed = false): Dossier {
  let d = totStap4();
  d = meldcode(d, vraag(1, true)).dossier;
  d = meldcode(d, vraag(2, true)).dossier;
  return meldcode(d, { soort: 'melding', melding: { soort: 'open', besprokenMetGezin: true, melder, feiten: 'Blauwe plekken.', spoed } }, ctx(op)).dossier;
}

export const wijkteam = { soort: 'lokaal-team' as const, naam: 'Wijkteam Noord', teamId: 'team-noord' };
export const taxatie = { acuutOnveilig: false, structureelOnveilig: true, multiproblematiek: false };

/** A dossier handed over to the lokaal team directly after the veiligheidsbeoordeling at `op`. */
export function aangeboden(op = '2026-03-02 10:00', monitoring = false): Dossier {
  return vt(gemeld('2026-02-26 10:00'), { soort: 'veiligheidsbeoordeling', taxatie, besluit: 'overdracht', risicofactoren: [], partij: wijkteam, monitoring }, ctx(op, vtMedewerker)).dossier;
}

/** Zuid-Holland Zuid's region rule as the domain receives it (seed 002): the lokaal team monitors after V&V and a direct overdracht. */
export const zuidHollandZuid = { monitoringRegel: { 'na-veiligheidsbeoordeling': 'lokaal-team', 'na-onderzoek': 'veilig-thuis', 'na-voorwaarden-en-vervolg': 'lokaal-team' } } as const;

/** Overdracht agreements: each kind of plan maker once, and what happens when safety does not recover. */
export const afspraken = {
  veiligheidsplan: { door: 'overdrachtspartij' },
  hulpverleningsplan: { door: 'veilig-thuis' },
  herstelplan: { door: 'anders', naam: 'GGZ Rivierenland' },
  alsVeiligheidNietHerstelt: 'Terug naar Veilig Thuis; verzoek tot onderzoek bij de Raad.',
} as const;
