import { Template } from 'adaptivecards-templating';
import { DateTime } from 'luxon';
import {
  AFWEGINGSVRAGEN,
  SIGNAAL_CATEGORIE_LABELS,
  SIGNAAL_CATEGORIEEN,
  STAP_TITELS,
  ZONE,
  eindVanDag,
  evaluateAfwegingskader,
  isMeldcodeAfgesloten,
  revisie,
  veiligheidsbeoordelingDeadline,
  beoordelingVanaf,
  openMijlpalen,
  uiterlijkeStartZichtVeiligThuis,
  vanIso,
  zichtOpVeiligheid,
  type Dossier,
  type Verantwoordelijke,
} from '../domain/index.js';
import type { RegioWeergave, Scherm, Verb, Weergave } from '../app/meldcodeFlow.js';
import type { KoppelingWeergave } from '../app/koppelingen.js';
import type { DossierWeergave } from '../app/toegang.js';
import type { DossierScherm } from '../app/weergave.js';
import type { VeiligThuisContact } from '../app/regio.js';
import { gebeurtenisRegel, lokaleTijd, onderregel, verslagAlsTekst, type VerslagInhoud } from '../app/verslag.js';
import { kanaalCasussenKaart, kanaalDossierKaart } from './kanaalKaarten.js';
import { termijnAfgehandeldKaart, termijnKaart } from './termijnKaarten.js';
import { zonderMarkdown } from './markdown.js';
import advies from './advies.json' with { type: 'json' };
import afsluiten from './afsluiten.json' with { type: 'json' };
import afsluitenBevestigen from './afsluitenBevestigen.json' with { type: 'json' };
import afweging from './afweging.json' with { type: 'json' };
import beslissing from './beslissing.json' with { type: 'json' };
import casussen from './casussen.json' with { type: 'json' };
import fout from './fout.json' with { type: 'json' };
import gesprek from './gesprek.json' with { type: 'json' };
import hulp from './hulp.json' with { type: 'json' };
import kader from './kader.json' with { type: 'json' };
import kenmerk from './kenmerk.json' with { type: 'json' };
import kanaalhulp from './kanaalhulp.json' with { type: 'json' };
import vtRegistratie from './vtRegistratie.json' with { type: 'json' };
import kindcheck from './kindcheck.json' with { type: 'json' };
import koppeling from './koppeling.json' with { type: 'json' };
import koppelingen from './koppelingen.json' with { type: 'json' };
import melding from './melding.json' with { type: 'json' };
import overleg from './overleg.json' with { type: 'json' };
import persoonlijk from './persoonlijk.json' with { type: 'json' };
import signalen from './signalen.json' with { type: 'json' };
import start from './start.json' with { type: 'json' };
import status from './status.json' with { type: 'json' };
import verslag from './verslag.json' with { type: 'json' };
import welkom from './welkom.json' with { type: 'json' };

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Shape-compatible with botbuilder's Attachment, so this folder needs no SDK. */
export interface KaartBijlage {
  readonly contentType: typeof ADAPTIVE_CARD;
  readonly content: Record<string, unknown>;
}

export interface Actie {
  readonly verb: Verb;
  readonly titel: string;
}

/** The frame every card shares: where you are, the key facts, a message, secondary actions. */
export interface Kader {
  readonly kop: string;
  readonly titel: string;
  readonly feiten: readonly { titel: string; waarde: string }[];
  readonly melding: string;
  readonly meldingStijl: 'default' | 'attention' | 'good' | 'warning';
  readonly secundair: readonly Actie[];
  readonly dossierId: string;
}

export const LEEG_KADER: Omit<Kader, 'kop' | 'titel'> = { feiten: [], melding: '', meldingStijl: 'default', secundair: [], dossierId: '' };

export type Sjabloon = { body: unknown[]; actions?: unknown[] };

/**
 * Parsing a template's expressions costs milliseconds (~7 ms for a nudge card) and expanding a
 * parsed one a few hundredths: each JSON template is parsed once. Expanding does not change it.
 */
const GEPARSED = new WeakMap<object, Template>();
function sjabloon(json: object): Template {
  let t = GEPARSED.get(json);
  if (t === undefined) {
    t = new Template(json);
    GEPARSED.set(json, t);
  }
  return t;
}

/** With `dossier`, every action carries the revision of that dossier (see metRevisie). */
export function bouw(inhoud: Sjabloon, kaderData: Kader, inhoudData: Record<string, unknown>, dossier?: Dossier): KaartBijlage {
  const { voet, ...frame } = sjabloon(kader).expand({ $root: kaderData }) as { body: unknown[]; voet?: unknown[] } & Record<string, unknown>;
  const deel = sjabloon(inhoud).expand({ $root: { ...inhoudData, dossierId: kaderData.dossierId } }) as Sjabloon;
  const content: Record<string, unknown> = {
    ...frame,
    body: [...frame.body, ...deel.body, ...(voet ?? [])].filter((b) => b !== null && b !== undefined),
    actions: deel.actions ?? [],
  };
  if (dossier === undefined) return { contentType: ADAPTIVE_CARD, content: metFallbacks(content) as Record<string, unknown> };
  return { contentType: ADAPTIVE_CARD, content: metRevisie(metFallbacks(content), dossier.id, revisie(dossier)) as Record<string, unknown> };
}

/** Teams refreshes a card automatically for at most 60 listed users; others refresh it by hand. */
export const MAX_VERNIEUW_GEBRUIKERS = 60;

/**
 * Universal Actions refresh: whoever views the card gets the dossier's current state. The data
 * names the view the card was rendered for; the server recomputes the view of whoever refreshes
 * and refuses when it differs, so card data never grants a view.
 */
export function metVernieuwing(kaart: KaartBijlage, d: Dossier, weergave: Exclude<DossierWeergave, 'geen'>, gebruikers?: readonly string[]): KaartBijlage {
  const action = { type: 'Action.Execute', verb: 'vernieuw' satisfies Verb, title: 'Vernieuwen', data: { dossierId: d.id, weergave } };
  const userIds = gebruikers?.slice(0, MAX_VERNIEUW_GEBRUIKERS);
  return { contentType: ADAPTIVE_CARD, content: { ...kaart.content, refresh: { action, ...(userIds ? { userIds } : {}) } } };
}

