import { describe, expect, it } from 'vitest';
import { LineEditor } from '../../src/lab/line-editor';

function typed(editor: LineEditor, data: string) {
  return editor.input(data);
}

describe('LineEditor', () => {
  it('submits typed lines and keeps them in history', () => {
    const e = new LineEditor();
    e.begin('$ ');
    const { events } = typed(e, 'docker ps\r');
    expect(events).toEqual([{ type: 'submit', line: 'docker ps' }]);
    expect(e.entries()).toEqual(['docker ps']);
  });

  it('edits in the middle of the line with cursor keys, Home/End and Backspace', () => {
    const e = new LineEditor();
    e.begin('$ ');
    typed(e, 'dockr ps');
    typed(e, '\x1b[D\x1b[D\x1b[D\x1b[D'); // four left
    typed(e, 'e');
    expect(e.buffer).toBe('docker ps');
    typed(e, '\x01'); // Ctrl-A
    expect(e.cursor).toBe(0);
    typed(e, '\x05\x7f\x7f'); // Ctrl-E, two Backspaces
    expect(e.buffer).toBe('docker ');
  });

  it('kills words and line parts with Ctrl-W, Ctrl-U and Ctrl-K', () => {
    const e = new LineEditor();
    e.begin('$ ');
    typed(e, 'docker run alpine');
    typed(e, '\x17');
    expect(e.buffer).toBe('docker run ');
    typed(e, '\x01\x0b');
    expect(e.buffer).toBe('');
    typed(e, 'echo hi\x15');
    expect(e.buffer).toBe('');
  });

  it('recalls history with Up and Down, keeping the draft', () => {
    const e = new LineEditor(['first', 'second']);
    e.begin('$ ');
    typed(e, 'dra');
    typed(e, '\x1b[A');
    expect(e.buffer).toBe('second');
    typed(e, '\x1b[A\x1b[A');
    expect(e.buffer).toBe('first');
    typed(e, '\x1b[B\x1b[B');
    expect(e.buffer).toBe('dra');
  });

  it('turns Ctrl-C, Ctrl-L and Tab into events', () => {
    const e = new LineEditor();
    e.begin('$ ');
    expect(typed(e, 'doc\t').events).toEqual([{ type: 'complete', line: 'doc', cursor: 3 }]);
    expect(typed(e, '\x03').events).toEqual([{ type: 'interrupt' }]);
    expect(e.buffer).toBe('');
    expect(typed(e, '\x0c').events).toEqual([{ type: 'clear' }]);
  });

  it('runs each line of a paste in order', () => {
    const e = new LineEditor();
    e.begin('$ ');
    const { events } = typed(e, 'echo one\r\necho two\rpwd\r');
    expect(events.map((x) => (x.type === 'submit' ? x.line : x.type))).toEqual([
      'echo one',
      'echo two',
      'pwd',
    ]);
  });

  it('moves across wrapped rows instead of assuming one row', () => {
    const e = new LineEditor();
    e.columns = 10;
    e.begin('$ ');
    typed(e, '12345678'); // fills the row exactly: 2 + 8 = 10
    const { output } = typed(e, '9');
    // Going back to the start of the input crosses up one row; the end wraps onto row 2.
    expect(output.startsWith('\x1b[1A\r\x1b[2C')).toBe(true);
    expect(e.buffer).toBe('123456789');
    const home = typed(e, '\x01').output;
    expect(home).toBe('\x1b[1A\r\x1b[2C');
  });
});
