import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { siteConfig } from '../../src/config';
import { pageActivities } from '../../src/progress/activities';
import { courseOutline } from '../../src/progress/course';

const ids = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();

describe('pageActivities', () => {
  it('finds exercises of labs and the real machine, and quizzes, each once, in page order', () => {
    const mdx = [
      '<Lab id="free" setup={[\'docker pull -q alpine\']} />',
      '<Lab\n  id="graded"\n  exercise="first-web-server"\n/>',
      '<RealMachine id="scratch" exercise="container-from-scratch" />',
      '<Quiz id="why-isolate" />',
      '<Lab id="again" exercise="first-web-server" />',
    ].join('\n\n');
    expect(pageActivities(mdx)).toEqual({
      exercises: ['first-web-server', 'container-from-scratch'],
      quizzes: ['why-isolate'],
    });
    expect(pageActivities('# Glossary\n\nNo labs here.')).toEqual({ exercises: [], quizzes: [] });
  });
});

describe('courseOutline', () => {
  it('lists the course in the sidebar’s order, in both languages, with the same activities', () => {
    const en = courseOutline('en');
    const zh = courseOutline('zh-cn');
    expect(en.map((p) => p.slug)).toEqual(siteConfig.course);
    expect(zh.map((p) => p.slug)).toEqual(siteConfig.course);
    for (const [i, page] of en.entries()) {
      expect(zh[i]?.exercises, page.slug).toEqual(page.exercises);
      expect(zh[i]?.quizzes, page.slug).toEqual(page.quizzes);
      expect(zh[i]?.title, page.slug).not.toBe('');
    }
  });

  it('asks for every exercise and every quiz on exactly one page, so each can complete the course', () => {
    const en = courseOutline('en');
    const exercises = en.flatMap((p) => p.exercises).sort();
    const quizzes = en.flatMap((p) => p.quizzes).sort();
    expect(exercises).toEqual([...ids('exercises'), ...ids('exercises/real-machine')].sort());
    expect(quizzes).toEqual(ids('exercises/quizzes'));
  });
});
