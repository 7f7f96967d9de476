import type { DateTime } from 'luxon';
import { metGebeurtenis, tijdstip, type Context, type Effect, type Wijziging } from './effecten.js';
import { nieuweMeldcode } from './meldcode.js';
import type {
  Afsluiting,
  Dossier,
  Melding,
  EscalatieRoute,
  Monitoring,
  MonitoringDoor,
  MonitoringMoment,
  Overdracht,
  OverdrachtAfspraken,
  OverdrachtMoment,
  Overdrachtspartij,
  RegieOverdracht,
  VbBesluit,
  VeiligThuis,
  Veiligheidsbeoordeling,
  Veiligheidstaxatie,
  VtFase,
  VtInFase,
  Verzending,
} from './model.js';
import { escalatieUitkomstDeadline, signaleringTekst, structureelSignaal, type StructureelSignaal } from './escalatie.js';
import { CONTACT_WIJZEN, VERVOLGSTAPPEN_LOKAAL_TEAM } from './model.js';
import { fout, ok, type DomeinFout, type Resultaat } from './resultaat.js';
import { uiterlijkeStartZichtVeiligThuis, vanIso } from './tijd/termijnen.js';
import { ZONE, landelijkeKalender, type WerkdagKalender } from './tijd/werkdagen.js';

/** Monitoring moments in months after the overdracht: at least 3 and 12 (seeds 002, 003, 004 §7.1). */
export const STANDAARD_MONITORING_MAANDEN: readonly number[] = [3, 12];
/** Extra moments VT may add, in whole months after the overdracht; monitoring lasts 1.5 years on average (seed 004 §7.1). */
export const MAX_MONITORING_MAANDEN = 36;

/**
 * The monitoring plan as VT decides it with the overdracht (seed 004 §7.1): with whom, how often
 * and how, extra moments on top of 3 and 12 months, and who monitors. Without `door` the region's
 * rule applies; choosing the other party is a deviation that needs a reason.
 */
export interface MonitoringPlanKeuze {
  readonly metWie: string;
  readonly frequentieEnWijze: string;
  readonly extraMaanden?: readonly number[];
  readonly door?: MonitoringDoor;
  readonly redenAfwijking?: string;
}

export type VtCommando =
  | {
      readonly soort: 'veiligheidsbeoordeling';
      readonly taxatie: Veiligheidstaxatie;
      readonly besluit: VbBesluit;
      readonly risicofactoren: readonly string[];
      readonly veiligheidsvoorwaarden?: readonly string[];
      /** Required when besluit = overdracht. */
      readonly partij?: Overdrachtspartij;
      /** After a direct overdracht na veiligheidsbeoordeling, monitoring happens only when VT decides so. */
      readonly monitoring?: boolean;
      /** VT's advised pick-up term for the lokaal team in days (default 1 week). */
      readonly adviesTermijnDagen?: number;
      /** With besluit = overdracht: the agreements, and the plan when VT monitors. */
      readonly afspraken?: OverdrachtAfspraken;
      readonly monitoringPlan?: MonitoringPlanKeuze;
    }
  /** Veilig Thuis judges urgency itself, before the veiligheidsbeoordeling, with a reason. */
  | { readonly soort: 'spoed-besluit'; readonly spoed: boolean; readonly reden: string }
  | { readonly soort: 'wissel-naar-onderzoek' }
  | {
      readonly soort: 'rond-vervolg-af';
      readonly uitkomstOnderzoek?: 'bevestigd' | 'weerlegd';
      readonly veiligheidsvoorwaarden: readonly string[];
      readonly partij: Overdrachtspartij;
      /** Not monitoring after V&V, or after a confirmed Onderzoek, must be justified. */
      readonly redenGeenMonitoring?: string;
      readonly adviesTermijnDagen?: number;
      readonly afspraken?: OverdrachtAfspraken;
      readonly monitoringPlan?: MonitoringPlanKeuze;
    }
  | { readonly soort: 'bevestig-overdracht'; readonly regisseur: string }
  /** When (a date, not in the future) and how the team reached the family; without them, now. */
  | { readonly soort: 'contact-gezin'; readonly datum?: string; readonly wijze?: (typeof CONTACT_WIJZEN)[number] }
  | { readonly soort: 'terugkoppeling'; readonly samenvatting: string }
  | { readonly soort: 'beargumenteerd-besluit'; readonly reden: string; readonly oppakkenOp: string }
  | { readonly soort: 'terug-naar-vt'; readonly reden: string }
  | {
      readonly soort: 'monitoring';
      readonly maandenNaOverdracht: number;
      readonly voorwaardenNagekomen: boolean;
      readonly directeVeiligheid: boolean;
      readonly stabieleVeiligheid: boolean;
      readonly aandachtVoorHerstel: boolean;
      readonly vervolgstap: NonNullable<MonitoringMoment['vervolgstap']>;
      readonly alleDirectbetrokkenenGesproken: boolean;
      readonly toelichtingGesproken?: string;
    }
  | {
      readonly soort: 'start-escalatie';
      readonly reden: string;
      /** The start moments of the gemeente's earlier escalations, counted by the caller: for the structural-problem flag. */
      readonly eerdereInGemeente?: { readonly gemeente: string; readonly gestartOp: readonly string[] };
    }
  | {
      readonly soort: 'rond-escalatie-af';
      readonly uitkomst: 'I' | 'II';
      /** The route the card asked about; another route running now means the card is out of date. */
      readonly route?: EscalatieRoute;
    }
  | {
      readonly soort: 'draag-regie-over';
      readonly naar: RegieOverdracht['naar'];
      readonly reden: string;
      /** Prefilled from Veilig Thuis's list and edited by the team: what moves is what it sends. */
      readonly veiligheidsvoorwaarden: readonly string[];
      readonly veiligheidsplan: string;
    }
  | {
      readonly soort: 'sluit-af';
      readonly reden: string;
      /** The written confirmation to the directbetrokkenen: when it was sent, and how. */
      readonly directbetrokkenen: Verzending;
      /** Needed when a party has no channel in meldroute (afsluitberichtOntvangers): VT sent it itself. */
      readonly afsluitberichtDoorVt?: Verzending;
    };

