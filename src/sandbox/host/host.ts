import { Filesystem } from '../fs/filesystem.ts';
import type { Layer } from '../fs/node.ts';
import type { Program, User } from '../shell/program.ts';
import type {
  DiskInfo,
  EchoRoute,
  HttpFailure,
  HttpResponse,
  Kernel,
  MemoryInfo,
  NetInterface,
  ProcessInfo,
  System,
} from '../shell/system.ts';
import type { Workload } from './workload.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** The serialisable part of a host. */
export interface HostState {
  hostname: string;
  /** Virtual time the host booted. */
  bootTime: number;
  /** Changes to the host's root filesystem. */
  upper: Layer;
  /** PID of the learner's login shell. */
  shellPid: number;
  /** The PID the next background job gets. */
  nextPid?: number;
}

export interface HostProfile {
  kernel: Kernel;
  cpus: number;
  cpuModel: string;
  /** `vmx` (Intel VT-x) or `svm` (AMD-V). */
  virtFlag: 'vmx' | 'svm';
  memTotal: number;
  diskSize: number;
  /** Bytes the installed OS occupies before anything is added. */
  diskBase: number;
  /** Memory the idle OS uses, and its page cache. */
  memBase: number;
  memCache: number;
  /** Processes of the idle system (without the learner's shell). */
  systemProcesses: Omit<ProcessInfo, 'start'>[];
}

