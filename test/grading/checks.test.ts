import { describe, expect, it } from 'vitest';
import { evaluate, runsAsRoot } from '../../src/grading/checks';
import { Sandbox } from '../../src/sandbox/sandbox';

describe('evaluate image-exists', () => {
  it('weighs the image by its layers, so a file deleted in a later layer still counts', async () => {
    const sandbox = Sandbox.create({ seed: 3 });
    await sandbox.run('docker pull -q alpine');
    await sandbox.run(
      "printf 'FROM alpine\\nRUN dd if=/dev/zero of=/big bs=1M count=50\\nRUN rm /big\\n' > Dockerfile",
    );
    await sandbox.run('docker build -q -t fat .');
    await sandbox.run(
      "printf 'FROM alpine\\nRUN dd if=/dev/zero of=/big bs=1M count=50 && rm /big\\n' > Slim",
    );
    await sandbox.run('docker build -q -f Slim -t slim .');

    const fat = evaluate({ type: 'image-exists', ref: 'fat', maxSizeMB: 10 }, sandbox);
    expect(fat.pass).toBe(false);
    expect(fat.message.en).toBe('fat weighs 60.7 MB; it should weigh at most 10 MB.');
    expect(evaluate({ type: 'image-exists', ref: 'slim', minLayers: 2, maxSizeMB: 10 }, sandbox).pass).toBe(
      true,
    );
    expect(evaluate({ type: 'image-exists', ref: 'slim', maxLayers: 1 }, sandbox).pass).toBe(false);
    expect(evaluate({ type: 'image-exists', ref: 'missing' }, sandbox).message.en).toBe(
      'There is no image missing yet.',
    );
  });
});

describe('evaluate container-exited', () => {
  it('can require the image the container was started from', async () => {
    const sandbox = Sandbox.create({ seed: 4 });
    await sandbox.run('docker pull -q alpine');
    await sandbox.run('docker pull -q busybox');
    await sandbox.run('docker run --name proof busybox true');
    const wrong = evaluate(
      { type: 'container-exited', name: 'proof', image: 'alpine', exitCode: 0 },
      sandbox,
    );
    expect(wrong).toEqual({
      pass: false,
      message: {
        en: 'The container "proof" was not started from alpine.',
        'zh-cn': '容器 "proof" 不是从 alpine 启动的。',
      },
    });
    expect(
      evaluate({ type: 'container-exited', name: 'proof', image: 'busybox', exitCode: 0 }, sandbox).pass,
    ).toBe(true);
  });
});

describe('evaluate container-running', () => {
  it('needs the name, the image, the published port and the memory limit asked for', async () => {
    const sandbox = Sandbox.create({ seed: 5 });
    await sandbox.run('docker pull -q nginx');
    const none = evaluate({ type: 'container-running', name: 'web' }, sandbox);
    expect(none).toEqual({
      pass: false,
      message: { en: 'There is no container "web" yet.', 'zh-cn': '还没有 "web" 容器。' },
    });
    await sandbox.run('docker run -d --name web -p 8081:80 -m 128m nginx');
    expect(
      evaluate({ type: 'container-running', name: 'web', image: 'nginx', memoryLimitMiB: 128 }, sandbox).pass,
    ).toBe(true);
    expect(
      evaluate({ type: 'container-running', name: 'web', publishes: { host: 8080, container: 80 } }, sandbox)
        .message.en,
    ).toBe('The container "web" is running, but port 8080 on the host is not published to its port 80.');
    expect(evaluate({ type: 'container-running', name: 'web', memoryLimitMiB: 64 }, sandbox).pass).toBe(
      false,
    );
    await sandbox.run('docker stop web');
    expect(evaluate({ type: 'container-running', name: 'web' }, sandbox).message.en).toBe(
      'The container "web" exists but is not running.',
    );
  });
});

