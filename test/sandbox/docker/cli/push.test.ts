import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

/** A sandbox running registry:2 on localhost:5000, with busybox pulled. */
async function withRegistry(): Promise<Sandbox> {
  const s = Sandbox.create({ seed: 'push' });
  await s.run('docker pull -q busybox');
  await s.run('docker run -d -p 5000:5000 --name registry registry:2');
  return s;
}

describe('docker push', () => {
  it('names the repository before saying no image has a tag in it', async () => {
    const s = await withRegistry();
    expect(await s.run('docker push localhost:5000/other; echo "status $?"')).toBe(
      [
        'Using default tag: latest',
        'The push refers to repository [localhost:5000/other]',
        'An image does not exist locally with the tag: localhost:5000/other',
        'status 1',
        '',
      ].join('\n'),
    );
  });

  it('says which tag is missing when the repository has others', async () => {
    const s = await withRegistry();
    await s.run('docker tag busybox localhost:5000/box');
    expect(await s.run('docker push localhost:5000/box:2.0; echo "status $?"')).toBe(
      'The push refers to repository [localhost:5000/box]\ntag does not exist: localhost:5000/box:2.0\nstatus 1\n',
    );
  });

  it('prints only the error with --quiet', async () => {
    const s = await withRegistry();
    expect(await s.run('docker push -q localhost:5000/other; echo "status $?"')).toBe(
      'An image does not exist locally with the tag: localhost:5000/other\nstatus 1\n',
    );
  });
});
