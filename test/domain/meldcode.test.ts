import { describe, expect, it } from 'vitest';
import { pasMeldcodeToe, startDossier, zichtOpVeiligheid, type Dossier, type MeldcodeCommando } from '../../src/domain/index.js';
import { ams, ctx, gesprekGevoerd, meldcode, melder, nieuwDossier, overleg, signalen, totStap4, vraag } from './fixtures.js';

const loop = (d: Dossier, ...cmds: MeldcodeCommando[]) => cmds.reduce((acc, c) => meldcode(acc, c).dossier, d);
const weiger = (d: Dossier, cmd: MeldcodeCommando) => {
  const r = pasMeldcodeToe(d, cmd, ctx('2026-03-02 11:00'));
  if (r.ok) throw new Error(`expected ${cmd.soort} to be refused`);
  return r.fout;
};
const openMelding: MeldcodeCommando = { soort: 'melding', melding: { soort: 'open', besprokenMetGezin: true, melder, feiten: 'Blauwe plekken gezien.', spoed: false } };
const advies: MeldcodeCommando = {
  soort: 'advies',
  advies: { datum: '2026-03-03', adviseurVeiligThuis: 'M. Jansen', afspraken: 'Gesprek met ouders voeren.', opNaamAdviesvrager: true, overigeZorgmelding: false },
};

