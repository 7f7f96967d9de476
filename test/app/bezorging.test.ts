import { describe, expect, it } from 'vitest';
import { Bezorging, type Adresboek, type Bericht, type Bezorger } from '../../src/app/bezorging.js';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import { stilleLogger } from '../../src/app/logger.js';
import { vasteRegioGids } from '../../src/app/regio.js';
import type { Dossier, MeldcodeCommando } from '../../src/domain/index.js';
import type { GesprekReferentie, Stores } from '../../src/store/ports.js';
import { TestKlok, demoRegister, testFlow, testStores } from '../support/app.js';
import { aangeboden } from '../domain/fixtures.js';
import { auditVan } from '../store/contract.js';

/** A Teams that records what it was given, and can be told to fail once. */
class OpnameBezorger implements Bezorger {
  readonly geplaatst: { naar: GesprekReferentie; bericht: Bericht; activityId: string }[] = [];
  readonly bijgewerkt: { naar: GesprekReferentie; activityId: string; bericht: Bericht }[] = [];
  faaltKeren = 0;
  async plaats(naar: GesprekReferentie, bericht: Bericht): Promise<string> {
    if (this.faaltKeren > 0) {
      this.faaltKeren -= 1;
      throw new Error('502 Bad Gateway');
    }
    const activityId = `act-${this.geplaatst.length + 1}`;
    this.geplaatst.push({ naar, bericht, activityId });
    return activityId;
  }
  async werkBij(naar: GesprekReferentie, activityId: string, bericht: Bericht): Promise<void> {
    this.bijgewerkt.push({ naar, activityId, bericht });
  }
}

class TestAdresboek implements Adresboek {
  vtKanaal: Record<string, GesprekReferentie> = {};
  async veiligThuisKanaal(regioId: string) {
    const referentie = this.vtKanaal[regioId];
    return referentie ? { kanaal: { soort: 'kanaal' as const, teamId: 'team-vt', kanaalId: `intake-${regioId}` }, referentie } : undefined;
  }
  async lokaalTeamKanaal() {
    return undefined;
  }
  async kanaal(kanaal: { teamId: string; kanaalId: string }) {
    return { conversation: { id: `${kanaal.teamId}/${kanaal.kanaalId}` } };
  }
  async persoonlijk(gebruikerId: string) {
    return { conversation: { id: `persoonlijk-${gebruikerId}` } };
  }
}

const REGIO = {
  id: 'vt-regio-demo',
  naam: 'Demoregio',
  veiligThuis: { naam: 'Veilig Thuis Demoregio', telefoon: '0800-2000', teamleiders: ['aad-teamleider'] },
  gemeenten: [{ naam: 'Demostad', lokaleTeams: [] }],
  beheerders: ['aad-beheerder'],
};

const annelies: Aanvraag = { gebruiker: demoRegister.zoek('aad-prof-1', 'Annelies de Boer', 'tenant-1'), kanaal: 'msteams', gesprek: { soort: 'persoonlijk' }, kaartActivityId: 'kaart-van-annelies' };

function opstelling(stores: Stores = testStores()) {
  const klok = new TestKlok();
  const regios = vasteRegioGids([REGIO]);
  const { service } = testFlow(stores, klok, regios);
  const bezorger = new OpnameBezorger();
  const adresboek = new TestAdresboek();
  adresboek.vtKanaal['vt-regio-demo'] = { conversation: { id: '19:vt-intake@thread.tacv2' } };
  let n = 0;
  const bezorging = new Bezorging({ stores, adresboek, bezorger, regios, klok: klok.lees, log: stilleLogger, nieuwId: () => `audit-${(n += 1)}` });
  return { stores, klok, service, bezorger, adresboek, bezorging };
}

const melding = (spoed = false): MeldcodeCommando => ({
  soort: 'melding',
  melding: { soort: 'anoniem-tov-gezin', redenAnoniem: 'Vader dreigt.', melder: { naam: 'Annelies de Boer', telefoon: '0612345678' }, feiten: 'Blauwe plekken gezien.', spoed, gemeente: 'Demostad' },
});