export type VtFoutCode =
  | 'geen-melding'
  | 'ongeldige-overgang'
  | 'partij-ontbreekt'
  | 'monitoring-niet-toegestaan'
  | 'reden-geen-monitoring-ontbreekt'
  | 'uitkomst-onderzoek-ontbreekt'
  | 'contact-ontbreekt'
  | 'geen-monitoringmoment'
  | 'geen-escalatie'
  | 'escalatie-loopt-al'
  | 'andere-route'
  | 'besluit-past-niet-bij-taxatie'
  | 'ongeldige-termijn'
  | 'regie-overgedragen'
  | 'voorwaarden-ontbreken'
  | 'veiligheidsplan-ontbreekt'
  | 'bevestiging-in-toekomst'
  | 'afsluitbericht-ontbreekt'
  | 'afsluitbericht-in-toekomst'
  | 'reden-spoed-ontbreekt'
  | 'vervolgstap-voor-veilig-thuis'
  | 'ongeldige-datum'
  | 'ongeldig-monitoringmoment'
  | 'reden-afwijking-ontbreekt'
  | 'monitoring-door-ongeldig'
  | 'toelichting-gesproken-ontbreekt';

export type VtFout = DomeinFout<VtFoutCode>;

export const FASE_LABELS: Readonly<Record<VtFase, string>> = {
  'melding-ontvangen': 'melding ontvangen, veiligheidsbeoordeling loopt',
  vervolg: 'Voorwaarden & Vervolg of Onderzoek loopt',
  'overdracht-aangeboden': 'overdracht wacht op bevestiging',
  overgedragen: 'overgedragen',
  'terug-bij-vt': 'terug bij Veilig Thuis',
  afgesloten: 'afgesloten',
};

/** Which commands each phase accepts: the transition map of the Veilig Thuis process. */
const TOEGESTAAN = {
  veiligheidsbeoordeling: ['melding-ontvangen', 'terug-bij-vt'],
  'spoed-besluit': ['melding-ontvangen'],
  'wissel-naar-onderzoek': ['vervolg'],
  'rond-vervolg-af': ['vervolg'],
  'bevestig-overdracht': ['overdracht-aangeboden'],
  'contact-gezin': ['overgedragen'],
  terugkoppeling: ['overgedragen'],
  'beargumenteerd-besluit': ['overdracht-aangeboden', 'overgedragen'],
  'terug-naar-vt': ['overgedragen'],
  monitoring: ['overgedragen'],
  'draag-regie-over': ['overgedragen'],
  'start-escalatie': ['melding-ontvangen', 'vervolg', 'overdracht-aangeboden', 'overgedragen', 'terug-bij-vt'],
  'rond-escalatie-af': ['melding-ontvangen', 'vervolg', 'overdracht-aangeboden', 'overgedragen', 'terug-bij-vt'],
  // Every melding gets a veiligheidsbeoordeling first (seed 004 §5): closing right after receipt is
  // its decision "geen vervolg nodig", which also tells the melder what Veilig Thuis decided.
  'sluit-af': ['vervolg', 'overdracht-aangeboden', 'overgedragen', 'terug-bij-vt'],
} as const satisfies Readonly<Record<VtCommando['soort'], readonly VtFase[]>>;

/** The record of Veilig Thuis in a phase where the transition map accepts command `C`. */
type VtVoor<C extends VtCommando['soort']> = VtInFase<(typeof TOEGESTAAN)[C][number]>;

function toegestaan<C extends VtCommando['soort']>(vt: VeiligThuis, soort: C): vt is VtVoor<C> {
  return (TOEGESTAAN[soort] as readonly VtFase[]).includes(vt.fase);
}

/**
 * Inside a command, after the transition map let it through: the record is one of the phases the
 * map names, with the data those phases always have (an overdracht phase has its overdracht).
 */
function inToegestaneFase<C extends VtCommando['soort']>(vt: VeiligThuis, soort: C): asserts vt is VtVoor<C> {
  if (!toegestaan(vt, soort)) throw new Error(`${soort} in fase ${vt.fase}: de overgangstabel had dit moeten weigeren`);
}

/**
 * A melding is handed to Veilig Thuis of the dossier's region: its process starts, with the
 * deadlines counted from now. Whether VT has actually received it is recorded separately
 * (`bevestigOntvangst`), so the professional is never told "ontvangen" too early.
 */
export function startVeiligThuis(dossier: Dossier, spoed: boolean, ctx: Context): Wijziging {
  const kalender = ctx.instellingen?.kalender ?? landelijkeKalender;
  const crisisdienst = ctx.instellingen?.crisisdienst;
  const buitenKantoortijd = spoed && !kalender.isKantoortijd(ctx.op);
  const veiligThuis: VeiligThuis = {
    fase: 'melding-ontvangen',
    regioId: dossier.regioId,
    ontvangenOp: tijdstip(ctx.op),
    spoed,
    ...(buitenKantoortijd ? { spoedBuitenKantoortijd: crisisdienst ? { crisisdienst } : {} } : {}),
    veiligheidsvoorwaarden: [],
    escalaties: [],
  };
  return { dossier: { ...dossier, veiligThuis }, effecten: [{ soort: 'melding-naar-veilig-thuis', regioId: dossier.regioId, spoed }] };
}

/** A melding Veilig Thuis registers itself (police, citizen, a professional by phone): received at once. */
export function ontvangMelding(dossier: Dossier, spoed: boolean, ctx: Context): Wijziging {
  const gestart = startVeiligThuis(dossier, spoed, ctx);
  return { ...gestart, dossier: bevestigOntvangst(gestart.dossier, ctx) };
}

/** Veilig Thuis has the melding: credited to whoever received it at Veilig Thuis, not to the melder. */
export function bevestigOntvangst(dossier: Dossier, ctx: Context): Dossier {
  const vt = dossier.veiligThuis;
  if (vt === undefined || vt.ontvangstBevestigdOp !== undefined) return dossier;
  return metGebeurtenis({ ...dossier, veiligThuis: { ...vt, ontvangstBevestigdOp: tijdstip(ctx.op) } }, ctx, 'melding-ontvangen', 'Melding ontvangen door Veilig Thuis');
}

/**
 * A melding Veilig Thuis registers itself in its channel: a new dossier owned by Veilig Thuis of
 * the region (no professional's view exists: its owner is no person), received at once.
 */
