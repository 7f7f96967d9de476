import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { werkDossierBij } from '../../src/app/bijwerken.js';
import { metGebeurtenis, ok, type Dossier } from '../../src/domain/index.js';
import {
  BestaatAlError,
  ConflictError,
  CorruptRecordError,
  type AuditRegel,
  type DossierIndex,
  type DossierIndexeerder,
  type Stores,
  type Versie,
  type Zichtbaarheid,
} from '../../src/store/ports.js';
import { verifieerAudit } from '../../src/store/auditKeten.js';
import { aangeboden, ctx, nieuwDossier, professional } from '../domain/fixtures.js';

/** What each implementation's test file provides to the shared contract. */
export interface StoreFixture {
  readonly stores: Stores;
  /** Writes a record bypassing validation, to prove bad data surfaces. */
  schrijfRuwDossier(id: string, ruw: unknown): Promise<void>;
  sluit(): Promise<void>;
}

/** A hand-written fake indexer: the tests decide each dossier's due and expiry moments. */
export class TestIndex {
  readonly due = new Map<string, string>();
  readonly verloopt = new Map<string, string>();
  readonly indexeer: DossierIndexeerder = (d): DossierIndex => ({ nextDueAt: this.due.get(d.id) ?? null, verlooptOp: this.verloopt.get(d.id) ?? null });
}

let teller = 0;
function dossier(overrides: Partial<Dossier> = {}): Dossier {
  teller += 1;
  return { ...nieuwDossier(), id: `d-${teller}-${Math.random().toString(36).slice(2, 8)}`, ...overrides };
}

/** The audit entry a use case would write with a change of dossier `dossierId`. */
export function auditVan(dossierId: string | undefined, actie: AuditRegel['actie'] = 'create', i = 0): AuditRegel {
  return {
    id: `audit-${Math.random().toString(36).slice(2)}`,
    op: `2026-03-02T10:00:${String(i % 60).padStart(2, '0')}.000Z`,
    actor: { id: professional.id, naam: professional.naam },
    rol: 'professional',
    actie,
    ...(dossierId ? { dossierId } : {}),
    kanaal: 'msteams',
    uitkomst: 'toegestaan',
  };
}

const bewaar = (s: Stores, d: Dossier) => s.dossiers.create(d, auditVan(d.id));

async function alles(haal: (vervolg?: string) => Promise<{ items: readonly Versie<Dossier>[]; vervolg?: string }>): Promise<string[]> {
  const ids: string[] = [];
  let vervolg: string | undefined;
  let paginas = 0;
  do {
    const p = await haal(vervolg);
    ids.push(...p.items.map((i) => i.waarde.id));
    vervolg = p.vervolg;
    paginas += 1;
  } while (vervolg !== undefined && paginas < 100);
  return ids;
}

