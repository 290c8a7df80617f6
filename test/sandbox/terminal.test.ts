import { describe, expect, it } from 'vitest';
import { Terminal } from '../../src/sandbox/terminal.ts';

describe('Terminal raw mode', () => {
  it('gives a raw reader keystroke chunks as typed, and a line typed ahead with its Enter', async () => {
    const terminal = new Terminal({ isTTY: true, columns: 80 });
    terminal.push({ text: 'typed ahead', wait: 0 });
    terminal.pushKeys('\x1b[A');
    expect(await terminal.readKeys()).toBe('typed ahead\r');
    expect(await terminal.readKeys()).toBe('\x1b[A');
  });

  it('drops keystrokes a program left unread when the shell reads the next line', async () => {
    const terminal = new Terminal({ isTTY: true, columns: 80 });
    terminal.pushKeys('leftover');
    terminal.push({ text: 'ls', wait: 0 });
    expect(await terminal.readLine()).toEqual({ text: 'ls', wait: 0 });
  });

  it('is idle while a raw reader waits, so replays feed it the next chunk', async () => {
    const terminal = new Terminal({ isTTY: true, columns: 80 });
    const read = terminal.readKeys();
    await terminal.whenIdle();
    expect(terminal.waitingForInput).toBe(true);
    terminal.pushKeys('x');
    expect(await read).toBe('x');
  });

  it('tells its listeners when raw mode starts and ends, also when the program fails', async () => {
    const terminal = new Terminal({ isTTY: true, columns: 80 });
    const modes: boolean[] = [];
    terminal.onMode((raw) => modes.push(raw));
    await terminal.raw(async () => {
      expect(terminal.isRaw).toBe(true);
    });
    await expect(
      terminal.raw(async () => {
        throw new Error('crashed');
      }),
    ).rejects.toThrow('crashed');
    expect(terminal.isRaw).toBe(false);
    expect(modes).toEqual([true, false, true, false]);
  });

  it('hands its listeners the keys a program left unread, up to the next typed line', async () => {
    const terminal = new Terminal({ isTTY: true, columns: 80 });
    const ends: string[] = [];
    terminal.onMode((raw, unread) => {
      if (!raw) ends.push(unread);
    });
    await terminal.raw(async () => {
      terminal.pushKeys('\x18');
      terminal.pushKeys('ca');
      terminal.pushKeys('t');
      terminal.push({ text: 'nano b', wait: 0 });
      terminal.pushKeys('for b');
      expect(await terminal.readKeys()).toBe('\x18');
    });
    expect(ends).toEqual(['cat']);
    expect(await terminal.readLine()).toEqual({ text: 'nano b', wait: 0 });
    expect(await terminal.readKeys()).toBe('for b');
  });

  it('ends a raw reader at end of input', async () => {
    const terminal = new Terminal({ isTTY: true, columns: 80 });
    terminal.close();
    expect(await terminal.readKeys()).toBeNull();
  });
});
