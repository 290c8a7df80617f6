import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/rate-limit';

describe('RateLimiter', () => {
  it('allows a burst up to its capacity, then says how long to wait', () => {
    const limiter = new RateLimiter(3, 0.5);
    expect([0, 0, 0].map(() => limiter.take('a', 0))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 0)).toBe(2);
    expect(limiter.take('b', 0)).toBe(0);
  });

  it('refills over time, never above capacity', () => {
    const limiter = new RateLimiter(2, 1);
    limiter.take('a', 0);
    limiter.take('a', 0);
    expect(limiter.take('a', 500)).toBe(1);
    expect(limiter.take('a', 1500)).toBe(0);
    expect([limiter.take('a', 100_000), limiter.take('a', 100_000), limiter.take('a', 100_000)]).toEqual([
      0, 0, 1,
    ]);
  });

  it('forgets the oldest keys beyond its bound', () => {
    const limiter = new RateLimiter(1, 0.001, 2);
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0);
    expect(limiter.take('a', 0)).toBe(0);
  });

  it('peeks at the wait without taking a token', () => {
    const limiter = new RateLimiter(1, 1);
    expect(limiter.peek('a', 0)).toBe(0);
    expect(limiter.peek('a', 0)).toBe(0);
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.peek('a', 0)).toBe(1);
    expect(limiter.peek('a', 1000)).toBe(0);
  });
});
