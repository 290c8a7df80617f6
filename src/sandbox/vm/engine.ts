import { nextHex } from '../core/random.ts';
import { dockerProgram } from '../docker/cli/index.ts';
import { DockerEngine, type EngineDeps, emptyDockerState } from '../docker/engine.ts';
import type { DockerState } from '../docker/state.ts';
import type { Filesystem } from '../fs/filesystem.ts';
import type { Layer } from '../fs/node.ts';
import type { Host } from '../host/host.ts';
import type { Workload } from '../host/workload.ts';
import type { Shell, ShellHost } from '../shell/interpreter.ts';
import type { Program, ShellFlavor, User } from '../shell/program.ts';
import type { EchoRoute, ProcessInfo, System } from '../shell/system.ts';
import {
  type BootPhase,
  bootDone,
  bootLog,
  bootPhase,
  type ConsoleLine,
  planBoot,
  shutdownLog,
  sshReady,
} from './boot.ts';
import { type GuestSession, GuestSystem, upperBytes } from './guest-system.ts';
import { GUEST_OS, type GuestOs } from './os.ts';
import type { DomainRecord, GuestOsId, Hypervisor, SnapshotRecord, StateReason, VirtState } from './state.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/** An empty qcow2: the file is 192.5 KiB long and occupies 196 KiB (qemu-img info's "disk size"). */
export const QCOW2_EMPTY_LENGTH = 197_120;
export const QCOW2_EMPTY_ALLOCATED = 200_704;

/** The host's uid for libvirt's QEMU processes (Debian's fixed libvirt-qemu uid). */
export const LIBVIRT_QEMU_UID = 64055;

export interface VmDeps extends Omit<EngineDeps, 'makeShell'> {
  makeShell(options: {
    system: System;
    fs: Filesystem;
    user: User;
    cwd: string;
    env: Record<string, string>;
    flavor: ShellFlavor;
    host: ShellHost;
    pid?: number;
  }): Shell;
}

/** What a new machine is made of. */
export interface DefineOptions {
  name: string;
  hypervisor: Hypervisor;
  os: GuestOsId;
  vcpus: number;
  memoryMiB: number;
  diskPath: string;
  diskFormat: 'qcow2' | 'vdi';
  virtualBytes: number;
  /** OS bytes already on the disk (an imported cloud image); 0 for a blank disk. */
  seedBytes: number;
  preallocBytes: number;
  cdrom: string | null;
}

export type StartResult =
  | { ok: true }
  | { ok: false; error: 'active' | 'memory' | 'storage'; detail: string };

interface GuestCache {
  upper: Layer;
  docker: DockerState | null;
  system: GuestSystem;
  engine: DockerEngine | null;
}

/**
 * The hypervisor side of the host: libvirt/QEMU on the server (type 1, KVM in the host kernel) or
 * VirtualBox on the desktop (type 2, an application). A host workload: every running guest is a
 * host process that holds its whole RAM, and every disk image is a file on the host's disk.
 * Boots, shutdowns and installs are planned events settled lazily against the virtual clock.
 */
export class VmEngine implements Workload {
  readonly state: VirtState;
  readonly host: Host;
  readonly deps: VmDeps;
  private readonly guests = new Map<string, GuestCache>();
  private readonly sessionsOf = new Map<string, GuestSession[]>();

  constructor(state: VirtState, host: Host, deps: VmDeps) {
    this.state = state;
    this.host = host;
    this.deps = deps;
  }

  now(): number {
    return this.deps.now();
  }

  /** The hypervisor this machine has. */
  get hypervisor(): Hypervisor {
    return this.state.machine === 'server' ? 'kvm' : 'virtualbox';
  }

  osOf(d: DomainRecord): GuestOs {
    return GUEST_OS[d.os];
  }

