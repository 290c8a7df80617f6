import { DPKG_STATUS, type InstalledPackage, statusText } from '../packages/dpkg-status.ts';
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
  '/usr/sbin': ['addgroup', 'adduser', 'delgroup', 'deluser'],
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
    'passwd',
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
  'getent',
];

/** shadow's account tools (Debian's `passwd` package), in /usr/sbin. */
export const SHADOW_COMMANDS = ['useradd', 'groupadd', 'usermod', 'userdel'];

const PROCPS = ['ps', 'free', 'uptime', 'top'];

/** Alpine's accounts, as alpine-baselayout ships them (aports main/alpine-baselayout/passwd, group). */
const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
postmaster:x:14:12:postmaster:/var/mail:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
squid:x:31:31:Squid:/var/cache/squid:/sbin/nologin
xfs:x:33:33:X Font Server:/etc/X11/fs:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
cyrus:x:85:12::/usr/cyrus:/sbin/nologin
vpopmail:x:89:89::/var/vpopmail:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
smmsp:x:209:209:smmsp:/var/spool/mqueue:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin,adm
adm:x:4:root,adm,daemon
tty:x:5:
disk:x:6:root,adm
lp:x:7:lp
mem:x:8:
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
console:x:17:
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
squid:x:31:squid
xfs:x:33:xfs
kvm:x:34:kvm
games:x:35:
shadow:x:42:
cdrw:x:80:
www-data:x:82:
usb:x:85:
vpopmail:x:89:
users:x:100:games
ntp:x:123:
nofiles:x:200:
smmsp:x:209:smmsp
locate:x:245:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

/** Every account locked: root with `*`, the others with `!`. */
function lockedShadow(passwd: string): string {
  return passwd
    .split('\n')
    .filter(Boolean)
    .map((line) => `${line.split(':')[0]}:${line.startsWith('root:') ? '*' : '!'}::0:::::\n`)
    .join('');
}

/** Debian's accounts: base-passwd's passwd.master and group.master (with apt's `_apt`), shadowed. */
const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const DEBIAN_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
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
      '/etc/shadow': lockedShadow(ALPINE_PASSWD),
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
      // musl-utils' getent (from NetBSD), which libc-utils pulls in.
      '/usr/bin/getent': { size: 26_624, program: 'musl/getent' },
      '/lib/libapk.so.2.14.0': 231_136,
      '/usr/lib/libcrypto.so.3': 4_788_264,
      '/usr/lib/libssl.so.3': 638_696,
      '/lib/libz.so.1.3.1': 100_776,
    },
    applets: { binary: '/bin/busybox', dirs: BUSYBOX_APPLETS },
    links: { '/lib/libc.musl-x86_64.so.1': 'ld-musl-x86_64.so.1' },
    bulk: { dir: '/usr/share/apk/keys', bytes: Math.max(0, bytes - 7_315_352) },
  };
}

/** /etc/default/useradd as Debian's `passwd` package ships it (its comments left out): new users get /bin/sh. */
const DEBIAN_USERADD_DEFAULTS = 'SHELL=/bin/sh\n';

/** What /etc/debian_version says and the day the image was built (the shadow file's dates). */
export interface DebianRelease {
  /** Debian's point release (`13.2`); Ubuntu's says which Debian it was branched from (`trixie/sid`). */
  debianVersion: string;
  /** The image's build date, `YYYY-MM-DD`. */
  built: string;
  /** The program its bash runs, which says its release (see shell/bash-release.ts). */
  bash: 'bash' | 'bash-5.2.37';
  /** The packages installed, when known: dpkg and /var/lib/dpkg/status list them. */
  packages?: InstalledPackage[];
  /** /etc/login.defs' settings (its comments left out), when known. */
  loginDefs?: string;
  /** An ordinary user the image ships, with a group and home of its own (Ubuntu's `ubuntu`). */
  user?: { name: string; uid: number; gecos: string; homeMode: number };
}