describe('evaluate container-running on a network and a loopback-only port', () => {
  it('tells a user-defined network from the default bridge, and 127.0.0.1 from every address', async () => {
    const sandbox = Sandbox.create({ seed: 5 });
    await sandbox.run('docker pull -q nginx');
    await sandbox.run('docker network create shopnet');
    await sandbox.run('docker run -d --name web --network shopnet -p 127.0.0.1:8080:80 nginx');
    await sandbox.run('docker run -d --name open -p 8081:80 nginx');
    const loopback = { host: 8080, container: 80, hostIp: '127.0.0.1' };
    expect(
      evaluate({ type: 'container-running', name: 'web', network: 'shopnet', publishes: loopback }, sandbox)
        .pass,
    ).toBe(true);
    expect(
      evaluate({ type: 'container-running', name: 'open', network: 'shopnet' }, sandbox).message.en,
    ).toBe('The container "open" is running, but not on the network shopnet.');
    expect(
      evaluate({ type: 'container-running', name: 'open', publishes: { ...loopback, host: 8081 } }, sandbox)
        .message.en,
    ).toBe('Port 8081 of "open" is published on every address of the host, not on 127.0.0.1 only.');
  });
});

describe('evaluate container-inspect', () => {
  it('prints the template as docker inspect -f does and compares it, or matches a pattern', async () => {
    const sandbox = Sandbox.create({ seed: 5 });
    await sandbox.run('docker pull -q alpine');
    await sandbox.run('docker run -d --name plain alpine sleep 600');
    await sandbox.run('docker run -d --name tight --read-only --cap-drop ALL alpine sleep 600');
    const readOnly = {
      type: 'container-inspect' as const,
      format: '{{.HostConfig.ReadonlyRootfs}}',
      equals: 'true',
    };
    expect(evaluate({ ...readOnly, name: 'tight' }, sandbox).pass).toBe(true);
    expect(evaluate({ ...readOnly, name: 'plain' }, sandbox)).toEqual({
      pass: false,
      message: {
        en: "`docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' plain` prints `false`, not `true`.",
        'zh-cn':
          "`docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' plain` 输出的是 `false`，而不是 `true`。",
      },
    });
    const dropped = {
      type: 'container-inspect' as const,
      format: '{{json .HostConfig.CapDrop}}',
      matches: {
        pattern: '^\\["ALL"\\]$',
        shows: { en: 'every capability dropped', 'zh-cn': '丢弃了全部能力' },
      },
    };
    expect(evaluate({ ...dropped, name: 'tight' }, sandbox).pass).toBe(true);
    expect(evaluate({ ...dropped, name: 'plain' }, sandbox).message.en).toBe(
      "`docker inspect -f '{{json .HostConfig.CapDrop}}' plain` prints `null`, which does not show every capability dropped.",
    );
    expect(evaluate({ ...readOnly, name: 'gone' }, sandbox).pass).toBe(false);
  });
});

describe('evaluate file-exists and volume-exists', () => {
  it('looks on the host, in a container and in a volume, and can require content', async () => {
    const sandbox = Sandbox.create({ seed: 6 });
    await sandbox.run('docker pull -q alpine');
    await sandbox.run('echo hello > /home/learner/note.txt');
    expect(
      evaluate(
        { type: 'file-exists', path: '/home/learner/note.txt', in: 'host', contains: 'hello' },
        sandbox,
      ).pass,
    ).toBe(true);
    expect(
      evaluate({ type: 'file-exists', path: '/home/learner/note.txt', in: 'host', contains: 'bye' }, sandbox)
        .pass,
    ).toBe(false);
    expect(evaluate({ type: 'volume-exists', name: 'data' }, sandbox).pass).toBe(false);
    await sandbox.run(
      'docker run --name box -v data:/data alpine sh -c "echo kept > /data/k; echo mine > /m"',
    );
    expect(evaluate({ type: 'volume-exists', name: 'data' }, sandbox).pass).toBe(true);
    expect(
      evaluate({ type: 'file-exists', path: '/k', in: { volume: 'data' }, contains: 'kept' }, sandbox).pass,
    ).toBe(true);
    expect(
      evaluate({ type: 'file-exists', path: '/m', in: { container: 'box' }, contains: 'mine' }, sandbox).pass,
    ).toBe(true);
    expect(evaluate({ type: 'file-exists', path: '/m', in: 'host' }, sandbox).pass).toBe(false);
  });
});

