import { Template } from 'adaptivecards-templating';
import { DateTime } from 'luxon';
import {
  AFWEGINGSVRAGEN,
  SIGNAAL_CATEGORIE_LABELS,
  SIGNAAL_CATEGORIEEN,
  STAP_TITELS,
  ZONE,
  evaluateAfwegingskader,
  openMijlpalen,
  uiterlijkeStartZichtVeiligThuis,
  vanIso,
  zichtOpVeiligheid,
  type Dossier,
  type Verantwoordelijke,
} from '../domain/index.js';
import type { Scherm, Verb, Weergave } from '../app/meldcodeFlow.js';
import { lokaleTijd } from '../app/verslag.js';
import advies from './advies.json' with { type: 'json' };
import afsluiten from './afsluiten.json' with { type: 'json' };
import afweging from './afweging.json' with { type: 'json' };
import beslissing from './beslissing.json' with { type: 'json' };
import casussen from './casussen.json' with { type: 'json' };
import fout from './fout.json' with { type: 'json' };
import gesprek from './gesprek.json' with { type: 'json' };
import hulp from './hulp.json' with { type: 'json' };
import kader from './kader.json' with { type: 'json' };
import kanaalhulp from './kanaalhulp.json' with { type: 'json' };
import kindcheck from './kindcheck.json' with { type: 'json' };
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

interface Actie {
  readonly verb: Verb;
  readonly titel: string;
}

/** The frame every card shares: where you are, the key facts, a message, secondary actions. */
interface Kader {
  readonly kop: string;
  readonly titel: string;
  readonly feiten: readonly { titel: string; waarde: string }[];
  readonly melding: string;
  readonly meldingStijl: 'default' | 'attention' | 'good' | 'warning';
  readonly secundair: readonly Actie[];
  readonly dossierId: string;
}

const LEEG_KADER: Omit<Kader, 'kop' | 'titel'> = { feiten: [], melding: '', meldingStijl: 'default', secundair: [], dossierId: '' };

type Sjabloon = { body: unknown[]; actions?: unknown[] };

