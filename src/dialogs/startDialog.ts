import {
  ChoiceFactory,
  ChoicePrompt,
  ComponentDialog,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { BSN_MELDING, bevatBsn } from '../domain/index.js';
import type { MeldcodeFlow } from '../app/meldcodeFlow.js';
import type { Aanvraag } from '../app/meldcodeService.js';
import { KENMERK_PROMPT, START_DIALOG, START_STAPPEN, VOLWASSENEN_PROMPT } from './ids.js';
import type { Verzender } from './verzender.js';

/**
 * Starting a meldcode by typing: asks for a pseudonymous reference and whether the kindcheck
 * applies, then shows the card for stap 1. The card route ("Nieuwe meldcode starten") asks the
 * same two things on one card; both end in the same use case.
 */
export class StartDialog extends ComponentDialog {
  constructor(
    private readonly flow: MeldcodeFlow,
    private readonly wie: (context: TurnContext) => Aanvraag,
    private readonly stuurWeergave: Verzender,
  ) {
    super(START_DIALOG);
    this.addDialog(new TextPrompt(KENMERK_PROMPT, async (p) => this.kenmerkGeldig(p)));
    const keuze = new ChoicePrompt(VOLWASSENEN_PROMPT, undefined, 'nl-nl');
    keuze.style = ListStyle.suggestedAction;
    this.addDialog(keuze);
    this.addDialog(new WaterfallDialog(START_STAPPEN, [(s) => this.vraagKenmerk(s), (s) => this.vraagVolwassenen(s), (s) => this.start(s)]));
    this.initialDialogId = START_STAPPEN;
  }

  private async vraagKenmerk(stap: WaterfallStepContext): Promise<DialogTurnResult> {
    return stap.prompt(KENMERK_PROMPT, {
      prompt: 'Nieuwe meldcode. Welk kenmerk geeft u de casus? Bijvoorbeeld "Gezin K., groep 5". Vul nooit een BSN, volledige namen, een geboortedatum of een adres in.',
    });
  }

  private async kenmerkGeldig(p: PromptValidatorContext<string>): Promise<boolean> {
    const kenmerk = (p.recognized.value ?? '').trim();
    const melding = kenmerk.length === 0 ? 'Typ een kenmerk, bijvoorbeeld "Gezin K., groep 5".' : kenmerk.length > 80 ? 'Gebruik een kort kenmerk van hoogstens 80 tekens.' : bevatBsn(kenmerk) ? BSN_MELDING : undefined;
    if (melding !== undefined) await p.context.sendActivity(melding);
    return melding === undefined;
  }

  private async vraagVolwassenen(stap: WaterfallStepContext): Promise<DialogTurnResult> {
    (stap.values as Record<string, unknown>)['referentie'] = String(stap.result).trim();
    return stap.prompt(VOLWASSENEN_PROMPT, {
      prompt: 'Werkt u met volwassen cliënten? Dan doet u in stap 1 ook de kindcheck.',
      retryPrompt: 'Kies Ja of Nee.',
      choices: ChoiceFactory.toChoices(['Ja', 'Nee']),
    });
  }

  private async start(stap: WaterfallStepContext): Promise<DialogTurnResult> {
    const keuze = stap.result as FoundChoice;
    const weergave = await this.flow.verwerk(this.wie(stap.context), 'start', {
      referentie: (stap.values as Record<string, unknown>)['referentie'],
      werktMetVolwassenen: keuze.value === 'Ja' ? 'true' : 'false',
    });
    await this.stuurWeergave(stap.context, weergave);
    return stap.endDialog();
  }
}