/**
 * Every action on a dossier card carries the revision it was rendered from, so a click on an
 * older card (a second window, a double click, a parallel submit) cannot apply twice.
 */
function metRevisie(knoop: unknown, dossierId: string, versie: number): unknown {
  if (Array.isArray(knoop)) return knoop.map((k) => metRevisie(k, dossierId, versie));
  if (typeof knoop !== 'object' || knoop === null) return knoop;
  const uit = Object.fromEntries(Object.entries(knoop).map(([k, w]) => [k, metRevisie(w, dossierId, versie)])) as Record<string, unknown>;
  const data = uit['data'] as Record<string, unknown> | undefined;
  if (typeof uit['type'] === 'string' && (uit['type'] as string).startsWith('Action.') && data?.['dossierId'] === dossierId) uit['data'] = { ...data, versie: String(versie) };
  return uit;
}

/**
 * Clients below Adaptive Cards 1.5 do not know Action.Execute: give every one an Action.Submit
 * fallback that carries the verb in its data, so the bot handles both the same way.
 */
function metFallbacks(knoop: unknown): unknown {
  if (Array.isArray(knoop)) return knoop.map(metFallbacks);
  if (typeof knoop !== 'object' || knoop === null) return knoop;
  const uit: Record<string, unknown> = Object.fromEntries(Object.entries(knoop).map(([k, w]) => [k, k === 'refresh' ? w : metFallbacks(w)]));
  if (uit['type'] === 'Action.Execute' && uit['fallback'] === undefined) {
    const data = (uit['data'] as Record<string, unknown> | undefined) ?? {};
    uit['fallback'] = {
      type: 'Action.Submit',
      title: uit['title'],
      data: { ...data, verb: uit['verb'] },
      ...(uit['associatedInputs'] ? { associatedInputs: uit['associatedInputs'] } : {}),
    };
  }
  return uit;
}

export const datum = (d: DateTime) => d.setZone(ZONE).setLocale('nl').toFormat('cccc d MMMM yyyy');

const VERANTWOORDELIJKE: Readonly<Record<Verantwoordelijke, string>> = {
  professional: 'u',
  'veilig-thuis': 'Veilig Thuis',
  'lokaal-team': 'het lokale team',
};

/** Deadlines read as people say them: "vandaag", otherwise "uiterlijk maandag 9 maart 2026". */
function wanneer(deadline: DateTime, nu: DateTime): string {
  return deadline.setZone(ZONE).hasSame(nu.setZone(ZONE), 'day') ? 'vandaag' : `uiterlijk ${datum(deadline)}`;
}

/**
 * Every case card says who holds zicht op veiligheid and what is due next, by whom. Once melden
 * is necessary, melden itself is what is due: acute unsafety means calling Veilig Thuis now.
 * The dates come from the region's calendar, the same one the nudges use.
 */
export function dossierFeiten(d: Dossier, nu: DateTime, regio: RegioWeergave): { titel: string; waarde: string }[] {
  const { veiligThuis: vt, kalender } = regio;
  const volgende = openMijlpalen(d, kalender)[0];
  const zicht = zichtOpVeiligheid(d, nu, kalender);
  // Between a melding and the veiligheidsbeoordeling the melder keeps zicht, but not for long.
  const overname = zicht.houder === 'professional' && d.veiligThuis ? `; ${vt.naam} neemt dit uiterlijk ${datum(uiterlijkeStartZichtVeiligThuis(vanIso(d.veiligThuis.ontvangenOp), kalender))} van u over` : '';
  const m = d.meldcode;
  const meldenNodig = m.status === 'lopend' && !isMeldcodeAfgesloten(m) && evaluateAfwegingskader(m.antwoorden).meldenNoodzakelijk === true;
  const acuut = m.onveiligheid === 'acuut' || m.onveiligheid === 'beide';
  return [
    // The kenmerk and names are typed by people: they show as typed, never as a link.
    { titel: 'Casus', waarde: zonderMarkdown(d.referentie) },
    { titel: 'Zicht op veiligheid', waarde: `${zonderMarkdown(zicht.omschrijving)}${overname}` },
    {
      titel: 'Volgende termijn',
      // Once melden is necessary it comes before any other term (a vervolgadvies, say).
      waarde: meldenNodig
        ? acuut
          ? `Melden bij ${vt.naam}: nu, bel ${vt.telefoon} · u`
          : `Melden bij ${vt.naam}: zo snel mogelijk · u`
        : volgende
          ? `${volgende.omschrijving}: ${wanneer(volgende.deadline, nu)}${volgende.toelichting ? ` (${volgende.toelichting})` : ''} · ${VERANTWOORDELIJKE[volgende.verantwoordelijke]}`
          : m.status === 'lopend' && !isMeldcodeAfgesloten(m)
            ? 'Geen vaste termijn; u zet de volgende stap'
            : 'Geen',
    },
  ];
}

export function waarIsDossier(d: Dossier): string {
  const m = d.meldcode;
  if (d.veiligThuis) return d.veiligThuis.ontvangstBevestigdOp ? 'Melding ontvangen door Veilig Thuis' : 'Melding verstuurd naar Veilig Thuis';
  if (m.status === 'afgesloten') return 'Meldcode afgesloten';
  if (m.status === 'zelf-hulp') return 'Zelf hulp bieden; veiligheid volgen';
  return `Stap ${m.stap} van 5: ${STAP_TITELS[m.stap]}`;
}