describe('evaluate file-exists with a pattern', () => {
  it("reads the pattern line by line and says what is missing in the learner's words", async () => {
    const sandbox = Sandbox.create({ seed: 9 });
    await sandbox.run('docker pull -q alpine');
    await sandbox.run("printf 'FROM alpine\\nRUN echo one > /one\\n' > Dockerfile");
    const check = {
      type: 'file-exists' as const,
      path: '/home/learner/build.log',
      in: 'host' as const,
      matches: {
        pattern: '^#(\\d+) \\[.*\\bRUN\\b.*\\n#\\1 CACHED$',
        shows: { en: 'a RUN step marked CACHED', 'zh-cn': '标着 CACHED 的 RUN 步骤' },
      },
    };
    // The first build finds only its base image in the cache: FROM is CACHED, RUN is not.
    await sandbox.run('docker build --progress=plain -t one . 2>&1 | tee build.log');
    expect(sandbox.host.fs.readText('/home/learner/build.log')).toContain('CACHED');
    expect(evaluate(check, sandbox)).toEqual({
      pass: false,
      message: {
        en: '/home/learner/build.log exists on the host but does not show a RUN step marked CACHED.',
        'zh-cn': '主机上有 /home/learner/build.log，但其中看不到标着 CACHED 的 RUN 步骤。',
      },
    });
    await sandbox.run('docker build --progress=plain -t one . 2>&1 | tee build.log');
    expect(evaluate(check, sandbox).pass).toBe(true);
  });

  it('reads what the learner wrote with the linear pattern engine, so a costly pattern cannot stall grading', async () => {
    const sandbox = Sandbox.create({ seed: 1 });
    await sandbox.run(`printf '${'a'.repeat(5000)}b' > greedy.txt`);
    const check = {
      type: 'file-exists' as const,
      path: '/home/learner/greedy.txt',
      in: 'host' as const,
      // Backtracking RegExp takes exponential time on this text; the Pike VM takes linear time.
      matches: { pattern: '^(a+)+$', shows: { en: 'only a', 'zh-cn': '只有 a' } },
    };
    expect(evaluate(check, sandbox).pass).toBe(false);
  });
});

describe('evaluate same-digest', () => {
  const refs = ['localhost:5000/team/tools:1.0', 'localhost:5000/team/tools:latest'];
  const check = { type: 'same-digest' as const, refs, shownIn: '/home/learner/digests.txt' };

  it('asks the registry each reference names, and wants both to name one manifest', async () => {
    const sandbox = Sandbox.create({ seed: 10 });
    await sandbox.run('docker pull -q alpine && docker pull -q busybox && docker pull -q registry:2');
    expect(evaluate(check, sandbox).message.en).toBe(
      'The registry that localhost:5000/team/tools:1.0 names does not answer.',
    );
    await sandbox.run('docker run -d -p 5000:5000 --name registry registry:2');
    await sandbox.run('docker tag alpine localhost:5000/team/tools:1.0');
    await sandbox.run('docker tag busybox localhost:5000/team/tools:latest');
    await sandbox.run('docker push -q localhost:5000/team/tools:1.0');
    expect(evaluate(check, sandbox).message.en).toBe(
      'Its registry holds no localhost:5000/team/tools:latest yet.',
    );
    await sandbox.run('docker push -q localhost:5000/team/tools:latest');
    expect(evaluate(check, sandbox)).toEqual({
      pass: false,
      message: {
        en: 'localhost:5000/team/tools:1.0 and localhost:5000/team/tools:latest name different manifests.',
        'zh-cn': 'localhost:5000/team/tools:1.0 和 localhost:5000/team/tools:latest 指向的是不同的清单。',
      },
    });
    // The local tags do not count: only what the registry answers.
    await sandbox.run('docker tag alpine localhost:5000/team/tools:latest');
    expect(evaluate(check, sandbox).pass).toBe(false);
    await sandbox.run('docker push -q localhost:5000/team/tools:latest');
    expect(evaluate({ type: 'same-digest', refs }, sandbox).pass).toBe(true);
  });

  it('with shownIn, wants a file that shows the shared digest once per reference', async () => {
    const sandbox = Sandbox.create({ seed: 11 });
    await sandbox.run('docker pull -q alpine && docker pull -q registry:2');
    await sandbox.run('docker run -d -p 5000:5000 --name registry registry:2');
    for (const ref of refs) await sandbox.run(`docker tag alpine ${ref} && docker push -q ${ref}`);
    expect(evaluate(check, sandbox).message.en).toBe('/home/learner/digests.txt does not exist on the host.');
    await sandbox.run(`docker pull ${refs[0]} > digests.txt`);
    expect(evaluate(check, sandbox).message.en).toBe(
      '/home/learner/digests.txt should show the digest of each of the 2 references; it shows their digest once.',
    );
    await sandbox.run(`docker pull ${refs[1]} >> digests.txt`);
    const verdict = evaluate(check, sandbox);
    expect(verdict.pass).toBe(true);
    expect(verdict.message.en).toMatch(
      /^localhost:5000\/team\/tools:1\.0, localhost:5000\/team\/tools:latest name one manifest, sha256:[0-9a-f]{64}\.$/,
    );
  });
});

