/**
 * `npm run vm-image`: builds the real-machine lab's assets (kernel, initramfs, BIOS images) from
 * pinned Debian packages, in plain Node on any OS. Packages are fetched from the Debian archive,
 * checked against their pinned SHA-256 (and the archive's index while it still lists them), kept in
 * `.cache/debian/`, and unpacked here: ar, then xz, then tar. Same pins, same output bytes.
 *
 * Then it boots those files once and saves the machine at its shell prompt (`booted.state.gz`), the
 * state "Resume a booted machine" starts from. A boot's timing differs from run to run, so the state's
 * bytes do too: it is made again only when the images, the machine's settings or v86 change, and
 * served at the address of its own checksum like the other files.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { V86 } from 'v86';
import xz from 'xz-decompress';
import { readAr } from '../real-machine/image/ar.ts';
import { writeCpio } from '../real-machine/image/cpio.ts';
import { initramfsFiles } from '../real-machine/image/initramfs.ts';
import {
  indexedSha256,
  KERNEL_RELEASE,
  PACKAGES,
  type PinnedPackage,
} from '../real-machine/image/packages.ts';
import { readTar, type TarEntry } from '../real-machine/image/tar.ts';
import { BOOTED_STATE, startMachine, type V86Constructor } from '../real-machine/machine.ts';

const MIRROR = (process.env.QUAYSIDE_DEBIAN_MIRROR ?? 'https://deb.debian.org/debian').replace(/\/$/, '');
const CACHE = '.cache/debian';
const OUT = process.argv.includes('--out')
  ? (process.argv[process.argv.indexOf('--out') + 1] as string)
  : 'public/real-machine';
/** Kernel modules the lab loads at boot. */
const MODULES = ['kernel/fs/overlayfs/overlay.ko'];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const indexes = new Map<string, Promise<string>>();
function index(path: string): Promise<string> {
  if (!indexes.has(path))
    indexes.set(
      path,
      download(`${MIRROR}/${path}`).then((gz) => gunzipSync(gz).toString('utf8')),
    );
  return indexes.get(path) as Promise<string>;
}

/** The package's bytes, from the cache or the archive, verified. */
async function fetchPackage(pin: PinnedPackage): Promise<Uint8Array> {
  const cached = join(CACHE, pin.filename.split('/').at(-1) as string);
  if (existsSync(cached)) {
    const bytes = new Uint8Array(readFileSync(cached));
    if (sha256(bytes) === pin.sha256) return bytes;
    log(`${cached}: checksum mismatch, fetching again`);
  }
  const listed = await index(pin.index).then(
    (text) => indexedSha256(text, pin.name, pin.version),
    () => undefined,
  );
  if (listed !== undefined && listed !== pin.sha256)
    throw new Error(
      `${pin.name} ${pin.version}: the archive's index says ${listed}, the pin says ${pin.sha256}`,
    );
  log(
    `fetching ${pin.name} ${pin.version} (${(pin.size / 1e6).toFixed(1)} MB)${listed ? '' : ', no longer in the index: checking the pinned checksum only'}`,
  );
  let bytes: Uint8Array;
  try {
    bytes = await download(`${MIRROR}/${pin.filename}`);
  } catch (error) {
    throw new Error(
      `${pin.name} ${pin.version} could not be fetched (${(error as Error).message}). If the archive has dropped this version, update src/real-machine/image/packages.ts from ${MIRROR}/${pin.index}.`,
    );
  }
  if (bytes.length !== pin.size || sha256(bytes) !== pin.sha256)
    throw new Error(`${pin.name}: the download does not match its pinned SHA-256; refusing to use it`);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(`${cached}.part`, bytes);
  renameSync(`${cached}.part`, cached);
  return bytes;
}

/** The files of a package's data archive that `want` selects. */
async function unpack(deb: Uint8Array, want: (path: string) => boolean): Promise<Map<string, TarEntry>> {
  const data = readAr(deb).find((m) => m.name.startsWith('data.tar'));
  if (!data) throw new Error('a package without data.tar');
  let tar: Uint8Array;
  if (data.name === 'data.tar.xz') {
    const stream = new xz.XzReadableStream(new Blob([new Uint8Array(data.data)]).stream());
    tar = new Uint8Array(await new Response(stream).arrayBuffer());
  } else if (data.name === 'data.tar.gz') tar = gunzipSync(data.data);
  else if (data.name === 'data.tar') tar = data.data;
  else throw new Error(`${data.name}: a compression this tool does not read`);
  return new Map(readTar(tar, want).map((e) => [e.path, e]));
}

function need(entries: Map<string, TarEntry>, path: string): Uint8Array {
  const entry = entries.get(path);
  if (entry?.type !== 'file') throw new Error(`${path} is not in the package`);
  return entry.data;
}

interface Manifest {
  inputs: string;
  files: Record<string, { bytes: number; sha256: string }>;
  /** What the saved state was made from: the images' checksums, the machine's settings, v86. */
  stateInputs?: string;
}

const readManifest = (path: string): Manifest | undefined =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : undefined;

const arrayBuffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;

