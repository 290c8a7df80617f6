import type { ImageRecord } from './state.ts';

/**
 * Platforms (`linux/arm64/v8`) as containerd's `platforms` package parses, normalises, formats and
 * matches them for Docker Engine 28 (github.com/containerd/platforms, vendored by moby v28.5.2).
 */

/** An OS, an architecture and, for some architectures, a variant. */
export interface Platform {
  os: string;
  architecture: string;
  /** `v8` for arm64 images, `v7` for 32-bit Arm; empty when none. */
  variant: string;
}

/** The platform of the sandbox's host and of every image that records none. */
export const HOST_PLATFORM: Platform = { os: 'linux', architecture: 'amd64', variant: '' };

/**
 * The host platform as the daemon detects it for its warnings (maximumSpec): amd64 with the
 * microarchitecture level of its CPU, x86-64-v3 for the sandbox's.
 */
export const DETECTED_HOST_PLATFORM: Platform = { ...HOST_PLATFORM, variant: 'v3' };

const KNOWN_OS = new Set(
  'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris windows zos'.split(
    ' ',
  ),
);
const KNOWN_ARCH = new Set(
  '386 amd64 amd64p32 arm armbe arm64 arm64be ppc64 ppc64le loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc riscv riscv64 s390 s390x sparc sparc64 wasm'.split(
    ' ',
  ),
);

/** containerd's normalizeArch: `x86_64` is amd64, `aarch64` arm64, `armhf` arm/v7. */
function normalizeArch(arch: string, variant: string): [string, string] {
  let a = arch.toLowerCase();
  let v = variant.toLowerCase();
  if (a === 'i386') [a, v] = ['386', ''];
  else if (a === 'x86_64' || a === 'x86-64' || a === 'amd64') [a, v] = ['amd64', v === 'v1' ? '' : v];
  else if (a === 'aarch64' || a === 'arm64') {
    a = 'arm64';
    if (v === '8' || v === 'v8' || v === 'v8.0') v = '';
    else if (v === '9' || v === '9.0' || v === 'v9.0') v = 'v9';
  } else if (a === 'armhf') [a, v] = ['arm', 'v7'];
  else if (a === 'armel') [a, v] = ['arm', 'v6'];
  else if (a === 'arm') {
    if (v === '' || v === '7') v = 'v7';
    else if (v === '5' || v === '6' || v === '8') v = `v${v}`;
  }
  return [a, v];
}

/**
 * Parses a `--platform` value as containerd's `platforms.Parse` does on a linux/amd64 machine, or
 * returns its error (which Docker prints after its own prefix).
 */
export function parsePlatform(specifier: string): Platform | { error: string } {
  const invalid = (why: string) => ({ error: `${JSON.stringify(specifier)}: ${why}: invalid argument` });
  if (specifier.includes('*')) return invalid('wildcards not yet supported');
  const parts = splitN(specifier, '/', 4);
  const osPart = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$/.exec(parts[0] ?? '');
  if (!osPart)
    return {
      error: `${JSON.stringify(parts[0])} is an invalid OS component of ${JSON.stringify(specifier)}: OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$": invalid argument`,
    };
  for (const part of parts.slice(1)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(part))
      return {
        error: `${JSON.stringify(part)} is an invalid component of ${JSON.stringify(specifier)}: platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument`,
      };
  }
  const os = (osPart[1] ?? '').toLowerCase().replace(/^macos$/, 'darwin');
  if (parts.length === 1) {
    if (KNOWN_OS.has(os)) return { os, architecture: HOST_PLATFORM.architecture, variant: '' };
    const [architecture, variant] = normalizeArch(parts[0] ?? '', '');
    if (KNOWN_ARCH.has(architecture))
      return {
        os: HOST_PLATFORM.os,
        architecture,
        variant: architecture === 'arm' && variant === 'v7' ? '' : variant,
      };
    return invalid('unknown operating system or architecture');
  }
  if (parts.length === 2) {
    const [architecture, variant] = normalizeArch(parts[1] ?? '', '');
    return { os, architecture, variant: architecture === 'arm' && variant === 'v7' ? '' : variant };
  }
  if (parts.length === 3) {
    const [architecture, variant] = normalizeArch(parts[1] ?? '', parts[2] ?? '');
    return { os, architecture, variant: architecture === 'arm64' && variant === '' ? 'v8' : variant };
  }
  return invalid('cannot parse platform specifier');
}

/** Go's strings.SplitN: at most `n` parts, the last holding the rest. */
function splitN(text: string, separator: string, n: number): string[] {
  const parts = text.split(separator);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(separator)];
}

/** `linux/arm64/v8`, as platforms.FormatAll writes a platform (no trailing slash without a variant). */
export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/**
 * Whether an image of platform `image` serves a request for `wanted`, as platforms.Only matches them
 * after normalising both: the same OS and architecture, and the same variant, except that an amd64 CPU
 * runs programs of its own microarchitecture level and every level below it.
 */
export function platformMatches(wanted: Platform, image: Platform): boolean {
  const [wantedArch, wantedVariant] = normalizeArch(wanted.architecture, wanted.variant);
  const [imageArch, imageVariant] = normalizeArch(image.architecture, image.variant);
  if (wanted.os.toLowerCase() !== image.os.toLowerCase() || wantedArch !== imageArch) return false;
  if (wantedArch === 'amd64') return amd64Level(imageVariant) <= amd64Level(wantedVariant);
  return wantedVariant === imageVariant;
}

/** x86-64 microarchitecture level: `v3` is 3, no variant is 1. */
function amd64Level(variant: string): number {
  return Number(variant.replace(/^v/, '')) || 1;
}

/**
 * Whether the host's processor runs an image's programs. Images that record no architecture are the
 * host's; this host has no emulator registered with binfmt_misc, so any other fails to exec.
 */
export function hostExecutes(image: { architecture?: string } | undefined): boolean {
  return (image?.architecture ?? HOST_PLATFORM.architecture) === HOST_PLATFORM.architecture;
}

/** An image's platform; images that record none are the host's. */
export function imagePlatform(image: ImageRecord): Platform {
  return {
    os: image.os,
    architecture: image.architecture ?? HOST_PLATFORM.architecture,
    variant: image.variant ?? '',
  };
}

/**
 * The daemon's answer when a local image does not serve the platform asked for (GetImage in
 * https://github.com/moby/moby/blob/v28.5.2/daemon/images/image.go), or undefined when it does.
 */
export function platformMismatch(image: ImageRecord, name: string, wanted: Platform): string | undefined {
  const actual = imagePlatform(image);
  if (platformMatches(wanted, actual)) return undefined;
  return `image with reference ${name} was found but its platform (${formatPlatform(actual)}) does not match the specified platform (${formatPlatform(wanted)})`;
}
