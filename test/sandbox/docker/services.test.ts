import { describe, expect, it, vi } from 'vitest';

/** A fresh copy of the engine's modules, so no server's code is loaded yet. */
async function freshEngine() {
  vi.resetModules();
  const { Sandbox } = await import('../../../src/sandbox/sandbox');
  const services = await import('../../../src/sandbox/docker/services');
  return { Sandbox, ...services };
}

describe('server models load on first use', () => {
  it('loads none until a container starts one, then the one it runs', async () => {
    const { Sandbox, serviceFactory } = await freshEngine();
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q nginx >/dev/null; docker pull -q redis >/dev/null');
    expect(() => serviceFactory('service/nginx')).toThrow(/service\/nginx was not loaded/);
    await s.run('docker run -d --name web -p 8080:80 nginx >/dev/null');
    expect(serviceFactory('service/nginx')).toBeTypeOf('function');
    expect(() => serviceFactory('service/redis')).toThrow(/not loaded/);
    expect(serviceFactory('gnu/ls')).toBeUndefined();
    expect(await s.run('curl -s localhost:8080 | grep -o "Welcome to nginx!" | head -1')).toBe(
      'Welcome to nginx!\n',
    );
  });

  it('loads a restored state’s running servers before its first prompt', async () => {
    const first = await freshEngine();
    const s = first.Sandbox.create({ seed: 3 });
    await s.run('docker run -d --name cache redis >/dev/null; docker exec cache redis-cli set kept yes');
    const state = JSON.parse(JSON.stringify(s.snapshot()));
    const memory = s.resources();

    const { Sandbox, serviceFactory } = await freshEngine();
    const restored = Sandbox.restore(state);
    await restored.whenIdle();
    expect(serviceFactory('service/redis')).toBeTypeOf('function');
    // Read without running a line: the dashboard asks the engine for a running server's memory.
    expect(restored.resources()).toEqual(memory);
    expect(await restored.run('docker exec cache redis-cli get kept')).toBe('yes\n');
  });
});
