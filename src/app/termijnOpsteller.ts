import type { DateTime } from 'luxon';
import { z } from 'zod';
import { NIVEAU_WAARDEN, openMijlpalen, tijdstip, type Dossier, type Mijlpaal, type Niveau, type Publiek, type RegioBeleid } from '../domain/index.js';
import type { GesprekReferentie, Stores } from '../store/ports.js';
import type { Bericht, Bezorger } from './bezorging.js';
import type { Logger } from './logger.js';
import { escalatieContacten, gemeenteVan, type RegioGids } from './regio.js';
import type { Opsteller, Opstelling, Verzendopdracht } from './verzender.js';

const TermijnItem = z.object({ soort: z.literal('termijn'), mijlpaal: z.string().min(1), niveau: z.enum(NIVEAU_WAARDEN), ontvanger: z.string().min(1) });
const Inhoud = z.discriminatedUnion('soort', [
  TermijnItem,
  z.object({ soort: z.literal('overzicht'), items: z.array(TermijnItem.extend({ sleutel: z.string().min(1), dossierId: z.string().min(1) })).min(1) }),
]);
export const PUBLIEK = ['professional', 'vt-medewerker', 'vt-teamleider', 'lokaal-team-kanaal', 'coordinator', 'escalatie-route'] as const satisfies readonly Publiek[];

export interface TermijnOpstellerDeps {
  readonly stores: Pick<Stores, 'dossiers' | 'gesprekken' | 'herinneringen'>;
  readonly regios: RegioGids;
  readonly beleidVoor: (regioId: string) => RegioBeleid;
  /** Tells the coordinator directly when a nudge cannot be delivered (rare: no queue round trip). */
  readonly bezorger: Bezorger;
  readonly klok: () => DateTime;
  readonly log: Logger;
}

/**
 * What a nudge job means when it is sent: the dossier is read again, so a deadline met meanwhile
 * sends nothing (`overbodig`), and the card shows the case as it is now. The job's `naar` is the
 * conversation; without a stored reference the job cannot be delivered and the coordinator is told.
 */
export class TermijnOpsteller implements Opsteller {
  constructor(private readonly deps: TermijnOpstellerDeps) {}

  async stelOp(job: Verzendopdracht): Promise<Opstelling> {
    const inhoud = Inhoud.safeParse(job.inhoud);
    if (!inhoud.success) return { soort: 'onbestelbaar', reden: `Onbekende opdracht: ${job.inhoud.soort}` };
    const naar = await this.deps.stores.gesprekken.zoek(job.naar);
    const nu = this.deps.klok();
    if (inhoud.data.soort === 'overzicht') {
      const items = [];
      for (const i of inhoud.data.items) {
        const open = await this.openMijlpaal(i.dossierId, i.mijlpaal);
        if (open !== undefined) items.push({ ...open, niveau: i.niveau });
      }
      if (items.length === 0) return { soort: 'overbodig', reden: 'Alle termijnen in het overzicht zijn intussen gehaald.' };
      if (naar === undefined) return { soort: 'onbestelbaar', reden: 'Het kanaal is niet (meer) bereikbaar voor meldroute.' };
      return { soort: 'verstuur', naar, bericht: { weergave: { soort: 'termijn-overzicht', items, nu } } };
    }
    const open = await this.openMijlpaal(job.dossierId, inhoud.data.mijlpaal);
    if (open === undefined) return { soort: 'overbodig', reden: 'De termijn is intussen gehaald.' };
    if (naar === undefined) return { soort: 'onbestelbaar', reden: 'Er is nog geen gesprek met meldroute (de app is niet geïnstalleerd of het kanaal niet gekoppeld).' };
    const publiek = z.enum(PUBLIEK).catch('coordinator').parse(job.publiek);
    return { soort: 'verstuur', naar, bericht: this.bericht(open.dossier, open.mijlpaal, inhoud.data.niveau, publiek, inhoud.data.ontvanger, nu) };
  }

  /** An overview's items each keep their own ledger key: a tick that recovers one finds it sent. */
  async verzonden(job: Verzendopdracht, activityId: string): Promise<void> {
    const inhoud = Inhoud.safeParse(job.inhoud);
    if (!inhoud.success || inhoud.data.soort !== 'overzicht') return;
    const ledger = this.deps.stores.herinneringen;
    const op = tijdstip(this.deps.klok());
    const items = inhoud.data.items.map((i) => i.sleutel);
    for (const i of inhoud.data.items) {
      const regel = await ledger.get(i.sleutel);
      // Each item knows its neighbours: one met deadline updates the whole card, the others as they stand.
      if (regel !== undefined && regel.waarde.status !== 'verzonden') await ledger.markeerVerzonden(i.sleutel, activityId, op, items);
    }
  }