export function registreerVtMelding(
  g: { readonly id: string; readonly referentie: string; readonly regioId: string; readonly veiligThuisNaam: string; readonly melding: Extract<Melding, { soort: 'bij-veilig-thuis' }> },
  ctx: Context,
): Wijziging {
  const eigenaar = { id: `veilig-thuis:${g.regioId}`, naam: g.veiligThuisNaam };
  const dossier: Dossier = {
    id: g.id,
    referentie: g.referentie,
    organisatieId: eigenaar.id,
    regioId: g.regioId,
    eigenaar,
    aangemaaktOp: tijdstip(ctx.op),
    meldcode: { ...nieuweMeldcode(false), status: 'gemeld', melding: g.melding },
    herinneringen: [],
    gebeurtenissen: [],
  };
  const ontvangen = ontvangMelding(metGebeurtenis(dossier, ctx, 'melding', `Melding geregistreerd door Veilig Thuis (${g.melding.bron})`), g.melding.spoed, ctx);
  return ontvangen;
}

export function pasVeiligThuisToe(dossier: Dossier, commando: VtCommando, ctx: Context): Resultaat<Wijziging, VtFout> {
  const vt = dossier.veiligThuis;
  if (vt === undefined) return fout({ code: 'geen-melding', melding: 'Er is voor dit dossier geen melding bij Veilig Thuis.' });
  if (!toegestaan(vt, commando.soort)) {
    return fout({
      code: 'ongeldige-overgang',
      melding: `Dat kan nu niet: het dossier is in de fase "${FASE_LABELS[vt.fase]}".`,
    });
  }
  if (vt.overdracht?.regie !== undefined && NA_REGIE_VOORBIJ.has(commando.soort)) {
    return fout({ code: 'regie-overgedragen', melding: `De regie is overgedragen aan ${vt.overdracht.regie.naar.naam}; voor uw team staat hier niets meer open.` });
  }
  const nu = tijdstip(ctx.op);
  const klaar = (nieuw: VeiligThuis, soort: string, omschrijving: string, effecten: Effect[] = []): Resultaat<Wijziging, VtFout> =>
    ok({ dossier: metGebeurtenis({ ...dossier, veiligThuis: nieuw }, ctx, soort, omschrijving), effecten });

  switch (commando.soort) {
    case 'veiligheidsbeoordeling': {
      const taxatieFout = toetsBesluit(commando.taxatie, commando.besluit);
      if (taxatieFout !== undefined) return fout(taxatieFout);
      const termijn = toetsTermijn(commando.adviesTermijnDagen);
      if (termijn !== undefined) return fout(termijn);
      const beoordeling = { op: nu, taxatie: commando.taxatie, besluit: commando.besluit, risicofactoren: [...commando.risicofactoren] };
      const metVb = {
        ...vt,
        veiligheidsbeoordeling: beoordeling,
        veiligheidsvoorwaarden: [...(commando.veiligheidsvoorwaarden ?? vt.veiligheidsvoorwaarden)],
      };
      const omschrijving = `Veiligheidsbeoordeling: ${VB_BESLUIT_LABELS[commando.besluit]}`;
      const melder = aanMelder(dossier, 'na-veiligheidsbeoordeling');
      switch (commando.besluit) {
        case 'geen-vervolg':
          return klaar({ ...metVb, fase: 'afgesloten', afgeslotenOp: nu }, 'veiligheidsbeoordeling', omschrijving, [{ soort: 'dossier-afgesloten' }, ...melder]);
        case 'voorwaarden-en-vervolg':
        case 'onderzoek':
          return klaar({ ...metVb, fase: 'vervolg', vervolg: { soort: commando.besluit, gestartOp: nu } }, 'veiligheidsbeoordeling', omschrijving, [
            informeerLokaalTeam(dossier, vt.regioId, commando.besluit),
            ...melder,
          ]);
        case 'overdracht': {
          if (commando.partij === undefined) return partijOntbreekt();
          const monitoring = bepaalMonitoring('na-veiligheidsbeoordeling', commando.partij, {
            besloten: commando.monitoring === true,
            ...planOpties(commando, ctx, 'na-veiligheidsbeoordeling'),
          });
          if (!monitoring.ok) return monitoring;
          const over = draagOver(dossier, metVb, commando.partij, 'na-veiligheidsbeoordeling', monitoring.waarde, nu, commando.adviesTermijnDagen, klaar, omschrijving, commando.afspraken);
          return over.ok ? ok({ ...over.waarde, effecten: [...over.waarde.effecten, ...melder] }) : over;
        }
      }
    }
    // falls through: unreachable, every besluit returns above
    case 'spoed-besluit': {
      inToegestaneFase(vt, commando.soort);
      const reden = commando.reden.trim();
      if (reden.length === 0) return fout({ code: 'reden-spoed-ontbreekt', melding: 'Geef kort de reden van het besluit over spoed.' });
      if (commando.spoed === vt.spoed) return fout({ code: 'ongeldige-overgang', melding: vt.spoed ? 'Deze melding is al spoed.' : 'Deze melding is al geen spoed.' });
      // Urgent from now: outside office hours the crisis service acts and the beoordeling follows the next office day.
      const kalender = ctx.instellingen?.kalender ?? landelijkeKalender;
      const crisisdienst = ctx.instellingen?.crisisdienst;
      const { spoedBuitenKantoortijd: _vorige, ...zonder } = vt;
      const buiten = commando.spoed && !kalender.isKantoortijd(ctx.op);
      return klaar(
        { ...zonder, spoed: commando.spoed, spoedBesluit: { op: nu, spoed: commando.spoed, reden }, ...(buiten ? { spoedBuitenKantoortijd: crisisdienst ? { crisisdienst } : {} } : {}) },
        'spoed-besluit',
        commando.spoed ? 'Veilig Thuis besluit: spoed' : 'Veilig Thuis besluit: geen spoed',
      );
    }
    case 'wissel-naar-onderzoek': {
      if (vt.vervolg?.soort !== 'voorwaarden-en-vervolg') {
        return fout({ code: 'ongeldige-overgang', melding: 'Alleen Voorwaarden & Vervolg kan worden omgezet in een Onderzoek.' });
      }
      // The 10-week term still runs from the veiligheidsbeoordeling: only the service changes.
      return klaar({ ...vt, vervolg: { ...vt.vervolg, soort: 'onderzoek', gewisseldVanVvOp: nu } }, 'vervolg-gewisseld', 'Voorwaarden & Vervolg omgezet in Onderzoek', [
        informeerLokaalTeam(dossier, vt.regioId, 'onderzoek'),
      ]);
    }
    case 'rond-vervolg-af': {
      inToegestaneFase(vt, commando.soort);
      const vervolg = vt.vervolg;
      if (vervolg.soort === 'onderzoek' && commando.uitkomstOnderzoek === undefined) {
        return fout({ code: 'uitkomst-onderzoek-ontbreekt', melding: 'Leg vast of het vermoeden door het onderzoek is bevestigd of weerlegd.' });
      }
      const termijn = toetsTermijn(commando.adviesTermijnDagen);
      if (termijn !== undefined) return fout(termijn);
      const moment: OverdrachtMoment = vervolg.soort === 'onderzoek' ? 'na-onderzoek' : 'na-voorwaarden-en-vervolg';
      const monitoring = bepaalMonitoring(moment, commando.partij, {
        weerlegd: commando.uitkomstOnderzoek === 'weerlegd',
        ...(commando.redenGeenMonitoring ? { redenGeen: commando.redenGeenMonitoring } : {}),
        ...planOpties(commando, ctx, moment),
      });
      if (!monitoring.ok) return monitoring;
      const afgerond = {
        ...vt,
        vervolg: { ...vervolg, afgerondOp: nu, ...(commando.uitkomstOnderzoek ? { uitkomstOnderzoek: commando.uitkomstOnderzoek } : {}) },
        veiligheidsvoorwaarden: [...commando.veiligheidsvoorwaarden],
      };
      const label = vervolg.soort === 'onderzoek' ? `Onderzoek afgerond (${commando.uitkomstOnderzoek})` : 'Voorwaarden & Vervolg afgerond';
      return draagOver(dossier, afgerond, commando.partij, moment, monitoring.waarde, nu, commando.adviesTermijnDagen, klaar, label, commando.afspraken);
    }
    case 'bevestig-overdracht': {
      inToegestaneFase(vt, commando.soort);
      const overdracht = vt.overdracht;
      return klaar(
        { ...vt, fase: 'overgedragen', overdracht: { ...overdracht, bevestigdOp: nu, regisseur: commando.regisseur } },
        'overdracht-bevestigd',
        `Overdracht bevestigd door ${overdracht.partij.naam}; regisseur benoemd`,
        // Veilig Thuis confirmed on another party's behalf itself: nothing to tell its own channel.
        overdracht.partij.soort === 'lokaal-team' ? [{ soort: 'overdracht-bevestigd', regioId: vt.regioId }] : [],
      );
    }
    case 'contact-gezin': {
      inToegestaneFase(vt, commando.soort);
      const vandaag = ctx.op.setZone(ZONE).toISODate() ?? '';
      const datum = commando.datum ?? vandaag;
      const ontvangen = vanIso(vt.overdracht.ontvangenOp).setZone(ZONE).toISODate() ?? '';
      if (datum > vandaag || datum < ontvangen) return fout({ code: 'ongeldige-datum', melding: 'Kies de dag van het contact: niet in de toekomst en niet vóór de overdracht.' });
      const contactGezin = commando.wijze ? { datum, wijze: commando.wijze } : undefined;
      return klaar({ ...vt, overdracht: { ...vt.overdracht, contactGezinOp: nu, ...(contactGezin ? { contactGezin } : {}) } }, 'contact-gezin', 'Contact met het gezin gelegd');
    }
    case 'terugkoppeling': {
      inToegestaneFase(vt, commando.soort);
      const overdracht = vt.overdracht;
      if (overdracht.contactGezinOp === undefined) {
        return fout({ code: 'contact-ontbreekt', melding: 'Leg eerst vast dat er contact met het gezin is geweest; daarna volgt de terugkoppeling aan Veilig Thuis.' });
      }
      return klaar(
        { ...vt, overdracht: { ...overdracht, terugkoppeling: { op: nu, samenvatting: commando.samenvatting } } },
        'terugkoppeling',
        'Terugkoppeling aan Veilig Thuis gegeven',
        [{ soort: 'terugkoppeling-naar-veilig-thuis', regioId: vt.regioId }],
      );
    }
    case 'beargumenteerd-besluit': {
      inToegestaneFase(vt, commando.soort);
      return klaar(
        { ...vt, overdracht: { ...vt.overdracht, beargumenteerdBesluit: { reden: commando.reden, oppakkenOp: commando.oppakkenOp, op: nu } } },
        'beargumenteerd-besluit',
        `Beargumenteerd besluit: casus wordt opgepakt op ${commando.oppakkenOp}`,
        [{ soort: 'beargumenteerd-besluit-naar-veilig-thuis', regioId: vt.regioId }],
      );
    }
    case 'terug-naar-vt':
      inToegestaneFase(vt, commando.soort);
      return klaar({ ...vt, fase: 'terug-bij-vt', terugBijVt: { op: nu, reden: commando.reden } }, 'terug-naar-vt', 'Casus teruggelegd bij Veilig Thuis', [
        { soort: 'terug-naar-veilig-thuis', regioId: vt.regioId },
      ]);
    case 'monitoring': {
      inToegestaneFase(vt, commando.soort);
      const momenten = vt.monitoring.momenten;
      const index = momenten.findIndex((m) => m.maandenNaOverdracht === commando.maandenNaOverdracht && m.uitgevoerdOp === undefined);
      if (!vt.monitoring.gepland || index < 0) {
        return fout({ code: 'geen-monitoringmoment', melding: `Er staat geen open monitoringmoment na ${commando.maandenNaOverdracht} maanden gepland.` });
      }
      const doorTeam = vt.monitoring.door === 'lokaal-team';
      if (doorTeam && !(VERVOLGSTAPPEN_LOKAAL_TEAM as readonly string[]).includes(commando.vervolgstap)) {
        return fout({ code: 'vervolgstap-voor-veilig-thuis', melding: 'Een ambtshalve melding of afsluiten besluit Veilig Thuis. Kies doorgaan of dwangmaatregel adviseren; Veilig Thuis ziet de uitkomst en beslist over verdere stappen.' });
      }
      const toelichting = commando.toelichtingGesproken?.trim();
      if (!commando.alleDirectbetrokkenenGesproken && !toelichting) {
        return fout({ code: 'toelichting-gesproken-ontbreekt', melding: 'Alle directbetrokkenen worden gesproken, kinderen vanaf 4 jaar. Leg kort uit wie niet is gesproken en waarom.' });
      }
      const { soort: _s, toelichtingGesproken: _t, ...uitkomst } = commando;
      const bijgewerkt = momenten.map((m, i) => (i === index ? { ...m, ...uitkomst, ...(toelichting ? { toelichtingGesproken: toelichting } : {}), uitgevoerdOp: nu } : m));
      // "Afsluiten: geen mogelijkheden meer" is the finding; closing itself is Veilig Thuis's
      // sluit-af, so the written confirmation and the afsluitbericht are never skipped (seed 004 §7.1, §8).
      return klaar(
        { ...vt, monitoring: { ...vt.monitoring, momenten: bijgewerkt } },
        'monitoring',
        `Monitoring na ${commando.maandenNaOverdracht} maanden uitgevoerd`,
        doorTeam ? [{ soort: 'monitoring-naar-veilig-thuis', regioId: vt.regioId }] : [],
      );
    }
    case 'draag-regie-over': {
      inToegestaneFase(vt, commando.soort);
      const o = vt.overdracht;
      // Only a lokaal team that took the case over with its duties hands the regie on (seed 004 §8.5).
      if (o.partij.soort !== 'lokaal-team') return fout({ code: 'ongeldige-overgang', melding: 'Alleen het lokale team dat de overdracht bevestigde, draagt de regie over.' });
      if (commando.naar.soort === 'lokaal-team' && commando.naar.naam.trim().toLowerCase() === o.partij.naam.trim().toLowerCase()) {
        return fout({ code: 'ongeldige-overgang', melding: `De regie ligt al bij ${o.partij.naam}. Kies de partij die haar overneemt.` });
      }
      const voorwaarden = commando.veiligheidsvoorwaarden.map((v) => v.trim()).filter((v) => v.length > 0);
      if (voorwaarden.length === 0) {
        return fout({ code: 'voorwaarden-ontbreken', melding: 'Geef de veiligheidsvoorwaarden mee: die gaan uitdrukkelijk over naar de nieuwe regisseur.' });
      }
      const veiligheidsplan = commando.veiligheidsplan.trim();
      if (veiligheidsplan.length === 0) {
        return fout({ code: 'veiligheidsplan-ontbreekt', melding: 'Beschrijf het veiligheidsplan, of waar het te vinden is: het gaat mee met de regie.' });
      }
      const regie: RegieOverdracht = {
        op: nu,
        van: { naam: o.partij.naam, ...(o.regisseur ? { regisseur: o.regisseur } : {}) },
        naar: commando.naar,
        reden: commando.reden,
        veiligheidsvoorwaarden: voorwaarden,
        veiligheidsplan,
      };
      // Zicht op veiligheid moves with the regie; so does the monitoring the team held (monitoringNaRegie).
      const na = monitoringNaRegie(vt.monitoring, regie);
      return klaar({ ...vt, overdracht: { ...o, regie: { ...regie, monitoring: na.gevolg } }, monitoring: na.monitoring }, 'regie-overgedragen', `Regie overgedragen door ${o.partij.naam} aan ${commando.naar.naam}`, [
        { soort: 'regie-overgedragen', regioId: vt.regioId },
      ]);
    }
    case 'start-escalatie': {
      if (lopendeEscalatie(vt) !== undefined) return fout({ code: 'escalatie-loopt-al', melding: 'Er loopt al een escalatie; rond die eerst af.' });
      const e = commando.eerdereInGemeente;
      return startRoute(vt, 'a', commando.reden, ctx, klaar, e === undefined ? undefined : structureelSignaal(e.gemeente, e.gestartOp, ctx.op));
    }
    case 'rond-escalatie-af': {
      const lopend = lopendeEscalatie(vt);
      if (lopend === undefined) return fout({ code: 'geen-escalatie', melding: 'Er loopt geen escalatie.' });
      if (commando.route !== undefined && commando.route !== lopend.route) {
        return fout({ code: 'andere-route', melding: `Deze kaart ging over route ${commando.route}; intussen loopt route ${lopend.route}. Er is niets vastgelegd.` });
      }
      const escalaties = vt.escalaties.map((e) => (e === lopend ? { ...e, uitkomst: commando.uitkomst, afgerondOp: nu } : e));
      const afgerond = { ...vt, escalaties };
      const volgende = VOLGENDE_ROUTE[lopend.route];
      // Outcome II (not solved) goes to the next route; after route c it stays with the bestuur.
      if (commando.uitkomst === 'II' && volgende !== undefined) return startRoute(afgerond, volgende, lopend.reden, ctx, klaar);
      return klaar(afgerond, 'escalatie-afgerond', `Escalatie route ${lopend.route} afgerond met uitkomst ${commando.uitkomst}`);
    }
    case 'sluit-af': {
      const afsluiting = afsluitingVan(dossier, commando, ctx.op);
      if (!afsluiting.ok) return afsluiting;
      const { afsluitberichtKanaal } = afsluiting.waarde;
      return klaar({ ...vt, fase: 'afgesloten', afgeslotenOp: nu, afsluitreden: commando.reden, afsluiting: afsluiting.waarde }, 'dossier-afgesloten', 'Dossier afgesloten door Veilig Thuis', [
        { soort: 'dossier-afgesloten' },
        ...(afsluitberichtKanaal ? [{ soort: 'afsluitbericht-naar-lokaal-team' as const, teamId: afsluitberichtKanaal }] : []),
        ...aanMelder(dossier, 'afsluiting'),
      ]);
    }
  }
}

