import { DateTime } from 'luxon';
import {
  AFWEGINGSVRAGEN,
  SIGNAAL_CATEGORIE_LABELS,
  STAP_TITELS,
  ZONE,
  evaluateAfwegingskader,
  type Advies,
  type Afwegingsvraag,
  type Contactgegevens,
  type Dossier,
  type EerdereVersie,
  type Gebeurtenis,
  type Meldcode,
  type Stap,
} from '../domain/index.js';
import {
  AFSLUIT_REDEN_LABELS,
  GESPREK_UITKOMST_LABELS,
  MELDCODE_STATUS_LABELS,
  MELDING_SOORT_LABELS,
  ONVEILIGHEID_LABELS,
  OVERLEG_ROL_LABELS,
  REDEN_GEEN_GESPREK_LABELS,
  ROL_LABELS,
  ROUTE_LABELS,
  jaNee,
} from './labels.js';

/** One format for every instant in the verslag: "23 november 2026, 11:04", Amsterdam time. */
export function lokaleTijd(op: string | DateTime): string {
  const t = typeof op === 'string' ? DateTime.fromISO(op, { zone: 'utc' }) : op;
  return t.setZone(ZONE).setLocale('nl').toFormat('d MMMM yyyy, HH:mm');
}

/** A calendar date (yyyy-mm-dd) as "12 maart 2026". */
export function lokaleDatum(isoDatum: string): string {
  const d = DateTime.fromISO(isoDatum, { zone: ZONE });
  return d.isValid ? d.setLocale('nl').toFormat('d MMMM yyyy') : isoDatum;
}

/**
 * Event descriptions are written by the domain and stored, some with an ISO date in them
 * ("Advies van Veilig Thuis vastgelegd (2026-03-03)"): shown in the verslag's one format.
 */
const metLokaleDatums = (omschrijving: string) => omschrijving.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => lokaleDatum(iso));

// ---------------------------------------------------------------- the structure

export interface VerslagRij {
  readonly label: string;
  readonly waarde: string;
}

export interface VerslagSectie {
  readonly kop: string;
  /** When it was recorded ("23 november 2026, 11:04"); '' when nothing records it. */
  readonly wanneer: string;
  /** Who recorded it ("Annelies de Boer (professional)"); '' when unknown. */
  readonly door: string;
  /** A line about the section as a whole, e.g. that a step was not walked; '' when none. */
  readonly opmerking: string;
  readonly rijen: readonly VerslagRij[];
}

export interface VerslagGebeurtenis {
  readonly wanneer: string;
  readonly wat: string;
  readonly door: string;
}

/**
 * The dossierverslag once, as data: built from the dossier here and rendered to the card, the
 * plain text and HTML, so the three can never tell a different story.
 */
export interface VerslagInhoud {
  readonly titel: string;
  readonly kenmerk: string;
  readonly secties: readonly VerslagSectie[];
  /** Every event, oldest first. */
  readonly verloop: readonly VerslagGebeurtenis[];
}

/** The subtle line under a heading: "23 november 2026, 11:04 - door Annelies de Boer (professional)". */
export function onderregel(s: Pick<VerslagSectie, 'wanneer' | 'door'>): string {
  return [s.wanneer, s.door ? `door ${s.door}` : ''].filter((x) => x !== '').join(' - ');
}

export function gebeurtenisRegel(g: VerslagGebeurtenis): string {
  return `${g.wat} - door ${g.door}`;
}

// ---------------------------------------------------------------- from the dossier

interface Bron {
  readonly d: Dossier;
  readonly m: Meldcode;
  readonly nu: DateTime | undefined;
}

type SectieBouwer = (b: Bron) => VerslagSectie | readonly VerslagSectie[] | null;

/** The sections in reading order; a new one is a function here and one line in this list. */
const SECTIES: readonly SectieBouwer[] = [casus, signalen, kindcheck, overleg, gesprek, wegen, beslissen, beslissingen, adviezen, melding, afsluiting, eerdereVersies];

