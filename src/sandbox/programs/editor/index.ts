import { FsError } from '../../fs/filesystem.ts';
import { resolvePath } from '../../fs/path.ts';
import type { Program, ProgramContext } from '../../shell/program.ts';
import { Nano } from './nano.ts';
import { Vi, type ViFlavor } from './vi.ts';

/** The file named on an editor's command line (options are accepted and ignored). */
function fileArgument(ctx: ProgramContext): string | undefined {
  return ctx.argv.slice(1).find((arg) => !arg.startsWith('-') && !arg.startsWith('+'));
}

/** Reads a file for an editor: its text, null when it does not exist, or the reason it cannot be. */
function readForEditor(ctx: ProgramContext, name: string | undefined): string | null | { error: string } {
  if (name === undefined) return null;
  try {
    return ctx.fs.readFile(resolvePath(ctx.cwd, name, ctx.user.home)).text ?? '';
  } catch (error) {
    if (error instanceof FsError && error.code === 'ENOENT') return null;
    if (error instanceof FsError && error.code === 'EISDIR') return { error: `"${name}" is a directory` };
    throw error;
  }
}

/** Writes an editor's buffer as the user running it; the C library's wording if it fails. */
function writer(ctx: ProgramContext): (name: string, text: string) => string | undefined {
  return (name, text) => {
    try {
      ctx.fs.writeFile(resolvePath(ctx.cwd, name, ctx.user.home), text, { actor: ctx.user });
      return undefined;
    } catch (error) {
      if (error instanceof FsError) return error.message;
      throw error;
    }
  };
}

/** `nano [FILE]`: GNU nano 7.2 full-screen on the terminal. */
export const nano: Program = async (ctx) => {
  const name = fileArgument(ctx);
  return ctx.session({ screen: new Nano({ name, text: readForEditor(ctx, name), write: writer(ctx) }) });
};

/** `vi [FILE]` as Vim (Ubuntu's `vi`, `vim`) or BusyBox's applet. */
export function vi(flavor: ViFlavor): Program {
  return async (ctx) => {
    const name = fileArgument(ctx);
    const read = readForEditor(ctx, name);
    const text = typeof read === 'object' && read !== null ? null : read;
    return ctx.session({ screen: new Vi(flavor, { name, text, write: writer(ctx) }) });
  };
}
