import type { RandomState } from '../core/random.ts';
import type { WorkMeter } from '../core/work-meter.ts';
import type { Filesystem } from '../fs/filesystem.ts';
import type { InputStream, OutputStream } from './streams.ts';
import type { System } from './system.ts';

/** The user a program runs as. */
export interface User {
  uid: number;
  gid: number;
  name: string;
  home: string;
  groups: { gid: number; name: string }[];
  /** The capabilities left to a container's processes after `--cap-drop`; all when absent. */
  capabilities?: readonly string[];
}

/** Who a program runs as, where, and with what environment: what `sudo` and `su` change. */
export interface Identity {
  user: User;
  cwd: string;
  env: Record<string, string>;
}

/** Thrown out of `sleep` when the user presses Ctrl-C; the shell turns it into status 130. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/** Thrown by a host's `spawn` when the process may not fork (EAGAIN: a container's `--pids-limit`). */
export class ForkFailed extends Error {
  constructor() {
    super('Resource temporarily unavailable');
  }
}

/**
 * A wait that can never end where nobody can press Ctrl-C (tests, the CLI, the grader). Inside a
 * pipe the shell treats it like the reader closing the pipe, so `docker stats | head` still prints.
 */
export class EndlessWait extends Interrupted {}

/** How to open an interactive shell elsewhere: in a container, a virtual machine, over ssh. */
export interface SessionSpec {
  system: System;
  fs: Filesystem;
  user: User;
  cwd: string;
  env: Record<string, string>;
  /** The shell program that greets the user: decides prompts and error wording. */
  shell: ShellFlavor;
  /** Serialisable action run when the session ends, by a handler registered under `kind`. */
  onExit?: { kind: string; [key: string]: unknown };
  /** Text printed when the session opens (a login banner). */
  banner?: string;
  /** The PID of the session's shell on its machine (`$$`). */
  pid?: number;
  /** A program's own prompt-and-line loop (mysql's `mysql>`) instead of a shell reading the lines. */
  lines?: LineSession;
}

/** A program that reads the terminal line by line behind prompts of its own. */
export interface LineSession {
  /** The prompt the next line is typed after. */
  prompt(): string;
  /** Takes one typed line; resolves with the program's exit status once it ends. */
  line(text: string, out: OutputStream, err: OutputStream): Promise<number | undefined>;
  /** End of input (Ctrl-D): what the program prints, and its exit status. */
  end(out: OutputStream, err: OutputStream): number;
}

/** The terminal's size, as a full-screen program draws for it. */
export interface ScreenSize {
  columns: number;
  rows: number;
}

/**
 * A full-screen program (an editor): it has the terminal in raw mode, on the alternate screen, and
 * takes the keystrokes as they are typed. Pure over its own state: it returns what to draw.
 */
export interface ScreenSession {
  /** Draws the whole screen as it is now: when the program starts, and when the terminal is resized. */
  draw(size: ScreenSize): string;
  /**
   * Takes a chunk of keystrokes; returns what to draw and, once the program ends, its exit status.
   * `work` charges steps to the sandbox's meter as the keys are handled (it throws past the budget).
   */
  keys(data: string, size: ScreenSize, work: (steps: number) => void): { draw: string; status?: number };
}

/** Takes the terminal for a full-screen program until it ends. */
export interface ScreenSpec {
  screen: ScreenSession;
}

export type ShellFlavor = 'bash' | 'ash' | 'dash';

/**
 * Which shell a program starts (`bash -c` in a dash script): a new process of another flavour
 * inherits only the environment, and runs that flavour's builtins.
 */
export interface ShellKind {
  flavor: ShellFlavor;
  builtins: Readonly<Record<string, Program>>;
}

/**
 * What a child shell is when it is not a copy of its parent: another user's, with only the
 * environment given (what `sudo` and `su` start), and/or another shell program (bash run from dash).
 */
export interface ChildShell {
  identity?: Identity;
  kind?: ShellKind;
}

/** Everything a program may use. Programs never reach further than this. */
export interface ProgramContext {
  /** argv[0] is the name the program was invoked by. */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  fs: Filesystem;
  user: User;
  system: System;
  random: RandomState;
  /** Virtual milliseconds since the epoch. */
  now(): number;
  /** Lets virtual time pass; throws Interrupted on Ctrl-C. */
  sleep(ms: number): Promise<void>;
  /** Lets time pass that is spent working, not waiting (bounded by `meter`, not by a count of waits). */
  work(ms: number): Promise<void>;
  /**
   * Runs shell code in a child shell on the same machine, as the same user; `name` is the child's `$0`
   * and the prefix of its own errors (`/bin/sh: x: not found` when run as `/bin/sh -c`). With `as`,
   * a new shell runs it: as another user with only the given environment, or as another program.
   */
  shell(
    script: string,
    io?: { stdout?: OutputStream; stderr?: OutputStream; stdin?: InputStream },
    name?: string,
    as?: ChildShell,
  ): Promise<number>;
  /**
   * Opens an interactive session (a shell elsewhere, or a full-screen program on this terminal) and
   * resolves with its exit status when it ends.
   */
  session(spec: SessionSpec | ScreenSpec): Promise<number>;
  /** The sandbox's budget of work: long-running programs count their steps against it. */
  meter: WorkMeter;
}

/** A command: one uniform signature over an injected context; resolves with the exit status. */
export type Program = (ctx: ProgramContext) => Promise<number>;

/** A program whose code loads on first use (a dynamic import), then stays loaded. */
export function lazyProgram(load: () => Promise<Program>): Program {
  let loaded: Promise<Program> | undefined;
  return async (ctx) => {
    loaded ??= load();
    return (await loaded)(ctx);
  };
}
