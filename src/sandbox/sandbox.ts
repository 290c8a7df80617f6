import { BUSYBOX_BANNER } from './commands/args.ts';
import { coreutils, shellBuiltins, shellProgram } from './commands/index.ts';
import { type Completion, complete } from './completion.ts';
import { canonicalJson } from './core/canonical-json.ts';
import { type RandomState, seedRandom } from './core/random.ts';
import { sha256Hex } from './core/sha256.ts';
import { BudgetExceeded, budgetStatus, type WorkLimits, WorkMeter } from './core/work-meter.ts';
import { dockerCommandNames, dockerProgram } from './docker/cli/index.ts';
import { DockerEngine, emptyDockerState } from './docker/engine.ts';
import type { DockerState } from './docker/state.ts';
import { FsError } from './fs/filesystem.ts';
import { basename, resolvePath } from './fs/path.ts';
import { Host, type HostState } from './host/host.ts';
import { HOST_USERS, learnerHomeLayer, ubuntuHostLayer } from './host/ubuntu-base.ts';
import { ProcessTable } from './process/process-table.ts';
import { Scheduler, type Task } from './process/scheduler.ts';
import { entrypoint, hello, serviceBinary } from './programs/images.ts';
import { expandHistory } from './shell/history-expansion.ts';
import { type BackgroundProcess, ExitShell, type Io, Shell, type ShellHost } from './shell/interpreter.ts';
import { IncompleteInput, parseScript } from './shell/parser.ts';
import {
  EndlessWait,
  Interrupted,
  type LineSession,
  lazyProgram,
  type Program,
  type ScreenSession,
  type ScreenSpec,
  type SessionSpec,
  type ShellFlavor,
  type User,
} from './shell/program.ts';
import type { OutputStream } from './shell/streams.ts';
import { textInput } from './shell/streams.ts';
import { KEY_CHUNKS_PER_EVENT, RAW_CHUNK_LENGTH, Terminal, type TerminalChunk } from './terminal.ts';
import {
  createVirtualisation,
  emptyVirtState,
  hostProfile,
  learnerGroups,
  type MachineKind,
  type ResourceSnapshot,
  resourceSnapshot,
  type VirtState,
  type VmEngine,
  virtualisationLayer,
} from './vm/index.ts';

/** Bumped whenever the same input could produce different output: transcripts replay only on the same version. */
export const ENGINE_VERSION = '9';

/** Waits one line may make, paced or not (an endless `tail -f` or `docker stats` stops here). */
const MAX_LINE_WAITS = 5_000;

/** Distinct commands kept for `ran` checks; beyond this a session keeps running but records no more. */
const MAX_RAN = 5_000;

/** The epoch of every sandbox's virtual clock: 2026-11-02 09:00:00 UTC. */
const EPOCH = Date.UTC(2026, 10, 2, 9, 0, 0);

export interface SandboxOptions {
  seed?: string | number;
  /** A Linux server with KVM/libvirt and Docker (default), or a desktop with VirtualBox. */
  machine?: MachineKind;
  /** Output goes to a terminal (progress bars redraw) rather than a pipe. */
  tty?: boolean;
  columns?: number;
  rows?: number;
  /** Lets real time pass while virtual time does (the browser paces long waits); none means instant. */
  pace?: (ms: number) => Promise<void>;
  /** Budgets of work (`WorkMeter`); a replay on the server also caps the whole session. */
  limits?: Partial<WorkLimits>;
}

/** Everything needed to recreate a sandbox exactly: plain JSON. */
export interface SandboxState {
  engine: string;
  seed: string;
  clock: number;
  /** Waits so far (a replayed Ctrl-C lands in the same one). */
  sleeps: number;
  random: RandomState;
  machine: MachineKind;
  host: HostState;
  docker: DockerState;
  virt: VirtState;
  shell: { cwd: string; vars: Record<string, { value: string; exported: boolean }>; status: number };
  history: string[];
  /** Commands the learner's shells ran to their end, each distinct argv and status once, oldest first. */
  ran?: { argv: string[]; status: number }[];
  /**
   * Processes running in the background when the state was taken. Plain data cannot hold a running
   * program, so such a state is rebuilt by replaying its transcript (`replay`), not by `restore`.
   */
  live?: number;
}