/** Boots the images in `OUT` and saves the machine at its prompt, gzipped, unless it is up to date. */
async function saveBootedState(manifestPath: string) {
  const manifest = readManifest(manifestPath) as Manifest;
  const v86Version = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('v86/package.json'), 'utf8'),
  ).version;
  const images = ['bios.bin', 'vgabios.bin', 'vmlinuz', 'initramfs.cpio.gz'];
  const stateInputs = sha256(
    new TextEncoder().encode(
      JSON.stringify({
        images: images.map((name) => manifest.files[name]?.sha256),
        machine: readFileSync(new URL('../real-machine/machine.ts', import.meta.url)).toString(),
        v86Version,
      }),
    ),
  );
  if (manifest.stateInputs === stateInputs && existsSync(join(OUT, BOOTED_STATE))) {
    log(`${OUT}/${BOOTED_STATE}: up to date`);
    return;
  }
  log('booting the machine once to save it at its prompt (about 20 s)');
  const [bios, vgaBios, kernel, initramfs] = images.map((name) =>
    arrayBuffer(readFileSync(join(OUT, name))),
  ) as [ArrayBuffer, ArrayBuffer, ArrayBuffer, ArrayBuffer];
  const machine = startMachine(
    V86 as unknown as V86Constructor,
    { assets: { bios, vgaBios, kernel, initramfs } },
    { wasmPath: fileURLToPath(import.meta.resolve('v86/build/v86.wasm')) },
  );
  let state: Uint8Array;
  try {
    await machine.booted;
    state = new Uint8Array(await machine.saveState());
  } finally {
    await machine.destroy();
  }
  const compressed = gzipSync(state, { level: 9 });
  writeFileSync(join(OUT, BOOTED_STATE), compressed);
  manifest.files[BOOTED_STATE] = { bytes: compressed.length, sha256: sha256(compressed) };
  manifest.stateInputs = stateInputs;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  log(
    `${OUT}/${BOOTED_STATE}: ${(state.length / 1e6).toFixed(1)} MB of state, ${(compressed.length / 1e6).toFixed(1)} MB gzipped`,
  );
}

async function main() {
  await makeImages();
  await saveBootedState(join(OUT, 'manifest.json'));
  // v86 keeps timers of its own running: nothing else is left to do.
  process.exit(0);
}

async function makeImages() {
  const pinsHash = sha256(
    new TextEncoder().encode(
      JSON.stringify({
        PACKAGES,
        MODULES,
        generator: readFileSync(new URL('../real-machine/image/initramfs.ts', import.meta.url)).toString(),
      }),
    ),
  );
  const manifestPath = join(OUT, 'manifest.json');
  if (existsSync(manifestPath) && JSON.parse(readFileSync(manifestPath, 'utf8')).inputs === pinsHash) {
    log(`${OUT}: up to date`);
    return;
  }
  const [kernelDeb, busyboxDeb, seabiosDeb] = await Promise.all([
    fetchPackage(PACKAGES.kernel),
    fetchPackage(PACKAGES.busybox),
    fetchPackage(PACKAGES.seabios),
  ]);
  const modulesDir = `lib/modules/${KERNEL_RELEASE}/`;
  const kernel = await unpack(
    kernelDeb,
    (p) => p === `boot/vmlinuz-${KERNEL_RELEASE}` || MODULES.some((m) => p === modulesDir + m),
  );
  const busybox = await unpack(busyboxDeb, (p) => p === 'bin/busybox');
  const seabios = await unpack(
    seabiosDeb,
    (p) => p === 'usr/share/seabios/bios.bin' || p === 'usr/share/seabios/vgabios-stdvga.bin',
  );

  const initramfs = gzipSync(
    writeCpio(
      initramfsFiles({
        busybox: need(busybox, 'bin/busybox'),
        modules: Object.fromEntries(
          MODULES.map((m) => [m.split('/').at(-1) as string, need(kernel, modulesDir + m)]),
        ),
      }),
    ),
    { level: 9 },
  );
  const outputs: Record<string, Uint8Array> = {
    vmlinuz: need(kernel, `boot/vmlinuz-${KERNEL_RELEASE}`),
    'initramfs.cpio.gz': initramfs,
    'bios.bin': need(seabios, 'usr/share/seabios/bios.bin'),
    'vgabios.bin': need(seabios, 'usr/share/seabios/vgabios-stdvga.bin'),
  };
  mkdirSync(OUT, { recursive: true });
  for (const [name, bytes] of Object.entries(outputs)) writeFileSync(join(OUT, name), bytes);
  const manifest = {
    inputs: pinsHash,
    kernelRelease: KERNEL_RELEASE,
    files: Object.fromEntries(
      Object.entries(outputs).map(([name, bytes]) => [name, { bytes: bytes.length, sha256: sha256(bytes) }]),
    ),
    packages: Object.values(PACKAGES).map(({ name, version, sha256: hash, licence, source }) => ({
      name,
      version,
      sha256: hash,
      licence,
      source,
    })),
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const total = Object.values(outputs).reduce((n, b) => n + b.length, 0);
  log(`${OUT}: ${Object.keys(outputs).join(', ')} (${(total / 1e6).toFixed(1)} MB)`);
}

main().catch((error: unknown) => {
  log(`vm-image: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
