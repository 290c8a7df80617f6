import { describe, expect, it } from 'vitest';
import { SerialConsole } from '../../src/real-machine/serial-console';

/** A fake shell on the other end of the wire: echoes what it gets, answers a few commands, prompts. */
function shell(answers: Record<string, [string, number]>) {
  const console: SerialConsole = new SerialConsole((text) => {
    setTimeout(() => {
      const line = text.replace(/\n$/, '');
      console.receive(`${line}\r\n`);
      const id = /'(\d+):'/.exec(line)?.[1];
      const command = (line.split('; ')[1] as string).slice(1, -1);
      const [output, status] = answers[command] ?? ['sh: not found\r\n', 127];
      console.receive(`:start${id}:\r\n${output}\r\n:end${id}: ${status}\r\n`);
      setTimeout(() => console.receive('root@quayside:/root# '), 5);
    }, 1);
  }, /# $/);
  return console;
}

describe('SerialConsole', () => {
  it('runs a command and returns its output without the echo, and its status', async () => {
    const serial = shell({ 'uname -r': ['6.1.0-50-686\r\n', 0], false: ['', 1] });
    expect(await serial.run('uname -r')).toEqual({ output: '6.1.0-50-686\n', status: 0 });
    expect(await serial.run('false')).toEqual({ output: '', status: 1 });
    expect(await serial.run('nope')).toEqual({ output: 'sh: not found\n', status: 127 });
    // Each run waited for the prompt that followed it.
    expect(serial.output.endsWith('root@quayside:/root# ')).toBe(true);
  });

  it('waits for text, from a position on, and gives up after its timeout', async () => {
    const serial = new SerialConsole(() => {});
    serial.receive('Linux version 6.1');
    await expect(serial.waitFor(/Linux version/, 10)).resolves.toBeTruthy();
    await expect(serial.waitFor(/Linux version/, 10, 5)).rejects.toThrow(
      'no /Linux version/ on the console within 10 ms',
    );
    const later = serial.waitFor(/init done/, 1000);
    serial.receive('\nquayside: init done\n');
    expect((await later)[0]).toBe('init done');
  });

  it('finds a marker that arrives a byte at a time after a long boot log', async () => {
    const serial = new SerialConsole(() => {});
    const found = serial.waitFor(/Run \/init as init process/, 1000);
    const log = '[    0.1] a kernel line\n'.repeat(2000);
    for (const ch of `${log}Run /init as init process\n`) serial.receive(ch);
    expect((await found).index).toBe(log.length);
  });
});