/** The lokaal team's steps: once it handed the regie on, none of them is its to take any more. */
/**
 * A team that hands the regie on lets the case go. Monitoring Veilig Thuis holds goes on as
 * planned; monitoring the team held (a region rule such as Zuid-Holland Zuid's) goes back to
 * Veilig Thuis, recorded as a deviation from the rule; after a gecertificeerde instelling took the
 * regie nobody monitors, as after Veilig Thuis's own overdracht to one (seed 004 §7.1).
 */
export function monitoringNaRegie(m: Monitoring, regie: RegieOverdracht): { monitoring: Monitoring; gevolg: NonNullable<RegieOverdracht['monitoring']> } {
  if (!m.gepland) return { monitoring: m, gevolg: 'geen' };
  if (regie.naar.soort === 'gecertificeerde-instelling') {
    return { monitoring: { ...m, gepland: false, redenGeenMonitoring: `Regie overgedragen aan een gecertificeerde instelling (${regie.naar.naam}): Veilig Thuis monitort dan niet.` }, gevolg: 'vervalt' };
  }
  if (m.door !== 'lokaal-team') return { monitoring: m, gevolg: 'loopt-door' };
  // Without a recorded deviation the team monitored by the region's rule.
  const regioafspraak = m.afwijking?.regioafspraak ?? 'lokaal-team';
  const { afwijking: _vorige, ...zonder } = m;
  const reden = `${regie.van.naam} droeg de regie over aan ${regie.naar.naam}; Veilig Thuis neemt de monitoring over.`;
  return { monitoring: { ...zonder, door: 'veilig-thuis', ...(regioafspraak === 'veilig-thuis' ? {} : { afwijking: { regioafspraak, reden } }) }, gevolg: 'naar-veilig-thuis' };
}

