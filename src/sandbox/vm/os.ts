import type { Layer } from '../fs/node.ts';
import { alpineRoot, DEBIAN_13, debianRoot, PROCPS_COMMANDS } from '../image/distros.ts';
import { buildLayer, type LayerSpec } from '../image/layer-builder.ts';
import type { Kernel } from '../shell/system.ts';
import type { GuestOsId } from './state.ts';

const MiB = 1024 * 1024;

/** When the guest images were built: the date their files carry. */
const IMAGE_TIME = Date.UTC(2026, 8, 14, 6, 30, 0);

/** A guest process before its start time is known: `at` is ms after init started (or 'kernel'). */
export interface GuestProcess {
  pid: number;
  ppid: number;
  user: string;
  uid: number;
  stat: string;
  rss: number;
  vsz: number;
  args: string;
  /** Kernel threads start with the kernel; services when init reaches them (fraction of userspace). */
  at: number;
}

/** What the model knows about one guest OS: identity, sizes, timings, processes. */
export interface GuestOs {
  id: GuestOsId;
  family: 'linux' | 'windows';
  /** libosinfo's display name (virt-install messages). */
  name: string;
  /** What /etc/issue and login banners say. */
  pretty: string;
  kernel: Kernel;
  /** The kernel's /proc/version build part. */
  build: string;
  shell: 'bash' | 'ash';
  /** The disk `VBoxManage createmedium` gives a new machine of this OS (virt-install reads osinfo-db). */
  defaultDiskGiB: number;
  /** Bytes the qcow2 holds right after importing the cloud image (or a finished install). */
  imageBytes: number;
  /** Extra bytes the first boot writes (cloud-init, journal, keys). */
  firstBootBytes: number;
  /** Bytes an installation from the ISO leaves on the disk. */
  installBytes: number;
  /** Virtual ms an installation from the ISO takes before the installer powers off. */
  installMs: number;
  /** `df /` used bytes in the guest right after the first boot. */
  fsUsedBytes: number;
  /** Memory the idle guest uses and its page cache (what `free` inside shows). */
  idleUsed: number;
  idleCache: number;
  /** Boot timings in ms: [first boot, later boots]. */
  firmwareMs: number;
  loaderMs: number;
  kernelMs: number;
  userspaceMs: [number, number];
  /** SSH accepts connections at this fraction of userspace. */
  sshdAt: number;
  /** ACPI shutdown to power-off. */
  shutdownMs: number;
  /** VirtualBox `--ostype` ids that mean this OS, the first is what showvminfo names. */
  vboxTypes: string[];
  vboxDescription: string;
  processes: GuestProcess[];
}

const kthreads = (vcpuFree: boolean): GuestProcess[] =>
  [
    [2, 0, '[kthreadd]'],
    [3, 2, '[pool_workqueue_release]'],
    [4, 2, '[kworker/R-rcu_g]'],
    [12, 2, '[ksoftirqd/0]'],
    [13, 2, '[rcu_preempt]'],
    [14, 2, '[migration/0]'],
    [15, 2, '[cpuhp/0]'],
    [vcpuFree ? 24 : 25, 2, '[kdevtmpfs]'],
    [31, 2, '[khungtaskd]'],
    [32, 2, '[oom_reaper]'],
    [35, 2, '[kswapd0]'],
  ].map(([pid, ppid, args]) => ({
    pid: pid as number,
    ppid: ppid as number,
    user: 'root',
    uid: 0,
    stat: 'S',
    rss: 0,
    vsz: 0,
    args: args as string,
    at: -1,
  }));

function svc(
  pid: number,
  user: string,
  uid: number,
  stat: string,
  rss: number,
  vsz: number,
  args: string,
  at: number,
  ppid = 1,
): GuestProcess {
  return { pid, ppid, user, uid, stat, rss, vsz, args, at };
}

