import { type HostProfile, SERVER_PROFILE } from '../host/host.ts';
import type { ProcessInfo } from '../shell/system.ts';
import type { MachineKind } from './state.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

const UIDS: Record<string, number> = {
  root: 0,
  learner: 1000,
  messagebus: 101,
  'systemd-resolve': 991,
  'systemd-timesync': 996,
  'systemd-oom': 989,
  avahi: 104,
  polkitd: 990,
  gdm: 120,
  colord: 119,
};

function proc(pid: number, ppid: number, user: string, stat: string, rss: number, vsz: number, args: string) {
  const uid = UIDS[user] ?? 998;
  return { pid, ppid, uid, user, tty: '?', stat, cpuMs: pid < 1000 ? 1_200 : 300, rss, vsz, args };
}

const DESKTOP_PROCESSES: Omit<ProcessInfo, 'start'>[] = [
  proc(1, 0, 'root', 'Ss', 14_208, 23_520, '/sbin/init splash'),
  proc(2, 0, 'root', 'S', 0, 0, '[kthreadd]'),
  proc(389, 1, 'root', 'S<s', 52_480, 84_656, '/usr/lib/systemd/systemd-journald'),
  proc(441, 1, 'root', 'Ss', 8_064, 30_712, '/usr/lib/systemd/systemd-udevd'),
  proc(702, 1, 'systemd-oom', 'Ss', 6_528, 17_652, '/usr/lib/systemd/systemd-oomd'),
  proc(703, 1, 'systemd-resolve', 'Ss', 13_312, 21_856, '/usr/lib/systemd/systemd-resolved'),
  proc(704, 1, 'systemd-timesync', 'Ssl', 7_424, 91_020, '/usr/lib/systemd/systemd-timesyncd'),
  proc(811, 1, 'root', 'Ssl', 8_448, 249_396, '/usr/libexec/accounts-daemon'),
  proc(814, 1, 'avahi', 'Ss', 3_968, 8_556, 'avahi-daemon: running [quayside.local]'),
  proc(
    818,
    1,
    'messagebus',
    'Ss',
    6_400,
    11_204,
    '@dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only',
  ),
  proc(826, 1, 'root', 'Ssl', 19_200, 339_416, '/usr/sbin/NetworkManager --no-daemon'),
  proc(834, 1, 'polkitd', 'Ssl', 10_496, 384_352, '/usr/lib/polkit-1/polkitd --no-debug'),
  proc(850, 1, 'root', 'Ssl', 34_944, 1_990_276, '/usr/lib/snapd/snapd'),
  proc(861, 1, 'root', 'Ss', 8_576, 18_064, '/usr/lib/systemd/systemd-logind'),
  proc(869, 1, 'root', 'Ssl', 13_184, 469_796, '/usr/libexec/udisks2/udisksd'),
  proc(912, 1, 'root', 'Ss', 2_944, 7_196, '/usr/sbin/cron -f -P'),
  proc(930, 1, 'root', 'Ssl', 48_384, 1_873_420, '/usr/bin/containerd'),
  proc(955, 1, 'root', 'Ssl', 12_032, 317_696, '/usr/sbin/gdm3'),
  proc(
    1012,
    1,
    'root',
    'Ssl',
    86_528,
    2_336_744,
    '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
  ),
  proc(1090, 1, 'learner', 'Ss', 11_904, 20_928, '/usr/lib/systemd/systemd --user'),
  proc(1104, 1090, 'learner', 'S<sl', 16_768, 115_036, '/usr/bin/pipewire'),
  proc(1106, 1090, 'learner', 'S<sl', 26_112, 400_748, '/usr/bin/wireplumber'),
  proc(1139, 1090, 'learner', 'Ssl', 7_040, 236_192, '/usr/libexec/gnome-session-ctl --monitor'),
  proc(1152, 1090, 'learner', 'Ssl', 284_672, 4_962_240, '/usr/bin/gnome-shell'),
  proc(
    1187,
    1152,
    'learner',
    'Sl',
    81_536,
    415_876,
    '/usr/bin/Xwayland :0 -rootless -noreset -accessx -core',
  ),
  proc(1277, 1090, 'learner', 'Ssl', 56_320, 777_832, '/usr/libexec/gnome-terminal-server'),
];

/**
 * A Linux desktop (Ubuntu 24.04) on an AMD Ryzen with AMD-V (`svm`), 8 cores and 16 GiB, with
 * VirtualBox installed and no libvirt: the host of a type 2 hypervisor.
 */
export const DESKTOP_PROFILE: HostProfile = {
  kernel: SERVER_PROFILE.kernel,
  cpus: 8,
  cpuModel: 'AMD Ryzen 7 5800X 8-Core Processor',
  virtFlag: 'svm',
  memTotal: 16_314_164 * KiB,
  diskSize: 476 * GiB,
  diskBase: 14_900_000_000,
  memBase: 2_310 * MiB,
  memCache: 4_120 * MiB,
  systemProcesses: DESKTOP_PROCESSES,
};

/** The host profile of each machine kind. */
export function hostProfile(machine: MachineKind): HostProfile {
  return machine === 'desktop' ? DESKTOP_PROFILE : SERVER_PROFILE;
}