export function verslagInhoud(d: Dossier, nu?: DateTime): VerslagInhoud {
  const bron: Bron = { d, m: d.meldcode, nu };
  return {
    titel: 'Dossierverslag meldcode huiselijk geweld en kindermishandeling',
    kenmerk: d.referentie,
    secties: SECTIES.flatMap((bouw) => bouw(bron) ?? []),
    verloop: d.gebeurtenissen.map((g) => ({ wanneer: lokaleTijd(g.op), wat: metLokaleDatums(g.omschrijving), door: wie(g) })),
  };
}

/** Events Veilig Thuis's side records on arrival: never the melder's doing. */
const ONTVANGST_DOOR_VEILIG_THUIS: ReadonlySet<string> = new Set(['melding-ontvangen']);

export function wie(g: Gebeurtenis): string {
  const a = g.door;
  if (ONTVANGST_DOOR_VEILIG_THUIS.has(g.soort) && a.rol !== 'vt-medewerker' && a.rol !== 'vt-teamleider') return 'Veilig Thuis';
  return `${a.naam} (${ROL_LABELS[a.rol]})${a.namens ? ` namens ${a.namens}` : ''}`;
}

type Rij = VerslagRij | null;
const rij = (label: string, waarde: string | undefined): Rij => (waarde === undefined || waarde === '' ? null : { label, waarde });
const ja = (label: string, waarde: boolean | undefined): Rij => rij(label, waarde === undefined ? undefined : jaNee(waarde));

function sectie(kop: string, g: Gebeurtenis | undefined, rijen: readonly Rij[], opmerking = ''): VerslagSectie {
  return {
    kop,
    wanneer: g ? lokaleTijd(g.op) : '',
    door: g ? wie(g) : '',
    opmerking,
    rijen: rijen.filter((r): r is VerslagRij => r !== null),
  };
}

/** The newest event of a kind: after a correction, the one that recorded what stands now. */
function laatste(d: Dossier, soort: string, ook: (g: Gebeurtenis) => boolean = () => true): Gebeurtenis | undefined {
  return d.gebeurtenissen.findLast((g) => g.soort === soort && ook(g));
}

const stapKop = (stap: Stap) => `Stap ${stap}: ${STAP_TITELS[stap]}`;

/** The step where the melding was made; until the model records it, melden is only possible in stap 5. */
const gemeldIn = (m: Meldcode): Stap | undefined => (m.melding ? (m.gemeldInStap ?? 5) : undefined);

/** A step after the melding that nobody walked: say so instead of leaving a silent gap. */
function nietDoorlopen(b: Bron, stap: Stap): VerslagSectie | null {
  const n = gemeldIn(b.m);
  return n !== undefined && stap > n ? sectie(stapKop(stap), undefined, [], `Nog niet doorlopen (melding gedaan in stap ${n})`) : null;
}

function casus({ d, m, nu }: Bron): VerslagSectie {
  return sectie('Casus', laatste(d, 'dossier-gestart'), [
    rij('Kenmerk', d.referentie),
    ja('Werkt met volwassen cliënten', m.werktMetVolwassenen),
    rij('Stand', MELDCODE_STATUS_LABELS[m.status]),
    rij('Verslag opgemaakt', nu ? lokaleTijd(nu) : undefined),
  ]);
}

function signalen(b: Bron): VerslagSectie | null {
  const s = b.m.signalen;
  if (!s) return nietDoorlopen(b, 1);
  return sectie(stapKop(1), laatste(b.d, 'signalen'), [
    rij('Soort signalen', s.categorieen.map((c) => SIGNAAL_CATEGORIE_LABELS[c]).join(', ')),
    rij('Waargenomen door', s.waargenomenDoor),
    rij('Waargenomen op', s.waargenomenOp ? lokaleDatum(s.waargenomenOp) : undefined),
    rij('Feiten', s.beschrijving),
  ]);
}

function kindcheck(b: Bron): VerslagSectie | null {
  const k = b.m.kindcheck;
  const kop = 'Stap 1: Kindcheck';
  if (!k) {
    const n = gemeldIn(b.m);
    return b.m.werktMetVolwassenen && n !== undefined ? sectie(kop, undefined, [], `Nog niet gedaan (melding gedaan in stap ${n})`) : null;
  }
  return sectie(kop, laatste(b.d, 'kindcheck'), [
    ja('Zorgt de cliënt voor minderjarige kinderen', k.zorgtVoorMinderjarigen),
    ja('Gevolgen voor de kinderen', k.gevolgenVoorKinderen),
    rij('Toelichting', k.toelichting),
  ]);
}

