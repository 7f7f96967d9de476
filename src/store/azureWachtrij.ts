import { DefaultAzureCredential } from '@azure/identity';
import { QueueClient, QueueServiceClient, RestError } from '@azure/storage-queue';
import { BewijsVerlopenError, begrensSeconden, MAX_OPHALEN, type Gifbericht, type OntvangenBericht, type Ontvangstbewijs, type Wachtrij } from './wachtrij.js';

export interface AzureWachtrijOpties {
  /** A connection string (Azurite, or a key) or the queue service URL for Microsoft Entra ID. */
  readonly verbinding: { readonly connectionString: string } | { readonly serviceUrl: string };
  readonly naam: string;
}

/**
 * Azure Storage queues. Message text is base64 JSON, what the Functions queue trigger expects by
 * default (`messageEncoding: base64`), so the same messages feed `functions/verzenden.ts`. The
 * poison queue is `<naam>-poison`, where the Functions host also puts a message it gave up on.
 */
export async function openAzureWachtrij(opties: AzureWachtrijOpties): Promise<Wachtrij> {
  const service =
    'connectionString' in opties.verbinding
      ? QueueServiceClient.fromConnectionString(opties.verbinding.connectionString)
      : new QueueServiceClient(opties.verbinding.serviceUrl, new DefaultAzureCredential());
  const rij = service.getQueueClient(opties.naam);
  const gif = service.getQueueClient(`${opties.naam}-poison`);
  await Promise.all([rij.createIfNotExists(), gif.createIfNotExists()]);
  return new AzureWachtrij(rij, gif);
}

const codeer = (waarde: unknown) => Buffer.from(JSON.stringify(waarde), 'utf8').toString('base64');
const decodeer = (tekst: string): unknown => JSON.parse(Buffer.from(tekst, 'base64').toString('utf8'));

/** 404 MessageNotFound or 400 PopReceiptMismatch: someone else holds or finished the message. */
function isVerlopen(e: unknown): boolean {
  return e instanceof RestError && (e.statusCode === 404 || (e.statusCode === 400 && e.code === 'PopReceiptMismatch'));
}

interface OnzeGif {
  readonly gif: { readonly reden: string; readonly op: string };
  readonly inhoud: unknown;
}

function isOnzeGif(w: unknown): w is OnzeGif {
  return typeof w === 'object' && w !== null && 'gif' in w && 'inhoud' in w;
}

class AzureWachtrij implements Wachtrij {
  constructor(private readonly rij: QueueClient, private readonly gif: QueueClient) {}

  async zetIn(inhoud: unknown, opties?: { readonly zichtbaarNaSeconden?: number }): Promise<void> {
    // -1: the message never expires (the default is 7 days: a nudge must not vanish silently).
    await this.rij.sendMessage(codeer(inhoud), { visibilityTimeout: begrensSeconden(opties?.zichtbaarNaSeconden ?? 0), messageTimeToLive: -1 });
  }

  async haalOp(max: number, onzichtbaarSeconden: number): Promise<OntvangenBericht[]> {
    const r = await this.rij.receiveMessages({ numberOfMessages: Math.min(Math.max(1, max), MAX_OPHALEN), visibilityTimeout: Math.max(1, begrensSeconden(onzichtbaarSeconden)) });
    return r.receivedMessageItems.map((m) => ({
      id: m.messageId,
      inhoud: decodeer(m.messageText),
      bewijs: { id: m.messageId, pop: m.popReceipt },
      keerOpgehaald: m.dequeueCount,
    }));
  }

  async verwijder(bewijs: Ontvangstbewijs): Promise<void> {
    try {
      await this.rij.deleteMessage(bewijs.id, bewijs.pop);
    } catch (e) {
      if (isVerlopen(e)) throw new BewijsVerlopenError(bewijs.id);
      throw e;
    }
  }

  async stelUit(bewijs: Ontvangstbewijs, seconden: number, inhoud?: unknown): Promise<Ontvangstbewijs> {
    try {
      const r = await this.rij.updateMessage(bewijs.id, bewijs.pop, inhoud === undefined ? undefined : codeer(inhoud), begrensSeconden(seconden));
      if (r.popReceipt === undefined) throw new Error('Azure Storage gaf geen nieuw ontvangstbewijs terug.');
      return { id: bewijs.id, pop: r.popReceipt };
    } catch (e) {
      if (isVerlopen(e)) throw new BewijsVerlopenError(bewijs.id);
      throw e;
    }
  }

  async naarGif(bericht: OntvangenBericht, reden: string): Promise<void> {
    // Poison first, then delete: a crash in between leaves a copy in both, never in neither.
    const gif: OnzeGif = { gif: { reden: reden.slice(0, 500), op: new Date().toISOString() }, inhoud: bericht.inhoud };
    await this.gif.sendMessage(codeer(gif), { messageTimeToLive: -1 });
    await this.verwijder(bericht.bewijs);
  }

  async gifberichten(max = MAX_OPHALEN): Promise<Gifbericht[]> {
    // Peek shows at most 32 without taking them; the admin drains the poison queue with Storage tools.
    const r = await this.gif.peekMessages({ numberOfMessages: Math.min(Math.max(1, max), MAX_OPHALEN) });
    return r.peekedMessageItems.map((m) => {
      let waarde: unknown;
      try {
        waarde = decodeer(m.messageText);
      } catch {
        waarde = m.messageText;
      }
      return isOnzeGif(waarde)
        ? { id: m.messageId, inhoud: waarde.inhoud, reden: waarde.gif.reden, op: waarde.gif.op }
        : { id: m.messageId, inhoud: waarde, reden: 'De Functions-host gaf het bericht na herhaalde fouten op.', op: m.insertedOn.toISOString() };
    });
  }

  async sluit(): Promise<void> {
    // The HTTP clients hold no connections that need closing.
  }
}