const NA_REGIE_VOORBIJ: ReadonlySet<VtCommando['soort']> = new Set(['contact-gezin', 'terugkoppeling', 'beargumenteerd-besluit', 'terug-naar-vt', 'draag-regie-over']);

/**
 * Who gets the afsluitbericht, and how (seed 004 §8, "overdrachtsbrief na afronden monitoring en
 * sluiten dossier"). The lokaal team whose channel received the overdracht card gets a card there;
 * every other overdrachtspartij, and a party that took the regie over (it is not in meldroute),
 * hears it from Veilig Thuis itself.
 */
export function afsluitberichtOntvangers(d: Dossier): { readonly kanaal?: string; readonly doorVeiligThuis: readonly string[] } {
  const o = d.veiligThuis?.overdracht;
  if (o === undefined) return { doorVeiligThuis: [] };
  const teamId = o.partij.soort === 'lokaal-team' ? o.partij.teamId : undefined;
  const bereikt =
    teamId !== undefined && (d.uitgaand ?? []).some((u) => u.effect.soort === 'overdracht-naar-lokaal-team' && u.effect.teamId === teamId && u.bezorgdOp !== undefined);
  return { ...(bereikt ? { kanaal: teamId } : {}), doorVeiligThuis: [...(bereikt ? [] : [o.partij.naam]), ...(o.regie ? [o.regie.naar.naam] : [])] };
}

