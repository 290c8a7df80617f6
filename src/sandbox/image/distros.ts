import type { LayerSpec } from './layer-builder.ts';

/** Commands BusyBox provides in Alpine, by directory (the rest of the applets are left out). */
const BUSYBOX_APPLETS = {
  '/bin': [
    'ash',
    'sh',
    'arch',
    'cat',
    'chmod',
    'chown',
    'cp',
    'date',
    'dd',
    'df',
    'echo',
    'egrep',
    'false',
    'fgrep',
    'grep',
    'hostname',
    'kill',
    'ln',
    'ls',
    'mkdir',
    'mount',
    'mv',
    'ping',
    'ps',
    'pwd',
    'rm',
    'rmdir',
    'sed',
    'sleep',
    'stat',
    'touch',
    'true',
    'uname',
    'vi',
  ],
  '/sbin': ['ip'],
  '/usr/bin': [
    '[',
    'awk',
    'basename',
    'clear',
    'cut',
    'dirname',
    'du',
    'env',
    'expr',
    'find',
    'free',
    'head',
    'id',
    'nproc',
    'nslookup',
    'printenv',
    'printf',
    'readlink',
    'realpath',
    'seq',
    'sort',
    'tail',
    'tee',
    'tty',
    'test',
    'top',
    'tr',
    'uniq',
    'uptime',
    'wc',
    'wget',
    'which',
    'whoami',
    'xargs',
  ],
};

/** GNU commands a Debian-family image has (no procps, curl or wget in the slim official images). */
export const DEBIAN_COMMANDS = [
  'ls',
  'cat',
  'echo',
  'printf',
  'mkdir',
  'touch',
  'rm',
  'rmdir',
  'cp',
  'mv',
  'ln',
  'chmod',
  'chown',
  'head',
  'tail',
  'wc',
  'grep',
  'egrep',
  'fgrep',
  'sort',
  'uniq',
  'cut',
  'diff',
  'tr',
  'tee',
  'sed',
  'mawk',
  'env',
  'printenv',
  'uname',
  'hostname',
  'whoami',
  'id',
  'kill',
  'df',
  'du',
  'dd',
  'sleep',
  'date',
  'which',
  'clear',
  'true',
  'false',
  'test',
  '[',
  'seq',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'stat',
  'find',
  'xargs',
  'nproc',
  'expr',
  'tty',
  'arch',
];

const PROCPS = ['ps', 'free', 'uptime', 'top'];

const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
nogroup:x:65533:
nobody:x:65534:
`;

const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const DEBIAN_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
www-data:x:33:
nogroup:x:65534:
`;

/** The root filesystem of Alpine Linux (musl libc and BusyBox). */
export function alpineRoot(version: string, bytes: number): LayerSpec {
  return {
    dirs: [
      '/dev',
      '/home',
      '/media',
      '/mnt',
      '/opt',
      '/proc',
      '/root',
      '/run',
      '/srv',
      '/sys',
      '/tmp',
      '/var/cache',
      '/var/log',
      '/usr/local/bin',
      '/usr/sbin',
      '/sbin',
    ],
    files: {
      '/etc/os-release': `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${version}\nPRETTY_NAME="Alpine Linux v${version.split('.').slice(0, 2).join('.')}"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n`,
      '/etc/alpine-release': `${version}\n`,
      '/etc/passwd': ALPINE_PASSWD,
      '/etc/group': ALPINE_GROUP,
      '/etc/hostname': 'localhost\n',
      '/etc/shells': '# valid login shells\n/bin/sh\n/bin/ash\n',
      '/etc/profile':
        'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nexport PAGER=less\numask 022\n',
      '/etc/apk/world': 'alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nlibc-utils\n',
    },
    blobs: {
      '/bin/busybox': { size: 808_712, program: 'busybox' },
      '/lib/ld-musl-x86_64.so.1': { size: 658_640, mode: 0o755 },
      '/sbin/apk': { size: 62_504, program: 'apk' },
      '/lib/libapk.so.2.14.0': 231_136,
      '/usr/lib/libcrypto.so.3': 4_788_264,
      '/usr/lib/libssl.so.3': 638_696,
      '/lib/libz.so.1.3.1': 100_776,
    },
    applets: { binary: '/bin/busybox', dirs: BUSYBOX_APPLETS },
    links: { '/lib/libc.musl-x86_64.so.1': 'ld-musl-x86_64.so.1' },
    bulk: { dir: '/usr/share/apk/keys', bytes: Math.max(0, bytes - 7_288_728) },
  };
}

