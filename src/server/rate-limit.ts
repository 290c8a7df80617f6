import type { Queryable } from './db/database.ts';
import { database } from './db/open.ts';

/**
 * A token bucket per key (a client address and an action): `capacity` requests at once, refilled at
 * `perSecond`. The buckets live in the database, so every app process on one PostgreSQL counts
 * against the same ones; one statement takes a token, so two processes cannot both spend the last.
 */
export class RateLimiter {
  readonly name: string;
  readonly capacity: number;
  readonly perSecond: number;

  constructor(name: string, capacity: number, perSecond: number) {
    this.name = name;
    this.capacity = capacity;
    this.perSecond = perSecond;
  }

  /** `take` for a client address, under its `addressKey`. */
  takeForAddress(address: string, now = Date.now()): Promise<number> {
    return this.take(addressKey(address), now);
  }

  /** Takes a token for `key`; resolves 0 when allowed, else the seconds to wait. */
  async take(key: string, now = Date.now(), db?: Queryable): Promise<number> {
    const q = db ?? (await database());
    const taken = await q.query<{ tokens: number }>(
      `insert into rate_limits as r (key, tokens, at) values ($1, $2::float8 - 1, $4)
       on conflict (key) do update
         set tokens = least($2::float8, r.tokens + greatest(0, extract(epoch from ($4 - r.at))) * $3::float8) - 1,
             at = greatest(r.at, $4)
         where least($2::float8, r.tokens + greatest(0, extract(epoch from ($4 - r.at))) * $3::float8) >= 1
       returning tokens`,
      [this.keyOf(key), this.capacity, this.perSecond, new Date(now)],
    );
    if (taken.length > 0) {
      if (Math.random() < 0.01) await forgetIdle(q, now);
      return 0;
    }
    return this.peek(key, now, q);
  }

  /** The seconds `key` must wait before its next try, without taking a token. */
  async peek(key: string, now = Date.now(), db?: Queryable): Promise<number> {
    const q = db ?? (await database());
    const [row] = await q.query<{ tokens: number }>(
      `select least($2::float8, tokens + greatest(0, extract(epoch from ($4 - at))) * $3::float8) as tokens
       from rate_limits where key = $1`,
      [this.keyOf(key), this.capacity, this.perSecond, new Date(now)],
    );
    const tokens = row ? Number(row.tokens) : this.capacity;
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.perSecond);
  }

  private keyOf(key: string): string {
    return `${this.name}:${key}`;
  }
}

/** Drops buckets nobody has touched for a day (they are full again by then). */
async function forgetIdle(q: Queryable, now: number): Promise<void> {
  await q.query('delete from rate_limits where at < $1', [new Date(now - 86_400_000)]);
}

/**
 * The key a client address is limited under: IPv4 as it is, IPv6 by its /64 network, since one
 * machine is usually given a whole /64 and could take a fresh address for every guess.
 */
export function addressKey(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (v4) return v4[1] as string;
  if (!address.includes(':')) return address;
  const [head = '', tail] = (address.split('%')[0] as string).toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  const groups = [...left, ...(tail === undefined ? [] : zeros), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
