import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../../src/sandbox/docker/cli/flags.ts';
import { logTime, timeWindow } from '../../../../src/sandbox/docker/cli/time-window.ts';

const NOW = Date.parse('2026-11-02T09:00:00Z');
const specs = [
  { name: 'since', value: true },
  { name: 'until', value: true },
];
const windowOf = (...args: string[]) => timeWindow(parseFlags(args, specs, false), NOW);

describe('logTime', () => {
  it('reads a Go duration before now, RFC 3339 and its shorter forms, and Unix seconds', () => {
    expect(logTime('42m', NOW)).toBe(NOW - 42 * 60_000);
    expect(logTime('2013-01-02T13:23:37Z', NOW)).toBe(Date.parse('2013-01-02T13:23:37Z'));
    expect(logTime('2013-01-02', NOW)).toBe(Date.parse('2013-01-02T00:00:00Z'));
    expect(logTime('2013-01-02T13:23:37+02:00', NOW)).toBe(Date.parse('2013-01-02T11:23:37Z'));
    expect(logTime('1700000000.5', NOW)).toBe(1_700_000_000_500);
    expect(logTime('yesterday', NOW)).toBe('failed to parse value as time or duration: "yesterday"');
  });
});

describe('timeWindow', () => {
  it('gives the times of the flags that are set', () => {
    expect(windowOf()).toEqual({});
    expect(windowOf('--since', '10s', '--until', '1s')).toEqual({ since: NOW - 10_000, until: NOW - 1000 });
  });

  it('names the first flag that is no time', () => {
    expect(windowOf('--since', '10s', '--until', 'soon')).toEqual({
      bad: 'until',
      error: 'failed to parse value as time or duration: "soon"',
    });
  });
});