/** What closing records: the confirmation, and the afsluitbericht by channel or sent by Veilig Thuis. Dates are of what was sent, never later than today. */
function afsluitingVan(dossier: Dossier, c: Extract<VtCommando, { soort: 'sluit-af' }>, op: DateTime): Resultaat<Afsluiting, VtFout> {
  const vandaag = op.setZone(ZONE).toISODate() ?? '';
  if (c.directbetrokkenen.op > vandaag) {
    return fout({ code: 'bevestiging-in-toekomst', melding: 'Die datum ligt in de toekomst. Leg vast wanneer de bevestiging aan de directbetrokkenen is verstuurd.' });
  }
  const { kanaal, doorVeiligThuis } = afsluitberichtOntvangers(dossier);
  const basis: Afsluiting = { directbetrokkenen: c.directbetrokkenen, ...(kanaal ? { afsluitberichtKanaal: kanaal } : {}) };
  if (doorVeiligThuis.length === 0) return ok(basis);
  const b = c.afsluitberichtDoorVt;
  if (b === undefined) {
    return fout({ code: 'afsluitbericht-ontbreekt', melding: `Leg vast wanneer en hoe Veilig Thuis het afsluitbericht aan ${doorVeiligThuis.join(' en ')} heeft verstuurd.` });
  }
  if (b.op > vandaag) return fout({ code: 'afsluitbericht-in-toekomst', melding: 'Die datum ligt in de toekomst. Leg vast wanneer het afsluitbericht is verstuurd.' });
  return ok({ ...basis, afsluitberichtDoorVt: { ...b, aan: [...doorVeiligThuis] } });
}

const VB_BESLUIT_LABELS: Readonly<Record<VbBesluit, string>> = {
  'geen-vervolg': 'geen vervolg nodig',
  overdracht: 'overdracht',
  'voorwaarden-en-vervolg': 'Voorwaarden & Vervolg',
  onderzoek: 'Onderzoek',
};

const VOLGENDE_ROUTE: Readonly<Record<EscalatieRoute, EscalatieRoute | undefined>> = { a: 'b', b: 'c', c: undefined };

export const ESCALATIE_ROUTE_LABELS: Readonly<Record<EscalatieRoute, string>> = {
  a: 'route a: management (teamleider Veilig Thuis en coördinator lokaal team)',
  b: 'route b: ambtelijk (beleidsmedewerker gemeente, die de wethouder informeert)',
  c: 'route c: bestuurlijk (directeur Veilig Thuis en wethouder)',
};

type Klaar = (nieuw: VeiligThuis, soort: string, omschrijving: string, effecten?: Effect[]) => Resultaat<Wijziging, VtFout>;

/**
 * A route starts with the term for its outcome fixed on the record, so every card and the timer
 * see the same deadline. A flagged route a also tells the region's beleid (seed 004 bijlage 4: VT
 * reports repeated escalations to the AB).
 */
function startRoute(vt: VeiligThuis, route: EscalatieRoute, reden: string, ctx: Context, klaar: Klaar, signaal?: StructureelSignaal): Resultaat<Wijziging, VtFout> {
  const uiterlijk = escalatieUitkomstDeadline(ctx.op, ctx.instellingen?.kalender, ctx.instellingen?.escalatieUitkomstWerkdagen);
  const escalatie = { route, reden, gestartOp: tijdstip(ctx.op), uitkomstUiterlijk: tijdstip(uiterlijk), ...(signaal ? { signalering: signaal } : {}) };
  const omschrijving = `Escalatie gestart: ${ESCALATIE_ROUTE_LABELS[route]}${signaal ? `; ${signaleringTekst(signaal)}` : ''}`;
  return klaar({ ...vt, escalaties: [...vt.escalaties, escalatie] }, 'escalatie', omschrijving, [
    { soort: 'escalatie-gestart', route },
    ...(signaal ? [{ soort: 'structureel-signaal' as const, regioId: vt.regioId, ...signaal }] : []),
  ]);
}

export function lopendeEscalatie(vt: VeiligThuis): VeiligThuis['escalaties'][number] | undefined {
  return vt.escalaties.find((e) => e.uitkomst === undefined);
}

