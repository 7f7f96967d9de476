import { describe, expect, it } from 'vitest';
import type { Aanvraag } from '../../src/app/meldcodeService.js';
import type { Gesprek } from '../../src/app/toegang.js';
import { verwerkVerb, type Verb } from '../../src/app/verbs.js';
import { kaartVoor } from '../../src/cards/kaarten.js';
import type { Melding } from '../../src/domain/index.js';
import { demoRegios, demoRegister, testFlow, testStores } from '../support/app.js';

/**
 * Veilig Thuis registers a melding itself (issue 10): a police zorgmelding, a citizen, a
 * professional by phone. The dossier is Veilig Thuis's own; only its bound channel sees it.
 */

const als = (id: string, naam: string, gesprek: Gesprek): Aanvraag => ({ gebruiker: demoRegister.zoek(id, naam, 'tenant-1'), kanaal: 'msteams', gesprek });
const vtKanaal: Gesprek = { soort: 'kanaal', teamId: 'team-vt', kanaalId: 'intake', koppeling: { soort: 'veilig-thuis', regioId: 'vt-regio-demo' }, teamLid: true };
const teamKanaal: Gesprek = { soort: 'kanaal', teamId: 'team-wijk', kanaalId: 'noord', koppeling: { soort: 'lokaal-team', regioId: 'vt-regio-demo', teamKey: 'wijkteam-noord' }, teamLid: true };
const sanne = als('aad-vt', 'Sanne', vtKanaal);
const annelies = als('aad-prof-1', 'Annelies', { soort: 'persoonlijk' });

const ZORGMELDING: Extract<Melding, { soort: 'bij-veilig-thuis' }> = {
  soort: 'bij-veilig-thuis',
  bron: 'politie-zorgmelding',
  melder: { naam: 'Agent De Groot', telefoon: '0900-8844' },
  feiten: 'Huiselijk geweld gemeld door buren; twee kinderen in huis.',
  spoed: true,
  gemeente: 'Demostad',
};

function omgeving() {
  const stores = testStores();
  const { service, klok } = testFlow(stores);
  const stuur = (a: Aanvraag, verb: Verb, data: Record<string, unknown>) => verwerkVerb({ service, klok: klok.lees, regios: demoRegios }, a, verb, data);
  return { stores, service, stuur };
}

describe('a melding Veilig Thuis registers itself', () => {
  it('is a Veilig Thuis dossier, received at once, shown as the usual melding card with its source', async () => {
    const { service, stores, stuur } = omgeving();
    const r = await service.registreerVtMelding(sanne, { referentie: 'ZM-2026-031', melding: ZORGMELDING });
    if (!r.ok) throw new Error(r.fout.melding);
    const d = (await stores.dossiers.get(r.waarde.dossier.id))?.waarde;
    expect(d?.eigenaar.id).toBe('veilig-thuis:vt-regio-demo');
    expect(d?.veiligThuis).toMatchObject({ fase: 'melding-ontvangen', spoed: true, regioId: 'vt-regio-demo' });
    expect(d?.veiligThuis?.ontvangstBevestigdOp).toBeDefined();
    expect(d?.uitgaand?.map((u) => u.effect.soort)).toContain('melding-naar-veilig-thuis');
    const kaart = JSON.stringify(kaartVoor(await stuur(sanne, 'open', { dossierId: d?.id })).content);
    expect(kaart).toContain('"title":"Bron","value":"Zorgmelding van de politie"');
    expect(kaart).toContain('Geregistreerd door Veilig Thuis');
    expect(kaart).toContain('"verb":"vt-beoordeling-formulier"');
    expect(kaart).toContain('"title":"Zicht op veiligheid","value":"Veilig Thuis"');
  });

  it.each<[string, Aanvraag]>([
    ['a professional in a personal chat', annelies],
    ['a lokaal team member in its own channel', als('aad-lt', 'Lotte', teamKanaal)],
  ])('only the Veilig Thuis view sees it: not %s', async (_naam, wie) => {
    const { service, stuur } = omgeving();
    const r = await service.registreerVtMelding(sanne, { referentie: 'ZM-2026-032', melding: ZORGMELDING });
    if (!r.ok) throw new Error(r.fout.melding);
    const w = await stuur(wie, 'open', { dossierId: r.waarde.dossier.id });
    expect(JSON.stringify(w)).not.toContain('ZM-2026-032');
    expect(await service.casussen(wie)).toHaveLength(0);
  });

  it.each<[string, Aanvraag]>([
    ['from a personal chat', als('aad-vt', 'Sanne', { soort: 'persoonlijk' })],
    ['from a lokaal team channel', als('aad-lt', 'Lotte', teamKanaal)],
    ['by someone who is not a member of the bound team', als('aad-vt', 'Sanne', { ...vtKanaal, teamLid: false })],
  ])('is refused %s, and the refusal audited', async (_naam, wie) => {
    const { service, stores } = omgeving();
    const r = await service.registreerVtMelding(wie, { referentie: 'ZM-2026-033', melding: ZORGMELDING });
    expect(r.ok).toBe(false);
    expect((await stores.audit.lijst({})).at(-1)).toMatchObject({ actie: 'create', uitkomst: 'geweigerd' });
  });

  it('refuses a gemeente outside the region', async () => {
    const { service } = omgeving();
    const r = await service.registreerVtMelding(sanne, { referentie: 'ZM-2026-034', melding: { ...ZORGMELDING, gemeente: 'Elders' } });
    expect(r).toMatchObject({ ok: false, fout: { code: 'gemeente-onbekend' } });
  });

  it('has no melder in meldroute to tell: closing it (geen vervolg) sends no terugkoppeling', async () => {
    const { service, stores } = omgeving();
    const r = await service.registreerVtMelding(sanne, { referentie: 'ZM-2026-035', melding: { ...ZORGMELDING, spoed: false } });
    if (!r.ok) throw new Error(r.fout.melding);
    const id = r.waarde.dossier.id;
    const versie = (await stores.dossiers.get(id))?.waarde.gebeurtenissen.length ?? 0;
    const geenVervolg = { soort: 'veiligheidsbeoordeling', taxatie: { acuutOnveilig: false, structureelOnveilig: false, multiproblematiek: false }, besluit: 'geen-vervolg', risicofactoren: [] } as const;
    const dicht = await service.pasKetenstapToe(sanne, id, geenVervolg, versie);
    expect(dicht.ok && dicht.waarde.dossier.veiligThuis?.fase).toBe('afgesloten');
    expect((await stores.dossiers.get(id))?.waarde.uitgaand?.some((u) => u.effect.soort === 'terugkoppeling-aan-melder')).toBe(false);
  });
});

