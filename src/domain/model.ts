import { z } from 'zod';

/**
 * The dossier (case) model. Instants are ISO-8601 strings in UTC; they are shown in
 * Europe/Amsterdam. The dossier is known by a pseudonymous `referentie` chosen by the
 * professional ("Gezin K., groep 5"), never by a child's name.
 */

export const Tijdstip = z.iso.datetime({ offset: true });
export type Tijdstip = z.infer<typeof Tijdstip>;

const Tekst = (max: number) => z.string().trim().min(1).max(max);

/** Categories of the signalenkaart (step 1). */
export const SIGNAAL_CATEGORIEEN = [
  'lichamelijke-mishandeling',
  'psychische-emotionele-mishandeling',
  'seksueel-misbruik',
  'lichamelijke-emotionele-verwaarlozing',
  'getuige-huiselijk-geweld',
  'ouderenmishandeling',
  'eergerelateerd-geweld',
  'huwelijksdwang',
  'vrouwelijke-genitale-verminking',
  'financiele-uitbuiting',
  'anders',
] as const;
export const SignaalCategorie = z.enum(SIGNAAL_CATEGORIEEN);
export type SignaalCategorie = z.infer<typeof SignaalCategorie>;

export const SIGNAAL_CATEGORIE_LABELS: Readonly<Record<SignaalCategorie, string>> = {
  'lichamelijke-mishandeling': 'Lichamelijke mishandeling',
  'psychische-emotionele-mishandeling': 'Psychische of emotionele mishandeling',
  'seksueel-misbruik': 'Seksueel misbruik',
  'lichamelijke-emotionele-verwaarlozing': 'Lichamelijke of emotionele verwaarlozing',
  'getuige-huiselijk-geweld': 'Getuige van huiselijk geweld',
  ouderenmishandeling: 'Ouderenmishandeling',
  'eergerelateerd-geweld': 'Eergerelateerd geweld',
  huwelijksdwang: 'Huwelijksdwang',
  'vrouwelijke-genitale-verminking': 'Vrouwelijke genitale verminking',
  'financiele-uitbuiting': 'Financiële uitbuiting',
  anders: 'Anders',
};

export const ROLLEN = [
  'professional',
  'aandachtsfunctionaris',
  'vt-medewerker',
  'vt-teamleider',
  'lokaal-team',
  'coordinator',
  'beleidsmedewerker',
] as const;
export const Rol = z.enum(ROLLEN);
export type Rol = z.infer<typeof Rol>;

/** Who acted: Entra object id and display name, optionally on behalf of someone else. */
export const Actor = z.object({
  id: Tekst(200),
  naam: Tekst(200),
  rol: Rol,
  namens: Tekst(200).optional(),
});
export type Actor = z.infer<typeof Actor>;

// ---------------------------------------------------------------- meldcode (stap 1-5)

export const Signalen = z.object({
  categorieen: z.array(SignaalCategorie).min(1),
  /** Factual: what was seen or heard, when, by whom. Own observations only. */
  beschrijving: Tekst(4000),
  waargenomenOp: z.iso.date().optional(),
  waargenomenDoor: Tekst(200),
});
export type Signalen = z.infer<typeof Signalen>;

export const Kindcheck = z.object({
  zorgtVoorMinderjarigen: z.boolean(),
  /** Do the client's problems (violence, addiction, psychiatry, ...) affect those children? */
  gevolgenVoorKinderen: z.boolean().optional(),
  toelichting: Tekst(2000).optional(),
});
export type Kindcheck = z.infer<typeof Kindcheck>;

export const OVERLEG_ROLLEN = [
  'aandachtsfunctionaris',
  'collega',
  'gedragswetenschapper',
  'leidinggevende',
  'letselduider',
] as const;
export const OverlegRol = z.enum(OVERLEG_ROLLEN);
export type OverlegRol = z.infer<typeof OverlegRol>;

export const Overleg = z
  .object({
    met: z.array(OverlegRol),
    adviesVeiligThuis: z.boolean(),
    uitkomst: Tekst(4000),
    voldoendeSignalen: z.boolean(),
  })
  .refine((o) => o.met.length > 0 || o.adviesVeiligThuis, {
    message: 'Overleg met minstens één collega of met Veilig Thuis.',
    path: ['met'],
  });