async function gemeld(o: ReturnType<typeof opstelling>, spoed = false): Promise<string> {
  const start = await o.service.start(annelies, { referentie: 'Gezin K., groep 5', werktMetVolwassenen: false });
  if (!start.ok) throw new Error(start.fout.melding);
  const r = await o.service.pasToe(annelies, start.waarde.id, melding(spoed));
  if (!r.ok) throw new Error(r.fout.melding);
  return start.waarde.id;
}

async function dossier(stores: Stores, id: string): Promise<Dossier> {
  const v = await stores.dossiers.get(id);
  if (!v) throw new Error('weg');
  return v.waarde;
}

describe('the outbox: a melding reaches the Veilig Thuis channel of its region', () => {
  it('saves the effect with the melding, in the same write, and the due index points at it', async () => {
    const o = opstelling();
    const id = await gemeld(o);
    const d = await dossier(o.stores, id);
    expect(d.uitgaand).toEqual([expect.objectContaining({ effect: { soort: 'melding-naar-veilig-thuis', regioId: 'vt-regio-demo', spoed: false } })]);
    expect((await o.stores.dossiers.dueVoor(o.klok.lees().toUTC().toISO() as string)).items.map((v) => v.waarde.id)).toEqual([id]);
    expect(o.bezorger.geplaatst).toHaveLength(0);
  });

  it('posts the VT card once, records its activity id, the receipt by Veilig Thuis, and updates the professional\'s card', async () => {
    const o = opstelling();
    const id = await gemeld(o);
    await o.bezorging.bezorg(id);
    expect(o.bezorger.geplaatst).toHaveLength(1);
    expect(o.bezorger.geplaatst[0]?.naar).toEqual({ conversation: { id: '19:vt-intake@thread.tacv2' } });
    expect(o.bezorger.geplaatst[0]?.bericht.weergave.soort).toBe('vt-melding');
    const d = await dossier(o.stores, id);
    expect(d.uitgaand?.[0]).toMatchObject({ activityId: 'act-1', bezorgdOp: expect.any(String) });
    expect(d.kanaalKaarten).toEqual([{ teamId: 'team-vt', kanaalId: 'intake-vt-regio-demo', activityId: 'act-1', weergave: 'veilig-thuis', revisie: d.gebeurtenissen.length }]);
    expect(d.veiligThuis?.ontvangstBevestigdOp).toBeDefined();
    expect(d.gebeurtenissen.at(-1)).toMatchObject({ soort: 'melding-ontvangen', door: { naam: 'Veilig Thuis Demoregio', rol: 'vt-medewerker' } });
    expect(o.bezorger.bijgewerkt).toEqual([expect.objectContaining({ activityId: 'kaart-van-annelies', naar: { conversation: { id: 'persoonlijk-aad-prof-1' } } })]);
    // Nothing left to deliver: the dossier is no longer due.
    expect((await o.stores.dossiers.dueVoor(o.klok.lees().toUTC().toISO() as string)).items).toHaveLength(0);
  });

  it('delivers exactly once however often, or however concurrently, it runs', async () => {
    const o = opstelling();
    const id = await gemeld(o);
    await Promise.all([o.bezorging.bezorg(id), o.bezorging.bezorg(id), o.bezorging.veeg(), o.bezorging.bezorg(id)]);
    await o.bezorging.veeg();
    expect(o.bezorger.geplaatst).toHaveLength(1);
  });

  it('a crash between the save and the send: the sweep delivers it', async () => {
    const o = opstelling();
    const id = await gemeld(o);
    // The process died right after saving: nothing was sent. The next sweep finds it by the due index.
    expect(await o.bezorging.veeg()).toBe(1);
    expect(o.bezorger.geplaatst).toHaveLength(1);
    expect((await dossier(o.stores, id)).uitgaand?.[0]?.activityId).toBe('act-1');
  });

  it('a crash after the claim, before the send: the claim is taken over after it expired, then sent once', async () => {
    const o = opstelling();
    const id = await gemeld(o);
    const u = (await dossier(o.stores, id)).uitgaand?.[0];
    await o.stores.herinneringen.claim(`uitgaand:${id}:${u?.id}`, { dossierId: id, publiek: 'vt-kanaal', op: o.klok.lees().toUTC().toISO() as string });
    await o.bezorging.veeg();
    expect(o.bezorger.geplaatst).toHaveLength(0);
    o.klok.nu = o.klok.nu.plus({ minutes: 3 });
    await o.bezorging.veeg();
    expect(o.bezorger.geplaatst).toHaveLength(1);
  });

  it('a crash after the send, before the dossier was updated: the recorded activity id is used, nothing is sent again', async () => {
    const o = opstelling();
    const id = await gemeld(o);
    const u = (await dossier(o.stores, id)).uitgaand?.[0];
    const sleutel = `uitgaand:${id}:${u?.id}`;
    await o.stores.herinneringen.claim(sleutel, { dossierId: id, publiek: 'vt-kanaal', op: o.klok.lees().toUTC().toISO() as string });
    await o.stores.herinneringen.markeerVerzonden(sleutel, 'act-eerder', o.klok.lees().toUTC().toISO() as string);
    await o.bezorging.veeg();
    expect(o.bezorger.geplaatst).toHaveLength(0);
    expect((await dossier(o.stores, id)).uitgaand?.[0]?.activityId).toBe('act-eerder');
  });

  it('a failed send is retried by the next sweep and then delivered once', async () => {
    const o = opstelling();
    const id = await gemeld(o);
    o.bezorger.faaltKeren = 1;
    await o.bezorging.bezorg(id);
    expect(o.bezorger.geplaatst).toHaveLength(0);
    await o.bezorging.veeg();
    expect(o.bezorger.geplaatst).toHaveLength(1);
  });

  it('no bound channel: the melding waits, the beheerder hears it once a day, and it is delivered once a channel is bound', async () => {
    const o = opstelling();
    o.adresboek.vtKanaal = {};
    const id = await gemeld(o);
    await o.bezorging.bezorg(id);
    await o.bezorging.bezorg(id);
    expect(o.bezorger.geplaatst.map((g) => g.bericht.weergave.soort)).toEqual(['koppeling-ontbreekt']);
    expect(o.bezorger.geplaatst[0]?.naar).toEqual({ conversation: { id: 'persoonlijk-aad-beheerder' } });
    const wacht = await dossier(o.stores, id);
    expect(wacht.uitgaand?.[0]).toMatchObject({ wachtOpKoppelingSinds: expect.any(String), volgendePogingOp: expect.any(String) });
    expect(wacht.veiligThuis?.ontvangstBevestigdOp).toBeUndefined();
    // Not due before the next attempt; then, with a channel bound, it goes out.
    expect(await o.bezorging.veeg()).toBe(0);
    o.adresboek.vtKanaal['vt-regio-demo'] = { conversation: { id: '19:vt-intake@thread.tacv2' } };
    o.klok.nu = o.klok.nu.plus({ minutes: 6 });
    await o.bezorging.veeg();
    expect(o.bezorger.geplaatst.map((g) => g.bericht.weergave.soort)).toEqual(['koppeling-ontbreekt', 'vt-melding']);
  });

  it('spoed: the VT teamleider is mentioned at once', async () => {
    const o = opstelling();
    const id = await gemeld(o, true);
    await o.bezorging.bezorg(id);
    expect(o.bezorger.geplaatst[0]?.bericht.vermeldingen).toEqual([{ id: 'aad-teamleider', naam: 'teamleider Veilig Thuis' }]);
  });

  it('a later change updates the card in the channel for everyone, and posts nothing new', async () => {
    const o = opstelling();
    const id = await gemeld(o);
    await o.bezorging.bezorg(id);
    const r = await o.service.pasToe(annelies, id, { soort: 'kenmerk', referentie: 'Gezin K., groep 6' });
    expect(r.ok).toBe(true);
    await o.bezorging.bezorg(id);
    await o.bezorging.bezorg(id);
    expect(o.bezorger.geplaatst).toHaveLength(1);
    const kanaalUpdates = o.bezorger.bijgewerkt.filter((b) => b.activityId === 'act-1');
    expect(kanaalUpdates).toHaveLength(1);
    expect(kanaalUpdates[0]?.bericht.weergave).toMatchObject({ soort: 'vt-melding', dossier: { referentie: 'Gezin K., groep 6' } });
  });
});

