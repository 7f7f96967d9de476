import type { DateTime } from 'luxon';
import type { Afhandeling, Bericht, Bezorgweergave, TermijnAfgehandeldWeergave, TermijnWeergave } from '../app/bezorging.js';
import { ESCALATIE_ROUTE_LABELS, ZONE, lopendeEscalatie, mijlpaalSoort, signaleringTekst, vanIso, type Niveau, type Publiek } from '../domain/index.js';
import { ADAPTIVE_CARD, LEEG_KADER, bouw, datum, type KaartBijlage } from './kaarten.js';
import { zonderMarkdown } from './markdown.js';
import termijn from './termijn.json' with { type: 'json' };
import termijnOverzicht from './termijnOverzicht.json' with { type: 'json' };
import termijnAfgehandeld from './termijnAfgehandeld.json' with { type: 'json' };

/**
 * Nudge cards: a deadline of one case, for the person or channel that must act, with the actions
 * that resolve it. Never bare text, never a dead end: every card opens the case.
 */

const WIE: Readonly<Record<Publiek, string>> = {
  professional: 'u (de professional)',
  'vt-medewerker': 'Veilig Thuis',
  'vt-teamleider': 'Veilig Thuis',
  'lokaal-team-kanaal': 'het lokale team',
  coordinator: 'het lokale team',
  'escalatie-route': 'wie de escalatieroute houdt',
};

const isAfweging5 = (w: TermijnWeergave) => w.mijlpaal.id.startsWith('vervolg-afweging-5');
const isVerlopen = (n: Niveau) => n === 'verlopen' || n === 'escalatie-voorstel';
/** Route a brings Veilig Thuis and the lokaal team together: offered when the lokaal team's term expired. */
const biedtEscalatie = (w: TermijnWeergave) => isVerlopen(w.niveau) && w.mijlpaal.verantwoordelijke === 'lokaal-team' && !isAfweging5(w);

/** The open route whose outcome this nudge asks for (the milestone is open only while the route is). */
function uitkomstRoute(w: TermijnWeergave) {
  return mijlpaalSoort(w.mijlpaal.id) === 'escalatie-uitkomst' && w.dossier.veiligThuis !== undefined ? lopendeEscalatie(w.dossier.veiligThuis) : undefined;
}

function uitkomstVraag(e: NonNullable<ReturnType<typeof uitkomstRoute>>, w: TermijnWeergave): string {
  const volgende = e.route === 'a' ? 'route b (ambtelijk)' : e.route === 'b' ? 'route c (bestuurlijk)' : 'het bestuur, zonder verdere route';
  const signaal = e.signalering ? ` Let op: ${signaleringTekst(e.signalering)}.` : '';
  return `Escalatie ${ESCALATIE_ROUTE_LABELS[e.route]} loopt sinds ${datum(vanIso(e.gestartOp))}. Leg de uitkomst vast, uiterlijk ${datum(w.mijlpaal.deadline)}: I opgelost (de escalatie stopt) of II niet opgelost (verder naar ${volgende}). Dat besluit neemt u; meldroute start nooit zelf een volgende route.${signaal}`;
}

function vraag(w: TermijnWeergave): string {
  const wat = zonderMarkdown(w.mijlpaal.omschrijving);
  const route = uitkomstRoute(w);
  if (route !== undefined) return uitkomstVraag(route, w);
  if (isAfweging5(w)) return 'U koos ervoor zelf hulp te bieden. Het is tijd voor afweging 5 opnieuw: leidt de hulp tot duurzame veiligheid? Bij nee gaat u direct verder met de melding bij Veilig Thuis.';
  if (!isVerlopen(w.niveau)) return `${wat}: uiterlijk ${datum(w.mijlpaal.deadline)}. Legt u het vast in de casus zodra het gedaan is.`;
  const door = w.publiek === 'coordinator' ? 'Als coördinator van het lokale team' : 'Als teamleider van Veilig Thuis';
  const escalatie = biedtEscalatie(w) ? ' Escaleren is een besluit: kies route a als overleg tussen Veilig Thuis en het lokale team nodig is.' : '';
  return `De termijn voor "${wat}" is verlopen op ${datum(w.mijlpaal.deadline)}. ${door} kunt u nagaan wat er nodig is.${escalatie}`;
}

