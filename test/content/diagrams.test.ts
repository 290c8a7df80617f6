import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = 'src/diagrams';
const files = readdirSync(dir).filter((f) => f.endsWith('.svg'));
const css = readFileSync('src/styles/quayside.css', 'utf8');
const styled = new Set([...css.matchAll(/\.(dg-[a-z-]+)/g)].map((m) => m[1]));

describe('diagrams', () => {
  it('come in both languages', () => {
    const names = (lang: string) =>
      files
        .filter((f) => f.endsWith(`.${lang}.svg`))
        .map((f) => f.slice(0, -`.${lang}.svg`.length))
        .sort();
    expect(names('zh-cn')).toEqual(names('en'));
  });

  it.each(files)('%s draws only with styled classes, so both themes colour every shape', (file) => {
    const svg = readFileSync(`${dir}/${file}`, 'utf8');
    const shapes = [
      ...svg.matchAll(/<(?:rect|line|path|circle|ellipse|polygon|polyline|text)\b[^>]*class="([^"]+)"/g),
    ];
    const unstyled = shapes.flatMap((m) => (m[1] as string).split(/\s+/)).filter((c) => !styled.has(c));
    expect(unstyled).toEqual([]);
  });
});
