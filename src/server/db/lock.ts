import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a process with this id is alive on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a PGlite data directory for this process: a second process (another server, the CLI while
 * the server runs) gets a clear error instead of corrupting the files. A lock left by a process
 * that died is taken over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'quayside.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (owner === process.pid) throw new Error(`the data directory ${dir} is already open in this process`);
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new Error(
          `the data directory ${dir} is in use by another Quayside process (pid ${owner}); stop it first, or set QUAYSIDE_DATA_DIR to another directory`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock the data directory ${dir}`);
}
