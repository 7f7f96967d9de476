import { gesprekId, type GesprekReferentie, type Stores } from '../store/ports.js';
import type { Adresboek } from './bezorging.js';

/** Where deliveries go, from the stored bindings and conversation references. */
export class OpslagAdresboek implements Adresboek {
  constructor(private readonly stores: Pick<Stores, 'koppelingen' | 'gesprekken'>) {}

  async veiligThuisKanaal(regioId: string): Promise<{ readonly gesprek: string; readonly referentie: GesprekReferentie } | undefined> {
    const gebonden = await this.stores.koppelingen.kanaalVoor({ soort: 'veilig-thuis', regioId });
    return gebonden ? { gesprek: gesprekId(gebonden.kanaal), referentie: gebonden.referentie } : undefined;
  }

  persoonlijk(gebruikerId: string): Promise<GesprekReferentie | undefined> {
    return this.stores.gesprekken.zoek({ soort: 'persoonlijk', gebruikerId });
  }
}
