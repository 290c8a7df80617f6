import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/rate-limit';
import { databaseFor, ENGINES } from '../setup/databases';

describe.each(ENGINES)('RateLimiter on %s', (engine) => {
  const db = databaseFor(engine);

  it('allows a burst up to its capacity, then says how long to wait', async () => {
    const limiter = new RateLimiter('burst', 3, 0.5);
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await limiter.take('a', 0, db()));
    expect(taken).toEqual([0, 0, 0, 2]);
    expect(await limiter.take('b', 0, db())).toBe(0);
  });

  it('refills over time, never above capacity', async () => {
    const limiter = new RateLimiter('refill', 2, 1);
    await limiter.take('a', 0, db());
    await limiter.take('a', 0, db());
    expect(await limiter.take('a', 500, db())).toBe(1);
    expect(await limiter.take('a', 1500, db())).toBe(0);
    const later = [];
    for (let i = 0; i < 3; i++) later.push(await limiter.take('a', 100_000, db()));
    expect(later).toEqual([0, 0, 1]);
  });

  it('peeks without spending, and keeps limiters of different names apart', async () => {
    const one = new RateLimiter('one', 1, 0.1);
    const two = new RateLimiter('two', 1, 0.1);
    expect(await one.peek('k', 0, db())).toBe(0);
    expect(await one.take('k', 0, db())).toBe(0);
    expect(await one.peek('k', 0, db())).toBe(10);
    expect(await two.take('k', 0, db())).toBe(0);
  });

  it('lets exactly capacity requests through when they race', async () => {
    const limiter = new RateLimiter('race', 5, 0.001);
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.take('x', 0, db())));
    expect(results.filter((w) => w === 0)).toHaveLength(5);
  });
});