const UBUNTU_PROCESSES: GuestProcess[] = [
  svc(1, 'root', 0, 'Ss', 13_312, 22_500, '/sbin/init', 0, 0),
  ...kthreads(false),
  svc(318, 'root', 0, 'S<s', 23_040, 50_340, '/usr/lib/systemd/systemd-journald', 0.02),
  svc(371, 'root', 0, 'SLsl', 27_136, 288_980, '/sbin/multipathd -d -s', 0.05),
  svc(379, 'root', 0, 'Ss', 7_424, 26_864, '/usr/lib/systemd/systemd-udevd', 0.05),
  svc(512, 'systemd-network', 998, 'Ss', 8_192, 18_964, '/usr/lib/systemd/systemd-networkd', 0.2),
  svc(548, 'systemd-resolve', 991, 'Ss', 13_056, 21_560, '/usr/lib/systemd/systemd-resolved', 0.22),
  svc(549, 'systemd-timesync', 996, 'Ssl', 7_168, 91_020, '/usr/lib/systemd/systemd-timesyncd', 0.22),
  svc(
    601,
    'messagebus',
    101,
    'Ss',
    5_376,
    9_680,
    '@dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only',
    0.35,
  ),
  svc(608, 'polkitd', 990, 'Ssl', 7_936, 308_164, '/usr/lib/polkit-1/polkitd --no-debug', 0.36),
  svc(611, 'root', 0, 'Ss', 7_680, 17_976, '/usr/lib/systemd/systemd-logind', 0.36),
  svc(624, 'root', 0, 'Ss', 2_816, 7_192, '/usr/sbin/cron -f -P', 0.37),
  svc(633, 'syslog', 102, 'Ssl', 5_376, 222_508, '/usr/sbin/rsyslogd -n -iNONE', 0.37),
  svc(
    652,
    'root',
    0,
    'Ss',
    20_736,
    33_060,
    '/usr/bin/python3 /usr/bin/networkd-dispatcher --run-startup-triggers',
    0.38,
  ),
  svc(741, 'root', 0, 'Ssl', 47_872, 1_872_712, '/usr/bin/containerd', 0.6),
  svc(776, 'root', 0, 'Ss', 8_064, 12_020, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 0.78),
  svc(
    781,
    'root',
    0,
    'Ss+',
    2_176,
    6_172,
    '/sbin/agetty -o -p -- \\u --keep-baud 115200,57600,38400,9600 - vt220',
    0.97,
  ),
  svc(783, 'root', 0, 'Ss+', 2_048, 6_216, '/sbin/agetty -o -p -- \\u --noclear - linux', 0.97),
  svc(
    790,
    'root',
    0,
    'Ssl',
    23_296,
    109_524,
    '/usr/bin/python3 /usr/share/unattended-upgrades/unattended-upgrade-shutdown --wait-for-signal',
    0.9,
  ),
  svc(
    902,
    'root',
    0,
    'Ssl',
    80_128,
    2_262_312,
    '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
    0.92,
  ),
];

const DEBIAN_PROCESSES: GuestProcess[] = [
  svc(1, 'root', 0, 'Ss', 12_544, 22_120, '/sbin/init', 0, 0),
  ...kthreads(false),
  svc(221, 'root', 0, 'Ss', 18_176, 33_208, '/usr/lib/systemd/systemd-journald', 0.03),
  svc(262, 'root', 0, 'Ss', 6_912, 26_356, '/usr/lib/systemd/systemd-udevd', 0.08),
  svc(330, 'systemd-network', 998, 'Ss', 7_936, 18_420, '/usr/lib/systemd/systemd-networkd', 0.25),
  svc(352, 'systemd-resolve', 991, 'Ss', 12_416, 21_104, '/usr/lib/systemd/systemd-resolved', 0.28),
  svc(353, 'systemd-timesync', 996, 'Ssl', 6_784, 90_672, '/usr/lib/systemd/systemd-timesyncd', 0.28),
  svc(
    401,
    'messagebus',
    101,
    'Ss',
    4_864,
    8_820,
    '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only',
    0.4,
  ),
  svc(405, 'root', 0, 'Ss', 7_424, 17_520, '/usr/lib/systemd/systemd-logind', 0.41),
  svc(410, 'root', 0, 'Ss', 2_688, 6_812, '/usr/sbin/cron -f', 0.42),
  svc(455, 'root', 0, 'Ss', 7_808, 11_780, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 0.8),
  svc(
    468,
    'root',
    0,
    'Ss+',
    2_048,
    5_884,
    '/sbin/agetty -o -- \\u --noreset --noclear --keep-baud 115200,57600,38400,9600 - vt220',
    0.95,
  ),
  svc(470, 'root', 0, 'Ss+', 1_920, 5_928, '/sbin/agetty -o -- \\u --noreset --noclear - linux', 0.95),
];

