import { describe, expect, it } from 'vitest';
import {
  familiarName,
  familiarString,
  fullName,
  fullString,
  type ImageReference,
  parseReference,
  validateDigest,
  withDefaultTag,
} from '../../../src/sandbox/docker/reference.ts';

const HEX = 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';

function parsed(s: string): ImageReference {
  const r = parseReference(s);
  if (!r.ok) throw new Error(`expected ${s} to parse: ${r.error}`);
  return r.ref;
}

function errorOf(s: string): string {
  const r = parseReference(s);
  if (r.ok) throw new Error(`expected ${s} to fail, got ${fullString(r.ref)}`);
  return r.error;
}

describe('parseReference: validity (distribution/reference normalize_test.go)', () => {
  it.each([
    'docker/docker',
    'library/debian',
    'debian',
    'docker.io/docker/docker',
    'docker.io/library/debian',
    'docker.io/debian',
    'index.docker.io/docker/docker',
    'index.docker.io/library/debian',
    'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker',
    '127.0.0.1:5000/library/debian',
    '127.0.0.1:5000/debian',
    '192.168.0.1',
    '192.168.0.1:80',
    '192.168.0.1:8/debian',
    '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
    '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker',
    '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    `docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a`,
    'Docker/docker',
    'DOCKER/docker',
    'docker-rules/docker',
    'docker---rules/docker',
    'doc/docker',
    'd/docker',
    'jess/t',
    'dock__er/docker',
  ])('accepts %s', (s) => {
    expect(parseReference(s).ok).toBe(true);
  });

  it.each([
    'https://github.com/docker/docker',
    'docker/Docker',
    '-docker',
    '-docker/docker',
    '-docker.io/docker/docker',
    'docker///docker',
    'docker.io/docker/Docker',
    'docker.io/docker///docker',
    '[fc00::1]',
    '[fc00::1]:5000',
    'fc00::1:5000/debian',
    '[fe80::1%eth0]:5000/debian',
    '[2001:db8:3:4::192.0.2.33]:5000/debian',
    '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
    'docker-/docker',
    '-docker-/docker',
    '____/____',
    '_docker/_docker',
    'dock..er/docker',
    'dock_.er/docker',
    'dock-.er/docker',
    'docker/',
    `${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4)}/docker`,
    '',
    'a___b',
    'alpine:',
    'alpine:-x',
    `alpine:${'a'.repeat(129)}`,
  ])('rejects %s', (s) => {
    expect(parseReference(s).ok).toBe(false);
  });
});

describe('parseReference: normalisation (TestParseRepositoryInfo)', () => {
  const cases: [string[], { path: string; familiar: string; full: string; domain: string }][] = [
    [
      ['fooo/bar', 'docker.io/fooo/bar', 'index.docker.io/fooo/bar'],
      { path: 'fooo/bar', familiar: 'fooo/bar', full: 'docker.io/fooo/bar', domain: 'docker.io' },
    ],
    [
      ['ubuntu', 'docker.io/library/ubuntu', 'library/ubuntu'],
      { path: 'library/ubuntu', familiar: 'ubuntu', full: 'docker.io/library/ubuntu', domain: 'docker.io' },
    ],
    [
      ['other/library'],
      {
        path: 'other/library',
        familiar: 'other/library',
        full: 'docker.io/other/library',
        domain: 'docker.io',
      },
    ],
    [
      ['127.0.0.1:8000/private/moonbase'],
      {
        path: 'private/moonbase',
        familiar: '127.0.0.1:8000/private/moonbase',
        full: '127.0.0.1:8000/private/moonbase',
        domain: '127.0.0.1:8000',
      },
    ],
    [
      ['example.com:8000/privatebasee'],
      {
        path: 'privatebasee',
        familiar: 'example.com:8000/privatebasee',
        full: 'example.com:8000/privatebasee',
        domain: 'example.com:8000',
      },
    ],
    [
      ['ubuntu-12.04-base', 'index.docker.io/library/ubuntu-12.04-base'],
      {
        path: 'library/ubuntu-12.04-base',
        familiar: 'ubuntu-12.04-base',
        full: 'docker.io/library/ubuntu-12.04-base',
        domain: 'docker.io',
      },
    ],
    [
      ['foo', 'docker.io/foo'],
      { path: 'library/foo', familiar: 'foo', full: 'docker.io/library/foo', domain: 'docker.io' },
    ],
    [
      ['library/foo/bar'],
      {
        path: 'library/foo/bar',
        familiar: 'library/foo/bar',
        full: 'docker.io/library/foo/bar',
        domain: 'docker.io',
      },
    ],
    [['Foo/bar'], { path: 'bar', familiar: 'Foo/bar', full: 'Foo/bar', domain: 'Foo' }],
    [['FOO/bar'], { path: 'bar', familiar: 'FOO/bar', full: 'FOO/bar', domain: 'FOO' }],
    [
      ['localhost/foo'],
      { path: 'foo', familiar: 'localhost/foo', full: 'localhost/foo', domain: 'localhost' },
    ],
    [
      ['test_com/foo'],
      { path: 'test_com/foo', familiar: 'test_com/foo', full: 'docker.io/test_com/foo', domain: 'docker.io' },
    ],
    [
      ['test-com:8080/foo'],
      { path: 'foo', familiar: 'test-com:8080/foo', full: 'test-com:8080/foo', domain: 'test-com:8080' },
    ],
    [
      ['xn--n3h.com/foo'],
      { path: 'foo', familiar: 'xn--n3h.com/foo', full: 'xn--n3h.com/foo', domain: 'xn--n3h.com' },
    ],
  ];
  for (const [inputs, want] of cases) {
    for (const input of inputs) {
      it(`${input} -> ${want.full}`, () => {
        const ref = parsed(input);
        expect(ref.domain).toBe(want.domain);
        expect(ref.path).toBe(want.path);
        expect(fullName(ref)).toBe(want.full);
        expect(fullString(ref)).toBe(want.full);
        expect(familiarName(ref)).toBe(want.familiar);
      });
    }
  }
});

