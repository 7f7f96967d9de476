import type { DateTime } from 'luxon';
import type { Aanvraag, MeldcodeService } from './meldcodeService.js';
import type { Dossier } from '../domain/index.js';
import { vasteRegioGids, type RegioGids } from './regio.js';
import { dossierScherm, verwerkVerb, type Verb, type VerbOmgeving } from './verbs.js';
import { welkomVoor, type Weergave } from './weergave.js';

export { Verb, VERBS } from './verbs.js';
export { openNaMelding, schermVoor, stapScherm, type RegioWeergave, type Scherm, type Weergave } from './weergave.js';

/** For a button whose verb this version no longer knows (an old card). */
export const ONBEKENDE_KNOP = 'Deze knop ken ik niet (meer). Kies hieronder wat u wilt doen.';

/**
 * The entry for the bot and the dialogs: one card action or typed command in, the view for the
 * person and conversation that asked out. The verbs and their handlers live per flow in
 * src/app/flows; src/app/verbs.ts dispatches.
 */
export class MeldcodeFlow {
  private readonly omgeving: VerbOmgeving;

  constructor(service: MeldcodeService, klok: () => DateTime, regios: RegioGids = vasteRegioGids({})) {
    this.omgeving = { service, klok, regios };
  }

  async verwerk(a: Aanvraag, verb: Verb, data: Record<string, unknown> = {}): Promise<Weergave> {
    return verwerkVerb(this.omgeving, a, verb, data);
  }

  /** The professional's card of a dossier as it stands, e.g. to update it after delivery. */
  huidigeKaart(dossier: Dossier): Weergave {
    return dossierScherm(this.omgeving, dossier);
  }

  /** The menu of this conversation: the welcome card in a personal chat, the channel help elsewhere. */
  welkom(a: Aanvraag, melding?: string): Weergave {
    return welkomVoor(a, melding);
  }

  /** Typed text that is no command. */
  nietBegrepen(a: Aanvraag): Weergave {
    return this.welkom(a, a.gesprek.soort === 'persoonlijk' ? 'Dat begreep ik niet. Typ "start", "casussen" of "help", of kies hieronder.' : 'Dat begreep ik niet. Typ "help" voor uitleg.');
  }
}