/** Debian 13's /etc/login.defs settings (shadow 4.17): homes are private (HOME_MODE 0700). */
export const TRIXIE_LOGIN_DEFS =
  'MAIL_DIR        /var/mail\nLOG_UNKFAIL_ENAB\tno\nLOG_OK_LOGINS\t\tno\nHUSHLOGIN_FILE\t.hushlogin\nENV_SUPATH\tPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nENV_PATH\tPATH=/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games\nTTYPERM\t\t0600\nERASECHAR\t0177\nKILLCHAR\t025\nHOME_MODE\t0700\nPASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\nUID_MIN\t\t\t 1000\nUID_MAX\t\t\t60000\nSUB_UID_MIN\t\t   100000\nSUB_UID_MAX\t\t600100000\nSUB_UID_COUNT\t\t    65536\nGID_MIN\t\t\t 1000\nGID_MAX\t\t\t60000\nSUB_GID_MIN\t\t   100000\nSUB_GID_MAX\t\t600100000\nSUB_GID_COUNT\t\t    65536\nLOGIN_RETRIES\t\t5\nLOGIN_TIMEOUT\t\t60\nCHFN_RESTRICT\t\trwh\nENCRYPT_METHOD YESCRYPT\nDEFAULT_HOME\tyes\nNONEXISTENT\t/nonexistent\nUSERGROUPS_ENAB yes\n';

/** A Debian-family root filesystem with bash, dash and GNU coreutils (merged /usr). */
export function debianRoot(
  osRelease: string,
  bytes: number,
  extra: string[] = [],
  release?: DebianRelease,
): LayerSpec {
  const programs: Record<string, string> = {
    '/usr/bin/bash': release?.bash ?? 'bash',
    ...(release?.packages ? { '/usr/bin/dpkg': 'dpkg' } : {}),
    '/usr/bin/dash': 'dash',
    '/usr/bin/apt-get': 'apt-get',
  };
  for (const name of [...DEBIAN_COMMANDS, ...extra]) programs[`/usr/bin/${name}`] = `gnu/${name}`;
  for (const name of SHADOW_COMMANDS) programs[`/usr/sbin/${name}`] = `gnu/${name}`;
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
      ...(release ? debianReleaseFiles(release) : {}),
    },
    programs,
    ...(release?.user
      ? {
          homes: {
            [`/home/${release.user.name}`]: {
              uid: release.user.uid,
              gid: release.user.uid,
              mode: release.user.homeMode,
            },
          },
        }
      : {}),
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
      bytes:
        bytes -
        laterCommandsBytes([
          ...DEBIAN_COMMANDS,
          ...SHADOW_COMMANDS,
          ...extra,
          ...(release?.packages ? ['dpkg'] : []),
        ]),
    },
  };
}

/** The files a release adds: its version, shadow passwords (every account locked) and useradd's defaults. */
function debianReleaseFiles(release: DebianRelease): Record<string, string> {
  const days = Math.floor(Date.parse(`${release.built}T00:00:00Z`) / 86_400_000);
  const names = (table: string) =>
    table
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(':')[0]);
  const user = release.user;
  return {
    '/etc/debian_version': `${release.debianVersion}\n`,
    '/etc/shadow': `${names(DEBIAN_PASSWD)
      .map((name) => `${name}:*:${days}:0:99999:7:::\n`)
      .join('')}${user ? `${user.name}:!:${days}:0:99999:7:::\n` : ''}`,
    '/etc/gshadow': `${names(DEBIAN_GROUP)
      .map((name) => `${name}:*::\n`)
      .join('')}${user ? `${user.name}:!::\n` : ''}`,
    ...(user
      ? {
          '/etc/passwd': `${DEBIAN_PASSWD}${user.name}:x:${user.uid}:${user.uid}:${user.gecos}:/home/${user.name}:/bin/bash\n`,
          '/etc/group': `${DEBIAN_GROUP}${user.name}:x:${user.uid}:\n`,
        }
      : {}),
    '/etc/default/useradd': DEBIAN_USERADD_DEFAULTS,
    ...(release.packages ? { [DPKG_STATUS]: statusText(release.packages) } : {}),
    ...(release.loginDefs ? { '/etc/login.defs': release.loginDefs } : {}),
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
  'getent',
  'useradd',
  'groupadd',
  'usermod',
  'userdel',
  'dpkg',
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