export type Overleg = z.infer<typeof Overleg>;

export const REDENEN_GEEN_GESPREK = ['veiligheid-kind', 'veiligheid-professional', 'relatie'] as const;
export const Gesprek = z.discriminatedUnion('uitkomst', [
  z.object({ uitkomst: z.literal('gevoerd'), samenvatting: Tekst(4000) }),
  z.object({ uitkomst: z.literal('niet-gevoerd'), reden: z.enum(REDENEN_GEEN_GESPREK), toelichting: Tekst(2000).optional() }),
  z.object({ uitkomst: z.literal('zorgen-weggenomen'), samenvatting: Tekst(4000) }),
]);
export type Gesprek = z.infer<typeof Gesprek>;

/** Question 2 in detail: acute, structural or both (DOMAIN.md §2, definitions on the card). */
export const ONVEILIGHEDEN = ['acuut', 'structureel', 'beide'] as const;
export const Onveiligheid = z.enum(ONVEILIGHEDEN);
export type Onveiligheid = z.infer<typeof Onveiligheid>;

/**
 * After acute or structural unsafety questions 3-5 are answered together with Veilig Thuis: with
 * whom there (a name, or "telefonisch advies") and on which day.
 */
export const SamenMetVeiligThuis = z.object({
  vraag: z.union([z.literal(3), z.literal(4), z.literal(5)]),
  met: Tekst(200),
  op: z.iso.date(),
});
export type SamenMetVeiligThuis = z.infer<typeof SamenMetVeiligThuis>;

export const Antwoorden = z.object({
  vermoeden: z.boolean().optional(),
  acuutOfStructureelOnveilig: z.boolean().optional(),
  hulpMogelijk: z.boolean().optional(),
  betrokkenenWerkenMee: z.boolean().optional(),
  leidtTotDuurzameVeiligheid: z.boolean().optional(),
});
export type Antwoorden = z.infer<typeof Antwoorden>;

export const ROUTES = ['afsluiten', 'zelf-hulp', 'melden', 'melden-en-hulp'] as const;
export const Route = z.enum(ROUTES);
export type Route = z.infer<typeof Route>;

export const Beslissingen = z.object({
  meldenNoodzakelijk: z.boolean(),
  hulpMogelijk: z.boolean(),
  route: Route,
  reden: Tekst(1000),
});
export type Beslissingen = z.infer<typeof Beslissingen>;

export const Contactgegevens = z.object({
  naam: Tekst(200),
  telefoon: z.string().trim().regex(/^\+?[0-9 ()-]{8,20}$/, 'Vul een geldig telefoonnummer in.'),
  email: z.email().optional(),
});
export type Contactgegevens = z.infer<typeof Contactgegevens>;

/**
 * An advies from Veilig Thuis. Deliberately holds nothing that identifies the directbetrokkenen:
 * VT records no personal data of them for an advies (seed 001).
 */
export const Advies = z.object({
  datum: z.iso.date(),
  adviseurVeiligThuis: Tekst(200),
  afspraken: Tekst(4000),
  vervolgadviesOp: z.iso.date().optional(),
  opNaamAdviesvrager: z.boolean(),
  /** An advies about an 'overige zorgmelding' is kept 2 years (seed 004 §5.1). */
  overigeZorgmelding: z.boolean().default(false),
  /**
   * VT registers an advies on the name of the adviesvrager (seed 004 §4.1): their own contact
   * details, never those of the directbetrokkenen. Optional only for records made before it was asked.
   */
  adviesvrager: Contactgegevens.optional(),
});
export type Advies = z.infer<typeof Advies>;


/**
 * The gemeente where the family lives, chosen by the professional from the region's list: the
 * overdracht goes to its lokaal team and the quarterly figures count per gemeente (seed 004 §7.2).
 * Optional only for meldingen recorded before it was asked.
 */
const MeldingGemeente = Tekst(200).optional();

/** Where a melding Veilig Thuis registers itself came from (seed 004 §4). */
export const VT_BRONNEN = ['politie-zorgmelding', 'burger', 'professional-telefoon'] as const;

