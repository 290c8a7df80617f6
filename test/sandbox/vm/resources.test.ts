import { describe, expect, it } from 'vitest';
import { CONTAINER_START_MS } from '../../../src/sandbox/docker/cli/run.ts';
import { Lab } from './harness.ts';

const MiB = 1024 * 1024;

describe('resourceSnapshot', () => {
  it('is plain JSON and describes an empty host', () => {
    const lab = new Lab();
    const snap = lab.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.host).toMatchObject({
      hostname: 'quayside',
      kernelRelease: '6.8.0-45-generic',
      cpus: 4,
      hypervisor: 'kvm',
      hypervisorType: 1,
    });
    expect(snap.vms).toEqual([]);
    expect(snap.containers).toEqual([]);
  });

  it('compares three VMs with three containers from one image', async () => {
    const lab = new Lab();
    for (const n of [1, 2, 3])
      await lab.exec(
        `virt-install --name vm${n} --memory 2048 --vcpus 2 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole`,
      );
    for (const n of [1, 2, 3]) await lab.exec(`docker run -d --name web${n} nginx`);
    const booting = lab.snapshot();
    expect(booting.vms.map((v) => v.boot.finishedAt)).toEqual([null, null, null]);
    lab.advance(60_000);
    const snap = lab.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.vms).toHaveLength(3);
    for (const vm of snap.vms) {
      expect(vm).toMatchObject({
        hypervisor: 'kvm',
        hypervisorType: 1,
        os: 'Ubuntu 24.04.1 LTS',
        kernelRelease: '6.8.0-41-generic',
        state: 'running',
        phase: 'up',
        vcpus: 2,
        memoryConfiguredBytes: 2048 * MiB,
        memoryReservedBytes: 2244 * MiB,
      });
      expect(vm.boot.durationMs).toBeGreaterThan(15_000);
      expect(vm.boot.durationMs).toBe((vm.boot.finishedAt ?? 0) - (vm.boot.startedAt ?? 0));
      expect(vm.disk.allocatedBytes).toBeGreaterThan(700 * MiB);
      expect(vm.processes).toBeGreaterThan(25);
    }
    const image = snap.images[0];
    if (!image) throw new Error('no image');
    expect(snap.containers.map((c) => c.name)).toEqual(['web1', 'web2', 'web3']);
    for (const c of snap.containers) {
      expect(c).toMatchObject({
        image: 'nginx',
        state: 'running',
        memoryLimitBytes: null,
        startDurationMs: CONTAINER_START_MS,
        kernelRelease: '6.8.0-45-generic',
        layerBytes: { shared: image.sizeBytes, own: 0 },
      });
      expect(c.memoryUsedBytes).toBeLessThan(64 * MiB);
    }
    expect(image.tags).toEqual(['nginx:latest']);
    expect(image.layers.every((l) => l.images.length === 1 && l.images[0] === image.id)).toBe(true);
    // Three guests cost three OS installs; three containers share one image.
    expect(snap.totals.vmDiskAllocatedBytes).toBe(snap.vms.reduce((s, v) => s + v.disk.allocatedBytes, 0));
    expect(snap.totals.vmDiskAllocatedBytes).toBeGreaterThan(3 * 700 * MiB);
    expect(snap.totals.imageLayerBytes).toBe(image.sizeBytes);
    expect(snap.totals.vmMemoryReservedBytes).toBe(3 * 2244 * MiB);
    expect(snap.totals.containerMemoryUsedBytes).toBeLessThan(snap.totals.vmMemoryReservedBytes / 50);
    expect(snap.host.memory.usedBytes).toBe(lab.host.memory().used);
  });

  it('names a Windows guest by its NT version and shows shared layers across images', async () => {
    const lab = new Lab();
    await lab.exec(
      'virt-install --name win1 --memory 4096 --disk size=40 --osinfo win2k22 --import --noautoconsole',
    );
    await lab.exec('docker pull nginx');
    await lab.exec('docker pull debian');
    const snap = lab.snapshot();
    expect(snap.vms[0]).toMatchObject({
      kernelRelease: 'Windows NT 10.0',
      os: 'Microsoft Windows Server 2022 Standard Evaluation',
    });
    const shared = snap.images.flatMap((i) => i.layers).filter((l) => l.images.length > 1);
    for (const layer of shared) expect(layer.images).toEqual([...layer.images].sort());
  });

  it('reports VirtualBox as a type 2 hypervisor on the desktop', async () => {
    const lab = new Lab('desktop');
    await lab.exec('VBoxManage createvm --name ubu1 --ostype Ubuntu_64 --register');
    const snap = lab.snapshot();
    expect(snap.host).toMatchObject({ hypervisor: 'virtualbox', hypervisorType: 2, cpus: 8 });
    expect(snap.vms[0]).toMatchObject({
      name: 'ubu1',
      hypervisor: 'virtualbox',
      hypervisorType: 2,
      state: 'shut off',
      memoryReservedBytes: 0,
    });
  });
});