function bouw(inhoud: Sjabloon, kaderData: Kader, inhoudData: Record<string, unknown>, vernieuwVoor?: string): KaartBijlage {
  const { voet, ...frame } = new Template(kader).expand({ $root: kaderData }) as { body: unknown[]; voet?: unknown[] } & Record<string, unknown>;
  const deel = new Template(inhoud).expand({ $root: { ...inhoudData, dossierId: kaderData.dossierId } }) as Sjabloon;
  const content: Record<string, unknown> = {
    ...frame,
    body: [...frame.body, ...deel.body, ...(voet ?? [])].filter((b) => b !== null && b !== undefined),
    actions: deel.actions ?? [],
  };
  if (vernieuwVoor !== undefined) {
    // Universal Actions refresh: whoever views the card gets the dossier's current state.
    content['refresh'] = { action: { type: 'Action.Execute', verb: 'vernieuw' satisfies Verb, title: 'Vernieuwen', data: { dossierId: vernieuwVoor } } };
  }
  return { contentType: ADAPTIVE_CARD, content: metFallbacks(content) as Record<string, unknown> };
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

const datum = (d: DateTime) => d.setZone(ZONE).setLocale('nl').toFormat('cccc d MMMM yyyy');

const VERANTWOORDELIJKE: Readonly<Record<Verantwoordelijke, string>> = {
  professional: 'u',
  'veilig-thuis': 'Veilig Thuis',
  'lokaal-team': 'het lokale team',
};

/** Every case card says who holds zicht op veiligheid and what the next deadline is. */
export function dossierFeiten(d: Dossier, nu: DateTime): { titel: string; waarde: string }[] {
  const volgende = openMijlpalen(d)[0];
  const zicht = zichtOpVeiligheid(d, nu);
  // Between a melding and the veiligheidsbeoordeling the melder keeps zicht, but not for long.
  const overname = zicht.houder === 'professional' && d.veiligThuis ? `, tot Veilig Thuis het overneemt (uiterlijk ${datum(uiterlijkeStartZichtVeiligThuis(vanIso(d.veiligThuis.ontvangenOp)))})` : '';
  return [
    { titel: 'Casus', waarde: d.referentie },
    { titel: 'Zicht op veiligheid', waarde: `${zicht.omschrijving}${overname}` },
    {
      titel: 'Volgende termijn',
      waarde: volgende
        ? `${volgende.omschrijving}: uiterlijk ${datum(volgende.deadline)} (${VERANTWOORDELIJKE[volgende.verantwoordelijke]})`
        : d.meldcode.status === 'lopend'
          ? `Geen vaste termijn; ${d.eigenaar.naam} zet de volgende stap`
          : d.meldcode.status === 'zelf-hulp'
            ? `Geen vaste termijn; ${d.eigenaar.naam} volgt de veiligheid`
            : 'Geen',
    },
  ];
}

export function waarIsDossier(d: Dossier): string {
  const m = d.meldcode;
  if (d.veiligThuis) return 'Gemeld bij Veilig Thuis';
  if (m.status === 'afgesloten') return 'Meldcode afgesloten';
  if (m.status === 'zelf-hulp') return 'Zelf hulp bieden; veiligheid volgen';
  return `Stap ${m.stap} van 5: ${STAP_TITELS[m.stap]}`;
}

const DEFINITIES: Readonly<Record<number, readonly { titel: string; tekst: string }[]>> = {
  1: [{ titel: 'Gebruik', tekst: 'wat u in stap 1 tot en met 3 heeft vastgelegd: signalen, overleg en het gesprek.' }],
  2: [
    { titel: 'Acute onveiligheid', tekst: 'Iemand is in direct fysiek gevaar; de veiligheid voor de komende dagen is niet gegarandeerd en bescherming is nu nodig (bijv. (dreiging van) ernstig fysiek of seksueel geweld, wapens, ernstig letsel).' },
    { titel: 'Structurele onveiligheid', tekst: 'Herhaalde of voortdurende onveilige gebeurtenissen en situaties (een patroon van geweld, blijvend tekortschieten in de zorg voor afhankelijke kinderen of volwassenen, kinderen van een ouder met een ernstige verslaving).' },
  ],
  3: [{ titel: 'Passende hulp', tekst: 'Voldoende zicht op veiligheid; afspraken over samenwerking en regie op veiligheid; zicht op herhaling en patronen; blijvende aandacht voor veiligheid; aandacht voor herstel.' }],
  4: [{ titel: 'Meewerken', tekst: 'Werken de betrokkenen mee aan de hulp die u biedt of organiseert?' }],
  5: [{ titel: 'Duurzaam', tekst: 'Leidt de hulp tot directe én stabiele veiligheid? Zo niet, dan (opnieuw) melden.' }],
};

const LEGE_WAARDEN = ['referentie', 'werktMetVolwassenen', 'categorieen', 'beschrijving', 'waargenomenOp', 'waargenomenDoor', 'zorgtVoorMinderjarigen', 'gevolgenVoorKinderen', 'toelichting', 'met', 'adviesVeiligThuis', 'uitkomst', 'voldoendeSignalen', 'samenvatting', 'reden', 'datum', 'adviseurVeiligThuis', 'afspraken', 'vervolgadviesOp', 'opNaamAdviesvrager', 'overigeZorgmelding', 'soort', 'besprokenMetGezin', 'redenAnoniem', 'melderNaam', 'melderTelefoon', 'melderEmail', 'feiten', 'spoed'];

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

export function startKaart(waarden?: Record<string, string>, fouten?: Record<string, string>): KaartBijlage {
  const heeftFouten = fouten !== undefined && Object.keys(fouten).length > 0;
  return bouw(
    start,
    { ...LEEG_KADER, kop: 'Nieuwe meldcode', titel: 'Stap 1 van 5 begint hier', melding: heeftFouten ? 'Controleer het kenmerk; wat u invulde staat er nog.' : '', meldingStijl: 'attention' },
    formulier(waarden, fouten, { werktMetVolwassenen: 'false' }),
  );
}

/** Where the card is shown, as far as a card needs to know it. */
export interface KaartOmgeving {
  /** A deep link that opens the person's personal chat with the bot. */
  readonly persoonlijkeChat?: string;
}

export function kanaalhulpKaart(omgeving: KaartOmgeving, melding?: string): KaartBijlage {
  return bouw(
    kanaalhulp,
    { ...LEEG_KADER, kop: 'meldroute', titel: 'Casussen alleen in uw persoonlijke chat', melding: melding ?? '', meldingStijl: 'attention' },
    { persoonlijkeChat: omgeving.persoonlijkeChat ?? '' },
  );
}

/** One line and a way to the personal chat; no frame, no Action.Execute: nothing here can show a case. */
export function alleenPersoonlijkKaart(omgeving: KaartOmgeving): KaartBijlage {
  return { contentType: ADAPTIVE_CARD, content: new Template(persoonlijk).expand({ $root: { persoonlijkeChat: omgeving.persoonlijkeChat ?? '' } }) as Record<string, unknown> };
}

export function foutKaart(melding: string): KaartBijlage {
  return bouw(fout, { ...LEEG_KADER, kop: 'meldroute', titel: 'Dat lukte niet', melding, meldingStijl: 'attention' }, {});
}

export function casussenKaart(dossiers: readonly Dossier[], nu: DateTime): KaartBijlage {
  const rijen = dossiers.map((d) => {
    const [, zicht, termijn] = dossierFeiten(d, nu);
    return { id: d.id, referentie: d.referentie, waar: waarIsDossier(d), zicht: zicht?.waarde ?? '', termijn: termijn?.waarde ?? '' };
  });
  return bouw(casussen, { ...LEEG_KADER, kop: 'meldroute', titel: 'Mijn casussen' }, { casussen: rijen });
}

export function verslagKaart(d: Dossier, tekst: string, nu: DateTime): KaartBijlage {
  return bouw(verslag, { ...LEEG_KADER, kop: 'Dossierverslag', titel: d.referentie, feiten: dossierFeiten(d, nu).slice(1), dossierId: d.id }, { tekst });
}

interface DossierKaartInvoer {
  readonly dossier: Dossier;
  readonly scherm: Scherm;
  readonly nu: DateTime;
  readonly waarden?: Record<string, string>;
  readonly fouten?: Record<string, string>;
  readonly melding?: string;
  readonly meldingSoort?: 'fout' | 'bevestiging';
}

/** The card for one dossier: the current step, a form, or its status. */
export function dossierKaart(v: DossierKaartInvoer): KaartBijlage {
  const d = v.dossier;
  const m = d.meldcode;
  const lopend = m.status === 'lopend' || m.status === 'zelf-hulp';
  const uitkomst = evaluateAfwegingskader(m.antwoorden);
  const stap = v.scherm === 'afweging' ? (uitkomst.volgendeVraag !== null && uitkomst.volgendeVraag <= 2 ? 4 : 5) : m.stap;
  const basis: Kader = {
    kop: lopend ? `Stap ${stap} van 5` : 'Meldcode',
    titel: lopend ? STAP_TITELS[stap] : STAP_TITELS[m.stap],
    feiten: dossierFeiten(d, v.nu),
    melding: v.melding ?? '',
    meldingStijl: v.meldingSoort === 'bevestiging' ? 'good' : 'attention',
    dossierId: d.id,
    secundair: lopend
      ? [
          ...(m.stap > 1 || m.antwoorden.vermoeden !== undefined ? [{ verb: 'corrigeer' as const, titel: 'Vorige antwoord corrigeren' }] : []),
          // The beslissing card offers advies among its own next steps.
          ...(m.stap >= 2 && v.scherm !== 'advies' && v.scherm !== 'beslissing' ? [{ verb: 'advies-formulier' as const, titel: 'Advies Veilig Thuis vastleggen' }] : []),
          ...(v.scherm !== 'afsluiten' ? [{ verb: 'afsluiten-formulier' as const, titel: 'Meldcode afsluiten' }] : []),
          { verb: 'verslag', titel: 'Dossierverslag' },
        ]
      : [{ verb: 'verslag', titel: 'Dossierverslag' }],
  };
  const invoer = formulier(v.waarden, v.fouten, standaardWaarden(v));
  const terug: Actie = { verb: 'open', titel: 'Terug naar de stap' };
  switch (v.scherm) {
    case 'signalen':
      return bouw(signalen, basis, { ...invoer, categorieen: SIGNAAL_CATEGORIEEN.map((c) => ({ titel: SIGNAAL_CATEGORIE_LABELS[c], waarde: c })) }, d.id);
    case 'kindcheck':
      return bouw(kindcheck, { ...basis, titel: 'Kindcheck' }, invoer, d.id);
    case 'overleg':
      return bouw(overleg, basis, invoer, d.id);
    case 'gesprek':
      return bouw(gesprek, basis, invoer, d.id);
    case 'afweging': {
      const nummer = uitkomst.volgendeVraag ?? 1;
      const nuMelden = uitkomst.meldenNoodzakelijk === true && m.status !== 'gemeld' ? [{ verb: 'melding-formulier' as const, titel: 'Nu melden bij Veilig Thuis' }] : [];
      return bouw(
        afweging,
        { ...basis, kop: m.status === 'gemeld' ? 'Stap 5 van 5 · samen met Veilig Thuis' : basis.kop, secundair: [...nuMelden, ...basis.secundair] },
        { vraagNummer: nummer, vraag: AFWEGINGSVRAGEN[nummer - 1]?.vraag ?? '', samenMetVeiligThuis: uitkomst.samenMetVeiligThuis, definities: DEFINITIES[nummer] ?? [] },
        d.id,
      );
    }
    case 'beslissing':
      return beslissingKaart(d, basis);
    case 'advies':
      return bouw(advies, { ...basis, kop: 'Advies', titel: 'Advies van Veilig Thuis vastleggen', secundair: [terug] }, invoer, d.id);
    case 'melding':
      return bouw(melding, { ...basis, kop: 'Melding', titel: 'Melding doen bij Veilig Thuis', secundair: [terug] }, invoer, d.id);
    case 'afsluiten':
      return bouw(afsluiten, { ...basis, kop: 'Afsluiten', titel: 'Meldcode afsluiten', secundair: [terug] }, invoer, d.id);
    case 'status':
      return statusKaart(d, basis);
  }
}

function standaardWaarden(v: DossierKaartInvoer): Record<string, string> {
  return {
    werktMetVolwassenen: 'false',
    adviesVeiligThuis: 'false',
    opNaamAdviesvrager: 'true',
    overigeZorgmelding: 'false',
    besprokenMetGezin: 'false',
    spoed: 'false',
    soort: 'open',
    datum: v.nu.setZone(ZONE).toISODate() ?? '',
    melderNaam: v.dossier.eigenaar.naam,
    ...(v.scherm === 'melding' && v.dossier.meldcode.signalen ? { feiten: v.dossier.meldcode.signalen.beschrijving } : {}),
  };
}

function beslissingKaart(d: Dossier, basis: Kader): KaartBijlage {
  const b = d.meldcode.beslissingen;
  if (b === undefined) return statusKaart(d, basis);
  const melden = b.route === 'melden' || b.route === 'melden-en-hulp';
  const primair: Actie[] = melden
    ? [
        { verb: 'melding-formulier', titel: 'Melding doen bij Veilig Thuis' },
        { verb: 'advies-formulier', titel: 'Eerst advies vastleggen' },
      ]
    : [
        { verb: 'advies-formulier', titel: 'Advies vastleggen' },
        { verb: 'melding-formulier', titel: 'Toch melden' },
      ];
  return bouw(
    beslissing,
    { ...basis, kop: 'Stap 5 van 5', titel: 'Beslissen' },
    {
      beslissing1: b.meldenNoodzakelijk ? 'Melden is noodzakelijk' : 'Melden is niet noodzakelijk',
      beslissing2: b.hulpMogelijk ? 'Hulp bieden of organiseren is (ook) mogelijk' : 'Hulp bieden of organiseren is niet (voldoende) mogelijk',
      reden: b.reden,
      watNu: melden
        ? 'Doe een melding bij Veilig Thuis. Melden betekent niet dat u de hulp overdraagt: u werkt samen met Veilig Thuis.'
        : 'Start de hulp en blijf de veiligheid volgen. Advies of ondersteuning van Veilig Thuis blijft mogelijk.',
      primair,
    },
    d.id,
  );
}

function statusKaart(d: Dossier, basis: Kader): KaartBijlage {
  const m = d.meldcode;
  const vroeg = m.afsluiting !== undefined && m.afsluiting.reden !== 'handmatig' && m.afsluiting.reden !== 'dossier-afgesloten';
  if (m.status === 'gemeld') {
    return bouw(
      status,
      { ...basis, kop: 'Meldcode', titel: 'Melding gedaan bij Veilig Thuis', melding: basis.melding || 'De melding is ontvangen door Veilig Thuis.', meldingStijl: basis.melding ? 'attention' : 'good' },
      {
        toelichting: 'Veilig Thuis doet binnen 5 werkdagen een veiligheidsbeoordeling (bij spoed dezelfde dag) en laat u weten wie de vervolgstappen zet. Melden betekent niet dat u de hulp overdraagt: u werkt samen met Veilig Thuis.',
        primair: [
          ...(evaluateAfwegingskader(m.antwoorden).volgendeVraag !== null ? [{ verb: 'afweging-formulier' as const, titel: 'Vraag 3-5 samen met Veilig Thuis' }] : []),
          { verb: 'casussen', titel: 'Mijn casussen' },
        ],
      },
      d.id,
    );
  }
  return bouw(
    status,
    { ...basis, kop: 'Meldcode', titel: 'Meldcode afgesloten' },
    {
      toelichting: `Afgesloten op ${m.afsluiting ? lokaleTijd(m.afsluiting.op) : '-'}: ${d.gebeurtenissen.at(-1)?.omschrijving ?? ''}${m.afsluiting?.toelichting ? `. ${m.afsluiting.toelichting}` : ''}`,
      primair: [...(vroeg ? [{ verb: 'corrigeer' as const, titel: 'Vorige antwoord corrigeren' }] : []), { verb: 'nieuw', titel: 'Nieuwe meldcode starten' }],
    },
    d.id,
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
      return kanaalhulpKaart(omgeving, w.melding);
    case 'alleen-persoonlijk':
      return alleenPersoonlijkKaart(omgeving);
    case 'start':
      return startKaart(w.waarden, w.fouten);
    case 'dossier':
      return dossierKaart(w);
    case 'casussen':
      return casussenKaart(w.dossiers, w.nu);
    case 'verslag':
      return verslagKaart(w.dossier, w.tekst, w.nu);
    case 'fout':
      return foutKaart(w.melding);
  }
}
