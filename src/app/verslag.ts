import { DateTime } from 'luxon';
import { AFWEGINGSVRAGEN, SIGNAAL_CATEGORIE_LABELS, ZONE, type Dossier } from '../domain/index.js';

export function lokaleTijd(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(ZONE).setLocale('nl').toFormat('d LLL yyyy HH:mm');
}

const jaNee = (b: boolean | undefined) => (b === undefined ? '-' : b ? 'ja' : 'nee');

/**
 * The dossierverslag as plain text, for pasting into the professional's own dossier system:
 * every recorded step, then the history with time and actor (vastleggen, meldcode stap 1-5).
 */
export function dossierverslag(d: Dossier): string {
  const m = d.meldcode;
  const regels: string[] = [
    `Dossierverslag meldcode huiselijk geweld en kindermishandeling`,
    `Casus: ${d.referentie}`,
    `Gestart: ${lokaleTijd(d.aangemaaktOp)} door ${d.eigenaar.naam}`,
    '',
  ];
  if (m.signalen) {
    regels.push('Stap 1: signalen in kaart brengen');
    regels.push(`  Soort: ${m.signalen.categorieen.map((c) => SIGNAAL_CATEGORIE_LABELS[c]).join(', ')}`);
    regels.push(`  Waargenomen door: ${m.signalen.waargenomenDoor}${m.signalen.waargenomenOp ? ` op ${m.signalen.waargenomenOp}` : ''}`);
    regels.push(`  Feiten: ${m.signalen.beschrijving}`);
  }
  if (m.kindcheck) {
    regels.push(`  Kindcheck: zorgt voor minderjarigen: ${jaNee(m.kindcheck.zorgtVoorMinderjarigen)}; gevolgen voor de kinderen: ${jaNee(m.kindcheck.gevolgenVoorKinderen)}`);
  }
  if (m.overleg) {
    regels.push('Stap 2: overleg');
    regels.push(`  Met: ${[...m.overleg.met, ...(m.overleg.adviesVeiligThuis ? ['Veilig Thuis (advies)'] : [])].join(', ')}`);
    regels.push(`  Uitkomst: ${m.overleg.uitkomst}`);
    regels.push(`  Voldoende signalen: ${jaNee(m.overleg.voldoendeSignalen)}`);
  }
  if (m.gesprek) {
    regels.push('Stap 3: gesprek met de cliënt');
    regels.push(m.gesprek.uitkomst === 'niet-gevoerd' ? `  Niet gevoerd; reden: ${m.gesprek.reden}` : `  ${m.gesprek.uitkomst === 'gevoerd' ? 'Gevoerd' : 'Zorgen weggenomen'}: ${m.gesprek.samenvatting}`);
  }
  const beantwoord = AFWEGINGSVRAGEN.filter((v) => m.antwoorden[v.veld] !== undefined);
  if (beantwoord.length > 0) {
    regels.push('Stap 4 en 5: afwegingskader');
    for (const v of beantwoord) regels.push(`  ${v.nummer}. ${v.vraag} ${jaNee(m.antwoorden[v.veld])}`);
  }
  if (m.beslissingen) {
    regels.push(`  Beslissing 1 (melden noodzakelijk): ${jaNee(m.beslissingen.meldenNoodzakelijk)}`);
    regels.push(`  Beslissing 2 (hulp bieden of organiseren mogelijk): ${jaNee(m.beslissingen.hulpMogelijk)}`);
    regels.push(`  ${m.beslissingen.reden}`);
  }
  for (const a of m.adviezen) {
    regels.push(`Advies Veilig Thuis (${a.datum}, ${a.adviseurVeiligThuis}): ${a.afspraken}${a.vervolgadviesOp ? ` Vervolgadvies: ${a.vervolgadviesOp}.` : ''}`);
  }
  if (m.melding) {
    regels.push(`Melding bij Veilig Thuis: ${m.melding.soort === 'open' ? 'open (besproken met het gezin)' : 'anoniem ten opzichte van het gezin'}${m.melding.spoed ? ', spoed' : ''}${m.gemeldOp ? `, ${lokaleTijd(m.gemeldOp)}` : ''}`);
    regels.push(`  Feiten: ${m.melding.feiten}`);
  }
  if (m.afsluiting) regels.push(`Afgesloten: ${lokaleTijd(m.afsluiting.op)}${m.afsluiting.toelichting ? ` (${m.afsluiting.toelichting})` : ''}`);
  regels.push('', 'Verloop');
  for (const g of d.gebeurtenissen) regels.push(`  ${lokaleTijd(g.op)}  ${g.door.naam}${g.door.namens ? ` namens ${g.door.namens}` : ''}: ${g.omschrijving}`);
  return regels.join('\n');
}
