import type { DateTime } from 'luxon';
import {
  ESCALATIE_ROUTE_LABELS,
  FASE_LABELS,
  afsluitberichtOntvangers,
  MONITORING_DOOR_LABELS,
  SIGNAAL_CATEGORIE_LABELS,
  STANDAARD_ADVIES_TERMIJN_DAGEN,
  contactGezinDeadline,
  eindVanDag,
  landelijkeKalender,
  lopendeEscalatie,
  MONITORING_VERVOLGSTAPPEN,
  VERVOLGSTAPPEN_LOKAAL_TEAM,
  openMijlpalen,
  signaleringTekst,
  veiligheidsbeoordelingDeadline,
  vanIso,
  zichtOpVeiligheid,
  type Dossier,
  type Mijlpaal,
  type MonitoringMoment,
  type OverdrachtMoment,
  type PlanMaker,
  type Verzending,
  type WerkdagKalender,
} from '../domain/index.js';
import type { Bericht, TeamAanleiding } from '../app/bezorging.js';
import { PLANNEN } from '../app/kaartInvoer.js';
import { VT_BRON_LABELS } from '../app/labels.js';
import type { VeiligThuisContact } from '../app/regio.js';
import { lokaleDatum, lokaleTijd } from '../app/verslag.js';
import type { Verb } from '../app/verbs.js';
import type { Weergave } from '../app/weergave.js';
import { ADAPTIVE_CARD, LEEG_KADER, bouw, datum, metVernieuwing, type KaartBijlage } from './kaarten.js';
import kanaalCasussen from './kanaalCasussen.json' with { type: 'json' };
import koppelingOntbreekt from './koppelingOntbreekt.json' with { type: 'json' };
import { zonderMarkdown } from './markdown.js';
import afsluitbericht from './afsluitbericht.json' with { type: 'json' };
import overdracht from './overdracht.json' with { type: 'json' };
import regieBericht from './regieBericht.json' with { type: 'json' };
import teamBericht from './teamBericht.json' with { type: 'json' };
import overdrachtAfspraken from './overdrachtAfspraken.json' with { type: 'json' };
import vtBeoordeling from './vtBeoordeling.json' with { type: 'json' };
import vtAfsluiten from './vtAfsluiten.json' with { type: 'json' };
import vtMelding from './vtMelding.json' with { type: 'json' };
import vtMonitoring from './vtMonitoring.json' with { type: 'json' };
import vtVervolg from './vtVervolg.json' with { type: 'json' };

/**
 * Cards meldroute posts into channels and chats on its own initiative. A channel card shows what
 * the party the channel is bound to may see, and nothing more.
 */

type Feit = { titel: string; waarde: string };
/** Both forms that hand a case over ask the same agreements and monitoring plan: one fragment, once. */
const metAfspraken = <S extends { body: unknown[] }>(s: S): S => ({ ...s, body: [...s.body, ...overdrachtAfspraken.body] });
const VT_BEOORDELING = metAfspraken(vtBeoordeling);
const VT_VERVOLG = metAfspraken(vtVervolg);
type MonitoringVervolgstap = NonNullable<MonitoringMoment['vervolgstap']>;
const feit = (titel: string, waarde: string | undefined): Feit[] => (waarde ? [{ titel, waarde: zonderMarkdown(waarde) }] : []);

/**
 * The melding as Veilig Thuis receives it in its intake channel: the pseudonymous reference, spoed
 * or not, the deadline for the veiligheidsbeoordeling, the melder's call-back details, open or
 * anonymous towards the family with the reason, the facts, and who holds zicht op veiligheid.
 */
