import type { Program } from '../shell/program.ts';
import type { Flavor } from './flavor.ts';

/**
 * Expands backslash escapes as `echo -e` and `printf %b` do. Returns the text and whether `\c`
 * asked to stop all further output.
 */
export function expandEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[++i] as string;
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      e: '\x1b',
      E: '\x1b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (next in simple) out += simple[next];
    else if (next === 'c') return { text: out, stop: true };
    else if (next === '0') {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 1))?.[0] ?? '';
      out += String.fromCharCode(Number.parseInt(digits || '0', 8) & 0xff);
      i += digits.length;
    } else if (next === 'x' && /^[0-9a-fA-F]/.test(text.slice(i + 1))) {
      const digits = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1))?.[0] ?? '';
      out += String.fromCharCode(Number.parseInt(digits, 16));
      i += digits.length;
    } else out += `\\${next}`;
  }
  return { text: out, stop: false };
}

/**
 * `echo` as bash's builtin, GNU's /bin/echo and BusyBox's behave alike: leading arguments made only of
 * n, e and E letters are options; anything else (even `-z`) is printed as text.
 */
export function echo(_flavor: Flavor): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0] as string)) {
      for (const c of (args.shift() as string).slice(1)) {
        if (c === 'n') newline = false;
        else escapes = c === 'e';
      }
    }
    let text = args.join(' ');
    if (escapes) {
      const expanded = expandEscapes(text);
      if (expanded.stop) {
        ctx.stdout.write(expanded.text);
        return 0;
      }
      text = expanded.text;
    }
    ctx.stdout.write(newline ? `${text}\n` : text);
    return 0;
  };
}
