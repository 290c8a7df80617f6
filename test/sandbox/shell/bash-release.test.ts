import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

describe("bash's release in $BASH_VERSION and bash --version", () => {
  it("is the machine's own bash: Ubuntu 24.04's on the host and in ubuntu, Debian 13's in debian", async () => {
    const s = Sandbox.create({ seed: 2 });
    expect(await s.run('echo $BASH_VERSION')).toBe('5.2.21(1)-release\n');
    await s.run('docker pull -q debian >/dev/null; docker pull -q ubuntu >/dev/null');
    expect(await s.run('docker run --rm debian bash -c \'echo "$BASH_VERSION"\'')).toBe(
      '5.2.37(1)-release\n',
    );
    expect(await s.run('docker run --rm ubuntu bash -c \'echo "$BASH_VERSION"\'')).toBe(
      '5.2.21(1)-release\n',
    );
    expect(await s.run('docker run --rm debian bash --version | head -n 1')).toBe(
      'GNU bash, version 5.2.37(1)-release (x86_64-pc-linux-gnu)\n',
    );
  });

  it('belongs to bash alone: sh is dash, and bash started from dash is bash', async () => {
    const s = Sandbox.create({ seed: 2 });
    expect(await s.run('sh -c \'echo "[$BASH_VERSION]"; nosuch\'')).toBe('[]\nsh: 1: nosuch: not found\n');
    await s.run('docker pull -q debian >/dev/null');
    expect(
      await s.run(
        `docker run --rm debian sh -c 'bash -c "a=(x y); [[ \\\${a[1]} == y ]] && echo \\$0 \\\${#a[@]}; set -o pipefail; false | true; echo \\$?"'`,
      ),
    ).toBe('bash 2\n1\n');
  });
});