export function storeContract(naam: string, maak: (index: TestIndex) => Promise<StoreFixture>): void {
  describe(`store contract: ${naam}`, () => {
    const index = new TestIndex();
    let f: StoreFixture;
    let s: Stores;
    beforeAll(async () => {
      f = await maak(index);
      s = f.stores;
    });
    afterAll(async () => {
      await f.sluit();
    });
    beforeEach(() => {
      index.due.clear();
      index.verloopt.clear();
    });

    describe('dossiers', () => {
      it('creates and reads back a dossier with an ETag', async () => {
        const d = dossier();
        const gemaakt = await bewaar(s, d);
        const gelezen = await s.dossiers.get(d.id);
        expect(gelezen?.waarde).toEqual(d);
        expect(gelezen?.etag).toBe(gemaakt.etag);
        expect(await s.dossiers.get('bestaat-niet')).toBeUndefined();
      });

      it('refuses a second create with the same id', async () => {
        const d = dossier();
        await bewaar(s, d);
        await expect(bewaar(s, d)).rejects.toBeInstanceOf(BestaatAlError);
      });

      it('a stale update fails with a typed conflict and leaves the first writer\'s version', async () => {
        const d = dossier();
        const v1 = await bewaar(s, d);
        const eerste = { ...d, referentie: 'Eerste schrijver' };
        const v2 = await s.dossiers.update(eerste, v1.etag, auditVan(d.id, 'update'));
        expect(v2.etag).not.toBe(v1.etag);
        const fout = await s.dossiers.update({ ...d, referentie: 'Te laat' }, v1.etag, auditVan(d.id, 'update')).catch((e: unknown) => e);
        expect(fout).toBeInstanceOf(ConflictError);
        expect((await s.dossiers.get(d.id))?.waarde.referentie).toBe('Eerste schrijver');
      });

      it('20 concurrent updates of one dossier are each applied exactly once', async () => {
        const d = dossier();
        await bewaar(s, d);
        // Count the conflicts, to prove the writers really raced and the retries did the work.
        let conflicten = 0;
        const tellend = {
          ...s.dossiers,
          get: (id: string) => s.dossiers.get(id),
          update: (x: Dossier, etag: string, audit: AuditRegel) =>
            s.dossiers.update(x, etag, audit).catch((e: unknown) => {
              if (e instanceof ConflictError) conflicten += 1;
              throw e;
            }),
        } as typeof s.dossiers;
        const updates = Array.from({ length: 20 }, (_, i) =>
          werkDossierBij(tellend, d.id, (huidig) => ok({ dossier: metGebeurtenis(huidig, ctx('2026-03-02 10:00'), 'notitie', `update ${i}`), effecten: [] }), auditVan(d.id, 'update', i)),
        );
        const resultaten = await Promise.all(updates);
        expect(resultaten.every((r) => r.ok)).toBe(true);
        const eind = await s.dossiers.get(d.id);
        const notities = eind?.waarde.gebeurtenissen.filter((g) => g.soort === 'notitie').map((g) => g.omschrijving) ?? [];
        expect(notities).toHaveLength(20);
        expect(new Set(notities).size).toBe(20);
        expect(conflicten).toBeGreaterThan(0);
        // One entry per applied change, none for a write that lost its race.
        expect((await s.audit.lijst({ dossierId: d.id })).map((r) => r.actie)).toEqual(['create', ...Array.from({ length: 20 }, () => 'update')]);
      });

      it('werkDossierBij reports a missing dossier and writes nothing on a domain error', async () => {
        const r = await werkDossierBij(s.dossiers, 'bestaat-niet', (x) => ok({ dossier: x, effecten: [] }), auditVan('bestaat-niet', 'update'));
        expect(r.ok ? 'ok' : r.fout.code).toBe('dossier-niet-gevonden');
        const d = dossier();
        const v = await bewaar(s, d);
        const geweigerd = await werkDossierBij(s.dossiers, d.id, () => ({ ok: false as const, fout: { code: 'nee', melding: 'Nee.' } }), auditVan(d.id, 'update'));
        expect(geweigerd.ok).toBe(false);
        expect((await s.dossiers.get(d.id))?.etag).toBe(v.etag);
        expect((await s.audit.lijst({ dossierId: d.id })).map((r) => r.actie)).toEqual(['create']);
      });

      it.each<[string, (d: Dossier) => Zichtbaarheid]>([
        ['own cases', (d) => ({ soort: 'eigen', gebruikerId: d.eigenaar.id })],
        ['cases of an organisation', (d) => ({ soort: 'organisatie', organisatieId: d.organisatieId })],
        ['cases handed over to a lokaal team', (d) => ({ soort: 'lokaal-team', teamId: d.veiligThuis?.overdracht?.partij.teamId ?? '' })],
        ['cases at a VT region', (d) => ({ soort: 'vt-regio', regioId: d.veiligThuis?.regioId ?? '' })],
      ])('lists %s, paged by continuation, and nothing else', async (_naam, scope) => {
        const uniek = Math.random().toString(36).slice(2, 8);
        const basis = aangeboden();
        const maakZichtbaar = (i: number): Dossier => ({
          ...basis,
          id: `zicht-${uniek}-${i}`,
          organisatieId: `org-${uniek}`,
          eigenaar: { id: `prof-${uniek}`, naam: 'Prof' },
          veiligThuis: { ...basis.veiligThuis!, regioId: `regio-${uniek}`, overdracht: { ...basis.veiligThuis!.overdracht!, partij: { soort: 'lokaal-team', naam: 'Team', teamId: `team-${uniek}` } } },
        });
        const zichtbaar = Array.from({ length: 5 }, (_, i) => maakZichtbaar(i));
        for (const d of zichtbaar) await bewaar(s, d);
        await bewaar(s, dossier()); // someone else's, elsewhere
        const ids = await alles((vervolg) => s.dossiers.lijst(scope(zichtbaar[0]!), { max: 2, ...(vervolg ? { vervolg } : {}) }));
        expect([...ids].sort()).toEqual(zichtbaar.map((d) => d.id).sort());
      });

      it('an advies-only dossier is not visible to Veilig Thuis or a lokaal team', async () => {
        const d = dossier({ organisatieId: `org-${Math.random()}` });
        await bewaar(s, d);
        const vt = await s.dossiers.lijst({ soort: 'vt-regio', regioId: d.regioId });
        expect(vt.items.map((i) => i.waarde.id)).not.toContain(d.id);
      });

      it('the due query returns exactly the due dossiers, earliest first, paged', async () => {
        const tijden = ['2030-01-01T08:00:00.000Z', '2030-01-01T09:00:00.000Z', '2030-01-02T08:00:00.000Z', '2030-01-03T08:00:00.000Z', '2030-01-03T08:00:00.000Z', '2030-02-01T08:00:00.000Z'];
        const due = tijden.map((t) => {
          const d = dossier();
          index.due.set(d.id, t);
          return d;
        });
        const nooit = dossier();
        for (const d of [...due, nooit]) await bewaar(s, d);
        // Other tests' dossiers are due in 2031 or never, so this range holds only these.
        const ids = await alles((vervolg) => s.dossiers.dueVoor('2030-01-03T08:00:00.000Z', { max: 2, ...(vervolg ? { vervolg } : {}) }));
        expect([...ids].sort()).toEqual(due.slice(0, 5).map((d) => d.id).sort());
        const volgorde = ids.map((id) => index.due.get(id) ?? '');
        expect(volgorde).toEqual([...volgorde].sort());
      });

      it('the outbox travels in the dossier write: saved with the change, refused with a stale ETag, never doubled', async () => {
        const d = dossier();
        const v = await bewaar(s, d);
        const uitgaand = [{ id: '2-1', effect: { soort: 'melding-naar-veilig-thuis' as const, regioId: d.regioId, spoed: false }, aangemaaktOp: '2026-03-02T09:00:00.000Z' }];
        const kanaalKaarten = [{ teamId: '19:t', kanaalId: '19:k', activityId: 'act-1', weergave: 'veilig-thuis' as const, revisie: 1 }];
        const v2 = await s.dossiers.update({ ...d, uitgaand, kanaalKaarten }, v.etag, auditVan(d.id, 'update', 1));
        expect((await s.dossiers.get(d.id))?.waarde).toMatchObject({ uitgaand, kanaalKaarten });
        // A second writer on the old version cannot add its copy of the same entry.
        await expect(s.dossiers.update({ ...d, uitgaand: [...uitgaand, ...uitgaand] }, v.etag, auditVan(d.id, 'update', 2))).rejects.toBeInstanceOf(ConflictError);
        const bezorgd = [{ ...uitgaand[0]!, bezorgdOp: '2026-03-02T09:00:05.000Z', activityId: 'act-1' }];
        await s.dossiers.update({ ...d, uitgaand: bezorgd, kanaalKaarten }, v2.etag, auditVan(d.id, 'update', 3));
        expect((await s.dossiers.get(d.id))?.waarde.uitgaand).toEqual(bezorgd);
      });

      it('keeps the due index up to date on every update', async () => {
        const d = dossier();
        index.due.set(d.id, '2031-05-01T08:00:00.000Z');
        const v = await bewaar(s, d);
        expect((await s.dossiers.dueVoor('2031-05-01T08:00:00.000Z')).items.map((i) => i.waarde.id)).toContain(d.id);
        index.due.delete(d.id);
        await s.dossiers.update({ ...d, herinneringen: ['x'] }, v.etag, auditVan(d.id, 'update'));
        expect((await s.dossiers.dueVoor('2031-05-01T08:00:00.000Z')).items.map((i) => i.waarde.id)).not.toContain(d.id);
      });

      it('deletes dossiers past their retention period, each with its own delete entry; their chain stays', async () => {
        const oud = dossier();
        const nieuw = dossier();
        index.verloopt.set(oud.id, '2020-01-01T00:00:00.000Z');
        index.verloopt.set(nieuw.id, '2099-01-01T00:00:00.000Z');
        await bewaar(s, oud);
        await bewaar(s, nieuw);
        const weg = await s.dossiers.verwijderVerlopen('2026-11-22T00:00:00.000Z', (id) => ({ ...auditVan(id, 'delete'), actor: { id: 'meldroute-bewaartermijn', naam: 'meldroute bewaartermijn' }, rol: 'systeem' }));
        expect(weg).toContain(oud.id);
        expect(weg).not.toContain(nieuw.id);
        expect(await s.dossiers.get(oud.id)).toBeUndefined();
        expect(await s.dossiers.get(nieuw.id)).toBeDefined();
        expect((await s.audit.lijst({ dossierId: oud.id })).map((r) => [r.actie, r.actor.naam])).toEqual([
          ['create', professional.naam],
          ['delete', 'meldroute bewaartermijn'],
        ]);
        expect((await s.audit.lijst({ dossierId: nieuw.id })).map((r) => r.actie)).toEqual(['create']);
        // A second run finds nothing more to delete and logs nothing more.
        expect(await s.dossiers.verwijderVerlopen('2026-11-22T00:00:00.000Z', (id) => auditVan(id, 'delete'))).not.toContain(oud.id);
        expect(await s.audit.lijst({ dossierId: oud.id })).toHaveLength(2);
      });

      it('a stored record that fails validation surfaces as a clear error naming it', async () => {
        const id = `kapot-${Math.random().toString(36).slice(2, 8)}`;
        await f.schrijfRuwDossier(id, { id, referentie: 42 });
        const fout = await s.dossiers.get(id).catch((e: unknown) => e);
        expect(fout).toBeInstanceOf(CorruptRecordError);
        expect((fout as Error).message).toContain(id);
      });
    });

    describe('reminder ledger', () => {
      const gegevens = { dossierId: 'd-1', publiek: 'lokaal-team-kanaal', op: '2026-03-06T08:00:00.000Z' };

      it('50 concurrent claims of one key: exactly one succeeds', async () => {
        const sleutel = `d-1:overdracht-bevestigen:herinnering:${Math.random()}`;
        const uitkomsten = await Promise.all(Array.from({ length: 50 }, () => s.herinneringen.claim(sleutel, gegevens)));
        expect(uitkomsten.filter(Boolean)).toHaveLength(1);
        expect((await s.herinneringen.get(sleutel))?.waarde).toMatchObject({ status: 'geclaimd', pogingen: 1 });
      });

      it('marks sent with the activity id; a sent entry is never retried', async () => {
        const sleutel = `k-${Math.random()}`;
        await s.herinneringen.claim(sleutel, gegevens);
        await s.herinneringen.markeerVerzonden(sleutel, 'activity-123', '2026-03-06T08:00:05.000Z');
        expect((await s.herinneringen.get(sleutel))?.waarde).toMatchObject({ status: 'verzonden', activityId: 'activity-123' });
        const teDoen = await s.herinneringen.teHerproberen('2099-01-01T00:00:00.000Z');
        expect(teDoen.map((r) => r.waarde.sleutel)).not.toContain(sleutel);
      });

      it('lists failed and stale claims for retry; exactly one retrier takes each over', async () => {
        const mislukt = `mislukt-${Math.random()}`;
        const vers = `vers-${Math.random()}`;
        const oud = `oud-${Math.random()}`;
        await s.herinneringen.claim(mislukt, gegevens);
        await s.herinneringen.markeerMislukt(mislukt, '429 Too Many Requests', '2026-03-06T08:00:01.000Z');
        await s.herinneringen.claim(oud, { ...gegevens, op: '2026-03-06T07:00:00.000Z' });
        await s.herinneringen.claim(vers, { ...gegevens, op: '2026-03-06T08:30:00.000Z' });
        const teDoen = await s.herinneringen.teHerproberen('2026-03-06T08:10:00.000Z');
        const sleutels = teDoen.map((r) => r.waarde.sleutel);
        expect(sleutels).toEqual(expect.arrayContaining([mislukt, oud]));
        expect(sleutels).not.toContain(vers);
        const regel = teDoen.find((r) => r.waarde.sleutel === mislukt)!;
        expect(regel.waarde).toMatchObject({ status: 'mislukt', laatsteFout: '429 Too Many Requests' });
        const pogingen = await Promise.all(Array.from({ length: 10 }, () => s.herinneringen.herclaim(regel, '2026-03-06T08:15:00.000Z')));
        expect(pogingen.filter(Boolean)).toHaveLength(1);
        expect((await s.herinneringen.get(mislukt))?.waarde).toMatchObject({ status: 'geclaimd', pogingen: 2 });
      });

      it('a given-up entry (bot removed, conversation gone) keeps its reason and is never retried', async () => {
        const sleutel = `opgegeven-${Math.random()}`;
        await s.herinneringen.claim(sleutel, { ...gegevens, op: '2026-03-06T07:00:00.000Z' });
        await s.herinneringen.markeerOpgegeven(sleutel, '403 MessageWritesBlocked', '2026-03-06T08:00:01.000Z');
        expect((await s.herinneringen.get(sleutel))?.waarde).toMatchObject({ status: 'opgegeven', laatsteFout: '403 MessageWritesBlocked' });
        const teDoen = await s.herinneringen.teHerproberen('2099-01-01T00:00:00.000Z');
        expect(teDoen.map((r) => r.waarde.sleutel)).not.toContain(sleutel);
        expect((await s.herinneringen.opgegeven(500)).find((r) => r.sleutel === sleutel)).toMatchObject({ status: 'opgegeven', laatsteFout: '403 MessageWritesBlocked' });
        expect((await s.herinneringen.opgegeven(500)).every((r) => r.status === 'opgegeven')).toBe(true);
      });

      it('lists the sent nudges of one dossier for one milestone, with where they went; the afgehandeld mark sticks', async () => {
        const dossierId = `d-${Math.random().toString(36).slice(2, 8)}`;
        const kanaal = { soort: 'kanaal' as const, teamId: '19:team@thread.tacv2', kanaalId: '19:kanaal@thread.tacv2' };
        const nudge = (mijlpaal: string, niveau: string, ontvanger: string) => ({ sleutel: `${dossierId}:${mijlpaal}:${niveau}@${ontvanger}`, gegevens: { ...gegevens, dossierId, mijlpaal, niveau } });
        const kanaalNudge = nudge('contact-gezin', 'herinnering', 'kanaal');
        const coordinator = nudge('contact-gezin', 'verlopen', 'mo');
        const alleenGeclaimd = nudge('contact-gezin', 'escalatie-voorstel', 'fatima');
        // A milestone id that starts like the other must not be mixed up with it.
        const anderMijlpaal = nudge('contact-gezin-na-besluit-2026-04-01', 'herinnering', 'kanaal');
        const anderDossier = { sleutel: `x-${dossierId}:contact-gezin:herinnering@kanaal`, gegevens: { ...gegevens, dossierId: `x-${dossierId}`, mijlpaal: 'contact-gezin' } };
        await s.herinneringen.claim(kanaalNudge.sleutel, { ...kanaalNudge.gegevens, naar: kanaal });
        await s.herinneringen.claim(coordinator.sleutel, { ...coordinator.gegevens, naar: { soort: 'persoonlijk', gebruikerId: 'mo' } });
        for (const n of [alleenGeclaimd, anderMijlpaal, anderDossier]) await s.herinneringen.claim(n.sleutel, n.gegevens);
        await s.herinneringen.markeerVerzonden(kanaalNudge.sleutel, 'act-kanaal', '2026-03-06T08:00:05.000Z', [kanaalNudge.sleutel, 'ander-item']);
        for (const n of [coordinator, anderMijlpaal, anderDossier]) await s.herinneringen.markeerVerzonden(n.sleutel, `act-${n.sleutel}`, '2026-03-06T08:00:06.000Z');

        const gevonden = await s.herinneringen.verzondenVoor(dossierId, 'contact-gezin');
        expect(gevonden.map((r) => r.waarde.sleutel).sort()).toEqual([kanaalNudge.sleutel, coordinator.sleutel].sort());
        const inKanaal = gevonden.find((r) => r.waarde.sleutel === kanaalNudge.sleutel)?.waarde;
        expect(inKanaal).toMatchObject({ activityId: 'act-kanaal', mijlpaal: 'contact-gezin', niveau: 'herinnering', naar: kanaal, overzicht: [kanaalNudge.sleutel, 'ander-item'] });
        expect(gevonden.find((r) => r.waarde.sleutel === coordinator.sleutel)?.waarde.naar).toEqual({ soort: 'persoonlijk', gebruikerId: 'mo' });

        await s.herinneringen.markeerAfgehandeld(coordinator.sleutel, { door: 'Joost Bakker', op: '2026-03-09T10:15:00.000Z' });
        const na = await s.herinneringen.verzondenVoor(dossierId, 'contact-gezin');
        expect(na.find((r) => r.waarde.sleutel === coordinator.sleutel)?.waarde).toMatchObject({ status: 'verzonden', afgehandeld: { door: 'Joost Bakker', op: '2026-03-09T10:15:00.000Z' } });
        expect(na.find((r) => r.waarde.sleutel === kanaalNudge.sleutel)?.waarde.afgehandeld).toBeUndefined();
        expect(await s.herinneringen.verzondenVoor(dossierId, 'monitoring-3')).toEqual([]);
      });
    });

    describe('conversation references', () => {
      it('stores, replaces and finds references by user and by channel', async () => {
        const kanaal = { soort: 'kanaal' as const, teamId: '19:team@thread.tacv2', kanaalId: '19:general/with?odd#chars' };
        await s.gesprekken.bewaar({ soort: 'persoonlijk', gebruikerId: 'aad-1' }, { conversation: { id: 'a:1' }, serviceUrl: 'http://x/' });
        await s.gesprekken.bewaar(kanaal, { conversation: { id: '19:general' }, serviceUrl: 'http://x/' });
        expect(await s.gesprekken.zoek({ soort: 'persoonlijk', gebruikerId: 'aad-1' })).toMatchObject({ conversation: { id: 'a:1' } });
        await s.gesprekken.bewaar(kanaal, { conversation: { id: '19:general' }, serviceUrl: 'http://nieuw/' });
        expect(await s.gesprekken.zoek(kanaal)).toMatchObject({ serviceUrl: 'http://nieuw/' });
        expect(await s.gesprekken.zoek({ ...kanaal, kanaalId: 'onbekend' })).toBeUndefined();
      });
    });

    describe('channel bindings', () => {
      const uniek = () => Math.random().toString(36).slice(2, 8);
      const kanaalVan = (id: string) => ({ soort: 'kanaal' as const, teamId: `19:team-${id}@thread.tacv2`, kanaalId: `19:kanaal/${id}?#` });
      const door = { id: 'aad-beheer', naam: 'Beheerder' };

      it('binds a channel, finds it both ways and lists it under its region', async () => {
        const id = uniek();
        const kanaal = kanaalVan(id);
        const vt = { soort: 'veilig-thuis' as const, regioId: `regio-${id}` };
        const team = { soort: 'lokaal-team' as const, regioId: `regio-${id}`, teamKey: 'wijkteam-noord' };
        expect(await s.koppelingen.voorKanaal(kanaal)).toBeUndefined();
        expect(await s.koppelingen.kanaalVoor(vt)).toBeUndefined();
        await s.gesprekken.bewaar(kanaal, { conversation: { id: kanaal.kanaalId }, serviceUrl: 'http://x/' });
        const v = await s.koppelingen.koppel({ kanaal, koppeling: vt, door, op: '2026-03-02T10:00:00.000Z' });
        expect(await s.koppelingen.voorKanaal(kanaal)).toEqual(v);
        expect(await s.koppelingen.kanaalVoor(vt)).toEqual({ kanaal, referentie: { conversation: { id: kanaal.kanaalId }, serviceUrl: 'http://x/' } });
        // The same region's lokaal team, and the same key in another region, are other parties.
        expect(await s.koppelingen.kanaalVoor(team)).toBeUndefined();
        expect(await s.koppelingen.kanaalVoor({ ...vt, regioId: `ander-${id}` })).toBeUndefined();
        // A refreshed reference of the channel is what a proactive post uses.
        await s.gesprekken.bewaar(kanaal, { conversation: { id: kanaal.kanaalId }, serviceUrl: 'http://nieuw/' });
        expect((await s.koppelingen.kanaalVoor(vt))?.referentie).toMatchObject({ serviceUrl: 'http://nieuw/' });
        const ander = kanaalVan(`${id}-2`);
        await s.koppelingen.koppel({ kanaal: ander, koppeling: team, door, op: '2026-03-02T11:00:00.000Z' });
        expect((await s.koppelingen.lijst(`regio-${id}`)).map((k) => k.koppeling)).toEqual([vt, team]);
        expect(await s.koppelingen.lijst(`ander-${id}`)).toEqual([]);
      });

      it('a second bind of a channel without its ETag is refused; with a stale ETag too; the first binding stays', async () => {
        const id = uniek();
        const kanaal = kanaalVan(id);
        const vt = { soort: 'veilig-thuis' as const, regioId: `regio-${id}` };
        const team = { soort: 'lokaal-team' as const, regioId: `regio-${id}`, teamKey: 'jeugdteam' };
        const v1 = await s.koppelingen.koppel({ kanaal, koppeling: vt, door, op: '2026-03-02T10:00:00.000Z' });
        await expect(s.koppelingen.koppel({ kanaal, koppeling: team, door, op: '2026-03-02T10:01:00.000Z' })).rejects.toBeInstanceOf(ConflictError);
        const v2 = await s.koppelingen.koppel({ kanaal, koppeling: team, door, op: '2026-03-02T10:02:00.000Z' }, v1.etag);
        expect(v2.etag).not.toBe(v1.etag);
        await expect(s.koppelingen.koppel({ kanaal, koppeling: vt, door, op: '2026-03-02T10:03:00.000Z' }, v1.etag)).rejects.toBeInstanceOf(ConflictError);
        await expect(s.koppelingen.ontkoppel(kanaal, v1.etag)).rejects.toBeInstanceOf(ConflictError);
        expect((await s.koppelingen.voorKanaal(kanaal))?.waarde.koppeling).toEqual(team);
        // The channel moved to the team: Veilig Thuis of the region has no channel any more.
        expect(await s.koppelingen.kanaalVoor(vt)).toBeUndefined();
      });

      it('of 10 concurrent binds of one unbound channel exactly one wins', async () => {
        const id = uniek();
        const kanaal = kanaalVan(id);
        const pogingen = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => s.koppelingen.koppel({ kanaal, koppeling: { soort: 'lokaal-team', regioId: `regio-${id}`, teamKey: `team-${i}` }, door, op: '2026-03-02T10:00:00.000Z' })),
        );
        expect(pogingen.filter((p) => p.status === 'fulfilled')).toHaveLength(1);
        expect(pogingen.filter((p) => p.status === 'rejected').every((p) => p.reason instanceof ConflictError)).toBe(true);
      });

      it('unbinds with the ETag; the party then has no channel', async () => {
        const id = uniek();
        const kanaal = kanaalVan(id);
        const vt = { soort: 'veilig-thuis' as const, regioId: `regio-${id}` };
        await s.gesprekken.bewaar(kanaal, { conversation: { id: kanaal.kanaalId } });
        const v = await s.koppelingen.koppel({ kanaal, koppeling: vt, door, op: '2026-03-02T10:00:00.000Z' });
        await s.koppelingen.ontkoppel(kanaal, v.etag);
        expect(await s.koppelingen.voorKanaal(kanaal)).toBeUndefined();
        expect(await s.koppelingen.kanaalVoor(vt)).toBeUndefined();
        expect(await s.koppelingen.lijst(`regio-${id}`)).toEqual([]);
        await expect(s.koppelingen.ontkoppel(kanaal, v.etag)).rejects.toBeInstanceOf(ConflictError);
      });

      it('when two channels hold the same party, the newest binding is the one posted to', async () => {
        const id = uniek();
        const vt = { soort: 'veilig-thuis' as const, regioId: `regio-${id}` };
        const [oud, nieuw] = [kanaalVan(`${id}-oud`), kanaalVan(`${id}-nieuw`)];
        for (const k of [oud, nieuw]) await s.gesprekken.bewaar(k, { conversation: { id: k.kanaalId } });
        await s.koppelingen.koppel({ kanaal: nieuw, koppeling: vt, door, op: '2026-03-02T11:00:00.000Z' });
        await s.koppelingen.koppel({ kanaal: oud, koppeling: vt, door, op: '2026-03-02T10:00:00.000Z' });
        expect((await s.koppelingen.kanaalVoor(vt))?.kanaal).toEqual(nieuw);
      });

      it('refuses a binding that is not valid, and writes nothing', async () => {
        const kanaal = kanaalVan(uniek());
        await expect(s.koppelingen.koppel({ kanaal, koppeling: { soort: 'lokaal-team', regioId: 'r', teamKey: '' }, door, op: '2026-03-02T10:00:00.000Z' })).rejects.toThrow();
        expect(await s.koppelingen.voorKanaal(kanaal)).toBeUndefined();
      });
    });

    describe('audit log', () => {
      const regel = (i: number, dossierId?: string): AuditRegel => ({ ...auditVan(dossierId, i === 0 ? 'create' : 'read', i) });

      it('appends and lists per dossier in order', async () => {
        const id = `dossier-audit-${Math.random()}`;
        for (const i of [0, 1, 2]) await s.audit.append(regel(i, id));
        await s.audit.append(regel(3));
        const lijst = await s.audit.lijst({ dossierId: id });
        expect(lijst.map((r) => r.actie)).toEqual(['create', 'read', 'read']);
        expect(lijst.every((r) => r.dossierId === id)).toBe(true);
        expect((await s.audit.lijst({})).some((r) => r.dossierId === undefined)).toBe(true);
      });

      it('keeps who acted on whose behalf, the dossiers a search showed and a refused tenant', async () => {
        const zoek = { ...regel(1), actie: 'search' as const, namens: 'lokaal-team:team-noord', dossierIds: ['d-a', 'd-b'], actor: { id: `coord-${Math.random()}`, naam: 'Coördinator' } };
        const vreemd = { ...regel(2), uitkomst: 'geweigerd' as const, tenant: 'tenant-vreemd', actor: { id: `vreemd-${Math.random()}`, naam: 'Onbekend' } };
        await s.audit.append(zoek);
        await s.audit.append(vreemd);
        const alle = await s.audit.lijst({});
        expect(alle.find((r) => r.id === zoek.id)).toEqual(zoek);
        expect(alle.find((r) => r.id === vreemd.id)).toEqual(vreemd);
      });

      it('a change and its entry are written together: a refused write leaves no entry', async () => {
        const d = dossier();
        const v = await bewaar(s, d);
        await expect(bewaar(s, d)).rejects.toBeInstanceOf(BestaatAlError);
        await expect(s.dossiers.update(d, 'verouderd', auditVan(d.id, 'update'))).rejects.toBeInstanceOf(ConflictError);
        await s.dossiers.update({ ...d, referentie: 'Gezin L.' }, v.etag, auditVan(d.id, 'update'));
        expect((await s.audit.lijst({ dossierId: d.id })).map((r) => r.actie)).toEqual(['create', 'update']);
        expect(await s.dossiers.bezorgAudit()).toBe(0); // nothing left waiting after a normal write
      });

      it('refuses a change whose audit entry names another dossier, and writes neither', async () => {
        const d = dossier();
        await expect(s.dossiers.create(d, auditVan('ander-dossier'))).rejects.toThrow(RangeError);
        expect(await s.dossiers.get(d.id)).toBeUndefined();
        expect(await s.audit.lijst({ dossierId: 'ander-dossier' })).toEqual([]);
      });

      it('chains entries per dossier and per actor; 20 concurrent writers leave every entry once and the chains whole', async () => {
        const id = `keten-${Math.random().toString(36).slice(2)}`;
        const actor = { id: `actor-${Math.random().toString(36).slice(2)}`, naam: 'Zoeker' };
        const perDossier = Array.from({ length: 20 }, (_, i) => regel(i, id));
        const perActor = Array.from({ length: 20 }, (_, i) => ({ ...regel(i), actie: 'search' as const, actor }));
        await Promise.all([...perDossier, ...perActor].map((r) => s.audit.append(r)));
        const rijen: { keten: string; positie: number; id: string }[] = [];
        for await (const r of s.audit.rijen()) {
          const rij = r.ruw as { keten: string; positie: number; id: string };
          if (rij.keten === `dossier:${id}` || rij.keten === `actor:${actor.id}`) rijen.push(rij);
        }
        const posities = (keten: string) => rijen.filter((r) => r.keten === keten).map((r) => r.positie).sort((a, b) => a - b);
        expect(posities(`dossier:${id}`)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(posities(`actor:${actor.id}`)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(new Set(rijen.map((r) => r.id))).toEqual(new Set([...perDossier, ...perActor].map((r) => r.id)));
      });

      it('the whole trail verifies: every chain from its first entry, nothing missing or changed', async () => {
        const v = await verifieerAudit(s.audit.rijen());
        expect(v).toMatchObject({ ok: true });
        expect(v.rijen).toBeGreaterThan(40);
      });

      it('refuses an entry without who or what', async () => {
        await expect(s.audit.append({ ...regel(0), actor: { id: '', naam: '' } })).rejects.toThrow();
      });

      it('offers no way to change or delete an entry', () => {
        expect(Object.keys(Object.getPrototypeOf(s.audit)).concat(Object.getOwnPropertyNames(Object.getPrototypeOf(s.audit))).filter((k) => /update|delete|remove|wijzig|replace|upsert/i.test(k))).toEqual([]);
      });
    });

    describe('escalation register', () => {
      const gemeente = () => `Gemeente ${Math.random().toString(36).slice(2, 8)}`;
      const start = (dossierId: string, gestartOp: string) => ({ dossierId, gestartOp });

      it('creates a gemeente\'s register once, then replaces exactly the version read; gemeenten and regions are apart', async () => {
        const g = gemeente();
        expect(await s.escalaties.get('regio-1', g)).toBeUndefined();
        const v1 = await s.escalaties.schrijf({ regioId: 'regio-1', gemeente: g, escalaties: [start('d-1', '2026-03-02T09:00:00.000Z')] });
        await expect(s.escalaties.schrijf({ regioId: 'regio-1', gemeente: g, escalaties: [] })).rejects.toBeInstanceOf(ConflictError);
        const v2 = await s.escalaties.schrijf({ regioId: 'regio-1', gemeente: g, escalaties: [...v1.waarde.escalaties, start('d-2', '2026-04-02T09:00:00.000Z')] }, v1.etag);
        expect(v2.etag).not.toBe(v1.etag);
        await expect(s.escalaties.schrijf({ regioId: 'regio-1', gemeente: g, escalaties: [] }, v1.etag)).rejects.toBeInstanceOf(ConflictError);
        expect(await s.escalaties.get('regio-1', g)).toEqual(v2);
        expect((await s.escalaties.get('regio-1', g))?.waarde.escalaties.map((e) => e.dossierId)).toEqual(['d-1', 'd-2']);
        expect(await s.escalaties.get('regio-2', g)).toBeUndefined();
        expect(await s.escalaties.get('regio-1', gemeente())).toBeUndefined();
      });

      it('of two writers with the same version exactly one wins', async () => {
        const g = gemeente();
        const v = await s.escalaties.schrijf({ regioId: 'regio-1', gemeente: g, escalaties: [] });
        const uitslagen = await Promise.allSettled(
          ['d-a', 'd-b'].map((id) => s.escalaties.schrijf({ regioId: 'regio-1', gemeente: g, escalaties: [start(id, '2026-03-02T09:00:00.000Z')] }, v.etag)),
        );
        expect(uitslagen.filter((u) => u.status === 'fulfilled')).toHaveLength(1);
        expect(uitslagen.filter((u) => u.status === 'rejected').map((u) => (u as PromiseRejectedResult).reason)).toEqual([expect.any(ConflictError)]);
      });

      it('an unknown gemeente name with slashes and spaces is still one key', async () => {
        const g = `Bergen (L) / ${gemeente()}`;
        await s.escalaties.schrijf({ regioId: 'regio-1', gemeente: g, escalaties: [start('d-1', '2026-03-02T09:00:00.000Z')] });
        expect((await s.escalaties.get('regio-1', g))?.waarde.gemeente).toBe(g);
      });
    });

    describe('bot state', () => {
      it('reads, writes with ETags and deletes; keys may hold slashes', async () => {
        const key = `msteams/conversations/a:1/${Math.random()}`;
        const e1 = await s.state.write(key, { stap: 1 });
        expect((await s.state.read([key, 'ontbreekt'])).get(key)).toEqual({ waarde: { stap: 1 }, etag: e1 });
        const e2 = await s.state.write(key, { stap: 2 }, e1);
        await expect(s.state.write(key, { stap: 3 }, e1)).rejects.toBeInstanceOf(ConflictError);
        expect((await s.state.read([key])).get(key)?.waarde).toEqual({ stap: 2 });
        await s.state.write(key, { stap: 4 }, '*');
        expect((await s.state.read([key])).get(key)?.etag).not.toBe(e2);
        await s.state.delete([key]);
        expect((await s.state.read([key])).size).toBe(0);
      });
    });
  });
}