function partijOntbreekt(): Resultaat<never, VtFout> {
  return fout({ code: 'partij-ontbreekt', melding: 'Kies aan wie de casus wordt overgedragen.' });
}

function draagOver(
  dossier: Dossier,
  vt: VeiligThuis & { readonly veiligheidsbeoordeling: Veiligheidsbeoordeling },
  partij: Overdrachtspartij,
  moment: OverdrachtMoment,
  monitoring: NonNullable<VeiligThuis['monitoring']>,
  nu: string,
  adviesTermijnDagen: number | undefined,
  klaar: Klaar,
  omschrijving: string,
  afspraken?: OverdrachtAfspraken,
): Resultaat<Wijziging, VtFout> {
  const overdracht: Overdracht = { partij, moment, ontvangenOp: nu, ...(adviesTermijnDagen !== undefined ? { adviesTermijnDagen } : {}), ...(afspraken ? { afspraken } : {}) };
  // Only a lokaal team receives the overdracht with its duties; it is told of any other party.
  const effecten: Effect[] =
    partij.soort === 'lokaal-team'
      ? partij.teamId
        ? [{ soort: 'overdracht-naar-lokaal-team', teamId: partij.teamId }]
        : []
      : [informeerLokaalTeam(dossier, vt.regioId, 'overdracht-andere-partij')];
  return klaar({ ...vt, fase: 'overdracht-aangeboden', overdracht, monitoring }, 'overdracht', `${omschrijving}; overdracht aan ${partij.naam}`, effecten);
}

function informeerLokaalTeam(dossier: Dossier, regioId: string, aanleiding: 'voorwaarden-en-vervolg' | 'onderzoek' | 'overdracht-andere-partij'): Effect {
  const gemeente = dossier.meldcode.melding?.gemeente;
  return { soort: 'lokaal-team-geinformeerd', regioId, aanleiding, ...(gemeente ? { gemeente } : {}) };
}

/**
 * The melder is told what VT decided (seed 004 §5): anonymity is towards the family, never towards
 * the melder. A melding VT registered itself has no melder in meldroute to tell.
 */
function aanMelder(dossier: Dossier, moment: 'na-veiligheidsbeoordeling' | 'afsluiting'): Effect[] {
  const melding = dossier.meldcode.melding;
  return melding && melding.soort !== 'bij-veilig-thuis' ? [{ soort: 'terugkoppeling-aan-melder', moment }] : [];
}

/**
 * V&V and Onderzoek are for acute or structural unsafety or multiproblematiek (seed 004 §6): the
 * taxatie must carry the decision.
 */
export function toetsBesluit(taxatie: Veiligheidstaxatie, besluit: VbBesluit): VtFout | undefined {
  if (besluit !== 'voorwaarden-en-vervolg' && besluit !== 'onderzoek') return undefined;
  if (taxatie.acuutOnveilig || taxatie.structureelOnveilig || taxatie.multiproblematiek) return undefined;
  return {
    code: 'besluit-past-niet-bij-taxatie',
    melding: `${VB_BESLUIT_LABELS[besluit]} past alleen bij acute of structurele onveiligheid of multiproblematiek. Pas de taxatie of het besluit aan.`,
  };
}

function toetsTermijn(dagen: number | undefined): VtFout | undefined {
  if (dagen === undefined || (Number.isInteger(dagen) && dagen >= 1 && dagen <= 90)) return undefined;
  return { code: 'ongeldige-termijn', melding: 'Geef de oppaktermijn in hele dagen, van 1 tot 90.' };
}

/**
 * The monitoring guards of seed 004 §7.1: always after V&V (not monitoring needs a recorded
 * reason); after Onderzoek unless the suspicion was refuted; after a direct overdracht na
 * veiligheidsbeoordeling only when VT decides so; never after an overdracht to a GI.
 */
export function bepaalMonitoring(
  moment: OverdrachtMoment,
  partij: Overdrachtspartij,
  opties: { besloten?: boolean; weerlegd?: boolean; redenGeen?: string; plan?: MonitoringPlanKeuze; regioafspraak?: MonitoringDoor },
): Resultaat<Monitoring, VtFout> {
  const geen = (reden?: string) => ok({ gepland: false, momenten: [], ...(reden ? { redenGeenMonitoring: reden } : {}) });
  const wel = () => planMonitoring(partij, opties.plan, opties.regioafspraak);
  if (partij.soort === 'gecertificeerde-instelling') {
    if (opties.besloten) {
      return fout({ code: 'monitoring-niet-toegestaan', melding: 'Na overdracht aan een gecertificeerde instelling monitort Veilig Thuis niet.' });
    }
    return geen('Overdracht aan een gecertificeerde instelling');
  }
  switch (moment) {
    case 'na-veiligheidsbeoordeling':
      return opties.besloten ? wel() : geen();
    case 'na-onderzoek':
      if (opties.weerlegd) return geen('Vermoeden weerlegd in het onderzoek');
      // A gegronde reden waives it too, and is always recorded (seed 004 §7.1).
      return metReden(opties.redenGeen, 'Na een Onderzoek wordt gemonitord, tenzij het vermoeden is weerlegd of u een gegronde reden vastlegt.');
    case 'na-voorwaarden-en-vervolg':
      return metReden(opties.redenGeen, 'Na Voorwaarden & Vervolg wordt altijd gemonitord, tenzij u vastlegt waarom niet.');
  }

  function metReden(reden: string | undefined, melding: string): Resultaat<Monitoring, VtFout> {
    if (reden === undefined) return wel();
    return reden.trim().length > 0 ? geen(reden.trim()) : fout({ code: 'reden-geen-monitoring-ontbreekt', melding });
  }
}

/** The plan and the region's rule for this moment, as the command and the region give them. */
function planOpties(commando: { readonly monitoringPlan?: MonitoringPlanKeuze }, ctx: Context, moment: OverdrachtMoment): { plan?: MonitoringPlanKeuze; regioafspraak?: MonitoringDoor } {
  const regioafspraak = ctx.instellingen?.monitoringRegel?.[moment];
  return { ...(commando.monitoringPlan ? { plan: commando.monitoringPlan } : {}), ...(regioafspraak ? { regioafspraak } : {}) };
}