function waarom(w: TermijnWeergave): string {
  if (isAfweging5(w)) return 'Meldcode, afweging 5: blijf toetsen of de hulp tot duurzame veiligheid leidt.';
  if (uitkomstRoute(w) !== undefined) return 'Escalatie volgens de samenwerkingsafspraken met Veilig Thuis: elke route eindigt met uitkomst I of II. Deze herinnering verdwijnt vanzelf zodra de uitkomst is vastgelegd.';
  return w.mijlpaal.verantwoordelijke === 'veilig-thuis'
    ? 'Termijnen uit het handelingsprotocol van Veilig Thuis. Deze herinnering verdwijnt vanzelf zodra de stap is vastgelegd.'
    : 'Termijnen uit de samenwerkingsafspraken met Veilig Thuis. Deze herinnering verdwijnt vanzelf zodra de stap is vastgelegd.';
}

export function termijnKaart(w: TermijnWeergave, vermeldingen: Bericht['vermeldingen'] = []): KaartBijlage {
  const route = uitkomstRoute(w);
  const kop = isAfweging5(w)
    ? 'Afweging 5 opnieuw'
    : isVerlopen(w.niveau)
      ? `Termijn verlopen · ${w.mijlpaal.omschrijving}`
      : // The same card tells a route's holders it started and, at its term, that the outcome is due.
        `${route !== undefined ? 'Escalatie' : 'Herinnering'} · ${w.mijlpaal.omschrijving}`;
  const kaart = bouw(
    termijn,
    {
      ...LEEG_KADER,
      kop: zonderMarkdown(kop),
      titel: zonderMarkdown(w.dossier.referentie),
      dossierId: w.dossier.id,
      feiten: [
        { titel: 'Termijn', waarde: `${datum(w.mijlpaal.deadline)}${w.mijlpaal.toelichting ? ` (${w.mijlpaal.toelichting})` : ''}` },
        { titel: 'Aan zet', waarde: route ? ESCALATIE_ROUTE_LABELS[route.route] : WIE[w.publiek] },
      ],
      meldingStijl: isVerlopen(w.niveau) ? 'warning' : 'default',
    },
    {
      vraag: vraag(w),
      waarom: waarom(w),
      vermelding: vermeldingen.length > 0 ? `${vermeldingen.map((v) => `<at>${zonderMarkdown(v.naam)}</at>`).join(', ')}: deze termijn vraagt uw aandacht.` : '',
      afweging5: isAfweging5(w),
      escaleren: biedtEscalatie(w),
      escalatieMet: w.escalatieMet,
      // Routes b and c are held outside the case's own parties (gemeente, bestuur): they record the outcome, they do not open the dossier.
      openen: route === undefined || route.route === 'a',
      uitkomstVragen: route !== undefined,
      route: route?.route ?? '',
      uitkomstIITitel: route?.route === 'c' ? 'II: niet opgelost' : 'II: niet opgelost, volgende route',
      mijlpaalId: w.mijlpaal.id,
      niveau: w.niveau,
    },
    w.dossier,
  );
  // Refreshed on the server whenever someone looks at it, so a met deadline shows "afgehandeld" even before its update arrives.
  const vernieuw = { action: { type: 'Action.Execute', verb: 'termijn-vernieuw', title: 'Vernieuwen', data: { dossierId: w.dossier.id, mijlpaal: w.mijlpaal.id, niveau: w.niveau, publiek: w.publiek } } };
  if (vermeldingen.length === 0) return { contentType: ADAPTIVE_CARD, content: { ...kaart.content, refresh: vernieuw } };
  const entities = vermeldingen.map((v) => ({ type: 'mention', text: `<at>${zonderMarkdown(v.naam)}</at>`, mentioned: { id: v.id, name: v.naam } }));
  return { contentType: ADAPTIVE_CARD, content: { ...kaart.content, refresh: vernieuw, msteams: { entities } } };
}