export const Melding = z.discriminatedUnion('soort', [
  z.object({
    soort: z.literal('open'),
    /** An open melding is discussed with the family first (seed 002). */
    besprokenMetGezin: z.literal(true),
    melder: Contactgegevens,
    feiten: Tekst(8000),
    spoed: z.boolean(),
    gemeente: MeldingGemeente,
  }),
  z.object({
    soort: z.literal('anoniem-tov-gezin'),
    redenAnoniem: Tekst(2000),
    melder: Contactgegevens,
    feiten: Tekst(8000),
    spoed: z.boolean(),
    gemeente: MeldingGemeente,
  }),
  /** Registered by Veilig Thuis itself: no professional in meldroute made it, so nobody there is told back. */
  z.object({
    soort: z.literal('bij-veilig-thuis'),
    bron: z.enum(VT_BRONNEN),
    /** Who Veilig Thuis can call back (the police officer, the citizen, the professional). */
    melder: Contactgegevens,
    feiten: Tekst(8000),
    spoed: z.boolean(),
    gemeente: MeldingGemeente,
  }),
]);
export type Melding = z.infer<typeof Melding>;

/**
 * A recorded step that was replaced after a correction. The earlier text stays in the dossier:
 * what a professional once recorded is never lost without a trace.
 */
export const EerdereVersie = z.discriminatedUnion('onderdeel', [
  z.object({ onderdeel: z.literal('signalen'), vervangenOp: Tijdstip, vorige: Signalen }),
  z.object({ onderdeel: z.literal('kindcheck'), vervangenOp: Tijdstip, vorige: Kindcheck }),
  z.object({ onderdeel: z.literal('overleg'), vervangenOp: Tijdstip, vorige: Overleg }),
  z.object({ onderdeel: z.literal('gesprek'), vervangenOp: Tijdstip, vorige: Gesprek }),
]);
export type EerdereVersie = z.infer<typeof EerdereVersie>;

export const MELDCODE_STATUSSEN = ['lopend', 'afgesloten', 'zelf-hulp', 'gemeld'] as const;
export const MeldcodeStatus = z.enum(MELDCODE_STATUSSEN);
export type MeldcodeStatus = z.infer<typeof MeldcodeStatus>;

/** Exits the protocol itself offers at step 2, 3 and afwegingsvraag 1; each is confirmed with a reason. */
export const VROEGE_AFSLUITREDENEN = ['onvoldoende-signalen', 'zorgen-weggenomen', 'geen-vermoeden'] as const;
export type VroegeAfsluitReden = (typeof VROEGE_AFSLUITREDENEN)[number];
export const AfsluitReden = z.enum([...VROEGE_AFSLUITREDENEN, 'handmatig', 'dossier-afgesloten']);
export type AfsluitReden = z.infer<typeof AfsluitReden>;

export const Stap = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export type Stap = z.infer<typeof Stap>;

export const Meldcode = z.object({
  stap: Stap,
  status: MeldcodeStatus,
  /** A professional who works with adult clients must do the kindcheck in step 1. */
  werktMetVolwassenen: z.boolean(),
  signalen: Signalen.optional(),
  kindcheck: Kindcheck.optional(),
  overleg: Overleg.optional(),
  gesprek: Gesprek.optional(),
  antwoorden: Antwoorden,
  onveiligheid: Onveiligheid.optional(),
  samenMetVeiligThuis: z.array(SamenMetVeiligThuis).optional(),
  beslissingen: Beslissingen.optional(),
  /** Zelf hulp: the day the professional weighs afweging 5 again (does the help lead to durable safety?). */
  vervolgAfweging5Op: z.iso.date().optional(),
  adviezen: z.array(Advies),
  melding: Melding.optional(),
  gemeldOp: Tijdstip.optional(),
  eerdereVersies: z.array(EerdereVersie).optional(),
  /** A professional may melden at any step; the steps after this one were not walked before it. */
  gemeldInStap: Stap.optional(),
  afsluiting: z.object({ reden: AfsluitReden, toelichting: Tekst(2000).optional(), op: Tijdstip }).optional(),
});
export type Meldcode = z.infer<typeof Meldcode>;

// ---------------------------------------------------------------- Veilig Thuis

export const VT_FASEN = [
  'melding-ontvangen',
  'vervolg',
  'overdracht-aangeboden',
  'overgedragen',
  'terug-bij-vt',
  'afgesloten',
] as const;
export const VtFase = z.enum(VT_FASEN);
export type VtFase = z.infer<typeof VtFase>;