const DEFINITIES: Readonly<Record<number, readonly { titel: string; tekst: string }[]>> = {
  1: [{ titel: 'Vermoeden', tekst: 'U hoeft het niet zeker te weten: een vermoeden op basis van de signalen, het overleg en het gesprek is genoeg. Bij nee sluit u de meldcode af en legt u dat vast.' }],
  2: [
    { titel: 'Acute onveiligheid', tekst: 'Iemand is in direct fysiek gevaar; de veiligheid voor de komende dagen is niet gegarandeerd en bescherming is nu nodig (bijv. (dreiging van) ernstig fysiek of seksueel geweld, wapens, ernstig letsel).' },
    { titel: 'Structurele onveiligheid', tekst: 'Herhaalde of voortdurende onveilige gebeurtenissen en situaties (een patroon van geweld, blijvend tekortschieten in de zorg voor afhankelijke kinderen of volwassenen, kinderen van een ouder met een ernstige verslaving).' },
  ],
  3: [{ titel: 'Passende hulp', tekst: 'Voldoende zicht op veiligheid; afspraken over samenwerking en regie op veiligheid; zicht op herhaling en patronen; blijvende aandacht voor veiligheid; aandacht voor herstel.' }],
  4: [{ titel: 'Meewerken', tekst: 'De betrokkenen nemen de hulp aan, komen afspraken na en laten verandering zien. Alleen instemmen is niet genoeg. Bij nee: melden.' }],
  5: [{ titel: 'Duurzame veiligheid', tekst: 'De directe veiligheid is hersteld en blijft stabiel: er is zicht op herhaling en patronen, en aandacht voor herstel. Bij nee: (opnieuw) melden.' }],
};

const LEGE_WAARDEN = ['ondanksMeldplicht', 'kenmerkBevestigd', 'samenMetNaam', 'samenMetOp', 'afsluitToelichting', 'adviesvragerNaam', 'adviesvragerTelefoon', 'adviesvragerEmail', 'onveiligheid', 'referentie', 'werktMetVolwassenen', 'categorieen', 'beschrijving', 'waargenomenOp', 'waargenomenDoor', 'zorgtVoorMinderjarigen', 'gevolgenVoorKinderen', 'toelichting', 'met', 'adviesVeiligThuis', 'uitkomst', 'voldoendeSignalen', 'samenvatting', 'reden', 'datum', 'adviseurVeiligThuis', 'afspraken', 'vervolgadviesOp', 'opNaamAdviesvrager', 'overigeZorgmelding', 'soort', 'besprokenMetGezin', 'redenAnoniem', 'melderNaam', 'melderTelefoon', 'melderEmail', 'feiten', 'spoed', 'gemeente'];

/** Every field a template binds gets a value, so no `${...}` is ever left on a card. */
function formulier(waarden: Record<string, string> = {}, fouten: Record<string, string> = {}, standaard: Record<string, string> = {}) {
  const leeg = Object.fromEntries(LEGE_WAARDEN.map((k) => [k, '']));
  return { waarden: { ...leeg, ...standaard, ...waarden }, fouten: { ...leeg, ...fouten } };
}

// ---------------------------------------------------------------- typed builders

export function welkomKaart(melding?: string): KaartBijlage {
  return bouw(welkom, { ...LEEG_KADER, kop: 'meldroute', titel: 'Welkom bij meldroute', melding: melding ?? '', meldingStijl: 'attention' }, {});
}

export function hulpKaart(): KaartBijlage {
  return bouw(hulp, { ...LEEG_KADER, kop: 'meldroute · hulp', titel: 'Zo werkt meldroute' }, {});
}

export function startKaart(waarden?: Record<string, string>, fouten?: Record<string, string>, kenmerkWaarschuwing = false, sleutel = ''): KaartBijlage {
  const heeftFouten = fouten !== undefined && Object.keys(fouten).length > 0;
  return bouw(
    start,
    { ...LEEG_KADER, kop: 'Nieuwe meldcode', titel: 'Stap 1 van 5 begint hier', melding: heeftFouten ? 'Controleer het kenmerk; wat u invulde staat er nog.' : '', meldingStijl: 'attention' },
    { ...formulier(waarden, fouten, { werktMetVolwassenen: 'false', kenmerkBevestigd: 'false' }), waarschuwing: kenmerkWaarschuwing, startSleutel: sleutel },
  );
}

/** Where the card is shown, as far as a card needs to know it. */
export interface KaartOmgeving {
  /** A deep link that opens the person's personal chat with the bot. */
  readonly persoonlijkeChat?: string;
  /**
   * A card shared in a channel: the users (Teams user ids) whose card refreshes itself, at most
   * 60. A personal chat card lists none: its one reader refreshes it anyway.
   */
  readonly vernieuwVoor?: readonly string[];
}

export function kanaalhulpKaart(omgeving: KaartOmgeving, melding?: string, registreren = false, kanaalVan?: string): KaartBijlage {
  // A member of the bound team reads the cards of its party here; everyone else, nothing.
  const titel = kanaalVan ? `Kanaal van ${zonderMarkdown(kanaalVan)}` : 'Casussen alleen in uw persoonlijke chat';
  return bouw(
    kanaalhulp,
    { ...LEEG_KADER, kop: 'meldroute', titel, melding: melding ?? '', meldingStijl: 'attention' },
    { persoonlijkeChat: omgeving.persoonlijkeChat ?? '', registreren, kanaalVan: zonderMarkdown(kanaalVan ?? '') },
  );
}

/** The form on which Veilig Thuis registers a melding it received itself; what was typed stays after an error. */
export function vtRegistratieKaart(w: Extract<Weergave, { soort: 'vt-registratie' }>): KaartBijlage {
  const velden = ['referentie', 'bron', 'spoed', 'melderNaam', 'melderTelefoon', 'feiten', 'gemeente'];
  const leeg = Object.fromEntries(velden.map((k) => [k, '']));
  const fout = w.fouten !== undefined && Object.keys(w.fouten).length > 0;
  return bouw(
    vtRegistratie,
    { ...LEEG_KADER, kop: `Melding registreren · ${w.veiligThuisNaam}`, titel: 'Melding bij Veilig Thuis', melding: w.melding ?? '', meldingStijl: fout ? 'attention' : w.melding ? 'good' : 'default' },
    { waarden: { ...leeg, spoed: 'nee', ...w.waarden }, fouten: { ...leeg, ...w.fouten }, gemeenten: w.gemeenten.map((g) => ({ naam: g })) },
  );
}