describe('the five steps, with their early exits', () => {
  it.each([
    ['stap 2: onvoldoende signalen', [signalen, overleg(false)], 2, 'onvoldoende-signalen'],
    ['stap 3: zorgen weggenomen', [signalen, overleg(), { soort: 'gesprek', gesprek: { uitkomst: 'zorgen-weggenomen', samenvatting: 'Verklaring klopt.' }, afsluitToelichting: 'Gymleraar bevestigt.' }], 3, 'zorgen-weggenomen'],
    ['afwegingsvraag 1 nee: geen vermoeden', [signalen, overleg(), gesprekGevoerd, vraag(1, false)], 4, 'geen-vermoeden'],
  ] as const)('%s closes the meldcode and records it', (_naam, cmds, stap, reden) => {
    const d = loop(nieuwDossier(), ...(cmds as readonly MeldcodeCommando[]));
    expect(d.meldcode.status).toBe('afgesloten');
    expect(d.meldcode.stap).toBe(stap);
    expect(d.meldcode.afsluiting?.reden).toBe(reden);
    expect(d.gebeurtenissen.at(-1)?.soort).toBe('afsluiting');
    expect(weiger(d, signalen).code).toBe('meldcode-afgesloten');
  });

  it('walks to zelf hulp: no melding, follow safety', () => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true));
    expect(d.meldcode.status).toBe('zelf-hulp');
    expect(d.meldcode.beslissingen).toMatchObject({ meldenNoodzakelijk: false, hulpMogelijk: true, route: 'zelf-hulp' });
    expect(d.veiligThuis).toBeUndefined();
  });

  it('acute path: melden at question 2, then 3-5 together with Veilig Thuis', () => {
    const { dossier, effecten } = meldcode(loop(totStap4(), vraag(1, true), vraag(2, true)), openMelding, ctx('2026-03-02 14:00'));
    expect(dossier.meldcode.status).toBe('gemeld');
    expect(dossier.veiligThuis).toMatchObject({ fase: 'melding-ontvangen', regioId: 'vt-gelderland-zuid', spoed: false });
    expect(effecten).toContainEqual({ soort: 'melding-naar-veilig-thuis', regioId: 'vt-gelderland-zuid', spoed: false });
    const na = loop(dossier, vraag(3, true), vraag(4, true), vraag(5, true));
    expect(na.meldcode.beslissingen).toMatchObject({ route: 'melden-en-hulp', meldenNoodzakelijk: true, hulpMogelijk: true });
    expect(na.meldcode.status).toBe('gemeld');
    expect(weiger(na, openMelding).code).toBe('al-gemeld');
  });

  it('anonymous melding (t.o.v. het gezin) after question 3 nee', () => {
    const d = loop(
      totStap4(),
      vraag(1, true),
      vraag(2, false),
      vraag(3, false),
      { soort: 'melding', melding: { soort: 'anoniem-tov-gezin', redenAnoniem: 'Ouders dreigen.', melder, feiten: 'Feiten.', spoed: true } },
    );
    expect(d.meldcode.beslissingen?.route).toBe('melden');
    expect(d.meldcode.melding?.soort).toBe('anoniem-tov-gezin');
    expect(d.veiligThuis?.spoed).toBe(true);
  });

  it('advies can be asked at any step, also in step 1, and leaves the steps where they are', () => {
    expect(loop(nieuwDossier(), advies).meldcode).toMatchObject({ stap: 1, adviezen: [advies.soort === 'advies' ? advies.advies : undefined] });
    const d = loop(nieuwDossier(), signalen, advies);
    expect(d.meldcode.stap).toBe(2);
    expect(d.meldcode.adviezen).toHaveLength(1);
  });

  it.each([
    ['stap 1', () => nieuwDossier(), 1],
    ['stap 2', () => loop(nieuwDossier(), signalen), 2],
    ['stap 4', () => loop(totStap4(), vraag(1, true)), 4],
    ['stap 5, terwijl 3-5 nog open zijn', () => loop(totStap4(), vraag(1, true), vraag(2, false)), 5],
  ] as const)('a melding can be made in %s; the steps after it stay open', (_naam, maak, stap) => {
    const { dossier, effecten } = meldcode(maak(), openMelding);
    expect(dossier.meldcode).toMatchObject({ status: 'gemeld', gemeldInStap: stap, stap });
    expect(effecten).toContainEqual({ soort: 'melding-naar-veilig-thuis', regioId: 'vt-gelderland-zuid', spoed: false });
  });

  it('after an early melding the open steps can still be recorded, and an exit then closes nothing', () => {
    const na = loop(nieuwDossier(), signalen, openMelding, overleg(false));
    expect(na.meldcode).toMatchObject({ status: 'gemeld', stap: 3 });
    expect(na.meldcode.afsluiting).toBeUndefined();
    expect(loop(na, { soort: 'corrigeer' }).meldcode.stap).toBe(2);
    expect(weiger(loop(nieuwDossier(), signalen, openMelding), { soort: 'corrigeer' }).code).toBe('al-gemeld');
  });

  it('a melding is sent, not yet received: the receipt is Veilig Thuis\' own event', () => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, true), openMelding);
    expect(d.gebeurtenissen.at(-1)).toMatchObject({ soort: 'melding', omschrijving: 'Melding verstuurd naar Veilig Thuis (open)', door: { rol: 'professional' } });
    expect(d.gebeurtenissen.some((g) => g.soort === 'melding-ontvangen')).toBe(false);
    expect(d.veiligThuis?.ontvangstBevestigdOp).toBeUndefined();
  });

  it('the choice to melden stays with the professional, also on the zelf-hulp route', () => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true), openMelding);
    expect(d.meldcode.status).toBe('gemeld');
  });

  it('kindcheck is required in step 1 for professionals with adult clients', () => {
    const na1 = loop(nieuwDossier(true), signalen);
    expect(na1.meldcode.stap).toBe(1);
    expect(weiger(na1, overleg()).code).toBe('stap-niet-aan-de-beurt');
    const na2 = loop(na1, { soort: 'kindcheck', kindcheck: { zorgtVoorMinderjarigen: true, gevolgenVoorKinderen: true } });
    expect(na2.meldcode.stap).toBe(2);
    expect(weiger(nieuwDossier(false), { soort: 'kindcheck', kindcheck: { zorgtVoorMinderjarigen: false } }).code).toBe('kindcheck-niet-nodig');
  });

  it('records every step as an event with who and when', () => {
    const d = loop(totStap4(), vraag(1, true));
    expect(d.gebeurtenissen.map((g) => g.soort)).toEqual(['dossier-gestart', 'signalen', 'overleg', 'gesprek', 'afweging']);
    expect(d.gebeurtenissen.every((g) => g.door.id === 'aad-prof-1' && g.op.endsWith('Z'))).toBe(true);
  });

  it('closes by hand with a reason', () => {
    const d = loop(nieuwDossier(), signalen, { soort: 'afsluiten', toelichting: 'Gezin verhuisd; overgedragen aan nieuwe school.' });
    expect(d.meldcode.afsluiting).toMatchObject({ reden: 'handmatig', toelichting: 'Gezin verhuisd; overgedragen aan nieuwe school.' });
  });
});

