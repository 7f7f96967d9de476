import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../app/logger.js';
import type { KanaalSleutel } from '../store/ports.js';

/**
 * Whether the person of this turn belongs to the team a channel is bound to, according to
 * Teams itself (issue 9: membership is verified on the server, never taken from card data).
 * A port, so tests and the local host can answer without a Bot Connector.
 */
export interface TeamLeden {
  isLid(context: TurnContext, kanaal: KanaalSleutel): Promise<boolean>;
}

/** The part of the SDK's ConnectorClient this check uses; the client itself lives in turnState. */
interface LedenClient {
  conversations: { getConversationMember(conversationId: string, userId: string): Promise<unknown> };
}

const STANDAARD_GELDIG_MS = 2 * 60_000;

/**
 * The Teams roster through the SDK: first the team's members (`TeamsInfo.getTeamMember`), then,
 * for a shared channel whose people come from other teams or another tenant, the channel's own
 * members. Answers are cached briefly per team, channel and person, so a busy channel does not
 * ask Teams on every click, and a removed member loses access within minutes. Any failure
 * counts as "not a member": the channel then shows no case data.
 */
export class TeamsRooster implements TeamLeden {
  private readonly cache = new Map<string, { readonly lid: boolean; readonly tot: number }>();

  constructor(private readonly nuMs: () => number, private readonly log: Logger, private readonly geldigMs = STANDAARD_GELDIG_MS) {}

  async isLid(context: TurnContext, kanaal: KanaalSleutel): Promise<boolean> {
    const gebruiker = context.activity.from?.id;
    if (!gebruiker) return false;
    const sleutel = `${kanaal.teamId}\n${kanaal.kanaalId}\n${gebruiker}`;
    const bekend = this.cache.get(sleutel);
    if (bekend !== undefined && bekend.tot > this.nuMs()) return bekend.lid;
    const lid = (await this.lidVanTeam(context, kanaal, gebruiker)) || (await this.lidVanKanaal(context, kanaal, gebruiker));
    this.ruimOp();
    this.cache.set(sleutel, { lid, tot: this.nuMs() + this.geldigMs });
    return lid;
  }

  private async lidVanTeam(context: TurnContext, kanaal: KanaalSleutel, gebruiker: string): Promise<boolean> {
    try {
      await TeamsInfo.getTeamMember(context, kanaal.teamId, gebruiker);
      return true;
    } catch (e) {
      this.meld('team', e);
      return false;
    }
  }

  private async lidVanKanaal(context: TurnContext, kanaal: KanaalSleutel, gebruiker: string): Promise<boolean> {
    if (kanaal.kanaalId === kanaal.teamId) return false; // the General channel is the team
    const client = context.turnState.get<LedenClient | undefined>(context.adapter.ConnectorClientKey);
    if (client === undefined) return false;
    try {
      await client.conversations.getConversationMember(kanaal.kanaalId, gebruiker);
      return true;
    } catch (e) {
      this.meld('kanaal', e);
      return false;
    }
  }

  /** "Not a member" (404) is an answer; anything else is worth a line in the log. */
  private meld(waar: string, e: unknown): void {
    const status = typeof e === 'object' && e !== null && 'statusCode' in e ? (e as { statusCode?: unknown }).statusCode : undefined;
    if (status !== 404) this.log.warn('Lidmaatschap niet vast te stellen bij Teams', { waar, status: String(status ?? 'onbekend'), fout: e instanceof Error ? e.message : String(e) });
  }

  private ruimOp(): void {
    const nu = this.nuMs();
    for (const [k, v] of this.cache) if (v.tot <= nu) this.cache.delete(k);
  }
}
