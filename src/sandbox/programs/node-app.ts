import type { TodoApp, TodoHost } from '../docker/services/todo-app.ts';
import { FsError } from '../fs/filesystem.ts';
import { resolvePath } from '../fs/path.ts';
import { Interrupted, type Program, type ProgramContext } from '../shell/program.ts';

/**
 * The getting-started todo app run by node in the foreground (under nodemon in a dev container,
 * or typed in a shell): it logs as the app does and answers HTTP on its port until it is stopped.
 */
export async function runTodoApp(ctx: ProgramContext, app: TodoApp): Promise<number> {
  const { startTodoApp, todoHttp } = await import('../docker/services/todo-app.ts');
  const host: TodoHost = {
    env: ctx.env,
    fs: ctx.fs,
    now: ctx.now,
    random: ctx.random,
    ...(ctx.system.tcp ? { tcp: ctx.system.tcp.bind(ctx.system) } : {}),
    crash: (failure) => ctx.stderr.write(`${failure}\n`),
  };
  const started = startTodoApp(app, host);
  let elapsed = 0;
  try {
    for (const line of [...started.lines].sort((a, b) => a.delay - b.delay)) {
      if (line.delay > elapsed) await ctx.sleep(line.delay - elapsed);
      elapsed = Math.max(elapsed, line.delay);
      (line.stream === 'stdout' ? ctx.stdout : ctx.stderr).write(`${line.text}\n`);
    }
    if (started.exit !== undefined) return started.exit;
    const stop = ctx.system.listen?.(app.port, (request) => todoHttp(app, host, request));
    try {
      await ctx.sleep(Number.POSITIVE_INFINITY);
    } finally {
      stop?.();
    }
  } catch (error) {
    if (error instanceof Interrupted) return 130;
    throw error;
  }
  return 0;
}

/** `node SCRIPT`: the todo app runs; a missing script fails as node fails; others are beyond the sandbox. */
export function nodeScript(fallback: Program): Program {
  return async (ctx) => {
    const script = ctx.argv[1];
    if (script === undefined || script.startsWith('-')) return fallback(ctx);
    // The app's code loads when node is given a script, which is the only time it can be the app.
    const { findTodoApp } = await import('../docker/services/todo-app.ts');
    const app = findTodoApp(ctx.fs, ctx.cwd, script);
    if (app) return runTodoApp(ctx, app);
    const path = resolvePath(ctx.cwd, script);
    if (!ctx.fs.exists(path) && !ctx.fs.exists(`${path}.js`)) {
      ctx.stderr.write(
        `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27)\n    at TracingChannel.traceSync (node:diagnostics_channel:315:14)\n    at wrapModuleLoad (node:internal/modules/cjs/loader:218:24)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:170:5)\n    at node:internal/main/run_main_module:36:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v22.21.1\n`,
      );
      return 1;
    }
    ctx.stderr.write(
      `node: this sandbox runs scripts only for the getting-started todo app (its src/index.js), not ${script}\n`,
    );
    return 1;
  };
}

/** The nodemon a project installs: starts the script with node, and waits when it ends. */
export const nodemon: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-L' && a !== '--legacy-watch');
  let version = '2.0.20';
  try {
    const manifest = JSON.parse(ctx.fs.readText(resolvePath(ctx.cwd, 'node_modules/nodemon/package.json')));
    version = String(manifest.version ?? version);
  } catch (error) {
    if (!(error instanceof FsError) && !(error instanceof SyntaxError)) throw error;
  }
  if (args[0] === '-v' || args[0] === '--version') {
    ctx.stdout.write(`${version}\n`);
    return 0;
  }
  const script = args[0] ?? 'index.js';
  const tty = ctx.stdout.isTTY;
  const say = (colour: number, text: string) =>
    ctx.stdout.write(tty ? `\x1b[${colour}m[nodemon] ${text}\x1b[39m\n` : `[nodemon] ${text}\n`);
  say(33, version);
  say(33, 'to restart at any time, enter `rs`');
  say(33, 'watching path(s): *.*');
  say(33, 'watching extensions: js,mjs,json');
  const command = ['node', script, ...args.slice(1)].join(' ');
  say(32, `starting \`${command}\``);
  const status = await ctx.shell(command.replace(/[^\w\s./=-]/g, (c) => `\\${c}`));
  say(
    31,
    status === 0
      ? 'clean exit - waiting for changes before restart'
      : 'app crashed - waiting for file changes before starting...',
  );
  try {
    await ctx.sleep(Number.POSITIVE_INFINITY);
  } catch (error) {
    if (error instanceof Interrupted) return 130;
    throw error;
  }
  return 0;
};