const onvoldoendeZonderBevestiging: MeldcodeCommando = {
  soort: 'overleg',
  overleg: { met: ['collega'], adviesVeiligThuis: false, uitkomst: 'Geen zorgen.', voldoendeSignalen: false },
};

describe('out-of-order steps are refused with a clear error', () => {
  it.each([
    ['overleg in stap 1', () => nieuwDossier(), overleg(), 'stap-niet-aan-de-beurt', /stap 1/],
    ['gesprek in stap 2', () => loop(nieuwDossier(), signalen), gesprekGevoerd, 'stap-niet-aan-de-beurt', /stap 2/],
    ['afweging in stap 1', () => nieuwDossier(), vraag(1, true), 'stap-niet-aan-de-beurt', /stap 1/],
    ['vraag 2 voor vraag 1', () => totStap4(), vraag(2, true), 'vraag-niet-aan-de-beurt', /eerst afwegingsvraag 1/],
    ['vraag 3 in stap 4', () => loop(totStap4(), vraag(1, true)), vraag(3, true), 'stap-niet-aan-de-beurt', /stap 4/],
    ['signalen opnieuw in stap 3', () => loop(nieuwDossier(), signalen, overleg()), signalen, 'stap-niet-aan-de-beurt', /stap 3/],
    ['een tweede melding', () => loop(nieuwDossier(), openMelding), openMelding, 'al-gemeld', /al een melding/],
    ['vraag 2 ja zonder soort onveiligheid', () => loop(totStap4(), vraag(1, true)), { soort: 'afweging', vraag: 2, antwoord: true }, 'onveiligheid-ontbreekt', /acute of structurele/],
    [
      'vraag 3 na onveiligheid zonder wie bij Veilig Thuis',
      () => loop(totStap4(), vraag(1, true), vraag(2, true)),
      { soort: 'afweging', vraag: 3, antwoord: true },
      'samen-met-veilig-thuis-ontbreekt',
      /samen met Veilig Thuis/,
    ],
    ['vraag 1 nee zonder bevestiging', () => totStap4(), { soort: 'afweging', vraag: 1, antwoord: false }, 'afsluiten-bevestigen', /geen vermoeden/],
    ['onvoldoende signalen zonder bevestiging', () => loop(nieuwDossier(), signalen), onvoldoendeZonderBevestiging, 'afsluiten-bevestigen', /onvoldoende signalen/],
  ] as const)('%s', (_naam, maak, cmd, code, tekst) => {
    const f = weiger(maak(), cmd);
    expect(f.code).toBe(code);
    expect(f.melding).toMatch(tekst);
  });
});

