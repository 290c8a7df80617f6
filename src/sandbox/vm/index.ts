/**
 * Virtual machines for the sandbox: KVM/libvirt on the server (a type 1 hypervisor in the host
 * kernel) and VirtualBox on the desktop (type 2, an application), guests that are whole machines,
 * and the commands to drive them. The sandbox wires this in:
 *
 *   const virt = createVirtualisation({ machine, state, host, now, random, makeShell });
 *   host.workloads.push(virt.engine);
 *   Object.assign(programs, virt.programs);
 *
 * with `hostProfile(machine)` as the Host's profile and `virtualisationLayer(machine)` above the
 * Ubuntu base layer (its /etc/passwd and /etc/group replace the base ones).
 */
import type { Host } from '../host/host.ts';
import { lazyProgram, type Program } from '../shell/program.ts';
import { lsmodProgram } from './commands/lsmod.ts';
import { type VmDeps, VmEngine } from './engine.ts';
import type { MachineKind, VirtState } from './state.ts';

export { VmEngine } from './engine.ts';
export { GuestSystem } from './guest-system.ts';
export { learnerGroups, virtualisationLayer } from './layer.ts';
export { DESKTOP_PROFILE, hostProfile } from './profiles.ts';
export { type ResourceSnapshot, resourceSnapshot } from './resources.ts';
export { emptyVirtState, type MachineKind, type VirtState } from './state.ts';

/** The hypervisor engine for a host, and the programs its files name (keyed by program id). */
export function createVirtualisation(
  options: VmDeps & {
    machine: MachineKind;
    state: VirtState;
    host: Host;
  },
): { engine: VmEngine; programs: Record<string, Program> } {
  const engine = new VmEngine(options.state, options.host, {
    now: options.now,
    random: options.random,
    makeShell: options.makeShell,
    spawn: options.spawn,
    scheduler: options.scheduler,
  });
  // The hypervisors' command-line tools load when first typed: most labs never touch them.
  const programs: Record<string, Program> = {
    virsh: lazyProgram(async () => (await import('./commands/virsh.ts')).virshProgram(engine)),
    'virt-install': lazyProgram(async () =>
      (await import('./commands/virt-install.ts')).virtInstallProgram(engine),
    ),
    'qemu-img': lazyProgram(async () => (await import('./commands/qemu-img.ts')).qemuImgProgram(engine)),
    'virt-host-validate': lazyProgram(
      async () => (await import('./commands/virt-host-validate.ts')).virtHostValidateProgram,
    ),
    VBoxManage: lazyProgram(async () => (await import('./commands/vboxmanage.ts')).vboxManageProgram(engine)),
    ssh: lazyProgram(async () => (await import('./commands/ssh.ts')).sshProgram(engine)),
    lsmod: lsmodProgram,
    'systemd-analyze': lazyProgram(
      async () => (await import('./commands/systemd-analyze.ts')).systemdAnalyzeProgram,
    ),
  };
  return { engine, programs };
}