/** An Ubuntu 24.04 server with KVM-capable CPUs, 4 vCPUs and 8 GiB of RAM. */
export const SERVER_PROFILE: HostProfile = {
  kernel: {
    name: 'Linux',
    release: '6.8.0-45-generic',
    version: '#45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024',
    machine: 'x86_64',
  },
  cpus: 4,
  cpuModel: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
  virtFlag: 'vmx',
  memTotal: 8_141_284 * KiB,
  diskSize: 40 * GiB,
  diskBase: 6_180_000_000,
  memBase: 610 * MiB,
  memCache: 1_180 * MiB,
  systemProcesses: [
    proc(1, 0, 'root', 'Ss', 11_968, 22_376, '/sbin/init'),
    proc(2, 0, 'root', 'S', 0, 0, '[kthreadd]'),
    proc(412, 1, 'root', 'S<s', 45_312, 68_516, '/usr/lib/systemd/systemd-journald'),
    proc(455, 1, 'root', 'Ss', 6_528, 27_432, '/usr/lib/systemd/systemd-udevd'),
    proc(601, 1, 'systemd-network', 'Ss', 8_704, 19_036, '/usr/lib/systemd/systemd-networkd'),
    proc(
      688,
      1,
      'messagebus',
      'Ss',
      5_120,
      9_780,
      '@dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only',
    ),
    proc(702, 1, 'root', 'Ss', 2_688, 7_292, '/usr/sbin/cron -f -P'),
    proc(745, 1, 'root', 'Ssl', 48_736, 1_873_420, '/usr/bin/containerd'),
    proc(812, 1, 'root', 'Ss', 8_192, 12_020, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'),
    proc(
      903,
      1,
      'root',
      'Ssl',
      86_224,
      2_336_744,
      '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
    ),
    proc(1201, 812, 'root', 'Ss', 11_264, 15_364, 'sshd: learner [priv]'),
    proc(1277, 1201, 'learner', 'S', 7_040, 15_624, 'sshd: learner@pts/0'),
  ],
};

function proc(pid: number, ppid: number, user: string, stat: string, rss: number, vsz: number, args: string) {
  const uid = user === 'root' ? 0 : user === 'learner' ? 1000 : user === 'messagebus' ? 101 : 998;
  const tty = user === 'learner' && args.startsWith('-') ? 'pts/0' : '?';
  return { pid, ppid, uid, user, tty, stat, cpuMs: pid < 1000 ? 1_200 : 10, rss, vsz, args };
}

/**
 * The physical (or cloud) machine the learner logs into. It adds up its workloads for `ps`,
 * `free` and `df`, and routes HTTP to whichever workload listens on a port.
 */
export class Host implements System {
  readonly state: HostState;
  readonly profile: HostProfile;
  readonly fs: Filesystem;
  readonly programs: Record<string, Program>;
  readonly workloads: Workload[] = [];
  readonly offline = true;
  private readonly now: () => number;

  constructor(
    state: HostState,
    profile: HostProfile,
    lowers: Layer[],
    programs: Record<string, Program>,
    now: () => number,
  ) {
    this.state = state;
    this.profile = profile;
    this.programs = programs;
    this.now = now;
    this.fs = new Filesystem(lowers, state.upper, { now });
  }

  get hostname(): string {
    return this.state.hostname;
  }

  get kernel(): Kernel {
    return this.profile.kernel;
  }

  get cpus(): number {
    return this.profile.cpus;
  }

  processes(): ProcessInfo[] {
    const now = this.now();
    const boot = this.state.bootTime;
    const own: ProcessInfo[] = this.profile.systemProcesses.map((p) => ({ ...p, start: boot }));
    own.push({
      pid: this.state.shellPid,
      ppid: 1277,
      uid: 1000,
      user: 'learner',
      tty: 'pts/0',
      stat: 'Ss',
      start: boot + 60_000,
      cpuMs: 20,
      rss: 5_376,
      vsz: 8_784,
      args: '-bash',
    });
    // The kernel knows only UIDs: the host's /etc/passwd names them, whoever started the process.
    const names = new Map<number, string>();
    try {
      for (const line of this.fs.readText('/etc/passwd').split('\n')) {
        const [name, , uid] = line.split(':');
        if (name && uid && !names.has(Number(uid))) names.set(Number(uid), name);
      }
    } catch {
      // An unreadable passwd file leaves numeric users, as procps would show them.
    }
    for (const w of this.workloads) {
      for (const p of w.processes(now)) own.push({ ...p, user: names.get(p.uid) ?? String(p.uid) });
    }
    return own.sort((a, b) => a.pid - b.pid);
  }

  memory(): MemoryInfo {
    const now = this.now();
    const workloads = this.workloads.reduce((sum, w) => sum + w.memoryBytes(now), 0);
    const { memTotal, memBase, memCache } = this.profile;
    const used = Math.min(memTotal, memBase + workloads);
    const buffCache = Math.max(0, Math.min(memCache, memTotal - used - 64 * MiB));
    const free = Math.max(0, memTotal - used - buffCache);
    return {
      total: memTotal,
      used,
      free,
      shared: 4_600 * KiB,
      buffCache,
      available: Math.max(0, memTotal - used - 90 * MiB),
      swapTotal: 0,
      swapUsed: 0,
    };
  }

  /** Bytes of memory not yet promised to anyone (what a new VM can still reserve). */
  memoryHeadroom(): number {
    const m = this.memory();
    return m.total - m.used;
  }

  disks(): DiskInfo[] {
    let upper = 0;
    for (const entry of Object.values(this.state.upper))
      if (entry.type === 'file') upper += entry.allocated ?? entry.size;
    const workloads = this.workloads.reduce((sum, w) => sum + w.diskBytes(), 0);
    const size = this.profile.diskSize;
    return [
      { filesystem: 'tmpfs', type: 'tmpfs', size: 795 * MiB, used: 1_100 * KiB, mountpoint: '/run' },
      {
        filesystem: '/dev/vda1',
        type: 'ext4',
        size,
        used: Math.min(size, this.profile.diskBase + upper + workloads),
        mountpoint: '/',
      },
      { filesystem: 'tmpfs', type: 'tmpfs', size: 3_975 * MiB, used: 0, mountpoint: '/dev/shm' },
      { filesystem: 'tmpfs', type: 'tmpfs', size: 5 * MiB, used: 0, mountpoint: '/run/lock' },
      { filesystem: '/dev/vda15', type: 'vfat', size: 105 * MiB, used: 6_100 * KiB, mountpoint: '/boot/efi' },
      { filesystem: 'tmpfs', type: 'tmpfs', size: 795 * MiB, used: 12 * KiB, mountpoint: '/run/user/1000' },
    ];
  }

  uptimeMs(now: number): number {
    return now - this.state.bootTime;
  }

  interfaces(): NetInterface[] {
    const own: NetInterface[] = [
      { index: 1, name: 'lo', mac: '00:00:00:00:00:00', mtu: 65536, up: true, inet: ['127.0.0.1/8'] },
      { index: 2, name: 'ens3', mac: '52:54:00:12:34:56', mtu: 1500, up: true, inet: ['10.0.2.15/24'] },
    ];
    for (const w of this.workloads) own.push(...(w.interfaces?.() ?? []));
    return own.sort((a, b) => a.index - b.index);
  }

  procFile(path: string, now: number): string | undefined {
    for (const w of this.workloads) {
      const text = w.procFile?.(path);
      if (text !== undefined) return text;
    }
    return hostProcFile(this, path, now);
  }

  http(
    host: string,
    port: number,
    method: string,
    path: string,
    headers?: [string, string][],
    body?: string,
  ): HttpResponse | HttpFailure {
    for (const w of this.workloads) {
      const answer = w.http?.(host, port, method, path, headers, body);
      if (answer) return answer;
    }
    return this.unanswered(host, port);
  }

  tcp(host: string, port: number, data: string): { data: string } | HttpFailure {
    for (const w of this.workloads) {
      const answer = w.tcp?.(host, port, data);
      if (answer) return answer;
    }
    return this.unanswered(host, port);
  }

  echo(host: string): EchoRoute {
    // /etc/hosts: localhost is loopback, the machine's own name 127.0.1.1 (Ubuntu's convention).
    if (host === 'localhost') return { address: '127.0.0.1', answers: true };
    if (host === this.hostname) return { address: '127.0.1.1', answers: true };
    if (/^127\.\d+\.\d+\.\d+$/.test(host) || host === '10.0.2.15' || host === '0.0.0.0')
      return { address: host, answers: true };
    for (const w of this.workloads) {
      const route = w.echo?.(host);
      if (route) return route;
    }
    return /^\d+\.\d+\.\d+\.\d+$/.test(host) ? { address: host, answers: false } : { error: 'unresolved' };
  }

  /** No workload owns the address: nothing listens locally, and other names do not resolve. */
  private unanswered(host: string, port: number): HttpFailure {
    const local = ['localhost', '127.0.0.1', '0.0.0.0', '::1', this.hostname].includes(host);
    return { error: local || /^\d+\.\d+\.\d+\.\d+$/.test(host) ? 'refused' : 'unresolved', host, port };
  }

  kill(pid: number, signal: number, actor: User): 'ok' | 'ESRCH' | 'EPERM' {
    for (const w of this.workloads) {
      const result = w.kill?.(pid, signal, actor);
      if (result) return result;
    }
    const target = this.processes().find((p) => p.pid === pid);
    if (!target) return 'ESRCH';
    if (actor.uid !== 0 && target.uid !== actor.uid) return 'EPERM';
    return 'ok';
  }
}

/** /proc and /sys files every Linux host has. */
function hostProcFile(host: Host, path: string, now: number): string | undefined {
  const { profile } = host;
  switch (path) {
    case '/proc/version':
      return `Linux version ${profile.kernel.release} (buildd@lcy02-amd64-046) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) ${profile.kernel.version}\n`;
    case '/proc/uptime': {
      const up = host.uptimeMs(now) / 1000;
      return `${up.toFixed(2)} ${(up * profile.cpus * 0.97).toFixed(2)}\n`;
    }
    case '/proc/loadavg':
      return `0.08 0.03 0.01 1/${host.processes().length} ${host.state.shellPid + 10}\n`;
    case '/proc/meminfo': {
      const m = host.memory();
      const kb = (n: number) => `${String(Math.round(n / 1024)).padStart(8)} kB`;
      return [
        `MemTotal:       ${kb(m.total)}`,
        `MemFree:        ${kb(m.free)}`,
        `MemAvailable:   ${kb(m.available)}`,
        `Buffers:        ${kb(m.buffCache * 0.05)}`,
        `Cached:         ${kb(m.buffCache * 0.8)}`,
        `SwapCached:     ${kb(0)}`,
        `Shmem:          ${kb(m.shared)}`,
        `SReclaimable:   ${kb(m.buffCache * 0.15)}`,
        `SwapTotal:      ${kb(m.swapTotal)}`,
        `SwapFree:       ${kb(m.swapTotal - m.swapUsed)}`,
        '',
      ].join('\n');
    }
    case '/proc/cpuinfo':
      return Array.from({ length: profile.cpus }, (_, i) =>
        [
          `processor\t: ${i}`,
          `vendor_id\t: ${profile.virtFlag === 'vmx' ? 'GenuineIntel' : 'AuthenticAMD'}`,
          `model name\t: ${profile.cpuModel}`,
          'cpu MHz\t\t: 2000.000',
          `cpu cores\t: ${profile.cpus}`,
          `flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq ${profile.virtFlag} ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch avx2 smep bmi2 erms invpcid avx512f avx512dq rdseed adx smap`,
          '',
        ].join('\n'),
      ).join('\n');
    case '/proc/sys/kernel/hostname':
      return `${host.hostname}\n`;
    default:
      return undefined;
  }
}