describe('question 2 and the questions with Veilig Thuis', () => {
  it.each(['acuut', 'structureel', 'beide'] as const)('records %s onveiligheid with question 2', (soort) => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, true, soort));
    expect(d.meldcode.onveiligheid).toBe(soort);
    expect(d.gebeurtenissen.at(-1)?.omschrijving).toMatch(/Afwegingsvraag 2: ja \(.*onveiligheid\)/);
  });

  it('records with whom at Veilig Thuis and when, for questions 3-5 after unsafety', () => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, true), vraag(3, true));
    expect(d.meldcode.samenMetVeiligThuis).toEqual([{ vraag: 3, met: 'M. Jansen (Veilig Thuis)', op: '2026-03-02' }]);
  });

  it('does not record "samen met" where the protocol does not ask for it', () => {
    expect(loop(totStap4(), vraag(1, true), vraag(2, false), vraag(3, true)).meldcode.samenMetVeiligThuis).toBeUndefined();
  });

  it('an early exit is confirmed with its reason and recorded', () => {
    const d = loop(totStap4(), vraag(1, false));
    expect(d.meldcode.afsluiting).toMatchObject({ reden: 'geen-vermoeden', toelichting: 'Besproken met de aandachtsfunctionaris.' });
  });
});

describe('zelf hulp: the professional keeps zicht op veiligheid', () => {
  it.each([
    [{}, '2026-04-13'],
    [{ vervolgZelfHulpWeken: 4 }, '2026-03-30'],
  ] as const)('sets the follow-up date for afweging 5 (%o)', (instellingen, datum) => {
    const d = [vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true)].reduce(
      (acc, c) => meldcode(acc, c, { ...ctx('2026-03-02 10:00'), instellingen }).dossier,
      totStap4(),
    );
    expect(d.meldcode).toMatchObject({ status: 'zelf-hulp', vervolgAfweging5Op: datum });
  });

  it('rounding off a zelf-hulp meldcode leaves zicht with the professional', () => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true), { soort: 'afsluiten', toelichting: 'Hulp loopt via het wijkteam.' });
    expect(d.gebeurtenissen.at(-1)?.omschrijving).toBe('Meldcode afgerond: zelf hulp geboden of georganiseerd');
    expect(zichtOpVeiligheid(d, ams('2026-03-03 10:00'))).toMatchObject({ houder: 'professional' });
    expect(d.meldcode.vervolgAfweging5Op).toBeUndefined();
  });
});

describe('closing is deliberate where melden is necessary, and zelf hulp is weighed again', () => {
  it('refuses to close without a melding while beslissing 1 says melden, unless explicitly confirmed', () => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, true));
    expect(weiger(d, { soort: 'afsluiten', toelichting: 'Klaar.' }).code).toBe('melden-noodzakelijk');
    expect(loop(d, { soort: 'afsluiten', toelichting: 'Gezin vertrokken naar het buitenland; Veilig Thuis gebeld.', ondanksMeldplicht: true }).meldcode.status).toBe('afgesloten');
  });

  it.each([
    [true, 'zelf-hulp', '2026-04-13'],
    [false, 'lopend', undefined],
  ] as const)('afweging 5 again: %s -> status %s', (antwoord, status, datum) => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true), { soort: 'herweeg-afweging-5', antwoord });
    expect(d.meldcode.status).toBe(status);
    expect(d.meldcode.vervolgAfweging5Op).toBe(datum);
    if (!antwoord) expect(d.meldcode.beslissingen).toMatchObject({ meldenNoodzakelijk: true, route: 'melden' });
    expect(d.gebeurtenissen.at(-1)?.omschrijving).toMatch(/^Afweging 5 opnieuw gewogen/);
  });

  it('weighing afweging 5 again belongs to zelf hulp only', () => {
    expect(weiger(totStap4(), { soort: 'herweeg-afweging-5', antwoord: true }).code).toBe('geen-zelf-hulp');
  });
});

describe('the kenmerk can be changed later', () => {
  it('changes it with an event that does not repeat it', () => {
    const d = loop(totStap4(), { soort: 'kenmerk', referentie: 'Gezin K., groep 6' });
    expect(d.referentie).toBe('Gezin K., groep 6');
    expect(d.gebeurtenissen.at(-1)).toMatchObject({ soort: 'kenmerk', omschrijving: 'Kenmerk van de casus gewijzigd' });
  });

  it.each([['leeg', '  '], ['BSN', 'Kind 111222333']])('refuses a %s kenmerk', (_naam, referentie) => {
    expect(weiger(totStap4(), { soort: 'kenmerk', referentie }).code).toBe('referentie-ongeldig');
  });
});