/** What the learner did, enough to replay a session: lines typed and Ctrl-C presses (at virtual times). */
export type TranscriptEvent =
  | { type: 'input'; text: string; wait?: number }
  /**
   * Keystrokes typed into a full-screen program (raw mode), chunk by chunk as they arrived: a chunk
   * is one unit for the program (a lone Escape is not the start of an arrow key's sequence).
   * Keystrokes take no virtual time.
   */
  | { type: 'keys'; keys: string[] }
  /** A file saved from the lab's editor (between commands). */
  | { type: 'write'; path: string; text: string }
  /** Ctrl-C during the `sleep`-th wait of the session, at virtual time `at`. */
  | { type: 'interrupt'; at: number; sleep: number };

interface Session {
  shell: Shell;
  buffer: string;
  /** A program reading lines behind its own prompt (mysql), not the shell. */
  lines?: LineSession;
}

/**
 * A simulated Linux host with a Docker engine: pure, deterministic from its seed, driven by lines
 * of input. Hosts (the browser terminal, the Node CLI, the grader) feed it lines and draw its output.
 */
export class Sandbox {
  readonly state: SandboxState;
  readonly terminal: Terminal;
  readonly host: Host;
  readonly docker: DockerEngine;
  readonly vms: VmEngine;
  /** The learner, with the groups this machine gives them (docker, kvm, libvirt or vboxusers). */
  readonly learner: User;
  readonly transcript: TranscriptEvent[] = [];
  private readonly pace: ((ms: number) => Promise<void>) | undefined;
  private readonly sessions: Session[] = [];
  private interruptRequested = false;
  /** Waits since the current line started, and zero-length turns (to yield to the page now and then). */
  private lineWaits = 0;
  private lineTurns = 0;
  private readonly scheduledInterrupts: { at: number; sleep: number }[] = [];
  private readonly programs: Record<string, Program> = {};
  /** Draws the full-screen program that has the terminal again, while one has. */
  private redraw: (() => void) | undefined;
  readonly meter: WorkMeter;
  /** Every process that runs in the background: jobs, detached containers, services. */
  readonly scheduler: Scheduler;
  /** The host's background jobs, as `ps` and `kill` see them. */
  private readonly background: ProcessTable;

  private constructor(state: SandboxState, options: SandboxOptions) {
    this.state = state;
    this.pace = options.pace;
    this.meter = new WorkMeter(options.limits);
    this.scheduler = new Scheduler({
      now: () => this.state.clock,
      set: (ms) => {
        this.state.clock = ms;
      },
    });
    this.background = new ProcessTable(this.scheduler);
    this.terminal = new Terminal({
      isTTY: options.tty ?? false,
      columns: options.columns ?? 80,
      rows: options.rows ?? 24,
    });
    const now = () => this.state.clock;
    const machine = state.machine;
    this.learner = {
      ...HOST_USERS.learner,
      groups: [...HOST_USERS.learner.groups, ...learnerGroups(machine)],
    };
    this.host = new Host(
      state.host,
      hostProfile(machine),
      [ubuntuHostLayer(), virtualisationLayer(machine), learnerHomeLayer()],
      this.programs,
      now,
    );
    const makeShell: Parameters<typeof createVirtualisation>[0]['makeShell'] = ({
      system,
      fs,
      user,
      cwd,
      env,
      flavor,
      host,
      pid,
    }) =>
      new Shell({
        flavor,
        system,
        fs,
        user,
        cwd,
        env,
        host,
        builtins: shellBuiltins(flavor),
        ...(pid !== undefined ? { pid } : {}),
      });
    this.docker = new DockerEngine(state.docker, this.host, {
      now,
      random: state.random,
      makeShell,
      spawn: (name, body, init) => this.spawnTask(name, body, init),
      scheduler: this.scheduler,
    });
    this.host.workloads.push(this.docker, this.background);
    const virt = createVirtualisation({
      machine,
      state: state.virt,
      host: this.host,
      now,
      random: state.random,
      makeShell,
      spawn: (name, body, init) => this.spawnTask(name, body, init),
      scheduler: this.scheduler,
    });
    this.vms = virt.engine;
    this.host.workloads.push(virt.engine);
    Object.assign(this.programs, buildPrograms(this.docker), virt.programs);
    const shell = new Shell({
      flavor: 'bash',
      system: this.host,
      fs: this.host.fs,
      user: this.learner,
      cwd: state.shell.cwd,
      env: {},
      host: this.shellHost(),
      builtins: shellBuiltins('bash'),
      history: state.history,
      interactive: true,
      pid: state.host.shellPid,
    });
    for (const [name, v] of Object.entries(state.shell.vars)) shell.setVar(name, v.value, v.exported);
    shell.status = state.shell.status;
    shell.cwd = state.shell.cwd;
    this.sessions.push({ shell, buffer: '' });
    void this.loop();
  }

