import { describe, expect, it } from 'vitest';
import {
  DETECTED_HOST_PLATFORM,
  formatPlatform,
  HOST_PLATFORM,
  hostExecutes,
  type Platform,
  parsePlatform,
  platformMatches,
} from '../../../src/sandbox/docker/platform';

const text = (specifier: string) => {
  const p = parsePlatform(specifier);
  return 'error' in p ? p.error : formatPlatform(p);
};

describe('parsePlatform, as containerd parses --platform', () => {
  it('normalises the kernel names of processors and a lone OS or architecture', () => {
    expect(text('linux/arm64')).toBe('linux/arm64');
    expect(text('linux/aarch64')).toBe('linux/arm64');
    expect(text('linux/arm64/v8')).toBe('linux/arm64/v8');
    expect(text('linux/x86_64')).toBe('linux/amd64');
    expect(text('arm64')).toBe('linux/arm64');
    expect(text('linux')).toBe('linux/amd64');
    expect(text('windows/amd64')).toBe('windows/amd64');
    expect(text('linux/armhf')).toBe('linux/arm');
    expect(text('linux/arm/6')).toBe('linux/arm/v6');
    expect(text('Linux/ARM64')).toBe('linux/arm64');
  });

  it('refuses what containerd refuses, in its words', () => {
    expect(text('foo')).toBe('"foo": unknown operating system or architecture: invalid argument');
    expect(text('linux/*')).toBe('"linux/*": wildcards not yet supported: invalid argument');
    expect(text('linux/arm64/v8/extra')).toBe(
      '"linux/arm64/v8/extra": cannot parse platform specifier: invalid argument',
    );
    expect(text('linux/arm 64')).toMatch(/^"arm 64" is an invalid component of "linux\/arm 64"/);
  });
});

describe('platformMatches', () => {
  const p = (s: string) => parsePlatform(s) as Platform;

  it('matches the same OS and architecture, arm64 with or without its v8', () => {
    expect(platformMatches(p('linux/arm64'), p('linux/arm64/v8'))).toBe(true);
    expect(platformMatches(p('linux/arm64'), p('linux/amd64'))).toBe(false);
    expect(platformMatches(p('windows/amd64'), p('linux/amd64'))).toBe(false);
  });

  it('lets an amd64 CPU run images of its microarchitecture level and below', () => {
    expect(platformMatches(DETECTED_HOST_PLATFORM, HOST_PLATFORM)).toBe(true);
    expect(platformMatches(DETECTED_HOST_PLATFORM, p('linux/amd64/v2'))).toBe(true);
    expect(platformMatches(DETECTED_HOST_PLATFORM, p('linux/amd64/v4'))).toBe(false);
  });

  it('says which images the host executes', () => {
    expect(hostExecutes(undefined)).toBe(true);
    expect(hostExecutes({})).toBe(true);
    expect(hostExecutes({ architecture: 'arm64' })).toBe(false);
  });
});
