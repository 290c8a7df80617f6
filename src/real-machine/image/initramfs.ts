import type { CpioFile } from './cpio.ts';

/** What the image's boot writes on the console when init has finished and the shell starts. */
export const INIT_DONE = 'quayside: init done';

/**
 * `/init`: mounts the kernel's filesystems, loads the modules the lab needs, makes the root of a
 * from-scratch container, then starts a shell on the console that needs no login.
 */
export const INIT_SCRIPT = `#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev /tmp /root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t cgroup2 cgroup2 /sys/fs/cgroup
echo +memory +pids > /sys/fs/cgroup/cgroup.subtree_control
for module in /lib/modules/*.ko; do insmod "$module"; done
hostname quayside
# Kernel messages stay in dmesg from now on, out of the learner's console.
dmesg -n 1

# The root filesystem of a container built by hand: BusyBox and nothing else.
rootfs=/containers/rootfs
mkdir -p $rootfs/bin $rootfs/proc $rootfs/sys $rootfs/dev $rootfs/tmp $rootfs/root
cp /bin/busybox $rootfs/bin/busybox
chroot $rootfs /bin/busybox --install -s /bin

# The lab reads the machine's state through the second serial port, out of the learner's way.
stty -F /dev/ttyS1 raw -echo
sh /bin/quayside-agent < /dev/ttyS1 > /dev/ttyS1 2>&1 &

echo "${INIT_DONE}"
export HOME=/root PS1='\\u@\\h:\\w\\$ '
cd /root
exec setsid cttyhack sh -l
`;

/**
 * The check agent: each line the lab sends on ttyS1 is an id and a command; it runs the command and
 * answers with start and end markers and the status. A \`key\` line gives it a secret (kept in this
 * shell only, never exported) that signs every status from then on: see \`CheckAgent\`.
 */
export const AGENT_SCRIPT = `key=
while read -r id cmd; do
  if [ "$id" = key ]; then key=$cmd; continue; fi
  printf ':start%s:\\n' "$id"
  (sh -c "$cmd" < /dev/null)
  s=$?
  sig=-
  [ -n "$key" ] && sig=$(printf '%s' "$key:$id:$s" | sha256sum | cut -c1-32)
  printf '\\n:end%s: %s %s\\n' "$id" "$s" "$sig"
done
`;

const CONTAINERS_README = `A container from scratch
========================

rootfs/   the root filesystem of a container: BusyBox and empty mount points.

A container is a process with its own namespaces and limits, on this kernel:

  unshare --pid --fork --mount-proc --uts sh       new process IDs and hostname
  chroot /containers/rootfs sh                    a root filesystem of its own
  mount -t overlay overlay -o lowerdir=…,upperdir=…,workdir=… merged
  mkdir /sys/fs/cgroup/box; echo 16M > /sys/fs/cgroup/box/memory.max
`;

/** Who is who: the prompt and `ps` name users from these. */
const ACCOUNTS: Record<string, string> = {
  'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
  'etc/group': 'root:x:0:\n',
};

const ROOTFS_FILES: Record<string, string> = {
  'etc/hostname': 'container\n',
  'etc/os-release': 'NAME="Quayside scratch"\nID=scratch\nPRETTY_NAME="A root filesystem built by hand"\n',
  ...ACCOUNTS,
};

/** Every parent directory of `path`, outermost first. */
function parents(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * The files of the lab's initramfs: the Quayside init, BusyBox (the whole userland), the kernel
 * modules given (loaded at boot, in order of their names) and `/containers`.
 */
export function initramfsFiles(input: {
  busybox: Uint8Array;
  modules: Record<string, Uint8Array>;
}): CpioFile[] {
  const files = new Map<string, CpioFile>();
  const add = (file: CpioFile) => {
    for (const dir of parents(file.path))
      if (!files.has(dir)) files.set(dir, { path: dir, type: 'directory', mode: 0o755 });
    files.set(file.path, file);
  };
  add({ path: 'init', type: 'file', mode: 0o755, data: INIT_SCRIPT });
  add({ path: 'bin/busybox', type: 'file', mode: 0o755, data: input.busybox });
  add({ path: 'bin/sh', type: 'symlink', mode: 0o777, data: 'busybox' });
  add({ path: 'bin/quayside-agent', type: 'file', mode: 0o755, data: AGENT_SCRIPT });
  for (const dir of ['dev', 'proc', 'sys', 'tmp', 'root']) add({ path: dir, type: 'directory', mode: 0o755 });
  for (const [path, data] of Object.entries(ACCOUNTS)) add({ path, type: 'file', mode: 0o644, data });
  for (const [name, data] of Object.entries(input.modules).sort(([a], [b]) => a.localeCompare(b)))
    add({ path: `lib/modules/${name}`, type: 'file', mode: 0o644, data });
  add({ path: 'containers/README', type: 'file', mode: 0o644, data: CONTAINERS_README });
  for (const [path, data] of Object.entries(ROOTFS_FILES))
    add({ path: `containers/rootfs/${path}`, type: 'file', mode: 0o644, data });
  return [...files.values()];
}
