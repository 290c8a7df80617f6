import { addressKey, RateLimiter } from '../rate-limit.ts';

export { addressKey };

/**
 * Limits where guessing or flooding pays: passwords, join codes, new accounts. Routes call only these
 * functions, never a `RateLimiter`, so where the buckets live can change without changing a caller.
 * Each answers the seconds to wait, 0 when the request may go ahead.
 *
 * Every limit is per client address, never per account alone: a limit on an account is a switch
 * anyone can flip to lock its owner out. A guesser is slowed at their own address, and the owner,
 * signing in from anywhere else, is not.
 */

// Failed sign-ins from one address, on any accounts: ten at once, then one every six seconds. Only
// failures count, so a whole class signing in from one school address is never slowed.
const failedLogins = new RateLimiter('login', 10, 1 / 6);
// Wrong join codes, per address and per account: the same budget.
const wrongJoinCodes = new RateLimiter('join', 10, 1 / 6);
// New accounts from one address: a class of 40 behind one school address at once, then one every
// three minutes; a script creating accounts gets 40, not hundreds.
const newAccounts = new RateLimiter('signup', 40, 1 / 180);

/** Seconds before this address may try to sign in again. */
export function loginWait(address: string): Promise<number> {
  return failedLogins.peek(addressKey(address));
}

/** A failed sign-in from this address (the account it tried does not matter: see above). */
export async function loginFailed(address: string): Promise<void> {
  await failedLogins.take(addressKey(address));
}

/** Takes one new account from this address's budget; the seconds to wait when there is none left. */
export function signupWait(address: string): Promise<number> {
  return newAccounts.take(addressKey(address));
}

/** Seconds before this address or this user may try another join code. */
export async function joinWait(address: string, userId: string): Promise<number> {
  return Math.max(
    await wrongJoinCodes.peek(addressKey(address)),
    await wrongJoinCodes.peek(`user:${userId}`),
  );
}

/** A join code that matched no class. */
export async function joinFailed(address: string, userId: string): Promise<void> {
  await wrongJoinCodes.take(addressKey(address));
  await wrongJoinCodes.take(`user:${userId}`);
}
