import { FsError } from '../fs/filesystem.ts';
import { resolvePath } from '../fs/path.ts';
import type { ProgramContext } from '../shell/program.ts';
import type { Flavor } from './flavor.ts';

/** An operand as an absolute path: relative to the working directory, `~` to the user's home. */
export function absolute(ctx: ProgramContext, path: string): string {
  return resolvePath(ctx.cwd, path, ctx.user.home);
}

/** True for paths served by the kernel rather than the filesystem. */
export function isVirtual(path: string): boolean {
  return /^\/(proc|sys)(\/|$)/.test(path);
}

/**
 * A file's text: /proc and /sys come from the system (they change with time), anything else from the
 * filesystem. Throws FsError (ENOENT, EISDIR, ...) like the C library would.
 */
export function readText(ctx: ProgramContext, path: string): string {
  const full = absolute(ctx, path);
  if (isVirtual(full)) {
    const text = ctx.system.procFile(full, ctx.now());
    if (text !== undefined) return text;
  }
  if (full === '/dev/null') return '';
  return ctx.fs.readText(full);
}

/**
 * The first `count` bytes of a device that never runs dry (/dev/zero), or undefined for any other
 * path. Throws when the bytes would not fit in a string, before making them.
 */
export function endlessBytes(ctx: ProgramContext, path: string, count: number): string | undefined {
  const full = absolute(ctx, path);
  if (full !== '/dev/zero' || !ctx.fs.exists(full)) return undefined;
  ctx.meter.size(count);
  return '\0'.repeat(count);
}

/** Reads an operand, where `-` means standard input. */
export function readOperand(ctx: ProgramContext, operand: string): string {
  return operand === '-' ? ctx.stdin.read() : readText(ctx, operand);
}

/** The strerror text of an error a program caught; anything else is a bug and is re-thrown. */
export function errorText(error: unknown): string {
  if (error instanceof FsError) return error.message;
  throw error;
}

/**
 * Prints the usual "cannot open for reading" family: GNU `tool: cannot open 'x' for reading: ...`,
 * BusyBox `tool: can't open 'x': ...`. Directories read as `tool: error reading 'x': Is a directory`.
 */
export function reportFsError(
  ctx: ProgramContext,
  tool: string,
  operand: string,
  error: unknown,
  flavor: Flavor,
): void {
  const message = errorText(error);
  if (flavor === 'busybox') {
    ctx.stderr.write(
      message === 'Is a directory'
        ? `${tool}: read error: ${message}\n`
        : `${tool}: can't open '${operand}': ${message}\n`,
    );
    return;
  }
  ctx.stderr.write(
    message === 'Is a directory'
      ? `${tool}: error reading '${operand}': ${message}\n`
      : `${tool}: cannot open '${operand}' for reading: ${message}\n`,
  );
}

/** GNU's plain `tool: x: message` form (cat, wc, grep and many more use it). */
export function reportPlain(ctx: ProgramContext, tool: string, operand: string, error: unknown): void {
  ctx.stderr.write(`${tool}: ${operand}: ${errorText(error)}\n`);
}
