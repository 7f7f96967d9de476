import { ComponentDialog, Dialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { KoppelDoel, Koppelingen, KoppelingWeergave } from '../app/koppelingen.js';
import { ONBEKENDE_KNOP, Verb, type MeldcodeFlow } from '../app/meldcodeFlow.js';
import type { Aanvraag } from '../app/meldcodeService.js';
import { koppelingKaart } from '../cards/kaarten.js';
import { BSN_MELDING, bevatBsn } from '../domain/index.js';
import { HOOFD_DIALOG, ROUTER_STAPPEN, START_DIALOG } from './ids.js';
import { StartDialog } from './startDialog.js';
import type { Verzender } from './verzender.js';

/**
 * Typed commands, in the words people use. A Map, so typed text such as "constructor" or
 * "__proto__" finds nothing on Object.prototype.
 */
const OPDRACHTEN: ReadonlyMap<string, Verb | 'start-dialoog'> = new Map([
  ['start', 'start-dialoog'],
  ['nieuw', 'start-dialoog'],
  ['nieuwe meldcode', 'start-dialoog'],
  ['casussen', 'casussen'],
  ['mijn casussen', 'casussen'],
  ['help', 'hulp'],
  ['hulp', 'hulp'],
  ['?', 'hulp'],
  ['menu', 'menu'],
  ['herinneringen', 'herinneringen'],
  // In a bound channel: its party's open cases (elsewhere the answer says where to look).
  ['openstaand', 'kanaal-casussen'],
  ['openstaande casussen', 'kanaal-casussen'],
  ['overzicht', 'kanaal-casussen'],
  ['openstaande herinneringen', 'herinneringen'],
]);

const ANNULEREN = new Set(['stop', 'annuleer', 'annuleren', 'menu']);

/** The channel binding commands (issue 9); the party's name follows the prefix. */
type KoppelOpdracht = { readonly soort: 'koppel'; readonly doel: KoppelDoel } | { readonly soort: 'overzicht' | 'ontkoppel' | 'uitleg' };

const KOPPEL_PREFIXEN: readonly [string, KoppelDoel['soort']][] = [
  ['koppel kanaal aan veilig thuis', 'veilig-thuis'],
  ['koppel kanaal aan lokaal team', 'lokaal-team'],
  ['koppel aan veilig thuis', 'veilig-thuis'],
  ['koppel aan lokaal team', 'lokaal-team'],
];

const KOPPEL_UITLEG = 'Typ "koppel kanaal aan Veilig Thuis" of "koppel kanaal aan lokaal team", gevolgd door de naam van de regio of het team. "koppelingen" toont de gekoppelde kanalen, "ontkoppel" heft de koppeling van dit kanaal op.';

/** A binding command in typed text, or undefined. The name keeps the case it was typed in. */
export function koppelOpdracht(tekst: string | undefined): KoppelOpdracht | undefined {
  const getypt = (tekst ?? '').trim().replace(/\s+/g, ' ').replace(/[.!]+$/, '');
  const klein = getypt.toLowerCase();
  if (klein === 'koppelingen') return { soort: 'overzicht' };
  if (klein === 'ontkoppel' || klein === 'ontkoppel kanaal') return { soort: 'ontkoppel' };
  for (const [prefix, soort] of KOPPEL_PREFIXEN) {
    if (klein === prefix || klein.startsWith(`${prefix} `)) return { soort: 'koppel', doel: { soort, naam: getypt.slice(prefix.length).trim() } };
  }
  if (klein === 'koppel' || klein.startsWith('koppel ')) return { soort: 'uitleg' };
  return undefined;
}

/** Typed text as a command is looked up: trimmed, lower case, without a closing full stop. */
function genormaliseerd(tekst: string | undefined): string {
  return (tekst ?? '').trim().toLowerCase().replace(/[.!]+$/, '');
}

/**
 * Routes every message: a card submit (Action.Submit fallback) goes to the flow with its verb;
 * typed text is a command; anything else gets the menu again, so there is no dead end.
 * The steps of a meldcode live in the dossier, not in dialog state, so a card can be picked
 * up again at any time, also after a restart.
 */
export class HoofdDialog extends ComponentDialog {
  constructor(
    private readonly flow: MeldcodeFlow,
    private readonly wie: (context: TurnContext) => Aanvraag,
    private readonly koppelingen: Koppelingen,
    private readonly stuurWeergave: Verzender,
  ) {
    super(HOOFD_DIALOG);
    this.addDialog(new StartDialog(flow, wie, stuurWeergave));
    this.addDialog(new WaterfallDialog(ROUTER_STAPPEN, [(s) => this.route(s)]));
    this.initialDialogId = ROUTER_STAPPEN;
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const activity = inner.context.activity;
    // A BSN is refused wherever it is typed; the question that was asked stays open.
    if (bevatBsn(activity.text ?? '')) {
      await inner.context.sendActivity(BSN_MELDING);
      return Dialog.EndOfTurn;
    }
    const tekst = genormaliseerd(activity.text);
    // A card action, a typed command or "stop" interrupts the typed start dialog: nothing was
    // stored yet, and a command is never taken as the kenmerk of a case. Outside a personal chat
    // the dialog is not continued at all: it belongs to the personal chat it began in.
    if (ANNULEREN.has(tekst) || OPDRACHTEN.has(tekst) || koppelOpdracht(activity.text) !== undefined || isKaartActie(activity.value) || this.wie(inner.context).gesprek.soort !== 'persoonlijk') {
      await inner.cancelAllDialogs();
      return inner.beginDialog(ROUTER_STAPPEN);
    }
    return super.onContinueDialog(inner);
  }

  private async route(stap: WaterfallStepContext): Promise<DialogTurnResult> {
    const activity = stap.context.activity;
    const aanvraag = this.wie(stap.context);
    if (isKaartActie(activity.value)) {
      const verb = Verb.safeParse(activity.value['verb']);
      await this.stuurWeergave(stap.context, verb.success ? await this.flow.verwerk(aanvraag, verb.data, activity.value) : this.flow.welkom(aanvraag, ONBEKENDE_KNOP));
      return stap.endDialog();
    }
    if (bevatBsn(activity.text ?? '')) {
      await stap.context.sendActivity(BSN_MELDING);
      return stap.endDialog();
    }
    const tekst = genormaliseerd(activity.text);
    const opdracht = OPDRACHTEN.get(tekst);
    const koppelen = opdracht === undefined ? koppelOpdracht(activity.text) : undefined;
    if (koppelen !== undefined) {
      await stuurKoppeling(stap.context, await this.koppel(aanvraag, koppelen));
    } else if (ANNULEREN.has(tekst) && opdracht === undefined) {
      await this.stuurWeergave(stap.context, this.flow.welkom(aanvraag, 'Gestopt. Er is niets vastgelegd van wat u net typte.'));
    } else if (opdracht === 'start-dialoog') {
      // The flow decides whether a meldcode may start here; only then ask its questions by chat.
      const weergave = await this.flow.verwerk(aanvraag, 'nieuw');
      if (weergave.soort === 'start') return stap.beginDialog(START_DIALOG);
      await this.stuurWeergave(stap.context, weergave);
    } else if (opdracht !== undefined) {
      await this.stuurWeergave(stap.context, await this.flow.verwerk(aanvraag, opdracht));
    } else {
      await this.stuurWeergave(stap.context, tekst ? this.flow.nietBegrepen(aanvraag) : this.flow.welkom(aanvraag));
    }
    return stap.endDialog();
  }

  /** A binding command goes to its use case; the dialog only parsed it. */
  private koppel(a: Aanvraag, opdracht: KoppelOpdracht): Promise<KoppelingWeergave> {
    switch (opdracht.soort) {
      case 'koppel':
        return this.koppelingen.koppel(a, opdracht.doel);
      case 'ontkoppel':
        return this.koppelingen.ontkoppel(a);
      case 'overzicht':
        return this.koppelingen.overzicht(a);
      case 'uitleg':
        return Promise.resolve({ soort: 'regel', tekst: KOPPEL_UITLEG });
    }
  }
}

async function stuurKoppeling(context: TurnContext, w: KoppelingWeergave): Promise<void> {
  await context.sendActivity(w.soort === 'regel' ? MessageFactory.text(w.tekst) : MessageFactory.attachment(koppelingKaart(w), undefined, 'meldroute: kanaalkoppeling'));
}

function isKaartActie(value: unknown): value is Record<string, unknown> & { verb: unknown } {
  return typeof value === 'object' && value !== null && 'verb' in value;
}
