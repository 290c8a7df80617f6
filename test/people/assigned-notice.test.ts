import { describe, expect, it } from 'vitest';
import { type Assigned, type AssignedPlace, assignedLines } from '../../src/people/assigned-notice';

const labels = {
  title: 'Assigned to you',
  due: '“{title}”, in {class}, is due {date}.',
  noDue: '“{title}”, in {class}, has no due date.',
  elsewhere: 'Practice here does not count toward your grade.',
  link: 'Go to the assignment',
};
const place = (lang: 'en' | 'zh-cn'): AssignedPlace => ({
  kind: 'exercise',
  contentId: 'first-web-server',
  lang,
  labels,
});
const assigned = (over: Partial<Assigned>): Assigned => ({
  id: 'a1',
  kind: 'exercise',
  contentId: 'first-web-server',
  title: 'Web server',
  className: 'Machines',
  effectiveDueAt: null,
  ...over,
});

describe('assignedLines', () => {
  it('says nothing of what is not this exercise', () => {
    expect(
      assignedLines([assigned({ kind: 'quiz' }), assigned({ contentId: 'volumes' })], place('en')),
    ).toEqual([]);
  });

  it('names the assignment and its class, links to it in the page’s language, with or without a due date', () => {
    const lines = assignedLines(
      [assigned({}), assigned({ id: 'a2', effectiveDueAt: '2026-12-24T12:00:00Z' })],
      place('zh-cn'),
    );
    expect(lines[0]).toEqual({
      text: '“Web server”, in Machines, has no due date.',
      href: '/zh-cn/assignments/a1/',
    });
    expect(lines[1]?.href).toBe('/zh-cn/assignments/a2/');
    expect(lines[1]?.text).toMatch(/^“Web server”, in Machines, is due .*2026/);
  });
});