export const MONITORING_DOOR_LABELS: Readonly<Record<MonitoringDoor, string>> = { 'veilig-thuis': 'Veilig Thuis', 'lokaal-team': 'het lokale team' };

/**
 * Monitoring as planned: the moments, who monitors, and the plan. The region's rule gives the
 * lokaal team the monitoring only when a lokaal team takes the case over; for any other party
 * Veilig Thuis monitors, as nobody else in the chain could.
 */
function planMonitoring(partij: Overdrachtspartij, plan: MonitoringPlanKeuze | undefined, regel: MonitoringDoor | undefined): Resultaat<Monitoring, VtFout> {
  const maanden = monitoringMaanden(plan?.extraMaanden ?? []);
  if (!maanden.ok) return maanden;
  const regioafspraak: MonitoringDoor = regel === 'lokaal-team' && partij.soort === 'lokaal-team' ? 'lokaal-team' : 'veilig-thuis';
  const door = plan?.door ?? regioafspraak;
  if (door === 'lokaal-team' && partij.soort !== 'lokaal-team') {
    return fout({ code: 'monitoring-door-ongeldig', melding: 'Alleen een lokaal team dat de casus overneemt kan monitoren; kies Veilig Thuis.' });
  }
  const reden = plan?.redenAfwijking?.trim();
  if (door !== regioafspraak && !reden) {
    return fout({
      code: 'reden-afwijking-ontbreekt',
      melding: `De regioafspraak is dat ${MONITORING_DOOR_LABELS[regioafspraak]} monitort. Leg vast waarom u daarvan afwijkt; beide partijen accepteren de afwijking.`,
    });
  }
  return ok({
    gepland: true,
    momenten: maanden.waarde.map((maandenNaOverdracht) => ({ maandenNaOverdracht })),
    door,
    ...(door !== regioafspraak && reden ? { afwijking: { regioafspraak, reden } } : {}),
    ...(plan ? { plan: { metWie: plan.metWie.trim(), frequentieEnWijze: plan.frequentieEnWijze.trim() } } : {}),
  });
}

/** 3 and 12 months always, plus VT's extra moments: whole months 1-36, each once, in order. */
export function monitoringMaanden(extra: readonly number[]): Resultaat<number[], VtFout> {
  const buiten = extra.filter((m) => !Number.isInteger(m) || m < 1 || m > MAX_MONITORING_MAANDEN);
  if (buiten.length > 0) {
    return fout({ code: 'ongeldig-monitoringmoment', melding: `Een monitoringmoment is een heel aantal maanden na de overdracht, van 1 tot ${MAX_MONITORING_MAANDEN} (niet: ${buiten.join(', ')}).` });
  }
  const alle = [...STANDAARD_MONITORING_MAANDEN, ...extra];
  const dubbel = [...new Set(alle.filter((m, i) => alle.indexOf(m) !== i))];
  if (dubbel.length > 0) {
    return fout({ code: 'ongeldig-monitoringmoment', melding: `Noem elk extra moment één keer; 3 en 12 maanden staan er altijd al in (dubbel: ${dubbel.join(', ')}).` });
  }
  return ok(alle.sort((a, b) => a - b));
}

// ---------------------------------------------------------------- zicht op veiligheid

export type ZichtHouder = 'professional' | 'veilig-thuis' | 'overdrachtspartij' | 'niemand';

export interface ZichtOpVeiligheid {
  readonly houder: ZichtHouder;
  /** Dutch text for the card, e.g. "Veilig Thuis" or "Wijkteam Noord (regisseur: J. de Vries)". */
  readonly omschrijving: string;
}

/**
 * Who holds zicht op veiligheid at `nu`. The professional keeps it after an advies; Veilig Thuis
 * takes it over once it knows a melding is urgent, after the veiligheidsbeoordeling and in any case
 * from the 6th werkdag after receipt (seed 001), and keeps it until the receiving party has
 * confirmed the overdracht (seed 004 §8).
 */
export function zichtOpVeiligheid(dossier: Dossier, nu: DateTime, kalender: WerkdagKalender = landelijkeKalender): ZichtOpVeiligheid {
  const vt = dossier.veiligThuis;
  const professional: ZichtOpVeiligheid = { houder: 'professional', omschrijving: dossier.eigenaar.naam };
  const veiligThuis: ZichtOpVeiligheid = { houder: 'veilig-thuis', omschrijving: 'Veilig Thuis' };
  const niemand: ZichtOpVeiligheid = { houder: 'niemand', omschrijving: 'Niemand: het dossier is afgesloten' };
  if (vt === undefined) {
    // Zelf hulp means the professional helps and keeps following safety, also once the meldcode is rounded off.
    if (dossier.meldcode.beslissingen?.route === 'zelf-hulp') return { houder: 'professional', omschrijving: `${dossier.eigenaar.naam}, die zelf hulp biedt of organiseert` };
    return dossier.meldcode.status === 'afgesloten' ? niemand : professional;
  }
  switch (vt.fase) {
    case 'melding-ontvangen': {
      const uiterlijk = uiterlijkeStartZichtVeiligThuis(vanIso(vt.ontvangenOp), kalender);
      return vt.spoed || nu >= uiterlijk ? veiligThuis : professional;
    }
    case 'vervolg':
    case 'overdracht-aangeboden':
    case 'terug-bij-vt':
      return veiligThuis;
    case 'overgedragen': {
      const overdracht = vt.overdracht;
      const regie = overdracht.regie;
      if (regie !== undefined) return { houder: 'overdrachtspartij', omschrijving: `${regie.naar.naam} (regisseur: ${regie.naar.regisseur})` };
      const regisseur = overdracht.regisseur ? ` (regisseur: ${overdracht.regisseur})` : '';
      return { houder: 'overdrachtspartij', omschrijving: `${overdracht.partij.naam}${regisseur}` };
    }
    case 'afgesloten': {
      // Closing ends Veilig Thuis's part; a party that confirmed the overdracht keeps the regie (seed 004 §8.4).
      const o = vt.overdracht;
      if (o?.bevestigdOp === undefined) return niemand;
      const houder = o.regie ? `${o.regie.naar.naam} (regisseur: ${o.regie.naar.regisseur})` : `${o.partij.naam}${o.regisseur ? ` (regisseur: ${o.regisseur})` : ''}`;
      return { houder: 'overdrachtspartij', omschrijving: `${houder}; het dossier bij Veilig Thuis is afgesloten` };
    }
  }
}
