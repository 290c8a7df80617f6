import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

// Expected text is what bash 5.2 printed for the same lines in an interactive shell on a terminal
// (`script -c 'bash --norc -i'`), PIDs aside.
describe('job control in the learner shell', () => {
  const session = () => Sandbox.create({ seed: 7, tty: true });

  it('starts a job, lists it, and reports it done before the next prompt', async () => {
    const s = session();
    expect(await s.run('sleep 3 &')).toMatch(/^\[1\] \d+\n$/);
    const pid = (await s.run('echo $!')).trim();
    expect(await s.run('jobs')).toBe('[1]+  Running                 sleep 3 &\n');
    expect(await s.run('jobs -l')).toBe(`[1]+ ${pid} Running                 sleep 3 &\n`);
    expect(await s.run('ps -ef')).toMatch(new RegExp(`learner +${pid} .* sleep 3\n`));
    expect(await s.run('sleep 5')).toBe('[1]+  Done                    sleep 3\n');
    expect(await s.run('jobs')).toBe('');
  });

  it('kills a job by its job spec, and says how it ended', async () => {
    const s = session();
    await s.run('sleep 9 &');
    await s.run('sleep 8 &');
    expect(await s.run('jobs')).toBe(
      '[1]-  Running                 sleep 9 &\n[2]+  Running                 sleep 8 &\n',
    );
    expect(await s.run('kill %1 %2')).toBe('');
    expect(await s.run('true')).toBe(
      '[1]-  Terminated              sleep 9\n[2]+  Terminated              sleep 8\n',
    );
    await s.run('sleep 5 &');
    await s.run('kill -9 %1');
    expect(await s.run('true')).toBe('[1]+  Killed                  sleep 5\n');
    expect(await s.run('kill %3; echo $?')).toBe('bash: kill: %3: no such job\n1\n');
  });

  it('waits for jobs and gives their status', async () => {
    const s = session();
    const out = await s.run('sleep 2 & sleep 1 & wait; echo all');
    expect(out).toMatch(
      /^\[1\] \d+\n\[2\] \d+\n\[1\]- {2}Done {20}sleep 2\n\[2\]\+ {2}Done {20}sleep 1\nall\n$/,
    );
    await s.run('(exit 3) &');
    expect(await s.run('wait %1; echo st $?')).toBe('[1]+  Exit 3                  (exit 3)\nst 3\n');
    expect(await s.run('wait %5; echo $?')).toBe('bash: wait: %5: no such job\n127\n');
    expect(await s.run('wait 99999; echo $?')).toBe(
      'bash: wait: pid 99999 is not a child of this shell\n127\n',
    );
    expect(await s.run('fg')).toBe('bash: fg: current: no such job\n');
    const before = Number((await s.run('date +%s')).trim());
    expect(await s.run('sleep 4 &\nfg')).toMatch(/^\[1\] \d+\nsleep 4\n$/);
    expect(Number((await s.run('date +%s')).trim()) - before).toBeGreaterThanOrEqual(4);
  });

  it('lets background output reach the terminal as the clock moves', async () => {
    const s = session();
    await s.run('(sleep 2; echo late) &');
    expect(await s.run('echo now')).toBe('now\n');
    expect(await s.run('sleep 3')).toBe('late\n[1]+  Done                    (sleep 2; echo late)\n');
  });

  it('keeps, lists and resets traps', async () => {
    const s = session();
    expect(await s.run('trap "echo got" TERM USR1; trap')).toBe(
      "trap -- 'echo got' SIGUSR1\ntrap -- 'echo got' SIGTERM\n",
    );
    expect(await s.run('trap -p TERM')).toBe("trap -- 'echo got' SIGTERM\n");
    expect(await s.run('trap - TERM; trap')).toBe("trap -- 'echo got' SIGUSR1\n");
    expect(await s.run('trap x FOO; echo $?')).toBe('bash: trap: FOO: invalid signal specification\n1\n');
  });

  it('runs a trap when a signal reaches a script waiting on its job, and the EXIT trap at its end', async () => {
    const s = session();
    await s.run(
      `printf '%s\\n' 'trap "echo caught TERM; exit 3" TERM' 'trap "echo bye" EXIT' 'sleep 100 &' 'wait $!' > w.sh`,
    );
    await s.run('bash w.sh &');
    const out = await s.run('sleep 1; kill %1; sleep 1');
    expect(out).toBe('caught TERM\nbye\n[1]+  Exit 3                  bash w.sh\n');
  });
});