describe('tags and digests', () => {
  it('keeps both tag and digest (TestParseReferenceWithTagAndDigest)', () => {
    const short = 'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';
    const ref = parsed(short);
    expect(ref.tag).toBe('latest');
    expect(ref.digest).toBe('sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa');
    expect(fullString(ref)).toBe(`docker.io/library/${short}`);
    expect(familiarString(ref)).toBe(short);
  });

  it('parses digest-only references (TestParseAnyReference)', () => {
    const ref = parsed(`dmcgowan/myapp@sha256:${HEX}`);
    expect(ref.tag).toBeUndefined();
    expect(fullString(ref)).toBe(`docker.io/dmcgowan/myapp@sha256:${HEX}`);
    expect(familiarString(withDefaultTag(ref))).toBe(`dmcgowan/myapp@sha256:${HEX}`);
  });

  it('treats a 63-hex string as a repository name', () => {
    expect(fullString(parsed(HEX.slice(0, 63)))).toBe(`docker.io/library/${HEX.slice(0, 63)}`);
  });

  it('accepts the tag grammar limits', () => {
    expect(parsed(`alpine:${'a'.repeat(128)}`).tag).toHaveLength(128);
    expect(parsed('alpine:_x.Y-1').tag).toBe('_x.Y-1');
  });

  it('accepts sha512 digests', () => {
    expect(parsed(`alpine@sha512:${'a'.repeat(128)}`).digest).toBe(`sha512:${'a'.repeat(128)}`);
  });
});

describe('error messages', () => {
  it.each([
    ['Alpine', 'invalid reference format: repository name (library/Alpine) must be lowercase'],
    ['foo/Bar:1', 'invalid reference format: repository name (foo/Bar) must be lowercase'],
    ['localhost:5000/Foo', 'invalid reference format: repository name (Foo) must be lowercase'],
    // Like Go, the name is cut at the first ':', even when it belongs to the digest.
    [
      `Alpine@sha256:${HEX}`,
      'invalid reference format: repository name (library/Alpine@sha256) must be lowercase',
    ],
    ['', 'invalid reference format'],
    ['alpine:', 'invalid reference format'],
    ['a b', 'invalid reference format'],
    ['alpine@sha256:abc', 'invalid reference format'],
    [`alpine@sha256:${HEX.slice(0, 63)}`, 'invalid checksum digest length'],
    [`alpine@sha256:${HEX.toUpperCase()}`, 'invalid checksum digest format'],
    [`alpine@md5:${HEX.slice(0, 32)}`, 'unsupported digest algorithm'],
    [HEX, `invalid repository name (${HEX}), cannot specify 64-byte hexadecimal strings`],
    ['a'.repeat(256), 'repository name must not be more than 255 characters'],
    [`library/${'a'.repeat(250)}`, 'repository name must not be more than 255 characters'],
  ])('%s -> %s', (input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it('counts only the path towards the 255 limit', () => {
    expect(parsed(`example.com/${'a'.repeat(255)}`).path).toHaveLength(255);
  });

  it('does not backtrack catastrophically on long invalid input', () => {
    const start = Date.now();
    expect(parseReference(`${'a-'.repeat(5000)}!`).ok).toBe(false);
    expect(parseReference(`${'a.'.repeat(5000)}/x!`).ok).toBe(false);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});

describe('validateDigest (go-digest)', () => {
  it.each([
    [`sha256:${HEX}`, undefined],
    ['sha256', 'invalid checksum digest format'],
    ['sha256:', 'invalid checksum digest format'],
    [':abc', 'invalid checksum digest format'],
    [`sha256:${HEX}0`, 'invalid checksum digest length'],
    ['foo+bar:abc', 'unsupported digest algorithm'],
    ['FOO:abc', 'invalid checksum digest format'],
  ])('%s -> %s', (d, want) => {
    expect(validateDigest(d)).toBe(want);
  });
});

describe('withDefaultTag / familiar forms', () => {
  it('adds latest only when there is neither tag nor digest', () => {
    expect(withDefaultTag(parsed('alpine')).tag).toBe('latest');
    expect(withDefaultTag(parsed('alpine:3.20')).tag).toBe('3.20');
    expect(withDefaultTag(parsed(`alpine@sha256:${HEX}`)).tag).toBeUndefined();
  });

  it('produces the strings docker prints', () => {
    // "Unable to find image 'hello-world:latest' locally" / final pull line.
    expect(familiarString(withDefaultTag(parsed('hello-world')))).toBe('hello-world:latest');
    expect(fullString(withDefaultTag(parsed('hello-world')))).toBe('docker.io/library/hello-world:latest');
    expect(familiarString(withDefaultTag(parsed('docker.io/user/app')))).toBe('user/app:latest');
    expect(familiarString(parsed('myregistry.local:5000/team/app:1.0'))).toBe(
      'myregistry.local:5000/team/app:1.0',
    );
    expect(familiarName(parsed('docker.io/library/foo/bar'))).toBe('library/foo/bar');
  });
});