  /** A fresh sandbox. */
  static create(options: SandboxOptions = {}): Sandbox {
    const seed = String(options.seed ?? 1);
    const machine = options.machine ?? 'server';
    const random = seedRandom(seed);
    const state: SandboxState = {
      engine: ENGINE_VERSION,
      seed,
      clock: EPOCH,
      sleeps: 0,
      random,
      host: { hostname: 'quayside', bootTime: EPOCH - 3_600_000 * 3, upper: {}, shellPid: 1302 },
      machine,
      docker: emptyDockerState(EPOCH, random),
      virt: emptyVirtState(machine),
      shell: {
        cwd: HOST_USERS.learner.home,
        vars: Object.fromEntries(
          Object.entries({
            HOME: HOST_USERS.learner.home,
            USER: 'learner',
            LOGNAME: 'learner',
            SHELL: '/bin/bash',
            PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
            LANG: 'C.UTF-8',
            TERM: 'xterm-256color',
          }).map(([k, v]) => [k, { value: v, exported: true }]),
        ),
        status: 0,
      },
      history: [],
    };
    return new Sandbox(state, options);
  }

  /** A sandbox from a saved state (taken at the prompt). */
  static restore(saved: SandboxState, options: Omit<SandboxOptions, 'seed'> = {}): Sandbox {
    if (saved.engine !== ENGINE_VERSION)
      throw new Error(`state from engine version ${saved.engine}, this is ${ENGINE_VERSION}`);
    return new Sandbox(structuredClone(saved), options);
  }

  private shellHost(): ShellHost {
    return {
      now: () => this.state.clock,
      sleep: (ms) => this.sleep(ms),
      work: (ms) => this.sleep(ms, true),
      random: this.state.random,
      session: (spec) => this.openSession(spec),
      meter: this.meter,
      ran: (argv, status) => this.recordRan(argv, status),
      spawn: (command, user, body) => this.spawnProcess(command, user, body),
      block: async (done) => {
        // The learner's shell waits in virtual time (paced in the page) until the next wake-up.
        while (!done()) {
          const next = this.scheduler.nextWake();
          await this.sleep(
            next === undefined ? Number.POSITIVE_INFINITY : Math.max(0, next - this.state.clock),
          );
        }
      },
    };
  }

  /** Starts a background job of a shell on the host: it has a PID, shows in `ps` and takes signals. */
  private async spawnProcess(
    command: string,
    user: User,
    body: (host: ShellHost) => Promise<number>,
  ): Promise<BackgroundProcess> {
    const host = this.state.host;
    const pid = host.nextPid ?? host.shellPid + 100;
    host.nextPid = pid + 1;
    const start = this.state.clock;
    const task = this.spawnTask(
      command,
      (taskHost, task) => {
        this.background.add({ pid, ppid: host.shellPid, uid: user.uid, args: command, start, task });
        return body(taskHost);
      },
      false,
    );
    return { pid, task };
  }

  /**
   * Starts a task on the scheduler with a shell host of its own: it waits on the scheduler, and its
   * work has a budget per turn (a turn that spins past it ends the process with the budget's message).
   */
  private spawnTask(
    name: string,
    body: (host: ShellHost, task: Task) => Promise<number>,
    init: boolean,
  ): Task {
    return this.scheduler.spawn(name, (task) => {
      const meter = this.meter.child();
      const wait = async (ms: number) => {
        await this.scheduler.sleep(task, ms);
        meter.startLine();
      };
      const host: ShellHost = {
        now: () => this.state.clock,
        sleep: wait,
        work: (ms) => (ms > 0 ? wait(ms) : Promise.resolve()),
        random: this.state.random,
        // A background process has no terminal to open a session on.
        session: async () => 1,
        meter,
        ran: (argv, status) => this.recordRan(argv, status),
        spawn: (command, user, child) => this.spawnProcess(command, user, child),
        block: async (done, tasks) => {
          for (const t of tasks) t.onEnd.push(() => this.scheduler.wake(task));
          while (!done()) await wait(Number.POSITIVE_INFINITY);
        },
        process: {
          task,
          init,
          wake: () => this.scheduler.wake(task),
          terminate: (signal) => this.scheduler.terminate(task, signal),
        },
      };
      return body(host, task);
    });
  }

  private ranKeys: Set<string> | undefined;

