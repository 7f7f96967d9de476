/**
 * How a region's Veilig Thuis is named and reached, for the professional's cards. The national
 * number 0800-2000 reaches the Veilig Thuis of the caller's region day and night, so it is the
 * honest fallback for a region meldroute does not know by name.
 */
export interface VeiligThuisContact {
  readonly naam: string;
  readonly telefoon: string;
}

export const LANDELIJK_VEILIG_THUIS: VeiligThuisContact = { naam: 'Veilig Thuis', telefoon: '0800-2000' };

export interface RegioGids {
  veiligThuis(regioId: string): VeiligThuisContact;
}

export function vasteRegioGids(regios: Readonly<Record<string, VeiligThuisContact>>): RegioGids {
  return { veiligThuis: (regioId) => (Object.hasOwn(regios, regioId) ? regios[regioId] : undefined) ?? LANDELIJK_VEILIG_THUIS };
}
