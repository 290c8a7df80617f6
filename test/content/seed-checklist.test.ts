import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

/**
 * docs/SEED-CHECKLIST.md says where the course teaches each concept of its source documents, as
 * "5 Images › Layers" (lesson number, title, `##` or `###` section). These tests keep those places
 * real as lessons are renumbered and rewritten, and keep the status line equal to the tables.
 */
const checklist = readFileSync('docs/SEED-CHECKLIST.md', 'utf8');

/** Every place a checklist may name: "N Title › Section", "N Title › (introduction)", for each page. */
function knownLocations(): Set<string> {
  const places = new Set<string>();
  for (const file of readdirSync('lessons').filter((f) => f.endsWith('.mdx'))) {
    const source = readFileSync(join('lessons', file), 'utf8');
    const head = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
    const { title, lesson } = parseYaml(head) as { title: string; lesson?: number };
    const page = lesson === undefined ? title : `${lesson} ${title}`;
    places.add(`${page} › (introduction)`);
    const prose = source.replace(/^```[\s\S]*?^```/gm, '');
    for (const [, heading] of prose.matchAll(/^#{2,3} (.+)$/gm)) places.add(`${page} › ${heading}`);
  }
  return places;
}

const known = [...knownLocations()].sort((a, b) => b.length - a.length);

/**
 * Reads a run of locations ("A; B (in passing); C (aside "…")") from the start of `text`, longest
 * known place first, since a heading may itself hold "; ". Returns the places and whatever is left.
 */
function readLocations(text: string): { places: string[]; rest: string } {
  const places: string[] = [];
  let rest = text;
  for (;;) {
    const place = known.find((p) => rest.startsWith(p));
    if (!place) return { places, rest };
    places.push(place);
    rest = rest.slice(place.length).replace(/^ \([^()]*\)/, '');
    if (!rest.startsWith('; ')) return { places, rest };
    rest = rest.slice(2);
  }
}

interface Row {
  seed: string;
  concept: string;
  where: string;
}

function rows(): Row[] {
  const found: Row[] = [];
  let seed = '';
  for (const line of checklist.split('\n')) {
    const heading = /^## (\d{3}_\w+\.txt)/.exec(line);
    if (heading?.[1]) seed = heading[1];
    else if (line.startsWith('## ')) seed = '';
    if (!seed || !line.startsWith('| ') || line.startsWith('| Concept') || line.startsWith('| ---')) continue;
    const [concept = '', where = ''] = line.slice(2).split(' | ');
    found.push({ seed, concept, where });
  }
  return found;
}

const table = rows();

describe('docs/SEED-CHECKLIST.md', () => {
  it('lists concepts from all five seeds', () => {
    expect(new Set(table.map((r) => r.seed)).size).toBe(5);
    expect(table.length).toBeGreaterThan(200);
  });

  it.each(table.map((r) => [`${r.seed.slice(0, 3)}: ${r.concept.slice(0, 60)}`, r.where]))(
    'names only sections that exist: %s',
    (_, where) => {
      const uncovered = /^not covered(?: \(closest: (.+)\))?$/.exec(where);
      const listed = uncovered ? (uncovered[1] ?? '') : where;
      const { places, rest } = readLocations(listed);
      expect(rest, `unknown place in "${where}"`).toBe('');
      if (!uncovered) expect(places.length).toBeGreaterThan(0);
    },
  );

  it('names only sections that exist in its list of corrections', () => {
    const corrections = checklist.slice(checklist.indexOf('## Corrections the course makes'));
    const items = [...corrections.matchAll(/^- (?:\*\*)?(.+)$/gm)].map((m) => m[1] ?? '');
    expect(items.length).toBeGreaterThan(20);
    const unknown = items.filter((item) => readLocations(item).places.length === 0);
    expect(unknown).toEqual([]);
  });

  it('counts in its status line what the tables say', () => {
    const kinds = table.map(({ where }) =>
      where.startsWith('not covered')
        ? 'uncovered'
        : where.startsWith(`${readLocations(where).places[0]} (in passing)`)
          ? 'passing'
          : 'taught',
    );
    const count = (kind: string) => kinds.filter((k) => k === kind).length;
    const status =
      /\*\*Status:\*\* (\d+) concepts[^.]*\. (\d+) are taught \((\d+) of them only in\s+passing\),[^.]*\s(\d+) (?:is|are) covered by no lesson\./.exec(
        checklist,
      );
    expect(status, 'the status line reads as before').not.toBeNull();
    expect(status?.slice(1).map(Number)).toEqual([
      table.length,
      count('taught') + count('passing'),
      count('passing'),
      count('uncovered'),
    ]);
  });
});
