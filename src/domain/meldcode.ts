import { AFWEGINGSVRAGEN, beslis, evaluateAfwegingskader, type Afwegingsvraag } from './afwegingskader.js';
import { STANDAARD_VERVOLG_ZELF_HULP_WEKEN, metGebeurtenis, tijdstip, type Context, type Effect, type Wijziging } from './effecten.js';
import { SamenMetVeiligThuis } from './model.js';
import { BSN_MELDING, bevatBsn } from './privacy.js';
import type {
  Advies,
  AfsluitReden,
  EerdereVersie,
  Onveiligheid,
  VroegeAfsluitReden,
  Dossier,
  Gesprek,
  Kindcheck,
  Meldcode,
  Melding,
  Overleg,
  Signalen,
  Stap,
} from './model.js';
import { fout, ok, type DomeinFout, type Resultaat } from './resultaat.js';
import { ZONE } from './tijd/werkdagen.js';
import { startVeiligThuis } from './veiligThuis.js';

/** Why an early exit is about to happen; the professional confirms it with a one-line reason. */
export interface Afsluitbevestiging {
  readonly afsluitToelichting?: string;
}

export type MeldcodeCommando =
  | { readonly soort: 'signalen'; readonly signalen: Signalen }
  | { readonly soort: 'kindcheck'; readonly kindcheck: Kindcheck }
  | ({ readonly soort: 'overleg'; readonly overleg: Overleg } & Afsluitbevestiging)
  | ({ readonly soort: 'gesprek'; readonly gesprek: Gesprek } & Afsluitbevestiging)
  | ({
      readonly soort: 'afweging';
      readonly vraag: Afwegingsvraag;
      readonly antwoord: boolean;
      /** Question 2 = ja: acute, structural or both. */
      readonly onveiligheid?: Onveiligheid;
      /** Questions 3-5 after acute or structural unsafety: with whom at Veilig Thuis, and when. */
      readonly samenMet?: { readonly met: string; readonly op: string };
    } & Afsluitbevestiging)
  | { readonly soort: 'advies'; readonly advies: Advies }
  | { readonly soort: 'melding'; readonly melding: Melding }
  | {
      readonly soort: 'afsluiten';
      readonly toelichting: string;
      /** Melden is necessary (beslissing 1) and no melding was made: closing needs an explicit yes. */
      readonly ondanksMeldplicht?: boolean;
    }
  /** Zelf hulp: afweging 5 weighed again on its follow-up date. Nee leads straight to melden. */
  | { readonly soort: 'herweeg-afweging-5'; readonly antwoord: boolean }
  | { readonly soort: 'kenmerk'; readonly referentie: string }
  | { readonly soort: 'corrigeer' };

export type MeldcodeFoutCode =
  | 'meldcode-afgesloten'
  | 'al-gemeld'
  | 'stap-niet-aan-de-beurt'
  | 'vraag-niet-aan-de-beurt'
  | 'kindcheck-niet-nodig'
  | 'niets-te-corrigeren'
  | 'afsluiten-bevestigen'
  | 'onveiligheid-ontbreekt'
  | 'samen-met-veilig-thuis-ontbreekt'
  | 'referentie-ongeldig'
  | 'melden-noodzakelijk'
  | 'geen-zelf-hulp';

export interface MeldcodeFout extends DomeinFout<MeldcodeFoutCode> {
  /** With 'afsluiten-bevestigen': the exit the command would take. */
  readonly afsluitReden?: VroegeAfsluitReden;
}

export const STAP_TITELS: Readonly<Record<Stap, string>> = {
  1: 'Signalen in kaart brengen',
  2: 'Overleg met collega en/of Veilig Thuis',
  3: 'Gesprek met de cliënt',
  4: 'Wegen met het afwegingskader',
  5: 'Beslissen',
};

export function nieuweMeldcode(werktMetVolwassenen: boolean): Meldcode {
  return { stap: 1, status: 'lopend', werktMetVolwassenen, antwoorden: {}, adviezen: [] };
}

/** Closed for the professional: closed before a melding, or their part rounded off after one. */
export function isMeldcodeAfgesloten(m: Meldcode): boolean {
  return m.status === 'afgesloten' || m.afsluiting !== undefined;
}

