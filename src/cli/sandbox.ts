/**
 * `npm run -s sandbox`: the sandbox engine in a Node terminal. With stdin piped it reads command
 * lines, runs them in one fresh sandbox and prints exactly what the browser terminal would print,
 * without prompts. `--seed N` picks the seed; `--state FILE` loads a snapshot and saves it back;
 * `--machine desktop` starts a desktop with VirtualBox instead of the KVM server; `--setup FILE`
 * runs the file's command lines first, silently, as a lab's setup. WebContainer labs run this file.
 * On a terminal, nano and vi get the keys as typed while they run (raw mode), readline the rest.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Sandbox, type SandboxState } from '../sandbox/sandbox.ts';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  if (i !== -1) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

const seed = option('--seed') ?? '1';
const machine = option('--machine') === 'desktop' ? 'desktop' : 'server';
const statePath = option('--state');
const interactive = process.stdin.isTTY === true;
const options = interactive
  ? {
      tty: true,
      columns: process.stdout.columns ?? 80,
      rows: process.stdout.rows ?? 24,
      pace: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    }
  : { tty: false, columns: 80 };
const sandbox =
  statePath && existsSync(statePath)
    ? Sandbox.restore(JSON.parse(readFileSync(statePath, 'utf8')) as SandboxState, options)
    : Sandbox.create({ ...options, seed, machine });

const setupPath = option('--setup');
if (setupPath && !(statePath && existsSync(statePath))) await sandbox.run(readFileSync(setupPath, 'utf8'));

sandbox.onOutput((chunk) => process.stdout.write(chunk.text));

function save(): void {
  if (statePath) writeFileSync(statePath, `${JSON.stringify(sandbox.snapshot())}\n`);
}

if (interactive) {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = async () => {
    await sandbox.whenIdle();
    if (sandbox.terminal.isRaw) return;
    rl.setPrompt(sandbox.prompt());
    rl.prompt();
  };
  rl.on('line', (line) => {
    sandbox.input(line);
    void ask();
  });
  // A full-screen program (nano, vi) takes the keys as they are typed; readline has them back after.
  let readlineKeys: ((...args: unknown[]) => void)[] = [];
  const typeKeys = (data: Buffer) => {
    sandbox.keys(data.toString('utf8'));
    void ask();
  };
  sandbox.terminal.onMode((raw, unread) => {
    if (raw) {
      readlineKeys = process.stdin.listeners('keypress') as typeof readlineKeys;
      process.stdin.removeAllListeners('keypress');
      process.stdin.on('data', typeKeys);
    } else {
      process.stdin.off('data', typeKeys);
      for (const listener of readlineKeys) process.stdin.on('keypress', listener);
      if (unread) rl.write(unread);
    }
  });
  process.stdout.on('resize', () => sandbox.resize(process.stdout.columns, process.stdout.rows));
  rl.on('SIGINT', () => {
    process.stdout.write('^C\n');
    sandbox.interrupt();
    void ask();
  });
  rl.on('close', () => {
    save();
    process.exit(0);
  });
  void ask();
} else {
  const chunks: Buffer[] = [];
  process.stdin.on('data', (c: Buffer) => chunks.push(c));
  process.stdin.on('end', async () => {
    sandbox.input(Buffer.concat(chunks).toString('utf8'));
    sandbox.close();
    await sandbox.whenIdle().catch(() => {});
    await new Promise((r) => setTimeout(r, 0));
    save();
  });
}