export const VB_BESLUITEN = ['geen-vervolg', 'overdracht', 'voorwaarden-en-vervolg', 'onderzoek'] as const;
export const VbBesluit = z.enum(VB_BESLUITEN);
export type VbBesluit = z.infer<typeof VbBesluit>;

export const PARTIJ_SOORTEN = [
  'lokaal-team',
  'lopende-hulpverlening',
  'multidisciplinair-team',
  'directbetrokkenen',
  'gecertificeerde-instelling',
] as const;
export const Overdrachtspartij = z.object({
  soort: z.enum(PARTIJ_SOORTEN),
  naam: Tekst(200),
  /** The lokaal team's id in meldroute, so its channel receives the overdracht card. */
  teamId: Tekst(200).optional(),
});
export type Overdrachtspartij = z.infer<typeof Overdrachtspartij>;

export const Veiligheidstaxatie = z.object({
  acuutOnveilig: z.boolean(),
  structureelOnveilig: z.boolean(),
  multiproblematiek: z.boolean(),
});
export type Veiligheidstaxatie = z.infer<typeof Veiligheidstaxatie>;

export const Veiligheidsbeoordeling = z.object({
  op: Tijdstip,
  taxatie: Veiligheidstaxatie,
  besluit: VbBesluit,
  /** Risk factors do not weigh in the taxatie but are recorded and handed over. */
  risicofactoren: z.array(Tekst(500)),
});
export type Veiligheidsbeoordeling = z.infer<typeof Veiligheidsbeoordeling>;

export const OVERDRACHT_MOMENTEN = ['na-veiligheidsbeoordeling', 'na-onderzoek', 'na-voorwaarden-en-vervolg'] as const;
export const OverdrachtMoment = z.enum(OVERDRACHT_MOMENTEN);
export type OverdrachtMoment = z.infer<typeof OverdrachtMoment>;

export const Vervolg = z.object({
  soort: z.enum(['voorwaarden-en-vervolg', 'onderzoek']),
  gestartOp: Tijdstip,
  /** Set when V&V turned out insufficient and VT switched to Onderzoek. */
  gewisseldVanVvOp: Tijdstip.optional(),
  uitkomstOnderzoek: z.enum(['bevestigd', 'weerlegd']).optional(),
  afgerondOp: Tijdstip.optional(),
});
export type Vervolg = z.infer<typeof Vervolg>;

/** Who may take over the regie from a lokaal team (DOMAIN.md §4): named, outside meldroute. */
export const REGIE_PARTIJ_SOORTEN = ['lopende-hulpverlening', 'multidisciplinair-team', 'gecertificeerde-instelling', 'lokaal-team'] as const;

/**
 * The lokaal team hands the regie to another party (seed 004 §8.5): the veiligheidsvoorwaarden and
 * the veiligheidsplan move explicitly with it, and Veilig Thuis is told. Kept as it was handed
 * over: from whom, to whom, when, why, and what went with it.
 */
export const RegieOverdracht = z.object({
  op: Tijdstip,
  /** The party that held the regie and its regisseur, as they were at the moment of handing over. */
  van: z.object({ naam: Tekst(200), regisseur: Tekst(200).optional() }),
  naar: z.object({ soort: z.enum(REGIE_PARTIJ_SOORTEN), naam: Tekst(200), regisseur: Tekst(200) }),
  reden: Tekst(2000),
  /** As they moved: Veilig Thuis's own list on the dossier stays as Veilig Thuis set it. */
  veiligheidsvoorwaarden: z.array(Tekst(1000)).min(1),
  /** What the veiligheidsplan says, or where it is. */
  veiligheidsplan: Tekst(4000),
  /** What the handing over meant for monitoring (monitoringNaRegie); absent in older records. */
  monitoring: z.enum(['geen', 'loopt-door', 'naar-veilig-thuis', 'vervalt']).optional(),
});
export type RegieOverdracht = z.infer<typeof RegieOverdracht>;

/**
 * Who makes one of the plans agreed at the overdracht (seed 004 §6): the party that takes the case
 * over, Veilig Thuis, or another party named in text.
 */
