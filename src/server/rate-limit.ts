/**
 * A token bucket per key (a client address and an action): `capacity` requests at once, refilled
 * at `perSecond`. Old buckets are dropped so the map stays small. Per process: behind a load
 * balancer each process limits on its own, which still bounds guessing.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  private readonly capacity: number;
  private readonly perSecond: number;
  private readonly maxKeys: number;

  constructor(capacity: number, perSecond: number, maxKeys = 50_000) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.maxKeys = maxKeys;
  }

  /** Takes a token for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.waitFor(bucket);
  }

  /** The seconds `key` must wait before its next try, without taking a token. */
  peek(key: string, now = Date.now()): number {
    const bucket = this.refill(key, now);
    return bucket.tokens >= 1 ? 0 : this.waitFor(bucket);
  }

  private refill(key: string, now: number): { tokens: number; at: number } {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.delete(key);
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    this.buckets.set(key, bucket);
    return bucket;
  }

  private waitFor(bucket: { tokens: number }): number {
    return Math.ceil((1 - bucket.tokens) / this.perSecond);
  }
}
