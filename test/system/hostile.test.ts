import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { ENGINE_VERSION } from '../../src/sandbox/sandbox';
import { freePort } from '../setup/port';
import { address, Browser, send } from './http';
import {
  assertStored,
  createInstructor,
  freshStore,
  percentile,
  report,
  startServer,
  stopServer,
} from './server';

const LEARNERS = 100;
const password = 'a hostile-test password';

const evidence = (lines: string[]) => ({
  exercise: 'out-of-memory',
  exerciseVersion: 1,
  engine: ENGINE_VERSION,
  transcript: lines.map((text) => ({ type: 'input', text })),
});
const loop = 'for i in $(seq 1000); do for j in $(seq 1000); do :; done; done';
/** What an attacker sends to the public grader, over and over, while the class submits. */
const HOSTILE: unknown[] = [
  evidence([loop]),
  evidence(Array(10).fill(loop)),
  evidence(['echo "sh s.sh; sh s.sh" > s.sh', 'sh s.sh']),
  evidence(["printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n' | grep -E '^(a+)+$'"]),
  evidence(['x=a; while true; do x=$x$x; done']),
  evidence(Array(10_000).fill('docker run -d --name x alpine true')),
  evidence(Array(5_000).fill('docker run alpine true')),
];

describe.each(['pglite', 'postgres'] as const)('a class at the deadline, under attack, on %s', (kind) => {
  it(`${LEARNERS} honest learners and an attacker: health stays fast, no 5xx but 503, every acknowledged submission stored once`, async () => {
    const store = await freshStore(kind, inject('databaseUrl'));
    createInstructor(store, 'hostile@example.com', password);
    const server = await startServer(store, await freePort());
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const health: number[] = [];
    let attacking = true;
    const acks: { key: string }[] = [];
    let probe: ChildProcessWithoutNullStreams | undefined;
    try {
      const teacher = new Browser(server.base, address(0));
      await teacher.post('/api/auth/login', { email: 'hostile@example.com', password });
      const klass = (await teacher.post('/api/classes', { name: 'Deadline' })).body.class as {
        id: string;
        joinCode: string;
      };
      const assignment = async (kind: string, contentId: string) =>
        (
          (await teacher.post(`/api/classes/${klass.id}/assignments`, { kind, contentId })).body
            .assignment as { id: string }
        ).id;
      const exercise = await assignment('exercise', 'out-of-memory');
      const quiz = await assignment('quiz', 'final-assessment');
      const learners = await Promise.all(
        Array.from({ length: LEARNERS }, async (_, i) => {
          const browser = new Browser(server.base, address(1 + i));
          const email = `learner${i}@example.com`;
          expect(
            (await browser.post('/api/auth/signup', { email, name: `Learner ${i}`, password })).status,
          ).toBe(202);
          expect((await browser.post('/api/auth/login', { email, password })).status).toBe(200);
          expect((await browser.post('/api/classes/join', { code: klass.joinCode })).status).toBe(201);
          return browser;
        }),
      );

      probe = spawn(process.execPath, ['test/system/health-probe.mjs', server.base], {
        stdio: 'pipe',
      });
      const probed = new Promise<number[]>((resolve) => {
        let out = '';
        probe?.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        probe?.on('exit', () => resolve(JSON.parse(out || '[]')));
      });
      const attacker = new Browser(server.base, address(900));
      const attack = (async () => {
        const machine = await attacker.post('/api/real-machine/container-from-scratch/verify', {
          input: `sleep 999999\r${'\r'.repeat(19_987)}`,
        });
        count(machine.status);
        for (let round = 0; attacking && round < 20; round++) {
          for (const body of HOSTILE)
            count((await attacker.post('/api/exercises/out-of-memory/verify', body)).status);
          const big = await send(`${server.base}/api/exercises/out-of-memory/verify`, {
            headers: { 'content-type': 'application/json', origin: server.base },
            body: Buffer.alloc(2_000_000, 0x20),
            from: attacker.from,
          });
          count(big.status);
          count(
            (
              await attacker.post('/api/exercises/out-of-memory/verify', {
                transcript: [{ type: 'input', text: 'a\u0000' }],
              })
            ).status,
          );
          const malformed = await send(`${server.base}/api/auth/signup`, {
            headers: { 'content-type': 'application/json', origin: server.base },
            body: '{"email":"\\ud800@x.example","name":"x","password":"0000-00-00"}',
            from: attacker.from,
          });
          count(malformed.status);
        }
      })();

      const started = performance.now();
      await Promise.all(
        learners.map(async (browser, i) => {
          for (const [path, body] of [
            [
              `/api/assignments/${exercise}/submissions`,
              evidence(['docker run --name hog -m 64m alpine tail /dev/zero']),
            ],
            [
              `/api/assignments/${quiz}/submissions`,
              { answers: { 'rebuild-for-guest': { value: i % 2 === 0 } } },
            ],
          ] as const) {
            const key = randomUUID();
            for (;;) {
              const response = await browser.post(path, { idempotencyKey: key, evidence: body });
              count(response.status);
              if (response.status === 201 || response.status === 200) {
                acks.push({ key });
                break;
              }
              // The documented answer of a full grader: try again later.
              expect(response.status).toBe(503);
              await new Promise((r) => setTimeout(r, 500));
            }
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      attacking = false;
      probe.stdin.end();
      await attack;
      health.push(...(await probed));
      report(`hostile-${kind}`, {
        submissions: acks.length,
        perSecond: Math.round((acks.length / seconds) * 10) / 10,
        healthP50Ms: Math.round(percentile(health, 50)),
        healthP99Ms: Math.round(percentile(health, 99)),
        healthChecks: health.length,
      });
    } finally {
      attacking = false;
      probe?.kill();
      await stopServer(server.process);
    }
    expect(acks).toHaveLength(LEARNERS * 2);
    const errors = [...statuses.entries()].filter(([status]) => status >= 500 && status !== 503);
    expect(errors).toEqual([]);
    expect(health.filter((ms) => ms < 0)).toEqual([]);
    expect(percentile(health, 99)).toBeLessThanOrEqual(250);
    await assertStored(store, acks);
  }, 600_000);
});
