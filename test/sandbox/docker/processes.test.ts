import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

// Behaviour checked against Docker Engine 20.10 with the 28.2 client on a BusyBox image: the same
// lines, the same statuses and logs (IDs and times aside).
async function withAlpine() {
  const s = Sandbox.create({ seed: 11 });
  await s.run('docker pull -q alpine');
  return s;
}

const status = (s: Sandbox, name: string) =>
  s.run(`docker ps -a --filter name=${name} --format '{{.Status}}'`);

describe('container processes on the virtual clock', () => {
  it('keeps a detached loop running: a line a second in its logs', async () => {
    const s = await withAlpine();
    await s.run(`docker run -d --name clock alpine sh -c 'while true; do date; sleep 1; done'`);
    await s.run('sleep 10');
    const lines = (await s.run('docker logs clock')).trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC 2026$/);
    expect(new Set(lines).size).toBe(10);
    expect(await status(s, 'clock')).toMatch(/^Up 1\d seconds\n$/);
    await s.run('docker stop clock');
    const all = (await s.run('docker logs clock')).trim().split('\n');
    expect(await s.run('docker logs --tail 2 clock')).toBe(`${all.slice(-2).join('\n')}\n`);
  });

  it('shows a window of the logs with --since and --until, relative or absolute', async () => {
    const s = await withAlpine();
    await s.run(
      `docker run -d --name tick alpine sh -c 'i=0; while true; do i=$((i+1)); echo $i; sleep 1; done'`,
    );
    await s.run('sleep 10');
    expect(await s.run('docker logs --since 3.5s tick')).toBe('8\n9\n10\n');
    const start = (await s.run(`docker inspect -f '{{.State.StartedAt}}' tick`)).trim();
    const second = new Date(Date.parse(start) + 2_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(await s.run(`docker logs --until ${second} tick`)).toBe('1\n2\n');
    expect(await s.run('docker logs --since yesterday tick; echo $?')).toBe(
      'invalid value for "since": failed to parse value as time or duration: "yesterday"\n1\n',
    );
  });

  it('lets a detached script finish later, with its output and exit status', async () => {
    const s = await withAlpine();
    await s.run(`docker run -d --name late alpine sh -c 'sleep 3; echo late; exit 4'`);
    expect(await s.run('docker logs late')).toBe('');
    expect(await status(s, 'late')).toMatch(/^Up /);
    await s.run('sleep 4');
    expect(await s.run('docker logs late')).toBe('late\n');
    expect(await status(s, 'late')).toBe('Exited (4) 1 second ago\n');
  });

  it('removes a --rm container whenever it ends: by itself, killed, or failing to start', async () => {
    const s = await withAlpine();
    await s.run('docker run -d --rm --name short alpine sleep 1');
    await s.run(`docker run -d --rm --name script alpine sh -c 'sleep 2; echo done'`);
    await s.run('docker run -d --rm --name victim alpine sleep 300');
    await s.run('docker kill victim');
    expect(await s.run('docker run --rm --name broken alpine nosuch; echo $?')).toMatch(
      /executable file not found in \$PATH.*\n(.*\n)*127\n$/,
    );
    await s.run('sleep 3');
    expect(await s.run('docker ps -aq | wc -l')).toBe('0\n');
  });

  it('stops a process that handles SIGTERM at once, and kills one that ignores it after the grace period', async () => {
    const s = await withAlpine();
    await s.run(
      `docker run -d --name polite alpine sh -c 'trap "echo bye; exit 0" TERM; while true; do sleep 1; done'`,
    );
    await s.run(`docker run -d --name deaf alpine sh -c 'while true; do sleep 1; done'`);
    await s.run('sleep 1');
    const timed = async (line: string) => {
      const before = Number(await s.run('date +%s%N')) / 1e6;
      const out = await s.run(line);
      return { out, ms: Number(await s.run('date +%s%N')) / 1e6 - before };
    };
    const polite = await timed('docker stop polite');
    expect(polite.out).toBe('polite\n');
    expect(polite.ms).toBeLessThanOrEqual(1_100);
    expect(await s.run('docker logs polite')).toBe('bye\n');
    expect(await status(s, 'polite')).toBe('Exited (0) Less than a second ago\n');
    const deaf = await timed('docker stop -t 3 deaf');
    expect(deaf.ms).toBeGreaterThanOrEqual(3_000);
    expect(deaf.ms).toBeLessThan(3_200);
    expect(await s.run(`docker inspect -f '{{.State.ExitCode}}' deaf`)).toBe('137\n');
  });

  it('passes signals on with --init, and lets docker kill -s send any signal', async () => {
    const s = await withAlpine();
    await s.run('docker run -d --init --name tini alpine sleep 100');
    await s.run('docker stop tini');
    expect(await s.run(`docker inspect -f '{{.State.ExitCode}}' tini`)).toBe('143\n');
    await s.run('docker run -d --name pid1 alpine sleep 100');
    expect(await s.run('docker kill -s TERM pid1')).toBe('pid1\n');
    expect(await s.run(`docker inspect -f '{{.State.Status}}' pid1`)).toBe('running\n');
    expect(await s.run('docker kill -s BOGUS pid1; echo $?')).toBe(
      'Error response from daemon: Invalid signal: BOGUS\n1\n',
    );
    await s.run(`docker run -d --name usr alpine sh -c 'trap "echo usr1" USR1; while :; do sleep 1; done'`);
    await s.run('sleep 1; docker kill -s USR1 usr; sleep 2');
    expect(await s.run('docker logs usr')).toBe('usr1\n');
    expect(await status(s, 'usr')).toMatch(/^Up /);
  });

  it('gives the same bytes and state for the same lines, paced or not', async () => {
    const lines = [
      'docker pull -q alpine',
      `docker run -d --name aa alpine sh -c 'i=0; while true; do i=$((i+1)); echo a$i; sleep 0.7; done'`,
      `docker run -d --name bb alpine sh -c 'while true; do echo b; sleep 1.1; done'`,
      '(for i in 1 2 3; do echo job$i; sleep 0.5; done) &',
      'sleep 5; docker logs aa | tail -n 2; docker logs bb | wc -l',
      'docker stop -t 1 aa bb; docker ps -a',
    ];
    const run = async (pace?: (ms: number) => Promise<void>) => {
      const s = Sandbox.create({ seed: 5, tty: true, ...(pace ? { pace } : {}) });
      let out = '';
      for (const line of lines) out += await s.run(line);
      return { out, hash: s.stateHash() };
    };
    const plain = await run();
    expect(plain.out).toContain('a7\na8\n');
    expect(plain.out).toContain('job3\n');
    expect(await run()).toEqual(plain);
    expect(await run(async () => {})).toEqual(plain);
  });

  it('rebuilds a lab with running processes from its transcript, to the same state', async () => {
    const s = Sandbox.create({ seed: 9, tty: true });
    await s.run('docker pull -q alpine');
    await s.run(`docker run -d --name tick alpine sh -c 'while :; do echo t; sleep 2; done'`);
    s.input('sleep 30 &', { wait: 1_500 });
    await s.whenIdle();
    const saved = s.snapshot();
    expect(saved.live).toBe(2);
    const rebuilt = Sandbox.create({ seed: 9, tty: true });
    await rebuilt.replay(s.transcript);
    expect(rebuilt.stateHash()).toBe(s.stateHash());
    expect(await rebuilt.run('sleep 4; docker logs tick | wc -l')).toBe(
      await s.run('sleep 4; docker logs tick | wc -l'),
    );
  });

  it('restarts by policy with the daemon back-off, and not after docker stop', async () => {
    const s = await withAlpine();
    await s.run(`docker run -d --restart on-failure:2 --name retry alpine sh -c 'echo run; exit 3'`);
    await s.run('sleep 3');
    expect(await status(s, 'retry')).toBe('Exited (3) 2 seconds ago\n');
    expect(
      await s.run(
        `docker inspect -f '{{.RestartCount}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}' retry`,
      ),
    ).toBe('2 on-failure 2\n');
    expect(await s.run('docker logs retry')).toBe('run\nrun\nrun\n');
    // Runs of 1 s, then waits of 100, 200 and 400 ms: the fourth run is under way at 4.5 s.
    await s.run(`docker run -d --restart always --name again alpine sh -c 'echo up; sleep 1'`);
    await s.run('sleep 4.5');
    expect(await status(s, 'again')).toBe('Up Less than a second\n');
    expect(await s.run(`docker inspect -f '{{.RestartCount}}' again; docker logs again | wc -l`)).toBe(
      '3\n4\n',
    );
    await s.run('docker stop again; sleep 2');
    expect(await status(s, 'again')).toBe('Exited (0) 2 seconds ago\n');
    await s.run('docker run -d --restart always --name nap alpine sleep 1; sleep 1.05');
    expect(await status(s, 'nap')).toBe('Restarting (0) Less than a second ago\n');
  });

  it('words bad restart policies as the client and the daemon do', async () => {
    const s = await withAlpine();
    const usage = "\n\nRun 'docker run --help' for more information\n125\n";
    expect(await s.run('docker run --rm --restart always alpine true; echo $?')).toBe(
      `docker: conflicting options: cannot specify both --restart and --rm${usage}`,
    );
    expect(await s.run('docker run -d --restart bogus alpine true; echo $?')).toBe(
      `docker: Error response from daemon: invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'${usage}`,
    );
    expect(await s.run('docker run -d --restart on-failure:x alpine true; echo $?')).toBe(
      `docker: invalid restart policy format: maximum retry count must be an integer${usage}`,
    );
    expect(await s.run('docker run -d --restart always:3 alpine true; echo $?')).toBe(
      `docker: Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'${usage}`,
    );
  });
});

