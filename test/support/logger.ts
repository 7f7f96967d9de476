import type { Logger } from '../../src/app/logger.js';

export interface Logregel {
  readonly niveau: 'info' | 'warn' | 'error';
  readonly bericht: string;
  readonly velden: Record<string, unknown>;
}

/** A logger that keeps what it was told, so a test can find the line behind a foutcode. */
export class OpnameLogger implements Logger {
  readonly regels: Logregel[] = [];
  info(bericht: string, velden: Record<string, unknown> = {}): void {
    this.regels.push({ niveau: 'info', bericht, velden });
  }
  warn(bericht: string, velden: Record<string, unknown> = {}): void {
    this.regels.push({ niveau: 'warn', bericht, velden });
  }
  error(bericht: string, velden: Record<string, unknown> = {}): void {
    this.regels.push({ niveau: 'error', bericht, velden });
  }
}
