import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64, sha1 } from '../../../src/sandbox/core/sha1';

describe('sha1', () => {
  it('agrees with Node for text of every block boundary', () => {
    for (const text of [
      '',
      'OK',
      'abc',
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      'é[{"id":1}]',
      'y'.repeat(1000),
    ])
      expect(base64(sha1(text))).toBe(createHash('sha1').update(text).digest('base64'));
  });
});
