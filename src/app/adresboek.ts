import type { GesprekReferentie, KanaalSleutel, Stores } from '../store/ports.js';
import type { Adresboek } from './bezorging.js';

/** Where deliveries go, from the stored bindings and conversation references. */
export class OpslagAdresboek implements Adresboek {
  constructor(private readonly stores: Pick<Stores, 'koppelingen' | 'gesprekken'>) {}

  veiligThuisKanaal(regioId: string): Promise<{ readonly kanaal: KanaalSleutel; readonly referentie: GesprekReferentie } | undefined> {
    return this.stores.koppelingen.kanaalVoor({ soort: 'veilig-thuis', regioId });
  }

  lokaalTeamKanaal(regioId: string, teamKey: string): Promise<{ readonly kanaal: KanaalSleutel; readonly referentie: GesprekReferentie } | undefined> {
    return this.stores.koppelingen.kanaalVoor({ soort: 'lokaal-team', regioId, teamKey });
  }

  kanaal(kanaal: KanaalSleutel): Promise<GesprekReferentie | undefined> {
    return this.stores.gesprekken.zoek(kanaal);
  }

  persoonlijk(gebruikerId: string): Promise<GesprekReferentie | undefined> {
    return this.stores.gesprekken.zoek({ soort: 'persoonlijk', gebruikerId });
  }
}
