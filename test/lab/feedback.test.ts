import { describe, expect, it } from 'vitest';
import { complete, standing, type Verdict, verdictsFrom } from '../../src/lab/feedback';

const failed = {
  id: 'run-nginx',
  pass: false,
  messages: [
    {
      en: 'The container "web" exists but is not running.',
      'zh-cn': '容器 "web" 已创建，但没有在运行。',
    },
  ],
};

describe('verdictsFrom', () => {
  it('keeps each failed task’s reasons in the learner’s language', () => {
    const tasks = [failed, { id: 'reach-it', pass: true, messages: [] }];
    expect(verdictsFrom(tasks, 'zh-cn')).toEqual({
      'run-nginx': { pass: false, messages: ['容器 "web" 已创建，但没有在运行。'] },
      'reach-it': { pass: true, messages: [] },
    });
    expect(verdictsFrom(tasks, 'en')['run-nginx']?.messages).toEqual([
      'The container "web" exists but is not running.',
    ]);
  });

  it('falls back to what the page knows for a failed task the server gave no reason for', () => {
    const verdicts = verdictsFrom(
      [
        { id: 'overlay', pass: false },
        { id: 'memory', pass: true },
      ],
      'en',
      (id) => (id === 'overlay' ? 'No overlay is mounted at /tmp/box/merged.' : undefined),
    );
    expect(verdicts.overlay?.messages).toEqual(['No overlay is mounted at /tmp/box/merged.']);
    expect(verdicts.memory?.messages).toEqual([]);
  });
});

describe('standing', () => {
  const verdict: Verdict = {
    at: 4,
    tasks: verdictsFrom([failed, { id: 'reach-it', pass: true }], 'en'),
  };

  it('is ungraded before any submission', () => {
    expect(standing(true, null, 'run-nginx', 0)).toEqual({ kind: 'ungraded' });
  });

  it('agrees when the tick and the server say the same', () => {
    expect(standing(false, verdict, 'run-nginx', 4)).toEqual({
      kind: 'agrees',
      pass: false,
      messages: ['The container "web" exists but is not running.'],
    });
    expect(standing(true, verdict, 'reach-it', 4)).toMatchObject({ kind: 'agrees', pass: true });
  });

  it('says why when they differ: commands since the submission, or the replay ending elsewhere', () => {
    expect(standing(true, verdict, 'run-nginx', 6)).toEqual({
      kind: 'differs',
      live: true,
      messages: ['The container "web" exists but is not running.'],
      reason: 'changed',
    });
    expect(standing(true, verdict, 'run-nginx', 4)).toMatchObject({ kind: 'differs', reason: 'replay' });
    expect(standing(false, verdict, 'reach-it', 5)).toMatchObject({
      kind: 'differs',
      live: false,
      reason: 'changed',
    });
  });
});

describe('complete', () => {
  it('holds only when the server passed every task of the exercise', () => {
    const all = (pass: boolean): Verdict => ({
      at: 0,
      tasks: verdictsFrom(
        [
          { id: 'a', pass: true },
          { id: 'b', pass },
        ],
        'en',
      ),
    });
    expect(complete(all(true), ['a', 'b'])).toBe(true);
    expect(complete(all(false), ['a', 'b'])).toBe(false);
    expect(complete(all(true), ['a', 'b', 'c'])).toBe(false);
    expect(complete(null, ['a'])).toBe(false);
  });
});
