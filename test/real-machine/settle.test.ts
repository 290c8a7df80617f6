import { describe, expect, it } from 'vitest';
import { settleCommand } from '../../src/real-machine/settle';

describe('settleCommand', () => {
  it('sets the clock to the host’s second and sizes the console', () => {
    expect(settleCommand({ now: 1_796_634_509_821, rows: 24, cols: 100 })).toBe(
      'date -u -s @1796634509 >/dev/null; stty -F /dev/ttyS0 rows 24 cols 100',
    );
  });

  it('keeps a size the guest accepts, whatever the terminal reports', () => {
    const sized = (rows: number, cols: number) => settleCommand({ now: 0, rows, cols }).split('; ').at(-1);
    expect(sized(0, Number.NaN)).toBe('stty -F /dev/ttyS0 rows 1 cols 1');
    expect(sized(30.7, 1e9)).toBe('stty -F /dev/ttyS0 rows 30 cols 999');
  });
});
