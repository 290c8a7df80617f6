import { FsError } from '../fs/filesystem.ts';
import type { ProgramContext } from '../shell/program.ts';
import type { Package } from './catalogue.ts';

/** Writes a package's files: its executables, and its payload as one blob under `payloadDir`. */
export function installFiles(ctx: ProgramContext, p: Package, payloadDir: string): void {
  const actor = { uid: 0, gid: 0 };
  ctx.fs.mkdir(payloadDir, { parents: true, actor });
  const programs = Object.entries(p.programs ?? {});
  const programBytes = Math.min(p.size / 2, 200_000);
  for (const [path, program] of programs) {
    ctx.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { parents: true, actor });
    ctx.fs.writeBlob(path, Math.round(programBytes / programs.length), { actor, mode: 0o755, program });
  }
  ctx.fs.writeBlob(
    `${payloadDir}/${p.name}`,
    Math.max(0, p.size - (programs.length > 0 ? programBytes : 0)),
    { actor },
  );
}

/** Removes what installFiles wrote. */
export function removeFiles(ctx: ProgramContext, p: Package, payloadDir: string): void {
  for (const path of [...Object.keys(p.programs ?? {}), `${payloadDir}/${p.name}`]) {
    try {
      ctx.fs.remove(path);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
  }
}

/** Package managers need root: the message each prints otherwise. */
export function requireRoot(ctx: ProgramContext, message: string): boolean {
  if (ctx.user.uid === 0) return true;
  ctx.stderr.write(message);
  return false;
}
