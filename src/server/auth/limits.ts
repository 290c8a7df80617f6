import { RateLimiter } from '../rate-limit.ts';

/** Where guessing pays: passwords and join codes. Ten tries at once, then one every six seconds. */
export const loginLimiter = new RateLimiter(10, 1 / 6);
export const joinLimiter = new RateLimiter(10, 1 / 6);