describe('corrigeer: take back the previous answer', () => {
  it('takes back the last afwegingsvraag and the decision built on it', () => {
    const d = loop(totStap4(), vraag(1, true), vraag(2, false), vraag(3, true), vraag(4, true), vraag(5, true));
    const terug = meldcode(d, { soort: 'corrigeer' }).dossier;
    expect(terug.meldcode.antwoorden).toEqual({ vermoeden: true, acuutOfStructureelOnveilig: false, hulpMogelijk: true, betrokkenenWerkenMee: true });
    expect(terug.meldcode.beslissingen).toBeUndefined();
    expect(terug.meldcode.status).toBe('lopend');
    expect(loop(terug, vraag(5, false)).meldcode.beslissingen?.route).toBe('melden');
  });

  it('takes back question 2 and returns to step 4', () => {
    const terug = loop(totStap4(), vraag(1, true), vraag(2, true), { soort: 'corrigeer' });
    expect(terug.meldcode.stap).toBe(4);
    expect(terug.meldcode.antwoorden).toEqual({ vermoeden: true });
  });

  it('goes back a step and keeps the recorded text to correct it', () => {
    const terug = loop(totStap4(), { soort: 'corrigeer' });
    expect(terug.meldcode.stap).toBe(3);
    expect(terug.meldcode.gesprek?.uitkomst).toBe('gevoerd');
    expect(loop(terug, { soort: 'gesprek', gesprek: { uitkomst: 'niet-gevoerd', reden: 'veiligheid-kind' } }).meldcode.stap).toBe(4);
  });

  it('reopens an early exit', () => {
    const d = loop(nieuwDossier(), signalen, overleg(false), { soort: 'corrigeer' });
    expect(d.meldcode.status).toBe('lopend');
    expect(d.meldcode.stap).toBe(2);
    expect(d.meldcode.afsluiting).toBeUndefined();
    expect(loop(d, overleg(true)).meldcode.stap).toBe(3);
  });

  it('reopens "geen vermoeden" at question 1', () => {
    const d = loop(totStap4(), vraag(1, false), { soort: 'corrigeer' });
    expect(d.meldcode.antwoorden).toEqual({});
    expect(loop(d, vraag(1, true)).meldcode.stap).toBe(4);
  });

  it.each([
    ['in stap 1', () => nieuwDossier(), 'niets-te-corrigeren'],
    ['na een melding', () => loop(totStap4(), vraag(1, true), vraag(2, true), openMelding), 'al-gemeld'],
    ['na handmatig afsluiten', () => loop(nieuwDossier(), { soort: 'afsluiten', toelichting: 'Dubbel aangemaakt.' }), 'meldcode-afgesloten'],
  ] as const)('is refused %s', (_naam, maak, code) => {
    expect(weiger(maak(), { soort: 'corrigeer' }).code).toBe(code);
  });
});

describe('startDossier', () => {
  const actor = ctx('2026-03-02 09:00');
  it.each([
    ['BSN', 'Gezin 111222333', 'bsn-in-referentie'],
    ['BSN in groepjes', 'Kind 123 456 782', 'bsn-in-referentie'],
    ['leeg', '   ', 'referentie-leeg'],
  ])('refuses a reference with %s', (_naam, referentie, code) => {
    const r = startDossier({ id: 'x', referentie, organisatieId: 'o', regioId: 'r', werktMetVolwassenen: false }, actor);
    expect(r.ok ? 'ok' : r.fout.code).toBe(code);
  });

  it('accepts a pseudonymous reference with an ordinary number in it', () => {
    const r = startDossier({ id: 'x', referentie: 'Gezin K., groep 5, 2026', organisatieId: 'o', regioId: 'r', werktMetVolwassenen: false }, actor);
    expect(r.ok && r.waarde.meldcode).toMatchObject({ stap: 1, status: 'lopend' });
  });
});
