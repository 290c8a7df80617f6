import { sha256Hex } from '../sandbox/core/sha256.ts';
import type { SerialConsole } from './serial-console.ts';

/** The signature of a status: the first 32 hex digits of SHA-256 over `key:id:status`, as the agent computes it. */
export function signStatus(key: string, id: number, status: number): string {
  return sha256Hex(`${key}:${id}:${status}`).slice(0, 32);
}

/**
 * The lab's check agent in the guest (`/bin/quayside-agent` on the second serial port): it runs one
 * command per line and answers with its exit status. Once `lock`ed with a secret, every status must
 * come signed with it, so a program the learner starts in the agent's place cannot answer for it
 * (the secret lives only in the agent's shell, given after boot and before any learner input).
 */
export class CheckAgent {
  private readonly port: SerialConsole;
  private key = '';
  private runs = 0;
  /** True once a reply came unsigned or wrongly signed while locked. */
  tampered = false;
  /**
   * True once a command got no answer in time: the agent is gone or stuck, so the checks after it
   * fail at once instead of each waiting. `listen` starts a new round that asks again.
   */
  silent = false;

  constructor(port: SerialConsole) {
    this.port = port;
  }

  /** Asks again after a silence: the next round of checks may find the agent (or an impostor) back. */
  listen(): void {
    this.silent = false;
  }

  /** Gives the agent its secret: from now on a reply counts only with the right signature. */
  lock(key: string): void {
    this.key = key;
    this.port.write(`key ${key}\n`);
  }

  /** Runs one command line in the guest; resolves with its output and status (255 when the answer is forged or missing). */
  async run(command: string, timeoutMs = 10_000): Promise<{ output: string; status: number }> {
    if (/[\r\n]/.test(command)) throw new Error('an agent command is one line');
    if (this.silent) return { output: '', status: 255 };
    const id = ++this.runs;
    const from = this.port.output.length;
    this.port.write(`${id} ${command}\n`);
    try {
      const start = await this.port.waitFor(new RegExp(`:start${id}:\\r?\\n`), timeoutMs, from);
      const outputFrom = start.index + start[0].length;
      const end = await this.port.waitFor(
        new RegExp(`\\r?\\n:end${id}: (\\d+) (\\S+)\\r?\\n`),
        timeoutMs,
        outputFrom,
      );
      const status = Number(end[1]);
      if (this.key && end[2] !== signStatus(this.key, id, status)) {
        this.tampered = true;
        return { output: '', status: 255 };
      }
      return { output: this.port.output.slice(outputFrom, end.index).replace(/\r\n/g, '\n'), status };
    } catch {
      this.silent = true;
      return { output: '', status: 255 };
    }
  }
}
