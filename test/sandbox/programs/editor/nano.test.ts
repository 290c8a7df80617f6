import { describe, expect, it } from 'vitest';
import { Nano, type NanoFile } from '../../../../src/sandbox/programs/editor/nano.ts';
import { frameText, screenOf } from './frame-text.ts';

const SIZE = { columns: 80, rows: 24 };
const MAIN = [
  '^G Help      ^O Write Out ^W Where Is  ^K Cut       ^T Execute   ^C Location',
  '^X Exit      ^R Read File ^\\ Replace   ^U Paste     ^J Justify   ^/ Go To Line',
];

/** A nano on a file, with what it wrote kept. */
function open(name: string | undefined, text: NanoFile['text'], refuse?: string) {
  const written: { name: string; text: string }[] = [];
  const nano = new Nano({
    name,
    text,
    write: (to, content) => {
      if (refuse) return refuse;
      written.push({ name: to, text: content });
      return undefined;
    },
  });
  let output = nano.draw(SIZE);
  let status: number | undefined;
  const type = (...chunks: string[]) => {
    for (const chunk of chunks) {
      const result = nano.keys(chunk, SIZE, () => {});
      output += result.draw;
      status = result.status;
    }
    return frameText(output);
  };
  return { type, written, screen: () => frameText(output), status: () => status };
}

