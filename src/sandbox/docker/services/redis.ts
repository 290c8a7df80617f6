import type { Filesystem } from '../../fs/filesystem.ts';
import type { ServiceContext, ServiceModel } from '../services.ts';
import type { ContainerRecord, ServiceMemory } from '../state.ts';
import { decodeCommands, encodeReply, type RespReply } from './resp.ts';

type Keys = NonNullable<ServiceMemory['keys']>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A redis log line's prefix: `1:M 07 Dec 2026 09:00:00.123` (`C` before the server role is set). */
function stamp(ms: number, role = 'M'): string {
  const d = new Date(ms);
  return `1:${role} ${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
}

/** The first line of the file redis saves (RDB version 12); the rest is the sandbox's own encoding. */
const RDB_MAGIC = 'REDIS0012';

interface Dump {
  savedAt: number;
  keys: Keys;
}

/** Where redis keeps dump.rdb: its working directory (`/data` in the official image). */
function dumpPath(c: ContainerRecord): string {
  const dir = c.config.workingDir || '/';
  return `${dir === '/' ? '' : dir}/dump.rdb`;
}

function readDump(fs: Filesystem, path: string): Dump | undefined {
  try {
    const text = fs.readText(path);
    if (!text.startsWith(`${RDB_MAGIC}\n`)) return undefined;
    const dump = JSON.parse(text.slice(RDB_MAGIC.length + 1)) as Dump;
    return dump;
  } catch {
    return undefined;
  }
}

function writeDump(fs: Filesystem, path: string, keys: Keys, at: number): boolean {
  try {
    fs.writeFile(path, `${RDB_MAGIC}\n${JSON.stringify({ savedAt: at, keys })}\n`);
    fs.chown(path, 999, 999);
    return true;
  } catch {
    return false;
  }
}

/** Whether `key` matches a redis glob (`*`, `?`, `[a-z]`, `[^x]`, `\` escapes), as KEYS reads it. */
export function redisGlob(pattern: string, key: string): boolean {
  type Token = { kind: 'star' } | { kind: 'one'; test: (ch: string) => boolean };
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*') tokens.push({ kind: 'star' });
    else if (ch === '?') tokens.push({ kind: 'one', test: () => true });
    else if (ch === '[') {
      let j = i + 1;
      const negate = pattern[j] === '^';
      if (negate) j++;
      const ranges: [string, string][] = [];
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '\\' && j + 1 < pattern.length) j++;
        const lo = pattern[j] as string;
        if (pattern[j + 1] === '-' && j + 2 < pattern.length && pattern[j + 2] !== ']') {
          const hi = pattern[j + 2] as string;
          ranges.push(lo <= hi ? [lo, hi] : [hi, lo]);
          j += 3;
        } else {
          ranges.push([lo, lo]);
          j++;
        }
      }
      i = j;
      tokens.push({ kind: 'one', test: (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) !== negate });
    } else {
      const lit = ch === '\\' && i + 1 < pattern.length ? (pattern[++i] as string) : ch;
      tokens.push({ kind: 'one', test: (c) => c === lit });
    }
  }
  // Which prefixes of the key the tokens so far can match: linear in pattern × key.
  let reach = new Array<boolean>(key.length + 1).fill(false);
  reach[0] = true;
  for (const t of tokens) {
    const next = new Array<boolean>(key.length + 1).fill(false);
    for (let k = 0; k <= key.length; k++) {
      if (t.kind === 'star') next[k] = reach[k] || (k > 0 && next[k - 1] === true);
      else next[k] = k > 0 && reach[k - 1] === true && t.test(key[k - 1] as string);
    }
    reach = next;
  }
  return reach[key.length] === true;
}

/** Arity as redis's command table has it: exact when positive, at least |n| when negative. */
const ARITY: Record<string, number> = {
  ping: -1,
  echo: 2,
  set: -3,
  get: 2,
  mget: -2,
  mset: -3,
  incr: 2,
  decr: 2,
  incrby: 3,
  decrby: 3,
  append: 3,
  strlen: 2,
  del: -2,
  exists: -2,
  keys: 2,
  expire: -3,
  pexpire: -3,
  ttl: 2,
  pttl: 2,
  persist: 2,
  type: 2,
  dbsize: 1,
  flushall: -1,
  flushdb: -1,
  save: 1,
  quit: -1,
};

const OK: RespReply = { type: 'status', text: 'OK' };
const int = (value: number): RespReply => ({ type: 'integer', value });
const err = (text: string): RespReply => ({ type: 'error', text });
const NOT_INTEGER = err('ERR value is not an integer or out of range');

/** Runs one command against the keys; `save` writes the dump as SAVE does. */
export function runRedisCommand(keys: Keys, args: string[], now: number, save: () => void): RespReply {
  const [typed = '', ...rest] = args;
  const name = typed.toLowerCase();
  const arity = ARITY[name];
  if (arity === undefined) {
    const shown = rest.map((a) => `'${a.slice(0, 128)}' `).join('');
    return err(`ERR unknown command '${typed}', with args beginning with: ${shown}`);
  }
  if (arity > 0 ? args.length !== arity : args.length < -arity)
    return err(`ERR wrong number of arguments for '${name}' command`);
  // Keys past their time to live are gone, as redis finds them on access.
  for (const [k, v] of Object.entries(keys))
    if (v.expiresAt !== undefined && v.expiresAt <= now) delete keys[k];
  const key = rest[0] ?? '';
  const incrBy = (by: number): RespReply => {
    const current = keys[key]?.value ?? '0';
    if (!/^-?\d+$/.test(current) || Math.abs(Number(current)) > Number.MAX_SAFE_INTEGER) return NOT_INTEGER;
    const value = Number(current) + by;
    keys[key] = { ...keys[key], value: String(value) };
    return int(value);
  };
  const integerArg = (text: string | undefined) => (/^-?\d+$/.test(text ?? '') ? Number(text) : undefined);
  switch (name) {
    case 'ping':
      return rest[0] !== undefined ? { type: 'bulk', text: rest[0] } : { type: 'status', text: 'PONG' };
    case 'echo':
      return { type: 'bulk', text: key };
    case 'quit':
      return OK;
    case 'set': {
      let expiresAt: number | undefined;
      let onlyIf: 'NX' | 'XX' | undefined;
      let keepTtl = false;
      for (let i = 2; i < rest.length; i++) {
        const option = (rest[i] as string).toUpperCase();
        if (option === 'NX' || option === 'XX') onlyIf = option;
        else if (option === 'KEEPTTL') keepTtl = true;
        else if ((option === 'EX' || option === 'PX') && i + 1 < rest.length) {
          const n = integerArg(rest[++i]);
          if (n === undefined) return NOT_INTEGER;
          if (n <= 0) return err("ERR invalid expire time in 'set' command");
          expiresAt = now + (option === 'EX' ? n * 1000 : n);
        } else return err('ERR syntax error');
      }
      const exists = keys[key] !== undefined;
      if ((onlyIf === 'NX' && exists) || (onlyIf === 'XX' && !exists)) return { type: 'nil' };
      const ttl = expiresAt ?? (keepTtl ? keys[key]?.expiresAt : undefined);
      keys[key] = { value: rest[1] ?? '', ...(ttl !== undefined ? { expiresAt: ttl } : {}) };
      return OK;
    }
    case 'get': {
      const entry = keys[key];
      return entry ? { type: 'bulk', text: entry.value } : { type: 'nil' };
    }
    case 'mget':
      return {
        type: 'array',
        items: rest.map((k) => {
          const entry = keys[k];
          return entry ? { type: 'bulk', text: entry.value } : { type: 'nil' };
        }),
      };
    case 'mset':
      if (rest.length % 2 !== 0) return err("ERR wrong number of arguments for 'mset' command");
      for (let i = 0; i < rest.length; i += 2) keys[rest[i] as string] = { value: rest[i + 1] as string };
      return OK;
    case 'incr':
      return incrBy(1);
    case 'decr':
      return incrBy(-1);
    case 'incrby':
    case 'decrby': {
      const n = integerArg(rest[1]);
      if (n === undefined) return NOT_INTEGER;
      return incrBy(name === 'incrby' ? n : -n);
    }
    case 'append': {
      const value = (keys[key]?.value ?? '') + (rest[1] ?? '');
      keys[key] = { ...keys[key], value };
      return int(new TextEncoder().encode(value).length);
    }
    case 'strlen':
      return int(new TextEncoder().encode(keys[key]?.value ?? '').length);
    case 'del': {
      let removed = 0;
      for (const k of new Set(rest)) {
        if (keys[k]) {
          delete keys[k];
          removed++;
        }
      }
      return int(removed);
    }
    case 'exists':
      return int(rest.filter((k) => keys[k] !== undefined).length);
    case 'keys':
      return {
        type: 'array',
        items: Object.keys(keys)
          .filter((k) => redisGlob(key, k))
          .map((k) => ({ type: 'bulk', text: k })),
      };
    case 'expire':
    case 'pexpire': {
      const n = integerArg(rest[1]);
      if (n === undefined) return NOT_INTEGER;
      const entry = keys[key];
      if (!entry) return int(0);
      const at = now + (name === 'expire' ? n * 1000 : n);
      if (at <= now) delete keys[key];
      else entry.expiresAt = at;
      return int(1);
    }
    case 'ttl':
    case 'pttl': {
      const entry = keys[key];
      if (!entry) return int(-2);
      if (entry.expiresAt === undefined) return int(-1);
      const left = entry.expiresAt - now;
      return int(name === 'ttl' ? Math.floor((left + 500) / 1000) : left);
    }
    case 'persist': {
      const entry = keys[key];
      if (entry?.expiresAt === undefined) return int(0);
      delete entry.expiresAt;
      return int(1);
    }
    case 'type':
      return { type: 'status', text: keys[key] ? 'string' : 'none' };
    case 'dbsize':
      return int(Object.keys(keys).length);
    case 'flushall':
    case 'flushdb':
      for (const k of Object.keys(keys)) delete keys[k];
      return OK;
    case 'save':
      save();
      return OK;
    default:
      return err(`ERR unknown command '${typed}', with args beginning with: `);
  }
}

/** redis-server as the official image runs it: keys in memory, saved to dump.rdb on shutdown. */
export function redisService(ctx: ServiceContext): ServiceModel {
  const c = ctx.container;
  const path = dumpPath(c);
  const log = (text: string, at = ctx.now()) => c.logs.push({ at, stream: 'stdout', text: `${text}\n` });
  const save = (at: number) => {
    if (writeDump(ctx.fs, path, c.service?.keys ?? {}, at)) log(`${stamp(at)} * DB saved on disk`, at);
  };
  return {
    name: 'redis',
    ports: [6379],
    memory: 4 * 1024 * 1024,
    processes: () => [{ args: 'redis-server *:6379', rss: 4_096, vsz: 58_212, user: 'redis' }],
    startup: (container, _iso, start) => {
      const t = (ms: number, role = 'M') => stamp(start + ms, role);
      const line = (text: string, delay: number) => ({ delay, stream: 'stdout' as const, text });
      const dump = readDump(ctx.fs, path);
      const keys: Keys = {};
      let expired = 0;
      for (const [k, v] of Object.entries(dump?.keys ?? {})) {
        if (v.expiresAt !== undefined && v.expiresAt <= start + 5) expired++;
        else keys[k] = v;
      }
      container.service = { connections: 0, keys };
      const load = dump
        ? [
            line(`${t(5)} * Loading RDB produced by version 8.2.3`, 5),
            line(`${t(5)} * RDB age ${Math.max(0, Math.floor((start - dump.savedAt) / 1000))} seconds`, 5),
            line(`${t(5)} * RDB memory usage when created 0.90 Mb`, 5),
            line(
              `${t(5)} * Done loading RDB, keys loaded: ${Object.keys(keys).length}, keys expired: ${expired}.`,
              5,
            ),
            line(`${t(5)} * DB loaded from disk: 0.000 seconds`, 5),
          ]
        : [];
      return {
        lines: [
          line('Starting Redis Server', 2),
          line(`${t(3, 'C')} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`, 3),
          line(
            `${t(3, 'C')} * Redis version=8.2.3, bits=64, commit=00000000, modified=1, pid=1, just started`,
            3,
          ),
          line(
            `${t(3, 'C')} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
            3,
          ),
          line(`${t(4)} * monotonic clock: POSIX clock_gettime`, 4),
          line(`${t(4)} * Running mode=standalone, port=6379.`, 4),
          line(`${t(5)} * Server initialized`, 5),
          ...load,
          line(`${t(5)} * Ready to accept connections tcp`, 5),
        ],
      };
    },
    // SIGTERM: redis saves its keys (the default config has save points) and exits; it logs to stdout.
    shutdown: (_iso, at) => {
      log(`1:signal-handler (${Math.floor(at / 1000)}) Received SIGTERM scheduling shutdown...`, at);
      log(`${stamp(at)} * User requested shutdown...`, at);
      log(`${stamp(at)} * Saving the final RDB snapshot before exiting.`, at);
      save(at);
      log(`${stamp(at)} # Redis is now ready to exit, bye bye...`, at);
      return [];
    },
    tcp: (data) => {
      c.service ??= { connections: 0 };
      c.service.connections++;
      c.service.keys ??= {};
      const keys = c.service.keys;
      const now = ctx.now();
      return decodeCommands(data)
        .map((args) => encodeReply(runRedisCommand(keys, args, now, () => save(now))))
        .join('');
    },
  };
}