const ALPINE_PROCESSES: GuestProcess[] = [
  svc(1, 'root', 0, 'S', 1_024, 1_708, '/sbin/init', 0, 0),
  ...kthreads(true),
  svc(1744, 'root', 0, 'S', 1_280, 1_752, '/sbin/syslogd -t -n', 0.3),
  svc(1801, 'root', 0, 'S', 1_152, 1_752, '/sbin/udhcpc -b -R -p /var/run/udhcpc.eth0.pid -i eth0', 0.45),
  svc(1869, 'chrony', 100, 'S', 2_432, 4_332, '/usr/sbin/chronyd -f /etc/chrony/chrony.conf', 0.6),
  svc(1905, 'root', 0, 'S', 1_024, 1_756, '/usr/sbin/crond -c /etc/crontabs', 0.7),
  svc(1957, 'root', 0, 'S', 5_760, 8_116, 'sshd: /usr/sbin/sshd [listener] 0 of 10-100 startups', 0.8),
  svc(1990, 'root', 0, 'S', 1_024, 1_716, '/sbin/getty 38400 tty1', 0.97),
  svc(1991, 'root', 0, 'S', 1_024, 1_716, '/sbin/getty -L 115200 ttyS0 vt100', 0.97),
];

/** What `tasklist` lists on an idle Windows Server 2022 (PID, name, session, KiB). */
export const WINDOWS_PROCESSES: {
  pid: number;
  name: string;
  session: 'Services' | 'Console';
  kib: number;
}[] = [
  { pid: 0, name: 'System Idle Process', session: 'Services', kib: 8 },
  { pid: 4, name: 'System', session: 'Services', kib: 144 },
  { pid: 100, name: 'Registry', session: 'Services', kib: 48_652 },
  { pid: 332, name: 'smss.exe', session: 'Services', kib: 1_228 },
  { pid: 440, name: 'csrss.exe', session: 'Services', kib: 5_148 },
  { pid: 516, name: 'wininit.exe', session: 'Services', kib: 6_908 },
  { pid: 524, name: 'csrss.exe', session: 'Console', kib: 5_304 },
  { pid: 588, name: 'winlogon.exe', session: 'Console', kib: 11_780 },
  { pid: 656, name: 'services.exe', session: 'Services', kib: 9_948 },
  { pid: 668, name: 'lsass.exe', session: 'Services', kib: 17_912 },
  { pid: 788, name: 'svchost.exe', session: 'Services', kib: 24_024 },
  { pid: 812, name: 'fontdrvhost.exe', session: 'Services', kib: 3_352 },
  { pid: 820, name: 'fontdrvhost.exe', session: 'Console', kib: 4_116 },
  { pid: 900, name: 'svchost.exe', session: 'Services', kib: 12_760 },
  { pid: 972, name: 'LogonUI.exe', session: 'Console', kib: 46_212 },
  { pid: 980, name: 'dwm.exe', session: 'Console', kib: 38_540 },
  { pid: 1136, name: 'svchost.exe', session: 'Services', kib: 61_880 },
  { pid: 1204, name: 'svchost.exe', session: 'Services', kib: 18_392 },
  { pid: 1620, name: 'spoolsv.exe', session: 'Services', kib: 15_240 },
  { pid: 1848, name: 'MsMpEng.exe', session: 'Services', kib: 182_904 },
  { pid: 2032, name: 'svchost.exe', session: 'Services', kib: 9_728 },
  { pid: 2212, name: 'sshd.exe', session: 'Services', kib: 6_812 },
  { pid: 2640, name: 'WmiPrvSE.exe', session: 'Services', kib: 19_344 },
  { pid: 3016, name: 'msdtc.exe', session: 'Services', kib: 10_232 },
];

