import { z } from 'zod';
import {
  CONTACT_WIJZEN,
  MONITORING_PARTIJEN,
  MONITORING_VERVOLGSTAPPEN,
  PLAN_MAKERS,
  VT_BRONNEN,
  ONVEILIGHEDEN,
  OVERLEG_ROLLEN,
  PARTIJ_SOORTEN,
  REGIE_PARTIJ_SOORTEN,
  VERZENDWIJZEN,
  VB_BESLUITEN,
  REDENEN_GEEN_GESPREK,
  SIGNAAL_CATEGORIEEN,
  bevatBsn,
  BSN_MELDING,
  type Advies,
  type Gesprek,
  type Kindcheck,
  type Melding,
  type MonitoringPlanKeuze,
  type OverdrachtAfspraken,
  type Overleg,
  type Signalen,
} from '../domain/index.js';

/**
 * What the cards send, validated with Dutch messages per field. Adaptive Card inputs arrive as
 * strings: a multi-select as "a,b", a toggle as "true"/"false", a date as yyyy-MM-dd.
 */

export type Waarden = Record<string, string>;
export type Fouten = Record<string, string>;

const tekst = (veld: string, max: number, min = 1) =>
  z
    .string({ error: `Vul ${veld} in.` })
    .trim()
    .min(min, { error: min > 1 ? `Beschrijf ${veld} in minstens ${min} tekens.` : `Vul ${veld} in.` })
    .max(max, { error: `Gebruik voor ${veld} hoogstens ${max} tekens.` });