describe('the registration form in the Veilig Thuis channel', () => {
  const FORMULIER = { referentie: 'ZM-2026-040', bron: 'burger', spoed: 'nee', melderNaam: 'Buurman', melderTelefoon: '0612345678', feiten: 'Geschreeuw en gehuil, elke avond.', gemeente: 'Demostad' };

  it('shows the sources and the gemeenten of the region; elsewhere only the channel help', async () => {
    const { stuur } = omgeving();
    const kaart = JSON.stringify(kaartVoor(await stuur(sanne, 'vt-registreer-formulier', {})).content);
    expect(kaart).toContain('"title":"Zorgmelding van de politie","value":"politie-zorgmelding"');
    expect(kaart).toContain('"title":"Demostad","value":"Demostad"');
    expect(kaart).not.toContain('${');
    expect(await stuur(als('aad-lt', 'Lotte', teamKanaal), 'vt-registreer-formulier', {})).toEqual({ soort: 'kanaalhulp' });
  });

  it('registers the melding and offers the form again; the dossier is there for Veilig Thuis', async () => {
    const { stuur, stores } = omgeving();
    const w = await stuur(sanne, 'vt-registreer', FORMULIER);
    expect(w).toMatchObject({ soort: 'vt-registratie', melding: 'Melding ZM-2026-040 geregistreerd; de meldingkaart staat in dit kanaal.' });
    const audit = (await stores.audit.lijst({})).filter((r) => r.actie === 'create' && r.uitkomst === 'toegestaan');
    expect(audit).toHaveLength(1);
    const d = (await stores.dossiers.get(audit[0]?.dossierId ?? ''))?.waarde;
    expect(d?.meldcode.melding).toMatchObject({ soort: 'bij-veilig-thuis', bron: 'burger', spoed: false, gemeente: 'Demostad', melder: { naam: 'Buurman' } });
  });

  it.each([
    ['no source', { bron: '' }, 'bron', 'Kies de bron van de melding.'],
    ['no spoed answer', { spoed: '' }, 'spoed', 'Kies ja of nee bij spoed.'],
    ['a bad phone number', { melderTelefoon: 'bel me' }, 'melderTelefoon', 'Vul een geldig telefoonnummer in'],
    ['a gemeente outside the region', { gemeente: 'Elders' }, 'gemeente', 'Kies uit de lijst de gemeente'],
  ])('refuses %s and keeps what was typed', async (_naam, data, veld, melding) => {
    const { stuur, stores } = omgeving();
    const w = await stuur(sanne, 'vt-registreer', { ...FORMULIER, ...data });
    if (w.soort !== 'vt-registratie') throw new Error(w.soort);
    expect(w.fouten?.[veld]).toContain(melding);
    expect(JSON.stringify(kaartVoor(w).content)).toContain('Geschreeuw en gehuil, elke avond.');
    expect((await stores.audit.lijst({})).filter((r) => r.actie === 'create' && r.uitkomst === 'toegestaan')).toHaveLength(0);
  });
});

describe('the way in', () => {
  it('help in the Veilig Thuis channel offers "Melding registreren"; in a lokaal team channel it does not', async () => {
    const { stuur } = omgeving();
    expect(JSON.stringify(kaartVoor(await stuur(sanne, 'hulp', {})).content)).toContain('"verb":"vt-registreer-formulier"');
    expect(JSON.stringify(kaartVoor(await stuur(als('aad-lt', 'Lotte', teamKanaal), 'hulp', {})).content)).not.toContain('vt-registreer');
  });
});