/** One line and a way to the personal chat; no frame, no Action.Execute: nothing here can show a case. */
export function alleenPersoonlijkKaart(omgeving: KaartOmgeving): KaartBijlage {
  return { contentType: ADAPTIVE_CARD, content: new Template(persoonlijk).expand({ $root: { persoonlijkeChat: omgeving.persoonlijkeChat ?? '' } }) as Record<string, unknown> };
}

export function foutKaart(melding: string): KaartBijlage {
  return bouw(fout, { ...LEEG_KADER, kop: 'meldroute', titel: 'Dat lukte niet', melding, meldingStijl: 'attention' }, {});
}

/** What a channel is bound to, or the bindings of the regions someone manages. Never case data. */
export function koppelingKaart(w: Exclude<KoppelingWeergave, { soort: 'regel' }>): KaartBijlage {
  // Channel and people's names come from Teams: shown as typed, never as Markdown.
  if (w.soort === 'overzicht') {
    const regios = w.regios.map((r) => ({ naam: zonderMarkdown(r.naam), koppelingen: r.koppelingen.map((k) => ({ doel: zonderMarkdown(k.doel), kanaal: zonderMarkdown(k.kanaal), door: zonderMarkdown(k.door), op: k.op })) }));
    return bouw(koppelingen, { ...LEEG_KADER, kop: 'meldroute · kanaalkoppelingen', titel: 'Gekoppelde kanalen' }, { regios });
  }
  const feiten = [
    { titel: 'Kanaal', waarde: zonderMarkdown(w.kanaal) },
    ...(w.doel ? [{ titel: 'Gekoppeld aan', waarde: zonderMarkdown(w.doel) }] : []),
    ...(w.door && w.op ? [{ titel: 'Gekoppeld door', waarde: `${zonderMarkdown(w.door)}, ${w.op}` }] : []),
  ];
  return bouw(
    koppeling,
    {
      ...LEEG_KADER,
      kop: 'meldroute · kanaalkoppeling',
      titel: w.doel ? `Gekoppeld aan ${zonderMarkdown(w.doel)}` : 'Dit kanaal is niet gekoppeld',
      feiten,
      melding: zonderMarkdown(w.melding),
      meldingStijl: w.geslaagd ? 'good' : 'attention',
    },
    {},
  );
}

export function casussenKaart(dossiers: readonly Dossier[], nu: DateTime, regio: (regioId: string) => RegioWeergave): KaartBijlage {
  const rijen = dossiers.map((d) => {
    const [, zicht, termijn] = dossierFeiten(d, nu, regio(d.regioId));
    return { id: d.id, referentie: zonderMarkdown(d.referentie), knop: d.referentie, waar: waarIsDossier(d), zicht: zicht?.waarde ?? '', termijn: termijn?.waarde ?? '' };
  });
  return bouw(casussen, { ...LEEG_KADER, kop: 'meldroute', titel: 'Mijn casussen' }, { casussen: rijen });
}

/**
 * Teams refuses activities above 100 KB and PLATFORM.md keeps them at 80 KB; the attachment gets
 * this much of that, the rest is the activity around it.
 */
export const VERSLAG_KAART_MAX_BYTES = 75 * 1024;
/** On a card that would still be too large, each long text is cut to this; the copy keeps it whole. */
const INGEKORT_TOT = 400;
/** Fewer recent events than this and the card would rather shorten its long texts. */
const MINSTE_GEBEURTENISSEN = 10;
const INGEKORT = '... (volledig in de platte tekst)';
const KOPIE_INGEKORT = '\n\n... (verslag ingekort: te lang voor één bericht in Teams)';

const bytes = (k: KaartBijlage) => Buffer.byteLength(JSON.stringify(k));
const pastInBericht = (k: KaartBijlage) => bytes(k) <= VERSLAG_KAART_MAX_BYTES;

/**
 * The verslag as sections with a heading, a "when - who" line and label/value facts, then the
 * history, then the same content as plain text to copy. A long dossier shows only its newest
 * events (and if need be shortened texts) on the card; the plain text holds everything, unless
 * it alone is larger than a Teams message can carry.
 */
export function verslagKaart(d: Dossier, inhoud: VerslagInhoud, nu: DateTime, regio: RegioWeergave): KaartBijlage {
  const kaderData: Kader = { ...LEEG_KADER, kop: 'Dossierverslag', titel: zonderMarkdown(d.referentie), feiten: dossierFeiten(d, nu, regio).slice(1), dossierId: d.id };
  const volledigeTekst = verslagAlsTekst(inhoud);
  const totaal = inhoud.verloop.length;
  const maak = (getoond: number, kort = false, tekst = volledigeTekst): KaartBijlage => {
    const waarde = (w: string) => zonderMarkdown(kort && w.length > INGEKORT_TOT ? `${w.slice(0, INGEKORT_TOT)}${INGEKORT}` : w);
    const weg = totaal - getoond;
    return bouw(verslag, kaderData, {
      secties: inhoud.secties.map((s) => ({
        kop: zonderMarkdown(s.kop),
        regel: zonderMarkdown(onderregel(s)),
        opmerking: zonderMarkdown(s.opmerking),
        rijen: s.rijen.map((r) => ({ label: zonderMarkdown(r.label), waarde: waarde(r.waarde) })),
      })),
      // Event descriptions are short by schema (500) and end with who did it: never shortened.
      verloop: inhoud.verloop.slice(weg).map((g) => ({ wanneer: zonderMarkdown(g.wanneer), regel: zonderMarkdown(gebeurtenisRegel(g)) })),
      weggelaten: weg === 0 ? '' : `... en nog ${weg} ${weg === 1 ? 'eerdere gebeurtenis' : 'eerdere gebeurtenissen'} (zie platte tekst)`,
      tekst,
    });
  };
  const volledig = maak(totaal);
  if (pastInBericht(volledig)) return volledig;
  // First fewer events (the newest stay), then shortened texts; the size grows with both.
  const meeste = (kort: boolean): number => {
    if (!pastInBericht(maak(0, kort))) return -1;
    let [past, teVeel] = [0, totaal + 1];
    while (teVeel - past > 1) {
      const midden = Math.floor((past + teVeel) / 2);
      if (pastInBericht(maak(midden, kort))) past = midden;
      else teVeel = midden;
    }
    return past;
  };
  const metVolledigeTeksten = meeste(false);
  if (metVolledigeTeksten >= Math.min(MINSTE_GEBEURTENISSEN, totaal)) return maak(metVolledigeTeksten);
  const ingekort = meeste(true);
  if (ingekort >= 0) return maak(ingekort, true);
  let kaart = maak(0, true);
  // Only a dossier with dozens of long adviezen gets here: the copy itself no longer fits.
  for (let tot = volledigeTekst.length; !pastInBericht(kaart) && tot > 0; ) {
    // Every character removed from the copy takes at least one byte off the card.
    tot = Math.max(0, tot - (bytes(kaart) - VERSLAG_KAART_MAX_BYTES) - 100);
    kaart = maak(0, true, `${volledigeTekst.slice(0, tot)}${KOPIE_INGEKORT}`);
  }
  return kaart;
}