export const PLAN_MAKERS = ['overdrachtspartij', 'veilig-thuis', 'anders'] as const;
export const PlanMaker = z.discriminatedUnion('door', [
  z.object({ door: z.literal('overdrachtspartij') }),
  z.object({ door: z.literal('veilig-thuis') }),
  z.object({ door: z.literal('anders'), naam: Tekst(200) }),
]);
export type PlanMaker = z.infer<typeof PlanMaker>;

/**
 * What Veilig Thuis agrees with the overdrachtspartij (seed 004 §6, "Bij de overdracht"): who makes
 * the veiligheidsplan, hulpverleningsplan and herstelplan, and what happens when safety does not
 * recover. How monitoring works is the monitoring plan (`Monitoring`).
 */
export const OverdrachtAfspraken = z.object({
  veiligheidsplan: PlanMaker,
  hulpverleningsplan: PlanMaker,
  herstelplan: PlanMaker,
  alsVeiligheidNietHerstelt: Tekst(4000),
});
export type OverdrachtAfspraken = z.infer<typeof OverdrachtAfspraken>;

export const CONTACT_WIJZEN = ['huisbezoek', 'gesprek-op-locatie', 'telefonisch', 'beeldbellen'] as const;

export const Overdracht = z.object({
  partij: Overdrachtspartij,
  moment: OverdrachtMoment,
  ontvangenOp: Tijdstip,
  bevestigdOp: Tijdstip.optional(),
  regisseur: Tekst(200).optional(),
  contactGezinOp: Tijdstip.optional(),
  /** When and how the team reached the family, as it recorded it (absent in older records). */
  contactGezin: z.object({ datum: z.iso.date(), wijze: z.enum(CONTACT_WIJZEN) }).optional(),
  terugkoppeling: z.object({ op: Tijdstip, samenvatting: Tekst(4000) }).optional(),
  beargumenteerdBesluit: z
    .object({ reden: Tekst(4000), oppakkenOp: z.iso.date(), op: Tijdstip })
    .optional(),
  /** VT's advised pick-up term for the lokaal team in days; absent means the standard week. */
  adviesTermijnDagen: z.number().int().min(1).max(90).optional(),
  /** The receiving lokaal team handed the regie on; its own duties ended there. */
  regie: RegieOverdracht.optional(),
  /** Optional only for overdrachten recorded before the agreements were asked; the forms require them. */
  afspraken: OverdrachtAfspraken.optional(),
});
export type Overdracht = z.infer<typeof Overdracht>;

export const MONITORING_VERVOLGSTAPPEN = [
  'doorgaan',
  'dwangmaatregel-adviseren',
  'ambtshalve-melding',
  'afsluiten-geen-mogelijkheden',
] as const;
/**
 * What a lokaal team that monitors may decide itself: go on, or advise a dwangmaatregel. An
 * ambtshalve melding and closing the dossier are Veilig Thuis's (DOMAIN.md §2, §3), which hears
 * every outcome the team records.
 */
export const VERVOLGSTAPPEN_LOKAAL_TEAM = ['doorgaan', 'dwangmaatregel-adviseren'] as const satisfies readonly (typeof MONITORING_VERVOLGSTAPPEN)[number][];
export const MonitoringMoment = z.object({
  maandenNaOverdracht: z.number().int().positive(),
  uitgevoerdOp: Tijdstip.optional(),
  voorwaardenNagekomen: z.boolean().optional(),
  directeVeiligheid: z.boolean().optional(),
  stabieleVeiligheid: z.boolean().optional(),
  aandachtVoorHerstel: z.boolean().optional(),
  vervolgstap: z.enum(MONITORING_VERVOLGSTAPPEN).optional(),
  /** All directbetrokkenen spoken, children from 4 years (seed 004 §7.1); "nee" carries why. */
  alleDirectbetrokkenenGesproken: z.boolean().optional(),
  toelichtingGesproken: Tekst(2000).optional(),
});
export type MonitoringMoment = z.infer<typeof MonitoringMoment>;

/** Who monitors after an overdracht: a region may give it to the lokaal team (seed 002, Zuid-Holland Zuid). */
export const MONITORING_PARTIJEN = ['veilig-thuis', 'lokaal-team'] as const;
export const MonitoringDoor = z.enum(MONITORING_PARTIJEN);
export type MonitoringDoor = z.infer<typeof MonitoringDoor>;

