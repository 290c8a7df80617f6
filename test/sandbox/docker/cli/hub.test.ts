import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

describe('docker login and logout', () => {
  it('files the credentials under the registry host in ~/.docker/config.json, and logout erases them', async () => {
    const s = Sandbox.create({ seed: 'login' });
    await s.run('docker run -d -p 5000:5000 --name registry registry:2');
    await s.run('echo secret | docker login -u learner --password-stdin http://localhost:5000/');
    // base64 of learner:secret, indented with tabs as the client writes the file.
    expect(await s.run('cat ~/.docker/config.json')).toBe(
      '{\n\t"auths": {\n\t\t"localhost:5000": {\n\t\t\t"auth": "bGVhcm5lcjpzZWNyZXQ="\n\t\t}\n\t}\n}',
    );
    expect(await s.run('docker logout localhost:5000; grep -c localhost ~/.docker/config.json')).toBe(
      'Removing login credentials for localhost:5000\n0\n',
    );
  });

  it('says it removes the credentials even when there are none', async () => {
    const s = Sandbox.create({ seed: 'logout' });
    expect(await s.run('docker logout; docker logout https://localhost:5000; echo "status $?"')).toBe(
      'Removing login credentials for https://index.docker.io/v1/\nRemoving login credentials for localhost:5000\nstatus 0\n',
    );
  });
});
