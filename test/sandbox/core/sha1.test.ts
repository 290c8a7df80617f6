import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64, hmacSha1, sha1 } from '../../../src/sandbox/core/sha1';

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

  it('keys HMAC-SHA1 as RFC 2202 and Node do', () => {
    const key = new Uint8Array(20).fill(0x0b);
    expect(Buffer.from(hmacSha1(key, 'Hi There')).toString('hex')).toBe(
      'b617318655057264e28bc0b6fb378c8ef146be00',
    );
    const salt = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    for (const name of ['vm1', 'tenant-a', '192.168.122.23', 'x'.repeat(100)])
      expect(base64(hmacSha1(salt, name))).toBe(createHmac('sha1', salt).update(name).digest('base64'));
  });
});
