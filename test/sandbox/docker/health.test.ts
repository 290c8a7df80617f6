import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

// Compared with Docker Engine 20.10 and the 28.2 client running the same lines on BusyBox.
describe('health checks', () => {
  it('start, fail `retries` times in a row to become unhealthy, and recover on a success', async () => {
    const s = Sandbox.create({ seed: 4 });
    await s.run('docker pull -q alpine');
    const status = () => s.run(`docker ps --filter name=probe --format '{{.Status}}'`);
    await s.run(
      `docker run -d --name probe --health-cmd 'test -f /tmp/ok' --health-interval 1s --health-retries 2 alpine sleep 100`,
    );
    expect(await status()).toBe('Up Less than a second (health: starting)\n');
    await s.run('sleep 2.5');
    expect(await status()).toBe('Up 2 seconds (unhealthy)\n');
    expect(
      await s.run(`docker inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}}' probe`),
    ).toBe('unhealthy 2\n');
    await s.run('docker exec probe touch /tmp/ok; sleep 1.2');
    expect(await status()).toBe('Up 3 seconds (healthy)\n');
    const health = JSON.parse(await s.run(`docker inspect -f '{{json .State.Health}}' probe`));
    expect(health.FailingStreak).toBe(0);
    expect(health.Log.map((r: { ExitCode: number }) => r.ExitCode)).toEqual([1, 1, 0]);
    expect(await s.run(`docker inspect -f '{{json .Config.Healthcheck}}' probe`)).toBe(
      '{"Test":["CMD-SHELL","test -f /tmp/ok"],"Interval":1000000000,"Retries":2}\n',
    );
  });

  it("keeps a probe's output, and takes the image's HEALTHCHECK unless told otherwise", async () => {
    const s = Sandbox.create({ seed: 4 });
    await s.run('docker pull -q alpine');
    await s.run(
      `docker run -d --name said --health-cmd 'echo hi; exit 1' --health-interval 1s --health-retries 1 alpine sleep 100; sleep 1.5`,
    );
    expect(await s.run(`docker inspect -f '{{(index .State.Health.Log 0).Output}}' said`)).toBe('hi\n\n');
    await s.run(
      `printf 'FROM alpine\\nHEALTHCHECK --interval=2s CMD true\\nCMD sleep 100\\n' > Dockerfile; docker build -q -t hc . >/dev/null`,
    );
    await s.run('docker run -d --name hc hc; docker run -d --name off --no-healthcheck hc; sleep 3');
    expect(await s.run(`docker ps --format '{{.Names}} {{.Status}}'`)).toContain(
      'hc Up 3 seconds (healthy)\n',
    );
    expect(await s.run(`docker ps --format '{{.Names}} {{.Status}}'`)).toContain('off Up 3 seconds\n');
    expect(await s.run(`docker inspect -f '{{json .Config.Healthcheck}}' off`)).toBe('{"Test":["NONE"]}\n');
    expect(await s.run('docker run -d --health-interval x alpine true; echo $?')).toBe(
      `invalid argument "x" for "--health-interval" flag: time: invalid duration "x"\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n125\n`,
    );
  });
});