describe('evaluate vm-running', () => {
  it('waits for the boot to finish and checks the memory', async () => {
    const sandbox = Sandbox.create({ seed: 7 });
    expect(evaluate({ type: 'vm-running', name: 'web1', booted: true }, sandbox).pass).toBe(false);
    await sandbox.run(
      'virt-install --name web1 --memory 1024 --vcpus 1 --disk size=10 --osinfo debian13 --import --noautoconsole',
    );
    const booting = evaluate({ type: 'vm-running', name: 'web1', booted: true }, sandbox);
    expect(booting.message.en).toBe('The VM "web1" is still booting.');
    await sandbox.run('sleep 60');
    expect(evaluate({ type: 'vm-running', name: 'web1', booted: true }, sandbox).pass).toBe(true);
    expect(evaluate({ type: 'vm-running', name: 'web1', booted: true, memoryMiB: 1 }, sandbox).pass).toBe(
      false,
    );
  });
});

describe('evaluate vm-running on the VirtualBox desktop', () => {
  it('says a running machine with no OS disk has nothing to boot, and passes once the cloud image boots', async () => {
    const sandbox = Sandbox.create({ seed: 7, machine: 'desktop' });
    const check = { type: 'vm-running' as const, name: 'dev', booted: true };
    await sandbox.run('VBoxManage createvm --name dev --ostype Ubuntu_64 --register');
    await sandbox.run('VBoxManage startvm dev --type headless; sleep 60');
    expect(evaluate(check, sandbox).message.en).toBe(
      'The VM "dev" is running, but it found nothing to boot: no disk with an operating system is attached.',
    );
    await sandbox.run('VBoxManage controlvm dev poweroff');
    await sandbox.run('VBoxManage storagectl dev --name SATA --add sata');
    await sandbox.run(
      'VBoxManage storageattach dev --storagectl SATA --port 0 --type hdd --medium ~/Downloads/noble-server-cloudimg-amd64.vmdk',
    );
    await sandbox.run('VBoxManage startvm dev --type headless; sleep 60');
    expect(evaluate(check, sandbox).pass).toBe(true);
  });
});