export const Monitoring = z.object({
  gepland: z.boolean(),
  /** Why there is no monitoring where the protocol expects it (e.g. after V&V). */
  redenGeenMonitoring: Tekst(2000).optional(),
  momenten: z.array(MonitoringMoment),
  /** Who monitors; absent in records from before the region rule: Veilig Thuis. */
  door: MonitoringDoor.optional(),
  /** Veilig Thuis deviated from the region's rule, "door beide geaccepteerd" (seed 002), and why. */
  afwijking: z.object({ regioafspraak: MonitoringDoor, reden: Tekst(2000) }).optional(),
  /** With whom, and how often and how the contacts happen (seed 004 §7.1). */
  plan: z.object({ metWie: Tekst(1000), frequentieEnWijze: Tekst(2000) }).optional(),
});
export type Monitoring = z.infer<typeof Monitoring>;

export const ESCALATIE_ROUTES = ['a', 'b', 'c'] as const;
export const EscalatieRoute = z.enum(ESCALATIE_ROUTES);
export type EscalatieRoute = z.infer<typeof EscalatieRoute>;

export const Escalatie = z.object({
  route: EscalatieRoute,
  reden: Tekst(2000),
  gestartOp: Tijdstip,
  uitkomst: z.enum(['I', 'II']).optional(),
  afgerondOp: Tijdstip.optional(),
  /** By when the route's holders record its outcome, fixed when it started (the region's term). */
  uitkomstUiterlijk: Tijdstip.optional(),
  /** Set on route a when the gemeente had repeated escalations: a possible structural problem. */
  signalering: z.object({ gemeente: Tekst(200), aantal: z.number().int().positive(), sinds: Tijdstip }).optional(),
});
export type Escalatie = z.infer<typeof Escalatie>;

/** How a written message left: by letter, by e-mail, or handed over in a conversation. */
export const VERZENDWIJZEN = ['brief', 'e-mail', 'gesprek'] as const;
export const Verzending = z.object({ op: z.iso.date(), wijze: z.enum(VERZENDWIJZEN) });
export type Verzending = z.infer<typeof Verzending>;

/**
 * Closing the dossier (seed 004 §5-8, "afsluiten dossier"): the written confirmation to the
 * directbetrokkenen, and the afsluitbericht to the overdrachtspartijen: a card in the lokaal team's
 * channel where meldroute reached it, otherwise sent by Veilig Thuis itself and recorded here.
 */
export const Afsluiting = z.object({
  directbetrokkenen: Verzending,
  /** The lokaal team (its key) whose channel receives the afsluitbericht card. */
  afsluitberichtKanaal: Tekst(200).optional(),
  afsluitberichtDoorVt: Verzending.extend({ aan: z.array(Tekst(200)).min(1) }).optional(),
});
export type Afsluiting = z.infer<typeof Afsluiting>;

/**
 * What Veilig Thuis records in every phase. Data of an earlier phase stays (after terug-bij-vt a
 * new veiligheidsbeoordeling sits beside the old overdracht); what a phase cannot be without is
 * required in its own member of `VeiligThuis` below.
 */
const VtBasis = z.object({
  regioId: Tekst(100),
  ontvangenOp: Tijdstip,
  /**
   * Set when Veilig Thuis has actually received the melding (its channel got the card). Until
   * then the professional's card says "verstuurd", never "ontvangen".
   */
  ontvangstBevestigdOp: Tijdstip.optional(),
  spoed: z.boolean(),
  /**
   * A spoedmelding received outside office hours: the region's crisis service acts at once and
   * the veiligheidsbeoordeling follows on the next office day, not at midnight (seed 004 §4).
   */
  spoedBuitenKantoortijd: z.object({ crisisdienst: Tekst(200).optional() }).optional(),
  /**
   * Veilig Thuis's own judgement of urgency (issue 10: "VT decides spoed, not only the melder"):
   * when and why it changed what the melder chose. A spoed term counts from this moment.
   */
  spoedBesluit: z.object({ op: Tijdstip, spoed: z.boolean(), reden: Tekst(1000) }).optional(),
  veiligheidsbeoordeling: Veiligheidsbeoordeling.optional(),
  vervolg: Vervolg.optional(),
  veiligheidsvoorwaarden: z.array(Tekst(1000)),
  overdracht: Overdracht.optional(),
  monitoring: Monitoring.optional(),
  terugBijVt: z.object({ op: Tijdstip, reden: Tekst(4000) }).optional(),
  escalaties: z.array(Escalatie),
  afgeslotenOp: Tijdstip.optional(),
  /** Why Veilig Thuis closed the dossier, as it recorded it. */
  afsluitreden: Tekst(2000).optional(),
  afsluiting: Afsluiting.optional(),
});

