import { describe, expect, it } from 'vitest';
import { carryNames } from '../../src/conformance/carry-names.ts';

const a = 'a'.repeat(63) + '1';
const b = 'b'.repeat(63) + '2';
const x = 'c'.repeat(63) + '3';
const y = 'd'.repeat(63) + '4';

describe('carryNames', () => {
  it('renames what a newer block names after the line was recorded again, short ids with their long form', () => {
    const previous = `create ${a}\nconnect ${b} (container=${a})\n`;
    const recorded = `create ${x}\nconnect ${y} (container=${x})\n`;
    const newer = `create ${a} (execDuration=0)\nconnect ${b} (container=${a.slice(0, 12)})\n`;
    expect(carryNames(previous, recorded, newer)).toBe(
      `create ${x} (execDuration=0)\nconnect ${y} (container=${x.slice(0, 12)})\n`,
    );
  });

  it('renames UUIDs, and leaves the text alone when the recordings name different numbers of things', () => {
    const u1 = '0af02056-e4f3-4fc6-a718-b553a11c7b02';
    const u2 = 'dbaf46ca-4576-4621-b87d-ee8b2d1d1cb9';
    expect(carryNames(`UUID: ${u1}\n`, `UUID: ${u2}\n`, `Medium ${u1}\n`)).toBe(`Medium ${u2}\n`);
    expect(carryNames(`${a} ${b}\n`, `${x}\n`, `${a}\n`)).toBe(`${a}\n`);
  });
});
