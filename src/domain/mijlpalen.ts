import type { DateTime } from 'luxon';
import { uitkomstUiterlijk } from './escalatie.js';
import type { Dossier, EscalatieRoute } from './model.js';
import {
  contactGezinDeadline,
  eindVanDag,
  monitoringMoment,
  spoedBuitenKantoortijdDeadline,
  vanIso,
  veiligheidsbeoordelingDeadline,
  vervolgDeadline,
} from './tijd/termijnen.js';
import { landelijkeKalender, type WerkdagKalender } from './tijd/werkdagen.js';

export type Verantwoordelijke = 'professional' | 'veilig-thuis' | 'lokaal-team';

export interface Mijlpaal {
  /** Stable within a dossier; part of every reminder's idempotency key. */
  readonly id: string;
  readonly omschrijving: string;
  /** A short qualifier shown after the date, e.g. "spoed" or "binnen 5 werkdagen". */
  readonly toelichting?: string;
  readonly deadline: DateTime;
  /** When the term began, for ladders that count from it (see LadderTrede.vanaf). */
  readonly start?: DateTime;
  readonly verantwoordelijke: Verantwoordelijke;
}

/**
 * The milestones that are still open in a dossier, earliest first. Every case card shows the
 * first one with who must act; the reminder policy nudges on all of them.
 */