/** Applies one command of the professional to the meldcode of a dossier. */
export function pasMeldcodeToe(
  dossier: Dossier,
  commando: MeldcodeCommando,
  ctx: Context,
): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  if (commando.soort === 'corrigeer') return corrigeer(dossier, ctx);
  if (commando.soort === 'kenmerk') return wijzigKenmerk(dossier, commando.referentie, ctx);
  if (isMeldcodeAfgesloten(m)) {
    return fout({ code: 'meldcode-afgesloten', melding: 'Deze meldcode is afgesloten; er kan niets meer worden vastgelegd.' });
  }
  switch (commando.soort) {
    case 'signalen':
      return legStap1Vast(dossier, { signalen: commando.signalen }, ctx, 'Signalen vastgelegd');
    case 'kindcheck':
      if (!m.werktMetVolwassenen) {
        return fout({ code: 'kindcheck-niet-nodig', melding: 'De kindcheck is alleen nodig als u met volwassen cliënten werkt.' });
      }
      return legStap1Vast(dossier, { kindcheck: commando.kindcheck }, ctx, 'Kindcheck vastgelegd');
    case 'overleg':
      return legOverlegVast(dossier, commando.overleg, ctx, commando.afsluitToelichting);
    case 'gesprek':
      return legGesprekVast(dossier, commando.gesprek, ctx, commando.afsluitToelichting);
    case 'afweging':
      return beantwoord(dossier, commando, ctx);
    case 'advies':
      return legAdviesVast(dossier, commando.advies, ctx);
    case 'melding':
      return doeMelding(dossier, commando.melding, ctx);
    case 'afsluiten':
      if (m.status === 'lopend' && evaluateAfwegingskader(m.antwoorden).meldenNoodzakelijk === true && commando.ondanksMeldplicht !== true) {
        return fout({
          code: 'melden-noodzakelijk',
          melding: 'Volgens het afwegingskader is melden bij Veilig Thuis noodzakelijk. Sluit u toch af zonder melding, bevestig dat dan uitdrukkelijk en leg vast waarom.',
        });
      }
      return ok(sluit(dossier, 'handmatig', ctx, commando.toelichting));
    case 'herweeg-afweging-5':
      return herweegAfweging5(dossier, commando.antwoord, ctx);
  }
}

function niet(m: Meldcode, stap: Stap): Resultaat<never, MeldcodeFout> {
  return fout({
    code: 'stap-niet-aan-de-beurt',
    melding: `U bent bij stap ${m.stap} (${STAP_TITELS[m.stap]}); stap ${stap} (${STAP_TITELS[stap]}) is nu niet aan de beurt.`,
  });
}

function wijzig(dossier: Dossier, meldcode: Meldcode, ctx: Context, soort: string, omschrijving: string, effecten: Effect[] = []): Wijziging {
  return { dossier: metGebeurtenis({ ...dossier, meldcode }, ctx, soort, omschrijving), effecten };
}

/** Keeps what was recorded before when a correction replaces it with something else. */
function bewaarVorige<O extends EerdereVersie['onderdeel']>(m: Meldcode, onderdeel: O, nieuw: NonNullable<Meldcode[O]>, ctx: Context): Meldcode {
  const vorige = m[onderdeel];
  if (vorige === undefined || JSON.stringify(vorige) === JSON.stringify(nieuw)) return m;
  const eerder = { onderdeel, vorige, vervangenOp: tijdstip(ctx.op) } as EerdereVersie;
  return { ...m, eerdereVersies: [...(m.eerdereVersies ?? []), eerder] };
}

function legStap1Vast(
  dossier: Dossier,
  deel: Pick<Meldcode, 'signalen'> | Pick<Meldcode, 'kindcheck'>,
  ctx: Context,
  omschrijving: string,
): Resultaat<Wijziging, MeldcodeFout> {
  if (dossier.meldcode.stap !== 1) return niet(dossier.meldcode, 1);
  const bewaard =
    'signalen' in deel && deel.signalen
      ? bewaarVorige(dossier.meldcode, 'signalen', deel.signalen, ctx)
      : 'kindcheck' in deel && deel.kindcheck
        ? bewaarVorige(dossier.meldcode, 'kindcheck', deel.kindcheck, ctx)
        : dossier.meldcode;
  const m: Meldcode = { ...bewaard, ...deel };
  const stap1Compleet = m.signalen !== undefined && (!m.werktMetVolwassenen || m.kindcheck !== undefined);
  const soort = 'signalen' in deel ? 'signalen' : 'kindcheck';
  return ok(wijzig(dossier, { ...m, stap: stap1Compleet ? 2 : 1 }, ctx, soort, omschrijving));
}

