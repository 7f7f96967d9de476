import type { Storage, StoreItems } from 'botbuilder';
import type { StateStore } from '../store/ports.js';

/**
 * botbuilder's Storage on meldroute's own store, so dialog state survives restarts and
 * scale-out. Same semantics as botbuilder's MemoryStorage: an item with eTag '*' or without
 * one overwrites; any other eTag must match the stored one or the write fails.
 */
export class BotOpslag implements Storage {
  constructor(private readonly state: StateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const gevonden = await this.state.read(keys);
    const items: StoreItems = {};
    for (const [key, { waarde, etag }] of gevonden) {
      items[key] = { ...(waarde as Record<string, unknown>), eTag: etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...waarde } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      await this.state.write(key, waarde, eTag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.state.delete(keys);
  }
}
