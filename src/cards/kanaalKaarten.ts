import type { DateTime } from 'luxon';
import {
  FASE_LABELS,
  SIGNAAL_CATEGORIE_LABELS,
  landelijkeKalender,
  openMijlpalen,
  veiligheidsbeoordelingDeadline,
  vanIso,
  zichtOpVeiligheid,
  type Dossier,
  type Mijlpaal,
  type WerkdagKalender,
} from '../domain/index.js';
import type { Bericht } from '../app/bezorging.js';
import type { VeiligThuisContact } from '../app/regio.js';
import { lokaleTijd } from '../app/verslag.js';
import type { Weergave } from '../app/weergave.js';
import { ADAPTIVE_CARD, LEEG_KADER, bouw, datum, metVernieuwing, type KaartBijlage } from './kaarten.js';
import koppelingOntbreekt from './koppelingOntbreekt.json' with { type: 'json' };
import { zonderMarkdown } from './markdown.js';
import vtBeoordeling from './vtBeoordeling.json' with { type: 'json' };
import vtMelding from './vtMelding.json' with { type: 'json' };

/**
 * Cards meldroute posts into channels and chats on its own initiative. A channel card shows what
 * the party the channel is bound to may see, and nothing more.
 */

type Feit = { titel: string; waarde: string };
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
        { titel: 'Spoed', waarde: vtFase.spoed ? 'ja' : 'nee' },
        ...(vtFase.fase === 'melding-ontvangen' ? [{ titel: 'Veiligheidsbeoordeling', waarde: beoordelingTermijn(d, kalender) }] : [{ titel: 'Fase', waarde: FASE_LABELS[vtFase.fase] }]),
        ...(volgende && vtFase.fase !== 'melding-ontvangen' ? [{ titel: 'Volgende termijn', waarde: termijnTekst(d, volgende) }] : []),
        { titel: 'Zicht op veiligheid', waarde: zonderMarkdown(zicht.omschrijving) },
        { titel: 'Verstuurd door de melder', waarde: lokaleTijd(vtFase.ontvangenOp) },
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
      melder: [...feit('Naam', m.melder.naam), ...feit('Telefoon', m.melder.telefoon), ...feit('E-mail', m.melder.email), ...feit('Meldcode', `gemeld in stap ${d.meldcode.gemeldInStap ?? d.meldcode.stap} van 5`)],
      melding: [
        { titel: 'Soort', waarde: m.soort === 'open' ? 'Open: besproken met het gezin' : 'Anoniem ten opzichte van het gezin' },
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

/** The veiligheidsbeoordeling's term as Veilig Thuis reads it on the melding card. */
function beoordelingTermijn(d: Dossier, kalender: WerkdagKalender | undefined): string {
  const vt = d.veiligThuis;
  if (vt === undefined) return '';
  const mijlpaal = openMijlpalen(d, kalender ?? landelijkeKalender).find((m) => m.id === 'veiligheidsbeoordeling');
  if (vt.spoedBuitenKantoortijd && mijlpaal) return `uiterlijk ${datum(mijlpaal.deadline)} (${mijlpaal.toelichting ?? 'spoed'}) · Veilig Thuis`;
  if (vt.spoed) return 'vandaag (spoed) · Veilig Thuis';
  return `uiterlijk ${datum(veiligheidsbeoordelingDeadline(vanIso(vt.ontvangenOp), false, kalender))} (binnen 5 werkdagen) · Veilig Thuis`;
}

/** The next milestone and who must act on it, named for the channel's readers. */
function termijnTekst(d: Dossier, m: Mijlpaal): string {
  const wie = m.verantwoordelijke === 'veilig-thuis' ? 'Veilig Thuis' : m.verantwoordelijke === 'lokaal-team' ? (d.veiligThuis?.overdracht?.partij.naam ?? 'het lokale team') : 'de melder';
  return `${m.omschrijving}: uiterlijk ${datum(m.deadline)} · ${zonderMarkdown(wie)}`;
}

/**
 * A dossier in a bound channel. Veilig Thuis sees the melding card; a lokaal team (until the
 * overdracht card exists) what it needs to recognise the case, never the melder or the facts.
 */
export function kanaalDossierKaart(w: Extract<Weergave, { soort: 'kanaal-dossier' }>): KaartBijlage {
  if (w.weergave === 'veilig-thuis' && w.formulier === 'veiligheidsbeoordeling') return veiligheidsbeoordelingKaart(w);
  if (w.weergave === 'veilig-thuis') return vtMeldingKaart(w.dossier, w.nu, w.veiligThuis, [], w.kalender, w.melding ? { melding: w.melding } : {});
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

/** To a region's beheerder: a melding waits because no Veilig Thuis channel is bound. No case data. */
export function koppelingOntbreektKaart(regioNaam: string, vt: VeiligThuisContact): KaartBijlage {
  return bouw(koppelingOntbreekt, { ...LEEG_KADER, kop: 'meldroute · beheer', titel: 'Koppeling ontbreekt', melding: 'Een melding kan Veilig Thuis nog niet bereiken.', meldingStijl: 'attention' }, { regioNaam: zonderMarkdown(regioNaam), veiligThuisNaam: zonderMarkdown(vt.naam) });
}

/** Every field the form binds gets a value, so no `${...}` is ever left on the card. */
const LEEG_FORMULIER: Readonly<Record<string, string>> = Object.fromEntries(
  ['acuutOnveilig', 'structureelOnveilig', 'multiproblematiek', 'risicofactoren', 'veiligheidsvoorwaarden', 'besluit', 'partijSoort', 'lokaalTeam', 'partijNaam', 'adviesTermijnDagen', 'monitoring'].map((k) => [k, '']),
);

/**
 * The veiligheidsbeoordeling form on the Veilig Thuis card, with its term. After an error what was
 * typed stays, with the Dutch message next to its field.
 */
function veiligheidsbeoordelingKaart(w: Extract<Weergave, { soort: 'kanaal-dossier' }>): KaartBijlage {
  const d = w.dossier;
  const kaart = bouw(
    vtBeoordeling,
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
      waarden: { ...LEEG_FORMULIER, adviesTermijnDagen: '7', ...w.waarden },
      fouten: { ...LEEG_FORMULIER, ...w.fouten },
      lokaleTeams: w.lokaleTeams ?? [],
    },
    d,
  );
  return metVernieuwing(kaart, d, 'veilig-thuis');
}
