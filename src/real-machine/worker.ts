/// <reference lib="webworker" />
import { V86 } from 'v86';
import type { TaskState } from './checks.ts';
import { checkTasks } from './checks.ts';
import { type MachineAssets, type RunningMachine, startMachine, type V86Constructor } from './machine.ts';
import type { AssetFile, MachineFromWorker, MachineToWorker } from './protocol.ts';

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

/** Downloads every file, reporting the bytes received across all of them. */
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
    result[file.name] = bytes.buffer;
  }
  return result;
}

async function boot(files: AssetFile[]) {
  const got = await download(files);
  const wasm = URL.createObjectURL(new Blob([got.wasm], { type: 'application/wasm' }));
  const assets: MachineAssets = {
    bios: got.bios,
    vgaBios: got.vgaBios,
    kernel: got.kernel,
    initramfs: got.initramfs,
  };
  machine = startMachine(V86 as unknown as V86Constructor, assets, {
    wasmPath: wasm,
    onStage: (stage) => post({ type: 'stage', stage }),
    onOutput: output,
  });
  const times = await machine.booted;
  post({ type: 'booted', times });
  const started = performance.now();
  await machine.agent.run(CONTAINER_PROBE);
  post({ type: 'container', ms: performance.now() - started });
}

let checking = Promise.resolve();

self.onmessage = (event: MessageEvent<MachineToWorker>) => {
  const message = event.data;
  if (message.type === 'boot') {
    boot(message.files).catch((error: unknown) =>
      post({ type: 'failed', reason: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === 'input') {
    machine?.type(message.text);
  } else if (message.type === 'check') {
    const running = machine;
    if (!running) return;
    // One check at a time: the lab's serial port carries one command after another.
    checking = checking.then(async () => {
      const states: Record<string, TaskState> = await checkTasks(
        running.agent,
        message.exercise,
        new Set(message.done),
      );
      post({ type: 'checked', id: message.id, states });
    });
  }
};
