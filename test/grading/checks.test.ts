import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/grading/checks';
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