  /** Keeps a command that ran, once per distinct argv and status, up to `MAX_RAN` of them. */
  private recordRan(argv: string[], status: number): void {
    this.state.ran ??= [];
    const ran = this.state.ran;
    this.ranKeys ??= new Set(ran.map((r) => JSON.stringify([r.argv, r.status])));
    const key = JSON.stringify([argv, status]);
    if (this.ranKeys.has(key) || ran.length >= MAX_RAN) return;
    this.ranKeys.add(key);
    ran.push({ argv: [...argv], status });
  }

  /**
   * Lets virtual time pass; Ctrl-C (live or scheduled) cuts it short with Interrupted. A line may
   * wait `MAX_LINE_WAITS` times, in the page as on the server, so both stop a line at the same
   * point; `busy` time (work, not a wait) is bounded by the work meter instead.
   */
  async sleep(ms: number, busy = false): Promise<void> {
    const index = this.state.sleeps++;
    const target = this.state.clock + Math.max(0, ms);
    const scheduled = this.scheduledInterrupts[0];
    if (scheduled && scheduled.sleep === index) {
      this.scheduledInterrupts.shift();
      await this.scheduler.advance(Math.max(this.state.clock, Math.min(scheduled.at, target)));
      this.transcript.push({ type: 'interrupt', at: this.state.clock, sleep: index });
      throw new Interrupted();
    }
    if (!busy && ms > 0 && ++this.lineWaits > MAX_LINE_WAITS) {
      this.lineWaits = 0;
      throw new EndlessWait();
    }
    if (!this.pace) {
      // Nobody can press Ctrl-C here (tests, CLI, grader): a wait without end ends as if interrupted.
      if (!Number.isFinite(target)) throw new EndlessWait();
      await this.scheduler.advance(target);
      return;
    }
    // Let the host breathe now and then, so a Ctrl-C can arrive even in a tight shell loop.
    if (target === this.state.clock && ++this.lineTurns % 1000 === 0) await this.pace(0);
    for (;;) {
      if (this.interruptRequested) {
        this.interruptRequested = false;
        this.transcript.push({ type: 'interrupt', at: this.state.clock, sleep: index });
        throw new Interrupted();
      }
      if (this.state.clock >= target) {
        await this.scheduler.advance(target);
        return;
      }
      const step = Math.min(target - this.state.clock, 100);
      await this.pace(step);
      await this.scheduler.advance(this.state.clock + step);
    }
  }

  /**
   * Feeds a recorded transcript into this sandbox as it was typed: lines with their pauses, files
   * saved from the editor, Ctrl-C at its recorded wait. A lab whose saved state had background
   * processes is rebuilt this way, since plain data cannot hold a running program.
   */
  async replay(events: readonly TranscriptEvent[]): Promise<void> {
    for (const event of events) if (event.type === 'interrupt') this.scheduleInterrupt(event);
    for (const event of events) {
      await this.whenIdle();
      this.apply(event);
    }
    await this.whenIdle();
  }

  /**
   * Feeds one recorded event as it was typed (a Ctrl-C is scheduled beforehand instead): lines,
   * keystrokes (queued whatever the terminal's mode now, since the program they were typed into
   * may not have started yet), a file saved from the lab's editor.
   */
  apply(event: TranscriptEvent): { ok: true } | { error: string } {
    if (event.type === 'input') this.input(event.text, event.wait ? { wait: event.wait } : {});
    else if (event.type === 'keys') for (const chunk of event.keys) this.queueKeys(chunk);
    else if (event.type === 'write') return this.writeFile(event.path, event.text);
    return { ok: true };
  }

  /**
   * Keystrokes typed while a full-screen program has the terminal in raw mode. False, and nothing
   * recorded, when none has (it ended meanwhile): the host types them at its line editor instead.
   */
  keys(data: string): boolean {
    if (!this.terminal.isRaw) return false;
    for (let i = 0; i < data.length; i += RAW_CHUNK_LENGTH)
      this.queueKeys(data.slice(i, i + RAW_CHUNK_LENGTH));
    return true;
  }

  private queueKeys(chunk: string): void {
    if (!chunk) return;
    const last = this.transcript[this.transcript.length - 1];
    if (last?.type === 'keys' && last.keys.length < KEY_CHUNKS_PER_EVENT) last.keys.push(chunk);
    else this.transcript.push({ type: 'keys', keys: [chunk] });
    this.terminal.pushKeys(chunk);
  }

