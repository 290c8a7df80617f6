import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * Where the lab terminal's keystrokes go. Normally the page's line editor takes them and sends whole
 * lines; while a full-screen program in the sandbox (nano, vi) has the terminal in raw mode, every
 * keystroke's data goes straight to the worker, Ctrl-C included.
 *
 * Keys typed as the program ends may cross the worker's word that it ended: the page keeps what it
 * sent in raw mode until then, and takes back what the program never read, in the order typed.
 */
export class RawInput {
  /** The raw spell keys go to; 0 while the line editor takes them. */
  private epoch = 0;
  private seq = 0;
  private sent: { seq: number; data: string }[] = [];

  /** Whether keystrokes go to a program as typed now. */
  get active(): boolean {
    return this.epoch !== 0;
  }

  /**
   * Takes the worker's word that raw mode started or ended; returns the keystrokes the program did
   * not read, for the line editor to have instead.
   */
  update(message: Extract<FromWorker, { type: 'raw' }>): string {
    const sent = this.sent;
    this.sent = [];
    if (message.on) {
      this.epoch = message.epoch;
      return '';
    }
    this.epoch = 0;
    const later = sent.filter((s) => s.seq > message.taken).map((s) => s.data);
    return message.unread + later.join('');
  }

  /** The message that sends typed data to the program in raw mode; null when the line editor takes it. */
  route(data: string): ToWorker | null {
    if (!this.active || !data) return null;
    const seq = ++this.seq;
    this.sent.push({ seq, data });
    return { type: 'keys', data, epoch: this.epoch, seq };
  }
}