/** A Debian-family root filesystem with bash, dash and GNU coreutils (merged /usr). */
export function debianRoot(osRelease: string, bytes: number, extra: string[] = []): LayerSpec {
  const programs: Record<string, string> = {
    '/usr/bin/bash': 'bash',
    '/usr/bin/dash': 'dash',
    '/usr/bin/apt-get': 'apt-get',
  };
  for (const name of [...DEBIAN_COMMANDS, ...extra]) programs[`/usr/bin/${name}`] = `gnu/${name}`;
  return {
    dirs: [
      '/boot',
      '/dev',
      '/home',
      '/media',
      '/mnt',
      '/opt',
      '/proc',
      '/root',
      '/run',
      '/srv',
      '/sys',
      '/tmp',
      '/usr/local/bin',
      '/usr/sbin',
      '/var/cache',
      '/var/log',
      '/var/lib/dpkg',
    ],
    files: {
      '/etc/os-release': osRelease,
      '/etc/passwd': DEBIAN_PASSWD,
      '/etc/group': DEBIAN_GROUP,
      '/etc/hostname': 'localhost\n',
      '/etc/shells': '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n',
      '/root/.bashrc': '# ~/.bashrc: executed by bash(1) for non-login shells.\n',
    },
    programs,
    links: {
      '/bin': 'usr/bin',
      '/sbin': 'usr/sbin',
      '/lib': 'usr/lib',
      '/lib64': 'usr/lib64',
      '/usr/bin/sh': 'dash',
      ...AWK_ALTERNATIVE,
    },
    bulk: {
      dir: '/usr/lib/x86_64-linux-gnu',
      bytes: bytes - laterCommandsBytes([...DEBIAN_COMMANDS, ...extra]),
    },
  };
}

export const PROCPS_COMMANDS = PROCPS;

/**
 * Executables added to the Debian-family list after the images' sizes were set from Docker Hub's:
 * the bulk payload shrinks by their size (64 KiB each) so that an image keeps its real size.
 */
const LATER_COMMANDS = new Set([
  'egrep',
  'fgrep',
  'sed',
  'mawk',
  'xargs',
  'top',
  'chown',
  'ping',
  'diff',
  'expr',
  'tty',
  'arch',
]);

/** The bytes that `names`' later-added executables take (see LATER_COMMANDS). */
export function laterCommandsBytes(names: string[]): number {
  return names.filter((n) => LATER_COMMANDS.has(n)).length * 65_536;
}

/** `awk` is mawk through the alternatives system, as on Debian and Ubuntu. */
export const AWK_ALTERNATIVE: Record<string, string> = {
  '/usr/bin/awk': '/etc/alternatives/awk',
  '/etc/alternatives/awk': '/usr/bin/mawk',
};

/**
 * Oracle Linux 9 "slim" (the base of the official mysql images): the same merged-/usr layout and GNU
 * userland as the Debian family, with microdnf rather than apt (microdnf is not modelled).
 */
export function oracleLinuxRoot(bytes: number): LayerSpec {
  const spec = debianRoot(ORACLE_LINUX_9, bytes);
  const programs = { ...spec.programs };
  delete programs['/usr/bin/apt-get'];
  return {
    ...spec,
    programs,
    dirs: (spec.dirs ?? []).filter((d) => d !== '/var/lib/dpkg'),
    files: { ...spec.files, '/etc/oracle-release': 'Oracle Linux Server release 9.6\n' },
  };
}

export const ORACLE_LINUX_9 = `NAME="Oracle Linux Server"
VERSION="9.6"
ID="ol"
ID_LIKE="fedora"
VARIANT="Server"
VARIANT_ID="server"
VERSION_ID="9.6"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Oracle Linux Server 9.6"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:oracle:linux:9:6:server"
HOME_URL="https://linux.oracle.com/"
BUG_REPORT_URL="https://github.com/oracle/oracle-linux"

ORACLE_BUGZILLA_PRODUCT="Oracle Linux 9"
ORACLE_BUGZILLA_PRODUCT_VERSION=9.6
ORACLE_SUPPORT_PRODUCT="Oracle Linux"
ORACLE_SUPPORT_PRODUCT_VERSION=9.6
`;

export const DEBIAN_13 = `PRETTY_NAME="Debian GNU/Linux 13 (trixie)"
NAME="Debian GNU/Linux"
VERSION_ID="13"
VERSION="13 (trixie)"
VERSION_CODENAME=trixie
DEBIAN_VERSION_FULL=13.2
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

export const UBUNTU_2404 = `PRETTY_NAME="Ubuntu 24.04.3 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.3 LTS (Noble Numbat)"
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
