import { coreutils, type Flavor, shellBuiltins } from '../../../src/sandbox/commands/index.ts';
import type { Layer } from '../../../src/sandbox/fs/node.ts';
import { bufferStream } from '../../../src/sandbox/shell/streams.ts';
import { baseLayer, harness, NOW } from './context.ts';

/**
 * A command line and what a real tool printed for it. The expected strings were recorded from the
 * real programs (GNU grep 3.8, GNU sed 4.9, mawk 1.3.4, GNU findutils 4.9 xargs, BusyBox 1.35) run
 * by bash in a scratch directory holding `files`; they are never produced by the sandbox itself.
 */
export interface RecordedCase {
  cmd: string;
  files?: Record<string, string>;
  out: string;
  err: string;
  rc: string;
}

/** Runs `cmd` in a shell whose PATH holds every command of `flavor`, in a directory holding `files`. */
export async function runRecorded(
  flavor: Flavor,
  c: Pick<RecordedCase, 'cmd' | 'files'>,
): Promise<{ out: string; err: string; rc: string }> {
  const layer: Layer = { ...baseLayer() };
  const programs = coreutils(flavor);
  for (const name of Object.keys(programs)) {
    layer[`/usr/bin/${name}`] = {
      type: 'file',
      mode: 0o755,
      uid: 0,
      gid: 0,
      mtime: NOW,
      size: 1000,
      program: name,
    };
  }
  layer['/home/learner/w'] = { type: 'dir', mode: 0o755, uid: 1000, gid: 1000, mtime: NOW };
  for (const [name, text] of Object.entries(c.files ?? {})) {
    layer[`/home/learner/w/${name}`] = {
      type: 'file',
      mode: 0o644,
      uid: 1000,
      gid: 1000,
      mtime: NOW,
      size: new TextEncoder().encode(text).length,
      text,
    };
  }
  const h = harness({
    layer,
    programs,
    builtins: shellBuiltins('bash'),
    cwd: '/home/learner/w',
    env: { HOME: '/home/learner', PATH: '/usr/bin', USER: 'learner', LANG: 'C.UTF-8' },
  });
  const stdout = bufferStream();
  const stderr = bufferStream();
  const rc = await h.ctx.shell(c.cmd, { stdout, stderr });
  return { out: stdout.text(), err: stderr.text(), rc: String(rc) };
}
