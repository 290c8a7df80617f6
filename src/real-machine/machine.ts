import { CheckAgent } from './agent.ts';
import { INIT_DONE } from './image/initramfs.ts';
import { SerialConsole } from './serial-console.ts';

/** The files the machine boots from, as `npm run vm-image` writes them. */
export interface MachineAssets {
  bios: ArrayBuffer;
  vgaBios: ArrayBuffer;
  kernel: ArrayBuffer;
  initramfs: ArrayBuffer;
}

/**
 * Where a machine starts: powered off with the files it boots from, or from the state of a machine
 * saved at its shell prompt (its memory holds the firmware, kernel and files already).
 */
export type MachineStart = { assets: MachineAssets } | { state: ArrayBuffer };

/** The file `npm run vm-image` saves a booted machine to, gzipped, beside the files it boots from. */
export const BOOTED_STATE = 'booted.state.gz';

/**
 * The machine's memory: the lab's shell, a container and a 16 MiB cgroup need far less, and a saved
 * state is smaller for it. v86 loads the initramfs at 64 MiB, so it must be above that.
 */
export const MEMORY_MB = 128;

/** The stages of a boot, each ending when the console shows its marker. */
export const BOOT_STAGES = [
  { id: 'firmware', until: 'Linux version' },
  { id: 'kernel', until: 'Run /init as init process' },
  { id: 'init', until: INIT_DONE },
] as const;

export type BootStage = (typeof BOOT_STAGES)[number]['id'];

/** Milliseconds each stage took: emulator start to kernel, kernel to init, init to shell. */
export type BootTimes = Record<BootStage, number> & { total: number };

/** The part of v86's `V86` class the lab uses. */
export interface V86Emulator {
  add_listener(event: 'serial0-output-byte' | 'serial1-output-byte', listener: (byte: number) => void): void;
  add_listener(event: 'emulator-ready', listener: () => void): void;
  save_state(): Promise<ArrayBuffer>;
  serial0_send(text: string): void;
  serial_send_bytes(port: number, bytes: Uint8Array): void;
  destroy(): Promise<void> | void;
}

export type V86Constructor = new (options: Record<string, unknown>) => V86Emulator;

export interface RunningMachine {
  /** The learner's console (the first serial port). */
  console: SerialConsole;
  /** The lab's own channel (the second serial port): commands run there are not seen on the console. */
  agent: CheckAgent;
  /** Sends what the learner typed to the console, as it is. */
  type(text: string): void;
  /** Resolves when the shell is ready, with how long each stage took (all 0 but the total when restored). */
  booted: Promise<BootTimes>;
  /** The whole machine's state, to start others exactly here (`{ state }`). */
  saveState(): Promise<ArrayBuffer>;
  destroy(): Promise<void>;
}

/** The end of BusyBox ash's prompt, with the cursor-position query its line editor sends. */
const PROMPT = new RegExp(`# (?:${String.fromCharCode(27)}\\[6n)?$`);

/**
 * `init_on_free=1` zeroes the memory the kernel frees (the unpacked boot images, init's scratch), so a
 * saved state compresses to what is in use: 11.5 MB gzipped, where it was 18 to 22.
 */
const KERNEL_COMMAND_LINE = 'console=ttyS0 tsc=reliable mitigations=off random.trust_cpu=on init_on_free=1';

/**
 * Boots the lab's Linux in v86 and wires its first serial port to a `SerialConsole`. `onStage` hears
 * each stage as it begins, for a progress line. Works the same in Node and in a browser worker.
 */
export function startMachine(
  V86: V86Constructor,
  start: MachineStart,
  options: {
    wasmPath: string;
    onStage?: (stage: BootStage | 'shell') => void;
    onOutput?: (text: string) => void;
  },
): RunningMachine {
  const started = performance.now();
  const restoring = 'state' in start;
  const emulator = new V86({
    wasm_path: options.wasmPath,
    ...(restoring
      ? // A state saved at the prompt (a second, not fifteen): the firmware and kernel are in its memory.
        { initial_state: { buffer: start.state } }
      : {
          bios: { buffer: start.assets.bios },
          vga_bios: { buffer: start.assets.vgaBios },
          bzimage: { buffer: start.assets.kernel },
          initrd: { buffer: start.assets.initramfs },
          cmdline: KERNEL_COMMAND_LINE,
        }),
    memory_size: MEMORY_MB * 1024 * 1024,
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
    uart1: true,
  });
  const serial = new SerialConsole((text) => emulator.serial0_send(text), PROMPT);
  const decoder = new TextDecoder();
  emulator.add_listener('serial0-output-byte', (byte) => {
    const text = decoder.decode(new Uint8Array([byte]), { stream: true });
    if (text) {
      serial.receive(text);
      options.onOutput?.(text);
    }
  });
  const agentPort = new SerialConsole((text) =>
    emulator.serial_send_bytes(1, new TextEncoder().encode(text)),
  );
  const agentDecoder = new TextDecoder();
  emulator.add_listener('serial1-output-byte', (byte) => {
    agentPort.receive(agentDecoder.decode(new Uint8Array([byte]), { stream: true }));
  });
  const agent = new CheckAgent(agentPort);
  const ready = new Promise<void>((resolve) => emulator.add_listener('emulator-ready', resolve));
  const restored = async (): Promise<BootTimes> => {
    await ready;
    options.onStage?.('shell');
    return { firmware: 0, kernel: 0, init: 0, total: performance.now() - started };
  };
  if (!restoring) options.onStage?.('firmware');
  const booted = restoring
    ? restored()
    : (async () => {
        const times: Partial<BootTimes> = {};
        let mark = started;
        for (const [i, stage] of BOOT_STAGES.entries()) {
          await serial.waitFor(new RegExp(stage.until.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')), 600_000);
          const now = performance.now();
          times[stage.id] = now - mark;
          mark = now;
          options.onStage?.(BOOT_STAGES[i + 1]?.id ?? 'shell');
        }
        await serial.waitFor(PROMPT, 60_000, serial.output.length);
        return { ...(times as Record<BootStage, number>), total: performance.now() - started };
      })();
  return {
    console: serial,
    agent,
    type: (text) => emulator.serial0_send(text),
    booted,
    saveState: () => emulator.save_state(),
    destroy: async () => {
      await emulator.destroy();
    },
  };
}
