/**
 * `npm run conformance:record [-- ID|FILE.yaml|AREA ...] [--missing] [--wipe]`: records the conformance corpus
 * on the REAL tools. Run it as root on a Debian 12 machine (docs/CONFORMANCE.md): it installs what it
 * lacks (docker.io, busybox-static, iputils-ping, kmod, curl; for vm cases qemu-utils, virtinst and libvirt), starts dockerd
 * (and libvirtd) if none answers, makes the images cases name (busybox:latest and an alpine:latest
 * from BusyBox, registry:2 from Debian's docker-registry: nothing here reaches Docker Hub), puts the
 * buildx plugin from Debian 13's docker-buildx package in place (and Compose v2's from its
 * docker-compose package for cases that run it), makes an Ubuntu 24.04 root with VirtualBox for
 * desktop cases (their shell runs chrooted there), creates
 * the `learner` account the sandbox's shell runs as, then runs each case's lines in a fresh
 * interactive bash as that user, with the hostname `quayside` (a UTS namespace of its own), and
 * writes each line's output and status back into its case file. Between cases it removes every
 * container, volume, custom network, build cache entry and image the case made, and resets the
 * learner's home. Daemons it started are stopped at the end.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { carryNames } from '../src/conformance/carry-names.ts';
import { CORPUS_DIR, loadCorpus } from '../src/conformance/corpus.ts';
import { HOST_HOSTS, learnerHomeLayer } from '../src/sandbox/host/ubuntu-base.ts';
import { virtualisationLayer } from '../src/sandbox/vm/layer.ts';
import { FIRST_KVM_GUEST_ADDRESS } from '../src/sandbox/vm/state.ts';
import type { ConformanceCase } from '../src/schemas/conformance-case.ts';

const LEARNER = 'learner';
const HOME = `/home/${LEARNER}`;
const LINE_TIMEOUT_MS = 180_000;
/** What the prompt (PS1) prints after each line: the status between two ASCII record separators. */
const RS = String.fromCharCode(0x1e);
const SENTINEL = new RegExp(`${RS}QS:(\\d+)${RS}\n`);

