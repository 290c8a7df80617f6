import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

// docs/TERMINOLOGY.md is the reference for Quayside's Chinese terms. Its table's "Quayside uses"
// and "Banned" columns hold terms in backticks; no banned variant may appear in any Chinese text.

interface Row {
  english: string;
  approved: string[];
  banned: string[];
}

function backticked(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
}

function readTable(): Row[] {
  const lines = readFileSync('docs/TERMINOLOGY.md', 'utf8').split('\n');
  const header = lines.findIndex((l) => /^\|\s*English\s*\|/.test(l));
  if (header < 0) throw new Error('docs/TERMINOLOGY.md has no table with an English column');
  const rows: Row[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1);
    rows.push({
      english: (cells[0] ?? '').trim(),
      approved: backticked(cells[1] ?? ''),
      banned: backticked(cells[2] ?? ''),
    });
  }
  return rows;
}

/** Every string under a `zh-cn` key, at any depth. */
function zhTexts(value: unknown, out: string[] = [], zh = false): string[] {
  if (typeof value === 'string') {
    if (zh) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) zhTexts(item, out, zh);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) zhTexts(item, out, zh || key === 'zh-cn');
  }
  return out;
}

/** Every string value in a JSON document (the zh-CN interface strings). */
function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) allStrings(item, out);
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** Chinese content by source: lessons, quizzes and exercises, interface strings. */
function sources(): { name: string; text: string }[] {
  // A lesson's `searchTerms` are what learners type, banned variants included on purpose; never shown.
  const lessons = readdirSync('lessons/zh-cn')
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => ({
      name: `lessons/zh-cn/${f}`,
      text: readFileSync(join('lessons/zh-cn', f), 'utf8').replace(/^searchTerms:\n(?: {2}- .*\n)*/m, ''),
    }));
  const exercises = yamlFiles('exercises').map((path) => ({
    name: path,
    text: zhTexts(parseYaml(readFileSync(path, 'utf8'))).join('\n'),
  }));
  const ui = {
    name: 'src/content/i18n/zh-CN.json',
    text: allStrings(JSON.parse(readFileSync('src/content/i18n/zh-CN.json', 'utf8'))).join('\n'),
  };
  return [...lessons, ...exercises, ui];
}

/** Lines of `text` with a banned variant, after removing the row's approved terms that contain it. */
function offences(text: string, row: Row, banned: string): string[] {
  const covering = row.approved.filter((term) => term.includes(banned)).sort((a, b) => b.length - a.length);
  return text.split('\n').filter((line) => {
    let rest = line;
    for (const term of covering) rest = rest.split(term).join('');
    return rest.includes(banned);
  });
}

describe('Chinese terminology (docs/TERMINOLOGY.md)', () => {
  const table = readTable();
  const content = sources();

  it('has a table of terms, each with a term Quayside uses', () => {
    expect(table.length).toBeGreaterThan(10);
    for (const row of table) expect(row.approved.length, row.english).toBeGreaterThan(0);
    for (const need of ['registry', 'repository', 'microVM', 'side channel', 'OCI', 'hypervisor']) {
      expect(
        table.some((row) => row.english.toLowerCase().startsWith(need.toLowerCase())),
        need,
      ).toBe(true);
    }
  });

  it('reads Chinese text from the lessons, the quizzes and exercises, and the interface strings', () => {
    expect(content.filter((c) => c.name.startsWith('lessons/zh-cn/')).length).toBeGreaterThan(10);
    expect(content.some((c) => c.name.includes('quizzes/') && c.text.length > 1000)).toBe(true);
    expect(content.some((c) => c.name.endsWith('zh-CN.json') && c.text.length > 100)).toBe(true);
  });

  it('finds a banned variant when it is there, and not inside an approved term', () => {
    const registry = table.find((row) => row.english.startsWith('registry'));
    expect(registry).toBeDefined();
    if (!registry) return;
    expect(offences('推送到镜像仓库', registry, '镜像仓库')).toHaveLength(1);
    expect(offences('Registry（镜像仓库服务）', registry, '镜像仓库')).toHaveLength(0);
  });

  for (const row of table) {
    for (const banned of row.banned) {
      it(`never writes 「${banned}」 (${row.english}: ${row.approved.join(' / ')})`, () => {
        const found = content.flatMap((c) =>
          offences(c.text, row, banned).map((line) => `${c.name}: ${line.trim()}`),
        );
        expect(found).toEqual([]);
      });
    }
  }
});