/**
 * The Veilig Thuis process, one member per phase (seed 004): a phase carries exactly the data it
 * stands on, so an overdracht phase always has its overdracht. Field names are those of the
 * stored records, which parse unchanged.
 */
export const VeiligThuis = z.discriminatedUnion('fase', [
  VtBasis.extend({ fase: z.literal('melding-ontvangen') }),
  /** Voorwaarden & Vervolg or Onderzoek, started by the veiligheidsbeoordeling. */
  VtBasis.extend({ fase: z.literal('vervolg'), veiligheidsbeoordeling: Veiligheidsbeoordeling, vervolg: Vervolg }),
  VtBasis.extend({ fase: z.literal('overdracht-aangeboden'), veiligheidsbeoordeling: Veiligheidsbeoordeling, overdracht: Overdracht, monitoring: Monitoring }),
  VtBasis.extend({ fase: z.literal('overgedragen'), veiligheidsbeoordeling: Veiligheidsbeoordeling, overdracht: Overdracht, monitoring: Monitoring }),
  /** The receiving party handed the case back: the overdracht stays on record. */
  VtBasis.extend({ fase: z.literal('terug-bij-vt'), overdracht: Overdracht, terugBijVt: z.object({ op: Tijdstip, reden: Tekst(4000) }) }),
  VtBasis.extend({ fase: z.literal('afgesloten'), afgeslotenOp: Tijdstip }),
]);
export type VeiligThuis = z.infer<typeof VeiligThuis>;
/** The record of one phase, e.g. `VtInFase<'overgedragen'>`. */
export type VtInFase<F extends VtFase> = Extract<VeiligThuis, { fase: F }>;

// ---------------------------------------------------------------- effects and the outbox

/**
 * Side effects the domain asks for; the application performs them (post a card, notify a
 * channel). The domain only names them, so every rule stays testable without Teams.
 */
export const Effect = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('melding-naar-veilig-thuis'), regioId: Tekst(100), spoed: z.boolean() }),
  z.object({ soort: z.literal('overdracht-naar-lokaal-team'), teamId: Tekst(200) }),
  /** Repeated escalations in one gemeente: the region's beleid hears of a possible structural problem. */
  z.object({ soort: z.literal('structureel-signaal'), regioId: Tekst(100), gemeente: Tekst(200), aantal: z.number().int().positive(), sinds: Tijdstip }),
  /**
   * The lokaal team of the family's gemeente hears that VT started V&V or Onderzoek, or handed the
   * case to another party: it is told, it gets no duties (seed 004 §6, §8).
   */
  z.object({
    soort: z.literal('lokaal-team-geinformeerd'),
    regioId: Tekst(100),
    gemeente: Tekst(200).optional(),
    aanleiding: z.enum(['voorwaarden-en-vervolg', 'onderzoek', 'overdracht-andere-partij']),
  }),
  /** The melder hears what VT decided, also when the melding was anonymous towards the family. */
  z.object({ soort: z.literal('terugkoppeling-aan-melder'), moment: z.enum(['na-veiligheidsbeoordeling', 'afsluiting']) }),
  z.object({ soort: z.literal('overdracht-bevestigd'), regioId: Tekst(100) }),
  z.object({ soort: z.literal('terugkoppeling-naar-veilig-thuis'), regioId: Tekst(100) }),
  z.object({ soort: z.literal('terug-naar-veilig-thuis'), regioId: Tekst(100) }),
  z.object({ soort: z.literal('escalatie-gestart'), route: EscalatieRoute }),
  /** Veilig Thuis hears in its channel that the regie moved on (its melding card is updated as well). */
  z.object({ soort: z.literal('regie-overgedragen'), regioId: Tekst(100) }),
  /** Veilig Thuis hears what the lokaal team found at a monitoring moment it holds (seed 002). */
  z.object({ soort: z.literal('monitoring-naar-veilig-thuis'), regioId: Tekst(100) }),
  /** Veilig Thuis hears that the lokaal team will pick the case up later, and why (seed 004 §8.5). */
  z.object({ soort: z.literal('beargumenteerd-besluit-naar-veilig-thuis'), regioId: Tekst(100) }),
  /** The afsluitbericht card for the lokaal team whose channel received the overdracht card. */
  z.object({ soort: z.literal('afsluitbericht-naar-lokaal-team'), teamId: Tekst(200) }),
  z.object({ soort: z.literal('dossier-afgesloten') }),
  /**
   * The change met milestones for which nudge cards went out: those cards now say "afgehandeld
   * door … op …". Who and when are the change's own gebeurtenis, never a card's data.
   */
  z.object({
    soort: z.literal('termijn-afgehandeld'),
    mijlpalen: z.array(z.object({ id: Tekst(200), omschrijving: Tekst(500) })).min(1),
    door: Actor,
    op: Tijdstip,
    /** The kind of change (its gebeurtenis): a term met, or one that was moved or fell away. */
    waardoor: Tekst(100).optional(),
  }),
]);
export type Effect = z.infer<typeof Effect>;

