import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const WORKER = 'src/lab/worker.ts';

/**
 * The lab's worker split as the site's build splits it (a module worker: each dynamic import is a
 * chunk of its own): the source files of the chunks it fetches before its first prompt (its entry
 * and what that imports statically), and of every chunk.
 */
async function workerChunks(): Promise<{ firstLoad: Set<string>; all: Set<string> }> {
  const { metafile } = await build({
    entryPoints: [WORKER],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: 'worker-chunks',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs: Metafile['outputs'] = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint === WORKER) as string;
  const chunks = new Set<string>();
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (chunks.has(path)) continue;
    chunks.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement') pending.push(i.path);
  }
  const sources = (paths: Iterable<string>) =>
    new Set([...paths].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {})));
  return { firstLoad: sources(chunks), all: sources(Object.keys(outputs)) };
}

describe('the lab worker’s first load', () => {
  let chunks: Awaited<ReturnType<typeof workerChunks>>;
  beforeAll(async () => {
    chunks = await workerChunks();
  }, 60_000);

  it.each([
    'src/sandbox/docker/services/nginx.ts',
    'src/sandbox/docker/services/nginx-config.ts',
    'src/sandbox/docker/services/mysql.ts',
    'src/sandbox/docker/services/sql.ts',
    'src/sandbox/docker/services/redis.ts',
    'src/sandbox/docker/services/python-http.ts',
    'src/sandbox/docker/services/todo-app.ts',
    'src/sandbox/docker/services/postgres.ts',
    'src/sandbox/docker/services/registry.ts',
    'src/sandbox/programs/runtimes.ts',
    'src/sandbox/docker/dockerfile/lex.ts',
    'src/sandbox/commands/find.ts',
    'src/sandbox/commands/wget.ts',
    'src/sandbox/docker/cli/network.ts',
    'src/sandbox/docker/cli/build.ts',
    'src/sandbox/docker/cli/system.ts',
  ])('leaves %s to a chunk fetched on first use', (source) => {
    expect(chunks.all).toContain(source);
    expect(chunks.firstLoad).not.toContain(source);
  });

  it('still holds the engine a first prompt needs, and what help and completion read', () => {
    for (const source of [
      'src/sandbox/sandbox.ts',
      'src/sandbox/shell/interpreter.ts',
      'src/sandbox/completion.ts',
      'src/sandbox/docker/cli/specs/network.ts',
    ])
      expect(chunks.firstLoad).toContain(source);
  });
});
