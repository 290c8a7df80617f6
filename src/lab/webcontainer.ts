/** Where the built site serves the engine's Node build (see src/integration/webcontainer.ts). */
const ENGINE_URL = '/_quayside/sandbox-node.mjs';

/** A terminal session on a WebContainer process: the page writes keys to it and draws its output. */
export interface WebContainerSession {
  write(data: string): void;
  resize(columns: number, rows: number): void;
  dispose(): void;
}

export interface WebContainerOptions {
  machine: 'server' | 'desktop';
  seed: string;
  setup: string[];
  columns: number;
  rows: number;
  timeoutMs: number;
  onOutput(text: string): void;
}

/** Why this browser cannot run a WebContainer, before trying; undefined when it may. */
export function unsupportedReason(): string | undefined {
  if (typeof WebAssembly === 'undefined') return 'no WebAssembly';
  if (!globalThis.crossOriginIsolated) return 'the page is not cross-origin isolated';
  if (typeof SharedArrayBuffer === 'undefined') return 'no SharedArrayBuffer';
  if (/iP(hone|ad|od)/.test(navigator.userAgent)) return 'iOS browsers cannot run WebContainers';
  if (!navigator.onLine) return 'offline: a WebContainer loads its runtime from the network';
  return undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms),
    ),
  ]);
}

/**
 * Boots a WebContainer and runs Quayside's engine in it as a Node program (the sandbox CLI), typed
 * into the WebContainer's own `jsh` shell. Any failure comes back as a reason.
 */
export async function startWebContainer(
  options: WebContainerOptions,
): Promise<{ ok: true; session: WebContainerSession } | { ok: false; reason: string }> {
  const unsupported = unsupportedReason();
  if (unsupported) return { ok: false, reason: unsupported };
  try {
    return await withTimeout(boot(options), options.timeoutMs);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

async function boot(options: WebContainerOptions): Promise<{ ok: true; session: WebContainerSession }> {
  const [{ WebContainer }, engine] = await Promise.all([
    import('@webcontainer/api'),
    fetch(ENGINE_URL).then((r) => {
      if (!r.ok) throw new Error(`${ENGINE_URL}: HTTP ${r.status}`);
      return r.text();
    }),
  ]);
  const container = await WebContainer.boot({ coep: 'credentialless', workdirName: 'quayside' });
  await container.mount({
    'sandbox.mjs': { file: { contents: engine } },
    'setup.sh': { file: { contents: `${options.setup.join('\n')}\n` } },
  });
  const terminal = { cols: options.columns, rows: options.rows };
  // The engine runs as a command of the WebContainer's own shell: leaving it (exit, Ctrl-D) lands in jsh.
  const shell = await container.spawn('jsh', [], { terminal });
  const input = shell.input.getWriter();
  void shell.output.pipeTo(new WritableStream({ write: (text) => options.onOutput(text) }));
  const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
  const args = [
    '--machine',
    options.machine,
    '--seed',
    options.seed,
    '--setup',
    'setup.sh',
    '--state',
    '.sandbox-state.json',
  ];
  await input.write(`node sandbox.mjs ${args.map(quote).join(' ')}\n`);
  return {
    ok: true,
    session: {
      write: (data) => void input.write(data),
      resize: (columns, rows) => shell.resize({ cols: columns, rows }),
      dispose: () => container.teardown(),
    },
  };
}
