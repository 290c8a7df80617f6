import { RateLimiter } from '../rate-limit.ts';

/**
 * Where guessing pays: passwords and join codes. Only failures count (ten at once, then one every
 * six seconds), so a whole class signing in or joining from one school address is never slowed.
 */
export const loginLimiter = new RateLimiter(10, 1 / 6);
export const joinLimiter = new RateLimiter(10, 1 / 6);