// The daemon's and the shells' own words for what a learner gets wrong in the first hour, as the
// conformance corpus recorded them (conformance/docker-run.yaml, docker-containers.yaml).
describe('first-hour details', () => {
  it('names the container shell PID 1, passes exec -e, reads --env-file, and runs a piped script', async () => {
    const s = await withAlpine();
    expect(await s.run(`docker run --rm alpine sh -c 'echo $$'`)).toBe('1\n');
    await s.run('docker run -d --name box alpine sleep 300');
    expect(await s.run(`docker exec -e FOO=bar box sh -c 'echo $FOO'`)).toBe('bar\n');
    await s.run(`printf 'A=1\\n# note\\nB=two words\\n' > vars.env`);
    expect(await s.run(`docker run --rm --env-file vars.env alpine sh -c 'echo "$A|$B"'`)).toBe(
      '1|two words\n',
    );
    expect(await s.run('docker run --rm --env-file missing.env alpine true; echo $?')).toBe(
      "docker: open missing.env: no such file or directory\n\nRun 'docker run --help' for more information\n125\n",
    );
    expect(await s.run(`echo 'echo from stdin' | docker run --rm -i alpine`)).toBe('from stdin\n');
    // As Docker 28 recorded it (conformance: rm-missing): said, but no failure.
    expect(await s.run('docker rm -f nosuch; echo $?')).toBe(
      'Error response from daemon: No such container: nosuch\n0\n',
    );
  });

  it('refuses what the daemon and runc refuse, with their statuses', async () => {
    const s = await withAlpine();
    const usage = "\n\nRun 'docker run --help' for more information\n";
    expect(await s.run('docker run --rm alpine /etc/passwd; echo $?')).toBe(
      `docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/etc/passwd": permission denied: unknown${usage}126\n`,
    );
    // The daemon keeps the whole error as the container's State.Error, as recorded.
    await s.run('docker run --name dir alpine /etc');
    expect(await s.run("docker inspect -f '{{.State.ExitCode}} {{.State.Error}}' dir")).toBe(
      '126 failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/etc": permission denied: unknown\n',
    );
    expect(await s.run('docker run --rm -u nosuchuser alpine id; echo $?')).toBe(
      `docker: Error response from daemon: unable to find user nosuchuser: no matching entries in passwd file${usage}125\n`,
    );
    expect(await s.run('docker run --rm -p 99999:80 alpine true; echo $?')).toBe(
      `docker: invalid hostPort: 99999${usage}125\n`,
    );
    expect(await s.run('docker run --rm -p web:80 alpine true')).toBe(
      `docker: invalid hostPort: web${usage}`,
    );
    expect(await s.run('docker run --rm -v data/sub:/data alpine true')).toContain(
      'create data/sub: "data/sub" includes invalid characters for a local volume name',
    );
    expect(await s.run(`docker run --rm -v notes:/notes:ro alpine sh -c 'echo x > /notes/a.txt'`)).toBe(
      "sh: can't create /notes/a.txt: Read-only file system\n",
    );
    await s.run(`printf 'FROM alpine\\nWORKDIR /app\\nCOPY run.sh .\\nCMD ["./run.sh"]\\n' > Dockerfile`);
    await s.run(
      `printf '#!/bin/sh\\necho relative\\n' > run.sh && chmod +x run.sh && docker build -q -t rel . >/dev/null`,
    );
    expect(await s.run('docker run --rm rel')).toBe('relative\n');
  });

  it('renames, waits for and prunes containers as the real commands do', async () => {
    const s = await withAlpine();
    await s.run('docker run --name old alpine true');
    expect(await s.run("docker rename old new; docker ps -a --format '{{.Names}}'")).toBe('new\n');
    expect(await s.run('docker rename nosuch other; echo $?')).toBe(
      'Error response from daemon: No such container: nosuch\nError: failed to rename container named nosuch\n1\n',
    );
    await s.run(`docker run -d --name ww alpine sh -c 'sleep 2; exit 4'`);
    const before = Number(await s.run('date +%s'));
    expect(await s.run('docker wait ww')).toBe('4\n');
    expect(Number(await s.run('date +%s')) - before).toBeGreaterThanOrEqual(2);
    await s.run('docker run -d --name up alpine sleep 300');
    const ids = (await s.run('docker ps -aq --no-trunc --filter status=exited')).trim().split('\n');
    // The daemon lists what it removed in no particular order.
    const pruned = (await s.run('docker container prune -f')).split('\n');
    expect(pruned[0]).toBe('Deleted Containers:');
    expect(pruned.slice(1, 1 + ids.length).sort()).toEqual([...ids].sort());
    expect(pruned.slice(1 + ids.length)).toEqual(['', 'Total reclaimed space: 0B', '']);
    expect(await s.run("docker ps -a --format '{{.Names}}'")).toBe('up\n');
  });
});

