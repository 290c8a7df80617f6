import type { Program } from '../shell/program.ts';

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

export const python3 = runtime('python3', 'Python 3.13.9', /^print\((['"])(.*)\1\)$/, '-c');
export const node = runtime('node', 'v22.21.1', /^console\.log\((['"])(.*)\1\)$/, '-e');