function sh(command: string, options: { quiet?: boolean } = {}): { status: number; out: string } {
  const r = spawnSync('bash', ['-c', command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (!options.quiet && r.status !== 0) process.stderr.write(out);
  return { status: r.status ?? 1, out };
}

function must(command: string): string {
  const r = sh(command);
  if (r.status !== 0) throw new Error(`failed (${r.status}): ${command}`);
  return r.out;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

// ---- what to record -------------------------------------------------------------------------------

const args = process.argv.slice(2);
const missingOnly = args.includes('--missing');
const filters = args.filter((a) => !a.startsWith('-'));
const corpus = loadCorpus(CORPUS_DIR);
const selected = corpus.filter(
  (c) =>
    (filters.length === 0 || filters.some((f) => f === c.case.id || f === c.file || f === c.case.area)) &&
    (!missingOnly || c.case.lines.some((l) => l.out === undefined || l.status === undefined)),
);
if (selected.length === 0) {
  log('nothing to record');
  process.exit(0);
}
if (process.getuid?.() !== 0) {
  log('conformance:record runs the real tools as root (it installs packages and starts daemons).');
  process.exit(2);
}

// ---- the machine ------------------------------------------------------------------------------------

const needVm = selected.some((c) => c.case.area === 'vm' && c.case.machine === 'server');
const needDesktop = selected.some((c) => c.case.machine === 'desktop');
const needDebian = selected.some((c) => c.case.images.includes('debian'));
const needRegistry = selected.some((c) => c.case.images.includes('registry'));
const needCompose = selected.some((c) => usesCompose(c.case));
const needGuest = selected.some((c) => c.case.guest !== undefined);
const packages = [
  'docker.io',
  'busybox-static',
  'iputils-ping',
  'kmod',
  'sudo',
  // QEMU's x86 emulator too: the sandbox's server has it, and without it libvirt's QEMU driver
  // reports no hypervisor (`virsh version` fails with "Cannot find suitable emulator").
  ...(needVm
    ? ['qemu-utils', 'qemu-system-x86', 'virtinst', 'libvirt-daemon-system', 'libvirt-clients']
    : []),
  ...(needDebian || needDesktop ? ['debootstrap'] : []),
  'curl',
  ...(needGuest ? ['openssh-client', 'openssh-server'] : []),
];
const absent = packages.filter(
  (p) => sh(`dpkg-query -W -f='\${Status}' ${p} | grep -q 'ok installed'`, { quiet: true }).status !== 0,
);
if (absent.length > 0) {
  log(`installing ${absent.join(' ')}`);
  must(
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${absent.join(' ')}`,
  );
}

const work = mkdtempSync(join(tmpdir(), 'quayside-conformance-'));
chmodSync(work, 0o755);
const started: ChildProcess[] = [];
let startedLibvirtd = false;

async function waitFor(check: () => boolean, what: string, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start`);
}

// A Docker daemon of the recorder's own, in a network namespace of its own: its default bridge
// (docker0, 172.17.0.0/16) and iptables rules live there, so it touches neither this machine's
// networking nor a daemon others use on the default socket. Its socket is bind-mounted over the
// default one only inside the learner's shell (a mount namespace), so the shell sees a default setup.
const NETNS = 'quayside-conformance';
const RUN_DIR = '/run/quayside-conformance';
const SOCKET = `${RUN_DIR}/docker.sock`;
const DATA_ROOT = '/var/lib/quayside-conformance/docker';
process.env.DOCKER_HOST = `unix://${SOCKET}`;
let createdNetns = false;
/** The dockerd the recorder started, if it did. */
let ownDockerd: ChildProcess | undefined;
mkdirSync(RUN_DIR, { recursive: true });
if (sh('docker info', { quiet: true }).status !== 0) {
  // A namespace left by a daemon that did not stop cleanly keeps its bridges, whose subnets the new
  // daemon would skip: start from a new one, so networks get Docker's first free pools (172.18…).
  if (existsSync(`/run/netns/${NETNS}`)) must(`ip netns del ${NETNS}`);
  must(`ip netns add ${NETNS} && ip netns exec ${NETNS} ip link set lo up`);
  createdNetns = true;
  log(`starting a private dockerd (network namespace ${NETNS}, ${SOCKET}, data in ${DATA_ROOT})`);
  await startDockerd();
}

/** Starts the recorder's own dockerd in its network namespace and waits until it answers. */
async function startDockerd(): Promise<void> {
  const logFd = openSync(join(work, 'dockerd.log'), 'a');
  ownDockerd = spawn(
    'nsenter',
    [
      `--net=/run/netns/${NETNS}`,
      'dockerd',
      '--host',
      `unix://${SOCKET}`,
      '--data-root',
      DATA_ROOT,
      '--exec-root',
      `${RUN_DIR}/exec`,
      '--pidfile',
      `${RUN_DIR}/docker.pid`,
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  started.push(ownDockerd);
  await waitFor(() => sh('docker info', { quiet: true }).status === 0, 'dockerd');
}

/**
 * Docker 20.10's IPAM gives a new network the pool after the last one it handed out, even once that
 * network is gone, until the daemon restarts. The sandbox starts every case with a new engine, so a
 * case that makes networks gets a restarted daemon (one the recorder started), and 172.18 first.
 */
async function restartDockerd(): Promise<void> {
  const daemon = ownDockerd;
  if (!daemon) return;
  const exited = new Promise<void>((r) => daemon.once('exit', () => r()));
  daemon.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  started.splice(started.indexOf(daemon), 1);
  await startDockerd();
}
if (needVm && sh('virsh -c qemu:///system uri', { quiet: true }).status !== 0) {
  // Ubuntu lets the libvirt group in through a polkit rule; this machine has no system bus for
  // polkit, so the recorder's libvirtd grants the group the socket itself, to the same effect.
  const conf = join(work, 'libvirtd.conf');
  writeFileSync(
    conf,
    'unix_sock_group = "libvirt"\nunix_sock_rw_perms = "0770"\nauth_unix_rw = "none"\nauth_unix_ro = "none"\n',
  );
  log('starting libvirtd');
  must(`libvirtd -d -f ${conf}`);
  startedLibvirtd = true;
  await waitFor(() => sh('virsh -c qemu:///system uri', { quiet: true }).status === 0, 'libvirtd');
}

// The learner the sandbox's shell runs as, in the groups it has there (those this machine has, which
// an earlier run's packages may not have made yet: an existing account joins them too).
const learnerGroups = ['docker', 'sudo', 'kvm', 'libvirt'].filter(
  (g) => sh(`getent group ${g}`, { quiet: true }).status === 0,
);
if (sh(`id ${LEARNER}`, { quiet: true }).status !== 0) {
  must(
    `useradd -M -d ${HOME} -s /bin/bash -U ${learnerGroups.length > 0 ? `-G ${learnerGroups.join(',')}` : ''} ${LEARNER}`,
  );
} else if (learnerGroups.length > 0) must(`usermod -a -G ${learnerGroups.join(',')} ${LEARNER}`);

// The host's /etc/hosts as the sandbox has it, mounted in the learner's shell.
const HOSTS_FILE = join(work, 'hosts');
writeFileSync(HOSTS_FILE, HOST_HOSTS);

// The learner may use sudo without a password, as cloud-init sets up an Ubuntu cloud image's user
// (the sandbox's host has the same file).
writeFileSync(
  '/etc/sudoers.d/90-cloud-init-users',
  `# User rules for ${LEARNER}\n${LEARNER} ALL=(ALL) NOPASSWD:ALL\n`,
  {
    mode: 0o440,
  },
);

// ---- the stand-in guest -----------------------------------------------------------------------------

/**
 * A guest a case reaches with `ssh` (its `guest`), stood in for by Debian's OpenSSH server: no guest
 * boots quickly here, and what such a case compares is ssh's own behaviour and commands whose output
 * every guest shares. The stand-in has a network namespace of its own joined to the recorder's by a
 * veth pair (`virbr0`, 192.168.122.1, on the recorder's side as on a libvirt host; `enp1s0` with the
 * sandbox's first guest address on the guest's), and for each case a UTS namespace named after the
 * guest and a mount namespace whose /home holds the guest's own learner, a fresh home with the host
 * learner's key in `~/.ssh/authorized_keys`, as cloud-init sets up the lab's guests. Its sshd is
 * configured as the guests' cloud images have it (public keys only) and runs for that case alone.
 */
const GUEST_NETNS = 'quayside-conformance-guest';
const GUEST_DIR = join(work, 'guest');
const GUEST_HOMES = join(GUEST_DIR, 'home');
const GUEST_SSHD_CONFIG = join(GUEST_DIR, 'sshd_config');
/** The host learner's key pair; the learner's ssh takes it from the client configuration, not the home. */
const LEARNER_KEY = join(GUEST_DIR, 'learner_ed25519');
/** The host's ssh client configuration, mounted over /etc/ssh/ssh_config.d in a guest case's shell. */
const SSH_CONFIG_DIR = join(work, 'ssh_config.d');
let createdGuestNetns = false;
if (needGuest) {
  if (existsSync(`/run/netns/${GUEST_NETNS}`)) must(`ip netns del ${GUEST_NETNS}`);
  must(`set -e
ip netns add ${GUEST_NETNS}; ip -n ${GUEST_NETNS} link set lo up
ip link add virbr0 netns ${NETNS} type veth peer name enp1s0 netns ${GUEST_NETNS}
ip -n ${NETNS} addr add 192.168.122.1/24 dev virbr0; ip -n ${NETNS} link set virbr0 up
ip -n ${GUEST_NETNS} addr add ${FIRST_KVM_GUEST_ADDRESS}/24 dev enp1s0; ip -n ${GUEST_NETNS} link set enp1s0 up`);
  createdGuestNetns = true;
  mkdirSync(GUEST_HOMES, { recursive: true });
  mkdirSync(SSH_CONFIG_DIR);
  must(`set -e
ssh-keygen -q -t ed25519 -N '' -C '' -f ${GUEST_DIR}/ssh_host_ed25519_key
ssh-keygen -q -t ed25519 -N '' -C ${LEARNER}@quayside -f ${LEARNER_KEY}; chown ${LEARNER}: ${LEARNER_KEY}
mkdir -p /run/sshd`);
  writeFileSync(
    GUEST_SSHD_CONFIG,
    `ListenAddress ${FIRST_KVM_GUEST_ADDRESS}\nHostKey ${GUEST_DIR}/ssh_host_ed25519_key\nPidFile ${GUEST_DIR}/sshd.pid\nUsePAM yes\nKbdInteractiveAuthentication no\nPasswordAuthentication no\nPrintMotd no\nAcceptEnv LANG LC_*\n`,
  );
  for (const [path, node] of Object.entries(virtualisationLayer('server')))
    if (path.startsWith('/etc/ssh/ssh_config.d/') && node.type === 'file' && node.text !== undefined)
      writeFileSync(join(SSH_CONFIG_DIR, path.split('/').pop() as string), node.text);
  writeFileSync(join(SSH_CONFIG_DIR, '99-conformance-identity.conf'), `IdentityFile ${LEARNER_KEY}\n`);
}

/** Starts the stand-in for a case's guest, with a fresh home, and resolves once its sshd listens. */
async function startGuest(name: string): Promise<ChildProcess> {
  const home = join(GUEST_HOMES, LEARNER);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'authorized_keys'), readFileSync(`${LEARNER_KEY}.pub`));
  must(
    `chmod 750 ${home} && chmod 700 ${home}/.ssh && chmod 600 ${home}/.ssh/authorized_keys && chown -R ${LEARNER}: ${home}`,
  );
  const logFile = join(GUEST_DIR, 'sshd.log');
  writeFileSync(logFile, '');
  const sshd = spawn(
    'nsenter',
    [
      `--net=/run/netns/${GUEST_NETNS}`,
      'unshare',
      '--mount',
      '--uts',
      '--',
      'sh',
      '-c',
      `mount --bind ${GUEST_HOMES} /home && hostname ${name} && exec /usr/sbin/sshd -D -e -f ${GUEST_SSHD_CONFIG}`,
    ],
    { stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] },
  );
  await waitFor(
    () => readFileSync(logFile, 'utf8').includes('Server listening'),
    "the stand-in guest's sshd",
    10,
  );
  return sshd;
}

async function stopGuest(sshd: ChildProcess): Promise<void> {
  const exited = new Promise<void>((r) => sshd.once('exit', () => r()));
  sshd.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

// A directory holding Debian's 20.10 client as `docker`, for cases recorded with it.
const client2010 = join(work, 'docker-20.10');
mkdirSync(client2010);
symlinkSync('/usr/bin/docker', join(client2010, 'docker'));

/** Cleans up and stops what the recorder started. */
async function shutdown(): Promise<void> {
  try {
    cleanDocker();
    cleanVms();
  } catch (error) {
    log(`cleaning failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const daemon of started) {
    const exited = new Promise<void>((r) => daemon.once('exit', () => r()));
    daemon.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  if (createdGuestNetns) sh(`ip netns del ${GUEST_NETNS}`, { quiet: true });
  if (createdNetns) sh(`ip netns del ${NETNS}`, { quiet: true });
  if (startedLibvirtd && existsSync('/run/libvirtd.pid')) {
    const pid = Number(readFileSync('/run/libvirtd.pid', 'utf8').trim());
    if (pid > 0) process.kill(pid, 'SIGTERM');
  }
  rmSync(work, { recursive: true, force: true });
}

// ---- CLI plugins from Debian 13 ------------------------------------------------------------------

/** Whether a case runs `docker compose` (so it needs the plugin, and its version is recorded). */
function usesCompose(c: ConformanceCase): boolean {
  return [...c.setup, ...c.lines.map((l) => l.in)].some((line) => /\bdocker compose\b/.test(line));
}

/** Whether a case runs `docker buildx` by name (so its buildx version is recorded). */
function usesBuildx(c: ConformanceCase): boolean {
  return [...c.setup, ...c.lines.map((l) => l.in)].some((line) => /\bdocker buildx\b/.test(line));
}

/**
 * A Docker CLI plugin that Debian 13 packages as a Go binary needing only the C library, so it runs
 * here: Compose v2 (Debian 12's `docker-compose` is Compose v1, another program) and buildx (Debian 12
 * has none). Each is pinned to one package of the archive.
 */
interface PluginDeb {
  /** The plugin's name: the client runs `docker-NAME` for `docker NAME`. */
  name: string;
  url: string;
  sha256: string;
  /** The `Version` the plugin reports in its `docker-cli-plugin-metadata`. */
  version: string;
}
const COMPOSE_DEB: PluginDeb = {
  name: 'compose',
  url: 'http://deb.debian.org/debian/pool/main/d/docker-compose/docker-compose_2.26.1-4_amd64.deb',
  sha256: '47681197cb2b1ab88206b42a1a92fc75f50d9530a6322d03494a473eed0408ea',
  version: '2.26.1-4',
};
const BUILDX_DEB: PluginDeb = {
  name: 'buildx',
  url: 'http://deb.debian.org/debian/pool/main/d/docker-buildx/docker-buildx_0.13.1+ds1-3_amd64.deb',
  sha256: 'fcf8c48204d1603c8f209451d7827eb91bf30759578baf7704e9e1a87e5f1d7f',
  version: '0.13.1+ds1',
};

/**
 * Fetches the pinned package from the archive (kept between recordings), checks it, unpacks it (does
 * not install it) and copies its plugin where the Docker client looks for plugins machine-wide.
 */
function installPlugin(deb: PluginDeb): void {
  const plugin = `/usr/local/lib/docker/cli-plugins/docker-${deb.name}`;
  const metadata = sh(`${plugin} docker-cli-plugin-metadata`, { quiet: true }).out;
  if (metadata.includes(`"Version": "${deb.version}"`)) return;
  const file = `/var/cache/quayside-conformance/${deb.url.split('/').pop()}`;
  if (!existsSync(file)) {
    log(`fetching the ${deb.name} plugin (${deb.url.split('/').pop()})`);
    must(
      `mkdir -p ${dirname(file)} && curl -fsSL -o '${file}.part' '${deb.url}' && mv '${file}.part' '${file}'`,
    );
  }
  must(`echo '${deb.sha256}  ${file}' | sha256sum -c --quiet`);
  const unpacked = join(work, `docker-${deb.name}-deb`);
  must(
    `dpkg-deb -x '${file}' ${unpacked} && install -D -m 755 ${unpacked}/usr/libexec/docker/cli-plugins/docker-${deb.name} ${plugin}`,
  );
}

// ---- images ---------------------------------------------------------------------------------------

/**
 * busybox:latest as the oracle README makes it; alpine:latest the same BusyBox with Alpine's
 * release files and `CMD ["/bin/sh"]` (no Alpine userland: apk, musl's own tools are absent).
 */
function makeImages(): void {
  const root = join(work, 'rootfs');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root);
  must(`set -e
r=${root}; mkdir -p "$r/bin" "$r/etc" "$r/tmp" "$r/root"; chmod 1777 "$r/tmp"
bb=$(dpkg -L busybox-static | grep "bin/busybox$"); cp "$bb" "$r/bin/"
for a in $("$bb" --list); do [ "$a" = busybox ] || ln -s busybox "$r/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\\nnobody:x:65534:65534:nobody:/:/bin/false\\n' > "$r/etc/passwd"
printf 'root:x:0:\\n' > "$r/etc/group"
tar -C "$r" -c . | docker import -c 'CMD ["sh"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - busybox:latest >/dev/null
# docker images sorts by creation time in whole seconds: alpine must be the newer, as in the sandbox.
sleep 1.1
printf '3.22.2\\n' > "$r/etc/alpine-release"
printf 'NAME="Alpine Linux"\\nID=alpine\\nVERSION_ID=3.22.2\\nPRETTY_NAME="Alpine Linux v3.22"\\nHOME_URL="https://alpinelinux.org/"\\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\\n' > "$r/etc/os-release"
tar -C "$r" -c . | docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - alpine:latest >/dev/null`);
  if (needRegistry) makeRegistryImage();
}

/**
 * debian:latest as the official image is built: `debootstrap --variant=minbase trixie`, imported with
 * the image's CMD. The root filesystem is kept between recordings (DEBIAN_CACHE): it takes minutes.
 */
const DEBIAN_CACHE = '/var/cache/quayside-conformance/debian-trixie.tar';
function makeDebian(): void {
  if (!existsSync(DEBIAN_CACHE)) {
    const root = join(work, 'debian');
    log('making debian:latest with debootstrap (minbase trixie)');
    must(
      `mkdir -p ${dirname(DEBIAN_CACHE)} && debootstrap --variant=minbase trixie ${root} http://deb.debian.org/debian >/dev/null`,
    );
    must(`tar -C ${root} -cf ${DEBIAN_CACHE}.part . && mv ${DEBIAN_CACHE}.part ${DEBIAN_CACHE}`);
  }
  must(
    `docker import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' ${DEBIAN_CACHE} debian:latest >/dev/null`,
  );
}

// ---- the desktop: Ubuntu 24.04 with VirtualBox ------------------------------------------------------

/**
 * The sandbox's desktop is Ubuntu 24.04 with VirtualBox 7.0.16, which Debian 12 does not package.
 * Ubuntu's archive does: `debootstrap --variant=minbase noble` (its Release checked against Ubuntu's
 * keyring, taken from the pinned ubuntu-keyring package), then noble's `virtualbox` from multiverse
 * with `virtualbox-source` for its kernel-module dependency, so no module is built (configuration
 * commands need none; `startvm` does). The root is kept between recordings (DESKTOP_ROOT): it takes
 * minutes. A desktop case's shell runs chrooted in it, its home the learner's, bind-mounted.
 */
const DESKTOP_ROOT = '/var/cache/quayside-conformance/ubuntu-noble-virtualbox';
const UBUNTU_MIRROR = 'http://archive.ubuntu.com/ubuntu';
const UBUNTU_KEYRING_DEB = {
  url: `${UBUNTU_MIRROR}/pool/main/u/ubuntu-keyring/ubuntu-keyring_2023.11.28.1_all.deb`,
  sha256: '36de43b15853ccae0028e9a767613770c704833f82586f28eb262f0311adb8a8',
};
const VIRTUALBOX_VERSION = '7.0.16-dfsg-2';
function makeDesktopRoot(): void {
  if (!existsSync(`${DESKTOP_ROOT}/.ready`)) {
    log(
      `making the desktop root in ${DESKTOP_ROOT} (debootstrap minbase noble, virtualbox ${VIRTUALBOX_VERSION})`,
    );
    rmSync(DESKTOP_ROOT, { recursive: true, force: true });
    const keyringDeb = join(work, 'ubuntu-keyring.deb');
    must(
      `curl -fsSL -o ${keyringDeb} ${UBUNTU_KEYRING_DEB.url} && echo '${UBUNTU_KEYRING_DEB.sha256}  ${keyringDeb}' | sha256sum -c --quiet && dpkg-deb -x ${keyringDeb} ${join(work, 'ubuntu-keyring')}`,
    );
    // Debian 12's debootstrap has no script named noble; gutsy's serves every later Ubuntu release.
    must(
      `debootstrap --variant=minbase --keyring=${join(work, 'ubuntu-keyring/usr/share/keyrings/ubuntu-archive-keyring.gpg')} noble ${DESKTOP_ROOT} ${UBUNTU_MIRROR} /usr/share/debootstrap/scripts/gutsy >/dev/null`,
    );
    writeFileSync(
      `${DESKTOP_ROOT}/etc/apt/sources.list`,
      `deb ${UBUNTU_MIRROR} noble main universe multiverse\n`,
    );
    // No service starts in the root (virtualbox's postinst would restart its own).
    writeFileSync(`${DESKTOP_ROOT}/usr/sbin/policy-rc.d`, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    must(
      `unshare --mount -- sh -c 'mount -t proc proc ${DESKTOP_ROOT}/proc && chroot ${DESKTOP_ROOT} sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtualbox=${VIRTUALBOX_VERSION} virtualbox-source=${VIRTUALBOX_VERSION} && apt-get clean" >/dev/null'`,
    );
    writeFileSync(`${DESKTOP_ROOT}/.ready`, '');
  }
  // The learner, with this machine's ids (its home is bind-mounted), in vboxusers as on the desktop.
  const ids = `${first(`id -u ${LEARNER}`)}:${first(`id -g ${LEARNER}`)}`;
  if (
    first(`chroot ${DESKTOP_ROOT} id -u ${LEARNER}`) +
      ':' +
      first(`chroot ${DESKTOP_ROOT} id -g ${LEARNER}`) !==
    ids
  ) {
    sh(`chroot ${DESKTOP_ROOT} userdel ${LEARNER}; chroot ${DESKTOP_ROOT} groupdel ${LEARNER}`, {
      quiet: true,
    });
    const [uid, gid] = ids.split(':');
    must(
      `chroot ${DESKTOP_ROOT} groupadd -g ${gid} ${LEARNER} && chroot ${DESKTOP_ROOT} useradd -M -d ${HOME} -s /bin/bash -u ${uid} -g ${gid} -G vboxusers ${LEARNER}`,
    );
  }
  mkdirSync(`${DESKTOP_ROOT}${HOME}`, { recursive: true });
}

/**
 * Stops the VBoxSVC (and its IPC daemon) a desktop case's VBoxManage started: they outlive the
 * shell, and hold the machines it registered. Then the learner's files in the root's /tmp go.
 */
async function stopDesktopServices(): Promise<void> {
  const inRoot = () =>
    sh(`for p in /proc/[0-9]*; do [ "$(readlink $p/root)" = ${DESKTOP_ROOT} ] && echo \${p#/proc/}; done`, {
      quiet: true,
    })
      .out.split('\n')
      .filter(Boolean)
      .map(Number);
  const signal = (name: NodeJS.Signals) => {
    for (const pid of inRoot()) {
      try {
        process.kill(pid, name);
      } catch {
        // gone meanwhile
      }
    }
  };
  signal('SIGTERM');
  await waitFor(() => inRoot().length === 0, 'the desktop root emptying', 20).catch(() => signal('SIGKILL'));
  sh(`find ${DESKTOP_ROOT}/tmp -mindepth 1 -maxdepth 1 -user ${LEARNER} -exec rm -rf {} +`, { quiet: true });
}

/**
 * registry:2 from Debian's docker-registry package (Distribution 2.8, the release registry:2 runs),
 * with the C library its binary links against and the upstream image's configuration: filesystem
 * storage in /var/lib/registry, no authentication, port 5000. The package is unpacked, not installed,
 * so no registry service starts on this machine.
 */
function makeRegistryImage(): void {
  const root = join(work, 'registry-rootfs');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root);
  must(`set -e
cd ${work} && apt-get download -qq docker-registry && dpkg-deb -x docker-registry_*.deb ${join(work, 'registry-deb')}
r=${root}; mkdir -p "$r/bin" "$r/etc/docker/registry" "$r/var/lib/registry" "$r/tmp"; chmod 1777 "$r/tmp"
cp ${join(work, 'registry-deb')}/usr/bin/docker-registry "$r/bin/registry"
for lib in $(ldd "$r/bin/registry" | grep -o '/[^ ]*'); do mkdir -p "$r$(dirname "$lib")"; cp -L "$lib" "$r$lib"; done
printf 'version: 0.1\\nlog:\\n  fields:\\n    service: registry\\nstorage:\\n  cache:\\n    blobdescriptor: inmemory\\n  filesystem:\\n    rootdirectory: /var/lib/registry\\nhttp:\\n  addr: :5000\\n  headers:\\n    X-Content-Type-Options: [nosniff]\\n' > "$r/etc/docker/registry/config.yml"
tar -C "$r" -c . | docker import -c 'ENTRYPOINT ["/bin/registry", "serve"]' -c 'CMD ["/etc/docker/registry/config.yml"]' -c 'EXPOSE 5000' -c 'VOLUME ["/var/lib/registry"]' - registry:2 >/dev/null`);
}

const BASE_TAGS: Record<string, string> = {
  busybox: 'busybox:latest',
  alpine: 'alpine:latest',
  ...(needDebian ? { debian: 'debian:latest' } : {}),
  ...(needRegistry ? { registry: 'registry:2' } : {}),
};
// Every case starts from an empty daemon: refuse to empty one that holds someone else's work.
const foreign = must(
  `docker ps -aq; docker images --format '{{.Repository}}:{{.Tag}}' | grep -vxE 'busybox:latest|alpine:latest|debian:latest|registry:2'; docker volume ls -q`,
).trim();
if (foreign && !args.includes('--wipe')) {
  log('This Docker daemon holds containers, images or volumes the recorder did not make; every case');
  log('starts from an empty daemon. Pass --wipe to remove them.');
  await shutdown();
  process.exit(2);
}
makeImages();
if (needDebian) makeDebian();
// The sandbox's client always has buildx, so every case's client has it: `docker build` goes to it
// unless DOCKER_BUILDKIT=0 asks for the legacy builder.
installPlugin(BUILDX_DEB);
if (needCompose) installPlugin(COMPOSE_DEB);
if (needDesktop) makeDesktopRoot();
for (const [name, tag] of Object.entries(BASE_TAGS))
  must(`docker save -o ${join(work, `${name}.tar`)} ${tag}`);

/**
 * Puts the daemon back to nothing (no container, volume, custom network, image or build cache), then
 * loads the images the case names, saved once, so their ids are the same in every case.
 */
function cleanDocker(c?: ConformanceCase): void {
  must('docker ps -aq | xargs -r docker rm -f -v >/dev/null');
  must('docker volume ls -q | xargs -r docker volume rm -f >/dev/null');
  must('docker network ls -q --filter type=custom | xargs -r docker network rm >/dev/null');
  // Removing an image may remove its children first, so some ids are gone by their turn: repeat.
  for (let i = 0; i < 5 && must(`docker images -aq`).trim() !== ''; i++)
    sh(`docker images -aq | sort -u | xargs -r docker rmi -f >/dev/null 2>&1`, { quiet: true });
  if (must(`docker images -aq`).trim() !== '') throw new Error('images remain after cleaning');
  must('docker builder prune -af >/dev/null');
  for (const name of c?.images ?? []) must(`docker load -q -i ${join(work, `${name}.tar`)} >/dev/null`);
}

/**
 * A fresh home as the sandbox's learner has it on the case's machine (its own layer and the
 * virtualisation layer's `~/.config/libvirt`), and no files of the learner's left in /tmp.
 */
function resetHome(c: ConformanceCase): void {
  rmSync(HOME, { recursive: true, force: true });
  mkdirSync(HOME, { mode: 0o750 });
  const entries = [virtualisationLayer(c.machine), learnerHomeLayer()].flatMap((layer) =>
    Object.entries(layer),
  );
  for (const [path, node] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    if (!path.startsWith(`${HOME}/`)) continue;
    if (node.type === 'dir') mkdirSync(path, { mode: node.mode, recursive: true });
    else if (node.type === 'file' && node.text !== undefined)
      writeFileSync(path, node.text, { mode: node.mode });
  }
  must(`chmod 750 ${HOME} && chown -R ${LEARNER}:${LEARNER} ${HOME}`);
  sh(`find /tmp /var/tmp -mindepth 1 -maxdepth 1 -user ${LEARNER} -exec rm -rf {} +`, { quiet: true });
}

function cleanVms(): void {
  if (!needVm) return;
  for (const uri of ['qemu:///system']) {
    const names = sh(`virsh -c ${uri} list --all --name`, { quiet: true }).out.split('\n').filter(Boolean);
    for (const name of names) {
      sh(`virsh -c ${uri} destroy ${name}; virsh -c ${uri} undefine ${name} --remove-all-storage`, {
        quiet: true,
      });
    }
  }
}

// ---- versions -------------------------------------------------------------------------------------

function first(command: string): string {
  return sh(command, { quiet: true }).out.split('\n')[0]?.trim() ?? '';
}
const versions: Record<string, string> = {
  os: first(`. /etc/os-release && echo "$PRETTY_NAME"`),
  bash: first(`bash --version`),
  'docker-client': `${first(`docker version -f '{{.Client.Version}}'`)} (API ${first(`docker version -f '{{.Client.APIVersion}}'`)})`,
  'docker-client-20.10': first(`/usr/bin/docker version -f '{{.Client.Version}}'`),
  'docker-server': first(`docker version -f '{{.Server.Version}}'`),
  containerd: first(`containerd --version`),
  runc: first(`runc --version`),
  coreutils: first(`ls --version`),
  grep: first(`grep --version`),
  busybox: first(`$(dpkg -L busybox-static | grep "bin/busybox$") | head -1`),
  'qemu-img': first(`qemu-img --version`),
  libvirt: first(`virsh --version`),
  'virt-install': first(`virt-install --version`),
  'docker-compose': first(`docker compose version --short`),
  'docker-buildx': first(`docker buildx version`),
  ...(needDesktop
    ? {
        'desktop-os': first(`. ${DESKTOP_ROOT}/etc/os-release && echo "$PRETTY_NAME"`),
        'desktop-bash': first(`chroot ${DESKTOP_ROOT} bash --version`),
        virtualbox: `${first(`unshare --mount -- sh -c 'mount -t proc proc ${DESKTOP_ROOT}/proc && chroot ${DESKTOP_ROOT} /usr/lib/virtualbox/VBoxManage --version'`)} (${first(`chroot ${DESKTOP_ROOT} dpkg-query -W -f='\${Package} \${Version}' virtualbox`)})`,
      }
    : {}),
  'openssh-client': first(`ssh -V 2>&1`),
  'openssh-server': first(`dpkg-query -W -f='\${Version}' openssh-server`),
};
function versionsFor(c: ConformanceCase): Record<string, string> {
  const keys: Record<string, string[]> = {
    'docker-cli': ['os', 'bash', 'docker-client', 'docker-server', 'containerd', 'runc'],
    build: [
      'os',
      'bash',
      c.realClient === 'docker-20.10' ? 'docker-client-20.10' : 'docker-client',
      'docker-server',
    ],
    busybox: ['os', 'bash', 'docker-client', 'docker-server', 'busybox'],
    'shell-coreutils': ['os', 'bash', 'coreutils', 'grep'],
    vm: ['os', 'bash', 'qemu-img', 'libvirt', 'virt-install'],
  };
  if (c.machine === 'desktop') return pick(['os', 'desktop-os', 'desktop-bash', 'virtualbox']);
  return pick([
    ...(keys[c.area] ?? []),
    ...(usesCompose(c) ? ['docker-compose'] : []),
    ...(usesBuildx(c) ? ['docker-buildx'] : []),
    ...(c.guest ? ['openssh-client', 'openssh-server'] : []),
  ]);
}
function pick(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((k) => [k, versions[k] ?? '']));
}

// ---- one case ---------------------------------------------------------------------------------------

const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;

class RealShell {
  private readonly child: ChildProcess;
  private buffer = '';
  private waiting: (() => void) | undefined;

  constructor(c: ConformanceCase) {
    const env = {
      HOME,
      USER: LEARNER,
      LOGNAME: LEARNER,
      SHELL: '/bin/bash',
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      LANG: 'C.UTF-8',
      TERM: 'xterm-256color',
      PS1: '',
      PS2: '',
      ...(existsSync('/run/docker.sock') ? {} : { DOCKER_HOST: `unix://${SOCKET}` }),
    };
    const envArgs = Object.entries(env)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(' ');
    // A UTS namespace of its own so `hostname` can be the sandbox's without touching this machine's,
    // and the sandbox's /etc/hosts naming it (sudo looks the host up) over this machine's.
    const socket = existsSync('/run/docker.sock')
      ? `mount --bind ${SOCKET} /run/docker.sock && `
      : `export DOCKER_HOST=unix://${SOCKET} && `;
    const shell = `runuser -u ${LEARNER} -- env -i ${envArgs} bash --norc --noprofile --noediting -i 2>&1`;
    const sshConfig = c.guest ? `mount --bind ${SSH_CONFIG_DIR} /etc/ssh/ssh_config.d && ` : '';
    // The desktop's shell runs in its Ubuntu root, with this machine's /proc, /dev and /sys (which
    // has no vboxdrv) and the learner's home.
    const R = DESKTOP_ROOT;
    const inner =
      c.machine === 'desktop'
        ? `mount -t proc proc ${R}/proc && mount --bind /dev ${R}/dev && mount --bind /sys ${R}/sys && mount --bind ${HOME} ${R}${HOME} && mount --bind ${HOSTS_FILE} ${R}/etc/hosts && hostname quayside && exec chroot ${R} env -C ${HOME} ${shell}`
        : `${socket}${sshConfig}mount --bind ${HOSTS_FILE} /etc/hosts && hostname quayside && cd ${HOME} && exec ${shell}`;
    this.child = spawn(
      'nsenter',
      [`--net=/run/netns/${NETNS}`, 'unshare', '--mount', '--uts', '--', 'sh', '-c', inner],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      },
    );
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiting?.();
    });
    this.child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const prelude = [
      'export -n PS1 PS2',
      ...(c.realClient === 'docker-20.10' ? [`PATH=${client2010}:$PATH`] : []),
      ...Object.entries(c.env).map(([k, v]) => `export ${k}=${quote(v)}`),
    ];
    this.prelude = prelude;
  }

  readonly prelude: string[];

  /**
   * Types a line and waits for its output and status (the next prompt). Nothing is typed after it:
   * a program that reads the terminal (ssh forwards it to the remote command) would take what comes next.
   */
  async run(line: string): Promise<{ out: string; status: number }> {
    this.child.stdin?.write(`${line}\n`);
    return this.read(line);
  }

  private async read(line: string): Promise<{ out: string; status: number }> {
    const deadline = Date.now() + LINE_TIMEOUT_MS;
    for (;;) {
      const match = SENTINEL.exec(this.buffer);
      if (match) {
        const out = this.buffer.slice(0, match.index);
        this.buffer = this.buffer.slice(match.index + match[0].length);
        return { out, status: Number(match[1]) };
      }
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error(`no answer to: ${line}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 500);
      });
    }
  }

  /** Startup noise (job control warnings) goes before the first sentinel. */
  async start(): Promise<void> {
    // The prompt marks the end of a line's output with its status. Bash prints it even where it runs
    // no PROMPT_COMMAND (after a failed history expansion), and on stderr, which shares the pipe.
    this.child.stdin?.write(`PS1=$'\\036QS:$?\\036\\n'\n`);
    await this.read(':');
    for (const line of this.prelude) await this.run(line);
  }

  async close(): Promise<void> {
    this.child.stdin?.end('exit\n');
    const done = new Promise<void>((r) => this.child.once('exit', () => r()));
    const timer = setTimeout(() => {
      if (this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
    }, 10_000);
    await done;
    clearTimeout(timer);
  }
}

async function recordCase(c: ConformanceCase): Promise<{ out: string; status: number }[]> {
  if ([...c.setup, ...c.lines.map((l) => l.in)].some((line) => /\bnetwork\b|\bcompose\b/.test(line)))
    await restartDockerd();
  cleanDocker(c);
  cleanVms();
  resetHome(c);
  // The guest's name resolves as libvirt's NSS module resolves it on the sandbox's host.
  writeFileSync(
    HOSTS_FILE,
    c.guest ? `${HOST_HOSTS}${FIRST_KVM_GUEST_ADDRESS} ${c.guest.name}\n` : HOST_HOSTS,
  );
  const guest = c.guest ? await startGuest(c.guest.name) : undefined;
  const shell = new RealShell(c);
  try {
    await shell.start();
    for (const line of c.setup) {
      const r = await shell.run(line);
      if (r.status !== 0) throw new Error(`setup line failed (${r.status}): ${line}\n${r.out}`);
    }
    const results: { out: string; status: number }[] = [];
    for (const line of c.lines) results.push(await shell.run(line.in));
    return results;
  } finally {
    await shell.close();
    if (c.machine === 'desktop') await stopDesktopServices();
    if (guest) await stopGuest(guest);
  }
}

// ---- recording ----------------------------------------------------------------------------------

const byFile = new Map<string, typeof selected>();
for (const c of selected) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
let failures = 0;
try {
  for (const [file, cases] of byFile) {
    const path = join(CORPUS_DIR, file);
    const doc = parseDocument(readFileSync(path, 'utf8'));
    for (const loaded of cases) {
      const c = loaded.case;
      try {
        const results = await recordCase(c);
        const node = doc.getIn(['cases', loaded.index]);
        if (!isMap(node)) throw new Error('case is not a map');
        const lines = node.get('lines');
        if (!isSeq(lines)) throw new Error('lines is not a list');
        results.forEach((r, j) => {
          doc.setIn(['cases', loaded.index, 'lines', j, 'out'], r.out);
          doc.setIn(['cases', loaded.index, 'lines', j, 'status'], r.status);
          // A newer tool's output was written against the last recording's random names: carry them over.
          const line = c.lines[j];
          if (line?.newer?.out !== undefined && line.out !== undefined)
            doc.setIn(
              ['cases', loaded.index, 'lines', j, 'newer', 'out'],
              carryNames(line.out, r.out, line.newer.out),
            );
        });
        doc.setIn(['cases', loaded.index, 'recorded'], {
          at: new Date().toISOString().slice(0, 10),
          versions: versionsFor(c),
        });
        log(`recorded ${c.id}`);
      } catch (error) {
        failures++;
        log(`✗ ${c.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    writeFileSync(path, doc.toString({ lineWidth: 0, blockQuote: 'literal' }));
  }
} finally {
  await shutdown();
}
log(`${selected.length - failures} cases recorded, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
