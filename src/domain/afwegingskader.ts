import type { Antwoorden, Route } from './model.js';

export type { Antwoorden } from './model.js';

export type Afwegingsvraag = 1 | 2 | 3 | 4 | 5;

/** The five questions of the afwegingskader in order, with the answer field each fills in. */
export const AFWEGINGSVRAGEN: ReadonlyArray<{
  readonly nummer: Afwegingsvraag;
  readonly veld: keyof Antwoorden;
  readonly vraag: string;
}> = [
  {
    nummer: 1,
    veld: 'vermoeden',
    // Seed 001 ("De route in de keten"): the suspicion rests on what steps 1 to 3 brought to light;
    // the question itself is asked in step 4.
    vraag: 'Heb ik op basis van stap 1 tot en met 3 een vermoeden van huiselijk geweld of kindermishandeling?',
  },
  {
    nummer: 2,
    veld: 'acuutOfStructureelOnveilig',
    vraag: 'Schat ik in dat er sprake is van acute onveiligheid of structurele onveiligheid?',
  },
  {
    nummer: 3,
    veld: 'hulpMogelijk',
    vraag: 'Ben ik in staat om passende hulp te bieden of te organiseren?',
  },
  {
    nummer: 4,
    veld: 'betrokkenenWerkenMee',
    vraag: 'Werken de betrokkenen mee aan de geboden of georganiseerde hulp?',
  },
  {
    nummer: 5,
    veld: 'leidtTotDuurzameVeiligheid',
    vraag: 'Leidt deze hulp tot duurzame (stabiele) veiligheid?',
  },
];

export interface AfwegingsUitkomst {
  /** Next question to ask; null once decided. */
  volgendeVraag: Afwegingsvraag | null;
  /** Beslissing 1; null while undecided. */
  meldenNoodzakelijk: boolean | null;
  /** Questions 3-5 are answered together with Veilig Thuis. */
  samenMetVeiligThuis: boolean;
  /** No suspicion: close the meldcode. */
  afsluiten: boolean;
}

/**
 * Walks the afwegingskader (seeds 003, 004) in order. Answers beyond the first unanswered or
 * deciding question are ignored: the protocol never reads them.
 */
export function evaluateAfwegingskader(a: Antwoorden): AfwegingsUitkomst {
  if (a.vermoeden === undefined) return open(1, null, false);
  if (a.vermoeden === false) return { volgendeVraag: null, meldenNoodzakelijk: false, samenMetVeiligThuis: false, afsluiten: true };
  if (a.acuutOfStructureelOnveilig === undefined) return open(2, null, false);

  // Acute or structural unsafety: melden is necessary; 3-5 are still answered, together with VT.
  const samen = a.acuutOfStructureelOnveilig;
  const meldenAlBesloten = samen ? true : null;
  for (const { nummer, veld } of AFWEGINGSVRAGEN.slice(2)) {
    const antwoord = a[veld];
    if (antwoord === undefined) return open(nummer, meldenAlBesloten, samen);
    if (antwoord === false) return { volgendeVraag: null, meldenNoodzakelijk: true, samenMetVeiligThuis: samen, afsluiten: false };
  }
  return { volgendeVraag: null, meldenNoodzakelijk: samen, samenMetVeiligThuis: samen, afsluiten: false };
}

function open(vraag: Afwegingsvraag, melden: boolean | null, samen: boolean): AfwegingsUitkomst {
  return { volgendeVraag: vraag, meldenNoodzakelijk: melden, samenMetVeiligThuis: samen, afsluiten: false };
}

export interface Beslissing {
  /** Beslissing 1: is melden noodzakelijk? */
  meldenNoodzakelijk: boolean;
  /** Beslissing 2: is hulp verlenen of organiseren (ook) mogelijk? */
  hulpMogelijk: boolean;
  route: Route;
  /** The protocol's reason, in Dutch, for the card. */
  reden: string;
}

/**
 * Both beslissingen, once the afwegingskader is decided; null while questions remain.
 * Beslissing 2 is "ja" only when help is possible, the betrokkenen cooperate and it leads to
 * durable safety: a "nee" on any of questions 3-5 means the help on offer is not adequate.
 */
export function beslis(a: Antwoorden): Beslissing | null {
  const uitkomst = evaluateAfwegingskader(a);
  if (uitkomst.volgendeVraag !== null || uitkomst.meldenNoodzakelijk === null) return null;
  if (uitkomst.afsluiten) {
    return {
      meldenNoodzakelijk: false,
      hulpMogelijk: false,
      route: 'afsluiten',
      reden: 'Er is geen vermoeden van huiselijk geweld of kindermishandeling: sluit de meldcode af en leg dat vast.',
    };
  }
  const hulpMogelijk =
    a.hulpMogelijk === true && a.betrokkenenWerkenMee === true && a.leidtTotDuurzameVeiligheid === true;
  const route = routeVoor(uitkomst.meldenNoodzakelijk, hulpMogelijk);
  return { meldenNoodzakelijk: uitkomst.meldenNoodzakelijk, hulpMogelijk, route, reden: redenVoor(a, route) };
}

/** Beslissing 1 and 2 combined (seed 003): melden does not mean handing the help over. */
export function routeVoor(meldenNoodzakelijk: boolean, hulpMogelijk: boolean): Route {
  if (meldenNoodzakelijk) return hulpMogelijk ? 'melden-en-hulp' : 'melden';
  return hulpMogelijk ? 'zelf-hulp' : 'melden';
}

function redenVoor(a: Antwoorden, route: Route): string {
  if (route === 'zelf-hulp') {
    return 'U kunt passende hulp bieden of organiseren, de betrokkenen werken mee en de hulp leidt tot duurzame veiligheid: melden is niet noodzakelijk.';
  }
  const waarom = a.acuutOfStructureelOnveilig
    ? 'U schat in dat er sprake is van acute of structurele onveiligheid'
    : a.hulpMogelijk === false
      ? 'U kunt zelf geen passende hulp bieden of organiseren'
      : a.betrokkenenWerkenMee === false
        ? 'De betrokkenen werken niet mee aan de hulp'
        : 'De hulp leidt niet tot duurzame veiligheid';
  return route === 'melden-en-hulp'
    ? `${waarom}: melden bij Veilig Thuis is noodzakelijk. Samen met Veilig Thuis is besloten dat u ook hulp kunt bieden of organiseren.`
    : `${waarom}: melden bij Veilig Thuis is noodzakelijk.`;
}