export function vtMeldingKaart(
  d: Dossier,
  nu: DateTime,
  vt: VeiligThuisContact,
  vermeldingen: Bericht['vermeldingen'] = [],
  kalender?: WerkdagKalender,
  extra: { melding?: string } = {},
): KaartBijlage {
  const m = d.meldcode.melding;
  const vtFase = d.veiligThuis;
  if (m === undefined || vtFase === undefined) throw new RangeError(`Dossier ${d.id} heeft geen melding.`);
  const zicht = zichtOpVeiligheid(d, nu, kalender);
  const gemeente = (m as { gemeente?: string }).gemeente;
  const volgende = openMijlpalen(d, kalender ?? landelijkeKalender)[0];
  const buiten = vtFase.spoedBuitenKantoortijd;
  const beoordeeld = vtFase.veiligheidsbeoordeling;
  const kaart = bouw(
    vtMelding,
    {
      ...LEEG_KADER,
      kop: `Melding · ${vt.naam}`,
      titel: zonderMarkdown(d.referentie),
      dossierId: d.id,
      melding: extra.melding ?? '',
      meldingStijl: extra.melding ? 'good' : 'default',
      feiten: [
        ...feit('Gemeente', gemeente),
        { titel: 'Spoed', waarde: `${vtFase.spoed ? 'ja' : 'nee'}${vtFase.spoedBesluit ? ` (besluit Veilig Thuis ${lokaleTijd(vtFase.spoedBesluit.op)}: ${zonderMarkdown(vtFase.spoedBesluit.reden)})` : ''}` },
        ...(vtFase.fase === 'melding-ontvangen' ? [{ titel: 'Veiligheidsbeoordeling', waarde: beoordelingTermijn(d, kalender) }] : [{ titel: 'Fase', waarde: FASE_LABELS[vtFase.fase] }]),
        ...feit('Vervolg', vervolgTekst(d)),
        ...afsprakenFeiten(d),
        ...monitoringFeiten(d),
        ...(volgende && vtFase.fase !== 'melding-ontvangen' ? [{ titel: 'Volgende termijn', waarde: termijnTekst(d, volgende) }] : []),
        { titel: 'Zicht op veiligheid', waarde: zonderMarkdown(zicht.omschrijving) },
        ...voortgangOverdracht(d),
        ...escalatieFeiten(d),
        ...afsluitingFeiten(d),
        { titel: m.soort === 'bij-veilig-thuis' ? 'Geregistreerd' : 'Verstuurd door de melder', waarde: lokaleTijd(vtFase.ontvangenOp) },
      ],
    },
    {
      spoed: vtFase.spoed && vtFase.fase === 'melding-ontvangen',
      spoedTekst: buiten
        ? `Spoed buiten kantoortijd: ${zonderMarkdown(buiten.crisisdienst ?? vt.crisisdienst?.naam ?? 'de crisisdienst van de regio')} handelt direct.`
        : 'Spoed: veiligheidsbeoordeling vandaag.',
      vermelding: vermeldingen.length > 0 ? `${vermeldingen.map((v) => `<at>${v.naam}</at>`).join(', ')}: spoedmelding, beoordeel vandaag.` : '',
      besluit: beoordeeld ? `Veiligheidsbeoordeling ${lokaleTijd(beoordeeld.op)}: ${BESLUIT_TEKST[beoordeeld.besluit]}${vtFase.overdracht ? ` (${zonderMarkdown(vtFase.overdracht.partij.naam)})` : ''}` : '',
      voorwaarden: vtFase.veiligheidsvoorwaarden.map(zonderMarkdown),
      beoordelen: vtFase.fase === 'melding-ontvangen' || vtFase.fase === 'terug-bij-vt',
      // Before the veiligheidsbeoordeling Veilig Thuis may judge urgency otherwise than the melder did.
      spoedBeoordelen: vtFase.fase === 'melding-ontvangen',
      spoedTitel: vtFase.spoed ? 'Geen spoed: binnen 5 werkdagen' : 'Toch spoed: vandaag beoordelen',
      spoedNieuw: vtFase.spoed ? 'nee' : 'ja',
      wisselen: vtFase.fase === 'vervolg' && vtFase.vervolg.soort === 'voorwaarden-en-vervolg',
      afronden: vtFase.fase === 'vervolg',
      monitoren: openMonitoring(d).length > 0 && monitortDoor(d) === 'veilig-thuis',
      afsluiten: vtFase.fase !== 'afgesloten' && vtFase.fase !== 'melding-ontvangen',
      afgesloten: vtFase.fase === 'afgesloten' ? `Dossier afgesloten ${lokaleTijd(vtFase.afgeslotenOp)}${vtFase.afsluitreden ? `: ${zonderMarkdown(vtFase.afsluitreden)}` : ''}` : '',
      afrondenTitel: vtFase.fase === 'vervolg' && vtFase.vervolg.soort === 'onderzoek' ? 'Onderzoek afronden' : 'V&V afronden',
      namensBevestigen: vtFase.fase === 'overdracht-aangeboden' && vtFase.overdracht.partij.soort !== 'lokaal-team',
      partij: zonderMarkdown(vtFase.overdracht?.partij.naam ?? ''),
      melder: [
        ...feit('Naam', m.melder.naam),
        ...feit('Telefoon', m.melder.telefoon),
        ...feit('E-mail', m.melder.email),
        ...(m.soort === 'bij-veilig-thuis' ? feit('Bron', VT_BRON_LABELS[m.bron]) : feit('Meldcode', `gemeld in stap ${d.meldcode.gemeldInStap ?? d.meldcode.stap} van 5`)),
      ],
      melding: [
        { titel: 'Soort', waarde: m.soort === 'open' ? 'Open: besproken met het gezin' : m.soort === 'bij-veilig-thuis' ? 'Geregistreerd door Veilig Thuis' : 'Anoniem ten opzichte van het gezin' },
        ...(m.soort === 'anoniem-tov-gezin' ? feit('Reden anoniem', m.redenAnoniem) : []),
        ...feit('Signalen', d.meldcode.signalen?.categorieen.map((c) => SIGNAAL_CATEGORIE_LABELS[c]).join(', ')),
      ],
      feiten: zonderMarkdown(m.feiten),
    },
    d,
  );
  // Whoever in the channel views the card gets the current state, as the view it was made for.
  const vernieuwd = metVernieuwing(kaart, d, 'veilig-thuis');
  if (vermeldingen.length === 0) return vernieuwd;
  // An @mention in an Adaptive Card: "<at>name</at>" in the text plus an msteams entity per person.
  const entities = vermeldingen.map((v) => ({ type: 'mention', text: `<at>${v.naam}</at>`, mentioned: { id: v.id, name: v.naam } }));
  return { contentType: ADAPTIVE_CARD, content: { ...vernieuwd.content, msteams: { entities } } };
}

const BESLUIT_TEKST = {
  'geen-vervolg': 'geen vervolg nodig',
  overdracht: 'overdracht',
  'voorwaarden-en-vervolg': 'Voorwaarden & Vervolg',
  onderzoek: 'Onderzoek',
} as const;

/** V&V or Onderzoek as it runs or ended, and the monitoring decided with the overdracht. */
function vervolgTekst(d: Dossier): string | undefined {
  const v = d.veiligThuis?.vervolg;
  if (v === undefined) return undefined;
  const soort = v.soort === 'onderzoek' ? `Onderzoek${v.gewisseldVanVvOp ? ' (was Voorwaarden & Vervolg)' : ''}` : 'Voorwaarden & Vervolg';
  const uitkomst = v.uitkomstOnderzoek ? `, vermoeden ${v.uitkomstOnderzoek}` : '';
  return v.afgerondOp ? `${soort} afgerond ${lokaleTijd(v.afgerondOp)}${uitkomst}` : `${soort} loopt`;
}

const VERVOLGSTAP_TEKST: Readonly<Record<MonitoringVervolgstap, string>> = {
  doorgaan: 'doorgaan',
  'dwangmaatregel-adviseren': 'dwangmaatregel adviseren (Raad voor de Kinderbescherming)',
  'ambtshalve-melding': 'ambtshalve melding',
  'afsluiten-geen-mogelijkheden': 'afsluiten: geen mogelijkheden meer',
};

/** The next steps as the form offers them; an ambtshalve melding and closing are Veilig Thuis's to decide. */
const VERVOLGSTAP_KEUZE: Readonly<Record<MonitoringVervolgstap, string>> = {
  doorgaan: 'Doorgaan: volgend monitoringmoment',
  'dwangmaatregel-adviseren': 'Raad voor de Kinderbescherming: dwangmaatregel adviseren',
  'ambtshalve-melding': 'Ambtshalve melding',
  'afsluiten-geen-mogelijkheden': 'Afsluiten: geen mogelijkheden meer',
};

const MONITORING_VRAGEN = [
  ['voorwaardenNagekomen', 'Worden de veiligheidsvoorwaarden nageleefd?', 'voorwaarden'],
  ['directeVeiligheid', 'Is er directe veiligheid?', 'directe veiligheid'],
  ['stabieleVeiligheid', 'Is er stabiele veiligheid?', 'stabiele veiligheid'],
  ['aandachtVoorHerstel', 'Is er aandacht voor herstel?', 'herstel'],
  ['alleDirectbetrokkenenGesproken', 'Alle directbetrokkenen gesproken (kinderen vanaf 4 jaar)?', 'allen gesproken'],
] as const;

/** Who records the monitoring moments; records from before the region rule: Veilig Thuis. */
const monitortDoor = (d: Dossier) => d.veiligThuis?.monitoring?.door ?? 'veilig-thuis';

/** The monitoring moments still open: only while the receiving party holds the case. */
function openMonitoring(d: Dossier): number[] {
  const v = d.veiligThuis;
  if (v?.fase !== 'overgedragen' || !v.monitoring.gepland) return [];
  return v.monitoring.momenten.filter((m) => m.uitgevoerdOp === undefined).map((m) => m.maandenNaOverdracht);
}

/**
 * The monitoring plan and what each moment found, on both cards: who monitors (and a deviation
 * from the region's rule), with whom, how often and how, the moments, and the rule that all
 * directbetrokkenen are spoken (seed 004 §7.1).
 */