/**
 * An effect saved with the change that caused it (the outbox), in the same ETag write, and
 * delivered afterwards: so a crash between saving and sending loses nothing.
 */
export const Uitgaand = z.object({
  /** Stable within the dossier: the revision that caused it and its position. */
  id: Tekst(100),
  effect: Effect,
  aangemaaktOp: Tijdstip,
  /** When the next delivery attempt is due (after a missing binding or a failure). */
  volgendePogingOp: Tijdstip.optional(),
  /** No bound channel yet: the effect waits, the region's beheerder was told. */
  wachtOpKoppelingSinds: Tijdstip.optional(),
  bezorgdOp: Tijdstip.optional(),
  /** The Teams activity id of the posted card, so later changes update it for everyone. */
  activityId: z.string().min(1).max(500).optional(),
});
export type Uitgaand = z.infer<typeof Uitgaand>;

/** A card posted into a channel for this dossier, kept current with updateActivity. */
export const KanaalKaart = z.object({
  /** Which channel and which message in it. */
  teamId: Tekst(500),
  kanaalId: Tekst(500),
  activityId: z.string().min(1).max(500),
  weergave: z.enum(['veilig-thuis', 'lokaal-team']),
  /** The dossier revision the card shows; a newer revision updates it (updateActivity). */
  revisie: z.number().int().nonnegative(),
});
export type KanaalKaart = z.infer<typeof KanaalKaart>;

// ---------------------------------------------------------------- the dossier

export const Gebeurtenis = z.object({
  soort: Tekst(100),
  op: Tijdstip,
  door: Actor,
  /** Short Dutch description for the dossierverslag; never a name of a directbetrokkene. */
  omschrijving: Tekst(500),
});
export type Gebeurtenis = z.infer<typeof Gebeurtenis>;

export const Dossier = z.object({
  id: Tekst(100),
  referentie: Tekst(80),
  organisatieId: Tekst(100),
  /** The Veilig Thuis region (and its gemeenten) this dossier belongs to. */
  regioId: Tekst(100),
  eigenaar: z.object({ id: Tekst(200), naam: Tekst(200) }),
  aangemaaktOp: Tijdstip,
  meldcode: Meldcode,
  veiligThuis: VeiligThuis.optional(),
  /** Idempotency keys of nudges already delivered or superseded (see herinneringen.ts). */
  herinneringen: z.array(Tekst(300)),
  /** Nudges someone asked to see again ("Herinner mij morgen"): each once, at `op` (see herinneringen.ts). */
  uitgesteld: z.array(z.object({ sleutel: Tekst(300), op: Tijdstip })).max(50).optional(),
  uitgaand: z.array(Uitgaand).optional(),
  kanaalKaarten: z.array(KanaalKaart).optional(),
  /** The message in the professional's personal chat that shows this dossier, to update it. */
  professionalKaart: z.object({ activityId: z.string().min(1).max(500) }).optional(),
  gebeurtenissen: z.array(Gebeurtenis),
});
export type Dossier = z.infer<typeof Dossier>;
