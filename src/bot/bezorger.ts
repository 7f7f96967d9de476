import { MessageFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Bericht, Bezorger } from '../app/bezorging.js';
import type { KaartBijlage } from '../cards/kaarten.js';
import {
  afsluitberichtKaart,
  koppelingOntbreektKaart,
  lokaalTeamBerichtKaart,
  melderTerugkoppelingKaart,
  overdrachtKaart,
  regieBerichtKaart,
  teamBerichtKaart,
  vtMeldingKaart,
} from '../cards/kanaalKaarten.js';
import type { RegioGids } from '../app/regio.js';
import type { Dossier } from '../domain/index.js';
import { termijnAfgehandeldKaart, termijnKaart, termijnOnbestelbaarKaart, termijnOverzichtKaart } from '../cards/termijnKaarten.js';
import { structureelSignaalKaart } from '../cards/escalatieKaarten.js';
import type { GesprekReferentie } from '../store/ports.js';
import { alsBezorgFout } from './teamsHttp.js';

/**
 * Proactive messages through the Bot Connector, with the conversation reference Teams gave on
 * install or on the last message. Posting to a channel's conversation id starts a new thread.
 * The preview text never names anyone: only that meldroute has something.
 */
export class TeamsBezorger implements Bezorger {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; empty only under npm start's local switch. */
    private readonly appId: string,
    private readonly render: (b: Bericht) => KaartBijlage,
  ) {}

  async plaats(naar: GesprekReferentie, bericht: Bericht): Promise<string> {
    let activityId = '';
    await this.inGesprek(naar, async (context) => {
      const antwoord = await context.sendActivity(MessageFactory.attachment(this.render(bericht), undefined, 'meldroute'));
      activityId = antwoord?.id ?? '';
    });
    if (activityId === '') throw new Error('Teams gaf geen activity id terug.');
    return activityId;
  }

  async werkBij(naar: GesprekReferentie, activityId: string, bericht: Bericht): Promise<void> {
    await this.inGesprek(naar, async (context) => {
      await context.updateActivity({ ...MessageFactory.attachment(this.render(bericht), undefined, 'meldroute'), id: activityId });
    });
  }

  /**
   * The adapter hands an error thrown in the callback to onTurnError, which logs it and returns:
   * the caller would never learn that Teams refused. It is caught here and thrown as a BezorgFout.
   */
  private async inGesprek(naar: GesprekReferentie, stap: (context: TurnContext) => Promise<void>): Promise<void> {
    let fout: unknown;
    await this.adapter.continueConversationAsync(this.appId, naar as Partial<ConversationReference>, async (context) => {
      try {
        await stap(context);
      } catch (e) {
        fout = e;
      }
    });
    if (fout !== undefined) throw alsBezorgFout(fout, Date.now());
  }
}

/**
 * How every proactive message looks: one renderer for the dispatcher and the queue sender. The
 * region gives each card its Veilig Thuis and calendar; the professional's card is the one their
 * flow shows.
 */
export function kaartRenderer(regios: RegioGids, professionalKaart: (d: Dossier) => KaartBijlage): (b: Bericht) => KaartBijlage {
  return (b) => {
    const w = b.weergave;
    switch (w.soort) {
      case 'vt-melding':
        return vtMeldingKaart(w.dossier, w.nu, w.veiligThuis, b.vermeldingen, regios.kalender(w.dossier.regioId));
      case 'overdracht':
        return overdrachtKaart(w.dossier, w.nu, w.veiligThuis, regios.kalender(w.dossier.regioId));
      case 'lokaal-team-bericht':
        return lokaalTeamBerichtKaart(w.dossier, w.aanleiding, w.veiligThuis);
      case 'melder-terugkoppeling':
        return melderTerugkoppelingKaart(w.dossier, w.moment, w.veiligThuis);
      case 'regie-bericht':
        return regieBerichtKaart(w.dossier, w.veiligThuis);
      case 'team-bericht':
        return teamBerichtKaart(w.dossier, w.aanleiding, w.nu, regios.kalender(w.dossier.regioId));
      case 'afsluitbericht':
        return afsluitberichtKaart(w.dossier, w.veiligThuis);
      case 'koppeling-ontbreekt':
        return koppelingOntbreektKaart(w.regioNaam, w.veiligThuis);
      case 'professional':
        return professionalKaart(w.dossier);
      case 'termijn':
        return termijnKaart(w, b.vermeldingen);
      case 'termijn-overzicht':
        return termijnOverzichtKaart(w);
      case 'termijn-onbestelbaar':
        return termijnOnbestelbaarKaart(w);
      case 'termijn-afgehandeld':
        return termijnAfgehandeldKaart(w);
      case 'structureel-signaal':
        return structureelSignaalKaart(w);
    }
  };
}
