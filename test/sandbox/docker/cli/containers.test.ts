import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// Checked against the Docker 28 client (docker/cli v28.5.1) and the conformance corpus's recordings.
async function withBusybox() {
  const s = Sandbox.create({ seed: 7 });
  await s.run('docker pull -q busybox >/dev/null');
  return s;
}

describe('docker ps', () => {
  it('lists the n newest containers with -n, whatever their state, after the filters', async () => {
    const s = await withBusybox();
    for (const name of ['c1', 'c2', 'c3']) await s.run(`docker run --name ${name} busybox true`);
    expect(await s.run("docker ps -n 2 --format '{{.Names}}'")).toBe('c3\nc2\n');
    expect(await s.run("docker ps -l --format '{{.Names}}'")).toBe('c3\n');
    expect(await s.run("docker ps -n 1 --filter name=c1 --format '{{.Names}}'")).toBe('c1\n');
  });

  it('checks --format before it lists anything, as the client does', async () => {
    const s = await withBusybox();
    expect(await s.run("docker ps --format '{{.Names'; echo $?")).toBe(
      'failed to parse template: template: :1: unclosed action\n1\n',
    );
    expect(await s.run("docker ps --format '{{.Nope}}'; echo $?")).toBe(
      'failed to execute template: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext\n1\n',
    );
  });

  it("gives a label's value with the Label method, empty when the container has no such label, and leaves it out of json", async () => {
    const s = await withBusybox();
    await s.run('docker run -d --name tagged --label team=web busybox sleep 60 >/dev/null');
    expect(await s.run(`docker ps --format '{{.Names}} {{.Label "team"}} [{{.Label "none"}}]'`)).toBe(
      'tagged web []\n',
    );
    expect(await s.run(`docker ps --format '{{json .}}' | grep -c '"Label"'`)).toBe('0\n');
  });
});

describe('docker exec and the container process', () => {
  it('reports a command it cannot find in the output stream, ended by \\r\\n, with 127', async () => {
    const s = await withBusybox();
    await s.run('docker run -d --name box busybox sleep 300');
    expect(await s.run('docker exec box nosuchcmd 2>/dev/null; echo $?')).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown\r\n127\n',
    );
    expect(await s.run(`docker exec box sh -c 'cat /proc/1/cmdline | tr "\\0" " "'`)).toBe('sleep 300 ');
  });

  it('fails to exec a file that is neither a program nor a #! script, as runc does', async () => {
    const s = await withBusybox();
    await s.run(
      "printf '\\177ELF\\002\\001\\001' > app && chmod +x app && printf 'echo hi\\n' > plain && chmod +x plain",
    );
    expect(await s.run('docker run --name elf -v "$PWD/app:/app" busybox /app; echo $?')).toBe(
      'exec /app: exec format error\n255\n',
    );
    expect(await s.run('docker logs elf')).toBe('exec /app: exec format error\n');
    expect(await s.run('docker run --rm -v "$PWD/plain:/plain" busybox /plain; echo $?')).toBe(
      'exec /plain: exec format error\n255\n',
    );
    // A shell still runs a file without #! as a script.
    expect(await s.run('docker run --rm -v "$PWD/plain:/plain" busybox sh -c /plain')).toBe('hi\n');
  });

  it('puts the variables given first in Config.Env, then the image’s it does not set', async () => {
    const s = await withBusybox();
    await s.run('docker run -d --name ii -e X=1 -e PATH=/bin busybox sleep 300');
    expect(await s.run("docker inspect -f '{{json .Config.Env}}' ii")).toBe('["X=1","PATH=/bin"]\n');
  });
});
