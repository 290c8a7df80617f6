import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

// Expected text from GNU coreutils 9.1 and BusyBox 1.35 on this machine, run the same way.
describe('chown', () => {
  it('changes owner and group as root, by name or number, recursively', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q alpine >/dev/null; docker pull -q debian >/dev/null');
    const inDebian = (line: string) => s.run(`docker run --rm debian sh -c '${line}'`);
    expect(
      await inDebian(
        'mkdir -p /d/e && touch /d/e/f && chown -R 1234:5678 /d && ls -n /d/e | tail -n 1 | cut -d" " -f3,4',
      ),
    ).toBe('1234 5678\n');
    expect(await inDebian('touch f && chown nobody: f && ls -l f | cut -d" " -f3,4')).toBe(
      'nobody nogroup\n',
    );
    expect(await inDebian('touch f && chown nosuch f; echo $?')).toBe('chown: invalid user: ‘nosuch’\n1\n');
    expect(await inDebian('touch f && chown root:nosuch f; echo $?')).toBe(
      'chown: invalid group: ‘root:nosuch’\n1\n',
    );
    expect(await inDebian('chown root nofile; echo $?')).toBe(
      "chown: cannot access 'nofile': No such file or directory\n1\n",
    );
    expect(await inDebian('chown root; echo $?')).toBe(
      "chown: missing operand after ‘root’\nTry 'chown --help' for more information.\n1\n",
    );
    expect(
      await s.run(
        `docker run --rm alpine sh -c 'touch f; chown nosuch f; chown root:nosuch f; chown root nofile'`,
      ),
    ).toBe(
      'chown: unknown user nosuch\nchown: unknown user/group root:nosuch\nchown: nofile: No such file or directory\n',
    );
  });

  it('refuses a user who is not root', async () => {
    const s = Sandbox.create({ seed: 3 });
    expect(await s.run('touch mine; chown root mine; echo $?')).toBe(
      "chown: changing ownership of 'mine': Operation not permitted\n1\n",
    );
  });
});
