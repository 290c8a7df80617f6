import { describe, expect, it } from 'vitest';
import { Vi, type ViFlavor } from '../../../../src/sandbox/programs/editor/vi.ts';
import { frameText } from './frame-text.ts';

const SIZE = { columns: 80, rows: 24 };

function open(flavor: ViFlavor, name: string | undefined, text: string | null, refuse?: string) {
  const written: { name: string; text: string }[] = [];
  const vi = new Vi(flavor, {
    name,
    text,
    write: (to, content) => {
      if (refuse) return refuse;
      written.push({ name: to, text: content });
      return undefined;
    },
  });
  let output = vi.draw(SIZE);
  let status: number | undefined;
  const type = (...chunks: string[]) => {
    for (const chunk of chunks) {
      const result = vi.keys(chunk, SIZE, () => {});
      output += result.draw;
      status = result.status;
    }
    return frameText(output);
  };
  return { type, written, screen: () => frameText(output), status: () => status };
}

describe('vi as Vim', () => {
  it('opens a new file with tildes past the end, [New] and the ruler', () => {
    const { screen } = open('vim', 'v.txt', null);
    const { rows, cursor } = screen();
    expect(rows[0]).toBe('');
    expect(rows.slice(1, 23).every((row) => row === '~')).toBe(true);
    expect(rows[23]).toBe('"v.txt" [New]                                                 0,0-1         All');
    expect(cursor).toEqual({ row: 0, col: 0 });
  });

  it('inserts with i, leaves insert mode with Escape, and writes with :w as Vim words it', () => {
    const { type, written } = open('vim', 'v.txt', null);
    expect(type('i').rows[23]).toBe(
      '-- INSERT --                                                  0,1           All',
    );
    const typed = type('hello\rworld', '\x1b');
    expect(typed.rows.slice(0, 3)).toEqual(['hello', 'world', '~']);
    expect(typed.rows[23]).toBe(
      '                                                              2,5           All',
    );
    expect(typed.cursor).toEqual({ row: 1, col: 4 });
    expect(type(':w\r').rows[23]).toBe(
      '"v.txt" [New] 2L, 12B written                                 2,5           All',
    );
    expect(written).toEqual([{ name: 'v.txt', text: 'hello\nworld\n' }]);
  });

  it('refuses :q with E37 while modified; :q! leaves without writing', () => {
    const { type, status, written } = open('vim', 'v.txt', null);
    type('ihello', '\x1b');
    expect(type(':q\r').rows[23]).toBe(
      'E37: No write since last change (add ! to override)           1,5           All',
    );
    expect(status()).toBeUndefined();
    type(':q!\r');
    expect(status()).toBe(0);
    expect(written).toEqual([]);
  });

  it('ends with :wq, :x and ZZ, writing the file', () => {
    for (const end of [':wq\r', ':x\r', 'ZZ']) {
      const { type, status, written } = open('vim', 'g.txt', 'one\n');
      type('A!', '\x1b', end);
      expect(status()).toBe(0);
      expect(written).toEqual([{ name: 'g.txt', text: 'one!\n' }]);
    }
  });

  it('moves with h j k l, the arrows, 0 $ gg and G, and edits with a o O x dd yy p', () => {
    const { type, written, screen } = open('vim', 'g.txt', 'one\ntwo\nthree\n');
    expect(screen().rows[23]).toBe(
      '"g.txt" 3L, 14B                                               1,1           All',
    );
    expect(type('G$').rows[23]).toBe(
      '"g.txt" 3L, 14B                                               3,5           All',
    );
    type('x', 'gg', 'l', 'x', '0', 'jj', 'k', '\x1b[B', '\x1b[A', 'yy', 'p', 'k', 'dd', 'G', 'oend', '\x1b');
    type('gg', 'Ostart', '\x1b', 'j$', 'a.', '\x1b', ':wq\r');
    expect(written[0]?.text).toBe('start\noe.\ntwo\nthre\nend\n');
  });

  it('wraps a long line over screen rows, as Vim does', () => {
    const long = `${'a'.repeat(50)}${'b'.repeat(50)}\n${'c'.repeat(80)}\n${'d'.repeat(79)}\n`;
    const { type, screen } = open('vim', 'long.txt', long);
    expect(screen().rows.slice(0, 5)).toEqual([
      `${'a'.repeat(50)}${'b'.repeat(30)}`,
      'b'.repeat(20),
      'c'.repeat(80),
      'd'.repeat(79),
      '~',
    ]);
    expect(type('$').cursor).toEqual({ row: 1, col: 19 });
    expect(type('j').cursor).toEqual({ row: 2, col: 79 });
  });

  it('says E212 when the file cannot be written', () => {
    const { type } = open('vim', 'f.txt', null, 'Permission denied');
    expect(type('ix', '\x1b', ':w\r').rows[23]).toBe(
      '"f.txt" E212: Can\'t open file for writing                     1,1           All',
    );
  });
});

describe('vi as BusyBox', () => {
  it('shows its own status line, mode and [Modified]', () => {
    const { type, screen } = open('busybox', 'b.txt', null);
    expect(screen().rows[23]).toBe('- b.txt 1/1 100%');
    expect(type('i').rows[23]).toBe('I b.txt 1/1 100%');
    expect(type('hello\rworld', '\x1b').rows[23]).toBe('- b.txt [Modified] 2/2 100%');
  });

  it('refuses :q while modified and words the write as BusyBox does', () => {
    const { type, status, written } = open('busybox', 'b.txt', null);
    type('ihello\rworld', '\x1b');
    expect(type(':q\r').rows[23]).toBe('No write since last change (:q! overrides)');
    expect(type(':w\r').rows[23]).toBe("'b.txt' 2L, 12C");
    type(':q\r');
    expect(status()).toBe(0);
    expect(written).toEqual([{ name: 'b.txt', text: 'hello\nworld\n' }]);
  });

  it('says so for an ex command it does not have, as each vi words it', () => {
    expect(open('busybox', 'b.txt', null).type(':foo\r').rows[23]).toBe("'foo' is not implemented");
    expect(open('vim', 'b.txt', null).type(':foo\r').rows[23]).toBe(
      'E492: Not an editor command: foo                              0,0-1         All',
    );
  });

  it('shifts the whole screen sideways to follow the cursor past the right edge, as BusyBox does', () => {
    const long = `${'a'.repeat(50)}${'b'.repeat(50)}\n${'c'.repeat(80)}\n${'d'.repeat(79)}\n`;
    const { type } = open('busybox', 'long.txt', long);
    const end = type('$');
    expect(end.rows.slice(0, 4)).toEqual([
      `${'a'.repeat(30)}${'b'.repeat(50)}`,
      'c'.repeat(60),
      'd'.repeat(59),
      '',
    ]);
    expect(end.cursor).toEqual({ row: 0, col: 79 });
  });

  it('reports a write error with the C library wording', () => {
    const { type } = open('busybox', 'b.txt', null, 'Permission denied');
    expect(type('ix', '\x1b', ':w\r').rows[23]).toBe('Write error: Permission denied');
  });
});
