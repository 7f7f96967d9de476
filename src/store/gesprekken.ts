import { gesprekId, type GesprekReferentie, type GesprekSleutel, type GesprekStore } from './ports.js';

/** The only thing a store must offer for conversation references: replace and read by key. */
export interface SleutelOpslag {
  zet(sleutel: string, data: GesprekReferentie): Promise<void>;
  lees(sleutel: string): Promise<GesprekReferentie | undefined>;
}

/**
 * Conversation references by user and by channel. A channel's binding to a party lives in the
 * KoppelingStore and finds the channel's reference here, so a refreshed reference is always used.
 */
export class GesprekkenOpSleutels implements GesprekStore {
  constructor(private readonly opslag: SleutelOpslag) {}

  bewaar(sleutel: GesprekSleutel, referentie: GesprekReferentie): Promise<void> {
    return this.opslag.zet(gesprekId(sleutel), referentie);
  }

  zoek(sleutel: GesprekSleutel): Promise<GesprekReferentie | undefined> {
    return this.opslag.lees(gesprekId(sleutel));
  }
}