describe('a met deadline: its nudge cards read "afgehandeld"', () => {
  it('an overview card is drawn again: the met case afgehandeld, the other case as it stands; a second delivery changes nothing', async () => {
    const o = opstelling();
    const kanaal = { soort: 'kanaal' as const, teamId: 'team-noord', kanaalId: 'noord' };
    const zet = async (id: string, referentie: string) => {
      const d = { ...aangeboden('2026-03-02 10:00'), id, referentie, regioId: 'vt-regio-demo', herinneringen: [`${id}:overdracht-bevestigen:herinnering`] };
      await o.stores.dossiers.create(d, auditVan(id));
      return d;
    };
    const a = await zet('dossier-a', 'Gezin A.');
    await zet('dossier-b', 'Gezin B.');
    const items = ['dossier-a', 'dossier-b'].map((id) => `${id}:overdracht-bevestigen:herinnering@kanaal:team-noord:noord`);
    for (const [i, sleutel] of items.entries()) {
      await o.stores.herinneringen.claim(sleutel, { dossierId: i === 0 ? 'dossier-a' : 'dossier-b', publiek: 'lokaal-team-kanaal', op: '2026-03-03T08:00:00.000Z', mijlpaal: 'overdracht-bevestigen', niveau: 'herinnering', naar: kanaal });
      await o.stores.herinneringen.markeerVerzonden(sleutel, 'act-overzicht', '2026-03-03T08:00:01.000Z', items);
    }
    // What the guarded write saves when the team confirms case A (see metAfgehandeldeTermijnen).
    const effect = { soort: 'termijn-afgehandeld' as const, mijlpalen: [{ id: 'overdracht-bevestigen', omschrijving: 'Overdracht bevestigen en regisseur benoemen' }], door: { id: 'aad-wijk-1', naam: 'Jeroen de Vries', rol: 'lokaal-team' as const }, op: '2026-03-04T09:15:00.000Z' };
    const v = await o.stores.dossiers.get(a.id);
    await o.stores.dossiers.update({ ...a, uitgaand: [{ id: '9-1', effect, aangemaaktOp: effect.op }] }, v!.etag, auditVan(a.id, 'update'));

    await o.bezorging.bezorg(a.id);
    expect(o.bezorger.bijgewerkt.map((b) => [b.naar, b.activityId])).toEqual([[{ conversation: { id: 'team-noord/noord' } }, 'act-overzicht']]);
    const w = o.bezorger.bijgewerkt[0]?.bericht.weergave;
    if (w?.soort !== 'termijn-overzicht') throw new Error(`verwacht een overzicht, kreeg ${w?.soort}`);
    expect(w.items.map((i) => [i.dossier.referentie, 'afgehandeld' in i ? i.afgehandeld?.door : i.mijlpaal.id])).toEqual([
      ['Gezin A.', 'Jeroen de Vries'],
      ['Gezin B.', 'overdracht-bevestigen'],
    ]);
    expect((await dossier(o.stores, a.id)).uitgaand?.[0]?.bezorgdOp).toBeDefined();
    expect((await o.stores.herinneringen.get(items[0]!))?.waarde.afgehandeld).toEqual({ door: 'Jeroen de Vries', op: effect.op });

    // The outbox entry delivered again (a crash before it was marked): nothing more is updated.
    const na = await o.stores.dossiers.get(a.id);
    await o.stores.dossiers.update({ ...na!.waarde, uitgaand: [{ id: '9-1', effect, aangemaaktOp: effect.op }] }, na!.etag, auditVan(a.id, 'update'));
    await o.bezorging.bezorg(a.id);
    expect(o.bezorger.bijgewerkt).toHaveLength(1);
  });
});
