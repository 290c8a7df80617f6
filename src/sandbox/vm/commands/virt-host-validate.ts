import { groups } from '../../commands/users.ts';
import type { Program, ProgramContext } from '../../shell/program.ts';

type Result = { level: 'PASS' } | { level: 'FAIL' | 'WARN' | 'NOTE'; hint: string };

const COLOURS = { PASS: '\x1b[32m', FAIL: '\x1b[31m', WARN: '\x1b[33m', NOTE: '\x1b[34m' };

/** Whether the user can open a device file for reading and writing (owner, group or other bits). */
function accessible(ctx: ProgramContext, path: string): boolean {
  const node = ctx.fs.stat(path);
  if (!node) return false;
  if (ctx.user.uid === 0) return true;
  if (node.uid === ctx.user.uid) return (node.mode & 0o600) === 0o600;
  const member =
    ctx.user.gid === node.gid ||
    ctx.user.groups.some((g) => g.gid === node.gid) ||
    groups(ctx).some((g) => g.gid === node.gid && g.members.includes(ctx.user.name));
  if (member) return (node.mode & 0o060) === 0o060;
  return (node.mode & 0o006) === 0o006;
}

/** `virt-host-validate [qemu|lxc]`: libvirt's checklist of what the host kernel offers guests. */
export const virtHostValidateProgram: Program = async (ctx) => {
  const drivers = ctx.argv.slice(1);
  for (const d of drivers) {
    if (d.startsWith('-')) {
      if (d === '-q' || d === '--quiet') continue;
      ctx.stderr.write(`virt-host-validate: unrecognized option '${d}'\n`);
      return 1;
    }
    if (!['qemu', 'lxc', 'bhyve', 'ch'].includes(d)) {
      ctx.stderr.write(`virt-host-validate: unsupported hypervisor name ${d}\n`);
      return 1;
    }
  }
  const quiet = drivers.includes('-q') || drivers.includes('--quiet');
  const wanted = drivers.filter((d) => !d.startsWith('-'));
  const all = wanted.length === 0;
  const tty = ctx.stdout.isTTY;
  let failed = false;
  const check = (prefix: string, message: string, result: Result) => {
    if (result.level === 'FAIL') failed = true;
    if (quiet) return;
    const word = tty ? `${COLOURS[result.level]}${result.level}\x1b[0m` : result.level;
    const text = result.level === 'PASS' ? word : `${word} (${result.hint})`;
    ctx.stdout.write(`${prefix.padStart(6)}: Checking ${message.padEnd(60)}: ${text}\n`);
  };
  const cpuinfo = ctx.system.procFile('/proc/cpuinfo', ctx.now()) ?? '';
  const vendor = / svm /.test(cpuinfo) ? 'amd' : 'intel';
  const hardware = / (vmx|svm) /.test(cpuinfo);
  if (all || wanted.includes('qemu')) {
    const q = (message: string, result: Result) => check('QEMU', message, result);
    q(
      'for hardware virtualization',
      hardware
        ? { level: 'PASS' }
        : {
            level: 'FAIL',
            hint: 'Only emulated CPUs are available, performance will be significantly limited',
          },
    );
    if (hardware) {
      const kvm = ctx.fs.exists('/dev/kvm');
      q(
        'if device /dev/kvm exists',
        kvm
          ? { level: 'PASS' }
          : {
              level: 'FAIL',
              hint: "Check that the 'kvm-intel' or 'kvm-amd' modules are loaded & the BIOS has enabled virtualization",
            },
      );
      if (kvm)
        q(
          'if device /dev/kvm is accessible',
          accessible(ctx, '/dev/kvm')
            ? { level: 'PASS' }
            : {
                level: 'FAIL',
                hint: 'Check /dev/kvm is world writable or you are in a group that is allowed to access it',
              },
        );
    }
    q(
      'if device /dev/vhost-net exists',
      ctx.fs.exists('/dev/vhost-net')
        ? { level: 'PASS' }
        : { level: 'WARN', hint: "Load the 'vhost_net' module to improve performance of virtio networking" },
    );
    q(
      'if device /dev/net/tun exists',
      ctx.fs.exists('/dev/net/tun')
        ? { level: 'PASS' }
        : { level: 'FAIL', hint: "Load the 'tun' module to enable networking for QEMU guests" },
    );
    for (const c of ['cpu', 'cpuacct', 'cpuset', 'memory', 'devices', 'blkio'])
      q(`for cgroup '${c}' controller support`, { level: 'PASS' });
    q('for device assignment IOMMU support', { level: 'PASS' });
    q('if IOMMU is enabled by kernel', {
      level: 'WARN',
      hint:
        vendor === 'amd'
          ? 'IOMMU appears to be disabled in kernel. Add iommu=pt iommu=1 to kernel cmdline arguments'
          : 'IOMMU appears to be disabled in kernel. Add intel_iommu=on to kernel cmdline arguments',
    });
    q('for secure guest support', {
      level: 'WARN',
      hint: 'Unknown if this platform has Secure Guest support',
    });
  }
  if (all || wanted.includes('lxc')) {
    const l = (message: string, result: Result) => check('LXC', message, result);
    l('for Linux >= 2.6.26', { level: 'PASS' });
    for (const ns of ['ipc', 'mnt', 'pid', 'uts', 'net', 'user']) l(`for namespace ${ns}`, { level: 'PASS' });
    for (const c of ['cpu', 'cpuacct', 'cpuset', 'memory', 'devices'])
      l(`for cgroup '${c}' controller support`, { level: 'PASS' });
    l("for cgroup 'freezer' controller support", {
      level: 'FAIL',
      hint: "Enable 'freezer' in kernel Kconfig file or mount/enable cgroup controller in your system",
    });
    l("for cgroup 'blkio' controller support", { level: 'PASS' });
    l('if device /sys/fs/fuse/connections exists', { level: 'PASS' });
  }
  return failed ? 1 : 0;
};
