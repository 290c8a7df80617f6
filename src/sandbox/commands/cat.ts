import type { Program } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { errorText, readOperand } from './read.ts';

/** `cat -n`: numbers every output line as `%6d\t`, counting across files as GNU does. */
function numberLines(text: string, start: number): { text: string; next: number } {
  let n = start;
  const lines = text.split('\n');
  const last = lines.pop() as string;
  let out = lines.map((line) => `${String(n++).padStart(6)}\t${line}\n`).join('');
  if (last) out += `${String(n++).padStart(6)}\t${last}`;
  return { text: out, next: n };
}

/** `cat`: concatenate files (or standard input) to standard output. */
export function cat(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(ctx.argv.slice(1), { flags: 'nuAbesvET', long: { number: 'n' } }, flavor);
    if (!parsed.ok) return usageError(ctx, 'cat', flavor, parsed.message);
    const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
    let status = 0;
    let line = 1;
    for (const operand of operands) {
      let text: string;
      try {
        text = readOperand(ctx, operand);
      } catch (error) {
        const message = errorText(error);
        if (flavor === 'gnu') ctx.stderr.write(`cat: ${operand}: ${message}\n`);
        else if (message === 'Is a directory') ctx.stderr.write(`cat: read error: ${message}\n`);
        else ctx.stderr.write(`cat: can't open '${operand}': ${message}\n`);
        status = 1;
        continue;
      }
      if (parsed.has('n')) {
        const numbered = numberLines(text, line);
        line = numbered.next;
        text = numbered.text;
      }
      ctx.stdout.write(text);
    }
    return status;
  };
}