  /** Ctrl-C from the learner: interrupts whatever is waiting now. */
  interrupt(): void {
    if (!this.terminal.waitingForInput) this.interruptRequested = true;
  }

  /** Replays a Ctrl-C recorded in a transcript. */
  scheduleInterrupt(event: { at: number; sleep: number }): void {
    this.scheduledInterrupts.push({ at: event.at, sleep: event.sleep });
    this.scheduledInterrupts.sort((a, b) => a.sleep - b.sleep);
  }

  /**
   * Types lines (a chunk of text may hold several). `wait` is how long the learner paused before
   * the first of them, in virtual ms: the clock moves on by that much before it runs.
   */
  input(text: string, options: { wait?: number } = {}): void {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    if (text.endsWith('\n')) lines.pop();
    lines.forEach((line, i) => {
      const wait = i === 0 ? Math.max(0, Math.round(options.wait ?? 0)) : 0;
      this.transcript.push(wait > 0 ? { type: 'input', text: line, wait } : { type: 'input', text: line });
      this.terminal.push({ text: line, wait });
    });
  }

  /** The terminal's new size: a full-screen program draws itself again at it (no work, no transcript). */
  resize(columns: number, rows: number): void {
    this.terminal.columns = columns;
    this.terminal.rows = rows;
    this.redraw?.();
  }

  /** No more input (end of a piped stdin). */
  close(): void {
    this.terminal.close();
  }

  /** Types lines and waits until the sandbox is ready for more; returns what was printed. */
  async run(text: string): Promise<string> {
    let output = '';
    const off = this.terminal.onOutput((chunk) => {
      output += chunk.text;
    });
    this.input(text);
    await this.terminal.whenIdle();
    off();
    return output;
  }

  onOutput(listener: (chunk: TerminalChunk) => void): () => void {
    return this.terminal.onOutput(listener);
  }

  whenIdle(): Promise<void> {
    return this.terminal.whenIdle();
  }

  /** The prompt the current shell shows (PS1, or PS2 inside an unfinished command). */
  prompt(): string {
    const session = this.sessions[this.sessions.length - 1] as Session;
    if (session.lines) return session.lines.prompt();
    if (session.buffer) return '> ';
    const { shell } = session;
    const root = shell.user.uid === 0;
    if (shell.flavor === 'bash') {
      const home = shell.user.home;
      const cwd =
        shell.cwd === home
          ? '~'
          : shell.cwd.startsWith(`${home}/`)
            ? `~${shell.cwd.slice(home.length)}`
            : shell.cwd;
      return `${shell.user.name}@${shell.system.hostname}:${cwd}${root ? '#' : '$'} `;
    }
    if (shell.flavor === 'ash')
      return `${shell.cwd === shell.user.home && !root ? '~' : shell.cwd} ${root ? '#' : '$'} `;
    return root ? '# ' : '$ ';
  }

  /** The exit status of the last command in the shell that is reading input now. */
  lastStatus(): number {
    return (this.sessions[this.sessions.length - 1] as Session).shell.status;
  }

  /** Host, VM and container figures for the comparison dashboard. */
  resources(): ResourceSnapshot {
    return resourceSnapshot({ host: this.host, docker: this.docker, vms: this.vms, now: this.state.clock });
  }

  /** The working directory of the learner's own shell on the host. */
  cwd(): string {
    return (this.sessions[0] as Session).shell.cwd;
  }

  /** A directory of the host as the learner may see it: names, and which are directories. */
  listDirectory(path: string): { name: string; dir: boolean }[] | { error: string } {
    try {
      const full = resolvePath(this.cwd(), path, HOST_USERS.learner.home);
      return this.host.fs
        .readdir(full)
        .map((name) => ({ name, dir: this.host.fs.isDir(`${full === '/' ? '' : full}/${name}`) }));
    } catch (error) {
      return { error: error instanceof FsError ? error.message : String(error) };
    }
  }

  /** A host file's text, read as the learner. */
  readFile(path: string): { text: string } | { error: string } {
    try {
      const node = this.host.fs.readFile(resolvePath(this.cwd(), path, HOST_USERS.learner.home));
      if (node.text === undefined) return { error: 'binary file' };
      return { text: node.text };
    } catch (error) {
      return { error: error instanceof FsError ? error.message : String(error) };
    }
  }