function monitoringFeiten(d: Dossier): Feit[] {
  const m = d.veiligThuis?.monitoring;
  if (m === undefined) return [];
  // Moments recorded before the monitoring ended (after a regie overdracht to a GI) stay on the card.
  const uitgevoerd = m.momenten.filter((x) => x.uitgevoerdOp !== undefined).map((x) => ({ titel: `Monitoring ${x.maandenNaOverdracht} mnd`, waarde: uitkomstTekst(x) }));
  if (!m.gepland) return [...feit('Monitoring', `geen${m.redenGeenMonitoring ? `: ${m.redenGeenMonitoring}` : ''}`), ...uitgevoerd];
  const partij = d.veiligThuis?.overdracht?.partij.naam;
  const door = monitortDoor(d) === 'lokaal-team' ? `${partij ?? 'het lokale team'} (lokaal team)` : 'Veilig Thuis';
  const afwijking = m.afwijking ? `; afwijking van de regioafspraak (${MONITORING_DOOR_LABELS[m.afwijking.regioafspraak]}), door beide geaccepteerd: ${m.afwijking.reden}` : '';
  const maanden = m.momenten.map((x) => x.maandenNaOverdracht);
  return [
    ...feit('Monitoring door', `${door}${afwijking}`),
    ...feit('Monitoring met wie', m.plan?.metWie),
    ...feit('Hoe vaak en hoe', m.plan?.frequentieEnWijze),
    ...feit('Monitoringmomenten', `${[maanden.slice(0, -1).join(', '), maanden.at(-1)].filter((x) => x !== '').join(' en ')} maanden na de overdracht; alle directbetrokkenen worden gesproken, kinderen vanaf 4 jaar`),
    ...m.momenten.map((x) => ({ titel: `Monitoring ${x.maandenNaOverdracht} mnd`, waarde: x.uitgevoerdOp ? uitkomstTekst(x) : d.veiligThuis?.fase === 'afgesloten' ? 'vervallen: dossier afgesloten' : 'gepland' })),
  ];
}

/** What one monitoring moment found, in one line: when, the four questions, who was spoken, the next step. */
function uitkomstTekst(x: MonitoringMoment): string {
  const vragen = MONITORING_VRAGEN.map(([k, , kort]) => `${kort} ${x[k] === true ? 'ja' : x[k] === false ? 'nee' : '?'}`).join(', ');
  return zonderMarkdown(`${x.uitgevoerdOp ? lokaleTijd(x.uitgevoerdOp) : ''}: ${vragen}${x.toelichtingGesproken ? ` (${x.toelichtingGesproken})` : ''}; ${x.vervolgstap ? VERVOLGSTAP_TEKST[x.vervolgstap] : ''}`);
}

const PLAN_TITELS = { veiligheidsplan: 'Veiligheidsplan', hulpverleningsplan: 'Hulpverleningsplan', herstelplan: 'Herstelplan' } as const;

/** The overdracht agreements (seed 004 §6), on both cards: who makes which plan, and what if safety does not recover. */
function afsprakenFeiten(d: Dossier): Feit[] {
  const o = d.veiligThuis?.overdracht;
  const a = o?.afspraken;
  if (o === undefined || a === undefined) return [];
  const maker = (p: PlanMaker) => (p.door === 'overdrachtspartij' ? o.partij.naam : p.door === 'veilig-thuis' ? 'Veilig Thuis' : p.naam);
  return [...PLANNEN.flatMap((plan) => feit(PLAN_TITELS[plan], `gemaakt door ${maker(a[plan])}`)), ...feit('Als de veiligheid niet herstelt', a.alsVeiligheidNietHerstelt)];
}

/** The veiligheidsbeoordeling's term as Veilig Thuis reads it on the melding card. */
function beoordelingTermijn(d: Dossier, kalender: WerkdagKalender | undefined): string {
  const vt = d.veiligThuis;
  if (vt === undefined) return '';
  const mijlpaal = openMijlpalen(d, kalender ?? landelijkeKalender).find((m) => m.id === 'veiligheidsbeoordeling');
  if (vt.spoedBuitenKantoortijd && mijlpaal) return `uiterlijk ${datum(mijlpaal.deadline)} (${mijlpaal.toelichting ?? 'spoed'}) · Veilig Thuis`;
  if (vt.spoed) return 'vandaag (spoed) · Veilig Thuis';
  return `uiterlijk ${datum(veiligheidsbeoordelingDeadline(vanIso(vt.ontvangenOp), false, kalender))} (binnen 5 werkdagen) · Veilig Thuis`;
}

const CONTACT_TEKST = { huisbezoek: 'huisbezoek', 'gesprek-op-locatie': 'gesprek op kantoor, school of elders', telefonisch: 'telefonisch', beeldbellen: 'beeldbellen' } as const;

/** What the receiving party did with the overdracht, as both channels read it. */
function voortgangOverdracht(d: Dossier): Feit[] {
  const o = d.veiligThuis?.overdracht;
  if (o === undefined) return [];
  const b = o.beargumenteerdBesluit;
  return [
    ...feit('Regisseur', o.regisseur),
    ...feit('Contact met gezin', o.contactGezin ? `${datum(eindVanDag(o.contactGezin.datum))}, ${CONTACT_TEKST[o.contactGezin.wijze]}` : o.contactGezinOp ? lokaleTijd(o.contactGezinOp) : undefined),
    ...feit('Terugkoppeling', o.terugkoppeling ? `${lokaleTijd(o.terugkoppeling.op)}: ${o.terugkoppeling.samenvatting}` : undefined),
    ...feit('Beargumenteerd besluit', b ? `oppakken op ${datum(eindVanDag(b.oppakkenOp))}: ${b.reden}` : undefined),
    ...feit('Terug bij Veilig Thuis', d.veiligThuis?.terugBijVt?.reden),
    ...regieFeiten(d),
  ];
}

/** To whom the regie went and what moved with it, as both channels read it. */
function regieFeiten(d: Dossier): Feit[] {
  const r = d.veiligThuis?.overdracht?.regie;
  if (r === undefined) return [];
  return [
    { titel: 'Regie overgedragen', waarde: zonderMarkdown(`${lokaleTijd(r.op)} door ${r.van.naam} aan ${r.naar.naam} (${REGIE_SOORT_TEKST[r.naar.soort]}), regisseur: ${r.naar.regisseur}`) },
    ...feit('Reden', r.reden),
    ...feit('Meegegeven voorwaarden', r.veiligheidsvoorwaarden.join('; ')),
    ...feit('Veiligheidsplan', r.veiligheidsplan),
  ];
}

const REGIE_SOORT_TEKST = {
  'lopende-hulpverlening': 'lopende hulpverlening',
  'multidisciplinair-team': 'multidisciplinair team',
  'gecertificeerde-instelling': 'gecertificeerde instelling',
  'lokaal-team': 'lokaal team',
} as const;

const WIJZE_TEKST: Readonly<Record<Verzending['wijze'], string>> = { brief: 'per brief', 'e-mail': 'per e-mail', gesprek: 'in een gesprek' };
const verzonden = (v: Verzending) => `${lokaleDatum(v.op)}, ${WIJZE_TEKST[v.wijze]}`;