const VROEGE_AFSLUITING: Readonly<Record<VroegeAfsluitReden, string>> = {
  'onvoldoende-signalen': 'Er zijn geen of onvoldoende signalen: de meldcode stopt na het overleg (stap 2).',
  'zorgen-weggenomen': 'Het gesprek heeft de zorgen weggenomen: de meldcode wordt afgesloten (stap 3).',
  'geen-vermoeden': 'U heeft geen vermoeden van huiselijk geweld of kindermishandeling: de meldcode wordt afgesloten (afwegingsvraag 1).',
};

/**
 * An early exit the protocol offers (step 2, step 3, afwegingsvraag 1) closes the meldcode only
 * when the professional confirms it with a reason; until then nothing is recorded. After a melding
 * there is nothing to close: Veilig Thuis has the case, the answer is simply recorded.
 */
function vroegeAfsluiting(
  na: Wijziging,
  stap: Stap,
  reden: VroegeAfsluitReden,
  ctx: Context,
  toelichting: string | undefined,
): Resultaat<Wijziging, MeldcodeFout> {
  if (na.dossier.meldcode.status === 'gemeld') return ok(na);
  const tekst = toelichting?.trim();
  if (!tekst) return fout({ code: 'afsluiten-bevestigen', melding: VROEGE_AFSLUITING[reden], afsluitReden: reden });
  return ok(sluit({ ...na.dossier, meldcode: { ...na.dossier.meldcode, stap } }, reden, ctx, tekst));
}

function legOverlegVast(dossier: Dossier, overleg: Overleg, ctx: Context, afsluitToelichting?: string): Resultaat<Wijziging, MeldcodeFout> {
  if (dossier.meldcode.stap !== 2) return niet(dossier.meldcode, 2);
  const m = bewaarVorige(dossier.meldcode, 'overleg', overleg, ctx);
  const na = wijzig(dossier, { ...m, overleg, stap: 3 }, ctx, 'overleg', 'Overleg vastgelegd');
  // Step 2: with no or insufficient signals the meldcode stops here.
  return overleg.voldoendeSignalen ? ok(na) : vroegeAfsluiting(na, 2, 'onvoldoende-signalen', ctx, afsluitToelichting);
}

function legGesprekVast(dossier: Dossier, gesprek: Gesprek, ctx: Context, afsluitToelichting?: string): Resultaat<Wijziging, MeldcodeFout> {
  if (dossier.meldcode.stap !== 3) return niet(dossier.meldcode, 3);
  const omschrijving = gesprek.uitkomst === 'niet-gevoerd' ? 'Gesprek niet gevoerd (reden vastgelegd)' : 'Gesprek met de cliënt vastgelegd';
  const m = bewaarVorige(dossier.meldcode, 'gesprek', gesprek, ctx);
  const na = wijzig(dossier, { ...m, gesprek, stap: 4 }, ctx, 'gesprek', omschrijving);
  return gesprek.uitkomst === 'zorgen-weggenomen' ? vroegeAfsluiting(na, 3, 'zorgen-weggenomen', ctx, afsluitToelichting) : ok(na);
}

const ONVEILIGHEID_LABEL: Readonly<Record<Onveiligheid, string>> = {
  acuut: 'acute onveiligheid',
  structureel: 'structurele onveiligheid',
  beide: 'acute en structurele onveiligheid',
};