describe('evaluate ran', () => {
  it('finds the command in what the learner typed, flags in any order, long or short', async () => {
    const sandbox = Sandbox.create({ seed: 8 });
    await sandbox.run('docker pull -q alpine');
    const check = { type: 'ran' as const, command: 'docker run -m 64m alpine', exact: false, status: 0 };
    expect(evaluate(check, sandbox).message.en).toBe(
      'You have not run `docker run -m 64m alpine` yet (flags may come in any order).',
    );
    await sandbox.run('docker run --name xy --memory=64m alpine true && echo done');
    expect(evaluate(check, sandbox).pass).toBe(true);
    expect(evaluate({ ...check, exact: true }, sandbox).pass).toBe(false);
  });

  it('counts only commands that ran: not a typed line that never reached them', async () => {
    const sandbox = Sandbox.create({ seed: 8 });
    const check = { type: 'ran' as const, command: 'docker run -m 64m alpine', exact: false, status: 0 };
    await sandbox.run('false && docker run -m 64m alpine true');
    await sandbox.run('if false; then docker run -m 64m alpine true; fi');
    await sandbox.run('# docker run -m 64m alpine true');
    expect(evaluate(check, sandbox).pass).toBe(false);
    await sandbox.run("echo 'docker run -m 64m alpine true' > go.sh && sh go.sh");
    expect(evaluate(check, sandbox).pass).toBe(true);
  });

  it('wants success unless told otherwise: a command that failed did not do its work', async () => {
    const sandbox = Sandbox.create({ seed: 8 });
    const check = { type: 'ran' as const, command: 'docker run alpine', exact: false, status: 0 };
    await sandbox.run('docker run alpine sh -c "exit 3"');
    expect(evaluate(check, sandbox).pass).toBe(false);
    expect(evaluate({ ...check, status: 3 }, sandbox).pass).toBe(true);
    expect(evaluate({ ...check, status: 'any' as const }, sandbox).pass).toBe(true);
    await sandbox.run('docker run alpine true');
    expect(evaluate(check, sandbox).pass).toBe(true);
  });
});

describe('evaluate image-exists with nonRoot', () => {
  it("reads the user from the image's configuration: none, root or 0 is root", async () => {
    const sandbox = Sandbox.create({ seed: 6 });
    await sandbox.run('docker pull -q alpine');
    const build = async (tag: string, user: string) => {
      await sandbox.run(`printf 'FROM alpine AS build\\nRUN true\\nFROM alpine\\n${user}' > Dockerfile`);
      await sandbox.run(`docker build -q -t ${tag} .`);
    };
    await build('plain', '');
    await build('zero', 'USER 0:1000\\n');
    await build('numeric', 'USER 1000:1000\\n');
    await build('named', 'USER nobody\\n');
    expect(evaluate({ type: 'image-exists', ref: 'plain', nonRoot: true }, sandbox).message.en).toBe(
      'plain runs as root: its last stage sets no USER.',
    );
    expect(evaluate({ type: 'image-exists', ref: 'zero', nonRoot: true }, sandbox).message.en).toBe(
      'zero runs as root (USER 0:1000).',
    );
    expect(evaluate({ type: 'image-exists', ref: 'numeric', nonRoot: true }, sandbox).pass).toBe(true);
    expect(evaluate({ type: 'image-exists', ref: 'named', nonRoot: true }, sandbox).pass).toBe(true);
    expect(evaluate({ type: 'image-exists', ref: 'plain' }, sandbox).pass).toBe(true);
  });

  it('knows root by name and by any spelling of uid 0', () => {
    expect(['', 'root', 'root:app', '0', '00:0'].filter(runsAsRoot)).toHaveLength(5);
    expect(['app', '1000', '1000:0', 'rooty'].some(runsAsRoot)).toBe(false);
  });
});

describe('evaluate container-running with healthy', () => {
  it('waits for the health check to report healthy, and says when there is none', async () => {
    const sandbox = Sandbox.create({ seed: 7 });
    await sandbox.run('docker pull -q redis:8.2');
    await sandbox.run('docker run -d --name plain redis:8.2');
    await sandbox.run(
      'docker run -d --name checked --health-cmd "redis-cli ping" --health-interval 2s redis:8.2',
    );
    await sandbox.run('docker run -d --name failing --health-cmd false --health-interval 1s redis:8.2');
    const healthy = (name: string) => evaluate({ type: 'container-running', name, healthy: true }, sandbox);
    expect(healthy('checked').message.en).toBe(
      'The container "checked" is running, but its health check says starting, not healthy.',
    );
    await sandbox.run('sleep 5');
    expect(healthy('checked').pass).toBe(true);
    expect(healthy('plain').message.en).toBe('The container "plain" is running without a health check.');
    expect(healthy('failing').message.en).toBe(
      'The container "failing" is running, but its health check says unhealthy, not healthy.',
    );
  });
});
