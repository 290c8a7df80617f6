import { describe, expect, it } from 'vitest';
import { RawInput } from '../../src/lab/raw-input.ts';

describe('RawInput', () => {
  it('leaves keystrokes to the line editor until a program takes the terminal', () => {
    const raw = new RawInput();
    expect(raw.active).toBe(false);
    expect(raw.route('ls')).toBeNull();
  });

  it('sends every keystroke as typed while a program has raw mode, Ctrl-C and Escape included', () => {
    const raw = new RawInput();
    expect(raw.update({ type: 'raw', on: true })).toBe('');
    expect(raw.active).toBe(true);
    expect(raw.route('\x03')).toEqual({ type: 'keys', data: '\x03' });
    expect(raw.route('\x1b')).toEqual({ type: 'keys', data: '\x1b' });
  });

  it('hands back to the line editor what was typed after the program ended', () => {
    const raw = new RawInput();
    raw.update({ type: 'raw', on: true });
    expect(raw.update({ type: 'raw', on: false, unread: 'cat hello.txt\r' })).toBe('cat hello.txt\r');
    expect(raw.route('x')).toBeNull();
  });
});