  async meldMislukt(job: Verzendopdracht, reden: string): Promise<void> {
    this.deps.log.warn('Herinnering niet bezorgd', { sleutel: job.sleutel, reden });
    const dossier = (await this.deps.stores.dossiers.get(job.dossierId))?.waarde;
    const ontvangers = dossier === undefined ? [] : this.coordinatoren(dossier);
    // The coordinator cannot be told about a nudge to the coordinator: then the region's beheerders.
    const wie = job.publiek === 'coordinator' || ontvangers.length === 0 ? (dossier ? (this.deps.regios.regio(dossier.regioId)?.beheerders ?? []) : []) : ontvangers;
    const inhoud = Inhoud.safeParse(job.inhoud);
    const mijlpaalId = inhoud.success && inhoud.data.soort === 'termijn' ? inhoud.data.mijlpaal : undefined;
    const wat = mijlpaalId === undefined ? 'een overzicht van termijnen' : ((dossier ? openMijlpalen(dossier).find((m) => m.id === mijlpaalId)?.omschrijving : undefined) ?? 'een termijn');
    for (const id of wie) {
      const naar = await this.deps.stores.gesprekken.zoek({ soort: 'persoonlijk', gebruikerId: id });
      if (naar === undefined) continue;
      await this.stuurEenmaal(`onbestelbaar:${job.sleutel}@${id}`, job.dossierId, naar, { weergave: { soort: 'termijn-onbestelbaar', dossier, wat, reden } });
    }
  }

  private bericht(dossier: Dossier, mijlpaal: Mijlpaal, niveau: Niveau, publiek: Publiek, ontvanger: string, nu: DateTime): Bericht {
    const escalatieMet = escalatieMetVoor(this.deps.regios, dossier);
    // At expiry the coordinator is @mentioned: the card must not drown in the chat.
    const vermeldingen = publiek === 'coordinator' && (niveau === 'verlopen' || niveau === 'escalatie-voorstel') ? [{ id: ontvanger, naam: this.deps.regios.persoon(ontvanger)?.naam ?? 'coördinator' }] : [];
    return { weergave: { soort: 'termijn', dossier, mijlpaal, niveau, publiek, nu, escalatieMet }, vermeldingen };
  }

  private async openMijlpaal(dossierId: string, mijlpaalId: string): Promise<{ dossier: Dossier; mijlpaal: Mijlpaal } | undefined> {
    const dossier = (await this.deps.stores.dossiers.get(dossierId))?.waarde;
    if (dossier === undefined) return undefined;
    const mijlpaal = openMijlpalen(dossier, this.deps.beleidVoor(dossier.regioId).kalender).find((m) => m.id === mijlpaalId);
    return mijlpaal === undefined ? undefined : { dossier, mijlpaal };
  }

  private teamKey(d: Dossier): string | undefined {
    return teamKeyVan(d);
  }

  private coordinatoren(d: Dossier): readonly string[] {
    const teamKey = this.teamKey(d);
    return teamKey === undefined ? [] : (this.deps.regios.lokaalTeam(teamKey)?.team.coordinatoren ?? []);
  }

  private async stuurEenmaal(sleutel: string, dossierId: string, naar: GesprekReferentie, bericht: Bericht): Promise<void> {
    const ledger = this.deps.stores.herinneringen;
    const op = tijdstip(this.deps.klok());
    if (!(await ledger.claim(sleutel, { dossierId, publiek: 'coordinator', op }))) return;
    try {
      await ledger.markeerVerzonden(sleutel, await this.deps.bezorger.plaats(naar, bericht), tijdstip(this.deps.klok()));
    } catch (fout) {
      // Best effort: the failed nudge itself stays visible as `opgegeven` in the ledger.
      await ledger.markeerOpgegeven(sleutel, fout instanceof Error ? fout.message : String(fout), op);
    }
  }
}

function teamKeyVan(d: Dossier): string | undefined {
  return d.veiligThuis !== undefined && 'overdracht' in d.veiligThuis ? d.veiligThuis.overdracht?.partij.teamId : undefined;
}

/** Who route a brings together, by name: on the nudge card when it is sent and when it is refreshed. */
export function escalatieMetVoor(regios: RegioGids, dossier: Dossier): string {
  const gemeente = gemeenteVan(regios, dossier) ?? '';
  const routeA = escalatieContacten(regios.regio(dossier.regioId), gemeente, 'a').map((id) => regios.persoon(id)?.naam ?? id);
  return routeA.length > 0 ? routeA.join(' en ') : 'de teamleider van Veilig Thuis en de coördinator van het lokale team';
}