describe('nano', () => {
  it('draws a new file as nano 7.2 does at 80×24: title, [ New File ], both shortcut rows', () => {
    const { screen } = open('f.txt', null);
    expect(screen().rows).toEqual(
      screenOf(
        24,
        ['  GNU nano 7.2                          f.txt'],
        ['                                  [ New File ]', ...MAIN],
      ),
    );
    expect(screen().cursor).toEqual({ row: 1, col: 0 });
  });

  it('reads a file, counting its lines, and marks the title once modified', () => {
    const { type, screen } = open('g.txt', 'one\ntwo\nthree\n');
    expect(screen().rows.slice(0, 4)).toEqual([
      '  GNU nano 7.2                          g.txt',
      'one',
      'two',
      'three',
    ]);
    expect(screen().rows[21]).toBe('                                [ Read 3 lines ]');
    expect(type('x').rows[0]).toBe('  GNU nano 7.2                          g.txt *');
  });

  it('types, breaks lines, backspaces, deletes and moves with the arrows, Home and End', () => {
    const { type, written } = open('f.txt', null);
    type('helo', '\x1b[D', 'l', '\x1b[F', ' world', '\r', 'second', '\x1b[H', '\x1b[3~', 'S');
    type('\x1b[A', '\x1b[F', '\x7f', '!', '\x1b[B', '\x1b[B');
    type('\x0f', '\r');
    expect(written).toEqual([{ name: 'f.txt', text: 'hello worl!\nSecond\n' }]);
  });

  it('writes out with ^O at its File Name to Write prompt, then says how many lines', () => {
    const { type, written } = open('f.txt', null);
    type('hello world');
    const prompt = type('\x0f');
    expect(prompt.rows.slice(21)).toEqual([
      'File Name to Write: f.txt',
      '^G Help             M-D DOS Format      M-A Append          M-B Backup File',
      '^C Cancel           M-M Mac Format      M-P Prepend         ^T Browse',
    ]);
    expect(prompt.cursor).toEqual({ row: 21, col: 25 });
    const wrote = type('\r');
    expect(written).toEqual([{ name: 'f.txt', text: 'hello world\n' }]);
    expect(wrote.rows[0]).toBe('  GNU nano 7.2                          f.txt');
    expect(wrote.rows[21]).toBe('                                [ Wrote 1 line ]');
  });

  it('asks on ^X whether to save a modified buffer: Y writes and exits, ^C cancels, N exits', () => {
    const saving = open('f.txt', null);
    saving.type('hi');
    expect(saving.type('\x18').rows.slice(21)).toEqual([
      'Save modified buffer?',
      ' Y Yes',
      ' N No           ^C Cancel',
    ]);
    expect(saving.type('y').rows[21]).toBe('File Name to Write: f.txt');
    expect(saving.type('\x03').rows[21]).toBe('                                 [ Cancelled ]');
    saving.type('\x18', 'y', '\r');
    expect(saving.status()).toBe(0);
    expect(saving.written).toEqual([{ name: 'f.txt', text: 'hi\n' }]);

    const leaving = open('f.txt', 'kept\n');
    leaving.type('lost', '\x18', 'n');
    expect(leaving.status()).toBe(0);
    expect(leaving.written).toEqual([]);
  });

  it('exits at once on ^X when nothing changed', () => {
    const { type, status } = open('g.txt', 'one\n');
    type('\x1b[B', '\x18');
    expect(status()).toBe(0);
  });

  it('cuts lines with ^K and pastes them with ^U, as many times as asked', () => {
    const { type, written } = open('g.txt', 'one\ntwo\nthree\n');
    expect(type('\x1b[B', '\x0b').rows.slice(1, 3)).toEqual(['one', 'three']);
    const pasted = type('\x15', '\x15');
    expect(pasted.rows.slice(1, 5)).toEqual(['one', 'two', 'two', 'three']);
    expect(pasted.cursor).toEqual({ row: 4, col: 0 });
    type('\x0f', '\r');
    expect(written[0]?.text).toBe('one\ntwo\ntwo\nthree\n');
  });

  it('says where the cursor is on ^C, in nano 7.2 words and widths', () => {
    const { type } = open('g.txt', 'one\ntwo\nthree\n');
    expect(type('\x03').rows[21]).toBe('            [ line  1/4 (25%), col  1/ 4 ( 25%), char  0/14 ( 0%) ]');
    expect(type('\x1b[B', '\x03').rows[21]).toBe(
      '            [ line  2/4 (50%), col  1/ 4 ( 25%), char  4/14 (28%) ]',
    );
    expect(type('\x1b[B', '\x1b[B', '\x03').rows[21]).toBe(
      '           [ line  4/4 (100%), col  1/ 1 (100%), char 14/14 (100%) ]',
    );
  });

  it('reports a refused write as nano words it and stays open', () => {
    const { type, status } = open('/etc/hosts', '127.0.0.1 localhost\n', 'Permission denied');
    expect(type('x', '\x0f', '\r').rows[21]).toBe(
      '                [ Error writing /etc/hosts: Permission denied ]',
    );
    expect(status()).toBeUndefined();
  });

  it('fits as many shortcuts as the width allows, cutting labels to their column (60 columns)', () => {
    const nano = new Nano({ name: 'f.txt', text: null, write: () => undefined });
    expect(frameText(nano.draw({ columns: 60, rows: 30 })).rows.slice(27)).toEqual([
      '                        [ New File ]',
      '^G Help     ^O Write Out^W Where Is ^K Cut      ^T Execute',
      '^X Exit     ^R Read File^\\ Replace  ^U Paste    ^J Justify',
    ]);
  });

  it('scrolls only the cursor’s long line sideways, marked with < and >, as nano 7.2 does', () => {
    const long = `${'a'.repeat(50)}${'b'.repeat(50)}\n${'c'.repeat(80)}\n${'d'.repeat(79)}\n`;
    const { type, screen } = open('long.txt', long);
    expect(screen().rows.slice(1, 4)).toEqual([
      `${'a'.repeat(50)}${'b'.repeat(29)}>`,
      'c'.repeat(80),
      'd'.repeat(79),
    ]);
    const end = type('\x1b[F');
    expect(end.rows.slice(1, 4)).toEqual([`<${'b'.repeat(27)}`, 'c'.repeat(80), 'd'.repeat(79)]);
    expect(end.cursor).toEqual({ row: 1, col: 28 });
    const down = type('\x1b[B');
    expect(down.rows.slice(1, 4)).toEqual([
      `${'a'.repeat(50)}${'b'.repeat(29)}>`,
      `<${'c'.repeat(7)}`,
      'd'.repeat(79),
    ]);
    expect(down.cursor).toEqual({ row: 2, col: 8 });
  });

  it('welcomes a nameless buffer and asks for a name when writing it', () => {
    const { type, screen, written } = open(undefined, null);
    expect(screen().rows[0]).toBe('  GNU nano 7.2                       New Buffer');
    expect(screen().rows[21]).toBe('               [ Welcome to nano.  For basic help, type Ctrl+G. ]');
    type('a', '\x0f');
    expect(type('n.txt', '\r').rows[0]).toBe('  GNU nano 7.2                          n.txt');
    expect(written).toEqual([{ name: 'n.txt', text: 'a\n' }]);
  });
});
