import { describe, expect, it } from 'vitest';
import { commonPrefix } from '../../../src/sandbox/core/common-prefix';

describe('commonPrefix', () => {
  it('is what every candidate starts with', () => {
    expect(commonPrefix(['docker', 'dockerd'])).toBe('docker');
    expect(commonPrefix(['image', 'images', 'imagine'])).toBe('imag');
    expect(commonPrefix(['web', 'cache'])).toBe('');
    expect(commonPrefix([])).toBe('');
  });
});
