import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { Verb, type MeldcodeFlow } from '../app/meldcodeFlow.js';
import type { Aanvraag } from '../app/meldcodeService.js';
import { HOOFD_DIALOG, ROUTER_STAPPEN, START_DIALOG } from './ids.js';
import { StartDialog } from './startDialog.js';
import { stuurWeergave } from './verzenden.js';

/** Typed commands, in the words people use. */
const OPDRACHTEN: Readonly<Record<string, Verb | 'start-dialoog'>> = {
  start: 'start-dialoog',
  nieuw: 'start-dialoog',
  'nieuwe meldcode': 'start-dialoog',
  casussen: 'casussen',
  'mijn casussen': 'casussen',
  help: 'hulp',
  hulp: 'hulp',
  '?': 'hulp',
  menu: 'menu',
};

const ANNULEREN = new Set(['stop', 'annuleer', 'annuleren', 'menu']);

/**
 * Routes every message: a card submit (Action.Submit fallback) goes to the flow with its verb;
 * typed text is a command; anything else gets the welcome card again, so there is no dead end.
 * The steps of a meldcode live in the dossier, not in dialog state, so a card can be picked
 * up again at any time, also after a restart.
 */
export class HoofdDialog extends ComponentDialog {
  constructor(private readonly flow: MeldcodeFlow, private readonly wie: (context: TurnContext) => Aanvraag) {
    super(HOOFD_DIALOG);
    this.addDialog(new StartDialog(flow, wie));
    this.addDialog(new WaterfallDialog(ROUTER_STAPPEN, [(s) => this.route(s)]));
    this.initialDialogId = ROUTER_STAPPEN;
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const activity = inner.context.activity;
    const tekst = (activity.text ?? '').trim().toLowerCase();
    // A card action or "stop" interrupts the typed start dialog: nothing was stored yet.
    if (ANNULEREN.has(tekst) || isKaartActie(activity.value)) {
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
      const weergave = verb.success ? await this.flow.verwerk(aanvraag, verb.data, activity.value) : { soort: 'welkom' as const, melding: 'Deze knop ken ik niet (meer). Kies hieronder wat u wilt doen.' };
      await stuurWeergave(stap.context, weergave);
      return stap.endDialog();
    }
    const tekst = (activity.text ?? '').trim().toLowerCase().replace(/[.!]+$/, '');
    if (ANNULEREN.has(tekst) && tekst !== 'menu') {
      await stuurWeergave(stap.context, { soort: 'welkom', melding: 'Gestopt. Er is niets vastgelegd van wat u net typte.' });
      return stap.endDialog();
    }
    const opdracht = OPDRACHTEN[tekst];
    if (opdracht === 'start-dialoog') return stap.beginDialog(START_DIALOG);
    if (opdracht !== undefined) {
      await stuurWeergave(stap.context, await this.flow.verwerk(aanvraag, opdracht));
    } else {
      await stuurWeergave(stap.context, { soort: 'welkom', ...(tekst ? { melding: 'Dat begreep ik niet. Typ "start", "casussen" of "help", of kies hieronder.' } : {}) });
    }
    return stap.endDialog();
  }
}

function isKaartActie(value: unknown): value is Record<string, unknown> & { verb: unknown } {
  return typeof value === 'object' && value !== null && 'verb' in value;
}
