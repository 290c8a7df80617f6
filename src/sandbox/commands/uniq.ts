import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { absolute, errorText, readOperand } from './read.ts';

/** `uniq [-c] [-d] [-u] [-i] [INPUT [OUTPUT]]`: collapses adjacent duplicate lines. */
export function uniq(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'uniq', flavor, parsed.message);
    const [input = '-', output] = parsed.operands;
    let text: string;
    try {
      text = readOperand(ctx, input);
    } catch (error) {
      ctx.stderr.write(
        flavor === 'gnu'
          ? `uniq: ${input}: ${errorText(error)}\n`
          : `uniq: can't open '${input}': ${errorText(error)}\n`,
      );
      return 1;
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const same = (a: string, b: string) => (parsed.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
    const groups: { line: string; count: number }[] = [];
    for (const line of lines) {
      const last = groups[groups.length - 1];
      if (last && same(last.line, line)) last.count++;
      else groups.push({ line, count: 1 });
    }
    let out = '';
    for (const { line, count } of groups) {
      if (parsed.has('d') && count < 2) continue;
      if (parsed.has('u') && count > 1) continue;
      out += parsed.has('c') ? `${String(count).padStart(7)} ${line}\n` : `${line}\n`;
    }
    if (output !== undefined) {
      try {
        ctx.fs.writeFile(absolute(ctx, output), out, { actor: ctx.user });
      } catch (error) {
        ctx.stderr.write(`uniq: ${output}: ${errorText(error)}\n`);
        return 1;
      }
    } else ctx.stdout.write(out);
    return 0;
  };
}
