export const HOOFD_DIALOG = 'hoofd';
export const ROUTER_STAPPEN = 'hoofd.router';
export const START_DIALOG = 'start';
export const START_STAPPEN = 'start.stappen';
export const KENMERK_PROMPT = 'start.kenmerk';
export const VOLWASSENEN_PROMPT = 'start.volwassenen';
