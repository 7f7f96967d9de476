import {
  ActivityTypes,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type StatePropertyAccessor,
} from 'botbuilder';
import { runDialog, type DialogState } from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { GebruikersRegister } from '../app/gebruikers.js';
import type { Logger } from '../app/logger.js';
import { ONBEKENDE_KNOP, Verb, type MeldcodeFlow, type Weergave } from '../app/meldcodeFlow.js';
import { ADAPTIVE_CARD } from '../cards/kaarten.js';
import type { HoofdDialog } from '../dialogs/hoofdDialog.js';
import { kaartIn, stuurWeergave } from './verzenden.js';
import type { AuditLog, GesprekReferentie, GesprekStore } from '../store/ports.js';
import { aanvraagUit, tenantVan, zonderBotVermelding } from './context.js';
import type { DialogToestand } from './dialogToestand.js';

export interface BotAfhankelijkheden {
  readonly flow: MeldcodeFlow;
  readonly register: GebruikersRegister;
  readonly gesprekken: GesprekStore;
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
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botToegevoegd = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botToegevoegd) {
        await this.bewaarReferentie(context);
        // In a team or group chat: what meldroute does there, without any case data.
        await stuurWeergave(context, deps.flow.welkom(aanvraagUit(context, deps.register)));
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (!(await this.tenantToegestaan(context))) return;
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
    const kanaal = activity.channelData as { team?: { id?: string }; channel?: { id?: string } } | undefined;
    if (activity.conversation.conversationType === 'channel' && kanaal?.team?.id) {
      await this.deps.gesprekken.bewaar({ soort: 'kanaal', teamId: kanaal.team.id, kanaalId: kanaal.channel?.id ?? kanaal.team.id }, referentie);
    } else if (activity.conversation.conversationType !== 'groupChat') {
      await this.deps.gesprekken.bewaar({ soort: 'persoonlijk', gebruikerId: activity.from.aadObjectId ?? activity.from.id }, referentie);
    }
  }
}