  /** Machines of one hypervisor (or all), in creation order. */
  domains(hypervisor?: Hypervisor): DomainRecord[] {
    this.reconcile();
    return Object.values(this.state.domains)
      .filter((d) => !hypervisor || d.hypervisor === hypervisor)
      .sort((a, b) => a.created - b.created || a.name.localeCompare(b.name));
  }

  /** A domain by name, by running id, or by UUID (as virsh looks them up). */
  find(key: string, hypervisor?: Hypervisor): DomainRecord | undefined {
    const all = this.domains(hypervisor);
    return (
      all.find((d) => d.name === key) ??
      all.find((d) => d.id !== null && String(d.id) === key) ??
      all.find((d) => d.uuid === key.toLowerCase())
    );
  }

  uuid(): string {
    const h = nextHex(this.deps.random, 32);
    const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  // --- lifecycle ---

  /** Registers a new machine (shut off). */
  define(o: DefineOptions): DomainRecord {
    const now = this.now();
    const kvm = o.hypervisor === 'kvm';
    const host = this.state.nextHost++;
    const mac = `${kvm ? '52:54:00' : '08:00:27'}:${nextHex(this.deps.random, 6).replace(/(..)(?=.)/g, '$1:')}`;
    const d: DomainRecord = {
      name: o.name,
      uuid: this.uuid(),
      hypervisor: o.hypervisor,
      os: o.os,
      vcpus: o.vcpus,
      memoryMiB: o.memoryMiB,
      created: now,
      persistent: true,
      autostart: false,
      disk: {
        path: o.diskPath,
        format: o.diskFormat,
        virtualBytes: o.virtualBytes,
        seedBytes: o.seedBytes,
        preallocBytes: o.preallocBytes,
      },
      installed: o.seedBytes > 0,
      cdrom: o.cdrom,
      everBooted: false,
      mac,
      ip: `${kvm ? '192.168.122' : '192.168.56'}.${host}`,
      power: 'shut off',
      reason: 'unknown',
      id: null,
      pid: 0,
      boot: null,
      since: now,
      stop: null,
      cpuMs: 0,
      guest: { hostname: o.name, bootTime: now, upper: {}, shellPid: 1291 },
      docker: o.os === 'ubuntu24.04' ? emptyDockerState(now, this.deps.random) : null,
      snapshots: [],
      currentSnapshot: null,
      lastLogin: null,
      hostKey: base64(nextHex(this.deps.random, 66)).slice(0, 43),
    };
    // cloud-init writes the hostname the guest was given.
    d.guest.upper['/etc/hostname'] = {
      type: 'file',
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: now,
      size: o.name.length + 1,
      text: `${o.name}\n`,
    };
    this.state.domains[o.name] = d;
    return d;
  }

  /** Whether the disk (or the installation medium) holds something to boot. */
  bootable(d: DomainRecord): boolean {
    return d.installed || d.cdrom !== null;
  }

  /** Installing from the ISO: the installer runs instead of the OS. */
  installing(d: DomainRecord): boolean {
    return !d.installed && d.cdrom !== null;
  }

  /** Memory a running guest holds on the host: its RAM plus the hypervisor process's own. */
  reservedBytes(d: DomainRecord): number {
    return d.memoryMiB * MiB + this.overheadBytes(d);
  }

  overheadBytes(d: DomainRecord): number {
    return (d.hypervisor === 'kvm' ? 180 : 150) * MiB + d.vcpus * 8 * MiB;
  }

  /** Powers a machine on: checks it is off, its disk exists and the host can give it its RAM. */
  start(d: DomainRecord): StartResult {
    this.reconcile();
    const now = this.now();
    if (d.power === 'running') return { ok: false, error: 'active', detail: '' };
    // A VirtualBox machine with no hard disk powers on all the same, and its BIOS finds nothing to boot.
    if (d.disk.path && !this.host.fs.exists(d.disk.path))
      return { ok: false, error: 'storage', detail: d.disk.path };
    const available = this.host.memory().available;
    if (this.reservedBytes(d) > available) return { ok: false, error: 'memory', detail: '' };
    const resumed = d.power === 'saved' && d.boot;
    d.power = 'running';
    d.pid = this.state.nextPid;
    this.state.nextPid += 4;
    if (d.hypervisor === 'kvm') d.id = this.state.nextId++;
    if (resumed && d.boot) {
      // A saved state resumes where it stopped: the guest never noticed the pause.
      d.boot = { ...d.boot, start: d.boot.start + (now - d.since) };
      d.reason = 'unknown';
    } else {
      const first = !d.everBooted && d.installed;
      d.boot = planBoot(this.osOf(d), first, now, this.deps.random);
      d.reason = 'booted';
      if (this.installing(d)) {
        d.stop = { at: now + d.boot.firmwareMs + this.osOf(d).installMs, reason: 'shutdown' };
      }
      if (d.installed) d.everBooted = true;
      d.guest.bootTime = now + d.boot.firmwareMs + d.boot.loaderMs;
    }
    d.since = now;
    return { ok: true };
  }

  /** The phase of the current boot, or 'off'. */
  phase(d: DomainRecord): BootPhase | 'off' | 'no-boot' {
    this.reconcile();
    if (d.power !== 'running' || !d.boot) return 'off';
    if (!d.installed) return 'no-boot';
    return bootPhase(d.boot, d.pausedAt ?? this.now());
  }

  /** A guest answers ping on its network's address once its kernel has brought the network up. */
  echo(host: string): EchoRoute | undefined {
    const d = this.domains().find((x) => x.ip === host);
    if (!d) return undefined;
    return { address: host, answers: this.sshReady(d) };
  }

  /** The guest answers on port 22. */
  sshReady(d: DomainRecord): boolean {
    this.reconcile();
    if (d.power !== 'running' || !d.boot || !d.installed || d.stop || d.pausedAt !== undefined) return false;
    return this.now() >= sshReady(d.boot);
  }

  /** When the current boot reaches its login prompt (virtual time). */
  bootDoneAt(d: DomainRecord): number | null {
    return d.boot && d.installed ? bootDone(d.boot) : null;
  }

  /**
   * ACPI power button: the guest shuts down by itself a few seconds later (after it has booted far
   * enough to handle the event). Returns false when it is not running.
   */
  shutdown(d: DomainRecord, restart = false): boolean {
    this.reconcile();
    if (d.power !== 'running' || !d.boot) return false;
    if (d.stop) return true;
    const os = this.osOf(d);
    const now = this.now();
    const ready = d.installed ? bootDone(d.boot) : now;
    const from = Math.max(now, ready);
    d.stop = { at: from + os.shutdownMs, reason: 'shutdown', ...(restart ? { restart: true } : {}) };
    return true;
  }

  /** `virsh suspend`: the virtual CPUs stop, the guest keeps its memory. False when it is not running. */
  suspend(d: DomainRecord): boolean {
    this.reconcile();
    if (d.power !== 'running') return false;
    d.pausedAt ??= this.now();
    return true;
  }

  /**
   * `virsh resume`: the CPUs go on where they stopped, so the boot and any planned stop move later by
   * the time spent paused. Resuming a running domain does nothing. False when it is not running.
   */
  resume(d: DomainRecord): boolean {
    this.reconcile();
    if (d.power !== 'running') return false;
    if (d.pausedAt === undefined) return true;
    const paused = this.now() - d.pausedAt;
    if (d.boot) d.boot.start += paused;
    if (d.stop) d.stop.at += paused;
    d.guest.bootTime += paused;
    delete d.pausedAt;
    return true;
  }

  /** Pulls the plug. */
  destroy(d: DomainRecord, reason: StateReason = 'destroyed'): boolean {
    this.reconcile();
    if (d.power !== 'running') return false;
    this.powerOff(d, this.now(), reason);
    return true;
  }

  /** VirtualBox `savestate`: RAM to disk, the process ends, the guest resumes later as if paused. */
  save(d: DomainRecord): boolean {
    this.reconcile();
    if (d.power !== 'running' || !d.boot) return false;
    const now = this.now();
    d.cpuMs += this.runCpuMs(d, now);
    d.power = 'saved';
    d.reason = 'saved';
    d.pid = 0;
    d.since = now;
    d.stop = null;
    return true;
  }

  /** Removes a machine's definition; a running one stays as a transient domain until it stops. */
  undefine(d: DomainRecord, removeStorage: boolean): string[] {
    const removed: string[] = [];
    if (removeStorage && d.disk.path && this.host.fs.exists(d.disk.path)) {
      this.host.fs.remove(d.disk.path);
      removed.push(d.disk.path);
      delete this.state.images[d.disk.path];
    }
    if (d.power === 'running') d.persistent = false;
    else this.forget(d);
    return removed;
  }

  private forget(d: DomainRecord): void {
    delete this.state.domains[d.name];
    this.guests.delete(d.name);
    this.sessionsOf.delete(d.name);
  }

  /** Settles planned events that are due: shutdowns finish, installers power off, reboots restart. */
  reconcile(): void {
    const now = this.now();
    for (const d of Object.values(this.state.domains)) {
      const stop = d.stop;
      if (!stop || stop.at > now || d.power !== 'running' || d.pausedAt !== undefined) continue;
      if (this.installing(d)) {
        d.installed = true;
        d.disk.seedBytes = this.osOf(d).installBytes;
        d.cdrom = null;
      }
      if (stop.restart && d.boot) {
        d.cpuMs += this.runCpuMs(d, stop.at);
        d.stop = null;
        d.boot = planBoot(this.osOf(d), false, stop.at, this.deps.random);
        d.guest.bootTime = stop.at + d.boot.firmwareMs + d.boot.loaderMs;
        d.reason = 'booted';
        continue;
      }
      this.powerOff(d, stop.at, stop.reason);
    }
  }

  private powerOff(d: DomainRecord, at: number, reason: StateReason): void {
    d.cpuMs += this.runCpuMs(d, at);
    d.power = 'shut off';
    delete d.pausedAt;
    d.reason = reason;
    d.id = null;
    d.pid = 0;
    d.boot = null;
    d.stop = null;
    d.since = at;
    this.sessionsOf.delete(d.name);
    if (!d.persistent) this.forget(d);
  }

  /** CPU time the current run has used: busy while booting, nearly idle after. */
  private runCpuMs(d: DomainRecord, now: number): number {
    if (d.power !== 'running' || !d.boot) return 0;
    const elapsed = Math.max(0, now - d.boot.start);
    const booting = d.installed ? bootDone(d.boot) - d.boot.start : elapsed;
    const busy = this.osOf(d).family === 'windows' ? 1.4 : 0.9;
    return Math.min(elapsed, booting) * busy + Math.max(0, elapsed - booting) * 0.004 * d.vcpus;
  }

  /** Total CPU time of a machine, ms. */
  cpuTimeMs(d: DomainRecord): number {
    return d.cpuMs + this.runCpuMs(d, this.now());
  }

  // --- snapshots ---

  /** Takes an internal snapshot (disk, and memory when running). */
  snapshotCreate(d: DomainRecord, name: string, description: string): SnapshotRecord {
    this.reconcile();
    const running = d.power === 'running';
    const ram = running ? this.osOf(d).idleUsed + 64 * MiB : 0;
    const snap: SnapshotRecord = {
      name,
      uuid: this.uuid(),
      created: this.now(),
      description,
      state: running ? 'running' : 'shutoff',
      parent: d.currentSnapshot,
      upper: structuredClone(d.guest.upper),
      docker: d.docker ? structuredClone(d.docker) : null,
      bytes: upperBytes(d) + ram + 2 * MiB,
      boot: running && d.boot ? { ...d.boot } : null,
    };
    d.snapshots.push(snap);
    d.currentSnapshot = name;
    return snap;
  }

  /**
   * Reverts to a snapshot: the disk returns to the snapshot's files; a live snapshot resumes running
   * with its memory (so no boot), a shut-off one leaves the machine off.
   */
  snapshotRevert(d: DomainRecord, snap: SnapshotRecord): StartResult {
    this.reconcile();
    const now = this.now();
    if (snap.state === 'running' && d.power !== 'running') {
      const started = this.start(d);
      if (!started.ok) return started;
    }
    if (snap.state === 'shutoff' && d.power === 'running') this.powerOff(d, now, 'from snapshot');
    d.guest.upper = structuredClone(snap.upper);
    d.docker = snap.docker ? structuredClone(snap.docker) : null;
    this.guests.delete(d.name);
    if (snap.state === 'running' && snap.boot) {
      // The guest's clock and uptime carry on from the moment of the snapshot.
      const shift = now - snap.created;
      d.boot = { ...snap.boot, start: snap.boot.start + shift };
      d.guest.bootTime = d.boot.start + d.boot.firmwareMs + d.boot.loaderMs;
      d.reason = 'from snapshot';
      d.stop = null;
    }
    if (snap.state === 'shutoff') d.reason = 'from snapshot';
    d.currentSnapshot = snap.name;
    return { ok: true };
  }

  snapshotDelete(d: DomainRecord, snap: SnapshotRecord): void {
    d.snapshots = d.snapshots.filter((s) => s !== snap);
    for (const s of d.snapshots) if (s.parent === snap.name) s.parent = snap.parent;
    if (d.currentSnapshot === snap.name) d.currentSnapshot = snap.parent;
  }

  // --- the guest as a machine ---

  /** The Linux guest's System (null for Windows). Rebuilt when its state objects were replaced. */
  guest(d: DomainRecord): GuestSystem | null {
    const os = this.osOf(d);
    if (os.family !== 'linux') return null;
    const cached = this.guests.get(d.name);
    if (cached && cached.upper === d.guest.upper && cached.docker === d.docker && cached.system.domain === d)
      return cached.system;
    const programs: Record<string, Program> = Object.create(this.host.programs) as Record<string, Program>;
    let engine: DockerEngine | null = null;
    const system = new GuestSystem({
      domain: d,
      os,
      hostProfile: this.host.profile,
      programs,
      now: () => this.now(),
      sessions: () => this.sessionsOf.get(d.name) ?? [],
      extraDisk: () => engine?.diskBytes() ?? 0,
    });
    if (d.docker) {
      engine = new DockerEngine(d.docker, system, {
        now: () => this.now(),
        random: this.deps.random,
        makeShell: (o) => this.deps.makeShell(o),
        spawn: this.deps.spawn,
        scheduler: this.deps.scheduler,
      });
      system.workloads.push(engine);
      // The guest's docker client talks to the guest's daemon, not the host's.
      programs.docker = dockerProgram(engine);
    }
    this.guests.set(d.name, { upper: d.guest.upper, docker: d.docker, system, engine });
    return system;
  }

  /** Docker inside the guest, if it has one. */
  guestDocker(d: DomainRecord): DockerEngine | null {
    this.guest(d);
    return this.guests.get(d.name)?.engine ?? null;
  }

  sessions(d: DomainRecord): GuestSession[] {
    return this.sessionsOf.get(d.name) ?? [];
  }

  /** An SSH login begins (its processes show in the guest until it ends). */
  openSession(d: DomainRecord, session: GuestSession): () => void {
    const list = this.sessionsOf.get(d.name) ?? [];
    list.push(session);
    this.sessionsOf.set(d.name, list);
    return () => {
      const current = this.sessionsOf.get(d.name);
      if (current)
        this.sessionsOf.set(
          d.name,
          current.filter((s) => s !== session),
        );
      this.syncDisk(d);
    };
  }

  /** Processes running inside the guest (its own PID namespace), for counts. */
  guestProcessCount(d: DomainRecord): number {
    if (d.power !== 'running') return 0;
    const os = this.osOf(d);
    if (os.family === 'windows') return this.phase(d) === 'up' ? 24 : 2;
    return this.guest(d)?.processes().length ?? 0;
  }

  // --- disks ---

  /** Bytes the machine's disk image occupies on the host now. */
  diskAllocated(d: DomainRecord): number {
    const os = this.osOf(d);
    let content = d.disk.seedBytes;
    if (d.everBooted) content += os.firstBootBytes;
    content += upperBytes(d);
    content += this.guestDocker(d)?.diskBytes() ?? 0;
    for (const s of d.snapshots) content += s.bytes;
    const header = d.disk.format === 'qcow2' ? QCOW2_EMPTY_ALLOCATED : 2 * MiB;
    return Math.max(d.disk.preallocBytes, header + content);
  }

  /** Writes the image's current size to its file, so `ls -l` and `du` see it grow. */
  syncDisk(d: DomainRecord): void {
    if (!d.disk.path) return;
    const node = this.host.fs.stat(d.disk.path);
    if (node?.type !== 'file') return;
    const size = this.diskAllocated(d);
    if (node.size === size) return;
    const path = this.host.fs.resolve(d.disk.path).path;
    this.host.fs.writeBlob(path, size, {
      actor: { uid: node.uid, gid: node.gid },
      mode: node.mode,
      mtime: this.now(),
    });
  }

  /** Every log line of the current run (boot, and the shutdown under way). */
  consoleLines(d: DomainRecord): ConsoleLine[] {
    if (d.power !== 'running' || !d.boot) return [];
    const os = this.osOf(d);
    const lines = this.bootable(d)
      ? bootLog(d, os, d.boot, this.installing(d))
      : [
          {
            at: d.boot.start,
            text: 'SeaBIOS (version 1.16.3-debian-1.16.3-2)\n\nBooting from Hard Disk...\nBoot failed: not a bootable disk\n\nNo bootable device.\n',
          },
        ];
    if (d.stop && d.installed) {
      const from = Math.max(this.now(), d.stop.at - os.shutdownMs);
      lines.push(...shutdownLog(os, d.boot, from, d.stop.at, d.stop.restart ?? false));
    }
    return lines;
  }

  // --- Workload: what the host sees ---

  processes(_now: number): ProcessInfo[] {
    this.reconcile();
    const out: ProcessInfo[] = [];
    const daemon = (
      pid: number,
      user: string,
      uid: number,
      rss: number,
      vsz: number,
      args: string,
      ppid = 1,
    ) =>
      out.push({
        pid,
        ppid,
        uid,
        user,
        tty: '?',
        stat: 'Ssl',
        start: this.host.state.bootTime,
        cpuMs: 800,
        rss,
        vsz,
        args,
      });
    if (this.state.machine === 'server') {
      daemon(1003, 'root', 0, 7_552, 83_412, '/usr/sbin/virtlogd');
      daemon(1004, 'root', 0, 31_232, 1_612_364, '/usr/sbin/libvirtd --timeout 120');
      daemon(
        1121,
        'libvirt-dnsmasq',
        LIBVIRT_DNSMASQ_UID,
        1_920,
        10_084,
        '/usr/sbin/dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/default.conf --leasefile-ro --dhcp-script=/usr/lib/libvirt/libvirt_leaseshelper',
      );
      daemon(
        1122,
        'root',
        0,
        1_408,
        10_084,
        '/usr/sbin/dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/default.conf --leasefile-ro --dhcp-script=/usr/lib/libvirt/libvirt_leaseshelper',
        1121,
      );
    } else if (this.state.vboxsvc) {
      const svc = this.state.vboxsvc;
      out.push(
        {
          pid: svc.pid,
          ppid: 1,
          uid: 1000,
          user: 'learner',
          tty: '?',
          stat: 'S',
          start: svc.started,
          cpuMs: 90,
          rss: 6_144,
          vsz: 145_236,
          args: '/usr/lib/virtualbox/VBoxXPCOMIPCD',
        },
        {
          pid: svc.pid + 6,
          ppid: 1,
          uid: 1000,
          user: 'learner',
          tty: '?',
          stat: 'Sl',
          start: svc.started,
          cpuMs: 350,
          rss: 26_624,
          vsz: 1_012_532,
          args: '/usr/lib/virtualbox/VBoxSVC --auto-shutdown',
        },
      );
    }
    for (const d of this.domains()) {
      if (d.power !== 'running') continue;
      const rss = Math.round(this.reservedBytes(d) / KiB);
      const common = {
        tty: '?',
        start: d.since,
        cpuMs: Math.round(this.cpuTimeMs(d)),
        rss,
        vsz: rss + 2_203_648,
      };
      if (d.hypervisor === 'kvm') {
        out.push(
          {
            ...common,
            pid: d.pid,
            ppid: 1,
            uid: LIBVIRT_QEMU_UID,
            user: 'libvirt-qemu',
            stat: 'Sl',
            args: qemuArgs(d),
          },
          {
            ...common,
            pid: d.pid + 2,
            ppid: 2,
            uid: 0,
            user: 'root',
            stat: 'S',
            cpuMs: 0,
            rss: 0,
            vsz: 0,
            args: `[kvm-nx-lpage-recovery-${d.pid}]`,
          },
          {
            ...common,
            pid: d.pid + 3,
            ppid: 2,
            uid: 0,
            user: 'root',
            stat: 'S',
            cpuMs: 0,
            rss: 0,
            vsz: 0,
            args: `[kvm-pit/${d.pid}]`,
          },
        );
      } else {
        out.push({
          ...common,
          pid: d.pid,
          ppid: (this.state.vboxsvc?.pid ?? 0) + 6,
          uid: 1000,
          user: 'learner',
          stat: 'Sl',
          args: `/usr/lib/virtualbox/VBoxHeadless --comment ${d.name} --startvm ${d.uuid} --vrde config`,
        });
      }
    }
    return out;
  }

  memoryBytes(): number {
    this.reconcile();
    let total = this.state.machine === 'server' ? 42 * MiB : this.state.vboxsvc ? 32 * MiB : 0;
    for (const d of Object.values(this.state.domains))
      if (d.power === 'running') total += this.reservedBytes(d);
    return total;
  }

  /** Image growth not yet written to the files (the files themselves are counted with the host's). */
  diskBytes(): number {
    let delta = 0;
    for (const d of Object.values(this.state.domains)) {
      if (!d.disk.path) continue;
      const node = this.host.fs.stat(d.disk.path);
      if (node?.type === 'file') delta += this.diskAllocated(d) - node.size;
    }
    return delta;
  }

  procFile(path: string): string | undefined {
    if (path !== '/proc/modules') return undefined;
    this.reconcile();
    const running = Object.values(this.state.domains).filter((d) => d.power === 'running').length;
    const line = (name: string, size: number, used: number, by: string) =>
      `${name} ${size} ${used} ${by ? `${by},` : '-'} Live 0x0000000000000000\n`;
    const own =
      this.state.machine === 'server'
        ? line('kvm_intel', 487_424, running, '') +
          line('kvm', 1_409_024, 1, 'kvm_intel') +
          line('irqbypass', 12_288, 1, 'kvm')
        : line('vboxnetadp', 28_672, 0, '') +
          line('vboxnetflt', 32_768, 0, '') +
          line('vboxdrv', 696_320, 2 + running, 'vboxnetadp,vboxnetflt');
    return (
      line('xt_conntrack', 12_288, 1, '') +
      line('nft_chain_nat', 12_288, 3, '') +
      line('xt_MASQUERADE', 16_384, 1, '') +
      line('bridge', 421_888, 0, 'br_netfilter') +
      line('br_netfilter', 32_768, 0, '') +
      line('stp', 12_288, 1, 'bridge') +
      line('llc', 16_384, 2, 'bridge,stp') +
      line('overlay', 212_992, 0, '') +
      own +
      line('nf_tables', 376_832, 245, 'nft_chain_nat') +
      line('virtio_net', 77_824, 0, '') +
      line('virtio_blk', 28_672, 2, '')
    );
  }

  kill(pid: number, signal: number, actor: User): 'ok' | 'EPERM' | undefined {
    for (const d of Object.values(this.state.domains)) {
      if (d.power !== 'running' || d.pid !== pid) continue;
      const owner = d.hypervisor === 'kvm' ? LIBVIRT_QEMU_UID : 1000;
      if (actor.uid !== 0 && actor.uid !== owner) return 'EPERM';
      if (signal === 9 || signal === 15) this.powerOff(d, this.now(), signal === 9 ? 'crashed' : 'destroyed');
      return 'ok';
    }
    return undefined;
  }
}

/** Base64 of the bytes a hex string spells (host keys and fingerprints are shown that way). */
function base64(hex: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = '';
  for (let i = 0; i + 1 < hex.length; i += 2)
    bits += Number.parseInt(hex.slice(i, i + 2), 16)
      .toString(2)
      .padStart(8, '0');
  let out = '';
  for (let i = 0; i + 6 <= bits.length; i += 6) out += alphabet[Number.parseInt(bits.slice(i, i + 6), 2)];
  return out;
}

/** The dnsmasq user libvirt's default network runs as. */
export const LIBVIRT_DNSMASQ_UID = 121;

/** The recognisable start of libvirt's QEMU command line (the full one runs to several KiB). */
function qemuArgs(d: DomainRecord): string {
  const bytes = d.memoryMiB * MiB;
  return `/usr/bin/qemu-system-x86_64 -name guest=${d.name},debug-threads=on -S -object {"qom-type":"secret","id":"masterKey0","format":"raw","file":"/var/lib/libvirt/qemu/domain-${d.id}-${d.name}/master-key.aes"} -machine pc-q35-noble,usb=off,vmport=off,dump-guest-core=off,memory-backend=pc.ram,hpet=off,acpi=on -accel kvm -cpu host,migratable=on -m size=${bytes / KiB}k -object {"qom-type":"memory-backend-ram","id":"pc.ram","size":${bytes}} -overcommit mem-lock=off -smp ${d.vcpus},sockets=${d.vcpus},cores=1,threads=1 -uuid ${d.uuid} -no-user-config -nodefaults -chardev socket,id=charmonitor,fd=32,server=on,wait=off -mon chardev=charmonitor,id=monitor,mode=control -rtc base=utc,driftfix=slew -global kvm-pit.lost_tick_policy=delay -no-shutdown -boot strict=on -blockdev {"driver":"file","filename":"${d.disk.path}","node-name":"libvirt-1-storage","auto-read-only":true,"discard":"unmap"} -device {"driver":"virtio-blk-pci","bus":"pci.4","addr":"0x0","drive":"libvirt-1-format","id":"virtio-disk0","bootindex":1} -netdev {"type":"tap","fd":"34","vhost":true,"vhostfd":"36","id":"hostnet0"} -device {"driver":"virtio-net-pci","netdev":"hostnet0","id":"net0","mac":"${d.mac}","bus":"pci.1","addr":"0x0"} -chardev pty,id=charserial0 -device {"driver":"isa-serial","chardev":"charserial0","id":"serial0","index":0} -sandbox on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny -msg timestamp=on`;
}