  /** Saves a file from the editor as the learner; recorded in the transcript so a replay writes it too. */
  writeFile(path: string, text: string): { ok: true } | { error: string } {
    const full = resolvePath(this.cwd(), path, HOST_USERS.learner.home);
    try {
      this.host.fs.writeFile(full, text, { actor: this.learner });
      this.transcript.push({ type: 'write', path: full, text });
      return { ok: true };
    } catch (error) {
      return { error: error instanceof FsError ? error.message : String(error) };
    }
  }

  /** Tab completion for the shell that is reading input now. */
  complete(line: string, cursor: number): Completion {
    const { shell } = this.sessions[this.sessions.length - 1] as Session;
    const docker = shell.system === this.host ? this.docker : undefined;
    return complete(line, cursor, shell, docker, dockerCommandNames());
  }

  /** The top-level shell state; nested sessions (inside a container) are not saved. */
  snapshot(): SandboxState {
    const shell = (this.sessions[0] as Session).shell;
    const vars: Record<string, { value: string; exported: boolean }> = {};
    for (const [name, v] of shell.variables()) vars[name] = { ...v };
    this.state.shell = { cwd: shell.cwd, vars, status: shell.status };
    const live = this.scheduler.tasks().length;
    if (live > 0) this.state.live = live;
    else delete this.state.live;
    return structuredClone(this.state);
  }

  /** SHA-256 of the canonical state: equal states, equal hashes. */
  stateHash(): string {
    return sha256Hex(canonicalJson(this.snapshot()));
  }

  private output(stream: 'stdout' | 'stderr'): OutputStream {
    const terminal = this.terminal;
    const meter = this.meter;
    return {
      write: (text) => {
        meter.output(text.length);
        terminal.write(stream, text);
      },
      get isTTY() {
        return terminal.isTTY;
      },
      get columns() {
        return terminal.columns;
      },
    };
  }

  private async openSession(spec: SessionSpec | ScreenSpec): Promise<number> {
    if ('screen' in spec) return this.screenSession(spec.screen);
    if (spec.lines) return this.lineSession(spec.lines);
    const shell = new Shell({
      flavor: spec.shell,
      system: spec.system,
      fs: spec.fs,
      user: spec.user,
      cwd: spec.cwd,
      env: spec.env,
      host: this.shellHost(),
      builtins: shellBuiltins(spec.shell),
      history: this.state.history,
      interactive: this.terminal.isTTY,
      ...(spec.pid !== undefined ? { pid: spec.pid } : {}),
    });
    if (spec.banner) this.terminal.write('stdout', spec.banner);
    const session: Session = { shell, buffer: '' };
    this.sessions.push(session);
    try {
      return (await this.repl(session)) ?? session.shell.status;
    } finally {
      this.sessions.pop();
    }
  }

  /**
   * Gives the terminal to a full-screen program: raw mode on the alternate screen (the shell's
   * screen and scrollback come back when it ends, however it ends), keystroke chunks to its `keys`.
   * Each chunk is a line's worth of budget: the program charges its keys and edits to the meter.
   */
  private async screenSession(screen: ScreenSession): Promise<number> {
    const out = this.output('stdout');
    const size = () => ({ columns: this.terminal.columns, rows: this.terminal.rows });
    return this.terminal.raw(async () => {
      out.write('\x1b[?1049h\x1b[H\x1b[2J');
      this.redraw = () => this.terminal.write('stdout', screen.draw(size()));
      try {
        out.write(screen.draw(size()));
        for (;;) {
          const keys = await this.terminal.readKeys();
          // End of input (a piped stdin): the program ends as it would on a hang-up.
          if (keys === null) return 1;
          this.meter.startLine();
          const { draw, status } = screen.keys(keys, size(), (steps) => this.meter.step(steps));
          out.write(draw);
          if (status !== undefined) return status;
        }
      } finally {
        this.redraw = undefined;
        // Straight to the terminal: a budget that ran out refuses every further write through the meter.
        this.terminal.write('stdout', '\x1b[?1049l');
      }
    });
  }

  /** Hands typed lines to a program's own prompt loop until it ends. */
  private async lineSession(lines: LineSession): Promise<number> {
    const parent = this.sessions[this.sessions.length - 1] as Session;
    this.sessions.push({ shell: parent.shell, buffer: '', lines });
    const out = this.output('stdout');
    const err = this.output('stderr');
    try {
      for (;;) {
        const typed = await this.terminal.readLine();
        if (typed === null) return lines.end(out, err);
        await this.scheduler.advance(this.state.clock + typed.wait);
        this.lineWaits = 0;
        this.meter.startLine();
        const status = await lines.line(typed.text, out, err);
        if (status !== undefined) return status;
      }
    } finally {
      this.sessions.pop();
    }
  }