function beantwoord(dossier: Dossier, c: Extract<MeldcodeCommando, { soort: 'afweging' }>, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const { vraag, antwoord } = c;
  const m = dossier.meldcode;
  const stapVanVraag: Stap = vraag <= 2 ? 4 : 5;
  const voor = evaluateAfwegingskader(m.antwoorden);
  if (m.stap !== stapVanVraag) return niet(m, stapVanVraag);
  if (voor.volgendeVraag !== vraag) {
    return fout({
      code: 'vraag-niet-aan-de-beurt',
      melding:
        voor.volgendeVraag === null
          ? 'Het afwegingskader is al volledig beantwoord.'
          : `Beantwoord eerst afwegingsvraag ${voor.volgendeVraag}; vraag ${vraag} komt daarna.`,
    });
  }
  if (vraag === 2 && antwoord && c.onveiligheid === undefined) {
    return fout({ code: 'onveiligheid-ontbreekt', melding: 'Geef aan of het om acute of structurele onveiligheid gaat (of beide).' });
  }
  const samenMet = vraag >= 3 && voor.samenMetVeiligThuis ? c.samenMet : undefined;
  if (vraag >= 3 && voor.samenMetVeiligThuis && (samenMet === undefined || !SamenMetVeiligThuis.safeParse({ vraag, ...samenMet }).success)) {
    return fout({
      code: 'samen-met-veilig-thuis-ontbreekt',
      melding: 'Deze vraag beantwoordt u samen met Veilig Thuis: vul in met wie (naam, of "telefonisch advies") en op welke datum.',
    });
  }
  const veld = AFWEGINGSVRAGEN[vraag - 1]?.veld;
  if (veld === undefined) throw new RangeError(`Afwegingsvraag ${vraag} bestaat niet.`);
  const antwoorden = { ...m.antwoorden, [veld]: antwoord };
  const uitkomst = evaluateAfwegingskader(antwoorden);
  const beslissingen = beslis(antwoorden) ?? undefined;
  const stap: Stap = vraag >= 2 ? 5 : 4;
  const zelfHulp = m.status !== 'gemeld' && beslissingen?.route === 'zelf-hulp';
  const status = m.status === 'gemeld' ? 'gemeld' : zelfHulp ? 'zelf-hulp' : 'lopend';
  const weken = ctx.instellingen?.vervolgZelfHulpWeken ?? STANDAARD_VERVOLG_ZELF_HULP_WEKEN;
  const { onveiligheid: _o, vervolgAfweging5Op: _v, ...rest } = m;
  const onveiligheid = vraag === 2 ? (antwoord ? c.onveiligheid : undefined) : m.onveiligheid;
  const samen = samenMet ? [...(m.samenMetVeiligThuis ?? []).filter((s) => s.vraag !== vraag), { vraag: vraag as 3 | 4 | 5, met: samenMet.met.trim(), op: samenMet.op }] : m.samenMetVeiligThuis;
  const meldcode: Meldcode = {
    ...rest,
    antwoorden,
    stap,
    status,
    ...(onveiligheid ? { onveiligheid } : {}),
    ...(samen ? { samenMetVeiligThuis: samen } : {}),
    ...(beslissingen ? { beslissingen } : {}),
    ...(zelfHulp ? { vervolgAfweging5Op: vervolgDatum(ctx, weken) } : {}),
  };
  const detail = vraag === 2 && antwoord && c.onveiligheid ? ` (${ONVEILIGHEID_LABEL[c.onveiligheid]})` : samenMet ? ` (samen met Veilig Thuis: ${samenMet.met.trim()})` : '';
  const na = wijzig(dossier, meldcode, ctx, 'afweging', `Afwegingsvraag ${vraag}: ${antwoord ? 'ja' : 'nee'}${detail}`);
  return uitkomst.afsluiten ? vroegeAfsluiting(na, 4, 'geen-vermoeden', ctx, c.afsluitToelichting) : ok(na);
}

function vervolgDatum(ctx: Context, weken: number): string {
  const datum = ctx.op.setZone(ZONE).plus({ weeks: weken }).toISODate();
  if (datum === null) throw new RangeError('Ongeldig tijdstip.');
  return datum;
}

/**
 * Zelf hulp is followed up: on the follow-up date the professional weighs afweging 5 again (does
 * the help lead to durable safety?). Ja: a new follow-up date. Nee: (opnieuw) melden (seed 003).
 */