/** What closing recorded: the confirmation to the directbetrokkenen and where the afsluitbericht went. */
function afsluitingFeiten(d: Dossier): Feit[] {
  const a = d.veiligThuis?.afsluiting;
  if (a === undefined) return [];
  const team = d.veiligThuis?.overdracht?.partij.naam;
  return [
    { titel: 'Bevestiging directbetrokkenen', waarde: verzonden(a.directbetrokkenen) },
    ...(a.afsluitberichtKanaal ? feit('Afsluitbericht', `in het kanaal van ${team ?? 'het lokale team'}`) : []),
    ...(a.afsluitberichtDoorVt ? feit('Afsluitbericht door Veilig Thuis', `aan ${a.afsluitberichtDoorVt.aan.join(' en ')}: ${verzonden(a.afsluitberichtDoorVt)}`) : []),
  ];
}

const MOMENT_TEKST = {
  'na-veiligheidsbeoordeling': 'na veiligheidsbeoordeling',
  'na-onderzoek': 'na onderzoek',
  'na-voorwaarden-en-vervolg': 'na Voorwaarden & Vervolg',
} as const;

/**
 * The overdracht card in the lokaal team's bound channel: what was handed over, the terms, the
 * Veilig Thuis contact, and the team's actions for the phase it is in. Never the melder or the
 * facts of the melding.
 */
export function overdrachtKaart(
  d: Dossier,
  nu: DateTime,
  vt: VeiligThuisContact,
  kalender?: WerkdagKalender,
  extra: { melding?: string; waarden?: Record<string, string>; fouten?: Record<string, string> } = {},
): KaartBijlage {
  const v = d.veiligThuis;
  const o = v?.overdracht;
  if (v === undefined || o === undefined) throw new RangeError(`Dossier ${d.id} heeft geen overdracht.`);
  const zicht = zichtOpVeiligheid(d, nu, kalender);
  const volgende = openMijlpalen(d, kalender ?? landelijkeKalender)[0];
  const dagen = o.adviesTermijnDagen ?? STANDAARD_ADVIES_TERMIJN_DAGEN;
  const aangeboden = v.fase === 'overdracht-aangeboden';
  // Once the regie moved on, none of the team's steps is left: the card shows where it went.
  const regie = o.regie;
  const overgedragen = v.fase === 'overgedragen' && regie === undefined;
  const heeftFouten = extra.fouten !== undefined && Object.keys(extra.fouten).length > 0;
  const kaart = bouw(
    overdracht,
    {
      ...LEEG_KADER,
      kop: `Overdracht · ${o.partij.naam}`,
      titel: zonderMarkdown(d.referentie),
      dossierId: d.id,
      melding: extra.melding ?? '',
      meldingStijl: heeftFouten ? 'attention' : extra.melding ? 'good' : 'default',
      feiten: [
        { titel: 'Soort', waarde: `Overdracht ${MOMENT_TEKST[o.moment]}` },
        ...feit('Gemeente', d.meldcode.melding?.gemeente),
        { titel: 'Fase', waarde: FASE_LABELS[v.fase] },
        ...(volgende ? [{ titel: 'Volgende termijn', waarde: termijnTekst(d, volgende) }] : []),
        { titel: 'Zicht op veiligheid', waarde: zonderMarkdown(zicht.omschrijving) },
        ...(aangeboden || overgedragen
          ? [{ titel: 'Oppaktermijn', waarde: `contact met het gezin uiterlijk ${datum(contactGezinDeadline(vanIso(o.ontvangenOp), o.adviesTermijnDagen))} (${dagen === 7 ? '1 week' : `${dagen} dagen`}, geadviseerd door Veilig Thuis)` }]
          : []),
        { titel: 'Veilig Thuis', waarde: `${vt.naam}, ${vt.telefoon}` },
        ...afsprakenFeiten(d),
        ...monitoringFeiten(d),
        ...voortgangOverdracht(d),
        ...escalatieFeiten(d),
      ],
    },
    {
      uitleg: `${zonderMarkdown(overdrachtUitleg(v, vt))}${monitortDoor(d) === 'lokaal-team' && v.monitoring?.gepland ? ' Uw team monitort: leg elk monitoringmoment hier vast; Veilig Thuis ziet de uitkomst.' : ''}`,
      voorwaarden: v.veiligheidsvoorwaarden.map(zonderMarkdown),
      risicofactoren: (v.veiligheidsbeoordeling?.risicofactoren ?? []).map(zonderMarkdown),
      terugkoppeling: o.terugkoppeling ? zonderMarkdown(o.terugkoppeling.samenvatting) : '',
      bevestigen: aangeboden,
      contact: overgedragen && o.contactGezinOp === undefined,
      terugkoppelen: overgedragen && o.contactGezinOp !== undefined && o.terugkoppeling === undefined,
      later: aangeboden || (overgedragen && o.contactGezinOp === undefined),
      terug: overgedragen,
      regieOverdragen: overgedragen && o.partij.soort === 'lokaal-team',
      monitoren: openMonitoring(d).length > 0 && monitortDoor(d) === 'lokaal-team',
      waarden: { ...LEEG_OVERDRACHT, regieVoorwaarden: v.veiligheidsvoorwaarden.join('\n'), contactOp: nu.setZone('Europe/Amsterdam').toISODate() ?? '', ...extra.waarden },
      fouten: { ...LEEG_OVERDRACHT, ...extra.fouten },
    },
    d,
  );
  return metVernieuwing(kaart, d, 'lokaal-team');
}

/** Every field of the team's forms, so no `${...}` is left on the card. */
const LEEG_OVERDRACHT: Readonly<Record<string, string>> = Object.fromEntries(
  ['regisseur', 'contactOp', 'contactWijze', 'samenvatting', 'reden', 'oppakkenOp', 'redenTerug', 'regieSoort', 'regiePartij', 'regieRegisseur', 'regieVoorwaarden', 'veiligheidsplan', 'regieReden'].map((k) => [k, '']),
);

/** Where the team stands, in one sentence at the top of its card. */
function overdrachtUitleg(v: NonNullable<Dossier['veiligThuis']>, vt: VeiligThuisContact): string {
  const regie = v.overdracht?.regie;
  if (v.fase === 'afgesloten') return `${vt.naam} heeft het dossier afgesloten op ${lokaleTijd(v.afgeslotenOp)}. Voor uw team staat niets meer open.`;
  if (regie !== undefined) {
    return `Uw team heeft de regie op ${lokaleTijd(regie.op)} overgedragen aan ${regie.naar.naam} (regisseur: ${regie.naar.regisseur}); die heeft nu zicht op veiligheid. ${vt.naam} is geïnformeerd. Voor uw team staat niets meer open.`;
  }
  if (v.fase === 'overdracht-aangeboden') return 'Veilig Thuis draagt deze casus aan u over. Bevestig de overdracht en benoem een regisseur: vanaf dan heeft uw team zicht op veiligheid.';
  const o = v.overdracht;
  // Say only what is still open for the team: contact, then the terugkoppeling, then the follow-up.
  if (o?.contactGezinOp === undefined) return 'Uw team heeft zicht op veiligheid. Leg contact met het gezin binnen de termijn en koppel terug aan Veilig Thuis.';
  if (o.terugkoppeling === undefined) return 'Uw team heeft zicht op veiligheid. Het contact met het gezin is vastgelegd; koppel nu terug aan Veilig Thuis.';
  return 'Uw team heeft zicht op veiligheid. Contact en terugkoppeling zijn vastgelegd; bij zorgen over de veiligheid neemt u contact op met Veilig Thuis.';
}

