import { escapeLiteral, translateRegex } from '../commands/regex.ts';
import type { RandomState } from '../core/random.ts';
import { BudgetExceeded, budgetStatus, type WorkMeter } from '../core/work-meter.ts';
import { type Filesystem, FsError } from '../fs/filesystem.ts';
import { resolvePath } from '../fs/path.ts';
import type { Task } from '../process/scheduler.ts';
import { signalName } from '../process/signals.ts';
import { compilePattern } from '../regex/index.ts';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.ts';
import type {
  AndOr,
  Command,
  ConditionalExpression,
  ForCommand,
  ParamPart,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  Word,
} from './ast.ts';
import { bashRelease } from './bash-release.ts';
import { compileGlob, globSegments, hasGlob, type Segment } from './glob.ts';
import { JOB_BUILTINS } from './job-builtins.ts';
import { JobTable } from './jobs.ts';
import {
  BadSubstitution,
  ConditionalSyntaxError,
  IncompleteInput,
  parseHeredocBody,
  parseScript,
  ShellSyntaxError,
} from './parser.ts';
import {
  type ChildShell,
  EndlessWait,
  ForkFailed,
  Interrupted,
  type Program,
  type ProgramContext,
  type ScreenSpec,
  type SessionSpec,
  type ShellFlavor,
  type User,
} from './program.ts';
import { bufferStream, EMPTY_INPUT, type InputStream, type OutputStream, textInput } from './streams.ts';
import type { System } from './system.ts';

export interface Io {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** What the shell needs from the world around it: time, randomness, and nested sessions. */
export interface ShellHost {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Time spent working, not waiting (a program's start, a loop's turn): the work meter bounds it. */
  work(ms: number): Promise<void>;
  random: RandomState;
  session(spec: SessionSpec | ScreenSpec): Promise<number>;
  /** The sandbox's budget of work, shared by every shell in it. */
  meter: WorkMeter;
  /** Told of every command that ran to its end, with its status (what a `ran` check looks at). */
  ran?(argv: string[], status: number): void;
  /** Starts a background process; absent where nothing can run in the background. */
  spawn?(command: string, user: User, body: (host: ShellHost) => Promise<number>): Promise<BackgroundProcess>;
  /**
   * Lets the scheduler run until `done()` holds, looking again whenever one of `tasks` ends or the
   * shell's process is woken (the learner's shell waits in virtual time; a background one sleeps).
   */
  block?(done: () => boolean, tasks: Task[]): Promise<void>;
  /** The process this shell runs as, when it is one of the scheduler's tasks. */
  process?: ProcessControl;
  /**
   * Present where a memory limit holds (a container started with `-m`): a program outgrew it, so
   * the kernel's OOM killer ends that program with SIGKILL, as it does in the limit's cgroup.
   */
  outOfMemory?(): void;
}

/** A process started in the background, and the task that runs it. */
export interface BackgroundProcess {
  pid: number;
  task: Task;
}

/** How a shell running as a background process reaches that process. */
export interface ProcessControl {
  task: Task;
  /** PID 1 of a container: signals it has no handler for do nothing. */
  init: boolean;
  /** Cuts a blocked wait short. */
  wake(): void;
  /** Ends the process with a signal's default action. */
  terminate(signal: number): void;
}

/** Signals whose default action leaves a process running. */
const IGNORED_BY_DEFAULT = new Set([17, 18, 23, 28]);

/**
 * The host of a shell that a program starts (`docker exec`, `ssh`, a build step): the program's own
 * clock, waits, randomness, sessions and budget of work.
 */
export const hostOf = (ctx: Omit<ShellHost, 'ran'>): ShellHost => ({
  now: ctx.now,
  sleep: ctx.sleep,
  work: ctx.work,
  random: ctx.random,
  session: ctx.session,
  meter: ctx.meter,
});

export interface ShellOptions {
  flavor: ShellFlavor;
  system: System;
  fs: Filesystem;
  user: User;
  cwd: string;
  env: Record<string, string>;
  host: ShellHost;
  /** Commands the shell runs itself, whatever the filesystem holds (echo, test, kill, …). */
  builtins: Readonly<Record<string, Program>>;
  /** Lines typed so far, for `history`; shared with the terminal. */
  history?: string[];
  /** A shell reading a terminal: it reports background jobs as they start and end. */
  interactive?: boolean;
  /** The shell's process ID (`$$`), as its machine's PID namespace numbers it. */
  pid?: number;
}

/** Ends the shell (`exit`), unwinding every loop and function. */
export class ExitShell extends Error {
  readonly status: number;
  constructor(status: number) {
    super('exit');
    this.status = status;
  }
}

/** `return` from a function or a sourced file. */
class ReturnFromFunction extends Error {
  readonly status: number;
  constructor(status: number) {
    super('return');
    this.status = status;
  }
}

/**
 * An expansion bash refuses while running a line (`$((1/0))`, `${x:?}`): it prints the message
 * and abandons the rest of the line with status 1.
 */
export class ExpansionError extends Error {}

class LoopControl extends Error {
  readonly kind: 'break' | 'continue';
  constructor(kind: 'break' | 'continue') {
    super(kind);
    this.kind = kind;
  }
}

const NULL_STREAM: OutputStream = { write: () => {}, isTTY: false, columns: 80 };

/**
 * A POSIX-style shell (bash, BusyBox ash or dash flavour) over the sandbox's filesystem and
 * programs. It knows nothing of the programs it runs beyond their uniform signature.
 */
export class Shell {
  readonly flavor: ShellFlavor;
  /** The source line of the simple command running now, for a non-interactive bash's errors. */
  private line = 1;
  /** `$0`, and what the shell calls itself in its errors: the name it was run by. */
  name: string;
  readonly system: System;
  readonly fs: Filesystem;
  readonly user: User;
  readonly host: ShellHost;
  readonly builtins: Readonly<Record<string, Program>>;
  readonly history: string[];
  readonly interactive: boolean;
  readonly pid: number;
  cwd: string;
  status = 0;
  /** Background jobs this shell started. */
  readonly jobs = new JobTable();
  /** Trap actions by signal name (`TERM`, `EXIT`); an empty action ignores the signal. */
  readonly traps = new Map<string, string>();
  /** PID of the last background job (`$!`). */
  lastBackground: number | undefined;
  private readonly pending: number[] = [];
  private blocking = false;
  private readonly vars = new Map<string, { value: string; exported: boolean }>();
  /** Indexed arrays (`a=(x y)`, BASH_REMATCH); `$a` is element 0. */
  private readonly arrays = new Map<string, string[]>();
  private readonly functions = new Map<string, Command>();
  /** `$1`, `$2`…: the running function's arguments (the shell's, at the top). */
  private positional: string[] = [];
  /** Per running function, the variables `local` shadowed, to restore when it returns. */
  private readonly frames: Map<string, { value: string; exported: boolean } | undefined>[] = [];
  /** `set -e` and `set -o pipefail`. */
  private readonly options = { errexit: false, pipefail: false };
  /** How many malformed `[[ ]]` this shell has read. */
  private conditionalErrors = 0;
  /** Inside an `if`/`while` condition, or a `&&`/`||`/`!` operand, where `set -e` does not apply. */
  private tested = 0;