const UBUNTU_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

/** Guest operating systems by libosinfo id. */
export const GUEST_OS: Record<GuestOsId, GuestOs> = {
  'ubuntu24.04': {
    id: 'ubuntu24.04',
    family: 'linux',
    name: 'Ubuntu 24.04 LTS',
    pretty: 'Ubuntu 24.04.1 LTS',
    kernel: {
      name: 'Linux',
      release: '6.8.0-41-generic',
      version: '#41-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug  2 20:41:06 UTC 2024',
      machine: 'x86_64',
    },
    build:
      '(buildd@lcy02-amd64-100) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42)',
    shell: 'bash',
    defaultDiskGiB: 25,
    imageBytes: 731_906_048,
    firstBootBytes: 96 * MiB,
    installBytes: 4_812_000_000,
    installMs: 7 * 60_000,
    fsUsedBytes: 2_048_000_000,
    idleUsed: 318 * MiB,
    idleCache: 612 * MiB,
    firmwareMs: 910,
    loaderMs: 380,
    kernelMs: 2_312,
    userspaceMs: [16_904, 7_815],
    sshdAt: 0.78,
    shutdownMs: 3_200,
    vboxTypes: ['Ubuntu_64', 'Ubuntu24_LTS_64'],
    vboxDescription: 'Ubuntu (64-bit)',
    processes: UBUNTU_PROCESSES,
  },
  debian13: {
    id: 'debian13',
    family: 'linux',
    name: 'Debian 13',
    pretty: 'Debian GNU/Linux 13',
    kernel: {
      name: 'Linux',
      release: '6.12.57+deb13-cloud-amd64',
      version: '#1 SMP PREEMPT_DYNAMIC Debian 6.12.57-1 (2025-11-05)',
      machine: 'x86_64',
    },
    build:
      '(debian-kernel@lists.debian.org) (x86_64-linux-gnu-gcc-14 (Debian 14.2.0-19) 14.2.0, GNU ld (GNU Binutils for Debian) 2.44)',
    shell: 'bash',
    defaultDiskGiB: 20,
    imageBytes: 402_653_184,
    firstBootBytes: 48 * MiB,
    installBytes: 1_610_000_000,
    installMs: 5 * 60_000,
    fsUsedBytes: 1_090_000_000,
    idleUsed: 176 * MiB,
    idleCache: 340 * MiB,
    firmwareMs: 900,
    loaderMs: 620,
    kernelMs: 1_804,
    userspaceMs: [6_217, 3_942],
    sshdAt: 0.8,
    shutdownMs: 2_400,
    vboxTypes: ['Debian_64', 'Debian12_64'],
    vboxDescription: 'Debian (64-bit)',
    processes: DEBIAN_PROCESSES,
  },
  'alpine3.22': {
    id: 'alpine3.22',
    family: 'linux',
    name: 'Alpine Linux 3.22',
    pretty: 'Alpine Linux 3.22',
    kernel: {
      name: 'Linux',
      release: '6.12.38-0-virt',
      version: '#1-Alpine SMP PREEMPT_DYNAMIC 2025-07-11 08:51:03',
      machine: 'x86_64',
    },
    build: '(buildozer@build-3-22-x86_64) (gcc (Alpine 14.2.0) 14.2.0, GNU ld (GNU Binutils) 2.44)',
    shell: 'ash',
    defaultDiskGiB: 8,
    imageBytes: 188_743_680,
    firstBootBytes: 6 * MiB,
    installBytes: 214_000_000,
    installMs: 2 * 60_000,
    fsUsedBytes: 152_000_000,
    idleUsed: 46 * MiB,
    idleCache: 92 * MiB,
    firmwareMs: 880,
    loaderMs: 310,
    kernelMs: 1_580,
    userspaceMs: [3_420, 2_180],
    sshdAt: 0.8,
    shutdownMs: 1_300,
    vboxTypes: ['Linux_64', 'Other_64'],
    vboxDescription: 'Other Linux (64-bit)',
    processes: ALPINE_PROCESSES,
  },
  win2k22: {
    id: 'win2k22',
    family: 'windows',
    name: 'Microsoft Windows Server 2022',
    pretty: 'Microsoft Windows Server 2022 Standard Evaluation',
    kernel: { name: 'Windows_NT', release: '10.0.20348', version: '2849', machine: 'AMD64' },
    build: '',
    shell: 'bash',
    defaultDiskGiB: 40,
    imageBytes: 9_821_000_000,
    firstBootBytes: 1_240 * MiB,
    installBytes: 10_410_000_000,
    installMs: 13 * 60_000,
    fsUsedBytes: 11_300_000_000,
    idleUsed: 1_391 * MiB,
    idleCache: 700 * MiB,
    firmwareMs: 930,
    loaderMs: 2_100,
    kernelMs: 6_400,
    userspaceMs: [88_500, 31_700],
    sshdAt: 0.85,
    shutdownMs: 9_800,
    vboxTypes: ['Windows2022_64'],
    vboxDescription: 'Windows 2022 (64-bit)',
    processes: [],
  },
};