export function openMijlpalen(dossier: Dossier, kalender: WerkdagKalender = landelijkeKalender): Mijlpaal[] {
  const mijlpalen: Mijlpaal[] = [];
  const m = dossier.meldcode;
  const laatsteAdvies = m.adviezen.at(-1);
  if ((m.status === 'lopend' || m.status === 'zelf-hulp') && laatsteAdvies?.vervolgadviesOp) {
    mijlpalen.push({
      id: `vervolgadvies-${laatsteAdvies.vervolgadviesOp}`,
      omschrijving: 'Vervolgadvies bij Veilig Thuis',
      deadline: eindVanDag(laatsteAdvies.vervolgadviesOp),
      verantwoordelijke: 'professional',
    });
  }
  if (m.status === 'zelf-hulp' && m.vervolgAfweging5Op) {
    mijlpalen.push({
      id: `vervolg-afweging-5-${m.vervolgAfweging5Op}`,
      omschrijving: 'Afweging 5 opnieuw: leidt de hulp tot duurzame veiligheid?',
      deadline: eindVanDag(m.vervolgAfweging5Op),
      verantwoordelijke: 'professional',
    });
  }
  const vt = dossier.veiligThuis;
  if (vt === undefined || vt.fase === 'afgesloten') return sorteer(mijlpalen);

  if (vt.fase === 'melding-ontvangen') {
    const buiten = vt.spoedBuitenKantoortijd;
    mijlpalen.push({
      id: 'veiligheidsbeoordeling',
      omschrijving: 'Veiligheidsbeoordeling',
      toelichting: buiten
        ? `spoed buiten kantoortijd: ${buiten.crisisdienst ?? 'de crisisdienst van de regio'} handelt direct`
        : vt.spoed
          ? 'spoed'
          : 'binnen 5 werkdagen',
      deadline: buiten
        ? spoedBuitenKantoortijdDeadline(beoordelingVanaf(vt), kalender)
        : veiligheidsbeoordelingDeadline(beoordelingVanaf(vt), vt.spoed, kalender),
      verantwoordelijke: 'veilig-thuis',
    });
  }
  if (vt.fase === 'vervolg') {
    mijlpalen.push({
      id: 'vervolg-afronden',
      omschrijving: vt.vervolg.soort === 'onderzoek' ? 'Onderzoek afronden (binnen 10 weken)' : 'Voorwaarden & Vervolg afronden (binnen 10 weken)',
      deadline: vervolgDeadline(vanIso(vt.veiligheidsbeoordeling.op)),
      verantwoordelijke: 'veilig-thuis',
    });
  }
  if (vt.fase === 'overdracht-aangeboden') {
    const o = vt.overdracht;
    const deadline = contactGezinDeadline(vanIso(o.ontvangenOp), o.adviesTermijnDagen);
    // Only a lokaal team has the duty to confirm; any other party is confirmed by VT on its behalf.
    mijlpalen.push(
      o.partij.soort === 'lokaal-team'
        ? { id: 'overdracht-bevestigen', omschrijving: 'Overdracht bevestigen en regisseur benoemen', deadline, start: vanIso(o.ontvangenOp), verantwoordelijke: 'lokaal-team' }
        : { id: 'overdracht-bevestigen', omschrijving: `Overdracht aan ${o.partij.naam} bevestigen`, deadline, verantwoordelijke: 'veilig-thuis' },
    );
  }
  if (vt.fase === 'overgedragen') {
    const o = vt.overdracht;
    const besluit = o.beargumenteerdBesluit;
    // A beargumenteerd besluit moves the term; it gets its own id so its nudges start afresh.
    const termijn = besluit ? eindVanDag(besluit.oppakkenOp) : contactGezinDeadline(vanIso(o.ontvangenOp), o.adviesTermijnDagen);
    const achtervoegsel = besluit ? `-na-besluit-${besluit.oppakkenOp}` : '';
    if (o.partij.soort !== 'lokaal-team' || o.regie !== undefined) {
      // Contact and terugkoppeling are the lokaal team's duties only (seed 004 §8), and end when it hands the regie on.
    } else if (o.contactGezinOp === undefined) {
      mijlpalen.push({ id: `contact-gezin${achtervoegsel}`, omschrijving: 'Contact met het gezin', deadline: termijn, verantwoordelijke: 'lokaal-team' });
    } else if (o.terugkoppeling === undefined) {
      mijlpalen.push({ id: `terugkoppeling${achtervoegsel}`, omschrijving: 'Terugkoppeling aan Veilig Thuis', deadline: termijn, verantwoordelijke: 'lokaal-team' });
    }
    for (const moment of vt.monitoring.gepland ? vt.monitoring.momenten : []) {
      if (moment.uitgevoerdOp !== undefined) continue;
      mijlpalen.push({
        id: `monitoring-${moment.maandenNaOverdracht}`,
        omschrijving: `Monitoring na ${moment.maandenNaOverdracht} maanden`,
        deadline: monitoringMoment(vanIso(o.ontvangenOp), moment.maandenNaOverdracht),
        // Where the region gives the monitoring to the lokaal team, its channel is nudged (seed 002).
        verantwoordelijke: vt.monitoring.door ?? 'veilig-thuis',
      });
    }
  }
  vt.escalaties.forEach((e, i) => {
    // The holders of an open route are asked for its outcome; the timer never starts or advances a route.
    if (e.uitkomst !== undefined) return;
    mijlpalen.push({
      id: escalatieUitkomstMijlpaal(i, e.route),
      omschrijving: `Uitkomst route ${e.route} vastleggen`,
      toelichting: 'escalatie: I opgelost of II volgende route',
      deadline: uitkomstUiterlijk(e, kalender),
      start: vanIso(e.gestartOp),
      verantwoordelijke: 'veilig-thuis',
    });
  });
  return sorteer(mijlpalen);
}

/** Per escalation on the record (a dossier may escalate again after outcome I), so its nudges are its own. */
export function escalatieUitkomstMijlpaal(index: number, route: EscalatieRoute): string {
  return `escalatie-uitkomst-${index + 1}-route-${route}`;
}

/**
 * Where the veiligheidsbeoordeling's term counts from: receipt, or, when Veilig Thuis itself
 * judged a melding urgent later, that moment (a same-day term counted from receipt would already
 * have passed). Five werkdagen always count from receipt.
 */
export function beoordelingVanaf(vt: NonNullable<Dossier['veiligThuis']>): DateTime {
  return vanIso(vt.spoed && vt.spoedBesluit?.spoed === true ? vt.spoedBesluit.op : vt.ontvangenOp);
}

function sorteer(mijlpalen: Mijlpaal[]): Mijlpaal[] {
  return mijlpalen.sort((a, b) => a.deadline.toMillis() - b.deadline.toMillis());
}
