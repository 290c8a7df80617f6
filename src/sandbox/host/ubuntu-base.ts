import type { Layer } from '../fs/node.ts';
import { AWK_ALTERNATIVE, DEBIAN_COMMANDS, laterCommandsBytes, PROCPS_COMMANDS } from '../image/distros.ts';
import { buildLayer } from '../image/layer-builder.ts';

/** When the host was installed: the date its files carry. */
const INSTALL_TIME = Date.UTC(2026, 9, 27, 14, 12, 7);

/** GNU userland commands the host's /usr/bin provides (programs `gnu/<name>`): a Debian-family base plus procps and the download tools. */
export const GNU_COMMANDS = [...DEBIAN_COMMANDS, ...PROCPS_COMMANDS, 'curl', 'ping', 'wget'];

export const HOST_USERS = {
  root: { uid: 0, gid: 0, name: 'root', home: '/root', groups: [{ gid: 0, name: 'root' }] },
  learner: {
    uid: 1000,
    gid: 1000,
    name: 'learner',
    home: '/home/learner',
    groups: [
      { gid: 1000, name: 'learner' },
      { gid: 27, name: 'sudo' },
      { gid: 988, name: 'docker' },
    ],
  },
};

/** The host's accounts before any package adds its own. */
export const HOST_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
messagebus:x:101:102::/nonexistent:/usr/sbin/nologin
sshd:x:102:65534::/run/sshd:/usr/sbin/nologin
learner:x:1000:1000:Quayside Learner:/home/learner:/bin/bash
`;

/** The host's groups before any package adds its own. */
export const HOST_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:learner
sudo:x:27:learner
users:x:100:learner
nogroup:x:65534:
systemd-network:x:998:
docker:x:988:learner
learner:x:1000:
`;

const OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
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

const BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.
case $- in
    *i*) ;;
      *) return;;
esac
HISTCONTROL=ignoreboth
alias ll='ls -alF'
`;

/** Extra executables by role: the Docker client and daemon, the shells. */
const HOST_PROGRAMS: Record<string, string> = {
  '/usr/bin/bash': 'bash',
  '/usr/bin/dash': 'dash',
  '/usr/bin/docker': 'docker',
  '/usr/bin/git': 'git',
  '/usr/sbin/ip': 'gnu/ip',
  '/usr/bin/sudo': 'gnu/sudo',
  '/usr/bin/su': 'gnu/su',
  '/usr/bin/apt': 'apt-get',
  '/usr/bin/apt-get': 'apt-get',
  '/usr/bin/nano': 'nano',
  '/usr/bin/vim.basic': 'vim',
};

/** The editors through the alternatives system: `vi` and `vim` are Vim, `editor` is nano. */
const EDITOR_ALTERNATIVES: Record<string, string> = {
  '/usr/bin/vi': '/etc/alternatives/vi',
  '/etc/alternatives/vi': '/usr/bin/vim.basic',
  '/usr/bin/vim': '/etc/alternatives/vim',
  '/etc/alternatives/vim': '/usr/bin/vim.basic',
  '/usr/bin/editor': '/etc/alternatives/editor',
  '/etc/alternatives/editor': '/bin/nano',
};

/** The host's root filesystem: Ubuntu 24.04 server with Docker Engine installed. */
export function ubuntuHostLayer(): Layer {
  const programs: Record<string, string> = { ...HOST_PROGRAMS };
  for (const name of GNU_COMMANDS) programs[`/usr/bin/${name}`] = `gnu/${name}`;
  const layer = buildLayer({
    dirs: [
      '/boot',
      '/dev',
      '/etc/docker',
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
      '/usr/share',
      '/var/log',
      '/var/tmp',
      '/var/lib/docker',
      '/var/lib/containerd',
    ],
    files: {
      '/etc/hostname': 'quayside\n',
      '/etc/hosts': HOST_HOSTS,
      '/etc/os-release': OS_RELEASE,
      '/etc/passwd': HOST_PASSWD,
      '/etc/group': HOST_GROUP,
      '/etc/shells':
        '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n',
      '/etc/docker/daemon.json': '{}\n',
      // cloud-init's rule for the image's user: sudo without a password.
      '/etc/sudoers.d/90-cloud-init-users': '# User rules for learner\nlearner ALL=(ALL) NOPASSWD:ALL\n',
      '/root/.bashrc': BASHRC,
    },
    blobs: {
      '/boot/vmlinuz-6.8.0-45-generic': 14_924_168,
      '/boot/initrd.img-6.8.0-45-generic': 68_201_431,
      '/usr/bin/dockerd': { size: 95_184_624, program: 'dockerd' },
      '/usr/bin/containerd': { size: 39_813_400, program: 'containerd' },
      '/usr/bin/runc': { size: 11_512_416, program: 'runc' },
      '/dev/null': { size: 0, mode: 0o666 },
      '/dev/zero': { size: 0, mode: 0o666 },
      '/dev/urandom': { size: 0, mode: 0o666 },
    },
    programs,
    links: {
      '/bin': 'usr/bin',
      '/sbin': 'usr/sbin',
      '/lib': 'usr/lib',
      '/lib64': 'usr/lib64',
      '/usr/bin/sh': 'dash',
      ...AWK_ALTERNATIVE,
      ...EDITOR_ALTERNATIVES,
      '/vmlinuz': 'boot/vmlinuz-6.8.0-45-generic',
      '/initrd.img': 'boot/initrd.img-6.8.0-45-generic',
    },
    bulk: { dir: '/usr/lib/x86_64-linux-gnu', bytes: 1_240_000_000 - laterCommandsBytes(GNU_COMMANDS) },
    mtime: INSTALL_TIME,
  });
  // Only root may enter its home, as on Ubuntu.
  const root = layer['/root'];
  if (root?.type === 'dir') root.mode = 0o700;
  return layer;
}

/** The host's /etc/hosts: its own name on 127.0.1.1, as an Ubuntu cloud image has it. */
export const HOST_HOSTS = '127.0.0.1 localhost\n127.0.1.1 quayside\n\n::1     ip6-localhost ip6-loopback\n';

/** The learner's home directory, owned by them. */
export function learnerHomeLayer(): Layer {
  const layer = buildLayer({
    files: {
      '/home/learner/.bashrc': BASHRC,
      '/home/learner/.profile': '# ~/.profile: executed by the command interpreter for login shells.\n',
    },
    owner: { uid: 1000, gid: 1000 },
    mtime: INSTALL_TIME,
  });
  layer['/home/learner'] = { type: 'dir', mode: 0o750, uid: 1000, gid: 1000, mtime: INSTALL_TIME };
  return layer;
}
