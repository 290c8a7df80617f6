/// <reference lib="webworker" />
import { V86 } from 'v86';
import { gunzip, verified } from './assets.ts';
import type { TaskState } from './checks.ts';
import { checkTasks } from './checks.ts';
import {
  type BootStage,
  type MachineStart,
  type RunningMachine,
  startMachine,
  type V86Constructor,
} from './machine.ts';
import type { AssetFile, ConsoleSize, MachineFromWorker, MachineToWorker } from './protocol.ts';
import { consoleSizeCommand, RESEED_COMMAND, settleCommand } from './settle.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: MachineFromWorker) => self.postMessage(message);

/** The time to start a container on the booted kernel: new PID, mount and UTS namespaces, one command. */
const CONTAINER_PROBE = "unshare --pid --fork --mount-proc --uts sh -c 'hostname box' && true";

let machine: RunningMachine | undefined;
let pending = '';
let flushing = false;

/** Sends console output in batches: one message per frame, not per byte. */
function output(text: string) {
  pending += text;
  if (flushing) return;
  flushing = true;
  setTimeout(() => {
    post({ type: 'output', text: pending });
    pending = '';
    flushing = false;
  }, 16);
}

/** Downloads every file, reporting the bytes received across all of them, and checks each one. */
async function download(files: AssetFile[]): Promise<Record<AssetFile['name'], ArrayBuffer>> {
  const total = files.reduce((n, f) => n + f.bytes, 0);
  let loaded = 0;
  const result = {} as Record<AssetFile['name'], ArrayBuffer>;
  for (const file of files) {
    const response = await fetch(file.url);
    if (!response.ok || !response.body) throw new Error(`${file.url}: HTTP ${response.status}`);
    const chunks: Uint8Array[] = [];
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      post({ type: 'progress', loaded, total });
    }
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    result[file.name] = await verified(file, bytes.buffer);
  }
  return result;
}

function start(wasm: ArrayBuffer, from: MachineStart): RunningMachine {
  machine = startMachine(V86 as unknown as V86Constructor, from, {
    wasmPath: URL.createObjectURL(new Blob([wasm], { type: 'application/wasm' })),
    // A boot's stages; a resume is ready at its first prompt (`resumed`), not when v86 runs.
    ...('assets' in from ? { onStage: (stage: BootStage | 'shell') => post({ type: 'stage', stage }) } : {}),
    onOutput: output,
  });
  return machine;
}

/** The guest's clock and console size, from this page (see `settleCommand`). */
const settle = (running: RunningMachine, size: ConsoleSize) =>
  running.agent.run(settleCommand({ now: Date.now(), ...size }));

/** Times a container's start on the running kernel, for the page's comparison. */
async function probeContainer(running: RunningMachine) {
  const started = performance.now();
  await running.agent.run(CONTAINER_PROBE);
  post({ type: 'container', ms: performance.now() - started });
}

/** Powers the machine on and watches it boot: firmware, kernel, init, shell. */
async function boot(files: AssetFile[], size: ConsoleSize) {
  const got = await download(files);
  const running = start(got.wasm, {
    assets: { bios: got.bios, vgaBios: got.vgaBios, kernel: got.kernel, initramfs: got.initramfs },
  });
  const times = await running.booted;
  post({ type: 'booted', times });
  await settle(running, size);
  await probeContainer(running);
}

/**
 * Starts the machine from the state `npm run vm-image` saved at its prompt: a shell in a second or
 * two instead of a boot. The guest wakes at the moment it was saved, so it is settled to this one
 * before the shell prompts again, and reseeds its random generator just after.
 */
async function resume(files: AssetFile[], size: ConsoleSize) {
  const started = performance.now();
  const got = await download(files);
  const fetched = performance.now();
  const state = await gunzip(got.state);
  const decompressed = performance.now();
  post({ type: 'restoring' });
  const running = start(got.wasm, { state });
  await running.booted;
  const restored = performance.now();
  await settle(running, size);
  // An empty line: the shell prompts again, on this page's terminal.
  await running.console.type('');
  const prompted = performance.now();
  post({
    type: 'resumed',
    times: {
      fetch: fetched - started,
      decompress: decompressed - fetched,
      restore: restored - decompressed,
      prompt: prompted - restored,
    },
  });
  // While the learner reads the prompt: random numbers of its own, then the container's timing.
  await running.agent.run(RESEED_COMMAND);
  await probeContainer(running);
}

const failed = (error: unknown) =>
  post({ type: 'failed', reason: error instanceof Error ? error.message : String(error) });

/** The check running now, and the latest one asked for meanwhile (older requests are stale). */
let checking = false;
let nextCheck: Extract<MachineToWorker, { type: 'check' }> | undefined;

/**
 * Runs one check at a time (the lab's serial port carries one command after another). The page asks
 * every few seconds and after each line: on a slow computer a check outlasts that, so only the latest
 * request waits, and the ticks never fall behind the console.
 */
function check(message: Extract<MachineToWorker, { type: 'check' }>): void {
  const running = machine;
  if (!running) return;
  if (checking) {
    nextCheck = message;
    return;
  }
  checking = true;
  checkTasks(running.agent, message.exercise, new Set(message.done))
    .then((states: Record<string, TaskState>) => post({ type: 'checked', id: message.id, states }))
    // A check that fails (the agent's answer late past its budget) is skipped: the next one asks again.
    .catch(() => {})
    .finally(() => {
      checking = false;
      const next = nextCheck;
      nextCheck = undefined;
      if (next) check(next);
    });
}

self.onmessage = (event: MessageEvent<MachineToWorker>) => {
  const message = event.data;
  if (message.type === 'boot') boot(message.files, message.size).catch(failed);
  else if (message.type === 'resume') resume(message.files, message.size).catch(failed);
  else if (message.type === 'input') machine?.type(message.text);
  else if (message.type === 'resize') {
    const running = machine;
    // Its line editing wraps where the terminal does.
    if (running) void running.agent.run(consoleSizeCommand(message.size));
  } else if (message.type === 'check') check(message);
};