describe('--pids-limit', () => {
  const forks = `sh -c 'for i in 1 2 3 4 5 6 7; do sleep 2 & done; wait; echo done'`;

  it('stops a shell that forks past the limit, as the pids cgroup does', async () => {
    const s = await withAlpine();
    expect(await s.run(`docker run --rm --pids-limit 5 alpine ${forks}; echo $?`)).toBe(
      "sh: can't fork: Resource temporarily unavailable\n2\n",
    );
    expect(await s.run(`docker run --rm --pids-limit 9 alpine ${forks}; echo $?`)).toBe('done\n0\n');
    expect(await s.run(`docker run --rm alpine ${forks}; echo $?`)).toBe('done\n0\n');
  });

  it("counts a shell's background jobs as the container's processes, in ps and docker stats", async () => {
    const s = await withAlpine();
    await s.run(`docker run -d --name jobs --pids-limit 4 alpine sh -c 'sleep 50 & sleep 60 & wait'`);
    await s.run('sleep 1');
    expect(await s.run(`docker exec jobs ps -o pid,args`)).toMatch(
      /^PID {3}COMMAND\n {4}1 sh -c sleep 50 & sleep 60 & wait\n {4}7 sleep 50\n {4}8 sleep 60\n/,
    );
    expect(await s.run(`docker stats --no-stream --format '{{.PIDs}}' jobs`)).toBe('3\n');
    expect(await s.run(`docker inspect -f '{{.HostConfig.PidsLimit}}' jobs`)).toBe('4\n');
    // The limit counts an exec too: the fourth process is the last one the container may hold.
    expect(await s.run(`docker exec jobs sh -c 'sleep 1 & echo forked'; echo $?`)).toBe(
      "sh: can't fork: Resource temporarily unavailable\n2\n",
    );
    await s.run('sleep 60');
    expect(await s.run(`docker ps -a --filter name=jobs --format '{{.Status}}'`)).toMatch(/^Exited \(0\)/);
  });
});
