import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { V86 } from 'v86';
import { afterEach, describe, expect, it } from 'vitest';
import { gunzip, verified } from '../../src/real-machine/assets';
import {
  BOOTED_STATE,
  type RunningMachine,
  startMachine,
  type V86Constructor,
} from '../../src/real-machine/machine';
import { RESEED_COMMAND, settleCommand } from '../../src/real-machine/settle';

// The state `npm run vm-image` saved, checked and unpacked as the page's worker does.
const dir = 'public/real-machine';
const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as {
  files: Record<string, { bytes: number; sha256: string }>;
};
const entry = manifest.files[BOOTED_STATE];
if (!entry) throw new Error(`${dir}/${BOOTED_STATE} is missing: run npm run vm-image`);
const compressed = readFileSync(`${dir}/${BOOTED_STATE}`);
const state = verified(
  { name: 'state', url: `/real-machine/${BOOTED_STATE}`, ...entry },
  compressed.buffer.slice(compressed.byteOffset, compressed.byteOffset + compressed.length) as ArrayBuffer,
).then(gunzip);

const running: RunningMachine[] = [];
async function resumed(): Promise<RunningMachine> {
  const machine = startMachine(
    V86 as unknown as V86Constructor,
    { state: (await state).slice(0) },
    { wasmPath: fileURLToPath(import.meta.resolve('v86/build/v86.wasm')) },
  );
  running.push(machine);
  await machine.booted;
  return machine;
}

const settle = (machine: RunningMachine, now = Date.now()) =>
  machine.agent.run(settleCommand({ now, rows: 30, cols: 100 }));
const randomBytes = async (machine: RunningMachine) =>
  (await machine.agent.run('head -c 16 /dev/urandom | od -An -tx1')).output.trim();

describe('a machine resumed from the saved state', () => {
  afterEach(async () => {
    for (const machine of running.splice(0)) await machine.destroy();
  });

  it('is at its shell prompt, settled to this moment: clock, console size', async () => {
    const machine = await resumed();
    const stale = Number((await machine.agent.run('date +%s')).output);
    const now = Date.now();
    expect(await settle(machine, now)).toEqual({ output: '', status: 0 });
    const clock = Number((await machine.agent.run('date +%s')).output);
    expect(Math.abs(clock - now / 1000)).toBeLessThan(30);
    // Without settling, it tells the time it was saved at.
    expect(stale).toBeLessThan(clock - 1);
    expect((await machine.agent.run('stty -F /dev/ttyS0 size')).output).toBe('30 100\n');
    await machine.console.type('');
    expect(await machine.console.run('echo $((6*7)); hostname')).toEqual({
      output: '42\nquayside\n',
      status: 0,
    });
  });

  it('draws random numbers of its own once reseeded, where copies of the state draw the same', async () => {
    const copies = [await resumed(), await resumed()];
    const before = await Promise.all(copies.map(randomBytes));
    expect(before[0]).toMatch(/^[0-9a-f]{2}( [0-9a-f]{2}){15}$/);
    expect(before[1]).toBe(before[0]);
    for (const machine of copies)
      expect(await machine.agent.run(RESEED_COMMAND, 30_000)).toEqual({ output: '', status: 0 });
    const after = await Promise.all(copies.map(randomBytes));
    expect(after[1]).not.toBe(after[0]);
    expect((await copies[0]?.agent.run('dmesg | grep -c "crng reseeded on system resumption"'))?.output).toBe(
      '1\n',
    );
    expect((await copies[0]?.agent.run('cat /sys/power/pm_test'))?.output).toMatch(/^\[none\]/);
  });
});