function herweegAfweging5(dossier: Dossier, antwoord: boolean, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  if (m.status !== 'zelf-hulp') return fout({ code: 'geen-zelf-hulp', melding: 'Afweging 5 opnieuw wegen hoort bij de route zelf hulp; die is hier niet gekozen.' });
  const weken = ctx.instellingen?.vervolgZelfHulpWeken ?? STANDAARD_VERVOLG_ZELF_HULP_WEKEN;
  if (antwoord) {
    const volgende = vervolgDatum(ctx, weken);
    return ok(wijzig(dossier, { ...m, vervolgAfweging5Op: volgende }, ctx, 'afweging', 'Afweging 5 opnieuw gewogen: ja, de hulp leidt tot duurzame veiligheid'));
  }
  const antwoorden = { ...m.antwoorden, leidtTotDuurzameVeiligheid: false };
  const beslissingen = beslis(antwoorden) ?? undefined;
  const { vervolgAfweging5Op: _v, ...rest } = m;
  return ok(
    wijzig(dossier, { ...rest, antwoorden, status: 'lopend', ...(beslissingen ? { beslissingen } : {}) }, ctx, 'afweging', 'Afweging 5 opnieuw gewogen: nee, de hulp leidt niet tot duurzame veiligheid; melden bij Veilig Thuis'),
  );
}

/** Advies may be asked at any step: a professional can always call Veilig Thuis (seed 004 §4). */
function legAdviesVast(dossier: Dossier, advies: Advies, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  return ok(wijzig(dossier, { ...m, adviezen: [...m.adviezen, advies] }, ctx, 'advies', `Advies van Veilig Thuis vastgelegd (${advies.datum})`));
}

/**
 * A melding may be made at any step: Veilig Thuis always accepts a melding from a professional
 * who identifies themselves, and in a crisis the professional calls at once (seed 001, 004 §5).
 * The steps not yet walked stay open and can still be recorded afterwards.
 */
function doeMelding(dossier: Dossier, melding: Melding, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  if (m.status === 'gemeld') {
    return fout({ code: 'al-gemeld', melding: 'Er is al een melding gedaan bij Veilig Thuis; Veilig Thuis is nu verantwoordelijk voor zicht op veiligheid.' });
  }
  const { vervolgAfweging5Op: _v, ...rest } = m;
  const meldcode: Meldcode = { ...rest, melding, status: 'gemeld', gemeldOp: tijdstip(ctx.op), gemeldInStap: m.stap };
  const omschrijving = `Melding verstuurd naar Veilig Thuis (${melding.soort === 'open' ? 'open' : 'anoniem t.o.v. het gezin'}${melding.spoed ? ', spoed' : ''})`;
  return ok(startVeiligThuis(wijzig(dossier, meldcode, ctx, 'melding', omschrijving).dossier, melding.spoed, ctx));
}

function wijzigKenmerk(dossier: Dossier, referentie: string, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const nieuw = referentie.trim();
  if (nieuw.length === 0 || nieuw.length > 80) return fout({ code: 'referentie-ongeldig', melding: 'Geef een kort kenmerk van hoogstens 80 tekens, bijvoorbeeld "Gezin K., groep 5".' });
  if (bevatBsn(nieuw)) return fout({ code: 'referentie-ongeldig', melding: BSN_MELDING });
  // The old and new kenmerk are not repeated in the history: the event only says that it changed.
  return ok({ dossier: metGebeurtenis({ ...dossier, referentie: nieuw }, ctx, 'kenmerk', 'Kenmerk van de casus gewijzigd'), effecten: [] });
}

const AFSLUIT_OMSCHRIJVING: Readonly<Record<AfsluitReden, string>> = {
  'onvoldoende-signalen': 'Meldcode afgesloten: onvoldoende signalen na overleg (stap 2)',
  'zorgen-weggenomen': 'Meldcode afgesloten: zorgen weggenomen in het gesprek (stap 3)',
  'geen-vermoeden': 'Meldcode afgesloten: geen vermoeden (afwegingsvraag 1)',
  handmatig: 'Meldcode afgesloten door de professional',
  'dossier-afgesloten': 'Dossier afgesloten',
};

