import { nextUint32, seedRandom } from '../sandbox/core/random.ts';

/** Fisher–Yates driven by the sandbox's seeded generator: the same seed always gives the same order. */
export function shuffle<T>(items: readonly T[], seed: string): T[] {
  const state = seedRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = nextUint32(state) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
