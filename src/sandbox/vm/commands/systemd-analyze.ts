import type { Program } from '../../shell/program.ts';
import { bootDone, initStart, timespan } from '../boot.ts';
import { GuestSystem } from '../guest-system.ts';

/** The host's own last boot (a physical server's firmware is slow: memory training, RAID, PXE ROMs). */
const HOST_BOOT = { firmware: 18_912, loader: 1_204, kernel: 2_871, userspace: 9_355 };

/** `systemd-analyze [time|blame]`: how long the last boot took, from the machine's own clock. */
export const systemdAnalyzeProgram: Program = async (ctx) => {
  const verb = ctx.argv[1] ?? 'time';
  if (verb.startsWith('-')) {
    ctx.stderr.write(`systemd-analyze: unrecognized option '${verb}'\n`);
    return 1;
  }
  if (verb !== 'time' && verb !== 'blame') {
    ctx.stderr.write(`Unknown command verb '${verb}'.\n`);
    return 1;
  }
  const system = ctx.system;
  let times: { firmware: number; loader: number; kernel: number; userspace: number };
  if (system instanceof GuestSystem) {
    const boot = system.domain.boot;
    if (!boot || ctx.now() < bootDone(boot)) {
      ctx.stderr.write(
        "Bootup is not yet finished (org.freedesktop.systemd1.Manager.FinishTimestampMonotonic=0).\nPlease try again later.\nHint: Use 'systemctl list-jobs' to see active jobs\n",
      );
      return 1;
    }
    // SeaBIOS guests have no EFI loader interface: systemd cannot see firmware and loader time.
    times = {
      firmware: 0,
      loader: 0,
      kernel: initStart(boot) - boot.start - boot.firmwareMs - boot.loaderMs,
      userspace: boot.userspaceMs,
    };
  } else times = HOST_BOOT;
  const target = 'graphical.target';
  if (verb === 'blame') {
    const u = times.userspace;
    const units: [number, string][] = [
      [u * 0.41, 'cloud-init.service'],
      [u * 0.18, 'snapd.seeded.service'],
      [u * 0.09, 'systemd-networkd-wait-online.service'],
      [u * 0.05, 'cloud-config.service'],
      [u * 0.03, 'ssh.service'],
      [u * 0.02, 'systemd-journald.service'],
      [u * 0.015, 'systemd-udevd.service'],
      [u * 0.01, 'systemd-resolved.service'],
    ];
    const ubuntu = !(system instanceof GuestSystem) || system.os.id === 'ubuntu24.04';
    const cells = units
      .filter(([, name]) => ubuntu || name !== 'snapd.seeded.service')
      .map(([ms, name]) => [timespan(ms), name] as const);
    const width = Math.max(...cells.map(([t]) => t.length));
    ctx.stdout.write(cells.map(([t, name]) => `${t.padStart(width)} ${name}\n`).join(''));
    return 0;
  }
  const parts: string[] = [];
  if (times.firmware) parts.push(`${timespan(times.firmware)} (firmware)`);
  if (times.loader) parts.push(`${timespan(times.loader)} (loader)`);
  parts.push(`${timespan(times.kernel)} (kernel)`, `${timespan(times.userspace)} (userspace)`);
  const total = times.firmware + times.loader + times.kernel + times.userspace;
  ctx.stdout.write(
    `Startup finished in ${parts.join(' + ')} = ${timespan(total)}\n${target} reached after ${timespan(times.userspace - 24)} in userspace.\n`,
  );
  return 0;
};