interface DossierKaartInvoer extends RegioWeergave {
  readonly dossier: Dossier;
  readonly scherm: Scherm;
  readonly nu: DateTime;
  /** The gemeenten of the dossier's region: the choices on the melding form. */
  readonly gemeenten: readonly string[];
  readonly waarden?: Record<string, string>;
  readonly fouten?: Record<string, string>;
  readonly melding?: string;
  readonly meldingSoort?: 'fout' | 'bevestiging';
  readonly bevestig?: DossierScherm['bevestig'];
  readonly kenmerkWaarschuwing?: boolean;
}

/**
 * The secondary actions of a step card. Advies and melding are possible at every step (a
 * professional may always call Veilig Thuis); correcting and closing are always one click away.
 */
function stapActies(d: Dossier, scherm: Scherm): Actie[] {
  const m = d.meldcode;
  const gemeld = m.status === 'gemeld';
  const kanCorrigeren = m.stap > 1 || m.antwoorden.vermoeden !== undefined;
  return [
    ...(kanCorrigeren ? [{ verb: 'corrigeer' as const, titel: 'Vorig antwoord corrigeren' }] : []),
    ...(!gemeld && scherm !== 'advies' && scherm !== 'beslissing' ? [{ verb: 'advies-formulier' as const, titel: 'Advies vastleggen' }] : []),
    ...(!gemeld && scherm !== 'melding' && scherm !== 'beslissing' ? [{ verb: 'melding-formulier' as const, titel: 'Melden bij Veilig Thuis' }] : []),
    ...(scherm !== 'afsluiten' ? [{ verb: 'afsluiten-formulier' as const, titel: gemeld ? 'Mijn deel afronden' : 'Meldcode afsluiten' }] : []),
    { verb: 'verslag', titel: 'Dossierverslag' },
  ];
}

/** The professional's card for one dossier: the current step, a form, or its status. */
export function dossierKaart(v: DossierKaartInvoer, omgeving: KaartOmgeving = {}): KaartBijlage {
  return metVernieuwing(schermKaart(v), v.dossier, 'professional', omgeving.vernieuwVoor);
}

function schermKaart(v: DossierKaartInvoer): KaartBijlage {
  const d = v.dossier;
  const m = d.meldcode;
  const open = !isMeldcodeAfgesloten(m);
  const uitkomst = evaluateAfwegingskader(m.antwoorden);
  const stap = v.scherm === 'afweging' ? (uitkomst.volgendeVraag !== null && uitkomst.volgendeVraag <= 2 ? 4 : 5) : m.stap;
  const vt = v.veiligThuis;
  const basis: Kader = {
    kop: open ? `Stap ${stap} van 5` : 'Meldcode',
    titel: STAP_TITELS[stap],
    feiten: dossierFeiten(d, v.nu, v),
    melding: v.melding ?? '',
    meldingStijl: v.meldingSoort === 'bevestiging' ? 'good' : 'attention',
    dossierId: d.id,
    secundair: open ? stapActies(d, v.scherm) : [{ verb: 'verslag', titel: 'Dossierverslag' }],
  };
  const invoer = formulier(v.waarden, v.fouten, standaardWaarden(v));
  const terug: Actie = { verb: 'open', titel: 'Terug naar de casus' };
  switch (v.scherm) {
    case 'signalen':
      return bouw(signalen, basis, { ...invoer, categorieen: SIGNAAL_CATEGORIEEN.map((c) => ({ titel: SIGNAAL_CATEGORIE_LABELS[c], waarde: c })) }, d);
    case 'kindcheck':
      return bouw(kindcheck, { ...basis, titel: 'Kindcheck' }, invoer, d);
    case 'overleg':
      return bouw(overleg, basis, invoer, d);
    case 'gesprek':
      return bouw(gesprek, basis, invoer, d);
    case 'afweging':
      return afwegingKaart(d, basis, invoer, vt);
    case 'beslissing':
      return beslissingKaart(d, basis, v);
    case 'advies':
      return bouw(advies, { ...basis, kop: 'Advies', titel: `Advies van ${vt.naam} vastleggen`, secundair: [terug] }, { ...invoer, veiligThuisNaam: vt.naam, veiligThuisTelefoon: vt.telefoon }, d);
    case 'melding':
      return meldingKaart(d, { ...basis, secundair: [terug] }, invoer, v);
    case 'afsluiten':
      return afsluitKaart(d, { ...basis, secundair: [terug] }, invoer);
    case 'afsluiten-bevestigen':
      return bevestigAfsluitKaart(d, basis, invoer, v.bevestig);
    case 'kenmerk':
      return bouw(kenmerk, { ...basis, kop: 'Kenmerk', titel: 'Kenmerk van de casus wijzigen', secundair: [terug] }, { ...invoer, waarschuwing: v.kenmerkWaarschuwing === true }, d);
    case 'status':
      return statusKaart(d, basis, v);
  }
}