/**
 * The escalation as both channels read it (seed 004 bijlage 4): each route with its outcome, the
 * open one with its term, and a possible structural problem in the gemeente. Never the reasons'
 * authors or other cases.
 */
function escalatieFeiten(d: Dossier): Feit[] {
  const escalaties = d.veiligThuis?.escalaties ?? [];
  if (escalaties.length === 0) return [];
  const verloop = escalaties
    .map((e) =>
      e.uitkomst !== undefined
        ? `route ${e.route}: uitkomst ${e.uitkomst}${e.afgerondOp ? ` (${lokaleTijd(e.afgerondOp)})` : ''}`
        : `route ${e.route} loopt sinds ${lokaleTijd(e.gestartOp)}${e.uitkomstUiterlijk ? `, uitkomst uiterlijk ${datum(vanIso(e.uitkomstUiterlijk))}` : ''}`,
    )
    .join('; ');
  const signaal = escalaties.find((e) => e.signalering !== undefined)?.signalering;
  return [...feit('Escalatie', verloop), ...feit('Signalering', signaal ? signaleringTekst(signaal) : undefined)];
}

/** The next milestone and who must act on it, named for the channel's readers. */
function termijnTekst(d: Dossier, m: Mijlpaal): string {
  const route = d.veiligThuis === undefined ? undefined : lopendeEscalatie(d.veiligThuis)?.route;
  const wie =
    m.id.startsWith('escalatie-uitkomst') && route !== undefined
      ? `de houders van ${ESCALATIE_ROUTE_LABELS[route]}`
      : m.verantwoordelijke === 'veilig-thuis'
        ? 'Veilig Thuis'
        : m.verantwoordelijke === 'lokaal-team'
          ? (d.veiligThuis?.overdracht?.partij.naam ?? 'het lokale team')
          : 'de melder';
  return `${m.omschrijving}: uiterlijk ${datum(m.deadline)} · ${zonderMarkdown(wie)}`;
}

/**
 * A dossier in a bound channel. Veilig Thuis sees the melding card; a lokaal team (until the
 * overdracht card exists) what it needs to recognise the case, never the melder or the facts.
 */
export function kanaalDossierKaart(w: Extract<Weergave, { soort: 'kanaal-dossier' }>): KaartBijlage {
  if (w.weergave === 'veilig-thuis' && w.formulier === 'veiligheidsbeoordeling') return veiligheidsbeoordelingKaart(w);
  if (w.weergave === 'veilig-thuis' && w.formulier === 'vervolg-afronden') return vervolgAfrondenKaart(w);
  if (w.formulier === 'monitoring') return monitoringKaart(w);
  if (w.weergave === 'veilig-thuis' && w.formulier === 'afsluiten') return afsluitenKaart(w);
  if (w.weergave === 'veilig-thuis') return vtMeldingKaart(w.dossier, w.nu, w.veiligThuis, [], w.kalender, w.melding ? { melding: w.melding } : {});
  if (w.dossier.veiligThuis?.overdracht !== undefined) {
    return overdrachtKaart(w.dossier, w.nu, w.veiligThuis, w.kalender, { ...(w.melding ? { melding: w.melding } : {}), ...(w.waarden ? { waarden: w.waarden } : {}), ...(w.fouten ? { fouten: w.fouten } : {}) });
  }
  const d = w.dossier;
  const zicht = zichtOpVeiligheid(d, w.nu, w.kalender);
  const kaart = bouw(
    { body: [{ type: 'TextBlock', wrap: true, size: 'Small', isSubtle: true, text: 'De gegevens van de melder en de feiten staan bij Veilig Thuis.' }] },
    {
      ...LEEG_KADER,
      kop: 'Casus · lokaal team',
      titel: zonderMarkdown(d.referentie),
      dossierId: d.id,
      feiten: [
        ...feit('Gemeente', (d.meldcode.melding as { gemeente?: string } | undefined)?.gemeente),
        ...(d.veiligThuis ? [{ titel: 'Fase', waarde: FASE_LABELS[d.veiligThuis.fase] }] : []),
        { titel: 'Zicht op veiligheid', waarde: zonderMarkdown(zicht.omschrijving) },
      ],
    },
    {},
    d,
  );
  return metVernieuwing(kaart, d, 'lokaal-team');
}

/**
 * A bound channel's open cases as its party reads them: reference, phase, the next deadline with
 * who must act, and who holds zicht op veiligheid; the earliest deadline first. "Openen" shows the
 * case's channel card with its actions (the same view, checked on the server again).
 */
export function kanaalCasussenKaart(w: Extract<Weergave, { soort: 'kanaal-casussen' }>): KaartBijlage {
  const rijen = w.dossiers
    .map((d) => {
      const kalender = w.regio(d.regioId).kalender;
      const volgende = openMijlpalen(d, kalender)[0];
      return {
        id: d.id,
        referentie: zonderMarkdown(d.referentie),
        fase: d.veiligThuis ? FASE_LABELS[d.veiligThuis.fase] : '',
        termijn: volgende ? termijnTekst(d, volgende) : 'geen open termijn',
        zicht: zonderMarkdown(zichtOpVeiligheid(d, w.nu, kalender).omschrijving),
        volgorde: volgende?.deadline.toMillis() ?? Number.MAX_SAFE_INTEGER,
      };
    })
    .sort((a, b) => a.volgorde - b.volgorde);
  return bouw(kanaalCasussen, { ...LEEG_KADER, kop: 'meldroute', titel: `Openstaande casussen · ${zonderMarkdown(w.partij)}` }, { partij: zonderMarkdown(w.partij), casussen: rijen });
}

/** To a region's beheerder: a melding waits because no Veilig Thuis channel is bound. No case data. */
export function koppelingOntbreektKaart(regioNaam: string, vt: VeiligThuisContact): KaartBijlage {
  return bouw(koppelingOntbreekt, { ...LEEG_KADER, kop: 'meldroute · beheer', titel: 'Koppeling ontbreekt', melding: 'Een melding kan Veilig Thuis nog niet bereiken.', meldingStijl: 'attention' }, { regioNaam: zonderMarkdown(regioNaam), veiligThuisNaam: zonderMarkdown(vt.naam) });
}

