/**
 * Sandbox engine benchmark: commands per second on a mixed learner workload, and the time to
 * replay a 1,000-line transcript from a fresh sandbox (what the server re-grader does).
 * Prints medians of several runs; the figures go to docs/PERFORMANCE.md.
 */
import { Sandbox } from '../src/sandbox/sandbox.ts';
import { median } from './support/median.ts';

const MIX = [
  'ls -la /etc',
  'echo hello > /tmp/a.txt && cat /tmp/a.txt',
  'docker ps -a',
  'docker images',
  'docker run --rm alpine echo hi',
  'uname -r',
  'for i in 1 2 3; do echo $i; done | wc -l',
  'docker inspect -f "{{.State.Status}}" web',
  'curl -s localhost:8080 | head -n 1',
  'free -m',
];

/**
 * Processes that run on the clock while the learner types: three loops logging every second and a
 * health-checked server; with a `sleep 2` every tenth line, 200 s of virtual time pass.
 */
const BACKGROUND = [
  ...[1, 2, 3].map((i) => `docker run -d --name tick${i} alpine sh -c 'while true; do date; sleep 1; done'`),
  `docker run -d --name checked --health-cmd 'wget -q -O /dev/null http://localhost/' --health-interval 5s nginx`,
];

function transcript(lines: number, background = false): string {
  const out = ['docker pull alpine', 'docker run -d --name web -p 8080:80 nginx'];
  if (background) out.push(...BACKGROUND);
  for (let i = 0; out.length < lines; i++)
    out.push(background && i % 10 === 9 ? 'sleep 2' : (MIX[i % MIX.length] as string));
  return `${out.join('\n')}\n`;
}

async function replay(lines: number, background = false): Promise<number> {
  const started = performance.now();
  const sandbox = Sandbox.create({ seed: 'bench' });
  await sandbox.run(transcript(lines, background));
  return performance.now() - started;
}

const runs = Number(process.env.BENCH_RUNS ?? 7);
await replay(200); // warm-up: JIT and the catalogue's layer digests
const times: number[] = [];
for (let i = 0; i < runs; i++) times.push(await replay(1000));
const ms = median(times);
await replay(200, true);
const withBackground: number[] = [];
for (let i = 0; i < runs; i++) withBackground.push(await replay(1000, true));
const result = {
  benchmark: 'sandbox',
  runs,
  replay1000LinesMs: Math.round(ms),
  replay1000LinesWithBackgroundMs: Math.round(median(withBackground)),
  commandsPerSecond: Math.round(1000 / (ms / 1000)),
  minMs: Math.round(Math.min(...times)),
  maxMs: Math.round(Math.max(...times)),
};
console.log(JSON.stringify(result));
