import { describe, expect, it } from 'vitest';
import { getent } from '../../../src/sandbox/commands/getent.ts';
import { run } from './context.ts';

// glibc's getent as Debian 12's libc-bin prints it; Alpine's from aports main/musl/getent.c.
describe('getent', () => {
  it('prints every entry of passwd or group, or those a name or number picks', async () => {
    const all = await run(getent('glibc'), ['getent', 'group']);
    expect(all.out).toBe('root:x:0:\nsudo:x:27:learner\ndocker:x:999:learner\nlearner:x:1000:\n');
    const some = await run(getent('glibc'), ['getent', 'passwd', 'learner', '0']);
    expect(some.out).toBe(
      'learner:x:1000:1000:Learner,,,:/home/learner:/bin/bash\nroot:x:0:0:root:/root:/bin/bash\n',
    );
    expect(some.status).toBe(0);
  });

  it('exits 2 for a key it does not find: glibc goes on with the next key, musl stops', async () => {
    const glibc = await run(getent('glibc'), ['getent', 'passwd', 'nosuch', 'root']);
    expect(glibc.out).toBe('root:x:0:0:root:/root:/bin/bash\n');
    expect(glibc.status).toBe(2);
    const musl = await run(getent('musl'), ['getent', 'passwd', 'nosuch', 'root']);
    expect(musl.out).toBe('');
    expect(musl.status).toBe(2);
  });

  it('reports a missing or unknown database in each one’s words', async () => {
    const none = await run(getent('glibc'), ['getent']);
    expect(none.err).toBe(
      "getent: wrong number of arguments\nTry `getent --help' or `getent --usage' for more information.\n",
    );
    expect(none.status).toBe(1);
    const unknown = await run(getent('glibc'), ['getent', 'foo']);
    expect(unknown.err).toBe(
      "Unknown database: foo\nTry `getent --help' or `getent --usage' for more information.\n",
    );
    const musl = await run(getent('musl'), ['getent', 'foo']);
    expect(musl.err).toBe(
      "getent: Unknown database `foo': No error information\nUsage: getent database [key ...]\n\tdatabase may be one of:\n\t\tethers group hosts ahosts ahostsv4 ahostsv6 networks\n\t\tpasswd protocols services shadow shells\n",
    );
    expect(musl.status).toBe(1);
  });
});
