import { describe, expect, it } from 'vitest';
import {
  bytesSize,
  formatGoFloat,
  fromHumanSize,
  humanDuration,
  humanSize,
  humanSizeWithPrecision,
  ramInBytes,
} from '../../../../src/sandbox/docker/format/units.ts';

const KB = 1000;
const MB = 1000 * KB;
const GB = 1000 * MB;
const TB = 1000 * GB;
const PB = 1000 * TB;
const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

describe('formatGoFloat (%g)', () => {
  it.each([
    [999.999, 3, '1e+03'],
    [1.5, 4, '1.5'],
    [100, 4, '100'],
    [187, 3, '187'],
    [0, 3, '0'],
    [0.0001234, 3, '0.000123'],
    [0.00001234, 3, '1.23e-05'],
    [123456, 3, '1.23e+05'],
    [7.8, 3, '7.8'],
    [1.0625, 4, '1.062'], // exact tie rounds to even, like Go
    [1.0635, 4, '1.063'], // 1.0635 is slightly below the tie in binary
    [2.5, 1, '2'],
    [3.5, 1, '4'],
    [9.9999, 4, '10'],
    [12345.678, 0, '1e+04'],
  ])('%.*g of %d with precision %d is %s', (x, p, want) => {
    expect(formatGoFloat(x, p)).toBe(want);
  });

  it.each([
    [1e6, '1e+06'],
    [123456, '123456'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0.5, '0.5'],
    [-2.25, '-2.25'],
  ])('shortest %%v of %d is %s', (x, want) => {
    expect(formatGoFloat(x)).toBe(want);
  });

  it('formats %e and %f like Go', () => {
    expect(formatGoFloat(1.23456, 2, 'f')).toBe('1.23');
    expect(formatGoFloat(0.125, 2, 'f')).toBe('0.12');
    expect(formatGoFloat(0.6, 0, 'f')).toBe('1');
    expect(formatGoFloat(0.001, 1, 'f')).toBe('0.0');
    expect(formatGoFloat(1234.5, 6, 'f')).toBe('1234.500000');
    expect(formatGoFloat(1234.5, 2, 'e')).toBe('1.23e+03');
    expect(formatGoFloat(0, 2, 'e')).toBe('0.00e+00');
    expect(formatGoFloat(1e100, 1, 'e')).toBe('1.0e+100');
  });

  it('handles non-finite values', () => {
    expect(formatGoFloat(Number.NaN)).toBe('NaN');
    expect(formatGoFloat(Number.POSITIVE_INFINITY)).toBe('+Inf');
    expect(formatGoFloat(Number.NEGATIVE_INFINITY)).toBe('-Inf');
  });
});

describe('humanSize / humanSizeWithPrecision (go-units size_test.go)', () => {
  it.each([
    [1000, '1kB'],
    [1024, '1.024kB'],
    [1000000, '1MB'],
    [1048576, '1.049MB'],
    [2 * MB, '2MB'],
    [3.42 * GB, '3.42GB'],
    [5.372 * TB, '5.372TB'],
    [2.22 * PB, '2.22PB'],
    [10000000000000 * PB, '1e+04YB'],
    [212, '212B'],
    [16.43 * MB, '16.43MB'],
    [0, '0B'],
  ])('HumanSize(%d) = %s', (n, want) => {
    expect(humanSize(n)).toBe(want);
  });

  it.each([
    [0, '0B'],
    [2, '2B'],
    [5000, '5kB'],
    [7800000, '7.8MB'],
    [187000000, '187MB'],
    [1234567890, '1.23GB'],
    [13300, '13.3kB'],
    [999999, '1e+03kB'],
    [1062500, '1.06MB'],
  ])('HumanSizeWithPrecision(%d, 3) = %s', (n, want) => {
    expect(humanSizeWithPrecision(n, 3)).toBe(want);
  });

  it('rounds exact ties to even', () => {
    expect(humanSize(1062500)).toBe('1.062MB');
  });
});

describe('bytesSize (go-units size_test.go)', () => {
  it.each([
    [1024, '1KiB'],
    [1024 * 1024, '1MiB'],
    [2 * MiB, '2MiB'],
    [3.42 * GiB, '3.42GiB'],
    [5.372 * TiB, '5.372TiB'],
    [2.22 * PiB, '2.22PiB'],
    [KiB ** 5 * PiB, '1.049e+06YiB'],
    [4.668 * MiB, '4.668MiB'],
    [100, '100B'],
  ])('BytesSize(%d) = %s', (n, want) => {
    expect(bytesSize(n)).toBe(want);
  });
});

