import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { siteConfig } from '../../src/config';
import { lessonFrontmatter } from '../../src/schemas/lesson';

const root = 'lessons';
const english = readdirSync(root).filter((f) => /\.mdx?$/.test(f));
const chinese = readdirSync(join(root, 'zh-cn')).filter((f) => /\.mdx?$/.test(f));

function frontmatter(path: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path, 'utf8'));
  if (!match?.[1]) throw new Error(`${path} has no frontmatter`);
  return parseYaml(match[1]);
}

function body(path: string): string {
  return readFileSync(path, 'utf8').replace(/^---\n[\s\S]*?\n---/, '');
}

describe('lesson content', () => {
  it('has every English page in Simplified Chinese too', () => {
    expect(chinese.sort()).toEqual(english.sort());
  });

  it.each([...english.map((f) => join(root, f)), ...chinese.map((f) => join(root, 'zh-cn', f))])(
    '%s has valid lesson frontmatter',
    (path) => {
      const data = frontmatter(path);
      expect(typeof data.title).toBe('string');
      expect(lessonFrontmatter.safeParse(data).success).toBe(true);
    },
  );

  it('numbers each lesson once, the same in both languages', () => {
    const numbers = (dir: string, files: string[]) =>
      Object.fromEntries(files.map((f) => [f, frontmatter(join(dir, f)).lesson]));
    expect(numbers(join(root, 'zh-cn'), chinese)).toEqual(numbers(root, english));
    const used = english.map((f) => frontmatter(join(root, f)).lesson).filter((n) => n !== undefined);
    expect(new Set(used).size).toBe(used.length);
  });

  const numbered = english.filter((f) => frontmatter(join(root, f)).lesson !== undefined);
  const pages = (file: string) => [join(root, file), join(root, 'zh-cn', file)];
  const labs = (path: string) => [...body(path).matchAll(/<Lab\s+id="([^"]+)"(?:\s+exercise="([^"]+)")?/g)];

  it.each(numbered.flatMap(pages))(
    '%s has a diagram with a text alternative, a lab, an exercise and a quiz',
    (path) => {
      const text = body(path);
      const diagrams = [...text.matchAll(/<Diagram\s+name="([^"]+)"\s+alt="([^"]{40,})"/g)];
      expect(diagrams.length).toBeGreaterThan(0);
      for (const [, name] of diagrams) expect(existsSync(`src/diagrams/${name}.en.svg`)).toBe(true);
      expect(labs(path).length).toBeGreaterThan(0);
      const exercises = labs(path).flatMap(([, , exercise]) => (exercise ? [exercise] : []));
      expect(exercises.length).toBeGreaterThan(0);
      for (const exercise of exercises) expect(existsSync(`exercises/${exercise}.yaml`)).toBe(true);
      const quizzes = [...text.matchAll(/<Quiz\s+id="([^"]+)"/g)].map((m) => m[1]);
      expect(quizzes).toEqual([
        path
          .split('/')
          .pop()
          ?.replace(/\.mdx?$/, ''),
      ]);
      expect(existsSync(`exercises/quizzes/${quizzes[0]}.yaml`)).toBe(true);
    },
  );

  it.each(numbered)('%s has the same labs and exercises in both languages', (file) => {
    const [en, zh] = pages(file).map((path) => labs(path as string).map((m) => m.slice(1).join(':')));
    expect(zh).toEqual(en);
  });

  it('lists every numbered lesson in the sidebar, in lesson order', () => {
    // The sidebar opens with the overview, then lists the course as src/config.ts orders it.
    const config = readFileSync('astro.config.mjs', 'utf8');
    expect(config).toContain("{ slug: 'index', label: 'Overview'");
    expect(config).toContain('...siteConfig.course.map((slug) => ({ slug }))');
    const sidebar = siteConfig.course;
    expect(sidebar.at(-1)).toBe('final-assessment');
    // Unnumbered pages (the real-machine lab) may sit between lessons; the lessons keep their order.
    const lessons = sidebar
      .slice(0, -1)
      .filter((slug) => numbered.some((f) => f.replace(/\.mdx?$/, '') === slug));
    const byNumber = [...numbered]
      .sort((a, b) => Number(frontmatter(join(root, a)).lesson) - Number(frontmatter(join(root, b)).lesson))
      .map((f) => f.replace(/\.mdx?$/, ''));
    expect(lessons).toEqual(byNumber);
  });

  // A line break inside a Chinese paragraph renders as a space between two characters.
  it.each(chinese)('zh-cn/%s never breaks a line between two Chinese characters', (file) => {
    const lines = body(join(root, 'zh-cn', file)).split('\n');
    const broken = lines.flatMap((line, i) => {
      const next = lines[i + 1] ?? '';
      return /[\u4e00-\u9fff，。；：、）]$/.test(line) && /^[\u4e00-\u9fff（“]/.test(next.trim())
        ? [i + 1]
        : [];
    });
    expect(broken).toEqual([]);
  });
});
