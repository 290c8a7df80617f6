import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// Expected text follows what Docker 28's client printed against a real daemon (conformance cases
// save-load, export-import and archive-errors-and-changes); ids aside.
async function withBusybox() {
  const s = Sandbox.create({ seed: 5 });
  await s.run('docker pull -q busybox > /dev/null');
  return s;
}

describe('docker save and load', () => {
  it('writes an image to a file and loads it back after it was removed', async () => {
    const s = await withBusybox();
    expect(await s.run('docker save -o bb.tar busybox && ls bb.tar')).toBe('bb.tar\n');
    expect(await s.run('docker rmi busybox > /dev/null; docker images -q | wc -l')).toBe('0\n');
    expect(await s.run('docker load -i bb.tar')).toBe('Loaded image: busybox:latest\n');
    expect(await s.run('docker run --rm busybox echo back')).toBe('back\n');
    expect(await s.run('docker save busybox > s.tar; docker load < s.tar')).toBe(
      'Loaded image: busybox:latest\n',
    );
  });

  it('says what is missing or not an archive', async () => {
    const s = await withBusybox();
    expect(await s.run('docker save -o x.tar nosuch; echo $?')).toBe(
      'Error response from daemon: No such image: nosuch\n1\n',
    );
    expect(await s.run('docker load -i missing.tar; echo $?')).toBe(
      'open missing.tar: no such file or directory\n1\n',
    );
    expect(await s.run('echo hello > not.tar; docker load -i not.tar; echo $?')).toBe(
      'Error processing tar file(exit status 1): unexpected EOF\n1\n',
    );
    expect(await s.run('docker save -o nodir/x.tar busybox; echo $?')).toBe(
      'failed to save image: invalid output path: stat nodir: no such file or directory\n1\n',
    );
  });
});

describe('docker export and import', () => {
  it("makes an image of a container's files, with no command unless -c gives one", async () => {
    const s = await withBusybox();
    await s.run(`docker run --name ex busybox sh -c 'echo hi > /note'`);
    expect(await s.run('docker export -o ex.tar ex && ls ex.tar')).toBe('ex.tar\n');
    expect(await s.run('docker import ex.tar snap:1')).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(await s.run('docker run --rm snap:1 cat /note')).toBe('hi\n');
    expect(await s.run('docker run --rm snap:1; echo $?')).toBe(
      "docker: Error response from daemon: no command specified\n\nRun 'docker run --help' for more information\n125\n",
    );
    await s.run(`docker import -c 'CMD ["echo", "hi"]' -c 'ENV A=b' -m first - cmd:1 < ex.tar`);
    expect(await s.run('docker run --rm cmd:1')).toBe('hi\n');
    expect(await s.run(`docker image inspect -f '{{.Config.Cmd}} {{.Config.Env}}' cmd:1`)).toBe(
      '[echo hi] [A=b]\n',
    );
    expect(await s.run(`docker history --format '{{.CreatedBy}}|{{.Comment}}' cmd:1`)).toBe('|first\n');
    expect(await s.run('docker export nosuch > /dev/null; echo $?')).toBe(
      'Error response from daemon: No such container: nosuch\n1\n',
    );
  });
});