describe('humanDuration (go-units duration_test.go)', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const day = 24 * h;
  const week = 7 * day;
  const month = 30 * day;
  const year = 365 * day;
  it.each([
    [450, 'Less than a second'],
    [-5 * s, 'Less than a second'],
    [1 * s, '1 second'],
    [1999, '1 second'],
    [45 * s, '45 seconds'],
    [59 * s, '59 seconds'],
    [60 * s, 'About a minute'],
    [119 * s, 'About a minute'],
    [3 * m, '3 minutes'],
    [35 * m + 40 * s, '35 minutes'],
    [59 * m, '59 minutes'],
    [1 * h, 'About an hour'],
    [1 * h + 29 * m, 'About an hour'],
    [1 * h + 31 * m, '2 hours'],
    [3 * h + 29 * m, '3 hours'],
    [3 * h + 31 * m, '4 hours'],
    [24 * h, '24 hours'],
    [1 * day + 12 * h, '36 hours'],
    [2 * day, '2 days'],
    [7 * day, '7 days'],
    [13 * day + 5 * h, '13 days'],
    [13 * day + 20 * h, '13 days'],
    [2 * week, '2 weeks'],
    [2 * week + 4 * day, '2 weeks'],
    [4 * week + 3 * day, '4 weeks'],
    [1 * month, '4 weeks'],
    [1 * month + 2 * week, '6 weeks'],
    [2 * month, '2 months'],
    [5 * month + 2 * week, '5 months'],
    [24 * month, '24 months'],
    [24 * month + 2 * week, '2 years'],
    [3 * year + 2 * month, '3 years'],
  ])('HumanDuration(%d ms) = %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('fromHumanSize (decimal)', () => {
  it.each([
    ['32', 32],
    ['32b', 32],
    ['32B', 32],
    ['32k', 32 * KB],
    ['32K', 32 * KB],
    ['32kb', 32 * KB],
    ['32Kb', 32 * KB],
    ['32Mb', 32 * MB],
    ['32Gb', 32 * GB],
    ['32Tb', 32 * TB],
    ['32Pb', 32 * PB],
    ['32.5kB', 32.5 * KB],
    ['32.5 kB', 32.5 * KB],
    ['32.5 B', 32],
    ['0.3 K', 300],
    ['.3kB', 300],
    ['1.5GB', 1.5 * GB],
    ['1KiB', 1000],
    ['0', 0],
    ['1e3', 1000],
  ])('FromHumanSize(%j) = %d', (s, want) => {
    expect(fromHumanSize(s)).toBe(want);
  });

  it.each(['', 'hello', '-32', ' 32 ', '32m b', '32bm', '..3', '32kbb', '32x', 'k'])('rejects %j', (s) => {
    expect(fromHumanSize(s)).toBeUndefined();
  });
});

describe('ramInBytes (binary, as for --memory)', () => {
  it.each([
    ['32', 32],
    ['32b', 32],
    ['32k', 32 * KiB],
    ['32Kib', 32 * KiB],
    ['32KIB', 32 * KiB],
    ['32Mb', 32 * MiB],
    ['32Gb', 32 * GiB],
    ['32Tb', 32 * TiB],
    ['32Pb', 32 * PiB],
    ['32PB', 32 * PiB],
    ['32P', 32 * PiB],
    ['32.3', 32],
    ['32.3 mb', Math.trunc(32.3 * MiB)],
    ['0.3MB', Math.trunc(0.3 * MiB)],
    ['512m', 512 * MiB],
    ['1g', GiB],
    ['1.5g', 1.5 * GiB],
    ['5 ', 5], // go-units drops a trailing space separator
  ])('RAMInBytes(%j) = %d', (s, want) => {
    expect(ramInBytes(s)).toBe(want);
  });

  it.each(['', 'hello', '-32', ' 32 ', '32m b', '32bm', '1gib2'])('rejects %j', (s) => {
    expect(ramInBytes(s)).toBeUndefined();
  });
});