/** The OS a VirtualBox `--ostype` names. */
export function lookupVboxType(type: string): GuestOs | undefined {
  return Object.values(GUEST_OS).find((os) =>
    os.vboxTypes.some((t) => t.toLowerCase() === type.toLowerCase()),
  );
}

/** The guest's user account: cloud-init creates one named like the host user, with the host's key. */
export const GUEST_USER_UID = 1000;

function passwdFor(os: GuestOs, user: string): string {
  if (os.id === 'alpine3.22') {
    return `root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\nchrony:x:100:101:chrony:/var/lib/chrony:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n${user}:x:1000:1000:${user}:/home/${user}:/bin/ash\n`;
  }
  return `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
systemd-timesync:x:996:996:systemd Time Synchronization:/:/usr/sbin/nologin
systemd-resolve:x:991:991:systemd Resolver:/:/usr/sbin/nologin
messagebus:x:101:102::/nonexistent:/usr/sbin/nologin
syslog:x:102:104::/nonexistent:/usr/sbin/nologin
polkitd:x:990:990:User for polkitd:/:/usr/sbin/nologin
sshd:x:103:65534::/run/sshd:/usr/sbin/nologin
${user}:x:1000:1000:${user}:/home/${user}:/bin/bash
`;
}

function groupFor(os: GuestOs, user: string): string {
  if (os.id === 'alpine3.22') {
    return `root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nwheel:x:10:root,${user}\nsshd:x:22:\nnogroup:x:65533:\nnobody:x:65534:\n${user}:x:1000:\n`;
  }
  const docker = os.id === 'ubuntu24.04' ? `docker:x:988:${user}\n` : '';
  return `root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:syslog,${user}\nsudo:x:27:${user}\nusers:x:100:${user}\nnogroup:x:65534:\nsystemd-network:x:998:\nsystemd-timesync:x:996:\nsystemd-resolve:x:991:\n${docker}${user}:x:1000:\n`;
}

const layers = new Map<string, Layer>();

/**
 * The guest's installed root filesystem (the same for every guest of that OS and user: the read-only
 * base its own changes sit on). Built from the image distributions' specs, plus what a cloud image adds.
 */