function overleg(b: Bron): VerslagSectie | null {
  const o = b.m.overleg;
  if (!o) return nietDoorlopen(b, 2);
  const met = [...o.met.map((r) => OVERLEG_ROL_LABELS[r]), ...(o.adviesVeiligThuis ? ['Veilig Thuis (advies)'] : [])];
  return sectie(stapKop(2), laatste(b.d, 'overleg'), [
    rij('Overlegd met', met.join(', ')),
    rij('Uitkomst', o.uitkomst),
    ja('Voldoende signalen om verder te gaan', o.voldoendeSignalen),
  ]);
}

function gesprek(b: Bron): VerslagSectie | null {
  const g = b.m.gesprek;
  if (!g) return nietDoorlopen(b, 3);
  return sectie(stapKop(3), laatste(b.d, 'gesprek'), [
    rij('Gesprek', GESPREK_UITKOMST_LABELS[g.uitkomst]),
    ...(g.uitkomst === 'niet-gevoerd'
      ? [rij('Reden', REDEN_GEEN_GESPREK_LABELS[g.reden]), rij('Toelichting', g.toelichting)]
      : [rij('Samenvatting', g.samenvatting)]),
  ]);
}

/** Short names of the five questions; the full question is in AFWEGINGSVRAGEN. */
const VRAAG_KERN: Readonly<Record<Afwegingsvraag, string>> = {
  1: 'vermoeden van huiselijk geweld of kindermishandeling',
  2: 'acute of structurele onveiligheid',
  3: 'passende hulp bieden of organiseren mogelijk',
  4: 'betrokkenen werken mee aan de hulp',
  5: 'hulp leidt tot duurzame veiligheid',
};

/** Only the questions that were answered: an early exit leaves the rest unasked. */
function vraagRijen(m: Meldcode, nummers: readonly Afwegingsvraag[]): Rij[] {
  return AFWEGINGSVRAGEN.filter((v) => nummers.includes(v.nummer) && m.antwoorden[v.veld] !== undefined).flatMap((v) => [
    ja(`Vraag ${v.nummer} (${VRAAG_KERN[v.nummer]})`, m.antwoorden[v.veld]),
    ...(v.nummer === 2 && m.onveiligheid ? [rij('Soort onveiligheid', ONVEILIGHEID_LABELS[m.onveiligheid])] : []),
    ...(m.samenMetVeiligThuis ?? []).filter((s) => s.vraag === v.nummer).map((s) => rij(`Vraag ${v.nummer} samen met Veilig Thuis`, `${s.met}, ${lokaleDatum(s.op)}`)),
  ]);
}

const antwoordOp = (nummers: readonly Afwegingsvraag[]) => (g: Gebeurtenis) => nummers.some((n) => g.omschrijving.startsWith(`Afwegingsvraag ${n}:`));

function wegen(b: Bron): VerslagSectie | null {
  const rijen = vraagRijen(b.m, [1, 2]);
  if (rijen.length === 0) return nietDoorlopen(b, 4);
  return sectie(stapKop(4), laatste(b.d, 'afweging', antwoordOp([1, 2])), rijen);
}

function beslissen(b: Bron): VerslagSectie | null {
  const rijen = vraagRijen(b.m, [3, 4, 5]);
  if (rijen.length > 0) return sectie(stapKop(5), laatste(b.d, 'afweging', antwoordOp([3, 4, 5])), rijen);
  const open = evaluateAfwegingskader(b.m.antwoorden);
  if (b.m.status === 'gemeld' && open.samenMetVeiligThuis && open.volgendeVraag !== null && gemeldIn(b.m) === 5) {
    return sectie(stapKop(5), undefined, [], 'Vraag 3 tot en met 5 zijn nog niet beantwoord; dat gebeurt samen met Veilig Thuis.');
  }
  return nietDoorlopen(b, 5);
}

