import { AFWEGINGSVRAGEN, beslis, evaluateAfwegingskader, type Afwegingsvraag } from './afwegingskader.js';
import { metGebeurtenis, tijdstip, type Context, type Effect, type Wijziging } from './effecten.js';
import type {
  Advies,
  AfsluitReden,
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
import { ontvangMelding } from './veiligThuis.js';

export type MeldcodeCommando =
  | { readonly soort: 'signalen'; readonly signalen: Signalen }
  | { readonly soort: 'kindcheck'; readonly kindcheck: Kindcheck }
  | { readonly soort: 'overleg'; readonly overleg: Overleg }
  | { readonly soort: 'gesprek'; readonly gesprek: Gesprek }
  | { readonly soort: 'afweging'; readonly vraag: Afwegingsvraag; readonly antwoord: boolean }
  | { readonly soort: 'advies'; readonly advies: Advies }
  | { readonly soort: 'melding'; readonly melding: Melding }
  | { readonly soort: 'afsluiten'; readonly toelichting: string }
  | { readonly soort: 'corrigeer' };

export type MeldcodeFoutCode =
  | 'meldcode-afgesloten'
  | 'al-gemeld'
  | 'stap-niet-aan-de-beurt'
  | 'vraag-niet-aan-de-beurt'
  | 'kindcheck-niet-nodig'
  | 'melden-nog-niet-mogelijk'
  | 'niets-te-corrigeren';

export type MeldcodeFout = DomeinFout<MeldcodeFoutCode>;

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

/** Applies one command of the professional to the meldcode of a dossier. */
export function pasMeldcodeToe(
  dossier: Dossier,
  commando: MeldcodeCommando,
  ctx: Context,
): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  if (commando.soort === 'corrigeer') return corrigeer(dossier, ctx);
  if (m.status === 'afgesloten') {
    return fout({ code: 'meldcode-afgesloten', melding: 'Deze meldcode is afgesloten; er kan niets meer worden vastgelegd.' });
  }
  if (m.status === 'gemeld' && !(commando.soort === 'afweging' || commando.soort === 'advies')) {
    return fout({
      code: 'al-gemeld',
      melding: 'Er is al een melding gedaan bij Veilig Thuis; Veilig Thuis is nu verantwoordelijk voor zicht op veiligheid.',
    });
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
      return legOverlegVast(dossier, commando.overleg, ctx);
    case 'gesprek':
      return legGesprekVast(dossier, commando.gesprek, ctx);
    case 'afweging':
      return beantwoord(dossier, commando.vraag, commando.antwoord, ctx);
    case 'advies':
      return legAdviesVast(dossier, commando.advies, ctx);
    case 'melding':
      return doeMelding(dossier, commando.melding, ctx);
    case 'afsluiten':
      return ok(sluit(dossier, 'handmatig', ctx, commando.toelichting));
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

function legStap1Vast(
  dossier: Dossier,
  deel: Pick<Meldcode, 'signalen'> | Pick<Meldcode, 'kindcheck'>,
  ctx: Context,
  omschrijving: string,
): Resultaat<Wijziging, MeldcodeFout> {
  if (dossier.meldcode.stap !== 1) return niet(dossier.meldcode, 1);
  const m: Meldcode = { ...dossier.meldcode, ...deel };
  const stap1Compleet = m.signalen !== undefined && (!m.werktMetVolwassenen || m.kindcheck !== undefined);
  const soort = 'signalen' in deel ? 'signalen' : 'kindcheck';
  return ok(wijzig(dossier, { ...m, stap: stap1Compleet ? 2 : 1 }, ctx, soort, omschrijving));
}

function legOverlegVast(dossier: Dossier, overleg: Overleg, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  if (dossier.meldcode.stap !== 2) return niet(dossier.meldcode, 2);
  const na = wijzig(dossier, { ...dossier.meldcode, overleg, stap: 3 }, ctx, 'overleg', 'Overleg vastgelegd');
  // Step 2: with no or insufficient signals the meldcode stops here.
  return ok(overleg.voldoendeSignalen ? na : sluit({ ...na.dossier, meldcode: { ...na.dossier.meldcode, stap: 2 } }, 'onvoldoende-signalen', ctx));
}

function legGesprekVast(dossier: Dossier, gesprek: Gesprek, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  if (dossier.meldcode.stap !== 3) return niet(dossier.meldcode, 3);
  const omschrijving = gesprek.uitkomst === 'niet-gevoerd' ? 'Gesprek niet gevoerd (reden vastgelegd)' : 'Gesprek met de cliënt vastgelegd';
  const na = wijzig(dossier, { ...dossier.meldcode, gesprek, stap: 4 }, ctx, 'gesprek', omschrijving);
  if (gesprek.uitkomst !== 'zorgen-weggenomen') return ok(na);
  return ok(sluit({ ...na.dossier, meldcode: { ...na.dossier.meldcode, stap: 3 } }, 'zorgen-weggenomen', ctx));
}

function beantwoord(dossier: Dossier, vraag: Afwegingsvraag, antwoord: boolean, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  const stapVanVraag: Stap = vraag <= 2 ? 4 : 5;
  const volgende = evaluateAfwegingskader(m.antwoorden).volgendeVraag;
  if (m.status === 'gemeld' && vraag <= 2) {
    return fout({ code: 'al-gemeld', melding: 'De melding is gedaan; alleen afwegingsvraag 3 tot en met 5 worden nog samen met Veilig Thuis beantwoord.' });
  }
  if (m.status !== 'gemeld' && m.stap !== stapVanVraag) return niet(m, stapVanVraag);
  if (volgende !== vraag) {
    return fout({
      code: 'vraag-niet-aan-de-beurt',
      melding:
        volgende === null
          ? 'Het afwegingskader is al volledig beantwoord.'
          : `Beantwoord eerst afwegingsvraag ${volgende}; vraag ${vraag} komt daarna.`,
    });
  }
  const veld = AFWEGINGSVRAGEN[vraag - 1]?.veld;
  if (veld === undefined) throw new RangeError(`Afwegingsvraag ${vraag} bestaat niet.`);
  const antwoorden = { ...m.antwoorden, [veld]: antwoord };
  const uitkomst = evaluateAfwegingskader(antwoorden);
  const beslissingen = beslis(antwoorden) ?? undefined;
  const stap: Stap = vraag >= 2 ? 5 : 4;
  const status = m.status === 'gemeld' ? 'gemeld' : beslissingen?.route === 'zelf-hulp' ? 'zelf-hulp' : 'lopend';
  const na = wijzig(
    dossier,
    { ...m, antwoorden, stap, status, ...(beslissingen ? { beslissingen } : {}) },
    ctx,
    'afweging',
    `Afwegingsvraag ${vraag}: ${antwoord ? 'ja' : 'nee'}`,
  );
  return ok(uitkomst.afsluiten ? sluit(na.dossier, 'geen-vermoeden', ctx) : na);
}

function legAdviesVast(dossier: Dossier, advies: Advies, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  if (m.stap < 2) {
    return fout({
      code: 'stap-niet-aan-de-beurt',
      melding: 'Breng eerst de signalen in kaart (stap 1); daarna kunt u advies vragen aan Veilig Thuis.',
    });
  }
  return ok(wijzig(dossier, { ...m, adviezen: [...m.adviezen, advies] }, ctx, 'advies', `Advies van Veilig Thuis vastgelegd (${advies.datum})`));
}

function doeMelding(dossier: Dossier, melding: Melding, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  const uitkomst = evaluateAfwegingskader(m.antwoorden);
  // Melden is possible once beslissing 1 says so, or once the afweging is complete: the choice
  // to report stays the professional's, and Veilig Thuis always accepts a melding.
  const magMelden = m.stap === 5 && (uitkomst.meldenNoodzakelijk === true || uitkomst.volgendeVraag === null);
  if (!magMelden) {
    return fout({
      code: 'melden-nog-niet-mogelijk',
      melding: 'Doorloop eerst de stappen tot en met de afweging (stap 4 en 5); daarna kunt u melden bij Veilig Thuis.',
    });
  }
  const meldcode: Meldcode = { ...m, melding, status: 'gemeld', gemeldOp: tijdstip(ctx.op) };
  const omschrijving = `Melding bij Veilig Thuis gedaan (${melding.soort === 'open' ? 'open' : 'anoniem t.o.v. het gezin'}${melding.spoed ? ', spoed' : ''})`;
  const na = wijzig(dossier, meldcode, ctx, 'melding', omschrijving);
  const ontvangen = ontvangMelding(na.dossier, melding.spoed, ctx);
  return ok({ dossier: ontvangen.dossier, effecten: [...na.effecten, ...ontvangen.effecten] });
}

const AFSLUIT_OMSCHRIJVING: Readonly<Record<AfsluitReden, string>> = {
  'onvoldoende-signalen': 'Meldcode afgesloten: onvoldoende signalen na overleg (stap 2)',
  'zorgen-weggenomen': 'Meldcode afgesloten: zorgen weggenomen in het gesprek (stap 3)',
  'geen-vermoeden': 'Meldcode afgesloten: geen vermoeden (afwegingsvraag 1)',
  handmatig: 'Meldcode afgesloten door de professional',
  'dossier-afgesloten': 'Dossier afgesloten',
};

function sluit(dossier: Dossier, reden: AfsluitReden, ctx: Context, toelichting?: string): Wijziging {
  const afsluiting = { reden, op: tijdstip(ctx.op), ...(toelichting ? { toelichting } : {}) };
  return wijzig(dossier, { ...dossier.meldcode, status: 'afgesloten', afsluiting }, ctx, 'afsluiting', AFSLUIT_OMSCHRIJVING[reden], [
    { soort: 'dossier-afgesloten' },
  ]);
}

/**
 * Takes back the most recent answer so the professional can correct it. Recorded texts stay as
 * they were, so the form comes back filled in; an early exit is reopened. A melding cannot be
 * taken back: Veilig Thuis has received it.
 */
function corrigeer(dossier: Dossier, ctx: Context): Resultaat<Wijziging, MeldcodeFout> {
  const m = dossier.meldcode;
  if (m.status === 'gemeld') {
    return fout({ code: 'al-gemeld', melding: 'Een melding bij Veilig Thuis kan niet worden teruggedraaid. Neem contact op met Veilig Thuis.' });
  }
  if (m.status === 'afgesloten') {
    const reden = m.afsluiting?.reden;
    if (reden === undefined || reden === 'handmatig' || reden === 'dossier-afgesloten') {
      return fout({ code: 'meldcode-afgesloten', melding: 'Deze meldcode is bewust afgesloten en kan niet worden heropend.' });
    }
    const antwoorden = reden === 'geen-vermoeden' ? {} : m.antwoorden;
    const { afsluiting: _weg, ...heropend } = m;
    return ok(wijzig(dossier, { ...heropend, status: 'lopend', antwoorden }, ctx, 'correctie', `Afsluiting teruggedraaid om te corrigeren (stap ${m.stap})`));
  }
  const laatsteVraag = [...AFWEGINGSVRAGEN].reverse().find((v) => m.antwoorden[v.veld] !== undefined);
  if (laatsteVraag !== undefined) {
    const { [laatsteVraag.veld]: _weg, ...antwoorden } = m.antwoorden;
    const { beslissingen: _b, ...zonderBeslissing } = m;
    const stap: Stap = laatsteVraag.nummer <= 2 ? 4 : 5;
    return ok(
      wijzig(dossier, { ...zonderBeslissing, antwoorden, stap, status: 'lopend' }, ctx, 'correctie', `Antwoord op afwegingsvraag ${laatsteVraag.nummer} teruggenomen`),
    );
  }
  if (m.stap === 1) {
    return fout({ code: 'niets-te-corrigeren', melding: 'U bent bij de eerste stap; er is nog geen eerder antwoord om te corrigeren.' });
  }
  const vorige = (m.stap - 1) as Stap;
  return ok(wijzig(dossier, { ...m, stap: vorige }, ctx, 'correctie', `Terug naar stap ${vorige} om te corrigeren`));
}
