/**
 * Seeded pseudo-random numbers (sfc32). The whole generator state is four 32-bit words,
 * kept in the sandbox state so a restored sandbox continues the same sequence.
 */
export type RandomState = [number, number, number, number];

/** Derives a generator state from any string or number seed. */
export function seedRandom(seed: string | number): RandomState {
  // cyrb128: spreads the seed over four words.
  const str = String(seed);
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** Next 32-bit unsigned integer; advances `state` in place. */
export function nextUint32(state: RandomState): number {
  let [a, b, c, d] = state;
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  state[0] = a >>> 0;
  state[1] = b >>> 0;
  state[2] = c >>> 0;
  state[3] = d >>> 0;
  return t >>> 0;
}

/** Integer in [min, max]. */
export function nextInt(state: RandomState, min: number, max: number): number {
  return min + (nextUint32(state) % (max - min + 1));
}

/** `length` lowercase hex digits. */
export function nextHex(state: RandomState, length: number): string {
  let out = '';
  while (out.length < length) out += nextUint32(state).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** One element of a non-empty list. */
export function pick<T>(state: RandomState, items: readonly T[]): T {
  return items[nextUint32(state) % items.length] as T;
}