/** Every field the form binds gets a value, so no `${...}` is ever left on the card. */
/** The fields of the agreements and the monitoring plan (overdrachtAfspraken.json) outside its list of plans. */
const AFSPRAKEN_VELDEN = ['alsVeiligheidNietHerstelt', 'monitoringDoor', 'redenAfwijking', 'monitoringMetWie', 'monitoringHoe', 'extraMomenten'];

const LEEG_FORMULIER: Readonly<Record<string, string>> = Object.fromEntries(
  ['acuutOnveilig', 'structureelOnveilig', 'multiproblematiek', 'risicofactoren', 'veiligheidsvoorwaarden', 'besluit', 'partijSoort', 'lokaalTeam', 'partijNaam', 'adviesTermijnDagen', 'monitoring', ...AFSPRAKEN_VELDEN].map((k) => [k, '']),
);

const PLAN_VRAGEN = { veiligheidsplan: 'Wie maakt het veiligheidsplan?', hulpverleningsplan: 'Wie maakt het hulpverleningsplan?', herstelplan: 'Wie maakt het herstelplan?' } as const;

/**
 * The agreements' part of a form: one entry per plan with what was typed and its errors, and the
 * region's rule on who monitors after this overdracht moment (VT may deviate, with a reason).
 */
function afsprakenFormulier(w: Extract<Weergave, { soort: 'kanaal-dossier' }>, moment: OverdrachtMoment) {
  const waarde = (k: string) => w.waarden?.[k] ?? '';
  const fout = (k: string) => w.fouten?.[k] ?? '';
  const regel = w.monitoringRegel?.[moment] ?? 'veilig-thuis';
  return {
    plannen: PLANNEN.map((id) => ({ id, vraag: PLAN_VRAGEN[id], door: waarde(`${id}Door`), anders: waarde(`${id}Anders`), foutDoor: fout(`${id}Door`), foutAnders: fout(`${id}Anders`) })),
    regioafspraak: regel === 'lokaal-team' ? 'het lokale team als de casus naar een lokaal team gaat, anders Veilig Thuis' : MONITORING_DOOR_LABELS[regel],
  };
}

/**
 * The veiligheidsbeoordeling form on the Veilig Thuis card, with its term. After an error what was
 * typed stays, with the Dutch message next to its field.
 */
function veiligheidsbeoordelingKaart(w: Extract<Weergave, { soort: 'kanaal-dossier' }>): KaartBijlage {
  const d = w.dossier;
  const kaart = bouw(
    VT_BEOORDELING,
    {
      ...LEEG_KADER,
      kop: `Veiligheidsbeoordeling · ${w.veiligThuis.naam}`,
      titel: zonderMarkdown(d.referentie),
      dossierId: d.id,
      melding: w.melding ?? '',
      meldingStijl: w.fouten && Object.keys(w.fouten).length > 0 ? 'attention' : 'default',
    },
    {
      termijn: beoordelingTermijn(d, w.kalender),
      waarden: { ...LEEG_FORMULIER, adviesTermijnDagen: '7', monitoringDoor: 'regioafspraak', ...w.waarden },
      fouten: { ...LEEG_FORMULIER, ...w.fouten },
      lokaleTeams: w.lokaleTeams ?? [],
      ...afsprakenFormulier(w, 'na-veiligheidsbeoordeling'),
    },
    d,
  );
  return metVernieuwing(kaart, d, 'veilig-thuis');
}

const LEEG_VERVOLG: Readonly<Record<string, string>> = Object.fromEntries(
  ['uitkomstOnderzoek', 'veiligheidsvoorwaarden', 'partijSoort', 'lokaalTeam', 'partijNaam', 'monitoring', 'redenGeenMonitoring', ...AFSPRAKEN_VELDEN].map((k) => [k, '']),
);

/** V&V or Onderzoek rounded off on the Veilig Thuis card, with the 10-week term; the conditions so far are filled in. */
function vervolgAfrondenKaart(w: Extract<Weergave, { soort: 'kanaal-dossier' }>): KaartBijlage {
  const d = w.dossier;
  const v = d.veiligThuis;
  const onderzoek = v?.vervolg?.soort === 'onderzoek';
  const mijlpaal = openMijlpalen(d, w.kalender ?? landelijkeKalender).find((m) => m.id === 'vervolg-afronden');
  const kaart = bouw(
    VT_VERVOLG,
    {
      ...LEEG_KADER,
      kop: `${onderzoek ? 'Onderzoek' : 'Voorwaarden & Vervolg'} afronden · ${w.veiligThuis.naam}`,
      titel: zonderMarkdown(d.referentie),
      dossierId: d.id,
      melding: w.melding ?? '',
      meldingStijl: w.fouten && Object.keys(w.fouten).length > 0 ? 'attention' : 'default',
    },
    {
      vervolg: onderzoek ? 'het Onderzoek' : 'Voorwaarden & Vervolg',
      onderzoek,
      termijn: mijlpaal ? `uiterlijk ${datum(mijlpaal.deadline)} (binnen 10 weken)` : 'binnen 10 weken',
      waarden: { ...LEEG_VERVOLG, veiligheidsvoorwaarden: (v?.veiligheidsvoorwaarden ?? []).join('\n'), monitoring: 'ja', monitoringDoor: 'regioafspraak', ...w.waarden },
      fouten: { ...LEEG_VERVOLG, ...w.fouten },
      lokaleTeams: w.lokaleTeams ?? [],
      ...afsprakenFormulier(w, onderzoek ? 'na-onderzoek' : 'na-voorwaarden-en-vervolg'),
    },
    d,
  );
  return metVernieuwing(kaart, d, 'veilig-thuis');
}

/**
 * The monitoring outcome form: the open moments, the questions, the next step. Veilig Thuis or,
 * where the region gives it the monitoring, the lokaal team on its overdracht card.
 */
function monitoringKaart(w: Extract<Weergave, { soort: 'kanaal-dossier' }>): KaartBijlage {
  const d = w.dossier;
  const open = openMonitoring(d);
  const lokaalTeam = w.weergave === 'lokaal-team';
  const waarden: Record<string, string> = { maandenNaOverdracht: String(open[0] ?? ''), vervolgstap: '', toelichtingGesproken: '', ...w.waarden };
  const kaart = bouw(
    vtMonitoring,
    {
      ...LEEG_KADER,
      kop: `Monitoring · ${zonderMarkdown(lokaalTeam ? (d.veiligThuis?.overdracht?.partij.naam ?? 'lokaal team') : w.veiligThuis.naam)}`,
      titel: zonderMarkdown(d.referentie),
      dossierId: d.id,
      melding: w.melding ?? '',
      meldingStijl: w.fouten && Object.keys(w.fouten).length > 0 ? 'attention' : 'default',
    },
    {
      momenten: open.map((maanden) => ({ titel: `Na ${maanden} maanden`, waarde: String(maanden) })),
      vragen: MONITORING_VRAGEN.map(([id, vraag]) => ({ id, vraag, waarde: waarden[id] ?? '', fout: w.fouten?.[id] ?? '' })),
      waarden,
      fouten: { maandenNaOverdracht: '', vervolgstap: '', toelichtingGesproken: '', ...w.fouten },
      verb: (lokaalTeam ? 'lt-monitoring' : 'vt-monitoring') satisfies Verb,
      vervolgstappen: (lokaalTeam ? VERVOLGSTAPPEN_LOKAAL_TEAM : MONITORING_VERVOLGSTAPPEN).map((waarde) => ({ titel: VERVOLGSTAP_KEUZE[waarde], waarde })),
      weergave: w.weergave,
    },
    d,
  );
  return metVernieuwing(kaart, d, w.weergave);
}

