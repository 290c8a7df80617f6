import { Interrupted, type Program } from '../shell/program.ts';
import { nodeScript } from './node-app.ts';

/**
 * Language runtimes the images carry. The sandbox does not interpret Python or JavaScript: it
 * answers version queries and one-line prints, and says so plainly for anything more.
 */
function runtime(name: string, version: string, printPattern: RegExp, evalFlag: string): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    if (args[0] === '--version' || args[0] === '-V' || args[0] === '-v') {
      ctx.stdout.write(`${version}\n`);
      return 0;
    }
    if (args[0] === evalFlag && args[1] !== undefined) {
      const m = printPattern.exec(args[1].trim());
      if (m) {
        ctx.stdout.write(`${m[2]}\n`);
        return 0;
      }
    }
    ctx.stderr.write(
      `${name}: this sandbox runs ${name} only for --version and one-line prints (${evalFlag} 'print("hi")')\n`,
    );
    return 1;
  };
}

const pythonRuntime = runtime('python3', 'Python 3.13.9', /^print\((['"])(.*)\1\)$/, '-c');

/**
 * python3, plus `python3 -m http.server` run in the foreground: it announces itself and waits until
 * Ctrl-C. Only a container's main process answers requests (nothing else runs beside a foreground job).
 */
export const python3: Program = async (ctx) => {
  // The server's code loads only when python3 is asked to serve.
  const server = ctx.argv.includes('-m')
    ? (await import('../docker/services/python-http.ts')).parseHttpServerArgs(ctx.argv)
    : undefined;
  if (!server) return pythonRuntime(ctx);
  const bind = server.bind ?? '0.0.0.0';
  ctx.stdout.write(`Serving HTTP on ${bind} port ${server.port} (http://${bind}:${server.port}/) ...\n`);
  try {
    await ctx.sleep(Number.POSITIVE_INFINITY);
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    ctx.stdout.write('\nKeyboard interrupt received, exiting.\n');
  }
  return 0;
};
export const node = nodeScript(runtime('node', 'v22.21.1', /^console\.log\((['"])(.*)\1\)$/, '-e'));
