import { Host, type HostProfile } from '../host/host.ts';
import type { Program } from '../shell/program.ts';
import type { DiskInfo, NetInterface, ProcessInfo } from '../shell/system.ts';
import { initStart, kernelStart } from './boot.ts';
import { type GuestOs, guestBaseLayer } from './os.ts';
import type { DomainRecord } from './state.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** An SSH login into a guest: interactive (a pty) or running one command. */
export interface GuestSession {
  user: string;
  command: string | null;
}

/** Memory the guest kernel reports as MemTotal: the configured RAM less what firmware and kernel keep. */
export function guestMemTotal(memoryMiB: number): number {
  const bytes = memoryMiB * MiB;
  return bytes - 40 * MiB - Math.round(bytes * 0.02);
}

/** Bytes the guest's own files add on its disk (what it wrote since the image was made). */
export function upperBytes(d: DomainRecord): number {
  let total = 0;
  for (const entry of Object.values(d.guest.upper)) if (entry.type === 'file') total += entry.size;
  return total;
}

/** The guest's network interface name: virtio on q35 is enp1s0, VirtualBox's e1000 is enp0s3. */
export function nicName(d: DomainRecord, os: GuestOs): string {
  if (os.id === 'alpine3.22') return 'eth0';
  return d.hypervisor === 'kvm' ? 'enp1s0' : 'enp0s3';
}

/**
 * A Linux guest seen from inside: a whole machine with its own kernel, PID 1 and services, its own
 * RAM (`free` shows the configured memory, not the host's), its own disk and network. It is a Host
 * in the model's terms, so Docker can run inside it exactly as it runs on the real host.
 */
export class GuestSystem extends Host {
  readonly domain: DomainRecord;
  readonly os: GuestOs;
  private readonly clock: () => number;
  private readonly sessions: () => GuestSession[];
  /** Extra bytes on the guest disk besides its files (Docker's layers inside). */
  private readonly extraDisk: () => number;

  constructor(options: {
    domain: DomainRecord;
    os: GuestOs;
    hostProfile: HostProfile;
    programs: Record<string, Program>;
    now: () => number;
    sessions: () => GuestSession[];
    extraDisk: () => number;
  }) {
    const { domain: d, os } = options;
    const profile: HostProfile = {
      kernel: os.kernel,
      cpus: d.vcpus,
      // virt-install's default CPU model is host-passthrough: the guest sees the host's CPU.
      cpuModel: options.hostProfile.cpuModel,
      virtFlag: options.hostProfile.virtFlag,
      memTotal: guestMemTotal(d.memoryMiB),
      diskSize: d.disk.virtualBytes,
      diskBase: os.fsUsedBytes,
      memBase: os.idleUsed,
      memCache: Math.min(os.idleCache, Math.round(d.memoryMiB * MiB * 0.3)),
      systemProcesses: [],
    };
    super(d.guest, profile, [guestBaseLayer(os, 'learner')], options.programs, options.now);
    this.domain = d;
    this.os = os;
    this.clock = options.now;
    this.sessions = options.sessions;
    this.extraDisk = options.extraDisk;
  }

  override uptimeMs(now: number): number {
    const boot = this.domain.boot;
    return boot ? Math.max(0, now - kernelStart(boot)) : 0;
  }

  override processes(): ProcessInfo[] {
    const d = this.domain;
    const boot = d.boot;
    if (d.power !== 'running' || !boot) return [];
    const now = this.clock();
    const k = kernelStart(boot);
    const init = initStart(boot);
    const out: ProcessInfo[] = [];
    for (const p of this.os.processes) {
      const start = p.at < 0 ? k : init + Math.round(p.at * boot.userspaceMs);
      if (now < start) continue;
      out.push({
        pid: p.pid,
        ppid: p.ppid,
        uid: p.uid,
        user: p.user,
        // Gettys wait on ttyS0 and tty1 but nobody is logged in there: `uptime` must not count them.
        tty: '?',
        stat: p.stat,
        start,
        cpuMs: p.at < 0 ? 0 : Math.min(900, Math.round((now - start) / 400)),
        rss: p.rss,
        vsz: p.vsz,
        args: p.args,
      });
    }
    const listener = out.find((p) => p.args.startsWith('sshd: /usr/sbin/sshd'));
    const modern = this.os.id !== 'ubuntu24.04';
    const sshd = modern ? 'sshd-session' : 'sshd';
    const sessions = this.sessions();
    if (listener && sessions.length > 0) {
      const login = now - 1_000;
      const user = sessions[0]?.user ?? 'learner';
      if (this.os.id !== 'alpine3.22') {
        out.push(
          {
            ...sessionProc(1180, 1, 1000, user, 'Ss', login, '/usr/lib/systemd/systemd --user'),
            rss: 10_240,
            vsz: 20_176,
          },
          { ...sessionProc(1181, 1180, 1000, user, 'S', login, '(sd-pam)'), rss: 3_584, vsz: 21_136 },
        );
      }
      sessions.forEach((s, i) => {
        const base = 1233 + i * 60;
        const tty = s.command === null ? `pts/${i}` : '?';
        out.push(
          sessionProc(base, listener.pid, 0, 'root', 'Ss', login, `${sshd}: ${s.user} [priv]`),
          sessionProc(
            base + 57,
            base,
            1000,
            s.user,
            'S',
            login,
            `${sshd}: ${s.user}@${s.command === null ? tty : 'notty'}`,
          ),
          {
            ...sessionProc(
              base + 58,
              base + 57,
              1000,
              s.user,
              'Ss',
              login,
              s.command === null
                ? this.os.shell === 'ash'
                  ? '-ash'
                  : '-bash'
                : `${this.os.shell} -c ${s.command}`,
            ),
            tty,
          },
        );
      });
    }
    const names = new Map<number, string>();
    try {
      for (const line of this.fs.readText('/etc/passwd').split('\n')) {
        const [name, , uid] = line.split(':');
        if (name && uid && !names.has(Number(uid))) names.set(Number(uid), name);
      }
    } catch {
      // A guest whose passwd was deleted shows numeric users, like procps.
    }
    for (const w of this.workloads) {
      for (const p of w.processes(now)) out.push({ ...p, user: names.get(p.uid) ?? String(p.uid) });
    }
    return out.sort((a, b) => a.pid - b.pid);
  }

