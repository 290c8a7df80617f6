import { SIGNALS, signalName, signalNumber } from '../process/signals.ts';
import type { Io, Shell, SpecialBuiltin } from './interpreter.ts';
import type { Job } from './jobs.ts';
import { Interrupted } from './program.ts';

/** `bash: wait: %5: no such job` in bash; the other shells word it their own way. */
function complain(shell: Shell, io: Io, builtin: string, message: string): void {
  io.stderr.write(`${shell.diagnosticPrefix()}${builtin}: ${message}\n`);
}

/** A job by `%spec` or PID, or the message why there is none. */
function lookup(shell: Shell, spec: string): Job | string {
  if (spec.startsWith('%')) return shell.jobs.find(spec) ?? `${spec}: no such job`;
  if (!/^\d+$/.test(spec)) return `\`${spec}': not a pid or valid job spec`;
  return shell.jobs.byPid(Number(spec)) ?? `pid ${spec} is not a child of this shell`;
}

/** A trap's signal: `TERM`, `SIGTERM`, `15`, `EXIT` or `0`, as the name traps are kept under. */
function trapName(spec: string): string | undefined {
  const upper = spec.toUpperCase();
  if (upper === 'EXIT' || upper === 'SIGEXIT' || spec === '0') return 'EXIT';
  const n = signalNumber(spec);
  return n === undefined || n < 1 || n > SIGNALS.length ? undefined : signalName(n);
}

function trapOrder(name: string): number {
  return name === 'EXIT' ? 0 : (signalNumber(name) ?? 99);
}

/** `trap -- 'action' SIGTERM` (bash names signals with SIG; ash and dash do not). */
function listTrap(shell: Shell, name: string, action: string): string {
  const quoted = `'${action.replace(/'/g, `'\\''`)}'`;
  const shown = shell.flavor === 'bash' && name !== 'EXIT' ? `SIG${name}` : name;
  return `trap -- ${quoted} ${shown}\n`;
}

/** Builtins of job control and signals: they act on the shell's own jobs and traps. */
export const JOB_BUILTINS: Record<string, SpecialBuiltin> = {
  async trap(shell, argv, io) {
    const args = argv.slice(1);
    if (args[0] === '--') args.shift();
    if (args.length === 0 || args[0] === '-p') {
      const only = args.slice(1).map(trapName);
      const names = [...shell.traps.keys()]
        .filter((n) => only.length === 0 || only.includes(n))
        .sort((a, b) => trapOrder(a) - trapOrder(b));
      for (const name of names) io.stdout.write(listTrap(shell, name, shell.traps.get(name) as string));
      return 0;
    }
    const [action, ...specs] = args as [string, ...string[]];
    // `trap 15` or `trap TERM` with no action resets, as POSIX allows.
    const reset = action === '-' || (specs.length === 0 && trapName(action) !== undefined);
    let status = 0;
    for (const spec of specs.length === 0 ? [action] : specs) {
      const name = trapName(spec);
      if (!name) {
        complain(shell, io, 'trap', `${spec}: invalid signal specification`);
        status = 1;
        continue;
      }
      if (reset) shell.traps.delete(name);
      else if (name !== 'KILL' && name !== 'STOP') shell.traps.set(name, action);
    }
    return status;
  },

  async wait(shell, argv, io) {
    const specs = argv.slice(1).filter((a) => a !== '--');
    const jobs: Job[] = [];
    let status = 0;
    for (const spec of specs) {
      const found = lookup(shell, spec);
      if (typeof found === 'string') {
        complain(shell, io, 'wait', found);
        status = 127;
      } else jobs.push(found);
    }
    const waited = specs.length === 0 ? shell.jobs.all() : jobs;
    const signal = await shell.block(
      () => waited.every((j) => j.task.done),
      waited.map((j) => j.task),
    );
    if (signal !== undefined) return 128 + signal;
    // An interactive bash reports the jobs it reaped; a script's shell just forgets them.
    const notices = shell.jobs.reap(waited);
    if (shell.interactive) io.stderr.write(notices);
    if (specs.length === 0) return 0;
    const last = jobs[jobs.length - 1];
    return last && jobs.length === specs.length ? last.task.status : status;
  },

  async jobs(shell, argv, io) {
    const flags = argv.slice(1);
    for (const job of shell.jobs.all()) {
      if (flags.includes('-p')) io.stdout.write(`${job.pid}\n`);
      else io.stdout.write(shell.jobs.describe(job, flags.includes('-l')));
    }
    for (const job of shell.jobs.all()) if (job.task.done) shell.jobs.remove(job);
    return 0;
  },

  async fg(shell, argv, io) {
    const spec = argv[1] ?? '%+';
    const job = shell.jobs.find(spec);
    if (!job) {
      complain(shell, io, 'fg', `${argv[1] ?? 'current'}: no such job`);
      return 1;
    }
    io.stdout.write(`${job.text}\n`);
    try {
      await shell.block(() => job.task.done, [job.task]);
    } catch (error) {
      // Ctrl-C reaches the job now in the foreground.
      if (error instanceof Interrupted) shell.system.kill(job.pid, 2, shell.user);
      throw error;
    }
    shell.jobs.remove(job);
    return job.task.status;
  },

  async bg(shell, argv, io) {
    const job = shell.jobs.find(argv[1] ?? '%+');
    if (!job) {
      complain(shell, io, 'bg', `${argv[1] ?? 'current'}: no such job`);
      return 1;
    }
    complain(shell, io, 'bg', `job ${job.n} already in background`);
    return 0;
  },

  /** bash's `kill` takes job specs (`kill %1`); the rest is the kill program's. */
  async kill(shell, argv, io) {
    const args: string[] = [];
    for (const arg of argv) {
      if (!arg.startsWith('%') || args.length === 0) {
        args.push(arg);
        continue;
      }
      const job = shell.jobs.find(arg);
      if (!job) {
        complain(shell, io, 'kill', `${arg}: no such job`);
        return 1;
      }
      args.push(String(job.pid));
    }
    return shell.runBuiltin('kill', args, io);
  },
};
