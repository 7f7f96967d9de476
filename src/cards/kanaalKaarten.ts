import type { DateTime } from 'luxon';
import {
  FASE_LABELS,
  SIGNAAL_CATEGORIE_LABELS,
  veiligheidsbeoordelingDeadline,
  vanIso,
  zichtOpVeiligheid,
  type Dossier,
  type WerkdagKalender,
} from '../domain/index.js';
import type { Bericht } from '../app/bezorging.js';
import type { VeiligThuisContact } from '../app/regio.js';
import { lokaleTijd } from '../app/verslag.js';
import type { Weergave } from '../app/weergave.js';
import { ADAPTIVE_CARD, LEEG_KADER, bouw, datum, metVernieuwing, type KaartBijlage } from './kaarten.js';
import koppelingOntbreekt from './koppelingOntbreekt.json' with { type: 'json' };
import { zonderMarkdown } from './markdown.js';
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
export function vtMeldingKaart(d: Dossier, nu: DateTime, vt: VeiligThuisContact, vermeldingen: Bericht['vermeldingen'] = [], kalender?: WerkdagKalender): KaartBijlage {
  const m = d.meldcode.melding;
  const vtFase = d.veiligThuis;
  if (m === undefined || vtFase === undefined) throw new RangeError(`Dossier ${d.id} heeft geen melding.`);
  const deadline = veiligheidsbeoordelingDeadline(vanIso(vtFase.ontvangenOp), vtFase.spoed, kalender);
  const zicht = zichtOpVeiligheid(d, nu, kalender);
  const gemeente = (m as { gemeente?: string }).gemeente;
  const kaart = bouw(
    vtMelding,
    {
      ...LEEG_KADER,
      kop: `Melding · ${vt.naam}`,
      titel: zonderMarkdown(d.referentie),
      dossierId: d.id,
      feiten: [
        ...feit('Gemeente', gemeente),
        { titel: 'Spoed', waarde: vtFase.spoed ? 'ja' : 'nee' },
        { titel: 'Veiligheidsbeoordeling', waarde: vtFase.spoed ? 'vandaag (spoed) · Veilig Thuis' : `uiterlijk ${datum(deadline)} (binnen 5 werkdagen) · Veilig Thuis` },
        { titel: 'Zicht op veiligheid', waarde: zonderMarkdown(zicht.omschrijving) },
        { titel: 'Verstuurd door de melder', waarde: lokaleTijd(vtFase.ontvangenOp) },
      ],
    },
    {
      spoed: vtFase.spoed,
      vermelding: vermeldingen.length > 0 ? `${vermeldingen.map((v) => `<at>${v.naam}</at>`).join(', ')}: spoedmelding, beoordeel vandaag.` : '',
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

/**
 * A dossier in a bound channel. Veilig Thuis sees the melding card; a lokaal team (until the
 * overdracht card exists) what it needs to recognise the case, never the melder or the facts.
 */
export function kanaalDossierKaart(w: Extract<Weergave, { soort: 'kanaal-dossier' }>): KaartBijlage {
  if (w.weergave === 'veilig-thuis') return vtMeldingKaart(w.dossier, w.nu, w.veiligThuis, [], w.kalender);
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