  override disks(): DiskInfo[] {
    const d = this.domain;
    const mem = guestMemTotal(d.memoryMiB);
    const ubuntu = this.os.id === 'ubuntu24.04';
    const reserved = ubuntu ? 1_024 * MiB : this.os.id === 'debian13' ? 128 * MiB : 300 * MiB;
    const size = Math.max(GiB, d.disk.virtualBytes - reserved);
    const used = Math.min(size, this.os.fsUsedBytes + upperBytes(d) + this.extraDisk());
    const root: DiskInfo = {
      filesystem: this.os.id === 'alpine3.22' ? '/dev/vda3' : '/dev/vda1',
      type: 'ext4',
      size,
      used,
      mountpoint: '/',
    };
    const run = Math.round(mem / 10);
    const list: DiskInfo[] = [
      { filesystem: 'tmpfs', type: 'tmpfs', size: run, used: 1_020 * KiB, mountpoint: '/run' },
      root,
      { filesystem: 'tmpfs', type: 'tmpfs', size: Math.round(mem / 2), used: 0, mountpoint: '/dev/shm' },
    ];
    if (this.os.id === 'alpine3.22') {
      list.push({
        filesystem: '/dev/vda1',
        type: 'ext4',
        size: 272 * MiB,
        used: 24 * MiB,
        mountpoint: '/boot',
      });
      return list;
    }
    list.push({ filesystem: 'tmpfs', type: 'tmpfs', size: 5 * MiB, used: 0, mountpoint: '/run/lock' });
    if (ubuntu)
      list.push({
        filesystem: '/dev/vda16',
        type: 'ext4',
        size: 881 * MiB,
        used: 112 * MiB,
        mountpoint: '/boot',
      });
    list.push({
      filesystem: '/dev/vda15',
      type: 'vfat',
      size: (ubuntu ? 105 : 124) * MiB,
      used: 6_100 * KiB,
      mountpoint: '/boot/efi',
    });
    if (this.sessions().some((s) => s.command === null))
      list.push({
        filesystem: 'tmpfs',
        type: 'tmpfs',
        size: run,
        used: 12 * KiB,
        mountpoint: '/run/user/1000',
      });
    return list;
  }

  override interfaces(): NetInterface[] {
    const d = this.domain;
    const own: NetInterface[] = [
      { index: 1, name: 'lo', mac: '00:00:00:00:00:00', mtu: 65536, up: true, inet: ['127.0.0.1/8'] },
      { index: 2, name: nicName(d, this.os), mac: d.mac, mtu: 1500, up: true, inet: [`${d.ip}/24`] },
    ];
    for (const w of this.workloads) own.push(...(w.interfaces?.() ?? []));
    return own.sort((a, b) => a.index - b.index);
  }

  override procFile(path: string, now: number): string | undefined {
    const d = this.domain;
    const vbox = d.hypervisor === 'virtualbox';
    switch (path) {
      case '/proc/version':
        return `Linux version ${this.os.kernel.release} ${this.os.build} ${this.os.kernel.version}\n`;
      case '/proc/modules':
        return guestModules(vbox);
      case '/sys/class/dmi/id/sys_vendor':
        return vbox ? 'innotek GmbH\n' : 'QEMU\n';
      case '/sys/class/dmi/id/product_name':
        return vbox ? 'VirtualBox\n' : 'Standard PC (Q35 + ICH9, 2009)\n';
      case '/sys/hypervisor/type':
        return undefined;
      default:
        return super.procFile(path, now);
    }
  }
}

function sessionProc(
  pid: number,
  ppid: number,
  uid: number,
  user: string,
  stat: string,
  start: number,
  args: string,
): ProcessInfo {
  return { pid, ppid, uid, user, tty: '?', stat, start, cpuMs: 10, rss: 6_912, vsz: 17_640, args };
}

/** /proc/modules inside a guest: paravirtual drivers, no kvm (nested is not loaded by default). */
function guestModules(vbox: boolean): string {
  const mods: [string, number, number, string][] = vbox
    ? [
        ['vboxguest', 487_424, 2, ''],
        ['e1000', 180_224, 0, ''],
        ['ahci', 49_152, 1, ''],
        ['libahci', 53_248, 1, 'ahci,'],
      ]
    : [
        ['virtio_net', 77_824, 0, ''],
        ['net_failover', 24_576, 1, 'virtio_net,'],
        ['failover', 12_288, 1, 'net_failover,'],
        ['virtio_blk', 28_672, 2, ''],
        ['virtio_rng', 12_288, 0, ''],
        ['virtio_balloon', 28_672, 0, ''],
        ['virtio_console', 45_056, 1, ''],
      ];
  return mods
    .map(([name, size, used, by]) => `${name} ${size} ${used} ${by || '-'} Live 0x0000000000000000\n`)
    .join('');
}
