import {
  ActivityTypes,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type StatePropertyAccessor,
} from 'botbuilder';
import { runDialog, type DialogState } from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { GebruikersRegister } from '../app/gebruikers.js';
import type { Koppelingen } from '../app/koppelingen.js';
import type { Logger } from '../app/logger.js';
import { ONBEKENDE_KNOP, Verb, type MeldcodeFlow, type Weergave } from '../app/meldcodeFlow.js';
import { ADAPTIVE_CARD } from '../cards/kaarten.js';
import type { HoofdDialog } from '../dialogs/hoofdDialog.js';
import { kaartIn, stuurWeergave } from './verzenden.js';
import type { AuditLog, GesprekReferentie, GesprekStore, KanaalSleutel, KoppelingStore } from '../store/ports.js';
import { aanvraagUit, kanaalVanBeurt, tenantVan, zonderBotVermelding } from './context.js';
import type { DialogToestand } from './dialogToestand.js';
import type { TeamLeden } from './teamLeden.js';

export interface BotAfhankelijkheden {
  readonly flow: MeldcodeFlow;
  readonly register: GebruikersRegister;
  readonly gesprekken: GesprekStore;
  readonly koppelingStore: KoppelingStore;
  /** A bound channel just became reachable: deliver what waited for it (the dispatcher). */
  readonly kanaalBereikbaar?: () => Promise<void>;
  readonly koppelingen: Koppelingen;
  readonly teamLeden: TeamLeden;
  readonly audit: AuditLog;
  /** Dialog state, per person per conversation. */
  readonly conversationState: DialogToestand;
  readonly dialog: HoofdDialog;
  /** Empty: every tenant (only for local use without an app id). */
  readonly toegestaneTenants: readonly string[];
  readonly klok: () => DateTime;
  readonly log: Logger;
}

/**
 * The Teams bot: personal chat for the professional, team channels for the lokale teams.
 * Messages go through the dialogs; Universal Actions (adaptiveCard/action invokes) go straight
 * to the flow and answer with the refreshed card. Every request carries its conversation, so
 * the use cases show case data only where it belongs (src/app/toegang.ts).
 */
