import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { V86 } from 'v86';
import {
  BOOTED_STATE,
  type RunningMachine,
  startMachine,
  type V86Constructor,
} from '../real-machine/machine.ts';

/** Where the built site keeps the machine's files (`npm run vm-image`, copied by the build). */
const ASSET_DIRS = ['dist/client/real-machine', 'public/real-machine'];

function asset(name: string): ArrayBuffer {
  for (const dir of ASSET_DIRS) {
    try {
      const bytes = readFileSync(`${dir}/${name}`);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
    } catch {
      // try the next place
    }
  }
  throw new Error(`the real machine's ${name} is missing: run npm run vm-image`);
}

/** Starts the real machine in this Node process, from the files `npm run vm-image` built, or from a saved state. */
export function startNodeMachine(state?: ArrayBuffer): RunningMachine {
  return startMachine(
    V86 as unknown as V86Constructor,
    state
      ? { state }
      : {
          assets: {
            bios: asset('bios.bin'),
            vgaBios: asset('vgabios.bin'),
            kernel: asset('vmlinuz'),
            initramfs: asset('initramfs.cpio.gz'),
          },
        },
    { wasmPath: fileURLToPath(import.meta.resolve('v86/build/v86.wasm')) },
  );
}

/** A freshly booted machine, its shell ready (about 15 s of one core). */
export async function bootMachine(): Promise<RunningMachine> {
  const machine = startNodeMachine();
  await machine.booted;
  return machine;
}

/**
 * The state of the booted machine that `npm run vm-image` saved at its shell prompt (the one "Resume a
 * booted machine" starts from): every grading starts from a copy, in about a second, instead of a
 * fifteen-second boot. Read on each call, so a thread that holds no machine holds none of it either.
 */
export function bootedState(): ArrayBuffer {
  const bytes = gunzipSync(new Uint8Array(asset(BOOTED_STATE)));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}

/** A machine at its shell prompt, restored from the saved state. */
export async function restoredMachine(): Promise<RunningMachine> {
  const machine = startNodeMachine(bootedState());
  await machine.booted;
  return machine;
}