/**
 * Closing the dossier: the reason, the written confirmation to the directbetrokkenen, and the
 * afsluitbericht: a card in the lokaal team's channel, or, for a party meldroute cannot reach,
 * sent by Veilig Thuis itself and recorded on this form. The melder is told.
 */
function afsluitenKaart(w: Extract<Weergave, { soort: 'kanaal-dossier' }>): KaartBijlage {
  const d = w.dossier;
  const { kanaal, doorVeiligThuis } = afsluitberichtOntvangers(d);
  const afsluitberichtTekst = [
    ...(kanaal ? [`Het afsluitbericht gaat als kaart naar het kanaal van ${d.veiligThuis?.overdracht?.partij.naam ?? 'het lokale team'}; hun overdrachtskaart toont dat het dossier is afgesloten.`] : []),
    ...(doorVeiligThuis.length > 0 ? [`${doorVeiligThuis.join(' en ')} ${doorVeiligThuis.length > 1 ? 'zijn' : 'is'} niet via meldroute bereikbaar: ${w.veiligThuis.naam} verstuurt het afsluitbericht zelf. Leg vast wanneer en hoe.`] : []),
  ].join(' ');
  const kaart = bouw(
    vtAfsluiten,
    {
      ...LEEG_KADER,
      kop: `Dossier afsluiten · ${w.veiligThuis.naam}`,
      titel: zonderMarkdown(d.referentie),
      dossierId: d.id,
      melding: w.melding ?? '',
      meldingStijl: w.fouten && Object.keys(w.fouten).length > 0 ? 'attention' : 'default',
    },
    {
      afsluitberichtTekst: zonderMarkdown(afsluitberichtTekst),
      zelfVersturen: doorVeiligThuis.length > 0,
      // Closing ends the monitoring that is still planned (seed 004 §7.1: at least 3 and 12 months): say so before it happens.
      openMonitoring: openMonitoring(d).length > 0 ? `Let op: de monitoring na ${openMonitoring(d).join(' en ')} maanden is nog niet uitgevoerd en vervalt met het afsluiten. Leg in de reden vast waarom de monitoring eerder stopt.` : '',
      waarden: { ...LEEG_AFSLUITEN, ...w.waarden },
      fouten: { ...LEEG_AFSLUITEN, ...w.fouten },
    },
    d,
  );
  return metVernieuwing(kaart, d, 'veilig-thuis');
}

const LEEG_AFSLUITEN: Readonly<Record<string, string>> = Object.fromEntries(['afsluitreden', 'bevestigdOp', 'bevestigingWijze', 'afsluitberichtOp', 'afsluitberichtWijze'].map((k) => [k, '']));

/**
 * To Veilig Thuis in its channel: the lokaal team handed the regie on (seed 004 §8.5), with the
 * voorwaarden and plan that went with it. For information; the melding card is updated as well.
 */
export function regieBerichtKaart(d: Dossier, vt: VeiligThuisContact): KaartBijlage {
  const r = d.veiligThuis?.overdracht?.regie;
  if (r === undefined) throw new RangeError(`Dossier ${d.id} heeft geen regie-overdracht.`);
  return bouw(
    regieBericht,
    {
      ...LEEG_KADER,
      kop: `Regie overgedragen · ${vt.naam}`,
      titel: zonderMarkdown(d.referentie),
      feiten: [
        { titel: 'Van', waarde: zonderMarkdown(`${r.van.naam}${r.van.regisseur ? ` (regisseur: ${r.van.regisseur})` : ''}`) },
        { titel: 'Naar', waarde: zonderMarkdown(`${r.naar.naam} (${REGIE_SOORT_TEKST[r.naar.soort]}), regisseur: ${r.naar.regisseur}`) },
        { titel: 'Wanneer', waarde: lokaleTijd(r.op) },
        ...feit('Reden', r.reden),
      ],
    },
    {
      tekst: zonderMarkdown(`${r.van.naam} heeft de regie overgedragen aan ${r.naar.naam}. Zicht op veiligheid ligt nu bij ${r.naar.naam}.`),
      voorwaarden: r.veiligheidsvoorwaarden.map(zonderMarkdown),
      veiligheidsplan: zonderMarkdown(r.veiligheidsplan),
      monitoring: REGIE_MONITORING_TEKST[r.monitoring ?? 'loopt-door'],
    },
  );
}

/** What the regie overdracht meant for monitoring, as Veilig Thuis must read it (monitoringNaRegie). */
const REGIE_MONITORING_TEKST = {
  geen: 'Ter informatie.',
  'loopt-door': 'Ter informatie. De monitoring van Veilig Thuis loopt door zoals gepland.',
  'naar-veilig-thuis': 'Let op: het lokale team monitorde. Veilig Thuis neemt de monitoring nu over; de monitoringmomenten staan bij Veilig Thuis.',
  vervalt: 'Ter informatie. Na overdracht aan een gecertificeerde instelling monitort Veilig Thuis niet; de geplande monitoringmomenten vervallen.',
} as const;

/**
 * The afsluitbericht in the lokaal team's channel (seed 004 §8, overdrachtsbrief "na afronden
 * monitoring en sluiten dossier"): that Veilig Thuis closed the dossier, when and why, and whom to
 * call. No actions, never the melder or the facts.
 */
export function afsluitberichtKaart(d: Dossier, vt: VeiligThuisContact): KaartBijlage {
  const v = d.veiligThuis;
  if (v?.fase !== 'afgesloten') throw new RangeError(`Dossier ${d.id} is niet afgesloten.`);
  return bouw(
    afsluitbericht,
    { ...LEEG_KADER, kop: `Afsluitbericht · ${vt.naam}`, titel: zonderMarkdown(d.referentie), feiten: [...feit('Gemeente', d.meldcode.melding?.gemeente), { titel: 'Afgesloten', waarde: lokaleTijd(v.afgeslotenOp) }] },
    { tekst: zonderMarkdown(`${vt.naam} heeft het dossier afgesloten op ${lokaleTijd(v.afgeslotenOp)}.`), reden: zonderMarkdown(v.afsluitreden ?? ''), vt: `${vt.naam}, ${vt.telefoon}` },
  );
}

