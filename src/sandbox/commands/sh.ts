import { bashRelease } from '../shell/bash-release.ts';
import type { Program, ProgramContext, ShellFlavor } from '../shell/program.ts';
import { absolute, errorText } from './read.ts';

function prefix(flavor: ShellFlavor): string {
  return flavor === 'bash' ? 'bash' : 'sh';
}

function cannotOpen(ctx: ProgramContext, flavor: ShellFlavor, file: string, error: unknown): number {
  const message = errorText(error);
  if (flavor === 'bash') {
    ctx.stderr.write(`bash: ${file}: ${message}\n`);
    return 127;
  }
  if (flavor === 'dash') ctx.stderr.write(`sh: 0: cannot open ${file}: No such file\n`);
  else ctx.stderr.write(`sh: can't open '${file}': ${message}\n`);
  return flavor === 'dash' ? 2 : 2;
}

/**
 * `sh`/`bash`: `-c SCRIPT` and script files run in a child shell; with no operand, a pipe on standard
 * input is run as a script and a terminal opens a nested interactive session.
 */
export function shellProgram(flavor: ShellFlavor, builtins: Readonly<Record<string, Program>>): Program {
  const as = { kind: { flavor, builtins } };
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    if (flavor === 'bash' && args[0] === '--version') {
      ctx.stdout.write((await import('./bash-help-topics.ts')).bashVersionText(bashRelease(ctx.fs)));
      return 0;
    }
    let i = 0;
    let command: string | undefined;
    let commandMode = false;
    for (; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '--') {
        i++;
        break;
      }
      if (arg === '-c') {
        commandMode = true;
        continue;
      }
      if (
        /^-[a-zA-Z]+$/.test(arg) ||
        /^\+[a-zA-Z]+$/.test(arg) ||
        arg === '--login' ||
        arg === '--norc' ||
        arg === '--noprofile'
      ) {
        if (arg.startsWith('-') && arg.includes('c') && !arg.startsWith('--')) commandMode = true;
        continue;
      }
      break;
    }
    if (commandMode) {
      command = args[i];
      if (command === undefined) {
        ctx.stderr.write(
          flavor === 'bash'
            ? 'bash: -c: option requires an argument\n'
            : flavor === 'dash'
              ? 'sh: 0: -c requires an argument\n'
              : 'sh: -c requires an argument\n',
        );
        return 2;
      }
      return ctx.shell(command, undefined, ctx.argv[0], as);
    }
    const file = args[i];
    if (file !== undefined) {
      let text: string;
      try {
        text = ctx.fs.readText(absolute(ctx, file));
      } catch (error) {
        return cannotOpen(ctx, flavor, file, error);
      }
      return ctx.shell(text, undefined, undefined, as);
    }
    if (!ctx.stdin.isTTY)
      return ctx.shell(ctx.stdin.read(), { stdin: { read: () => '', isTTY: false } }, undefined, as);
    return ctx.session({
      system: ctx.system,
      fs: ctx.fs,
      user: ctx.user,
      cwd: ctx.cwd,
      env: { ...ctx.env, SHELL: ctx.env.SHELL ?? `/bin/${prefix(flavor)}` },
      shell: flavor,
    });
  };
}