function beslissingen(b: Bron): VerslagSectie | null {
  const besluit = b.m.beslissingen;
  // After "nee" on question 1 the meldcode closes: no beslissing was taken, the afsluiting says why.
  if (besluit?.route === 'afsluiten') return null;
  const g = laatste(b.d, 'afweging');
  if (!besluit) {
    // Acute or structural unsafety decides beslissing 1 before questions 3-5 are answered.
    const uitkomst = evaluateAfwegingskader(b.m.antwoorden);
    return uitkomst.meldenNoodzakelijk === true ? sectie('Beslissingen', g, [ja('Beslissing 1 (melden noodzakelijk)', true)]) : null;
  }
  return sectie('Beslissingen', g, [
    ja('Beslissing 1 (melden noodzakelijk)', besluit.meldenNoodzakelijk),
    ja('Beslissing 2 (hulp bieden of organiseren mogelijk)', besluit.hulpMogelijk),
    rij('Route', ROUTE_LABELS[besluit.route]),
    rij('Toelichting', besluit.reden),
    rij('Vraag 5 opnieuw wegen op', b.m.vervolgAfweging5Op ? lokaleDatum(b.m.vervolgAfweging5Op) : undefined),
  ]);
}

const contact = (c: Contactgegevens) => [c.naam, c.telefoon, c.email].filter((x) => x !== undefined).join(', ');

function adviezen(b: Bron): VerslagSectie[] {
  const gebeurtenissen = b.d.gebeurtenissen.filter((g) => g.soort === 'advies');
  return b.m.adviezen.map((a: Advies, i) =>
    sectie(b.m.adviezen.length > 1 ? `Advies van Veilig Thuis (${i + 1})` : 'Advies van Veilig Thuis', gebeurtenissen[i], [
      rij('Datum advies', lokaleDatum(a.datum)),
      rij('Adviseur Veilig Thuis', a.adviseurVeiligThuis),
      rij('Adviesvrager', a.adviesvrager ? contact(a.adviesvrager) : undefined),
      ja('Op naam van de adviesvrager', a.opNaamAdviesvrager),
      ja('Over een overige zorgmelding', a.overigeZorgmelding),
      rij('Afspraken', a.afspraken),
      rij('Vervolgadvies op', a.vervolgadviesOp ? lokaleDatum(a.vervolgadviesOp) : undefined),
    ]),
  );
}

function melding({ d, m }: Bron): VerslagSectie | null {
  const me = m.melding;
  if (!me) return null;
  return sectie('Melding bij Veilig Thuis', laatste(d, 'melding'), [
    rij('Soort melding', MELDING_SOORT_LABELS[me.soort]),
    rij('Gemeente', me.gemeente),
    rij('Waarom anoniem', me.soort === 'anoniem-tov-gezin' ? me.redenAnoniem : undefined),
    ja('Spoed', me.spoed),
    rij('Melder', contact(me.melder)),
    rij('Feiten voor Veilig Thuis', me.feiten),
    rij('Gemeld in stap', m.gemeldInStap ? stapKop(m.gemeldInStap) : undefined),
    rij('Verstuurd naar Veilig Thuis', d.veiligThuis ? lokaleTijd(d.veiligThuis.ontvangenOp) : undefined),
    // Only once Veilig Thuis actually has it (its channel got the card): never at sending.
    rij('Ontvangen door Veilig Thuis', d.veiligThuis?.ontvangstBevestigdOp ? lokaleTijd(d.veiligThuis.ontvangstBevestigdOp) : undefined),
  ]);
}

function afsluiting({ d, m }: Bron): VerslagSectie | null {
  const a = m.afsluiting;
  if (!a) return null;
  const g = laatste(d, 'afsluiting');
  return { ...sectie('Meldcode afgesloten', g, [rij('Reden', AFSLUIT_REDEN_LABELS[a.reden]), rij('Toelichting', a.toelichting)]), wanneer: lokaleTijd(a.op) };
}

// ---------------------------------------------------------------- renderings

