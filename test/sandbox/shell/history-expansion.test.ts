import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';
import { expandHistory } from '../../../src/sandbox/shell/history-expansion';

const history = ['echo one two', 'ls -l /tmp', 'grep -r "a b" src'];

describe('history expansion', () => {
  it('names events by position, by prefix and by content', () => {
    expect(expandHistory('!!', history)).toEqual({ line: 'grep -r "a b" src', changed: true });
    expect(expandHistory('!1', history)).toEqual({ line: 'echo one two', changed: true });
    expect(expandHistory('!-2 | wc -l', history)).toEqual({ line: 'ls -l /tmp | wc -l', changed: true });
    expect(expandHistory('!ec', history)).toEqual({ line: 'echo one two', changed: true });
    expect(expandHistory('!?tmp?', history)).toEqual({ line: 'ls -l /tmp', changed: true });
  });

  it('selects words of an event', () => {
    expect(expandHistory('cat !$', history)).toEqual({ line: 'cat src', changed: true });
    expect(expandHistory('echo !^ !ls:2 !1:*', history)).toEqual({
      line: 'echo -r /tmp one two',
      changed: true,
    });
    expect(expandHistory('echo !!:2', history)).toEqual({ line: 'echo "a b"', changed: true });
  });

  it('leaves quoted, escaped and lone ! alone, and reports what it cannot find', () => {
    for (const line of ["echo 'a!b'", 'echo a\\!b', 'echo hi!', '[ ! -f x ]', 'echo "wow!"', 'x!=y'])
      expect(expandHistory(line, history)).toEqual({ line, changed: false });
    expect(expandHistory('echo hi!there', history)).toEqual({ error: '!there: event not found' });
    expect(expandHistory('!9', history)).toEqual({ error: '!9: event not found' });
  });

  it('runs in the learner bash, which shows the line it made (as bash 5.2 does)', async () => {
    const s = Sandbox.create({ seed: 1 });
    await s.run('echo one two');
    expect(await s.run('echo !$ x')).toBe('echo two x\ntwo x\n');
    expect(await s.run('!nosuch')).toBe('bash: !nosuch: event not found\n');
    expect(await s.run('history | tail -n 2')).toBe('    2  echo two x\n    3  history | tail -n 2\n');
  });
});
