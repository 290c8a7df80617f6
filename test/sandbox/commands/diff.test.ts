import { describe, expect, it } from 'vitest';
import { changes, diff } from '../../../src/sandbox/commands/diff.ts';
import { baseLayer, file, NOW, run } from './context.ts';

const numbers = (list: (number | string)[]) => `${list.join('\n')}\n`;
const P = numbers([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
const Q = numbers([1, 2, 'three', 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16]);

function layer(files: Record<string, string>) {
  const l = baseLayer();
  for (const [name, text] of Object.entries(files)) l[`/home/learner/${name}`] = file(text, 1000, NOW);
  return l;
}

describe('diff', () => {
  it('finds the changed runs from a longest common subsequence', () => {
    expect(changes(['a', 'b'], ['a', 'c'])).toEqual([{ a: 1, aEnd: 2, b: 1, bEnd: 2 }]);
    expect(changes([], ['x'])).toEqual([{ a: 0, aEnd: 0, b: 0, bEnd: 1 }]);
    expect(changes(['x', 'y'], ['x', 'y'])).toEqual([]);
  });

  // Outputs of GNU diffutils 3.8 for the same files.
  it('prints the normal format with changes, deletions and additions', async () => {
    const r = await run(diff('gnu'), ['diff', 'p', 'q'], { layer: layer({ p: P, q: Q }) });
    expect(r.out).toBe('3c3\n< 3\n---\n> three\n10d9\n< 10\n15a15\n> 16\n');
    expect(r.status).toBe(1);
    const empty = await run(diff('gnu'), ['diff', 'z', 'e'], { layer: layer({ z: '', e: 'x\n' }) });
    expect(empty.out).toBe('0a1\n> x\n');
  });

  it('merges unified hunks whose three lines of context touch', async () => {
    const r = await run(diff('gnu'), ['diff', '-u', 'p', 'q'], { layer: layer({ p: P, q: Q }) });
    const body = r.out.split('\n').slice(2).join('\n');
    expect(body).toBe(
      `@@ -1,15 +1,15 @@\n 1\n 2\n-3\n+three\n${[4, 5, 6, 7, 8, 9].map((n) => ` ${n}\n`).join('')}-10\n${[11, 12, 13, 14, 15].map((n) => ` ${n}\n`).join('')}+16\n`,
    );
    expect(r.out.split('\n')[0]).toBe('--- p\t2026-11-23 16:05:00.000000000 +0000');
  });

  it('tells a missing final newline apart', async () => {
    const r = await run(diff('gnu'), ['diff', 'n1', 'n2'], { layer: layer({ n1: 'a', n2: 'a\n' }) });
    expect(r.out).toBe('1c1\n< a\n\\ No newline at end of file\n---\n> a\n');
  });

  it('exits 0 for the same text, and 2 for trouble with its own usage lines', async () => {
    expect((await run(diff('gnu'), ['diff', 'p', 'p'], { layer: layer({ p: P }) })).status).toBe(0);
    const missing = await run(diff('gnu'), ['diff', 'nosuch', 'p'], { layer: layer({ p: P }) });
    expect([missing.status, missing.err]).toEqual([2, 'diff: nosuch: No such file or directory\n']);
    const one = await run(diff('gnu'), ['diff', 'p'], { layer: layer({ p: P }) });
    expect([one.status, one.err]).toEqual([
      2,
      "diff: missing operand after 'p'\ndiff: Try 'diff --help' for more information.\n",
    ]);
    const brief = await run(diff('gnu'), ['diff', '-q', 'p', 'q'], { layer: layer({ p: P, q: Q }) });
    expect(brief.out).toBe('Files p and q differ\n');
  });
});