export function guestBaseLayer(os: GuestOs, user: string): Layer {
  const key = `${os.id}:${user}`;
  const cached = layers.get(key);
  if (cached) return cached;
  let spec: LayerSpec;
  if (os.id === 'alpine3.22') {
    spec = alpineRoot('3.22.2', os.fsUsedBytes);
    spec.files = {
      ...spec.files,
      '/etc/motd':
        'Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n',
      '/etc/issue': 'Welcome to Alpine Linux 3.22\nKernel \\r on \\m (\\l)\n\n',
      '/etc/ssh/sshd_config': 'PasswordAuthentication no\nSubsystem sftp internal-sftp\n',
    };
    spec.blobs = {
      ...spec.blobs,
      '/boot/vmlinuz-virt': 9_341_952,
      '/boot/initramfs-virt': 7_610_368,
      '/usr/sbin/sshd': { size: 960_000, program: 'sshd' },
    };
  } else {
    const release = os.id === 'debian13' ? DEBIAN_13 : UBUNTU_RELEASE;
    const extra = [...PROCPS_COMMANDS, 'curl', 'ip'];
    if (os.id === 'ubuntu24.04') extra.push('wget');
    spec = debianRoot(release, os.fsUsedBytes - 160_000_000, extra);
    spec.files = {
      ...spec.files,
      '/etc/issue': `${os.pretty} \\n \\l\n\n`,
      '/etc/ssh/sshd_config':
        'Include /etc/ssh/sshd_config.d/*.conf\nKbdInteractiveAuthentication no\nUsePAM yes\n',
      '/etc/ssh/sshd_config.d/60-cloudimg-settings.conf': 'PasswordAuthentication no\n',
    };
    spec.blobs = {
      ...spec.blobs,
      [`/boot/vmlinuz-${os.kernel.release}`]: 14_900_000,
      [`/boot/initrd.img-${os.kernel.release}`]: 66_300_000,
      '/usr/sbin/sshd': { size: 1_224_000, program: 'sshd' },
      '/usr/lib/systemd/systemd': { size: 96_000, program: 'systemd' },
    };
    spec.programs = {
      ...spec.programs,
      '/usr/bin/systemd-analyze': 'systemd-analyze',
      '/usr/bin/lsmod': 'lsmod',
    };
    if (os.id === 'ubuntu24.04') {
      spec.programs['/usr/bin/docker'] = 'docker';
      spec.blobs['/usr/bin/dockerd'] = { size: 95_184_624, program: 'dockerd' };
      spec.blobs['/usr/bin/containerd'] = { size: 39_813_400, program: 'containerd' };
      spec.dirs = [...(spec.dirs ?? []), '/var/lib/docker', '/etc/docker'];
    }
    spec.links = { ...spec.links, '/sbin/init': '../lib/systemd/systemd' };
  }
  spec.files = {
    ...spec.files,
    '/etc/passwd': passwdFor(os, user),
    '/etc/group': groupFor(os, user),
  };
  spec.mtime = IMAGE_TIME;
  const layer = buildLayer(spec);
  const home = `/home/${user}`;
  layer['/home'] ??= { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: IMAGE_TIME };
  layer[home] = { type: 'dir', mode: 0o750, uid: 1000, gid: 1000, mtime: IMAGE_TIME };
  layer[`${home}/.ssh`] = { type: 'dir', mode: 0o700, uid: 1000, gid: 1000, mtime: IMAGE_TIME };
  const pubkey =
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq0cM7mV5pD0n2b3QxR8sJt4WkZ9yLhE1aFgU6oPcYv learner@quayside\n';
  layer[`${home}/.ssh/authorized_keys`] = {
    type: 'file',
    mode: 0o600,
    uid: 1000,
    gid: 1000,
    mtime: IMAGE_TIME,
    size: pubkey.length,
    text: pubkey,
  };
  layers.set(key, layer);
  return layer;
}
