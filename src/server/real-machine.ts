import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { V86 } from 'v86';
import { type RunningMachine, startMachine, type V86Constructor } from '../real-machine/machine.ts';

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

/** Starts the real machine in this Node process, from the files `npm run vm-image` built. */
export function startNodeMachine(): RunningMachine {
  return startMachine(
    V86 as unknown as V86Constructor,
    {
      bios: asset('bios.bin'),
      vgaBios: asset('vgabios.bin'),
      kernel: asset('vmlinuz'),
      initramfs: asset('initramfs.cpio.gz'),
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

let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;
/** How many gradings may wait behind the one running before new ones are turned away. */
export const MAX_WAITING = 4;

/**
 * Runs `job` on a machine of its own, one job at a time: each boot takes a core for a while, so
 * gradings queue instead of competing. Resolves undefined when the queue is full.
 */
export async function withMachine<T>(job: (machine: RunningMachine) => Promise<T>): Promise<T | undefined> {
  if (waiting >= MAX_WAITING) return undefined;
  waiting++;
  const run = queue.then(async () => {
    waiting--;
    const machine = await bootMachine();
    try {
      return await job(machine);
    } finally {
      await machine.destroy();
    }
  });
  queue = run.catch(() => {});
  return run;
}