/**
 * To Veilig Thuis in its channel: what the lokaal team did on the overdracht card (seed 004 §8.5:
 * confirmation, terugkoppeling, a beargumenteerd besluit, or the case handed back), as a new
 * message so it is noticed; the melding card itself is updated in place beside it.
 */
export function teamBerichtKaart(d: Dossier, aanleiding: TeamAanleiding, nu: DateTime, kalender?: WerkdagKalender): KaartBijlage {
  const o = d.veiligThuis?.overdracht;
  if (o === undefined) throw new RangeError(`Dossier ${d.id} heeft geen overdracht.`);
  const team = o.partij.naam;
  const besluit = o.beargumenteerdBesluit;
  const terug = d.veiligThuis?.terugBijVt;
  const moment = (d.veiligThuis?.monitoring?.momenten ?? []).filter((m) => m.uitgevoerdOp !== undefined).sort((a, b) => (a.uitgevoerdOp ?? '').localeCompare(b.uitgevoerdOp ?? '')).at(-1);
  const inhoud: Record<TeamAanleiding, { tekst: string; detail?: string; op?: string }> = {
    'overdracht-bevestigd': { tekst: `${team} heeft de overdracht bevestigd${o.regisseur ? `; regisseur: ${o.regisseur}` : ''}. Het lokale team heeft nu zicht op veiligheid.`, ...(o.bevestigdOp ? { op: o.bevestigdOp } : {}) },
    terugkoppeling: { tekst: `Terugkoppeling van ${team}:`, ...(o.terugkoppeling ? { detail: o.terugkoppeling.samenvatting, op: o.terugkoppeling.op } : {}) },
    'beargumenteerd-besluit': besluit
      ? { tekst: `${team} pakt de casus later op, uiterlijk ${datum(eindVanDag(besluit.oppakkenOp))}.`, detail: `Reden: ${besluit.reden}`, op: besluit.op }
      : { tekst: `${team} heeft een beargumenteerd besluit genomen.` },
    'terug-naar-vt': { tekst: `${team} legt de casus terug bij Veilig Thuis.`, ...(terug ? { detail: `Reden: ${terug.reden}`, op: terug.op } : {}) },
    monitoring: moment
      ? { tekst: `${team} heeft de monitoring na ${moment.maandenNaOverdracht} maanden vastgelegd. Verdere stappen besluit Veilig Thuis.`, detail: uitkomstTekst(moment), ...(moment.uitgevoerdOp ? { op: moment.uitgevoerdOp } : {}) }
      : { tekst: `${team} heeft een monitoringmoment vastgelegd.` },
  };
  const { tekst, detail = '', op } = inhoud[aanleiding];
  const volgende = openMijlpalen(d, kalender ?? landelijkeKalender)[0];
  const terugBijVt = aanleiding === 'terug-naar-vt';
  return bouw(
    teamBericht,
    {
      ...LEEG_KADER,
      kop: `Bericht van ${team}`,
      titel: zonderMarkdown(d.referentie),
      melding: terugBijVt ? 'Veilig Thuis heeft weer zicht op veiligheid: leg op de meldingskaart een nieuwe veiligheidsbeoordeling vast.' : '',
      meldingStijl: terugBijVt ? 'attention' : 'default',
      feiten: [
        ...feit('Gemeente', d.meldcode.melding?.gemeente),
        ...feit('Wanneer', op ? lokaleTijd(op) : undefined),
        ...(volgende ? [{ titel: 'Volgende termijn', waarde: termijnTekst(d, volgende) }] : []),
        { titel: 'Zicht op veiligheid', waarde: zonderMarkdown(zichtOpVeiligheid(d, nu, kalender).omschrijving) },
      ],
    },
    { tekst: zonderMarkdown(tekst), detail: zonderMarkdown(detail) },
  );
}

const AANLEIDING_TEKST = {
  'voorwaarden-en-vervolg': 'Veilig Thuis is gestart met Voorwaarden & Vervolg.',
  onderzoek: 'Veilig Thuis is gestart met een Onderzoek.',
  'overdracht-andere-partij': 'Veilig Thuis heeft de casus overgedragen aan een andere partij.',
} as const;

/**
 * To a lokaal team of the family's gemeente: for its information only, no duties and no melding
 * data. The team knows the case by its reference when Veilig Thuis contacts it.
 */
export function lokaalTeamBerichtKaart(d: Dossier, aanleiding: keyof typeof AANLEIDING_TEKST, vt: VeiligThuisContact): KaartBijlage {
  const o = d.veiligThuis?.overdracht;
  return bouw(
    { body: [{ type: 'TextBlock', wrap: true, text: '${tekst}' }, { type: 'TextBlock', wrap: true, size: 'Small', isSubtle: true, text: 'Ter informatie: hier hoeft uw team niets mee te doen. Vragen? Bel ${vt}.' }] },
    {
      ...LEEG_KADER,
      kop: `Ter informatie · ${vt.naam}`,
      titel: zonderMarkdown(d.referentie),
      feiten: [...feit('Gemeente', d.meldcode.melding?.gemeente), ...(aanleiding === 'overdracht-andere-partij' ? feit('Overgedragen aan', o?.partij.naam) : [])],
    },
    { tekst: AANLEIDING_TEKST[aanleiding], vt: `${vt.naam}, ${vt.telefoon}` },
  );
}

/**
 * To the melder in their personal chat: what Veilig Thuis decided, as far as a melder may know
 * it. Anonymity is towards the family, never towards the melder, so an anonymous melder hears it too.
 */
export function melderTerugkoppelingKaart(d: Dossier, moment: 'na-veiligheidsbeoordeling' | 'afsluiting', vt: VeiligThuisContact): KaartBijlage {
  const v = d.veiligThuis;
  const beoordeling = v?.veiligheidsbeoordeling;
  const tekst =
    moment === 'afsluiting'
      ? `${vt.naam} heeft de casus afgesloten${v?.afgeslotenOp ? ` op ${lokaleTijd(v.afgeslotenOp)}` : ''}.`
      : `${vt.naam} heeft de veiligheidsbeoordeling gedaan${beoordeling ? ` op ${lokaleTijd(beoordeling.op)}. Besluit: ${BESLUIT_TEKST[beoordeling.besluit]}` : ''}.`;
  const anoniem = d.meldcode.melding?.soort === 'anoniem-tov-gezin' ? 'Uw melding blijft anoniem ten opzichte van het gezin.' : '';
  return bouw(
    {
      body: [
        { type: 'TextBlock', wrap: true, text: '${tekst}' },
        { $when: "${anoniem != ''}", type: 'TextBlock', wrap: true, text: '${anoniem}' },
        { type: 'TextBlock', wrap: true, size: 'Small', isSubtle: true, text: 'Vragen? Bel ${vt}.' },
      ],
    },
    { ...LEEG_KADER, kop: `Terugkoppeling · ${vt.naam}`, titel: zonderMarkdown(d.referentie) },
    { tekst: zonderMarkdown(tekst), anoniem, vt: `${vt.naam}, ${vt.telefoon}` },
  );
}
