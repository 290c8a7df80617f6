import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../src/sandbox/sandbox';

const SESSION = [
  'docker pull alpine',
  'docker run -d --name web -p 8080:80 nginx',
  'curl -s localhost:8080 | head -n 4',
  'docker ps',
  'docker run --rm alpine sh -c "echo $((6*7)) > /tmp/x; cat /tmp/x"',
  'mkdir -p demo && cd demo && echo hi > a.txt && ls -l',
  'docker stop web && docker rm web',
].join('\n');

describe('determinism', () => {
  it('replays the same session to the same output and state hash', async () => {
    const a = Sandbox.create({ seed: 42 });
    const b = Sandbox.create({ seed: 42 });
    const outA = await a.run(SESSION);
    const outB = await b.run(SESSION);
    expect(outA).toBe(outB);
    expect(a.stateHash()).toBe(b.stateHash());
  });

  it('gives different ids for different seeds', async () => {
    const a = Sandbox.create({ seed: 1 });
    const b = Sandbox.create({ seed: 2 });
    expect(await a.run('docker run -d alpine sleep 60')).not.toBe(
      await b.run('docker run -d alpine sleep 60'),
    );
  });

  it('restores a snapshot exactly and carries on identically', async () => {
    const a = Sandbox.create({ seed: 7 });
    await a.run(
      'docker run -d --name db -e POSTGRES_PASSWORD=x postgres\ncd /tmp\nexport GREETING=hello\nX=1',
    );
    const saved = JSON.parse(JSON.stringify(a.snapshot()));
    const b = Sandbox.restore(saved);
    expect(b.stateHash()).toBe(a.stateHash());
    const next = 'docker ps -a\npwd\necho $GREETING $X\ndocker run -d alpine sleep 5';
    expect(await b.run(next)).toBe(await a.run(next));
    expect(b.stateHash()).toBe(a.stateHash());
  });
});

const TOKENS = [
  'docker',
  'run',
  'ps',
  '-a',
  '-d',
  '--rm',
  '-it',
  'alpine',
  'nginx',
  'busybox',
  'images',
  'rm',
  '-f',
  'exec',
  'logs',
  'stop',
  'pull',
  'inspect',
  '--name',
  'x',
  '-p',
  '80:80',
  '8080:80',
  'echo',
  'ls',
  '-l',
  'cat',
  '/etc/passwd',
  'cd',
  '..',
  '|',
  '||',
  '&&',
  ';',
  '>',
  '>>',
  '<',
  '2>&1',
  '"',
  "'",
  '$(',
  ')',
  '`',
  '$HOME',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
  '${X:-y}',
  '$((1+',
  'if',
  'then',
  'fi',
  'for',
  'in',
  'do',
  'done',
  '<<',
  'EOF',
  '\\',
  '#',
  '*',
  '?',
  '[',
  ']',
  '{',
  '}',
  'sh',
  '-c',
  'exit',
  'sleep',
  '1',
  'mkdir',
  '-p',
  'rm',
  '-rf',
  '/',
  'grep',
  '-v',
  'wc',
  'sort',
  'uniq',
  'ps',
  'aux',
  'kill',
  '-9',
  'free',
  '-m',
  'df',
  'dd',
  'if=/dev/zero',
  'of=f',
  'bs=1M',
  'count=2',
  'curl',
  'localhost:8080',
  'volume',
  'create',
  'ls',
  'tag',
  'rmi',
  '💥',
  '\t',
  'ünïcode',
  '%s',
  '-',
  '--',
  '-e',
  '--help',
  'version',
];

describe('fuzz', () => {
  it('never lets an exception escape and replays identically', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.constantFrom(...TOKENS), { maxLength: 9 }).map((t) => t.join(' ')),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 1000 }),
        async (lines, seed) => {
          const script = `${lines.join('\n')}\n`;
          const a = Sandbox.create({ seed });
          const out = await a.run(script);
          a.close();
          await a.whenIdle();
          const b = Sandbox.create({ seed });
          const outB = await b.run(script);
          b.close();
          await b.whenIdle();
          expect(outB).toBe(out);
          expect(b.stateHash()).toBe(a.stateHash());
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  }, 120_000);
});

describe('interrupts and replay', () => {
  it('Ctrl-C stops a long command with status 130, and a replay stops it at the same point', async () => {
    let steps = 0;
    // The browser paces waits in real time; here each 100 ms step is a macrotask, and Ctrl-C comes on the 5th.
    const live: Sandbox = Sandbox.create({
      seed: 3,
      pace: () =>
        new Promise<void>((resolve) => {
          if (++steps === 5) live.interrupt();
          setTimeout(resolve, 0);
        }),
    });
    const out = await live.run('echo before; sleep 30; echo after $?\necho status=$?');
    expect(out).toBe('before\nstatus=130\n');
    const interrupt = live.transcript.find((e) => e.type === 'interrupt');
    expect(interrupt).toMatchObject({ type: 'interrupt' });

    const { replay } = await import('../../src/sandbox/replay');
    const replayed = await replay(3, live.transcript);
    expect(replayed.output).toBe('before\nstatus=130\n');
    expect(replayed.sandbox.snapshot().clock).toBe(live.snapshot().clock);
    expect(replayed.sandbox.stateHash()).toBe(live.stateHash());
  });
});
