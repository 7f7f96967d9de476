import type { TurnContext } from 'botbuilder';
import type { Weergave } from '../app/meldcodeFlow.js';

/**
 * How a dialog shows a view. The bot owns sending (src/bot/verzenden.ts) and hands it to the
 * dialogs through their constructors, so src/dialogs depends on no part of src/bot.
 */
export type Verzender = (context: TurnContext, weergave: Weergave) => Promise<void>;