const optioneel = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Gebruik hoogstens ${max} tekens.` })
    .optional()
    .transform((s) => (s ? s : undefined));
const jaNee = (vraag: string) => z.enum(['ja', 'nee'], { error: `Kies ja of nee bij ${vraag}.` }).transform((s) => s === 'ja');
const schakelaar = z
  .union([z.literal('true'), z.literal('false'), z.boolean()])
  .optional()
  .transform((s) => s === true || s === 'true');
const datum = (veld: string) => z.iso.date({ error: `Kies een geldige datum bij ${veld}.` });
/** An empty date field means "not given"; anything else must be a real date. */
const optioneleDatum = (veld: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s : undefined))
    .pipe(datum(veld).optional());
const keuzes = <T extends string>(opties: readonly T[], min: number, fout: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').split(',').map((x) => x.trim()).filter((x) => x.length > 0))
    .pipe(z.array(z.enum(opties as [T, ...T[]], { error: 'Kies uit de lijst.' })).min(min, { error: fout }));

const telefoon = (veld: string) =>
  z
    .string({ error: `Vul ${veld} in.` })
    .trim()
    .regex(/^\+?[0-9 ()-]{8,20}$/, { error: 'Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.' });
const email = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined))
  .pipe(z.email({ error: 'Vul een geldig e-mailadres in.' }).optional());

/** A kenmerk that looks like a name with a birth date or address may be kept after an explicit yes. */
export const KenmerkInvoer = z.object({
  referentie: tekst('een kenmerk voor de casus', 80),
  kenmerkBevestigd: schakelaar,
});

/**
 * zod skips an object's refinements once any field fails. A refinement that reads only `velden`
 * can run as long as those are valid, so a form shows all its errors at once.
 */
const zodraGeldig =
  (...velden: string[]) =>
  (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }): boolean =>
    !payload.issues.some((i) => velden.includes(String(i.path?.[0])));

export const StartInvoer = KenmerkInvoer.extend({
  werktMetVolwassenen: schakelaar,
  /** The start card's own key (technical, not typed): a double click starts one dossier. */
  startSleutel: z.uuid().optional().catch(undefined),
});

export const SignalenInvoer = z.object({
  categorieen: keuzes(SIGNAAL_CATEGORIEEN, 1, 'Kies minstens één soort signaal.'),
  beschrijving: tekst('wat u zag of hoorde', 4000, 10),
  waargenomenOp: optioneleDatum('de datum'),
  waargenomenDoor: tekst('wie het waarnam', 200),
});

export const KindcheckInvoer = z
  .object({
    zorgtVoorMinderjarigen: jaNee('"zorgt de cliënt voor minderjarige kinderen?"'),
    gevolgenVoorKinderen: z
      .enum(['ja', 'nee'])
      .optional()
      .transform((s) => (s === undefined ? undefined : s === 'ja')),
    toelichting: optioneel(2000),
  })
  .refine((k) => !k.zorgtVoorMinderjarigen || k.gevolgenVoorKinderen !== undefined, {
    path: ['gevolgenVoorKinderen'],
    error: 'Geef aan of de problemen van de cliënt gevolgen hebben voor de kinderen.',
    when: zodraGeldig('zorgtVoorMinderjarigen', 'gevolgenVoorKinderen'),
  });

export const OverlegInvoer = z
  .object({
    met: keuzes(OVERLEG_ROLLEN, 0, ''),
    adviesVeiligThuis: schakelaar,
    uitkomst: tekst('de uitkomst van het overleg', 4000),
    voldoendeSignalen: jaNee('"zijn er voldoende signalen?"'),
    afsluitToelichting: optioneel(2000),
  })
  .refine((o) => o.met.length > 0 || o.adviesVeiligThuis, { path: ['met'], error: 'Overleg met minstens één collega, of met Veilig Thuis.', when: zodraGeldig('met', 'adviesVeiligThuis') });

export const GesprekInvoer = z
  .object({
    uitkomst: z.enum(['gevoerd', 'niet-gevoerd', 'zorgen-weggenomen'], { error: 'Kies wat er met het gesprek is gebeurd.' }),
    samenvatting: optioneel(4000),
    reden: z.enum(REDENEN_GEEN_GESPREK).optional(),
    toelichting: optioneel(2000),
    afsluitToelichting: optioneel(2000),
  })
  .refine((g) => g.uitkomst === 'niet-gevoerd' || g.samenvatting !== undefined, { path: ['samenvatting'], error: 'Vat het gesprek kort samen.', when: zodraGeldig('uitkomst', 'samenvatting') })
  .refine((g) => g.uitkomst !== 'niet-gevoerd' || g.reden !== undefined, { path: ['reden'], error: 'Geef aan waarom het gesprek niet is gevoerd.', when: zodraGeldig('uitkomst', 'reden') });

export const AfwegingInvoer = z.object({
  vraag: z.coerce.number().int().min(1).max(5),
  antwoord: z.enum(['ja', 'nee']).transform((s) => s === 'ja'),
  // The card sends "" for the answers that carry no kind of unsafety.
  onveiligheid: z
    .string()
    .optional()
    .transform((s) => (s ? s : undefined))
    .pipe(z.enum(ONVEILIGHEDEN, { error: 'Kies acute of structurele onveiligheid (of beide).' }).optional()),
  samenMetNaam: optioneel(200),
  samenMetOp: optioneleDatum('de datum van het overleg met Veilig Thuis'),
  afsluitToelichting: optioneel(2000),
}).refine((a) => a.samenMetNaam === undefined || a.samenMetOp !== undefined, {
  path: ['samenMetOp'],
  error: 'Kies de datum van het overleg met Veilig Thuis.',
  when: zodraGeldig('samenMetNaam', 'samenMetOp'),
});

export const AdviesInvoer = z.object({
  datum: datum('de datum van het advies'),
  adviseurVeiligThuis: tekst('de naam van de adviseur van Veilig Thuis', 200),
  afspraken: tekst('de afspraken', 4000),
  vervolgadviesOp: optioneleDatum('de datum van het vervolgadvies'),
  opNaamAdviesvrager: schakelaar,
  overigeZorgmelding: schakelaar,
  adviesvragerNaam: tekst('uw naam', 200),
  adviesvragerTelefoon: telefoon('uw telefoonnummer'),
  adviesvragerEmail: email,
});

export const MeldingInvoer = z
  .object({
    soort: z.enum(['open', 'anoniem-tov-gezin'], { error: 'Kies een open melding of een melding anoniem ten opzichte van het gezin.' }),
    besprokenMetGezin: schakelaar,
    redenAnoniem: optioneel(2000),
    melderNaam: tekst('uw naam', 200),
    melderTelefoon: telefoon('uw telefoonnummer'),
    melderEmail: email,
    feiten: tekst('de feiten', 8000, 10),
    spoed: schakelaar,
    // Which gemeenten the region has is checked on the server against the dossier's region.
    gemeente: z.string({ error: 'Kies de gemeente waar het gezin woont.' }).trim().min(1, { error: 'Kies de gemeente waar het gezin woont.' }).max(200),
  })
  .refine((m) => m.soort !== 'open' || m.besprokenMetGezin, {
    path: ['besprokenMetGezin'],
    error: 'Een open melding bespreekt u eerst met het gezin. Kan dat niet, kies dan een melding anoniem ten opzichte van het gezin.',
    when: zodraGeldig('soort', 'besprokenMetGezin'),
  })
  .refine((m) => m.soort !== 'anoniem-tov-gezin' || m.redenAnoniem !== undefined, {
    path: ['redenAnoniem'],
    error: 'Geef aan waarom de melding anoniem ten opzichte van het gezin is.',
    when: zodraGeldig('soort', 'redenAnoniem'),
  });

export const AfsluitInvoer = z.object({ toelichting: tekst('de reden van afsluiten', 2000), ondanksMeldplicht: schakelaar });

export const HerweegInvoer = z.object({ antwoord: z.enum(['ja', 'nee'], { error: 'Kies ja of nee.' }).transform((s) => s === 'ja') });

export type Invoer<T> = { ok: true; waarde: T } | { ok: false; fouten: Fouten };

/**
 * Validates card input; free text that looks like a BSN is refused on its own field. Only the
 * form's own fields are checked: technical data such as a dossier id (a UUID can hold nine
 * digits in a row) is not something a person typed.
 */
export function leesInvoer<S extends z.ZodObject>(schema: S, data: Record<string, unknown>): Invoer<z.infer<S>> {
  const fouten: Fouten = {};
  for (const veld of Object.keys(schema.shape)) {
    const waarde = data[veld];
    if (typeof waarde === 'string' && bevatBsn(waarde)) fouten[veld] = BSN_MELDING;
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    for (const issue of r.error.issues) {
      const veld = String(issue.path[0] ?? 'algemeen');
      fouten[veld] ??= issue.message;
    }
  }
  if (Object.keys(fouten).length > 0 || !r.success) return { ok: false, fouten };
  return { ok: true, waarde: r.data };
}

/** The values a person entered, as strings, to put back on a card after an error. */
export function alsWaarden(data: Record<string, unknown>): Waarden {
  // Cards send numbers too (the question number of an afweging): a confirmation must carry them on.
  return Object.fromEntries(Object.entries(data).filter(([, w]) => typeof w === 'string' || typeof w === 'boolean' || typeof w === 'number').map(([k, w]) => [k, String(w)]));
}

export const naarSignalen = (i: z.infer<typeof SignalenInvoer>): Signalen => ({
  categorieen: i.categorieen,
  beschrijving: i.beschrijving,
  waargenomenDoor: i.waargenomenDoor,
  ...(i.waargenomenOp ? { waargenomenOp: i.waargenomenOp } : {}),
});

export const naarKindcheck = (i: z.infer<typeof KindcheckInvoer>): Kindcheck => ({
  zorgtVoorMinderjarigen: i.zorgtVoorMinderjarigen,
  ...(i.zorgtVoorMinderjarigen && i.gevolgenVoorKinderen !== undefined ? { gevolgenVoorKinderen: i.gevolgenVoorKinderen } : {}),
  ...(i.toelichting ? { toelichting: i.toelichting } : {}),
});

export const naarOverleg = (i: z.infer<typeof OverlegInvoer>): Overleg => i;

export const naarGesprek = (i: z.infer<typeof GesprekInvoer>): Gesprek =>
  i.uitkomst === 'niet-gevoerd'
    ? { uitkomst: 'niet-gevoerd', reden: i.reden ?? 'veiligheid-kind', ...(i.toelichting ? { toelichting: i.toelichting } : {}) }
    : { uitkomst: i.uitkomst, samenvatting: i.samenvatting ?? '' };

export const naarAdvies = (i: z.infer<typeof AdviesInvoer>): Advies => ({
  datum: i.datum,
  adviseurVeiligThuis: i.adviseurVeiligThuis,
  afspraken: i.afspraken,
  opNaamAdviesvrager: i.opNaamAdviesvrager,
  overigeZorgmelding: i.overigeZorgmelding,
  adviesvrager: { naam: i.adviesvragerNaam, telefoon: i.adviesvragerTelefoon, ...(i.adviesvragerEmail ? { email: i.adviesvragerEmail } : {}) },
  ...(i.vervolgadviesOp ? { vervolgadviesOp: i.vervolgadviesOp } : {}),
});

export const naarMelding = (i: z.infer<typeof MeldingInvoer>): Melding => {
  const melder = { naam: i.melderNaam, telefoon: i.melderTelefoon, ...(i.melderEmail ? { email: i.melderEmail } : {}) };
  return i.soort === 'open'
    ? { soort: 'open', besprokenMetGezin: true, melder, feiten: i.feiten, spoed: i.spoed, gemeente: i.gemeente }
    : { soort: 'anoniem-tov-gezin', redenAnoniem: i.redenAnoniem ?? '', melder, feiten: i.feiten, spoed: i.spoed, gemeente: i.gemeente };
};

/** One line per item, empty lines dropped: risicofactoren and veiligheidsvoorwaarden on a card. */
const regels = (max: number) =>
  z
    .string()
    .max(8000, { error: 'Gebruik hoogstens 8000 tekens.' })
    .optional()
    .transform((s) => (s ?? '').split('\n').map((r) => r.trim()).filter((r) => r.length > 0))
    .pipe(z.array(z.string().max(max, { error: `Houd elke regel korter dan ${max} tekens.` })));

/** A choice that may be left empty; which ones are required depends on the rest of the form. */
const optioneleKeuze = <T extends string>(opties: readonly T[], error: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s : undefined))
    .pipe(z.enum(opties as [T, ...T[]], { error }).optional());

/** The plans agreed at the overdracht (seed 004 §6), in the order the card asks them. */
export const PLANNEN = ['veiligheidsplan', 'hulpverleningsplan', 'herstelplan'] as const;
type Plan = (typeof PLANNEN)[number];

/**
 * The overdracht agreements, on both forms that hand a case over: who makes each plan (the
 * overdrachtspartij, Veilig Thuis or another party by name) and what happens when safety does not
 * recover. Required only where the form hands over (`eisAfspraken`).
 */
const AfsprakenVelden = z.object({
  veiligheidsplanDoor: optioneleKeuze(PLAN_MAKERS, 'Kies wie het plan maakt.'),
  veiligheidsplanAnders: optioneel(200),
  hulpverleningsplanDoor: optioneleKeuze(PLAN_MAKERS, 'Kies wie het plan maakt.'),
  hulpverleningsplanAnders: optioneel(200),
  herstelplanDoor: optioneleKeuze(PLAN_MAKERS, 'Kies wie het plan maakt.'),
  herstelplanAnders: optioneel(200),
  alsVeiligheidNietHerstelt: optioneel(4000),
});
type AfsprakenWaarden = z.infer<typeof AfsprakenVelden>;

/**
 * The monitoring plan (seed 004 §7.1): with whom, how often and how, extra moments on top of 3 and
 * 12 months ("6, 18"), and who monitors when VT deviates from the region's rule. Whole months
 * 1-36 and no duplicates are the domain's rule (`monitoringMaanden`); here only "is it a number".
 */
const PlanVelden = z.object({
  monitoringDoor: optioneleKeuze(['regioafspraak', ...MONITORING_PARTIJEN], 'Kies wie monitort.'),
  redenAfwijking: optioneel(2000),
  monitoringMetWie: optioneel(1000),
  monitoringHoe: optioneel(2000),
  extraMomenten: z
    .string()
    .max(200, { error: 'Gebruik hoogstens 200 tekens.' })
    .optional()
    .transform((s, ctx) => {
      const delen = (s ?? '').split(/[\s,;]+/).filter((d) => d.length > 0);
      if (delen.every((d) => /^\d{1,3}$/.test(d))) return delen.map(Number);
      ctx.addIssue({ code: 'custom', message: "Noem de extra momenten in hele maanden na de overdracht, gescheiden door komma's, bijvoorbeeld 6, 18." });
      return z.NEVER;
    }),
});
type PlanWaarden = z.infer<typeof PlanVelden>;

const PLAN_TEKST: Readonly<Record<Plan, string>> = { veiligheidsplan: 'het veiligheidsplan', hulpverleningsplan: 'het hulpverleningsplan', herstelplan: 'het herstelplan' };

function eisAfspraken(i: AfsprakenWaarden, ctx: z.RefinementCtx): void {
  for (const plan of PLANNEN) {
    const door = i[`${plan}Door`];
    if (door === undefined) ctx.addIssue({ code: 'custom', path: [`${plan}Door`], message: `Kies wie ${PLAN_TEKST[plan]} maakt.` });
    else if (door === 'anders' && i[`${plan}Anders`] === undefined) ctx.addIssue({ code: 'custom', path: [`${plan}Anders`], message: `Vul de naam in van de partij die ${PLAN_TEKST[plan]} maakt.` });
  }
  if (i.alsVeiligheidNietHerstelt === undefined) ctx.addIssue({ code: 'custom', path: ['alsVeiligheidNietHerstelt'], message: 'Leg vast wat er gebeurt als de veiligheid niet herstelt.' });
}

function eisPlan(i: PlanWaarden, ctx: z.RefinementCtx): void {
  if (i.monitoringMetWie === undefined) ctx.addIssue({ code: 'custom', path: ['monitoringMetWie'], message: 'Vul in met wie er bij de monitoring contact is.' });
  if (i.monitoringHoe === undefined) ctx.addIssue({ code: 'custom', path: ['monitoringHoe'], message: 'Beschrijf hoe vaak en hoe de contacten bij de monitoring gaan.' });
}

/** The agreements as the domain records them; undefined where the form did not hand over. */
export function naarAfspraken(i: AfsprakenWaarden): OverdrachtAfspraken | undefined {
  const maker = (plan: Plan) => {
    const door = i[`${plan}Door`];
    const naam = i[`${plan}Anders`];
    return door === 'anders' ? (naam ? { door, naam } : undefined) : door ? { door } : undefined;
  };
  const [veiligheidsplan, hulpverleningsplan, herstelplan] = PLANNEN.map(maker);
  if (!veiligheidsplan || !hulpverleningsplan || !herstelplan || !i.alsVeiligheidNietHerstelt) return undefined;
  return { veiligheidsplan, hulpverleningsplan, herstelplan, alsVeiligheidNietHerstelt: i.alsVeiligheidNietHerstelt };
}

/** The monitoring plan as a command carries it; "regioafspraak" leaves who monitors to the region's rule. */
export function naarMonitoringPlan(i: PlanWaarden): MonitoringPlanKeuze | undefined {
  if (i.monitoringMetWie === undefined || i.monitoringHoe === undefined) return undefined;
  return {
    metWie: i.monitoringMetWie,
    frequentieEnWijze: i.monitoringHoe,
    extraMaanden: i.extraMomenten,
    ...(i.monitoringDoor && i.monitoringDoor !== 'regioafspraak' ? { door: i.monitoringDoor } : {}),
    ...(i.redenAfwijking ? { redenAfwijking: i.redenAfwijking } : {}),
  };
}

/** The veiligheidsbeoordeling form of the Veilig Thuis card. */
export const VeiligheidsbeoordelingInvoer = z
  .object({
    acuutOnveilig: schakelaar,
    structureelOnveilig: schakelaar,
    multiproblematiek: schakelaar,
    risicofactoren: regels(500),
    veiligheidsvoorwaarden: regels(1000),
    besluit: z.enum(VB_BESLUITEN, { error: 'Kies een besluit.' }),
    partijSoort: z
      .string()
      .optional()
      .transform((s) => (s ? s : undefined))
      .pipe(z.enum(PARTIJ_SOORTEN, { error: 'Kies aan wie wordt overgedragen.' }).optional()),
    lokaalTeam: optioneel(200),
    partijNaam: optioneel(200),
    monitoring: schakelaar,
    adviesTermijnDagen: z
      .string()
      .optional()
      .transform((s) => (s ? s.trim() : undefined))
      .pipe(z.coerce.number<string | undefined>({ error: 'Vul een aantal dagen in.' }).int({ error: 'Vul hele dagen in.' }).min(1, { error: 'Minstens 1 dag.' }).max(90, { error: 'Hoogstens 90 dagen.' }).optional()),
    ...AfsprakenVelden.shape,
    ...PlanVelden.shape,
  })
  .superRefine((i, ctx) => {
    if (i.besluit !== 'overdracht') return;
    if (i.partijSoort === undefined) ctx.addIssue({ code: 'custom', path: ['partijSoort'], message: 'Kies aan wie wordt overgedragen.' });
    else if (i.partijSoort === 'lokaal-team' && i.lokaalTeam === undefined) ctx.addIssue({ code: 'custom', path: ['lokaalTeam'], message: 'Kies het lokale team.' });
    else if (i.partijSoort !== 'lokaal-team' && i.partijNaam === undefined) ctx.addIssue({ code: 'custom', path: ['partijNaam'], message: 'Vul de naam van de partij in.' });
    eisAfspraken(i, ctx);
    if (i.monitoring) eisPlan(i, ctx);
  });

/** The lokaal team's actions on the overdracht card. */
export const RegisseurInvoer = z.object({ regisseur: tekst('de naam van de regisseur', 200) });
/** Contact met het gezin: the day (today when left empty) and how. */
export const ContactInvoer = z.object({ contactOp: optioneleDatum('de dag van het contact'), contactWijze: z.enum(CONTACT_WIJZEN, { error: 'Kies hoe het contact met het gezin was.' }) });
/** Veilig Thuis's own judgement of urgency; the card says which way, the reason is typed. */
export const SpoedInvoer = z.object({ spoed: jaNee('spoed'), spoedReden: tekst('de reden van het besluit over spoed', 1000) });
export const TerugkoppelingInvoer = z.object({ samenvatting: tekst('de terugkoppeling', 4000) });
export const LaterOppakkenInvoer = z.object({ reden: tekst('de reden', 4000), oppakkenOp: datum('de datum van oppakken') });
export const TerugNaarVtInvoer = z.object({ redenTerug: tekst('waarom het niet lukt', 4000) });

/**
 * The lokaal team hands the regie to another party (seed 004 §8.5): who takes it over (the party
 * and its regisseur), why, and what moves with it: the veiligheidsvoorwaarden, one per line, and
 * the veiligheidsplan. Field ids are prefixed: they share one card with the team's other forms.
 */
export const RegieOverdragenInvoer = z.object({
  regieSoort: z.enum(REGIE_PARTIJ_SOORTEN, { error: 'Kies aan welke partij de regie overgaat.' }),
  regiePartij: tekst('de naam van de partij', 200),
  regieRegisseur: tekst('de naam van de nieuwe regisseur', 200),
  regieVoorwaarden: regels(1000).pipe(z.array(z.string()).min(1, { error: 'Geef de veiligheidsvoorwaarden mee, één per regel.' })),
  veiligheidsplan: tekst('het veiligheidsplan (wat erin staat of waar het is)', 4000),
  regieReden: tekst('de reden van de overdracht van de regie', 2000),
});

/** The party of an overdracht as a form gives it: a lokaal team from the list, or another party by name. */
const partijVelden = {
  partijSoort: z.enum(PARTIJ_SOORTEN, { error: 'Kies aan wie wordt overgedragen.' }),
  lokaalTeam: optioneel(200),
  partijNaam: optioneel(200),
};

/**
 * V&V or Onderzoek rounded off (seed 004 §6-7): the outcome of an Onderzoek, the conditions, the
 * overdracht and whether Veilig Thuis monitors; not monitoring is always recorded with a reason,
 * except when the Onderzoek refuted the suspicion.
 */
export const VervolgAfrondenInvoer = z
  .object({
    uitkomstOnderzoek: z
      .string()
      .optional()
      .transform((s) => (s ? s : undefined))
      .pipe(z.enum(['bevestigd', 'weerlegd'], { error: 'Kies bevestigd of weerlegd.' }).optional()),
    veiligheidsvoorwaarden: regels(1000),
    ...partijVelden,
    monitoring: z.enum(['ja', 'nee'], { error: 'Kies of er na de overdracht wordt gemonitord.' }),
    redenGeenMonitoring: optioneel(2000),
    ...AfsprakenVelden.shape,
    ...PlanVelden.shape,
  })
  .superRefine((i, ctx) => {
    if (i.partijSoort === 'lokaal-team' && i.lokaalTeam === undefined) ctx.addIssue({ code: 'custom', path: ['lokaalTeam'], message: 'Kies het lokale team.' });
    if (i.partijSoort !== 'lokaal-team' && i.partijNaam === undefined) ctx.addIssue({ code: 'custom', path: ['partijNaam'], message: 'Vul de naam van de partij in.' });
    const vrijgesteld = i.uitkomstOnderzoek === 'weerlegd' || i.partijSoort === 'gecertificeerde-instelling';
    if (i.monitoring === 'nee' && !vrijgesteld && i.redenGeenMonitoring === undefined) {
      ctx.addIssue({ code: 'custom', path: ['redenGeenMonitoring'], message: 'Leg vast waarom Veilig Thuis niet monitort.' });
    }
    eisAfspraken(i, ctx);
    if (i.monitoring === 'ja') eisPlan(i, ctx);
  });

/**
 * A monitoring moment's outcome (seed 004 §7.2): four questions and the next step. The moment is
 * one of those still open; which are open is checked by the domain.
 */
export const MonitoringInvoer = z
  .object({
    maandenNaOverdracht: z.coerce.number<unknown>({ error: 'Kies het monitoringmoment.' }).int({ error: 'Kies het monitoringmoment.' }).positive({ error: 'Kies het monitoringmoment.' }),
    voorwaardenNagekomen: jaNee('"worden de veiligheidsvoorwaarden nageleefd?"'),
    directeVeiligheid: jaNee('"is er directe veiligheid?"'),
    stabieleVeiligheid: jaNee('"is er stabiele veiligheid?"'),
    aandachtVoorHerstel: jaNee('"is er aandacht voor herstel?"'),
    alleDirectbetrokkenenGesproken: jaNee('"alle directbetrokkenen gesproken (kinderen vanaf 4 jaar)?"'),
    toelichtingGesproken: optioneel(2000),
    vervolgstap: z.enum(MONITORING_VERVOLGSTAPPEN, { error: 'Kies de vervolgstap.' }),
  })
  .refine((m) => m.alleDirectbetrokkenenGesproken || m.toelichtingGesproken !== undefined, {
    path: ['toelichtingGesproken'],
    error: 'Leg kort uit wie niet is gesproken en waarom.',
    when: zodraGeldig('alleDirectbetrokkenenGesproken', 'toelichtingGesproken'),
  });

/** A monitoring outcome as the command carries it, whichever party monitors. */
export const naarMonitoring = (i: z.infer<typeof MonitoringInvoer>) => ({ soort: 'monitoring' as const, ...i });

const verzendwijze = (wat: string) => z.enum(VERZENDWIJZEN, { error: `Kies hoe ${wat} is verstuurd.` });

/**
 * Veilig Thuis closes the dossier: the reason, the written confirmation to the directbetrokkenen
 * (when and how), and, when an overdrachtspartij is not reachable in meldroute, when and how
 * Veilig Thuis sent it the afsluitbericht itself (whether that is needed, the domain decides).
 */
export const VtAfsluitenInvoer = z
  .object({
    afsluitreden: tekst('de reden van afsluiten', 2000),
    bevestigdOp: datum('de bevestiging aan de directbetrokkenen'),
    bevestigingWijze: verzendwijze('de bevestiging aan de directbetrokkenen'),
    afsluitberichtOp: optioneleDatum('het afsluitbericht'),
    afsluitberichtWijze: z
      .string()
      .optional()
      .transform((s) => (s ? s : undefined))
      .pipe(verzendwijze('het afsluitbericht').optional()),
  })
  .superRefine((i, ctx) => {
    if (i.afsluitberichtOp !== undefined && i.afsluitberichtWijze === undefined) ctx.addIssue({ code: 'custom', path: ['afsluitberichtWijze'], message: 'Kies hoe het afsluitbericht is verstuurd.' });
    if (i.afsluitberichtOp === undefined && i.afsluitberichtWijze !== undefined) ctx.addIssue({ code: 'custom', path: ['afsluitberichtOp'], message: 'Kies de datum waarop het afsluitbericht is verstuurd.' });
  });

/** A melding Veilig Thuis registers itself; the gemeente is checked against the region on the server. */
export const VtRegistratieInvoer = z.object({
  referentie: tekst('een kenmerk voor de casus', 80),
  bron: z.enum(VT_BRONNEN, { error: 'Kies de bron van de melding.' }),
  spoed: jaNee('spoed'),
  melderNaam: tekst('de naam van de melder', 200),
  melderTelefoon: telefoon('het telefoonnummer van de melder'),
  feiten: tekst('de feiten', 8000, 10),
  gemeente: z.string({ error: 'Kies de gemeente waar het gezin woont.' }).trim().min(1, { error: 'Kies de gemeente waar het gezin woont.' }).max(200),
});
