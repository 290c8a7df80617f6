import { describe, expect, it } from 'vitest';
import { datetimeLocal, percent, when } from '../../src/utils/display.ts';

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

describe('datetimeLocal', () => {
  it('gives the local date and time to the minute, which reads back as the same instant', () => {
    const instant = '2026-03-29T00:30:00.000Z';
    const shown = datetimeLocal(instant);
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(new Date(shown).toISOString()).toBe(instant);
    expect(new Date(datetimeLocal(new Date('2027-01-01T23:59:42Z'))).toISOString()).toBe(
      '2027-01-01T23:59:00.000Z',
    );
  });

  it('follows the time zone it runs in', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      expect(datetimeLocal('2026-07-01T12:00:00Z')).toBe('2026-07-01T20:00');
      process.env.TZ = 'America/New_York';
      expect(datetimeLocal('2026-07-01T02:00:00Z')).toBe('2026-06-30T22:00');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
