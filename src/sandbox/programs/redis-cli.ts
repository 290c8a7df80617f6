import { decodeReplies, encodeCommand, type RespReply } from '../docker/services/resp.ts';
import type { Program, ProgramContext } from '../shell/program.ts';

/** redis-cli's `sdscatrepr`: a quoted string with C escapes, bytes outside printable ASCII as \xHH. */
export function repr(text: string): string {
  let out = '"';
  for (const b of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(b);
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (b === 7) out += '\\a';
    else if (b === 8) out += '\\b';
    else if (b >= 0x20 && b < 0x7f) out += ch;
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** A reply as redis-cli shows it on a terminal (`cliFormatReplyTTY`). */
export function formatTty(reply: RespReply, prefix = ''): string {
  switch (reply.type) {
    case 'error':
      return `(error) ${reply.text}\n`;
    case 'status':
      return `${reply.text}\n`;
    case 'integer':
      return `(integer) ${reply.value}\n`;
    case 'bulk':
      return `${repr(reply.text)}\n`;
    case 'nil':
      return '(nil)\n';
    case 'array': {
      if (reply.items.length === 0) return '(empty array)\n';
      const width = String(reply.items.length).length;
      const inner = prefix + ' '.repeat(width + 2);
      return reply.items
        .map(
          (item, i) => `${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}) ${formatTty(item, inner)}`,
        )
        .join('');
    }
  }
}

/** A reply as redis-cli prints it into a pipe or file (`cliFormatReplyRaw` and the line end). */
export function formatRaw(reply: RespReply): string {
  const raw = (r: RespReply): string => {
    switch (r.type) {
      case 'error':
        return `${r.text}\n`;
      case 'status':
      case 'bulk':
        return r.text;
      case 'integer':
        return String(r.value);
      case 'nil':
        return '';
      case 'array':
        return r.items.map(raw).join('\n');
    }
  };
  return `${raw(reply)}\n`;
}

/** Splits a line into arguments as redis-cli does (`sdssplitargs`): spaces, "…" with escapes, '…'. */
export function splitArgs(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i] as string)) i++;
    if (i >= line.length) break;
    let word = '';
    const quote = line[i];
    if (quote === '"' || quote === "'") {
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        const ch = line[i] as string;
        if (ch === quote) {
          i++;
          break;
        }
        if (ch === '\\' && quote === '"' && i + 1 < line.length) {
          const next = line[++i] as string;
          word += { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b' }[next] ?? next;
        } else if (ch === '\\' && quote === "'" && line[i + 1] === "'") {
          word += "'";
          i++;
        } else word += ch;
        i++;
      }
    } else {
      while (i < line.length && !/\s/.test(line[i] as string)) word += line[i++];
    }
    out.push(word);
  }
  return out;
}

interface CliOptions {
  host: string;
  port: number;
  raw: boolean | undefined;
  errorCode: boolean;
  command: string[];
}

function parseOptions(args: string[]): CliOptions | { error: string } {
  const o: CliOptions = { host: '127.0.0.1', port: 6379, raw: undefined, errorCode: false, command: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`Unrecognized option or bad number of args for: '${a}'`);
      return v;
    };
    try {
      if (a === '-h') o.host = value();
      else if (a === '-p') o.port = Number(value());
      else if (a === '-n' || a === '-a' || a === '--user' || a === '--pass') value();
      else if (a === '--raw') o.raw = true;
      else if (a === '--no-raw') o.raw = false;
      else if (a === '-e') o.errorCode = true;
      else if (a === '--no-auth-warning') continue;
      else if (a.startsWith('-') && a !== '-')
        return { error: `Unrecognized option or bad number of args for: '${a}'` };
      else break;
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  o.command = args.slice(i);
  return o;
}

/** Sends commands over the sandbox's network and prints each reply; the exit status. */
async function run(ctx: ProgramContext, o: CliOptions, commands: string[][], tty: boolean): Promise<number> {
  const answer = ctx.system.tcp?.(o.host, o.port, commands.map(encodeCommand).join('')) ?? {
    error: 'refused' as const,
  };
  if ('error' in answer) {
    if (answer.error === 'timeout') await ctx.sleep(130_000);
    const reason =
      answer.error === 'unresolved'
        ? 'Name or service not known'
        : answer.error === 'timeout'
          ? 'Connection timed out'
          : 'Connection refused';
    ctx.stderr.write(`Could not connect to Redis at ${o.host}:${o.port}: ${reason}\n`);
    return 1;
  }
  for (const reply of decodeReplies(answer.data)) {
    if (o.errorCode && reply.type === 'error') {
      ctx.stderr.write(`${reply.text}\n`);
      return 1;
    }
    ctx.stdout.write(tty ? formatTty(reply) : formatRaw(reply));
  }
  return 0;
}

/**
 * `redis-cli [-h HOST] [-p PORT] [--raw|--no-raw] [-e] COMMAND [ARGS…]`: one command from the
 * arguments, or one per line of a piped stdin. On a terminal it quotes and labels replies, in a pipe
 * it prints them raw, as redis-cli decides by isatty(stdout).
 */
export const redisCli: Program = async (ctx) => {
  const parsed = parseOptions(ctx.argv.slice(1));
  if ('error' in parsed) {
    ctx.stderr.write(`${parsed.error}\n`);
    return 1;
  }
  const tty = parsed.raw === undefined ? ctx.stdout.isTTY : !parsed.raw;
  if (parsed.command.length > 0) return run(ctx, parsed, [parsed.command], tty);
  if (!ctx.stdin.isTTY) {
    const commands: string[][] = [];
    for (const line of ctx.stdin.read().split('\n')) {
      const args = splitArgs(line);
      if (args === undefined) {
        ctx.stderr.write('Invalid argument(s)\n');
        return 1;
      }
      if (args.length > 0) commands.push(args);
    }
    return commands.length > 0 ? run(ctx, parsed, commands, tty) : 0;
  }
  ctx.stderr.write(
    'redis-cli: this sandbox has no interactive prompt; give the command as arguments (redis-cli GET key)\n',
  );
  return 1;
};
