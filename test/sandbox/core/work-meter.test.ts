import { describe, expect, it } from 'vitest';
import { BudgetExceeded, WorkMeter } from '../../../src/sandbox/core/work-meter';
import { Sandbox } from '../../../src/sandbox/sandbox';

describe('WorkMeter', () => {
  it('stops a line after its steps, and stays stopped until the next line', () => {
    const meter = new WorkMeter({ lineSteps: 3 });
    for (let i = 0; i < 3; i++) meter.step();
    expect(() => meter.step()).toThrow(BudgetExceeded);
    expect(() => meter.output(1)).toThrow(BudgetExceeded);
    meter.startLine();
    expect(() => meter.step()).not.toThrow();
  });

  it('keeps counting the whole session across lines', () => {
    const meter = new WorkMeter({ lineSteps: 10, totalSteps: 15 });
    for (let i = 0; i < 10; i++) meter.step();
    meter.startLine();
    for (let i = 0; i < 5; i++) meter.step();
    expect(() => meter.step()).toThrow(/15 steps in one session/);
    expect(meter.total).toBe(16);
  });

  it('limits nesting and string sizes', async () => {
    const meter = new WorkMeter({ depth: 2, stringLength: 4 });
    const deep = (n: number): Promise<number> =>
      meter.nested(() => (n === 0 ? Promise.resolve(0) : deep(n - 1)));
    await expect(deep(1)).resolves.toBe(0);
    await expect(deep(2)).rejects.toThrow('maximum function nesting level exceeded (2)');
    expect(meter.string('abcd')).toBe('abcd');
    expect(() => meter.string('abcde')).toThrow(BudgetExceeded);
  });
});

describe('a sandbox under its budget', () => {
  it('stops a runaway loop with a clear message and status 152, then carries on', async () => {
    const sandbox = Sandbox.create({ seed: 1 });
    const out = await sandbox.run(
      'for i in $(seq 1000); do for j in $(seq 1000); do :; done; done; echo never',
    );
    expect(out).toBe('bash: CPU time limit exceeded (the lab stops a command line after 100000 steps)\n');
    expect(sandbox.lastStatus()).toBe(152);
    expect(await sandbox.run('echo $?; echo next')).toBe('152\nnext\n');
  });

  it('stops a script that runs itself, and a string that doubles forever', async () => {
    const sandbox = Sandbox.create({ seed: 1 });
    await sandbox.run('echo "sh s.sh; sh s.sh" > s.sh');
    expect(await sandbox.run('sh s.sh')).toBe('bash: maximum function nesting level exceeded (200)\n');
    expect(await sandbox.run('x=a; while true; do x=$x$x; done')).toBe(
      'bash: xmalloc: cannot allocate more than 8388608 bytes for one string\n',
    );
    expect(sandbox.lastStatus()).toBe(2);
  });

  it('stops at the same point every time (the browser and the grader agree)', async () => {
    const run = async () => {
      const sandbox = Sandbox.create({ seed: 3 });
      await sandbox.run('n=0; while true; do n=$((n+1)); echo $n > count; done');
      return sandbox.run('cat count');
    };
    const [a, b] = [await run(), await run()];
    expect(a).toBe(b);
    expect(Number(a)).toBeGreaterThan(1000);
  });

  it('refuses to grow a file past the largest the sandbox keeps', async () => {
    const sandbox = Sandbox.create({ seed: 1 });
    const out = await sandbox.run(
      'printf "%01000000d" 0 > f; for i in $(seq 40); do cat f f > g; mv g f; done; ls -l f | cut -d" " -f5',
    );
    expect(out).toContain('File too large');
  });
});

describe('the page and the server stop a line at the same point', () => {
  // The page paces virtual time with real time and can be interrupted; a replay cannot. Both must
  // end a runaway line where the other does, or a replay grades a state the learner never had.
  const LINES = [
    'while true; do echo x >> busy.txt; done; echo after',
    'while :; do n=$((n+1)); done',
    'while true; do date >> waits.txt; sleep 1; done',
    'wc -l busy.txt waits.txt; echo "n=$n"',
  ];

  it('gives the same output and state with and without pacing', async () => {
    const replay = Sandbox.create({ seed: 3 });
    const page = Sandbox.create({ seed: 3, pace: async () => {} });
    const replayed: string[] = [];
    const paced: string[] = [];
    for (const line of LINES) {
      replayed.push(await replay.run(line));
      paced.push(await page.run(line));
    }
    expect(paced).toEqual(replayed);
    expect(page.stateHash()).toBe(replay.stateHash());
    expect(replayed[0]).toContain('CPU time limit exceeded');
    expect(replayed[1]).toContain('CPU time limit exceeded');
    // Waiting is not work: the waiting loop ends after its waits, as if interrupted, with no message.
    expect(replayed[2]).toBe('');
    expect(replayed[3]).toMatch(/^ +\d+ busy\.txt\n +5001 waits\.txt\n +\d+ total\nn=\d+\n$/);
    // Each sandbox runs its lines to their whole work budget: seconds of CPU, more on a shared machine.
  }, 30_000);
});
