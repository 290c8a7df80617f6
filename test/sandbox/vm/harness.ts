// The VM tests' view of a sandbox: stdout and stderr apart, the exit status, and direct access to
// the host, the engines and the clock. It is a thin wrapper: the sandbox itself does the work.
import { Sandbox } from '../../../src/sandbox/sandbox.ts';
import { type MachineKind, resourceSnapshot } from '../../../src/sandbox/vm/index.ts';

/** 2026-11-02 09:00:00 UTC, the sandbox's epoch. */
export const EPOCH = Date.UTC(2026, 10, 2, 9, 0, 0);

export class Lab {
  readonly sandbox: Sandbox;

  constructor(machine: MachineKind = 'server', seed = 'vm-lab', options: { tty?: boolean } = {}) {
    this.sandbox = Sandbox.create({ machine, seed, tty: options.tty ?? false });
  }

  get host() {
    return this.sandbox.host;
  }

  get docker() {
    return this.sandbox.docker;
  }

  get vms() {
    return this.sandbox.vms;
  }

  get virt() {
    return this.sandbox.state.virt;
  }

  get clock(): number {
    return this.sandbox.state.clock;
  }

  /** Lets virtual time pass without a command (the learner waiting). */
  advance(ms: number): void {
    this.sandbox.state.clock += ms;
  }

  /** Types lines and returns everything printed until the sandbox waits for input again. */
  run(text: string): Promise<string> {
    return this.sandbox.run(text);
  }

  /** Runs one line and returns stdout and stderr separately, with the exit status. */
  async exec(line: string): Promise<{ out: string; err: string; status: number }> {
    let out = '';
    let err = '';
    const off = this.sandbox.onOutput((chunk) => {
      if (chunk.stream === 'stdout') out += chunk.text;
      else err += chunk.text;
    });
    this.sandbox.input(line);
    await this.sandbox.whenIdle();
    off();
    return { out, err, status: this.sandbox.lastStatus() };
  }

  snapshot(now = this.clock) {
    return resourceSnapshot({ host: this.host, docker: this.docker, vms: this.vms, now });
  }
}
