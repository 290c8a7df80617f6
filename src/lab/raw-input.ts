import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * Where the lab terminal's keystrokes go. Normally the page's line editor takes them and sends whole
 * lines; while a full-screen program in the sandbox (nano, vi) has the terminal in raw mode, every
 * keystroke's data goes straight to the worker, Ctrl-C included.
 */
export class RawInput {
  private raw = false;

  /** Whether keystrokes go to a program as typed now. */
  get active(): boolean {
    return this.raw;
  }

  /**
   * Takes the worker's word that raw mode started or ended; returns keystrokes the sandbox did not
   * take (typed after the program ended) for the line editor to have instead.
   */
  update(message: Extract<FromWorker, { type: 'raw' }>): string {
    this.raw = message.on;
    return message.unread ?? '';
  }

  /** The message that sends typed data to the program in raw mode; null when the line editor takes it. */
  route(data: string): ToWorker | null {
    return this.raw && data ? { type: 'keys', data } : null;
  }
}