function afwegingKaart(d: Dossier, basis: Kader, invoer: ReturnType<typeof formulier>, vt: VeiligThuisContact): KaartBijlage {
  const m = d.meldcode;
  const uitkomst = evaluateAfwegingskader(m.antwoorden);
  const nummer = uitkomst.volgendeVraag ?? 1;
  const nuMelden = uitkomst.meldenNoodzakelijk === true && m.status !== 'gemeld' ? [{ verb: 'melding-formulier' as const, titel: `Nu melden bij ${vt.naam}` }] : [];
  const samen = uitkomst.samenMetVeiligThuis && nummer >= 3;
  const antwoorden =
    nummer === 2
      ? [
          { titel: 'Ja, acute onveiligheid', antwoord: 'ja', onveiligheid: 'acuut' },
          { titel: 'Ja, structurele onveiligheid', antwoord: 'ja', onveiligheid: 'structureel' },
          { titel: 'Ja, beide', antwoord: 'ja', onveiligheid: 'beide' },
          { titel: 'Nee', antwoord: 'nee', onveiligheid: '' },
        ]
      : [
          { titel: 'Ja', antwoord: 'ja', onveiligheid: '' },
          { titel: 'Nee', antwoord: 'nee', onveiligheid: '' },
        ];
  return bouw(
    afweging,
    {
      ...basis,
      kop: m.status === 'gemeld' ? `Stap ${nummer <= 2 ? 4 : 5} van 5 · na de melding` : basis.kop,
      secundair: [...nuMelden, ...basis.secundair.filter((a) => !(nuMelden.length > 0 && a.verb === 'melding-formulier'))],
    },
    {
      ...invoer,
      vraagNummer: nummer,
      vraag: AFWEGINGSVRAGEN[nummer - 1]?.vraag ?? '',
      samenMetVeiligThuis: samen,
      veiligThuisNaam: vt.naam,
      veiligThuisTelefoon: vt.telefoon,
      acuut: m.status !== 'gemeld' && (m.onveiligheid === 'acuut' || m.onveiligheid === 'beide'),
      samenUitleg:
        m.status === 'gemeld'
          ? 'Uw melding is verstuurd. Deze vraag beantwoordt u samen met Veilig Thuis: leg vast met wie en op welke datum.'
          : 'Er is acute of structurele onveiligheid, dus melden is noodzakelijk. Deze vraag beantwoordt u samen met Veilig Thuis: leg vast met wie en op welke datum.',
      definities: DEFINITIES[nummer] ?? [],
      antwoorden: antwoorden.map((a) => ({ ...a, invoer: samen ? 'auto' : 'none' })),
    },
    d,
  );
}

function meldingKaart(d: Dossier, basis: Kader, invoer: ReturnType<typeof formulier>, v: DossierKaartInvoer): KaartBijlage {
  const m = d.meldcode;
  const vt = v.veiligThuis;
  const acuut = m.onveiligheid === 'acuut' || m.onveiligheid === 'beide';
  const termijn = veiligheidsbeoordelingDeadline(v.nu, false, v.kalender);
  return bouw(
    melding,
    { ...basis, kop: 'Melding', titel: `Melding doen bij ${vt.naam}` },
    {
      ...invoer,
      acuut,
      veiligThuisNaam: vt.naam,
      veiligThuisTelefoon: vt.telefoon,
      // No preselection: the professional chooses the family's gemeente consciously.
      gemeenten: v.gemeenten.map((g) => ({ titel: g, waarde: g })),
      vroeg: m.stap < 5 || evaluateAfwegingskader(m.antwoorden).volgendeVraag !== null,
      daarna: acuut
        ? `Na uw melding: veiligheidsbeoordeling vandaag (spoed) door ${vt.naam}.`
        : `Na uw melding: veiligheidsbeoordeling door ${vt.naam} uiterlijk ${datum(termijn)} (binnen 5 werkdagen; bij spoed vandaag).`,
    },
    d,
  );
}

const AFSLUIT_UITLEG: Readonly<Record<'lopend' | 'zelf-hulp' | 'gemeld', { tekst: string; knop: string }>> = {
  lopend: {
    tekst: 'U sluit de meldcode af als er geen vermoeden van huiselijk geweld of kindermishandeling meer is. Leg vast waarom: dat hoort bij uw verslaglegging.',
    knop: 'Meldcode afsluiten',
  },
  'zelf-hulp': {
    tekst: 'U heeft besloten zelf hulp te bieden of te organiseren: u biedt of organiseert zelf hulp en blijft de veiligheid volgen. Rond de meldcode pas af als de hulp tot duurzame veiligheid heeft geleid; tot dan weegt u afweging 5 opnieuw op de vervolgdatum. Leg vast waarom u afrondt.',
    knop: 'Meldcode afronden',
  },
  gemeld: {
    tekst: 'U rondt uw eigen deel van de meldcode af. De melding blijft bij Veilig Thuis, dat u terugkoppeling geeft. Leg vast waarom u afrondt.',
    knop: 'Mijn deel afronden',
  },
};

function afsluitKaart(d: Dossier, basis: Kader, invoer: ReturnType<typeof formulier>): KaartBijlage {
  const m = d.meldcode;
  const status = m.status === 'afgesloten' ? 'lopend' : m.status;
  const uitleg = AFSLUIT_UITLEG[status];
  // Closing while beslissing 1 says melden: the obligation is shown and needs an explicit yes.
  const meldplicht = m.status === 'lopend' && evaluateAfwegingskader(m.antwoorden).meldenNoodzakelijk === true;
  return bouw(afsluiten, { ...basis, kop: 'Afsluiten', titel: uitleg.knop }, { ...invoer, ...uitleg, meldplicht }, d);
}

/** An early exit: the reason is shown, one line of explanation is asked, nothing is recorded yet. */
function bevestigAfsluitKaart(d: Dossier, basis: Kader, invoer: ReturnType<typeof formulier>, bevestig: DossierKaartInvoer['bevestig']): KaartBijlage {
  const kaart = bouw(
    afsluitenBevestigen,
    { ...basis, kop: 'Afsluiten?', titel: 'Meldcode afsluiten', melding: '', secundair: [] },
    { ...invoer, reden: basis.melding, verb: bevestig?.verb ?? 'open' },
    d,
  );
  // The confirmation sends the original answer again, now with its reason; the template only
  // knows the dossier id, so the rest of the answer is added here.
  return metActieData(kaart, 'bevestig', bevestig?.data ?? {});
}

