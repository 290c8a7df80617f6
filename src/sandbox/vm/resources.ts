import { CONTAINER_START_MS } from '../docker/cli/run.ts';
import type { DockerEngine } from '../docker/engine.ts';
import type { Host } from '../host/host.ts';
import { bootDone, bootPhase } from './boot.ts';
import type { VmEngine } from './engine.ts';

/** The host's totals, as `free`, `df` and `nproc` report them. */
export interface HostResources {
  hostname: string;
  kernelRelease: string;
  cpus: number;
  /** `kvm` on the server (type 1: in the host kernel), `virtualbox` on the desktop (type 2). */
  hypervisor: 'kvm' | 'virtualbox';
  hypervisorType: 1 | 2;
  memory: { totalBytes: number; usedBytes: number; availableBytes: number };
  disk: { totalBytes: number; usedBytes: number };
}

/** One virtual machine: a whole computer with its own kernel, RAM and disk image. */
export interface VmResources {
  name: string;
  hypervisor: 'kvm' | 'virtualbox';
  hypervisorType: 1 | 2;
  /** The guest OS, e.g. `Ubuntu 24.04.1 LTS`. */
  os: string;
  /** The guest's own kernel (`6.8.0-41-generic`), or `Windows NT 10.0`. */
  kernelRelease: string;
  state: 'running' | 'shut off' | 'saved';
  /** Where the current boot is: `firmware` … `up`; `off` when not running; `no-boot` without an OS. */
  phase: 'firmware' | 'loader' | 'kernel' | 'userspace' | 'up' | 'off' | 'no-boot';
  vcpus: number;
  memoryConfiguredBytes: number;
  /** RAM the host gives the guest while it runs (configured RAM plus the hypervisor process). */
  memoryReservedBytes: number;
  disk: { path: string; format: 'qcow2' | 'vdi'; allocatedBytes: number; virtualBytes: number };
  boot: {
    /** Virtual ms since the epoch the current boot began (null when off). */
    startedAt: number | null;
    /** When it reached the login prompt (null until then). */
    finishedAt: number | null;
    /** finishedAt − startedAt (null until finished). */
    durationMs: number | null;
  };
  /** Processes inside the guest (its own PID namespace, PID 1 included). */
  processes: number;
  snapshots: number;
}

/** One container: processes on the host kernel, sharing its image's layers with every sibling. */
export interface ContainerResources {
  name: string;
  id: string;
  image: string;
  state: string;
  memoryUsedBytes: number;
  /** The --memory limit, or null when unlimited. */
  memoryLimitBytes: number | null;
  /** Read-only image layers (shared by every container of the image) and the container's own writable layer. */
  layerBytes: { shared: number; own: number };
  /** What starting it costs: a few hundred milliseconds, no boot. */
  startDurationMs: number;
  /** Always the host's: containers have no kernel of their own. */
  kernelRelease: string;
  processes: number;
}

/** One layer of an image, and every image that has it. */
export interface LayerShare {
  diffId: string;
  sizeBytes: number;
  /** Image ids (sha256:…) whose stacks include this layer. */
  images: string[];
}

/** An image's layer stack, base first. */
export interface ImageLayers {
  id: string;
  tags: string[];
  sizeBytes: number;
  layers: LayerShare[];
}

/** Everything the comparison dashboard shows: plain, JSON-serialisable data. */
export interface ResourceSnapshot {
  at: number;
  host: HostResources;
  vms: VmResources[];
  containers: ContainerResources[];
  images: ImageLayers[];
  totals: {
    vmMemoryReservedBytes: number;
    vmDiskAllocatedBytes: number;
    containerMemoryUsedBytes: number;
    containerOwnLayerBytes: number;
    /** Image layer bytes on disk, each layer counted once however many images and containers use it. */
    imageLayerBytes: number;
  };
}

/**
 * Measures the host, its virtual machines and its containers at one virtual instant: what the
 * course's VM-versus-container dashboard draws. Reads the engines' state; changes nothing but the
 * settling of events that are already due.
 */
