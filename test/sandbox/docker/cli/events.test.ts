import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// As recorded from the real client and daemon in conformance/docker-objects.yaml (events-container-lifecycle).
describe('docker events', () => {
  it("lists a foreground container's life between two times, its network's with it", async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null');
    await s.run('sleep 1; t0=$(date +%s)\ndocker run --name ev busybox true\nsleep 1; t1=$(date +%s)');
    const window = '--since $t0 --until $t1';
    expect(
      await s.run(`docker events ${window} --format '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}'`),
    ).toBe(
      'container create ev\ncontainer attach ev\nnetwork connect bridge\ncontainer start ev\ncontainer die ev\nnetwork disconnect bridge\n',
    );
    const id = (await s.run('docker inspect -f "{{.Id}}" ev')).trim();
    expect(await s.run(`docker events ${window} --filter event=start`)).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z container start ${id} \\(image=busybox, name=ev\\)\\n$`,
      ),
    );
    expect(
      await s.run(
        `docker events ${window} --filter event=die --format '{{.Actor.Attributes.exitCode}} {{.Actor.Attributes.nope}}'`,
      ),
    ).toBe('0 <no value>\n');
    expect(
      await s.run(`docker events ${window} --filter container=${id.slice(0, 6)} --format '{{.Action}}'`),
    ).toBe('create\nattach\nstart\ndie\n');
    expect(await s.run(`docker events ${window} --filter container=nosuch`)).toBe('');
    expect(
      await s.run(
        `docker events ${window} --filter type=network --filter event=connect --format '{{.Actor.Attributes.container}}'`,
      ),
    ).toBe(`${id}\n`);
  });

  it('waits for what happens next until --until, and refuses times it cannot read', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null\ndocker run -d --name brief busybox sleep 1 >/dev/null');
    expect(await s.run(`docker events --until $(( $(date +%s) + 3 )) --format '{{.Type}} {{.Action}}'`)).toBe(
      'container die\nnetwork disconnect\n',
    );
    expect(await s.run('docker events --since yesterday; echo $?')).toBe(
      'failed to parse value as time or duration: "yesterday"\n1\n',
    );
    expect(await s.run('docker events --since 2000000000 --until 1000000000; echo $?')).toBe(
      'Error response from daemon: `since` time (2000000000) cannot be after `until` time (1000000000)\n1\n',
    );
  });
});
