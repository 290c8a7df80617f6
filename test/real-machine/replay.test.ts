import { describe, expect, it } from 'vitest';
import { inputLines } from '../../src/real-machine/replay';

describe('inputLines', () => {
  it('splits raw console input after each Enter, keeping keys typed on the line', () => {
    expect(inputLines('ls\rcd /tm\tp\r')).toEqual(['ls\r', 'cd /tm\tp\r']);
  });
  it('keeps an unfinished last line, and nothing for no input', () => {
    expect(inputLines('echo a\recho b')).toEqual(['echo a\r', 'echo b']);
    expect(inputLines('')).toEqual([]);
  });
});
