import { gesprekId, type GesprekReferentie, type GesprekSleutel, type GesprekStore } from './ports.js';

/** The only thing a store must offer for conversation references: replace and read by key. */
export interface SleutelOpslag {
  zet(sleutel: string, data: GesprekReferentie): Promise<void>;
  lees(sleutel: string): Promise<GesprekReferentie | undefined>;
}

/**
 * Conversation references by user, by channel, and a lokaal team's binding to its channel,
 * which points at the channel's reference so a refreshed reference is found through both.
 */
export class GesprekkenOpSleutels implements GesprekStore {
  constructor(private readonly opslag: SleutelOpslag) {}

  bewaar(sleutel: GesprekSleutel, referentie: GesprekReferentie): Promise<void> {
    return this.opslag.zet(gesprekId(sleutel), referentie);
  }

  zoek(sleutel: GesprekSleutel): Promise<GesprekReferentie | undefined> {
    return this.opslag.lees(gesprekId(sleutel));
  }

  koppelLokaalTeam(lokaalTeamId: string, kanaal: Extract<GesprekSleutel, { soort: 'kanaal' }>): Promise<void> {
    return this.opslag.zet(`lokaal-team:${lokaalTeamId}`, { kanaal: gesprekId(kanaal) });
  }

  async zoekLokaalTeam(lokaalTeamId: string): Promise<GesprekReferentie | undefined> {
    const koppeling = await this.opslag.lees(`lokaal-team:${lokaalTeamId}`);
    return typeof koppeling?.['kanaal'] === 'string' ? this.opslag.lees(koppeling['kanaal']) : undefined;
  }
}
