import { describe, expect, it } from 'vitest';
import { readAr } from '../../../src/real-machine/image/ar';

const encoder = new TextEncoder();

/** An ar archive as dpkg-deb writes one: 60-byte headers, odd sizes padded with a newline. */
function ar(members: [string, string][]): Uint8Array {
  let text = '!<arch>\n';
  for (const [name, data] of members) {
    text += `${`${name}/`.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(data.length).padEnd(10)}\`\n`;
    text += data + (data.length % 2 ? '\n' : '');
  }
  return encoder.encode(text);
}

describe('readAr', () => {
  it('reads every member in order, across the padding of odd sizes', () => {
    const members = readAr(
      ar([
        ['debian-binary', '2.0\n'],
        ['control.tar.xz', 'abc'],
        ['data.tar.xz', 'hello'],
      ]),
    );
    expect(members.map((m) => m.name)).toEqual(['debian-binary', 'control.tar.xz', 'data.tar.xz']);
    expect(new TextDecoder().decode(members[2]?.data)).toBe('hello');
    expect(new TextDecoder().decode(members[1]?.data)).toBe('abc');
  });

  it('refuses what is not an ar archive, or is cut short', () => {
    expect(() => readAr(encoder.encode('PK\u0003\u0004 not ar'))).toThrow('not an ar archive');
    const whole = ar([['data.tar.xz', 'hello world']]);
    expect(() => readAr(whole.subarray(0, whole.length - 4))).toThrow('truncated ar member data.tar.xz');
  });
});
