import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../src/utils/fill-placeholders';

describe('fillPlaceholders', () => {
  it('fills known names and leaves everything else as written', () => {
    expect(fillPlaceholders('{n} of {total}', { n: 3, total: 22 })).toBe('3 of 22');
    expect(fillPlaceholders('{{.State.Status}} on {host}', { host: 80 })).toBe('{{.State.Status}} on 80');
    expect(fillPlaceholders('{missing} and {constructor}', {})).toBe('{missing} and {constructor}');
  });
});