export function resourceSnapshot(input: {
  host: Host;
  docker: DockerEngine;
  vms: VmEngine;
  now: number;
}): ResourceSnapshot {
  const { host, docker, vms, now } = input;
  docker.reconcile();
  vms.reconcile();
  const mem = host.memory();
  const root = host.disks().find((d) => d.mountpoint === '/');
  const kvm = vms.hypervisor === 'kvm';
  const vmList: VmResources[] = vms.domains().map((d) => {
    const os = vms.osOf(d);
    const running = d.power === 'running';
    const done = running && d.boot && d.installed ? bootDone(d.boot) : null;
    const finished = done !== null && now >= done ? done : null;
    return {
      name: d.name,
      hypervisor: d.hypervisor,
      hypervisorType: d.hypervisor === 'kvm' ? 1 : 2,
      os: os.pretty,
      kernelRelease: os.family === 'windows' ? 'Windows NT 10.0' : os.kernel.release,
      state: d.power,
      phase: !running || !d.boot ? 'off' : !d.installed ? 'no-boot' : bootPhase(d.boot, now),
      vcpus: d.vcpus,
      memoryConfiguredBytes: d.memoryMiB * 1024 * 1024,
      memoryReservedBytes: running ? vms.reservedBytes(d) : 0,
      disk: {
        path: d.disk.path,
        format: d.disk.format,
        allocatedBytes: vms.diskAllocated(d),
        virtualBytes: d.disk.virtualBytes,
      },
      boot: {
        startedAt: running && d.boot ? d.boot.start : null,
        finishedAt: finished,
        durationMs: finished !== null && d.boot ? finished - d.boot.start : null,
      },
      processes: vms.guestProcessCount(d),
      snapshots: d.snapshots.length,
    };
  });
  const containers: ContainerResources[] = Object.values(docker.state.containers)
    .sort((a, b) => a.created - b.created || a.name.localeCompare(b.name))
    .map((c) => {
      const image = docker.state.images[c.image];
      let own = 0;
      for (const entry of Object.values(c.upper)) if (entry.type === 'file') own += entry.size;
      return {
        name: c.name,
        id: c.id,
        image: c.imageRef,
        state: c.state.status,
        memoryUsedBytes: docker.containerMemory(c),
        memoryLimitBytes: c.hostConfig.memory > 0 ? c.hostConfig.memory : null,
        layerBytes: { shared: image ? docker.imageSize(image) : 0, own },
        startDurationMs: CONTAINER_START_MS,
        kernelRelease: host.kernel.release,
        processes: docker.processesOf(c).length,
      };
    });
  const users = new Map<string, string[]>();
  for (const image of Object.values(docker.state.images)) {
    for (const diffId of image.layers) users.set(diffId, [...(users.get(diffId) ?? []), image.id]);
  }
  const images: ImageLayers[] = Object.values(docker.state.images)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((image) => ({
      id: image.id,
      tags: docker.tagsOf(image.id),
      sizeBytes: docker.imageSize(image),
      layers: image.layers.map((diffId) => ({
        diffId,
        sizeBytes: docker.state.layers[diffId]?.size ?? 0,
        images: [...new Set(users.get(diffId) ?? [])].sort(),
      })),
    }));
  let imageLayerBytes = 0;
  for (const layer of Object.values(docker.state.layers)) imageLayerBytes += layer.size;
  return {
    at: now,
    host: {
      hostname: host.hostname,
      kernelRelease: host.kernel.release,
      cpus: host.cpus,
      hypervisor: kvm ? 'kvm' : 'virtualbox',
      hypervisorType: kvm ? 1 : 2,
      memory: { totalBytes: mem.total, usedBytes: mem.used, availableBytes: mem.available },
      disk: { totalBytes: root?.size ?? 0, usedBytes: root?.used ?? 0 },
    },
    vms: vmList,
    containers,
    images,
    totals: {
      vmMemoryReservedBytes: vmList.reduce((s, v) => s + v.memoryReservedBytes, 0),
      vmDiskAllocatedBytes: vmList.reduce((s, v) => s + v.disk.allocatedBytes, 0),
      containerMemoryUsedBytes: containers.reduce((s, c) => s + c.memoryUsedBytes, 0),
      containerOwnLayerBytes: containers.reduce((s, c) => s + c.layerBytes.own, 0),
      imageLayerBytes,
    },
  };
}
