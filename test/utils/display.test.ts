import { describe, expect, it } from 'vitest';
import { percent, when } from '../../src/utils/display.ts';

describe('percent', () => {
  it('shows a grade with at most one decimal, and a dash for none', () => {
    expect(percent(0.8567)).toBe('85.7%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBe('–');
    expect(percent(undefined)).toBe('–');
  });
});

describe('when', () => {
  it('shows an instant in UTC to the minute, or what to say when there is none', () => {
    expect(when('2026-12-04T09:05:59.000+02:00', 'none')).toBe('2026-12-04 07:05 UTC');
    expect(when(new Date(Date.UTC(2027, 0, 1)), 'none')).toBe('2027-01-01 00:00 UTC');
    expect(when(null, '无截止日期')).toBe('无截止日期');
  });
});