  constructor(options: ShellOptions) {
    this.flavor = options.flavor;
    this.name = options.flavor === 'bash' ? 'bash' : 'sh';
    this.system = options.system;
    this.fs = options.fs;
    this.user = options.user;
    this.host = options.host;
    this.builtins = options.builtins;
    this.history = options.history ?? [];
    this.interactive = options.interactive ?? false;
    this.pid = options.pid ?? 4242;
    this.cwd = options.cwd;
    for (const [name, value] of Object.entries(options.env)) this.vars.set(name, { value, exported: true });
    this.vars.set('PWD', { value: this.cwd, exported: true });
    if (this.flavor === 'bash')
      this.vars.set('BASH_VERSION', { value: bashRelease(this.fs), exported: false });
  }

  /** The exported environment. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, v] of this.vars) if (v.exported) env[name] = v.value;
    return env;
  }

  /** Every variable, for saving the shell's state. */
  variables(): [string, { value: string; exported: boolean }][] {
    return [...this.vars.entries()];
  }

  getVar(name: string): string | undefined {
    const array = this.arrays.get(name);
    return array ? array[0] : this.vars.get(name)?.value;
  }

  setVar(name: string, value: string, exported?: boolean): void {
    this.host.meter.string(value);
    const array = this.arrays.get(name);
    if (array) {
      array[0] = value;
      return;
    }
    const existing = this.vars.get(name);
    this.vars.set(name, { value, exported: exported ?? existing?.exported ?? false });
  }

  unsetVar(name: string): void {
    this.vars.delete(name);
    this.arrays.delete(name);
  }

  private setArray(name: string, values: string[]): void {
    for (const value of values) this.host.meter.string(value);
    this.arrays.set(name, values);
    this.vars.delete(name);
  }

  exportVar(name: string, value?: string): void {
    const existing = this.vars.get(name);
    this.vars.set(name, { value: value ?? existing?.value ?? '', exported: true });
  }

  unsetFunction(name: string): void {
    this.functions.delete(name);
  }

  hasFunction(name: string): boolean {
    return this.functions.has(name);
  }

  inFunction(): boolean {
    return this.frames.length > 0;
  }

