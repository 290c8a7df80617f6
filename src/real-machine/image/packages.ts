/**
 * The Debian packages the real-machine lab is made of, pinned by name, version and the SHA-256
 * that the archive's `Packages` index publishes for them (Debian 12 "bookworm", i386 and all).
 * To move to newer versions, copy the three fields from the Packages.gz index named in `index`.
 */
export interface PinnedPackage {
  name: string;
  version: string;
  /** Path under the archive's root, as the index's Filename field gives it. */
  filename: string;
  sha256: string;
  size: number;
  /** The index that lists it, to cross-check the pin while the version is current. */
  index: string;
  licence: string;
  /** Where the matching source code is. */
  source: string;
}

export const KERNEL_RELEASE = '6.1.0-50-686';

export const PACKAGES = {
  kernel: {
    name: `linux-image-${KERNEL_RELEASE}`,
    version: '6.1.176-1',
    filename: `pool/main/l/linux-signed-i386/linux-image-${KERNEL_RELEASE}_6.1.176-1_i386.deb`,
    sha256: '526c469c5148a2b61c4241c3f6575427096575e0ffef9541b6729351c600b3e4',
    size: 51_921_880,
    index: 'dists/bookworm/main/binary-i386/Packages.gz',
    licence: 'GPL-2.0-only',
    source: 'https://sources.debian.org/src/linux/6.1.176-1/',
  },
  busybox: {
    name: 'busybox-static',
    version: '1:1.35.0-4+deb12u1+b1',
    filename: 'pool/main/b/busybox/busybox-static_1.35.0-4+deb12u1+b1_i386.deb',
    sha256: '725ef9e6fbac4ab79b353165b05005e8c140d6e42177ebbc202ff1e13ded8b7c',
    size: 958_344,
    index: 'dists/bookworm/main/binary-i386/Packages.gz',
    licence: 'GPL-2.0-only',
    source: 'https://sources.debian.org/src/busybox/1:1.35.0-4+deb12u1/',
  },
  seabios: {
    name: 'seabios',
    version: '1.16.2-1',
    filename: 'pool/main/s/seabios/seabios_1.16.2-1_all.deb',
    sha256: '08e5b3f761379f17a6051731cafa03e97686049e2cc1b8bdccc5a910646e2d8e',
    size: 162_656,
    index: 'dists/bookworm/main/binary-all/Packages.gz',
    licence: 'LGPL-3.0-only',
    source: 'https://sources.debian.org/src/seabios/1.16.2-1/',
  },
} as const satisfies Record<string, PinnedPackage>;

/**
 * The `SHA256:` a Debian `Packages` index gives for `name` at `version`, or undefined when the
 * index no longer lists that version.
 */
export function indexedSha256(index: string, name: string, version: string): string | undefined {
  for (const stanza of index.split(/\n\n+/)) {
    const fields = new Map(
      stanza
        .split('\n')
        .filter((line) => /^[A-Za-z0-9-]+: /.test(line))
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)] as const),
    );
    if (fields.get('Package') === name && fields.get('Version') === version) return fields.get('SHA256');
  }
  return undefined;
}
