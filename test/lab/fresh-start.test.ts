import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildFresh, freshStart, restoreFresh } from '../../src/lab/fresh-start';
import type { LabScenario } from '../../src/lab/protocol';

/** Every lab scenario the course has: each exercise's, and each lesson lab's `setup` (seed 'lab'). */
function scenarios(): { name: string; scenario: LabScenario }[] {
  const found: { name: string; scenario: LabScenario }[] = [];
  for (const file of readdirSync('exercises').filter((f) => f.endsWith('.yaml'))) {
    const exercise = parse(readFileSync(`exercises/${file}`, 'utf8'));
    const s = exercise.scenario ?? {};
    found.push({
      name: file,
      scenario: {
        seed: s.seed ?? exercise.id,
        setup: s.setup ?? [],
        ...(s.machine ? { machine: s.machine } : {}),
      },
    });
  }
  for (const file of readdirSync('lessons').filter((f) => f.endsWith('.mdx'))) {
    const text = readFileSync(`lessons/${file}`, 'utf8');
    for (const lab of text.matchAll(/<Lab id="([a-z0-9-]+)" setup=\{\[([^\]]*)\]\}/g))
      found.push({
        name: `${file}#${lab[1]}`,
        scenario: {
          seed: 'lab',
          setup: [...(lab[2] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1] as string),
        },
      });
  }
  return found;
}

// What a learner types first, touching the clock, the random source, images, containers and files.
const PROBE = [
  'docker ps -a',
  'docker images',
  'ls -la',
  'date',
  'echo $RANDOM $RANDOM',
  'docker run --rm alpine echo hi',
  'docker run -d --name probe nginx',
  'docker ps',
  'cat /proc/uptime',
];

describe('a lab restored from its build-time fresh start', () => {
  const all = scenarios();

  it('finds the course labs', () => {
    expect(all.length).toBeGreaterThan(25);
  });

  it('prints the same bytes and reaches the same state as one built from scratch', {
    timeout: 60_000,
  }, async () => {
    let restored = 0;
    for (const { name, scenario } of all) {
      const start = await freshStart(scenario);
      if (!start) continue;
      // Through JSON, as the page carries it.
      const fromData = restoreFresh(JSON.parse(JSON.stringify(start)), { tty: true, columns: 100 });
      const built = await buildFresh(scenario, { tty: true, columns: 100 });
      expect(fromData.transcript, name).toEqual(built.transcript);
      for (const line of PROBE)
        expect(await fromData.run(line), `${name}: ${line}`).toBe(await built.run(line));
      expect(fromData.stateHash(), name).toBe(built.stateHash());
      restored++;
    }
    expect(restored).toBeGreaterThan(20);
  });

  it('is left to the worker to build when the set-up leaves processes running', async () => {
    const start = await freshStart({
      seed: 'live',
      setup: ['docker run -d --name loop alpine sh -c "while true; do sleep 1; done"'],
    });
    expect(start).toBeUndefined();
  });
});