/** Plain text for pasting into the professional's own dossier system. */
export function verslagAlsTekst(v: VerslagInhoud): string {
  const inspring = (tekst: string) => tekst.replace(/\r?\n/g, '\n    ');
  const regels = [v.titel, ''];
  for (const s of v.secties) {
    regels.push(s.kop);
    const onder = onderregel(s);
    if (onder) regels.push(onder);
    if (s.opmerking) regels.push(s.opmerking);
    for (const r of s.rijen) regels.push(`  ${r.label}: ${inspring(r.waarde)}`);
    regels.push('');
  }
  regels.push('Verloop');
  for (const g of v.verloop) regels.push(`  ${g.wanneer}  ${inspring(gebeurtenisRegel(g))}`);
  return regels.join('\n');
}

const HTML_TEKENS: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = (tekst: string) => tekst.replace(/[&<>"']/g, (t) => HTML_TEKENS[t] ?? t);

/**
 * A standalone HTML page of the same verslag, for an export or print-to-PDF. Every value is
 * escaped: the texts are the professional's own words and may contain anything.
 */
export function verslagAlsHtml(v: VerslagInhoud): string {
  const secties = v.secties.map((s) => {
    const onder = onderregel(s);
    const rijen = s.rijen.map((r) => `<dt>${html(r.label)}</dt><dd>${html(r.waarde)}</dd>`).join('');
    return `<section><h2>${html(s.kop)}</h2>${onder ? `<p class="wie">${html(onder)}</p>` : ''}${s.opmerking ? `<p>${html(s.opmerking)}</p>` : ''}${rijen ? `<dl>${rijen}</dl>` : ''}</section>`;
  });
  const verloop = v.verloop.map((g) => `<tr><td>${html(g.wanneer)}</td><td>${html(g.wat)}</td><td>${html(g.door)}</td></tr>`).join('');
  return [
    '<!doctype html>',
    '<html lang="nl"><head><meta charset="utf-8">',
    `<title>${html(`${v.titel} - ${v.kenmerk}`)}</title>`,
    '<style>body{font-family:sans-serif;max-width:48em;margin:2em auto}dt{font-weight:bold}dd{margin:0 0 .5em 0;white-space:pre-wrap}.wie{color:#555;font-size:.9em}td{vertical-align:top;padding:.2em .5em}</style>',
    '</head><body>',
    `<h1>${html(v.titel)}</h1>`,
    ...secties,
    `<section><h2>Verloop</h2><table><thead><tr><th>Wanneer</th><th>Wat</th><th>Door</th></tr></thead><tbody>${verloop}</tbody></table></section>`,
    '</body></html>',
  ].join('\n');
}

/** The verslag as plain text in one call. */
export function dossierverslag(d: Dossier, nu?: DateTime): string {
  return verslagAlsTekst(verslagInhoud(d, nu));
}

const ONDERDEEL_LABELS: Readonly<Record<EerdereVersie['onderdeel'], string>> = {
  signalen: 'Signalen (stap 1)',
  kindcheck: 'Kindcheck (stap 1)',
  overleg: 'Overleg (stap 2)',
  gesprek: 'Gesprek (stap 3)',
};

function kernVan(e: EerdereVersie): string {
  switch (e.onderdeel) {
    case 'signalen':
      return e.vorige.beschrijving;
    case 'kindcheck':
      return `zorgt voor minderjarigen: ${jaNee(e.vorige.zorgtVoorMinderjarigen)}${e.vorige.toelichting ? `; ${e.vorige.toelichting}` : ''}`;
    case 'overleg':
      return e.vorige.uitkomst;
    case 'gesprek':
      return e.vorige.uitkomst === 'niet-gevoerd' ? `${REDEN_GEEN_GESPREK_LABELS[e.vorige.reden]}${e.vorige.toelichting ? `; ${e.vorige.toelichting}` : ''}` : e.vorige.samenvatting;
  }
}

/** What a correction replaced: kept, with when it was replaced. */
function eerdereVersies({ m }: Bron): VerslagSectie | null {
  const versies = m.eerdereVersies ?? [];
  if (versies.length === 0) return null;
  return sectie(
    'Eerdere versies (vervangen na correctie)',
    undefined,
    versies.map((e) => rij(`${ONDERDEEL_LABELS[e.onderdeel]}, vervangen op ${lokaleTijd(e.vervangenOp)}`, kernVan(e))),
  );
}