function metActieData(kaart: KaartBijlage, markering: string, extra: Record<string, string>): KaartBijlage {
  const { dossierId: _id, verb: _verb, afsluitToelichting: _t, ...data } = extra;
  const vul = (knoop: unknown): unknown => {
    if (Array.isArray(knoop)) return knoop.map(vul);
    if (typeof knoop !== 'object' || knoop === null) return knoop;
    const uit = Object.fromEntries(Object.entries(knoop).map(([k, w]) => [k, vul(w)])) as Record<string, unknown>;
    const eigen = uit['data'] as Record<string, unknown> | undefined;
    if (eigen && eigen[markering] === 'ja') {
      const { [markering]: _m, ...rest } = eigen;
      uit['data'] = { ...data, ...rest };
    }
    return uit;
  };
  return { contentType: ADAPTIVE_CARD, content: vul(kaart.content) as Record<string, unknown> };
}

function standaardWaarden(v: DossierKaartInvoer): Record<string, string> {
  const m = v.dossier.meldcode;
  const acuut = m.onveiligheid === 'acuut' || m.onveiligheid === 'beide';
  const vandaag = v.nu.setZone(ZONE).toISODate() ?? '';
  return {
    werktMetVolwassenen: 'false',
    adviesVeiligThuis: 'false',
    opNaamAdviesvrager: 'true',
    overigeZorgmelding: 'false',
    besprokenMetGezin: 'false',
    kenmerkBevestigd: 'false',
    // Acute unsafety: the melding form opens as spoed (the professional may still untick it).
    spoed: acuut ? 'true' : 'false',
    soort: 'open',
    datum: vandaag,
    samenMetOp: vandaag,
    melderNaam: v.dossier.eigenaar.naam,
    adviesvragerNaam: v.dossier.eigenaar.naam,
    referentie: v.dossier.referentie,
    ...(v.scherm === 'melding' && m.signalen ? { feiten: m.signalen.beschrijving } : {}),
    // A step corrected later ("Vorig antwoord corrigeren") comes back with what was recorded.
    ...(v.scherm === 'signalen' ? vastgelegdeSignalen(m.signalen) : {}),
    ...(v.scherm === 'overleg' ? vastgelegdOverleg(m.overleg) : {}),
    ...(v.scherm === 'gesprek' ? vastgelegdGesprek(m.gesprek) : {}),
  };
}

function vastgelegdeSignalen(s: Dossier['meldcode']['signalen']): Record<string, string> {
  if (s === undefined) return {};
  return { categorieen: s.categorieen.join(','), beschrijving: s.beschrijving, waargenomenDoor: s.waargenomenDoor, ...(s.waargenomenOp ? { waargenomenOp: s.waargenomenOp } : {}) };
}

function vastgelegdOverleg(o: Dossier['meldcode']['overleg']): Record<string, string> {
  if (o === undefined) return {};
  return { met: o.met.join(','), adviesVeiligThuis: String(o.adviesVeiligThuis), uitkomst: o.uitkomst, voldoendeSignalen: o.voldoendeSignalen ? 'ja' : 'nee' };
}

function vastgelegdGesprek(g: Dossier['meldcode']['gesprek']): Record<string, string> {
  if (g === undefined) return {};
  return g.uitkomst === 'niet-gevoerd' ? { uitkomst: g.uitkomst, reden: g.reden, ...(g.toelichting ? { toelichting: g.toelichting } : {}) } : { uitkomst: g.uitkomst, samenvatting: g.samenvatting };
}

function beslissingKaart(d: Dossier, basis: Kader, regio: RegioWeergave): KaartBijlage {
  const vt = regio.veiligThuis;
  const b = d.meldcode.beslissingen;
  if (b === undefined) return statusKaart(d, basis, regio);
  const melden = b.route === 'melden' || b.route === 'melden-en-hulp';
  const primair: (Actie & { antwoord?: string })[] = melden
    ? [
        { verb: 'melding-formulier', titel: `Melding doen bij ${vt.naam}` },
        { verb: 'advies-formulier', titel: 'Eerst advies vastleggen' },
      ]
    : [
        { verb: 'herweeg-afweging-5', titel: 'Afweging 5 opnieuw: ja, duurzaam veilig', antwoord: 'ja' },
        { verb: 'herweeg-afweging-5', titel: 'Afweging 5 opnieuw: nee, melden', antwoord: 'nee' },
        { verb: 'advies-formulier', titel: 'Advies vastleggen' },
        { verb: 'melding-formulier', titel: 'Toch melden' },
      ];
  const vervolg = d.meldcode.vervolgAfweging5Op;
  return bouw(
    beslissing,
    { ...basis, kop: 'Stap 5 van 5', titel: 'Beslissen' },
    {
      beslissing1: b.meldenNoodzakelijk ? 'Melden is noodzakelijk' : 'Melden is niet noodzakelijk',
      beslissing2: b.hulpMogelijk ? 'Hulp bieden of organiseren is (ook) mogelijk' : 'Hulp bieden of organiseren is niet (voldoende) mogelijk',
      reden: b.reden,
      watNu: melden
        ? `Doe een melding bij ${vt.naam}. Melden betekent niet dat u de hulp overdraagt: u werkt samen met Veilig Thuis.`
        : `U biedt of organiseert zelf hulp en blijft de veiligheid volgen.${vervolg ? ` Op ${datum(eindVanDag(vervolg))} weegt u afweging 5 opnieuw: leidt de hulp tot duurzame veiligheid?` : ''} Advies of ondersteuning van Veilig Thuis blijft mogelijk.`,
      primair: primair.map((a) => ({ antwoord: '', ...a })),
    },
    d,
  );
}