  private async loop(): Promise<void> {
    // A restored state's running servers answer at once, so their code loads before the first prompt.
    const loading = this.docker.loadServices();
    if (loading) await loading;
    for (;;) {
      const status = await this.repl(this.sessions[0] as Session);
      if (status === null) return;
      this.terminal.write('stdout', 'logout\n');
    }
  }

  /** Reads and runs lines until `exit`; null at end of input. */
  private async repl(session: Session): Promise<number | null> {
    const io: Io = {
      stdin: textInput('', this.terminal.isTTY),
      stdout: this.output('stdout'),
      stderr: this.output('stderr'),
    };
    for (;;) {
      const typed = await this.terminal.readLine();
      if (typed === null) {
        if (session.buffer) {
          this.terminal.write(
            'stderr',
            `${session.shell.diagnosticPrefix()}syntax error: unexpected end of file\n`,
          );
          session.buffer = '';
        }
        return this.sessions.length > 1 ? session.shell.status : null;
      }
      await this.scheduler.advance(this.state.clock + typed.wait);
      let text = typed.text;
      if (session.shell.flavor === 'bash' && text.includes('!')) {
        // An interactive bash expands `!!` and the like first, and shows the line it made.
        const expanded = expandHistory(text, this.state.history);
        if ('error' in expanded) {
          this.terminal.write('stderr', `bash: ${expanded.error}\n`);
          session.buffer = '';
          continue;
        }
        if (expanded.changed) {
          text = expanded.line;
          this.terminal.write('stderr', `${text}\n`);
        }
      }
      session.buffer += `${text}\n`;
      if (!session.buffer.trim()) {
        session.buffer = '';
        continue;
      }
      try {
        parseScript(session.buffer, session.shell.flavor);
      } catch (error) {
        if (error instanceof IncompleteInput) continue;
      }
      const source = session.buffer;
      session.buffer = '';
      this.lineWaits = 0;
      this.meter.startLine();
      this.state.history.push(source.replace(/\n$/, ''));
      try {
        await session.shell.execute(source, io);
      } catch (error) {
        if (error instanceof ExitShell) return error.status;
        if (error instanceof BudgetExceeded) {
          this.terminal.write('stderr', `${session.shell.diagnosticPrefix()}${error.message}\n`);
          session.shell.status = budgetStatus(error.kind);
          continue;
        }
        if (error instanceof Interrupted) {
          session.shell.status = 130;
          if (!this.terminal.isTTY) continue;
          this.terminal.write('stdout', '\n');
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        this.terminal.write('stderr', `${session.shell.diagnosticPrefix()}${message}\n`);
        session.shell.status = 1;
      } finally {
        // Background jobs that ended are reported before the next prompt, as bash does.
        const notices = session.shell.jobs.reap();
        if (notices && session.shell.interactive) this.terminal.write('stderr', notices);
      }
    }
  }
}

/** What `busybox` alone prints: its banner, usage and the applets of this build. */
function busyboxHelp(names: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const name of names) {
    const item = `${name}, `;
    if (line && line.length + item.length > 72) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += item;
  }
  lines.push(line.replace(/, $/, ''));
  return `${BUSYBOX_BANNER}
BusyBox is copyrighted by many authors between 1998-2015.
Licensed under GPLv2. See source distribution for detailed
copyright notices.

Usage: busybox [function [arguments]...]
   or: busybox --list[-full]
   or: busybox --install [-s] [DIR]
   or: function [arguments]...

\tBusyBox is a multi-call binary that combines many common Unix
\tutilities into a single executable.  The shell in this build
\tis configured to run built-in utilities without $PATH search.
\tYou don't need to install a link to busybox for each utility.
\tTo run external program, use full path (/sbin/ip instead of ip).

Currently defined functions:
${lines.map((l) => `\t${l}\n`).join('')}`;
}

