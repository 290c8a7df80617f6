import { caseVariants } from './case.ts';
import type { CharSet } from './charset.ts';

/** Tests one character against a class the way JS does, including case-insensitive matching. */
export class CharMatcher {
  private readonly ascii = new Uint8Array(128);
  private readonly set: CharSet;
  private readonly negated: boolean;
  private readonly ignoreCase: boolean;

  constructor(set: CharSet, negated: boolean, ignoreCase: boolean) {
    this.set = set;
    this.negated = negated;
    this.ignoreCase = ignoreCase;
    for (let c = 0; c < 128; c++) this.ascii[c] = this.compute(c) ? 1 : 0;
  }

  /** Whether the character `code` belongs to the class. */
  matches(code: number): boolean {
    return code < 128 ? this.ascii[code] === 1 : this.compute(code);
  }

  /** JS: some member of the set has the same canonical form as `code`; `[^…]` inverts that afterwards. */
  private compute(code: number): boolean {
    let found = this.set.has(code);
    if (!found && this.ignoreCase) {
      const variants = caseVariants(code);
      for (let i = 0; i < variants.length && !found; i++) found = this.set.has(variants[i] as number);
    }
    return found !== this.negated;
  }
}
