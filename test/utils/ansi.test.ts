import { describe, expect, it } from 'vitest';
import { stripSgr } from '../../src/utils/ansi.ts';

describe('stripSgr', () => {
  it('removes colour sequences and keeps the text', () => {
    expect(stripSgr('\u001b[1;32mroot@host\u001b[0m:~# ')).toBe('root@host:~# ');
  });
  it('leaves other text alone', () => {
    expect(stripSgr('plain [0m text')).toBe('plain [0m text');
  });
});