/** Every executable the sandbox's files can name, by program id. */
function buildPrograms(docker: DockerEngine): Record<string, Program> {
  const programs: Record<string, Program> = {};
  for (const [name, program] of Object.entries(coreutils('gnu'))) programs[`gnu/${name}`] = program;
  const applets = coreutils('busybox');
  const shells: Record<ShellFlavor, Program> = {
    bash: shellProgram('bash', shellBuiltins('bash')),
    ash: shellProgram('ash', shellBuiltins('ash')),
    dash: shellProgram('dash', shellBuiltins('dash')),
  };
  const names = [...new Set([...Object.keys(applets), 'ash', 'busybox', 'sh'])].sort();
  programs.busybox = async (ctx) => {
    const applet = basename(ctx.argv[0] ?? '');
    if (applet === 'busybox') {
      // `busybox APPLET ARGS` runs the applet; alone (or with --help) it prints its help, and --list its applets.
      const [first, ...rest] = ctx.argv.slice(1);
      if (first === '--list') {
        ctx.stdout.write(names.map((name) => `${name}\n`).join(''));
        return 0;
      }
      if (first === undefined || first === '--help') {
        ctx.stdout.write(busyboxHelp(names));
        return 0;
      }
      return programs.busybox?.({ ...ctx, argv: [first, ...rest] }) ?? 127;
    }
    const program = applet === 'sh' || applet === 'ash' ? shells.ash : applets[applet];
    if (!program) {
      ctx.stderr.write(`${applet}: applet not found\n`);
      return 127;
    }
    return program(ctx);
  };
  programs.bash = shells.bash;
  programs['bash-5.2.37'] = shells.bash;
  programs.dash = shells.dash;
  programs['musl/getent'] = lazyProgram(async () => (await import('./commands/getent.ts')).getent('musl'));
  // The C toolchain that build-base and build-essential install, loaded when first run.
  const toolchain = () => import('./programs/toolchain.ts');
  for (const [distro, key] of [
    ['debian', 'DEBIAN_TOOLCHAIN'],
    ['alpine', 'ALPINE_TOOLCHAIN'],
  ] as const) {
    programs[`gcc/${distro}`] = lazyProgram(async () =>
      (await toolchain()).gcc((await toolchain())[key], 'gcc'),
    );
    programs[`g++/${distro}`] = lazyProgram(async () =>
      (await toolchain()).gcc((await toolchain())[key], 'g++'),
    );
    programs[`make/${distro}`] = lazyProgram(async () => (await toolchain()).make((await toolchain())[key]));
  }
  programs['c-program'] = lazyProgram(async () => (await toolchain()).compiledProgram);
  programs.dpkg = lazyProgram(async () => (await import('./packages/dpkg.ts')).dpkg);
  programs.docker = dockerProgram(docker);
  programs.hello = hello;
  programs.entrypoint = entrypoint;
  // Package managers and clients load when first typed: a lab that installs nothing never fetches them.
  programs['redis-cli'] = lazyProgram(async () => (await import('./programs/redis-cli.ts')).redisCli);
  programs.apk = lazyProgram(async () => (await import('./packages/apk.ts')).apk);
  programs['apt-get'] = lazyProgram(async () => (await import('./packages/apt.ts')).aptGet);
  programs.npm = lazyProgram(async () => (await import('./packages/npm.ts')).npm);
  programs.yarn = lazyProgram(async () => (await import('./packages/yarn.ts')).yarn);
  programs.nodemon = lazyProgram(async () => (await import('./programs/node-app.ts')).nodemon);
  programs.mysql = lazyProgram(async () => (await import('./programs/mysql.ts')).mysql);
  // git's catalogue of repositories is large: it loads when git is first typed.
  programs.git = lazyProgram(async () => (await import('./programs/git.ts')).git);
  programs.pip = lazyProgram(async () => (await import('./packages/pip.ts')).pip);
  // The editors load when first typed.
  programs.nano = lazyProgram(async () => (await import('./programs/editor/index.ts')).nano);
  programs.vim = lazyProgram(async () => (await import('./programs/editor/index.ts')).vi('vim'));
  programs.python3 = lazyProgram(async () => (await import('./programs/runtimes.ts')).python3);
  programs.node = lazyProgram(async () => (await import('./programs/runtimes.ts')).node);
  programs['service/nginx'] = lazyProgram(async () => (await import('./programs/nginx.ts')).nginx);
  programs['service/redis'] = serviceBinary('redis-server', 'v=8.2.3', 6379);
  programs['service/postgres'] = serviceBinary(
    'postgres',
    '(PostgreSQL) 18.1 (Debian 18.1-1.pgdg13+2)',
    5432,
  );
  programs['service/registry'] = serviceBinary('registry', 'github.com/docker/distribution 2.8.3', 5000);
  programs['service/mysqld'] = serviceBinary(
    'mysqld',
    'Ver 8.0.44 for Linux on x86_64 (MySQL Community Server - GPL)',
    3306,
  );
  return programs;
}
