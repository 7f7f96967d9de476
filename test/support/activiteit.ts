/** A Teams activity from Annelies de Boer in her personal chat with meldroute, in tenant-1. */
export function activity(serviceUrl: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl,
    timestamp: '2026-03-02T09:00:00.000Z',
    from: { id: 'user-1', name: 'Annelies de Boer', aadObjectId: 'aad-prof-1' },
    recipient: { id: 'bot-1', name: 'meldroute' },
    conversation: { id: 'a:persoonlijk-1', conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra,
  };
}

/** An Action.Execute click on a card. */
export function klik(serviceUrl: string, id: string, verb: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return activity(serviceUrl, { type: 'invoke', id, name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...extra });
}
