import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

async function cache(run = 'docker run -d --name cache redis') {
  const s = Sandbox.create({ seed: 7 });
  await s.run(`docker pull -q redis >/dev/null\n${run} >/dev/null`);
  return s;
}

describe('redis keeps keys', () => {
  it('answers as redis-cli prints on a terminal (--no-raw), as real redis-cli did', async () => {
    const s = await cache();
    const cli = (args: string) => s.run(`docker exec cache redis-cli --no-raw ${args}`);
    expect(await cli('set foo bar')).toBe('OK\n');
    expect(await cli('get foo')).toBe('"bar"\n');
    expect(await cli('get nope')).toBe('(nil)\n');
    expect(await cli('incr n')).toBe('(integer) 1\n');
    expect(await cli('incr foo')).toBe('(error) ERR value is not an integer or out of range\n');
    expect(await cli("keys '*'")).toBe('1) "foo"\n2) "n"\n');
    expect(await cli("keys 'zz*'")).toBe('(empty array)\n');
    expect(await cli('exists foo n nope')).toBe('(integer) 2\n');
    expect(await cli('del foo')).toBe('(integer) 1\n');
    expect(await cli('foo a b')).toBe(
      "(error) ERR unknown command 'foo', with args beginning with: 'a' 'b' \n",
    );
    expect(await cli('FOO')).toBe("(error) ERR unknown command 'FOO', with args beginning with: \n");
    expect(await cli('set a')).toBe("(error) ERR wrong number of arguments for 'set' command\n");
    expect(await cli('ping')).toBe('PONG\n');
    expect(await cli('ping hi')).toBe('"hi"\n');
    expect(await cli(`set q 'say "hi"'`)).toBe('OK\n');
    expect(await cli('get q')).toBe('"say \\"hi\\""\n');
    expect(await cli('set u é')).toBe('OK\n');
    expect(await cli('get u')).toBe('"\\xc3\\xa9"\n');
  });

  it('prints raw replies into a pipe, and on a terminal by itself', async () => {
    const s = await cache();
    await s.run('docker exec cache redis-cli set foo bar');
    expect(await s.run('docker exec cache redis-cli get foo')).toBe('bar\n');
    expect(await s.run('docker exec cache redis-cli get nope')).toBe('\n');
    expect(await s.run('docker exec cache redis-cli foo')).toBe(
      "ERR unknown command 'foo', with args beginning with: \n\n",
    );
    expect(await s.run('docker exec cache redis-cli -e foo; echo "status $?"')).toBe(
      "ERR unknown command 'foo', with args beginning with: \nstatus 1\n",
    );
    expect(await s.run('printf "set a 1\\nincr a\\nget a\\n" | docker exec -i cache redis-cli')).toBe(
      'OK\n2\n2\n',
    );
    const tty = Sandbox.create({ seed: 7, tty: true });
    await tty.run('docker pull -q redis >/dev/null\ndocker run -d --name cache redis >/dev/null');
    await tty.run('docker exec cache redis-cli set foo bar');
    expect(await tty.run('docker exec -it cache redis-cli get foo')).toBe('"bar"\n');
    // Without -t, docker exec gives no terminal even to a terminal's user.
    expect(await tty.run('docker exec cache redis-cli get foo')).toBe('bar\n');
  });

  it('expires keys as the virtual clock passes', async () => {
    const s = await cache();
    const cli = (args: string) => s.run(`docker exec cache redis-cli ${args}`);
    await cli('set k v');
    expect(await cli('ttl k')).toBe('-1\n');
    expect(await cli('expire k 10')).toBe('1\n');
    await s.run('sleep 4');
    expect(await cli('ttl k')).toBe('6\n');
    await s.run('sleep 7');
    expect(await cli('get k')).toBe('\n');
    expect(await cli('ttl k')).toBe('-2\n');
    await cli('set e v EX 1');
    await s.run('sleep 2');
    expect(await cli('exists e')).toBe('0\n');
  });

  it('is reached from another container on the network by name, and from the host', async () => {
    const s = await cache(
      'docker network create app\ndocker run -d --name cache --network app -p 6379:6379 redis',
    );
    await s.run('docker exec cache redis-cli set visits 41');
    expect(await s.run('docker run --rm --network app redis redis-cli -h cache incr visits')).toBe('42\n');
    expect(await s.run('docker run --rm redis redis-cli -h cache get visits')).toBe(
      'Could not connect to Redis at cache:6379: Name or service not known\n',
    );
    expect(await s.run('docker exec cache redis-cli -p 6380 ping; echo $?')).toBe(
      'Could not connect to Redis at 127.0.0.1:6380: Connection refused\n1\n',
    );
  });

  it('keeps keys through a snapshot and restore of the lab', async () => {
    const s = await cache();
    await s.run('docker exec cache redis-cli set kept yes');
    const restored = Sandbox.restore(JSON.parse(JSON.stringify(s.snapshot())));
    expect(await restored.run('docker exec cache redis-cli get kept')).toBe('yes\n');
  });
});

describe('redis persistence', () => {
  it('saves on docker stop and loads at start, so a volume keeps the keys', async () => {
    const s = await cache('docker run -d --name cache -v redisdata:/data redis');
    await s.run('docker exec cache redis-cli set counter 7; docker exec cache redis-cli set other x');
    await s.run('docker stop cache >/dev/null');
    const logs = (await s.run('docker logs cache')).trim().split('\n').slice(-5);
    expect(logs[0]).toMatch(/^1:signal-handler \(\d+\) Received SIGTERM scheduling shutdown\.\.\.$/);
    expect(logs.slice(1).map((l) => l.replace(/^1:M \d\d \w{3} \d{4} [\d:.]{12} /, ''))).toEqual([
      '* User requested shutdown...',
      '* Saving the final RDB snapshot before exiting.',
      '* DB saved on disk',
      '# Redis is now ready to exit, bye bye...',
    ]);
    expect(await s.run('ls /var/lib/docker/volumes/redisdata/_data')).toBe('dump.rdb\n');
    await s.run(
      'docker rm cache >/dev/null\nsleep 3\ndocker run -d --name again -v redisdata:/data redis >/dev/null',
    );
    expect(await s.run('docker exec again redis-cli get counter')).toBe('7\n');
    const load = (await s.run('docker logs again'))
      .split('\n')
      .map((l) => l.replace(/^1:M \d\d \w{3} \d{4} [\d:.]{12} /, ''))
      .filter((l) => /RDB|DB loaded/.test(l));
    expect(load).toEqual([
      '* Loading RDB produced by version 8.2.3',
      expect.stringMatching(/^\* RDB age [3-9] seconds$/),
      '* RDB memory usage when created 0.90 Mb',
      '* Done loading RDB, keys loaded: 2, keys expired: 0.',
      '* DB loaded from disk: 0.000 seconds',
    ]);
  });

  it('loses what it had not saved when killed', async () => {
    const s = await cache('docker run -d --name cache -v redisdata:/data redis');
    await s.run(
      'docker exec cache redis-cli set a 1 >/dev/null; docker stop cache >/dev/null; docker start cache >/dev/null',
    );
    await s.run(
      'docker exec cache redis-cli set b 2 >/dev/null; docker kill cache >/dev/null; docker start cache >/dev/null',
    );
    expect(await s.run('docker exec cache redis-cli mget a b')).toBe('1\n\n');
  });
});
