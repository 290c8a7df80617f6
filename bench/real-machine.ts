/**
 * Real-machine benchmark in Node: boot time of the lab's Linux in v86 by stage (firmware, kernel,
 * init), the time to start a container on it (`unshare` into new PID and UTS namespaces and run a
 * command), and the size of the assets a browser downloads. Medians of several boots.
 * Needs `npm run vm-image` first.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BootTimes } from '../src/real-machine/machine.ts';
import { startNodeMachine } from '../src/server/real-machine.ts';
import { median } from './support/median.ts';

const DIR = 'public/real-machine';
const ASSETS = ['vmlinuz', 'initramfs.cpio.gz', 'bios.bin', 'vgabios.bin'];
const WASM = fileURLToPath(import.meta.resolve('v86/build/v86.wasm'));
const LIB = fileURLToPath(import.meta.resolve('v86'));

async function once(): Promise<BootTimes & { container: number }> {
  const machine = startNodeMachine();
  const times = await machine.booted;
  const started = performance.now();
  const run = await machine.console.run(
    "unshare --pid --fork --mount-proc --uts sh -c 'hostname box; echo $$'",
  );
  const container = performance.now() - started;
  await machine.destroy();
  if (run.output.trim() !== '1') throw new Error(`the container's shell was not PID 1: ${run.output}`);
  return { ...times, container };
}

const runs = Number(process.env.BENCH_RUNS ?? 5);
const results: (BootTimes & { container: number })[] = [];
for (let i = 0; i < runs; i++) results.push(await once());
const pick = (key: keyof (typeof results)[number]) => Math.round(median(results.map((r) => r[key])));
const size = (file: string) => statSync(file).size;
console.log(
  JSON.stringify({
    benchmark: 'real-machine-node',
    runs,
    firmwareMs: pick('firmware'),
    kernelMs: pick('kernel'),
    initMs: pick('init'),
    bootMs: pick('total'),
    bootMinMaxMs: [
      Math.round(Math.min(...results.map((r) => r.total))),
      Math.round(Math.max(...results.map((r) => r.total))),
    ],
    containerMs: pick('container'),
    assetBytes: Object.fromEntries(ASSETS.map((a) => [a, size(`${DIR}/${a}`)])),
    emulatorBytes: {
      'v86.wasm': size(WASM),
      'libv86.mjs': size(LIB),
      'v86.wasm gzip': gzipSync(readFileSync(WASM)).length,
    },
  }),
);
process.exit(0);