function sluit(dossier: Dossier, reden: AfsluitReden, ctx: Context, toelichting?: string): Wijziging {
  const m = dossier.meldcode;
  const afsluiting = { reden, op: tijdstip(ctx.op), ...(toelichting ? { toelichting } : {}) };
  if (m.status === 'gemeld') {
    // After a melding the professional rounds off their own part; Veilig Thuis keeps the case.
    return wijzig(dossier, { ...m, afsluiting }, ctx, 'afsluiting', 'Eigen deel van de meldcode afgerond; de melding blijft bij Veilig Thuis');
  }
  const { vervolgAfweging5Op: _v, ...rest } = m;
  const omschrijving = m.status === 'zelf-hulp' ? 'Meldcode afgerond: zelf hulp geboden of georganiseerd' : AFSLUIT_OMSCHRIJVING[reden];
  return wijzig(dossier, { ...rest, status: 'afgesloten', afsluiting }, ctx, 'afsluiting', omschrijving, [{ soort: 'dossier-afgesloten' }]);
}

/**
 * Takes back the most recent answer so the professional can correct it. Recorded texts stay as
 * they were, so the form comes back filled in; an early exit is reopened. A melding cannot be
 * taken back: Veilig Thuis has received it; what was recorded after it can be corrected.
 */
function corrigeer(dossier: Dossier, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  if (m.status === 'afgesloten' || m.afsluiting !== undefined) {
    const reden = m.afsluiting?.reden;
    if (m.status !== 'afgesloten' || reden === undefined || reden === 'handmatig' || reden === 'dossier-afgesloten') {
      return fout({ code: 'meldcode-afgesloten', melding: 'Deze meldcode is bewust afgesloten en kan niet worden heropend.' });
    }
    const antwoorden = reden === 'geen-vermoeden' ? {} : m.antwoorden;
    const { afsluiting: _weg, beslissingen: _b, ...heropend } = m;
    return ok(wijzig(dossier, { ...heropend, status: 'lopend', antwoorden }, ctx, 'correctie', `Afsluiting teruggedraaid om te corrigeren (stap ${m.stap})`));
  }
  const gemeld = m.status === 'gemeld';
  const laatsteVraag = [...AFWEGINGSVRAGEN].reverse().find((v) => m.antwoorden[v.veld] !== undefined);
  // After a melding only what came after it can be taken back: the steps walked since, and the
  // afwegingsvragen 3-5 (those never undo the melding itself).
  const naMelding = (stap: Stap) => !gemeld || stap > (m.gemeldInStap ?? 5);
  if (laatsteVraag !== undefined && (laatsteVraag.nummer >= 3 || naMelding(4))) {
    const { [laatsteVraag.veld]: _weg, ...antwoorden } = m.antwoorden;
    const { beslissingen: _b, vervolgAfweging5Op: _v, onveiligheid: _o, samenMetVeiligThuis: _s, ...zonder } = m;
    const samen = (m.samenMetVeiligThuis ?? []).filter((s) => s.vraag !== laatsteVraag.nummer);
    const stap: Stap = laatsteVraag.nummer <= 2 ? 4 : 5;
    return ok(
      wijzig(
        dossier,
        {
          ...zonder,
          antwoorden,
          stap,
          status: gemeld ? 'gemeld' : 'lopend',
          ...(laatsteVraag.nummer !== 2 && m.onveiligheid ? { onveiligheid: m.onveiligheid } : {}),
          ...(samen.length > 0 ? { samenMetVeiligThuis: samen } : {}),
        },
        ctx,
        'correctie',
        `Antwoord op afwegingsvraag ${laatsteVraag.nummer} teruggenomen`,
      ),
    );
  }
  if (m.stap === 1 || (laatsteVraag === undefined && !naMelding(m.stap))) {
    return gemeld
      ? fout({ code: 'al-gemeld', melding: 'Een melding bij Veilig Thuis kan niet worden teruggedraaid. Neem contact op met Veilig Thuis.' })
      : fout({ code: 'niets-te-corrigeren', melding: 'U bent bij de eerste stap; er is nog geen eerder antwoord om te corrigeren.' });
  }
  if (laatsteVraag !== undefined) {
    return fout({ code: 'al-gemeld', melding: 'Een melding bij Veilig Thuis kan niet worden teruggedraaid. Neem contact op met Veilig Thuis.' });
  }
  const vorige = (m.stap - 1) as Stap;
  return ok(wijzig(dossier, { ...m, stap: vorige }, ctx, 'correctie', `Terug naar stap ${vorige} om te corrigeren`));
}
