import { describe, expect, it } from 'vitest';
import { indexedSha256, PACKAGES } from '../../../src/real-machine/image/packages';

const index = `Package: busybox-static
Version: 1:1.35.0-4+deb12u1+b1
Filename: pool/main/b/busybox/busybox-static_1.35.0-4+deb12u1+b1_i386.deb
SHA256: 725ef9e6fbac4ab79b353165b05005e8c140d6e42177ebbc202ff1e13ded8b7c
Description: Standalone rescue shell
 with tons of builtin utilities

Package: busybox-static
Version: 1:1.35.0-4+b3
SHA256: 0000000000000000000000000000000000000000000000000000000000000000
`;

describe('indexedSha256', () => {
  it('finds the checksum of one version of one package in a Packages index', () => {
    expect(indexedSha256(index, 'busybox-static', '1:1.35.0-4+deb12u1+b1')).toBe(PACKAGES.busybox.sha256);
    expect(indexedSha256(index, 'busybox-static', '1:1.35.0-4+b3')).toMatch(/^0+$/);
    expect(indexedSha256(index, 'busybox-static', '1:0.0')).toBeUndefined();
    expect(indexedSha256(index, 'busybox', '1:1.35.0-4+b3')).toBeUndefined();
  });
});

describe('PACKAGES', () => {
  it('pins every package by version, archive path and a full SHA-256, with its licence and sources', () => {
    for (const pin of Object.values(PACKAGES)) {
      expect(pin.filename).toMatch(/^pool\/main\/.+\.deb$/);
      expect(pin.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(pin.licence).toMatch(/GPL|LGPL/);
      expect(pin.source).toMatch(/^https:\/\/sources\.debian\.org\//);
    }
  });
});
