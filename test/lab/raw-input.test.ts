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
    expect(raw.update({ type: 'raw', on: true, epoch: 4 })).toBe('');
    expect(raw.active).toBe(true);
    expect(raw.route('\x03')).toEqual({ type: 'keys', data: '\x03', epoch: 4, seq: 1 });
    expect(raw.route('\x1b')).toEqual({ type: 'keys', data: '\x1b', epoch: 4, seq: 2 });
  });

  it('hands back what the program left unread, then what it never took, in the order typed', () => {
    const raw = new RawInput();
    raw.update({ type: 'raw', on: true, epoch: 1 });
    raw.route('\x18c');
    raw.route('at');
    raw.route(' a\r');
    expect(raw.update({ type: 'raw', on: false, epoch: 1, taken: 1, unread: 'c' })).toBe('cat a\r');
    expect(raw.route('x')).toBeNull();
  });

  it('forgets what one program was sent when the next takes the terminal', () => {
    const raw = new RawInput();
    raw.update({ type: 'raw', on: true, epoch: 1 });
    raw.route('q');
    raw.update({ type: 'raw', on: true, epoch: 2 });
    expect(raw.update({ type: 'raw', on: false, epoch: 2, taken: 0, unread: '' })).toBe('');
  });
});
