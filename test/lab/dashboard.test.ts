import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import Dashboard, { formatBytes, formatDuration } from '../../src/lab/Dashboard';
import { Sandbox } from '../../src/sandbox/sandbox';

const labels = {
  host: 'Host',
  memory: 'Memory',
  disk: 'Disk',
  workloads: 'What runs',
  kind: 'Kind',
  name: 'Name',
  kernel: 'Kernel',
  startup: 'Start-up',
  vm: 'VM',
  container: 'Container',
  images: 'Image layers',
  shared: 'shared by {n} images',
  empty: 'Nothing runs',
  free: 'free',
  vmsLegend: 'VMs',
  containersLegend: 'containers',
  otherLegend: 'other',
  booting: 'booting',
  hypervisorType: 'type {n}',
};

describe('dashboard formatting', () => {
  it('writes sizes and durations as people read them', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(795 * 1024 * 1024)).toBe('795 MiB');
    expect(formatBytes(2.25 * 1024 ** 3)).toBe('2.3 GiB');
    expect(formatDuration(280)).toBe('280 ms');
    expect(formatDuration(20_089)).toBe('20.1 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});

describe('Dashboard', () => {
  it('shows a VM with its own kernel beside containers on the host kernel, and shared layers', async () => {
    const sandbox = Sandbox.create({ seed: 'dash' });
    await sandbox.run(
      [
        'virt-install --name vm1 --memory 2048 --vcpus 2 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole',
        'sleep 60',
        'docker run -d --name web nginx',
        'docker run -d --name cache redis',
      ].join('\n'),
    );
    const html = renderToStaticMarkup(createElement(Dashboard, { snapshot: sandbox.resources(), labels }));
    expect(html).toContain('VM (KVM, type 1)');
    expect(html).toContain('6.8.0-41-generic');
    expect(html.match(/<td>Container<\/td>/g)).toHaveLength(2);
    expect(html.match(/<td>6\.8\.0-45-generic<\/td>/g)).toHaveLength(2);
    expect(html).toContain('280 ms');
    expect(html).toContain('shared by 2 images');
    expect(html).toMatch(/Memory \(7\.8 GiB\): VMs 2\.\d GiB, containers \d+\.\d MiB/);
  });

  it('says nothing runs on a fresh host', () => {
    const html = renderToStaticMarkup(
      createElement(Dashboard, { snapshot: Sandbox.create().resources(), labels }),
    );
    expect(html).toContain('Nothing runs');
  });
});
