/**
 * A program's view of a serial console: what the machine wrote, and a way to run a shell command and
 * read its output and status. Knows nothing of the emulator; the host feeds it bytes and gives it a
 * way to send text.
 */
/** How far back a new chunk can complete a pattern: longer than any marker or prompt. */
const LOOKBACK = 512;

export class SerialConsole {
  private text = '';
  private waiters: { pattern: RegExp; from: number; resolve: (m: RegExpExecArray) => void }[] = [];
  private readonly send: (text: string) => void;
  private readonly prompt: RegExp | undefined;
  private runs = 0;

  /** `prompt` matches the end of the shell's prompt, when the other end is an interactive shell. */
  constructor(send: (text: string) => void, prompt?: RegExp) {
    this.send = send;
    this.prompt = prompt;
  }

  /** Sends text to the machine as it is. */
  write(text: string): void {
    this.send(text);
  }

  /** Everything the machine has written so far. */
  get output(): string {
    return this.text;
  }

  /** Called by the host with what the machine wrote. */
  receive(chunk: string): void {
    this.text += chunk;
    this.waiters = this.waiters.filter((w) => {
      w.pattern.lastIndex = w.from;
      const match = w.pattern.exec(this.text);
      if (match) w.resolve(match);
      // Next time, look only at the tail: markers are short, and a boot writes tens of kB byte by byte.
      else w.from = Math.max(w.from, this.text.length - LOOKBACK);
      return !match;
    });
  }

  /** Resolves when `pattern` appears in output written after position `from` (default: anywhere). */
  waitFor(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no ${pattern} on the console within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (match: RegExpExecArray) => {
        clearTimeout(timer);
        resolve(match);
      };
      this.waiters.push({ pattern: global, from, resolve: done });
      this.receive('');
    });
  }

  /** Types a line as a learner would and resolves when the shell prompts again. */
  async type(line: string, timeoutMs = 30_000): Promise<void> {
    if (!this.prompt) throw new Error('typing needs a console with a prompt');
    const from = this.text.length;
    this.send(`${line}\n`);
    await this.waitFor(this.prompt, timeoutMs, from);
  }

  /**
   * Types `command` at the shell and resolves with what it printed and its exit status. The start
   * and end markers are printed with `printf` from pieces, so the echoed command line never matches
   * them; the command runs in a subshell, so even `exit` reaches the end marker. With a `prompt`, it also waits for the shell's next prompt, so runs never overlap.
   */
  async run(command: string, timeoutMs = 30_000): Promise<{ output: string; status: number }> {
    const id = ++this.runs;
    const from = this.text.length;
    this.send(
      `printf '%s%s\\n' ':start' '${id}:'; (${command}); printf '\\n%s%s %s\\n' ':end' '${id}:' "$?"\n`,
    );
    const start = await this.waitFor(new RegExp(`:start${id}:\\r?\\n`), timeoutMs, from);
    const outputFrom = start.index + start[0].length;
    const end = await this.waitFor(new RegExp(`\\r?\\n:end${id}: (\\d+)\\r?\\n`), timeoutMs, outputFrom);
    if (this.prompt) await this.waitFor(this.prompt, timeoutMs, end.index + end[0].length);
    const output = this.text.slice(outputFrom, end.index);
    return { output: output.replace(/\r\n/g, '\n'), status: Number(end[1]) };
  }
}