/** One card for a channel with many nudges at one office moment (Teams: 1 800 messages an hour per conversation). */
export function termijnOverzichtKaart(w: Extract<Bezorgweergave, { soort: 'termijn-overzicht' }>): KaartBijlage {
  const open = w.items.filter((i) => !('afgehandeld' in i)).length;
  return bouw(
    termijnOverzicht,
    { ...LEEG_KADER, kop: 'Termijnen · overzicht', titel: open === 0 ? 'Alle termijnen afgehandeld' : `${open} casussen vragen aandacht` },
    {
      inleiding: 'Voor deze casussen nadert of verstreek een termijn. Open een casus om de stap vast te leggen; een vastgelegde stap verdwijnt vanzelf uit de herinneringen.',
      casussen: w.items.map((i) => ({
        dossierId: i.dossier.id,
        referentie: zonderMarkdown(i.dossier.referentie),
        // A met deadline keeps its line, without a button: the team sees it was done, and by whom.
        ...('afgehandeld' in i
          ? { wat: afgehandeldTekst(i.afgehandeld), knoppen: false }
          : { wat: `${zonderMarkdown(i.mijlpaal.omschrijving)}: ${isVerlopen(i.niveau) ? 'verlopen op' : 'uiterlijk'} ${datum(i.mijlpaal.deadline)}`, knoppen: true }),
      })),
    },
  );
}

const datumTijd = (d: DateTime) => d.setZone(ZONE).setLocale('nl').toFormat("cccc d MMMM yyyy 'om' HH:mm");

/**
 * A term can end without being met: moved by a beargumenteerd besluit, or fallen away with the
 * case (handed back, regie on, closed). The card says which, so nobody reads "gehaald" for it.
 */
const ANDERS_GEEINDIGD: Readonly<Partial<Record<string, { kop: string; tekst: string }>>> = {
  'beargumenteerd-besluit': { kop: 'Verplaatst', tekst: 'Verplaatst met een beargumenteerd besluit (nieuwe termijn op de casus)' },
  'terug-naar-vt': { kop: 'Vervallen', tekst: 'Vervallen: de casus is teruggelegd bij Veilig Thuis' },
  'regie-overgedragen': { kop: 'Vervallen', tekst: 'Vervallen: de regie is overgedragen' },
  'dossier-afgesloten': { kop: 'Vervallen', tekst: 'Vervallen: het dossier is afgesloten' },
};

function afgehandeldTekst(a: Afhandeling | undefined): string {
  if (a === undefined) return 'Afgehandeld: de termijn is intussen gehaald.';
  const anders = a.waardoor === undefined ? undefined : ANDERS_GEEINDIGD[a.waardoor];
  return `${anders?.tekst ?? 'Afgehandeld'} door ${zonderMarkdown(a.door)} op ${datumTijd(a.op)}`;
}

/** A nudge whose deadline was met: updated in place, its actions gone, saying who met it and when. */
export function termijnAfgehandeldKaart(w: TermijnAfgehandeldWeergave): KaartBijlage {
  const waardoor = w.afhandeling?.waardoor;
  const anders = waardoor === undefined ? undefined : ANDERS_GEEINDIGD[waardoor];
  return bouw(
    termijnAfgehandeld,
    {
      ...LEEG_KADER,
      kop: zonderMarkdown(`${anders?.kop ?? 'Afgehandeld'} · ${w.omschrijving}`),
      titel: zonderMarkdown(w.dossier.referentie),
      meldingStijl: anders ? 'default' : 'good',
      melding: afgehandeldTekst(w.afhandeling),
    },
    { tekst: anders ? 'Op deze herinnering is niets meer te doen; de casus toont de stand.' : 'Deze termijn is gehaald. Op deze herinnering is niets meer te doen.' },
  );
}

/** To the coordinator (or the beheerder) when a nudge could not be delivered: nobody is left guessing. */
export function termijnOnbestelbaarKaart(w: Extract<Bezorgweergave, { soort: 'termijn-onbestelbaar' }>): KaartBijlage {
  return bouw(
    termijnOverzicht,
    { ...LEEG_KADER, kop: 'Herinnering niet bezorgd', titel: w.dossier ? zonderMarkdown(w.dossier.referentie) : 'Onbekende casus', meldingStijl: 'attention', melding: `meldroute kon een herinnering niet bezorgen: ${zonderMarkdown(w.reden)}` },
    {
      inleiding: `Het ging om: ${zonderMarkdown(w.wat)}. Zorg dat de juiste persoon dit weet, bijvoorbeeld door de casus te openen of het kanaal te koppelen.`,
      casussen: w.dossier ? [{ dossierId: w.dossier.id, referentie: zonderMarkdown(w.dossier.referentie), wat: 'Open de casus om de stand te zien.', knoppen: true }] : [],
    },
  );
}
