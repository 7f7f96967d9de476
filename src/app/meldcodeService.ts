import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import {
  pasMeldcodeToe,
  startDossier,
  type DomeinFout,
  type Dossier,
  type MeldcodeCommando,
  type MeldcodeFout,
  type Resultaat,
  type Wijziging,
} from '../domain/index.js';
import type { AuditRegel, Stores } from '../store/ports.js';
import { werkDossierBij, type NietGevonden } from './bijwerken.js';
import { alsActor, type Gebruiker } from './gebruikers.js';
import { magMeldcodeWijzigen, weergaveVoor, zoekbereikVoor, type Gesprek } from './toegang.js';

export type GeenToegang = DomeinFout<'geen-toegang'>;

const GEEN_TOEGANG: GeenToegang = { code: 'geen-toegang', melding: 'U heeft geen toegang tot deze casus.' };

/** Where a request came from: for the access check and the audit trail. */
export interface Aanvraag {
  readonly gebruiker: Gebruiker;
  /** e.g. 'msteams'; the Bot Framework channel id. */
  readonly kanaal: string;
  /** The conversation it came from: case data only where weergaveVoor allows it. */
  readonly gesprek: Gesprek;
  readonly namens?: string;
}

export interface MeldcodeServiceDeps {
  readonly stores: Pick<Stores, 'dossiers' | 'audit'>;
  readonly klok: () => DateTime;
  readonly regioVoor: (g: Gebruiker) => string;
  readonly nieuwId?: () => string;
}

/**
 * The professional's use cases. Each one checks access, calls the pure domain, saves with the
 * ETag, and writes an audit entry for every read and write, allowed or refused.
 */
export class MeldcodeService {
  private readonly nieuwId: () => string;

  constructor(private readonly deps: MeldcodeServiceDeps) {
    this.nieuwId = deps.nieuwId ?? randomUUID;
  }

  async start(a: Aanvraag, gegevens: { referentie: string; werktMetVolwassenen: boolean }): Promise<Resultaat<Dossier, DomeinFout>> {
    const r = startDossier(
      { id: this.nieuwId(), referentie: gegevens.referentie, organisatieId: a.gebruiker.organisatieId, regioId: this.deps.regioVoor(a.gebruiker), werktMetVolwassenen: gegevens.werktMetVolwassenen },
      { op: this.deps.klok(), door: alsActor(a.gebruiker, a.namens) },
    );
    if (!r.ok) return r;
    // A case started in a conversation where its owner could not see it would leak from the start.
    if (weergaveVoor(a.gesprek, a.gebruiker, r.waarde) === 'geen') {
      await this.audit(a, 'create', undefined, 'geweigerd');
      return { ok: false, fout: GEEN_TOEGANG };
    }
    await this.deps.stores.dossiers.create(r.waarde);
    await this.audit(a, 'create', r.waarde.id, 'toegestaan');
    return r;
  }

  async open(a: Aanvraag, dossierId: string): Promise<Resultaat<Dossier, GeenToegang | NietGevonden>> {
    return this.lees(a, dossierId, 'read');
  }

  /** The dossierverslag: a read that leaves meldroute, audited as an export. */
  async exporteer(a: Aanvraag, dossierId: string): Promise<Resultaat<Dossier, GeenToegang | NietGevonden>> {
    return this.lees(a, dossierId, 'export');
  }

  async pasToe(a: Aanvraag, dossierId: string, commando: MeldcodeCommando): Promise<Resultaat<Wijziging, MeldcodeFout | GeenToegang | NietGevonden>> {
    let geweigerd = false;
    const r = await werkDossierBij<MeldcodeFout | GeenToegang>(this.deps.stores.dossiers, dossierId, (d) => {
      if (weergaveVoor(a.gesprek, a.gebruiker, d) === 'geen' || !magMeldcodeWijzigen(a.gebruiker, d)) {
        geweigerd = true;
        return { ok: false, fout: GEEN_TOEGANG };
      }
      return pasMeldcodeToe(d, commando, { op: this.deps.klok(), door: alsActor(a.gebruiker, a.namens) });
    });
    if (r.ok || geweigerd) await this.audit(a, 'update', dossierId, geweigerd ? 'geweigerd' : 'toegestaan');
    return r;
  }

  /** The open cases this person may see in this conversation, most recent first. */
  async casussen(a: Aanvraag, max = 20): Promise<Dossier[]> {
    const wie = zoekbereikVoor(a.gesprek, a.gebruiker);
    await this.audit(a, 'search', undefined, wie === null ? 'geweigerd' : 'toegestaan');
    if (wie === null) return [];
    const gevonden: Dossier[] = [];
    let vervolg: string | undefined;
    do {
      const p = await this.deps.stores.dossiers.lijst(wie, { max: 100, ...(vervolg ? { vervolg } : {}) });
      gevonden.push(...p.items.map((v) => v.waarde).filter((d) => isOpen(d) && weergaveVoor(a.gesprek, a.gebruiker, d) !== 'geen'));
      vervolg = p.vervolg;
    } while (vervolg !== undefined);
    return gevonden.sort((x, y) => laatsteActiviteit(y).localeCompare(laatsteActiviteit(x))).slice(0, max);
  }

  private async lees(a: Aanvraag, dossierId: string, actie: 'read' | 'export'): Promise<Resultaat<Dossier, GeenToegang | NietGevonden>> {
    const v = await this.deps.stores.dossiers.get(dossierId);
    if (v === undefined) return { ok: false, fout: { code: 'dossier-niet-gevonden', melding: 'Deze casus bestaat niet (meer).' } };
    const mag = weergaveVoor(a.gesprek, a.gebruiker, v.waarde) !== 'geen';
    await this.audit(a, actie, dossierId, mag ? 'toegestaan' : 'geweigerd');
    return mag ? { ok: true, waarde: v.waarde } : { ok: false, fout: GEEN_TOEGANG };
  }

  private async audit(a: Aanvraag, actie: AuditRegel['actie'], dossierId: string | undefined, uitkomst: AuditRegel['uitkomst']): Promise<void> {
    await this.deps.stores.audit.append({
      id: this.nieuwId(),
      op: this.deps.klok().toUTC().toISO() as string,
      actor: { id: a.gebruiker.id, naam: a.gebruiker.naam },
      ...(a.namens ? { namens: a.namens } : {}),
      rol: a.gebruiker.rol,
      actie,
      ...(dossierId ? { dossierId } : {}),
      kanaal: a.kanaal,
      uitkomst,
    });
  }
}

export function isOpen(d: Dossier): boolean {
  if (d.veiligThuis !== undefined) return d.veiligThuis.fase !== 'afgesloten';
  return d.meldcode.status !== 'afgesloten';
}

function laatsteActiviteit(d: Dossier): string {
  return d.gebeurtenissen.at(-1)?.op ?? d.aangemaaktOp;
}