export class MeldrouteBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly deps: BotAfhankelijkheden) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');

    this.onMessage(async (context, next) => {
      await this.bewaarReferentie(context);
      if (typeof context.activity.text === 'string') context.activity.text = zonderBotVermelding(context.activity);
      await runDialog(deps.dialog, context, this.dialogState);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.bewaarReferentie(context);
      await this.bewaarKanalen(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botToegevoegd = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botToegevoegd) {
        await this.bewaarReferentie(context);
        await this.bewaarKanalen(context);
        // In a team or group chat: what meldroute does there, without any case data.
        await stuurWeergave(context, deps.flow.welkom(aanvraagUit(context, deps.register)));
      }
      await next();
    });

    // Channels come and go in a team: keep each one's reference and name; a deleted channel
    // takes its binding with it.
    this.onTeamsChannelCreatedEvent(async (kanaal, team, context, next) => {
      await this.bewaarKanaal(context, team.id, kanaal.id, kanaal.name);
      await next();
    });
    this.onTeamsChannelRenamedEvent(async (kanaal, team, context, next) => {
      await this.bewaarKanaal(context, team.id, kanaal.id, kanaal.name);
      await next();
    });
    this.onTeamsChannelDeletedEvent(async (kanaal, team, context, next) => {
      if (team.id && kanaal.id) await deps.koppelingen.kanaalVerwijderd(aanvraagUit(context, deps.register), { soort: 'kanaal', teamId: team.id, kanaalId: kanaal.id });
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (!(await this.tenantToegestaan(context))) return;
    const type = context.activity.type;
    if (type === ActivityTypes.Message || type === ActivityTypes.Invoke) await kanaalVanBeurt(context, this.deps.koppelingStore, this.deps.teamLeden);
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = Verb.safeParse(invoke.action?.verb);
    const data = (invoke.action?.data ?? {}) as Record<string, unknown>;
    const aanvraag = aanvraagUit(context, this.deps.register);
    const weergave: Weergave = verb.success
      ? await this.deps.flow.verwerk(aanvraag, verb.data, data)
      : this.deps.flow.welkom(aanvraag, ONBEKENDE_KNOP);
    return { statusCode: 200, type: ADAPTIVE_CARD, value: kaartIn(context, weergave).content };
  }

  /** Only the configured Entra tenant(s) are served; a refusal is audited. */
  private async tenantToegestaan(context: TurnContext): Promise<boolean> {
    const toegestaan = this.deps.toegestaneTenants;
    const tenant = tenantVan(context.activity);
    if (toegestaan.length === 0 || (tenant !== undefined && toegestaan.includes(tenant))) return true;
    const van = context.activity.from;
    await this.deps.audit.append({
      id: randomUUID(),
      op: this.deps.klok().toUTC().toISO() as string,
      actor: { id: van?.aadObjectId ?? van?.id ?? 'onbekend', naam: van?.name || 'onbekend' },
      rol: 'onbekend',
      actie: 'read',
      ...(tenant ? { tenant } : {}),
      kanaal: context.activity.channelId || 'onbekend',
      uitkomst: 'geweigerd',
    });
    this.deps.log.warn('Activiteit van een niet-toegestane tenant geweigerd', { tenant: tenant ?? 'geen' });
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403, body: { code: 'tenant-niet-toegestaan' } } });
    }
    return false;
  }

  /** Keeps the newest conversation reference, so meldroute can post proactively later. */
  private async bewaarReferentie(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const referentie = TurnContext.getConversationReference(activity) as unknown as GesprekReferentie;
    const kanaal = activity.channelData as { team?: { id?: string }; channel?: { id?: string; name?: string } } | undefined;
    if (activity.conversation.conversationType === 'channel' && kanaal?.team?.id) {
      await this.bewaarKanaal(context, kanaal.team.id, kanaal.channel?.id ?? kanaal.team.id, kanaal.channel?.name);
    } else if (activity.conversation.conversationType !== 'groupChat') {
      await this.deps.gesprekken.bewaar({ soort: 'persoonlijk', gebruikerId: activity.from.aadObjectId ?? activity.from.id }, referentie);
    }
  }

  /**
   * A channel's reference is the team's reference with the channel as conversation; its name
   * travels in conversation.name (a message does not carry it, so the known name is kept).
   */
  private async bewaarKanaal(context: TurnContext, teamId: string | undefined, kanaalId: string | undefined, naam: string | undefined): Promise<void> {
    if (!teamId || !kanaalId) return;
    const sleutel: KanaalSleutel = { soort: 'kanaal', teamId, kanaalId };
    const basis = TurnContext.getConversationReference(context.activity);
    const bekend = naam ?? ((await this.deps.gesprekken.zoek(sleutel))?.['conversation'] as { name?: unknown } | undefined)?.name;
    const conversation = { ...basis.conversation, id: kanaalId, conversationType: 'channel', ...(typeof bekend === 'string' ? { name: bekend } : {}) };
    const nieuw = bekend === undefined && (await this.deps.gesprekken.zoek(sleutel)) === undefined;
    await this.deps.gesprekken.bewaar(sleutel, { ...basis, conversation } as unknown as GesprekReferentie);
    // A bound channel meldroute could not reach before: what waited for it goes out now.
    if (nieuw && this.deps.kanaalBereikbaar !== undefined && (await this.deps.koppelingStore.voorKanaal(sleutel)) !== undefined) await this.deps.kanaalBereikbaar();
  }

  /**
   * On install in a team: every channel's reference, so an admin can bind any of them and
   * meldroute can post there. Teams may refuse the list (a shared channel hosted in another
   * tenant, a client without the API); channels then become known as they are used.
   */
  private async bewaarKanalen(context: TurnContext): Promise<void> {
    const teamId = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (typeof teamId !== 'string') return;
    let kanalen: { id?: string; name?: string }[];
    try {
      kanalen = await TeamsInfo.getTeamChannels(context, teamId);
    } catch (e) {
      this.deps.log.warn('Kanalen van het team niet op te vragen', { fout: e instanceof Error ? e.message : String(e) });
      return;
    }
    for (const k of kanalen) await this.bewaarKanaal(context, teamId, k.id, k.name);
  }
}