  /** `local name[=value]`: shadows the variable until the function returns. */
  makeLocal(name: string, value?: string): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) return;
    if (!frame.has(name)) {
      const previous = this.vars.get(name);
      frame.set(name, previous && { ...previous });
      if (value === undefined) this.vars.set(name, { value: '', exported: false });
    }
    if (value !== undefined) this.setVar(name, value);
  }

  /** `shift n`: false when there are fewer than n arguments. */
  shift(n: number): boolean {
    if (n > this.positional.length) return false;
    this.positional = this.positional.slice(n);
    return true;
  }

  /** `set`: options (`-e`, `-o pipefail`) and the positional parameters (`set -- a b`). */
  set(args: string[], io: Io): number {
    const names: Record<string, keyof Shell['options']> = {
      e: 'errexit',
      errexit: 'errexit',
      pipefail: 'pipefail',
    };
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '--' || !/^[-+]/.test(arg)) {
        this.positional = args.slice(arg === '--' ? i + 1 : i);
        return 0;
      }
      const on = arg.startsWith('-');
      if (arg.slice(1) === 'o') {
        const name = args[++i];
        const option = name === undefined ? undefined : names[name];
        if (name === undefined) return 0;
        if (!option || name === 'e') {
          io.stderr.write(`${this.diagnosticPrefix()}set: ${name}: invalid option name\n`);
          return 2;
        }
        this.options[option] = on;
        continue;
      }
      for (const letter of arg.slice(1)) {
        if (letter === 'e') this.options.errexit = on;
        else if (!'ufxvhBCHPTabkmnpt'.includes(letter)) {
          io.stderr.write(
            `${this.diagnosticPrefix()}set: ${arg[0]}${letter}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n`,
          );
          return 2;
        }
      }
    }
    return 0;
  }

  /** The prefix of this shell's own error messages: `bash: `, `sh: `, `sh: 1: `. */
  diagnosticPrefix(): string {
    return this.flavor === 'dash' ? `${this.name}: 1: ` : `${this.name}: `;
  }

  /**
   * How BusyBox ash starts a builtin's error: `sh: cd: line 0: `, with the line (0 for `sh -c`, as
   * 1.35 counts it) except at an interactive prompt.
   */
  ashCommandPrefix(command: string): string {
    return `sh: ${command}: ${this.interactive ? '' : 'line 0: '}`;
  }

  /** Parses and runs source text. Syntax errors are reported like the real shell (status 2). */
  async execute(source: string, io: Io): Promise<number> {
    let script: Script;
    try {
      script = parseScript(source, this.flavor);
    } catch (error) {
      if (error instanceof IncompleteInput && this.flavor === 'dash') {
        const expecting = error.expecting ? ` (expecting "${error.expecting}")` : '';
        io.stderr.write(`${this.diagnosticPrefix()}Syntax error: end of file unexpected${expecting}\n`);
      } else if (error instanceof IncompleteInput) {
        const what =
          this.flavor === 'ash' && error.missing ? `missing '${error.missing}'` : 'unexpected end of file';
        io.stderr.write(`${this.diagnosticPrefix()}syntax error: ${what}\n`);
      } else if (error instanceof ShellSyntaxError && this.flavor === 'dash') {
        // dash quotes the token it did not expect, and names a newline.
        const token = error.token === 'newline' ? 'newline' : `"${error.token}"`;
        io.stderr.write(`${this.diagnosticPrefix()}Syntax error: ${token} unexpected\n`);
      } else if (error instanceof ConditionalSyntaxError) {
        // bash reports every other malformed `[[ ]]` as a plain syntax error at its first word,
        // and only that one sets `$?`.
        this.conditionalErrors++;
        if (this.conditionalErrors % 2 === 1) {
          io.stderr.write(`${this.diagnosticPrefix()}${error.message}\n`);
          return this.status;
        }
        io.stderr.write(`${this.diagnosticPrefix()}${new ShellSyntaxError(error.token).message}\n`);
      } else if (error instanceof ShellSyntaxError || error instanceof BadSubstitution) {
        io.stderr.write(`${this.diagnosticPrefix()}${error.message}\n`);
      } else throw error;
      this.status = 2;
      return 2;
    }
    try {
      return await this.runScript(script, io);
    } catch (error) {
      if (error instanceof ForkFailed) {
        this.status = 2;
        return 2;
      }
      if (!(error instanceof ExpansionError)) throw error;
      io.stderr.write(`${this.diagnosticPrefix()}${error.message}\n`);
      this.status = 1;
      return 1;
    }
  }

  async runScript(script: Script, io: Io): Promise<number> {
    for (const statement of script.statements) {
      if (statement.background && this.host.spawn) await this.runBackground(statement, io);
      else await this.runAndOr(statement, io);
      if (this.pending.length > 0) await this.runTraps(io);
    }
    return this.status;
  }

  /** `command &`: a copy of this shell runs it as a process of its own, reading nothing. */
  private async runBackground(statement: AndOr, io: Io): Promise<void> {
    const spawn = this.host.spawn as NonNullable<ShellHost['spawn']>;
    const text = statement.text ?? '';
    const foreground = { ...statement, background: false };
    let started: BackgroundProcess;
    try {
      started = await spawn(text, this.user, (host) => {
        const child = this.fork(host);
        const bio = { ...io, stdin: EMPTY_INPUT };
        return child.asProcess(() => child.runAndOr(foreground, bio), bio);
      });
    } catch (error) {
      if (!(error instanceof ForkFailed)) throw error;
      io.stderr.write(`${this.diagnosticPrefix()}${this.forkFailure(error)}\n`);
      // A shell that cannot fork gives up: a script ends with status 2, a prompt drops the line.
      if (!this.interactive) throw new ExitShell(2);
      throw error;
    }
    const job = this.jobs.add(started.pid, started.task, text);
    this.lastBackground = started.pid;
    if (this.interactive) io.stderr.write(`[${job.n}] ${started.pid}\n`);
    this.status = 0;
  }

  /** How each shell words a failed fork(2): BusyBox ash, dash (forkshell) and bash (make_child). */
  private forkFailure(error: ForkFailed): string {
    if (this.flavor === 'ash') return `can't fork: ${error.message}`;
    if (this.flavor === 'dash') return 'Cannot fork';
    return `fork: ${error.message}`;
  }

  /**
   * Runs `body` as the process this shell is: signals reach this shell's traps, `exit` ends it, a
   * spent budget ends it with the shell's message, and the EXIT trap runs at the end.
   */
  async asProcess(body: () => Promise<number>, io: Io): Promise<number> {
    const task = this.host.process?.task;
    const previous = task?.onSignal;
    if (task) task.onSignal = (signal) => this.receive(signal);
    let status: number;
    try {
      status = await body();
    } catch (error) {
      if (error instanceof ExitShell) status = error.status;
      else if (error instanceof BudgetExceeded && task) {
        io.stderr.write(`${this.diagnosticPrefix()}${error.message}\n`);
        status = budgetStatus(error.kind);
      } else throw error;
    } finally {
      if (task) task.onSignal = previous;
    }
    const exit = this.traps.get('EXIT');
    if (!exit) return status;
    this.traps.delete('EXIT');
    this.status = status;
    try {
      await this.execute(exit, io);
    } catch (error) {
      if (error instanceof ExitShell) return error.status;
      throw error;
    }
    return status;
  }

  /** A signal sent to this shell's process: trapped, ignored, or its default action. */
  receive(signal: number): void {
    const action = this.traps.get(signalName(signal));
    const process = this.host.process;
    if (action === '') return;
    if (action !== undefined) {
      this.pending.push(signal);
      // A trapped signal ends `wait` at once; a running command finishes first, as in bash.
      if (this.blocking) process?.wake();
      return;
    }
    if (process?.init || IGNORED_BY_DEFAULT.has(signal)) return;
    process?.terminate(signal);
  }

  /** Waits for `done()`, or for a trapped signal; the signal's number when one came. */
  async block(done: () => boolean, tasks: Task[]): Promise<number | undefined> {
    if (!this.host.block) return undefined;
    this.blocking = true;
    try {
      await this.host.block(() => done() || this.pending.length > 0, tasks);
    } finally {
      this.blocking = false;
    }
    return this.pending[0];
  }

  private async runTraps(io: Io): Promise<void> {
    while (this.pending.length > 0) {
      const action = this.traps.get(signalName(this.pending.shift() as number));
      if (!action) continue;
      const status = this.status;
      await this.execute(action, io);
      this.status = status;
    }
  }

  private async runAndOr(statement: AndOr, io: Io): Promise<number> {
    const pipelines = [statement.first, ...statement.rest.map((r) => r.pipeline)];
    let status = 0;
    let last: Pipeline = statement.first;
    for (let i = 0; i < pipelines.length; i++) {
      const op = i === 0 ? undefined : statement.rest[i - 1]?.op;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      last = pipelines[i] as Pipeline;
      // Only the last command of an AND-OR list, not negated, can make `set -e` exit.
      const tested = i < pipelines.length - 1 || last.negate;
      if (tested) this.tested++;
      try {
        status = await this.runPipeline(last, io);
      } finally {
        if (tested) this.tested--;
      }
    }
    if (status !== 0 && this.options.errexit && this.tested === 0 && !last.negate) {
      throw new ExitShell(status);
    }
    return status;
  }

  /** Runs an `if` or `while` condition, where `set -e` does not apply. */
  private async runCondition(script: Script, io: Io): Promise<number> {
    this.tested++;
    try {
      return await this.runScript(script, io);
    } finally {
      this.tested--;
    }
  }

  private async runPipeline(pipeline: Pipeline, io: Io): Promise<number> {
    const started = this.host.now();
    let input = io.stdin;
    let status = 0;
    let failed = 0;
    for (let i = 0; i < pipeline.commands.length; i++) {
      const last = i === pipeline.commands.length - 1;
      const out = last ? io.stdout : bufferStream(this.host.meter);
      try {
        // A lone command runs in this shell's own streams, so `exec >file` can change them.
        const stage = pipeline.commands.length === 1 ? io : { stdin: input, stdout: out, stderr: io.stderr };
        status = await this.runCommand(pipeline.commands[i] as Command, stage);
      } catch (error) {
        if (!last && this.host.outOfMemory && error instanceof BudgetExceeded && error.kind === 'memory') {
          // Under a memory limit, what went into the pipe outgrew it: the OOM killer ends the stage
          // reading it, which leaves the pipeline with its status, and the shell reports the signal.
          this.host.outOfMemory();
          io.stderr.write('Killed\n');
          this.status = 137;
          return 137;
        }
        if (last || !(error instanceof EndlessWait)) throw error;
        status = 141;
      }
      if (status !== 0) failed = status;
      if (!last) input = textInput((out as ReturnType<typeof bufferStream>).text());
    }
    // pipefail: the status of the last command that failed.
    if (this.options.pipefail) status = failed;
    if (pipeline.negate) status = status === 0 ? 1 : 0;
    this.status = status;
    if (pipeline.timed) io.stderr.write(this.formatTime(this.host.now() - started));
    return status;
  }

  /** `time`'s report: bash prints three lines after a blank one; BusyBox and dash differ. */
  private formatTime(elapsed: number): string {
    // Waiting costs no CPU: only the shell's own fork and exec show as user and system time.
    const user = Math.min(elapsed, 1);
    const sys = Math.min(elapsed - user, 2);
    if (this.flavor === 'bash') {
      const f = (ms: number) => `${Math.floor(ms / 60000)}m${((ms % 60000) / 1000).toFixed(3)}s`;
      return `\nreal\t${f(elapsed)}\nuser\t${f(user)}\nsys\t${f(sys)}\n`;
    }
    const f = (ms: number) => `${Math.floor(ms / 60000)}m ${((ms % 60000) / 1000).toFixed(2)}s`;
    return `real\t${f(elapsed)}\nuser\t${f(user)}\nsys\t${f(sys)}\n`;
  }

  private async runCommand(command: Command, io: Io): Promise<number> {
    switch (command.type) {
      case 'simple':
        return this.runSimple(command, io);
      case 'function':
        this.functions.set(command.name, command.body);
        this.status = 0;
        return 0;
      default:
        return this.withRedirects(command.redirects, io, (rio) => this.runCompound(command, rio));
    }
  }

  private async runCompound(
    command: Exclude<Command, SimpleCommand | { type: 'function' }>,
    io: Io,
  ): Promise<number> {
    if (command.type === 'conditional') {
      this.host.meter.step();
      this.status = await this.conditional(command.expr, io);
      return this.status;
    }
    if (command.type === 'arithmetic') {
      this.host.meter.step();
      const expr = await this.expandString(parseHeredocBody(command.expr), io);
      try {
        this.status = this.arithmetic(expr) !== 0n ? 0 : 1;
      } catch (error) {
        if (!(error instanceof ArithmeticError)) throw error;
        io.stderr.write(`${this.diagnosticPrefix()}((: ${error.message}\n`);
        this.status = 1;
      }
      return this.status;
    }
    if (command.type === 'case') {
      const word = await this.expandString(command.word, io);
      this.status = 0;
      for (const item of command.items) {
        for (const pattern of item.patterns) {
          if (compileGlob(await this.patternSegments(pattern, io), { slashes: true }).test(word))
            return this.runScript(item.body, io);
        }
      }
      return 0;
    }
    if (command.type === 'if') {
      for (const clause of command.clauses) {
        if ((await this.runCondition(clause.condition, io)) === 0) return this.runScript(clause.body, io);
      }
      if (command.otherwise) return this.runScript(command.otherwise, io);
      this.status = 0;
      return 0;
    }
    if (command.type === 'for' && command.arithmetic) return this.runArithmeticFor(command, io);
    if (command.type === 'for') {
      const items = command.items ? await this.expandWords(command.items, io) : [];
      this.status = 0;
      for (const item of items) {
        this.host.meter.step();
        this.setVar(command.name, item);
        try {
          await this.runScript(command.body, io);
        } catch (error) {
          if (!(error instanceof LoopControl)) throw error;
          if (error.kind === 'break') break;
        }
      }
      return this.status;
    }
    if (command.type === 'while') {
      let last = 0;
      // Bounded by the work meter's line budget, which stops a busy loop the same way everywhere.
      for (;;) {
        this.host.meter.step();
        const condition = await this.runCondition(command.condition, io);
        if ((condition === 0) === command.until) break;
        try {
          last = await this.runScript(command.body, io);
        } catch (error) {
          if (!(error instanceof LoopControl)) throw error;
          if (error.kind === 'break') break;
        }
        await this.host.work(0);
      }
      this.status = last;
      return last;
    }
    if (command.subshell) {
      const child = this.fork();
      try {
        return await child.runScript(command.body, io);
      } catch (error) {
        if (error instanceof ExitShell) return error.status;
        throw error;
      }
    }
    return this.runScript(command.body, io);
  }

  /** `for ((init; test; step))`: an empty test is true. */
  private async runArithmeticFor(command: ForCommand, io: Io): Promise<number> {
    const [init, test, step] = command.arithmetic as [string, string, string];
    const evaluate = async (expr: string) => {
      const expanded = await this.expandString(parseHeredocBody(expr), io);
      return expanded.trim() === '' ? 1n : this.arithmetic(expanded);
    };
    this.status = 0;
    try {
      await evaluate(init);
      while ((await evaluate(test)) !== 0n) {
        this.host.meter.step();
        try {
          await this.runScript(command.body, io);
        } catch (error) {
          if (!(error instanceof LoopControl)) throw error;
          if (error.kind === 'break') break;
        }
        await evaluate(step);
        await this.host.work(0);
      }
    } catch (error) {
      if (!(error instanceof ArithmeticError)) throw error;
      io.stderr.write(`${this.diagnosticPrefix()}((: ${error.message}\n`);
      this.status = 1;
    }
    return this.status;
  }

  /** A copy of this shell for a subshell, a command substitution or a background job. */
  /**
   * A new shell on this machine that is not a copy of this one: another user's, with only the
   * environment given (sudo, su), or another shell program (`bash -c` in dash) with this user and
   * directory.
   */
  private spawn(as: ChildShell): Shell {
    const kind = as.kind ?? { flavor: this.flavor, builtins: this.builtins };
    const shell = new Shell({
      flavor: kind.flavor,
      system: this.system,
      fs: this.fs,
      user: as.identity?.user ?? this.user,
      cwd: as.identity?.cwd ?? this.cwd,
      env: as.identity?.env ?? {},
      host: this.host,
      builtins: kind.builtins,
      history: this.history,
      pid: this.pid,
    });
    if (!as.kind) shell.name = this.name;
    return shell;
  }

  fork(host: ShellHost = this.host): Shell {
    const child = new Shell({
      flavor: this.flavor,
      system: this.system,
      fs: this.fs,
      user: this.user,
      cwd: this.cwd,
      env: {},
      host,
      builtins: this.builtins,
      history: this.history,
      pid: this.pid,
    });
    child.name = this.name;
    for (const [name, v] of this.vars) child.vars.set(name, { ...v });
    for (const [name, values] of this.arrays) child.arrays.set(name, [...values]);
    for (const [name, body] of this.functions) child.functions.set(name, body);
    child.positional = [...this.positional];
    Object.assign(child.options, this.options);
    // A subshell keeps the signals its parent ignores; caught ones go back to their defaults.
    for (const [name, action] of this.traps) if (action === '') child.traps.set(name, '');
    child.status = this.status;
    child.lastBackground = this.lastBackground;
    return child;
  }

  private async runSimple(command: SimpleCommand, io: Io): Promise<number> {
    this.line = command.line ?? 1;
    this.host.meter.step();
    const argv = await this.expandWords(command.words, io);
    const assignments: [string, string][] = [];
    for (const a of command.assignments) {
      if (a.array) {
        const values = await this.expandWords(a.array, io);
        this.setArray(a.name, a.append ? [...(this.arrays.get(a.name) ?? []), ...values] : values);
        continue;
      }
      const value = await this.expandString(a.value, io);
      assignments.push([a.name, a.append ? (this.getVar(a.name) ?? '') + value : value]);
    }
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.setVar(name, value);
      return this.withRedirects(command.redirects, io, async () => this.status);
    }
    if (argv[0] === 'exec' && argv.length === 1) {
      // `exec >file`: the redirections stay, for every later command of this shell.
      return this.withRedirects(command.redirects, io, async (rio) => {
        Object.assign(io, rio);
        this.status = 0;
        return 0;
      });
    }
    return this.withRedirects(command.redirects, io, (rio) => this.invoke(argv, assignments, rio));
  }

  /** Runs a command by name: a function, a shell builtin, or a program found on PATH. */
  async invoke(argv: string[], assignments: [string, string][], io: Io): Promise<number> {
    let status: number;
    try {
      status = await this.dispatch(argv, assignments, io);
    } catch (error) {
      if (error instanceof Interrupted) this.host.ran?.(argv, 130);
      throw error;
    }
    this.host.ran?.(argv, status);
    return status;
  }

  /** `command name args`: a builtin or a program, never a function of that name. */
  runWithoutFunctions(argv: string[], io: Io): Promise<number> {
    return this.dispatch(argv, [], io, false);
  }

  private async dispatch(
    argv: string[],
    assignments: [string, string][],
    io: Io,
    functions = true,
  ): Promise<number> {
    const name = argv[0] as string;
    const fn = functions ? this.functions.get(name) : undefined;
    if (fn) return this.host.meter.nested(() => this.callFunction(fn, argv.slice(1), io));
    const special = SPECIAL_BUILTINS[name];
    if (special) return special(this, argv, io);
    const builtin = this.builtins[name];
    if (builtin) return this.runProgram(builtin, argv, assignments, io);
    const found = this.findProgram(name);
    if (found.kind === 'missing') {
      io.stderr.write(
        name.includes('/')
          ? `${this.diagnosticPrefix()}${name}: No such file or directory\n`
          : this.flavor === 'bash'
            ? `bash: ${this.interactive ? '' : `line ${this.line}: `}${name}: command not found\n`
            : `${this.diagnosticPrefix()}${name}: not found\n`,
      );
      return 127;
    }
    if (found.kind === 'denied') {
      io.stderr.write(`${this.diagnosticPrefix()}${name}: Permission denied\n`);
      return 126;
    }
    if (found.kind === 'script') {
      const child = this.fork();
      return this.host.meter.nested(() => child.asProcess(() => child.execute(found.text, io), io));
    }
    return this.runProgram(found.program, argv, assignments, io);
  }

  /** Runs a function with its arguments as `$1`…, its own `local`s, and `return`. */
  private async callFunction(body: Command, args: string[], io: Io): Promise<number> {
    const saved = this.positional;
    this.positional = args;
    this.frames.push(new Map());
    try {
      return await this.runCommand(body, io);
    } catch (error) {
      if (!(error instanceof ReturnFromFunction)) throw error;
      this.status = error.status;
      return error.status;
    } finally {
      this.positional = saved;
      for (const [name, previous] of this.frames.pop() ?? []) {
        this.arrays.delete(name);
        if (previous) this.vars.set(name, previous);
        else this.vars.delete(name);
      }
    }
  }

  private async runProgram(
    program: Program,
    argv: string[],
    assignments: [string, string][],
    io: Io,
  ): Promise<number> {
    const env = this.environment();
    for (const [name, value] of assignments) env[name] = value;
    const ctx: ProgramContext = {
      argv,
      env,
      cwd: this.cwd,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      fs: this.fs,
      user: this.user,
      system: this.system,
      random: this.host.random,
      now: () => this.host.now(),
      sleep: (ms) => this.host.sleep(ms),
      work: (ms) => this.host.work(ms),
      shell: (script, childIo, name, as) => {
        const other =
          as?.identity !== undefined || (as?.kind !== undefined && as.kind.flavor !== this.flavor);
        const child = as && other ? this.spawn(as) : this.fork();
        if (name !== undefined) child.name = name;
        if (!as?.identity) for (const [name, value] of Object.entries(env)) child.exportVar(name, value);
        const cio = {
          stdin: childIo?.stdin ?? io.stdin,
          stdout: childIo?.stdout ?? io.stdout,
          stderr: childIo?.stderr ?? io.stderr,
        };
        return this.host.meter.nested(() => child.asProcess(() => child.execute(script, cio), cio));
      },
      session: (spec) => this.host.session(spec),
      meter: this.host.meter,
    };
    await this.host.work(1);
    return program(ctx);
  }

  /** Runs an ordinary builtin by name (or the program of that name), for a builtin that wraps one. */
  async runBuiltin(name: string, argv: string[], io: Io): Promise<number> {
    const builtin = this.builtins[name];
    if (builtin) return this.runProgram(builtin, argv, [], io);
    const found = this.findProgram(name);
    return found.kind === 'program' ? this.runProgram(found.program, argv, [], io) : 127;
  }

  /** Finds an executable on PATH (or at a path): its program, a shell script, or why not. */
  findProgram(
    name: string,
  ):
    | { kind: 'program'; path: string; program: Program }
    | { kind: 'script'; path: string; text: string }
    | { kind: 'missing' }
    | { kind: 'denied' } {
    const candidates = name.includes('/')
      ? [resolvePath(this.cwd, name, this.user.home)]
      : (this.getVar('PATH') ?? '')
          .split(':')
          .filter(Boolean)
          .map((dir) => `${dir}/${name}`);
    let denied = false;
    for (const path of candidates) {
      const node = this.fs.stat(path);
      if (!node) continue;
      if (node.type !== 'file' || (node.mode & 0o111) === 0) {
        denied = true;
        continue;
      }
      const program = node.program ? this.system.programs[node.program] : undefined;
      if (program) return { kind: 'program', path, program };
      if (node.text !== undefined) return { kind: 'script', path, text: node.text };
      denied = true;
    }
    return denied ? { kind: 'denied' } : { kind: 'missing' };
  }

  private async withRedirects(
    redirects: Redirect[],
    io: Io,
    body: (io: Io) => Promise<number>,
  ): Promise<number> {
    if (redirects.length === 0) return body(io);
    const rio: Io = { ...io };
    for (const r of redirects) {
      const target = r.heredoc ? '' : await this.expandString(r.target, io);
      try {
        if (r.op === '<<') {
          const text = r.heredoc?.expand
            ? await this.expandString(parseHeredocBody(r.heredoc.body), io)
            : (r.heredoc?.body ?? '');
          rio.stdin = textInput(text);
        } else if (r.op === '<<<') rio.stdin = textInput(`${target}\n`);
        else if (r.op === '<') rio.stdin = this.openInput(target);
        else if (r.op === '>&' || r.op === '<&') {
          const stream = target === '1' ? rio.stdout : target === '2' ? rio.stderr : undefined;
          if (target === '-') setFd(rio, r.fd, NULL_STREAM);
          else if (stream) setFd(rio, r.fd, stream);
          else {
            const file = this.openOutput(target, false);
            rio.stdout = file;
            rio.stderr = file;
          }
        } else if (r.op === '&>' || r.op === '&>>') {
          const file = this.openOutput(target, r.op === '&>>');
          rio.stdout = file;
          rio.stderr = file;
        } else setFd(rio, r.fd, this.openOutput(target, r.op === '>>'));
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        io.stderr.write(this.redirectError(target, error, r.op === '<'));
        this.status = this.flavor === 'dash' ? 2 : 1;
        return this.status;
      }
    }
    return body(rio);
  }

  /** A redirection that failed, in each shell's words (BusyBox and dash have their own for ENOENT). */
  private redirectError(target: string, error: FsError, input: boolean): string {
    const missing = error.code === 'ENOENT';
    if (this.flavor === 'ash') {
      const why = missing ? (input ? 'no such file' : 'nonexistent directory') : error.message;
      return `sh: can't ${input ? 'open' : 'create'} ${target}: ${why}\n`;
    }
    if (this.flavor === 'dash') {
      const why = missing ? (input ? 'No such file' : 'Directory nonexistent') : error.message;
      return `sh: 1: cannot ${input ? 'open' : 'create'} ${target}: ${why}\n`;
    }
    return `bash: ${target}: ${error.message}\n`;
  }

  private openInput(path: string): InputStream {
    if (path === '/dev/null') return EMPTY_INPUT;
    const full = resolvePath(this.cwd, path, this.user.home);
    return textInput(this.fs.readText(full));
  }

  private openOutput(path: string, append: boolean): OutputStream {
    if (path === '/dev/null') return NULL_STREAM;
    if (path === '/dev/stdout' || path === '/dev/stderr') return NULL_STREAM;
    const full = resolvePath(this.cwd, path, this.user.home);
    if (!append || !this.fs.exists(full)) this.fs.writeFile(full, '', { actor: this.user });
    return {
      write: (text) => this.fs.writeFile(full, text, { actor: this.user, append: true }),
      isTTY: false,
      columns: 80,
    };
  }

  // --- expansion ---

  /** Expands words into fields: parameters, command substitution, splitting and globbing. */
  async expandWords(words: Word[], io: Io): Promise<string[]> {
    const out: string[] = [];
    for (const word of words) out.push(...(await this.expandWord(word, io)));
    return out;
  }

  /** Expands a word into one string with no splitting or globbing (assignments, redirection targets). */
  async expandString(word: Word, io: Io): Promise<string> {
    let text = '';
    for (const part of word.parts) {
      if (part.type === 'text') text += part.value;
      else text += await this.expandPart(part, io);
      this.host.meter.string(text);
    }
    return this.expandTilde(word, text);
  }

  private expandTilde(word: Word, text: string): string {
    const first = word.parts[0];
    if (first?.type === 'text' && !first.quoted && (first.value === '~' || first.value.startsWith('~/'))) {
      return this.user.home + text.slice(1);
    }
    return text;
  }

  private async expandPart(part: Exclude<Word['parts'][number], { type: 'text' }>, io: Io): Promise<string> {
    if (part.type === 'param') return this.expandParam(part, io);
    if (part.type === 'arith') {
      const expanded = await this.expandString(parseHeredocBody(part.expr), io);
      try {
        return String(this.arithmetic(expanded));
      } catch (error) {
        if (error instanceof ArithmeticError) throw new ExpansionError(error.message);
        throw error;
      }
    }
    const capture = bufferStream(this.host.meter);
    const child = this.fork();
    try {
      this.status = await child.runScript(part.script, {
        stdin: io.stdin,
        stdout: capture,
        stderr: io.stderr,
      });
    } catch (error) {
      if (!(error instanceof ExitShell)) throw error;
      this.status = error.status;
    }
    return capture.text().replace(/\n+$/, '');
  }

  /** Evaluates arithmetic over this shell's variables; throws ArithmeticError. */
  arithmetic(expr: string): bigint {
    return evaluateArithmetic(expr, {
      get: (name) => this.getVar(name),
      set: (name, value) => this.setVar(name, value),
    });
  }

  /** The values `$@`, `${a[@]}` and the like stand for, one per field; undefined for a single value. */
  private listOf(part: ParamPart): string[] | undefined {
    if (part.index === '@' || part.index === '*') {
      const scalar = this.getVar(part.name);
      return this.arrays.get(part.name) ?? (scalar === undefined ? [] : [scalar]);
    }
    if (part.name === '@' || part.name === '*') return this.positional;
    return undefined;
  }

  /** A parameter's value, or undefined when it is unset. */
  private paramValue(part: ParamPart): string | undefined {
    const list = this.listOf(part);
    if (list) return list.join(' ');
    if (part.index !== undefined) {
      const scalar = this.getVar(part.name);
      const values = this.arrays.get(part.name) ?? (scalar === undefined ? [] : [scalar]);
      let i = Number(this.arithmetic(part.index));
      if (i < 0) i += values.length;
      return values[i];
    }
    if (/^\d+$/.test(part.name))
      return part.name === '0' ? this.special('0') : this.positional[Number(part.name) - 1];
    return this.special(part.name) ?? this.getVar(part.name);
  }

  private async expandParam(part: ParamPart, io: Io): Promise<string> {
    const value = this.paramValue(part);
    const arg = async () => (part.arg ? this.expandString(part.arg, io) : '');
    switch (part.op) {
      case undefined:
        return value ?? '';
      case 'length': {
        const list = this.listOf(part);
        return String(list ? list.length : [...(value ?? '')].length);
      }
      case ':-':
        return value ? value : arg();
      case '-':
        return value !== undefined ? value : arg();
      case ':=':
      case '=': {
        if (part.op === ':=' ? value : value !== undefined) return value as string;
        const fallback = await arg();
        this.setVar(part.name, fallback);
        return fallback;
      }
      case ':+':
        return value ? arg() : '';
      case '+':
        return value !== undefined ? arg() : '';
      case ':?':
      case '?': {
        if (part.op === ':?' ? value : value !== undefined) return value as string;
        const message =
          (await arg()) || (part.op === ':?' ? 'parameter null or not set' : 'parameter not set');
        throw new ExpansionError(`${part.name}: ${message}`);
      }
      case ':':
        return this.substring(value ?? '', part, io);
      default:
        return this.transform(value ?? '', part, io);
    }
  }

  /** `${x:offset}` and `${x:offset:length}`: negative numbers count from the end. */
  private async substring(value: string, part: ParamPart, io: Io): Promise<string> {
    const evaluate = async (word: Word | undefined) => {
      const text = word ? await this.expandString(word, io) : '';
      try {
        return Number(this.arithmetic(text));
      } catch (error) {
        if (error instanceof ArithmeticError) throw new ExpansionError(error.message);
        throw error;
      }
    };
    const chars = [...value];
    let start = await evaluate(part.arg);
    if (start < 0) start = Math.max(0, chars.length + start);
    if (start > chars.length) return '';
    if (part.length === undefined) return chars.slice(start).join('');
    let end = await evaluate(part.length);
    if (end < 0) {
      end += chars.length;
      if (end < start) throw new ExpansionError(`${end - chars.length}: substring expression < 0`);
    } else end = start + end;
    return chars.slice(start, end).join('');
  }

  /** Pattern removal (`#`, `%`), replacement (`/`) and case changes (`^^`, `,,`). */
  private async transform(value: string, part: ParamPart, io: Io): Promise<string> {
    const op = part.op as string;
    const pattern = part.arg ? await this.patternSegments(part.arg, io) : [];
    const empty = pattern.every((s) => s.text === '');
    const glob = compileGlob(pattern, { slashes: true });
    const matches = (from: number, to: number) => glob.test(value.slice(from, to));
    const n = value.length;
    if (op === '^^' || op === ',,' || op === '^' || op === ',') {
      const upper = op.startsWith('^');
      const chars = [...value];
      return chars
        .map((c, i) =>
          (op.length === 2 || i === 0) && (empty || glob.test(c))
            ? upper
              ? c.toUpperCase()
              : c.toLowerCase()
            : c,
        )
        .join('');
    }
    if (op === '#' || op === '##') {
      for (let k = op === '#' ? 0 : n; op === '#' ? k <= n : k >= 0; k += op === '#' ? 1 : -1)
        if (matches(0, k)) return value.slice(k);
      return value;
    }
    if (op === '%' || op === '%%') {
      for (let k = op === '%' ? n : 0; op === '%' ? k >= 0 : k <= n; k += op === '%' ? -1 : 1)
        if (matches(k, n)) return value.slice(0, k);
      return value;
    }
    if (empty) return value;
    const replacement = part.replacement ? await this.expandString(part.replacement, io) : '';
    const longestFrom = (i: number): number | undefined => {
      if (op === '/%') return matches(i, n) ? n : undefined;
      for (let k = n; k >= i; k--) if (matches(i, k)) return k;
      return undefined;
    };
    let out = '';
    for (let i = 0; i <= n; ) {
      const end = op === '/#' && i > 0 ? undefined : longestFrom(i);
      if (end !== undefined && (end > i || op !== '//')) {
        out += replacement;
        if (op !== '//') return out + value.slice(end);
        i = end;
        continue;
      }
      if (i < n) out += value[i];
      i++;
    }
    return out;
  }

  /** A pattern word as glob segments: what was quoted matches literally. */
  private async patternSegments(word: Word, io: Io): Promise<Segment[]> {
    const segments: Segment[] = [];
    for (const part of word.parts) {
      if (part.type === 'text')
        segments.push(...(part.quoted ? [{ text: part.value, quoted: true }] : globSegments(part.value)));
      else segments.push({ text: await this.expandPart(part, io), quoted: part.quoted });
    }
    return segments;
  }

  /** `[[ … ]]`: 0 true, 1 false, 2 for a regular expression that does not compile. */
  private async conditional(expr: ConditionalExpression, io: Io): Promise<number> {
    switch (expr.kind) {
      case 'not':
        return (await this.conditional(expr.expr, io)) === 0 ? 1 : 0;
      case 'and': {
        const left = await this.conditional(expr.left, io);
        return left !== 0 ? left : this.conditional(expr.right, io);
      }
      case 'or': {
        const left = await this.conditional(expr.left, io);
        return left === 0 ? 0 : this.conditional(expr.right, io);
      }
      case 'word':
        return (await this.expandString(expr.word, io)) !== '' ? 0 : 1;
      case 'unary': {
        const operand = await this.expandString(expr.word, io);
        if (expr.op === '-v') return this.getVar(operand) !== undefined ? 0 : 1;
        return this.runBuiltin('test', ['test', expr.op, operand], {
          ...io,
          stdout: NULL_STREAM,
          stderr: NULL_STREAM,
        });
      }
      case 'binary':
        return this.binaryTest(expr.op, expr.left, expr.right, io);
    }
  }

  private async binaryTest(op: string, leftWord: Word, rightWord: Word, io: Io): Promise<number> {
    const left = await this.expandString(leftWord, io);
    const truth = (b: boolean) => (b ? 0 : 1);
    if (op === '==' || op === '=' || op === '!=') {
      const match = compileGlob(await this.patternSegments(rightWord, io), { slashes: true }).test(left);
      return truth(op === '!=' ? !match : match);
    }
    if (op === '=~') {
      let source = '';
      for (const part of rightWord.parts) {
        const text = part.type === 'text' ? part.value : await this.expandPart(part, io);
        source += part.quoted ? escapeLiteral(text) : text;
      }
      let match: ReturnType<ReturnType<typeof compilePattern>['exec']>;
      try {
        match = compilePattern(translateRegex(source, true)).exec(left);
      } catch {
        return 2;
      }
      if (!match) {
        this.setArray('BASH_REMATCH', []);
        return 1;
      }
      this.setArray(
        'BASH_REMATCH',
        match.groups.map((g) => g ?? ''),
      );
      return 0;
    }
    const right = await this.expandString(rightWord, io);
    if (op === '<' || op === '>') return truth(op === '<' ? left < right : left > right);
    if (op === '-nt' || op === '-ot' || op === '-ef')
      return this.runBuiltin('test', ['test', left, op, right], {
        ...io,
        stdout: NULL_STREAM,
        stderr: NULL_STREAM,
      });
    let a: bigint;
    let b: bigint;
    try {
      a = this.arithmetic(left);
      b = this.arithmetic(right);
    } catch (error) {
      if (!(error instanceof ArithmeticError)) throw error;
      io.stderr.write(`${this.diagnosticPrefix()}[[: ${error.message}\n`);
      return 1;
    }
    const results: Record<string, boolean> = {
      '-eq': a === b,
      '-ne': a !== b,
      '-lt': a < b,
      '-le': a <= b,
      '-gt': a > b,
      '-ge': a >= b,
    };
    return truth(results[op] ?? false);
  }

  private special(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '#':
        return String(this.positional.length);
      case '0':
        return this.name;
      case '!':
        return this.lastBackground === undefined ? '' : String(this.lastBackground);
      case '-':
        return `${this.options.errexit ? 'e' : ''}h${this.interactive ? 'iBHs' : 'B'}`;
      default:
        return undefined;
    }
  }

  private async expandWord(word: Word, io: Io): Promise<string[]> {
    // Build fields of segments; unquoted expansions split on blanks.
    const fields: Segment[][] = [[]];
    let sawQuoted = false;
    const current = () => fields[fields.length - 1] as Segment[];
    for (const part of word.parts) {
      if (part.type === 'text') {
        current().push({ text: part.value, quoted: part.quoted });
        if (part.quoted) sawQuoted = true;
        continue;
      }
      const list = part.type === 'param' && part.op === undefined ? this.listOf(part) : undefined;
      if (list && part.type === 'param' && part.quoted && (part.name === '@' || part.index === '@')) {
        // "$@": one field per value, the first and last joined to the text around them.
        list.forEach((value, i) => {
          if (i > 0) fields.push([]);
          current().push({ text: value, quoted: true });
        });
        if (list.length > 0) sawQuoted = true;
        continue;
      }
      const value = await this.expandPart(part, io);
      if (part.quoted) {
        current().push({ text: value, quoted: true });
        sawQuoted = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) fields.push([]);
        if (piece) current().push({ text: piece, quoted: true });
      });
    }
    const first = word.parts[0];
    const out: string[] = [];
    fields.forEach((segments, index) => {
      if (segments.length === 0 && !(sawQuoted && fields.length === 1)) return;
      let text = segments.map((s) => s.text).join('');
      if (
        index === 0 &&
        first?.type === 'text' &&
        !first.quoted &&
        (first.value === '~' || first.value.startsWith('~/'))
      ) {
        text = this.user.home + text.slice(1);
      }
      if (hasGlob(segments)) {
        const matches = this.glob(segments);
        if (matches.length > 0) {
          out.push(...matches);
          return;
        }
      }
      out.push(text);
    });
    return out;
  }

  /** Pathname expansion, component by component; hidden files only when the pattern starts with a dot. */
  private glob(segments: Segment[]): string[] {
    const pattern = segments.map((s) => (s.quoted ? s.text.replace(/[*?[]/g, '\\$&') : s.text)).join('');
    const absolute = pattern.startsWith('/');
    const components = pattern.split('/').filter(Boolean);
    let paths = [absolute ? '/' : ''];
    for (const component of components) {
      const next: string[] = [];
      const unescaped = component.replace(/\\([*?[])/g, '$1');
      const isPattern = /(^|[^\\])[*?[]/.test(component);
      for (const base of paths) {
        const dir = base === '' ? this.cwd : resolvePath(this.cwd, base, this.user.home);
        if (!isPattern) {
          next.push(base === '' ? unescaped : base === '/' ? `/${unescaped}` : `${base}/${unescaped}`);
          continue;
        }
        let names: string[];
        try {
          names = this.fs.readdir(dir);
        } catch {
          continue;
        }
        const glob = compileGlob(globSegments(component));
        for (const name of names) {
          if (name.startsWith('.') && !component.startsWith('.')) continue;
          if (glob.test(name)) next.push(base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`);
        }
      }
      paths = next;
    }
    return paths.filter((p) => this.fs.lstat(resolvePath(this.cwd, p, this.user.home)) !== undefined).sort();
  }
}

/** Whether a user may enter a directory (its x bit for owner, group or others; root always). */
function searchable(user: User, node: { uid: number; gid: number; mode: number }): boolean {
  if (user.uid === 0) return true;
  const inGroup = node.gid === user.gid || user.groups.some((g) => g.gid === node.gid);
  const bits = node.uid === user.uid ? node.mode >> 6 : inGroup ? node.mode >> 3 : node.mode;
  return (bits & 0o1) !== 0;
}

function setFd(io: Io, fd: number, stream: OutputStream): void {
  if (fd === 1) io.stdout = stream;
  else if (fd === 2) io.stderr = stream;
}

export type SpecialBuiltin = (shell: Shell, argv: string[], io: Io) => Promise<number>;

/** Builtins that change the shell itself, so no program could implement them. */
const SPECIAL_BUILTINS: Record<string, SpecialBuiltin> = {
  async cd(shell, argv, io) {
    if (argv.length > 2 && shell.flavor === 'bash') {
      io.stderr.write('bash: cd: too many arguments\n');
      return 1;
    }
    const arg = argv[1] ?? shell.getVar('HOME') ?? shell.user.home;
    const target = arg === '-' ? (shell.getVar('OLDPWD') ?? shell.cwd) : arg;
    const path = resolvePath(shell.cwd, target, shell.user.home);
    const node = shell.fs.stat(path);
    const problem = !node
      ? 'No such file or directory'
      : node.type !== 'dir'
        ? 'Not a directory'
        : !searchable(shell.user, node)
          ? 'Permission denied'
          : undefined;
    if (problem) {
      if (shell.flavor === 'bash') io.stderr.write(`bash: cd: ${target}: ${problem}\n`);
      else if (shell.flavor === 'dash') io.stderr.write(`sh: 1: cd: can't cd to ${target}\n`);
      else io.stderr.write(`${shell.ashCommandPrefix('cd')}can't cd to ${target}: ${problem}\n`);
      return shell.flavor === 'bash' ? 1 : 2;
    }
    shell.exportVar('OLDPWD', shell.cwd);
    shell.cwd = path;
    shell.exportVar('PWD', path);
    if (arg === '-') io.stdout.write(`${path}\n`);
    return 0;
  },
  async export(shell, argv, io) {
    if (argv.length === 1 || argv[1] === '-p') {
      const env = shell.environment();
      for (const name of Object.keys(env).sort()) {
        io.stdout.write(
          shell.flavor === 'bash'
            ? `declare -x ${name}="${(env[name] ?? '').replace(/(["\\$`])/g, '\\$1')}"\n`
            : `export ${name}='${env[name] ?? ''}'\n`,
        );
      }
      return 0;
    }
    let status = 0;
    for (const arg of argv.slice(1)) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        io.stderr.write(`${shell.diagnosticPrefix()}export: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      shell.exportVar(name, eq === -1 ? undefined : arg.slice(eq + 1));
    }
    return status;
  },
  async unset(shell, argv) {
    const functions = argv[1] === '-f';
    for (const name of argv.slice(1)) {
      if (name.startsWith('-')) continue;
      if (functions) shell.unsetFunction(name);
      else shell.unsetVar(name);
    }
    return 0;
  },
  async return(shell, argv, io) {
    if (!shell.inFunction()) {
      io.stderr.write(
        `${shell.diagnosticPrefix()}return: can only \`return' from a function or sourced script\n`,
      );
      return 2;
    }
    const arg = argv[1];
    if (arg !== undefined && !/^-?\d+$/.test(arg)) {
      io.stderr.write(`${shell.diagnosticPrefix()}return: ${arg}: numeric argument required\n`);
      throw new ReturnFromFunction(2);
    }
    throw new ReturnFromFunction(arg === undefined ? shell.status : ((Number(arg) % 256) + 256) % 256);
  },
  async local(shell, argv, io) {
    if (!shell.inFunction()) {
      io.stderr.write(`${shell.diagnosticPrefix()}local: can only be used in a function\n`);
      return 1;
    }
    let status = 0;
    for (const arg of argv.slice(1)) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        io.stderr.write(`${shell.diagnosticPrefix()}local: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      shell.makeLocal(name, eq === -1 ? undefined : arg.slice(eq + 1));
    }
    return status;
  },
  async shift(shell, argv, io) {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 0) {
      io.stderr.write(`${shell.diagnosticPrefix()}shift: ${argv[1]}: numeric argument required\n`);
      return 1;
    }
    return shell.shift(n) ? 0 : 1;
  },
  async set(shell, argv, io) {
    return shell.set(argv.slice(1), io);
  },
  async exit(shell, argv, io) {
    const arg = argv[1];
    if (arg !== undefined && !/^-?\d+$/.test(arg)) {
      io.stderr.write(`${shell.diagnosticPrefix()}exit: ${arg}: numeric argument required\n`);
      throw new ExitShell(2);
    }
    throw new ExitShell(arg === undefined ? shell.status : ((Number(arg) % 256) + 256) % 256);
  },
  async exec(shell, argv, io) {
    // `exec cmd`: the program replaces the shell, so the shell ends with its status. Only a file
    // can replace it: builtins and functions are not found. An interactive shell survives a miss.
    const name = argv[1];
    if (name === undefined) return 0;
    const found = shell.findProgram(name);
    if (found.kind === 'missing' || found.kind === 'denied') {
      const why = found.kind === 'missing' ? 'not found' : 'Permission denied';
      const prefix =
        shell.flavor === 'ash' ? shell.ashCommandPrefix('exec') : `${shell.diagnosticPrefix()}exec: `;
      io.stderr.write(`${prefix}${name}: ${why}\n`);
      const status = found.kind === 'missing' ? 127 : 126;
      if (shell.interactive) return status;
      throw new ExitShell(status);
    }
    throw new ExitShell(await shell.runWithoutFunctions(argv.slice(1), io));
  },
  async break() {
    throw new LoopControl('break');
  },
  async continue() {
    throw new LoopControl('continue');
  },
  async pwd(shell, _argv, io) {
    io.stdout.write(`${shell.cwd}\n`);
    return 0;
  },
  async history(shell, argv, io) {
    if (argv[1] === '-c') {
      shell.history.length = 0;
      return 0;
    }
    const width = Math.max(5, String(shell.history.length).length + 1);
    shell.history.forEach((line, i) => void io.stdout.write(`${String(i + 1).padStart(width)}  ${line}\n`));
    return 0;
  },
  async type(shell, argv, io) {
    let status = 0;
    for (const name of argv.slice(1)) {
      if (shell.hasFunction(name)) io.stdout.write(`${name} is a function\n`);
      else if (SPECIAL_BUILTINS[name] || shell.builtins[name])
        io.stdout.write(`${name} is a shell builtin\n`);
      else {
        const found = shell.findProgram(name);
        if (found.kind === 'program' || found.kind === 'script')
          io.stdout.write(`${name} is ${found.path}\n`);
        else {
          io.stderr.write(`${shell.diagnosticPrefix()}type: ${name}: not found\n`);
          status = 1;
        }
      }
    }
    return status;
  },
  async command(shell, argv, io) {
    const option = argv[1];
    if (option !== '-v' && option !== '-V')
      return argv.length > 1 ? shell.runWithoutFunctions(argv.slice(1), io) : 0;
    if (option === '-V')
      return (SPECIAL_BUILTINS.type as SpecialBuiltin)(shell, ['type', ...argv.slice(2)], io);
    // -v: how each name would run: a function or builtin by its name, a program by its path.
    // It fails only when it finds none of them.
    let found = 0;
    for (const name of argv.slice(2)) {
      const program = shell.findProgram(name);
      if (shell.hasFunction(name) || SPECIAL_BUILTINS[name] || shell.builtins[name])
        io.stdout.write(`${name}\n`);
      else if (program.kind === 'program' || program.kind === 'script') io.stdout.write(`${program.path}\n`);
      else continue;
      found++;
    }
    return found > 0 ? 0 : 1;
  },
  async source(shell, argv, io) {
    const file = argv[1];
    if (!file) {
      io.stderr.write(`${shell.diagnosticPrefix()}source: filename argument required\n`);
      return 2;
    }
    try {
      const text = shell.fs.readText(resolvePath(shell.cwd, file, shell.user.home));
      return await shell.host.meter.nested(() => shell.execute(text, io));
    } catch (error) {
      if (error instanceof ReturnFromFunction) return error.status;
      if (!(error instanceof FsError)) throw error;
      io.stderr.write(`${shell.diagnosticPrefix()}${file}: ${error.message}\n`);
      return 1;
    }
  },
};
SPECIAL_BUILTINS['.'] = SPECIAL_BUILTINS.source as SpecialBuiltin;
Object.assign(SPECIAL_BUILTINS, JOB_BUILTINS);
SPECIAL_BUILTINS[':'] = async () => 0;

export { Interrupted };