function statusKaart(d: Dossier, basis: Kader, regio: RegioWeergave): KaartBijlage {
  const vt = regio.veiligThuis;
  const m = d.meldcode;
  const kenmerkWijzigen: Actie = { verb: 'kenmerk-formulier', titel: 'Kenmerk wijzigen' };
  if (m.status === 'gemeld' && d.veiligThuis) {
    const ontvangen = d.veiligThuis.ontvangstBevestigdOp !== undefined;
    const wachtOpKoppeling = !ontvangen && (d.uitgaand ?? []).some((u) => u.wachtOpKoppelingSinds !== undefined && u.bezorgdOp === undefined);
    const termijn = veiligheidsbeoordelingDeadline(beoordelingVanaf(d.veiligThuis), d.veiligThuis.spoed, regio.kalender);
    const buiten = d.veiligThuis.spoedBuitenKantoortijd;
    // Outside office hours the crisis service acts now and the beoordeling follows the next office day.
    const watNu = buiten
      ? `${buiten.crisisdienst ?? vt.crisisdienst?.naam ?? 'De crisisdienst van de regio'} handelt direct; ${vt.naam} doet uiterlijk ${datum(openMijlpalen(d, regio.kalender).find((x) => x.id === 'veiligheidsbeoordeling')?.deadline ?? termijn)}`
      : `${vt.naam} doet ${d.veiligThuis.spoed ? 'vandaag (spoed)' : `uiterlijk ${datum(termijn)} (binnen 5 werkdagen)`}`;
    // After "Mijn deel afronden" nothing of the meldcode is open any more: offer no steps.
    const open = !isMeldcodeAfgesloten(m);
    const verder = open && m.stap < 5 ? [{ verb: 'stap-formulier' as const, titel: `Verder met stap ${m.stap}: ${STAP_TITELS[m.stap]}` }] : [];
    const vragen = open && m.stap === 5 && evaluateAfwegingskader(m.antwoorden).volgendeVraag !== null ? [{ verb: 'afweging-formulier' as const, titel: `Afweging samen met ${vt.naam}` }] : [];
    return bouw(
      status,
      {
        ...basis,
        kop: 'Melding',
        titel: ontvangen ? `Melding ontvangen door ${vt.naam}` : `Melding verstuurd naar ${vt.naam}`,
        // No Veilig Thuis channel bound yet: the melding waits in meldroute; the phone always works.
        melding: basis.melding || (wachtOpKoppeling ? `${vt.naam} heeft uw melding nog niet kunnen ontvangen in meldroute. Bel ${vt.naam} ook zelf: ${vt.telefoon}. De melding wordt afgeleverd zodra dat kan.` : ''),
        meldingStijl: basis.melding || wachtOpKoppeling ? 'attention' : 'good',
      },
      {
        toelichting: [
          `Wat nu: ${watNu} een veiligheidsbeoordeling en besluit wie de vervolgstappen zet. U krijgt daarna terugkoppeling van Veilig Thuis${m.melding?.soort === 'anoniem-tov-gezin' ? ', ook nu u anoniem ten opzichte van het gezin meldde' : ''}.`,
          'Melden betekent niet dat u de hulp overdraagt: u werkt samen met Veilig Thuis.',
          m.gemeldInStap !== undefined && verder.length + vragen.length > 0 ? `U meldde in stap ${m.gemeldInStap}. Wat van de meldcode nog open staat, kunt u hier verder vastleggen.` : '',
          `Vragen of nieuwe zorgen? Bel ${vt.naam}: ${vt.telefoon} (dag en nacht). Bij direct gevaar: 112.`,
        ]
          .filter((t) => t !== '')
          .join('\n\n'),
        primair: [...verder, ...vragen, { verb: 'casussen', titel: 'Mijn casussen' }],
      },
      d,
    );
  }
  const vroeg = m.afsluiting !== undefined && m.afsluiting.reden !== 'handmatig' && m.afsluiting.reden !== 'dossier-afgesloten';
  const zelfHulp = m.beslissingen?.route === 'zelf-hulp';
  return bouw(
    status,
    { ...basis, kop: 'Meldcode', titel: zelfHulp ? 'Meldcode afgerond: zelf hulp' : 'Meldcode afgesloten' },
    {
      toelichting: `${zelfHulp ? 'Afgerond' : 'Afgesloten'} op ${m.afsluiting ? lokaleTijd(m.afsluiting.op) : '-'}: ${d.gebeurtenissen.at(-1)?.omschrijving ?? ''}${m.afsluiting?.toelichting ? `. Reden: ${zonderMarkdown(m.afsluiting.toelichting)}` : ''}${zelfHulp ? '. U biedt of organiseert zelf hulp en blijft de veiligheid volgen.' : ''}`,
      primair: [...(vroeg ? [{ verb: 'corrigeer' as const, titel: 'Vorig antwoord corrigeren' }] : []), { verb: 'nieuw', titel: 'Nieuwe meldcode starten' }, kenmerkWijzigen],
    },
    d,
  );
}

/** The one entry point the bot uses: a view model in, a card out. */
export function kaartVoor(w: Weergave, omgeving: KaartOmgeving = {}): KaartBijlage {
  switch (w.soort) {
    case 'welkom':
      return welkomKaart(w.melding);
    case 'hulp':
      return hulpKaart();
    case 'kanaalhulp':
      return kanaalhulpKaart(omgeving, w.melding, w.registreren === true, w.kanaalVan);
    case 'vt-registratie':
      return vtRegistratieKaart(w);
    case 'alleen-persoonlijk':
      return alleenPersoonlijkKaart(omgeving);
    case 'start':
      return startKaart(w.waarden, w.fouten, w.kenmerkWaarschuwing, w.sleutel);
    case 'dossier':
      return dossierKaart(w, omgeving);
    case 'casussen':
      return casussenKaart(w.dossiers, w.nu, w.regio);
    case 'verslag':
      return verslagKaart(w.dossier, w.inhoud, w.nu, w);
    case 'kanaal-dossier':
      return kanaalDossierKaart(w);
    case 'kanaal-casussen':
      return kanaalCasussenKaart(w);
    case 'herinnering':
      return w.kaart.soort === 'termijn' ? termijnKaart(w.kaart) : termijnAfgehandeldKaart(w.kaart);
    case 'fout':
      return foutKaart(w.melding);
  }
}
