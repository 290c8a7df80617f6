import { nextInt, type RandomState } from '../core/random.ts';
import type { GuestOs } from './os.ts';
import type { BootRecord, DomainRecord } from './state.ts';

/** One line (or part of one) the guest writes to its serial console, at a virtual time. */
export interface ConsoleLine {
  at: number;
  text: string;
}

/** The phase a running guest is in. */
export type BootPhase = 'firmware' | 'loader' | 'kernel' | 'userspace' | 'up';

/**
 * Plans one boot: fixed firmware and loader times, kernel and init times with a little jitter (real
 * boots never take exactly the same time). First boots run cloud-init or Windows specialize.
 */
export function planBoot(os: GuestOs, first: boolean, start: number, random: RandomState): BootRecord {
  const jitter = (ms: number, percent: number) => {
    const spread = Math.round((ms * percent) / 100);
    return ms + nextInt(random, -spread, spread);
  };
  const userspaceMs = jitter(first ? os.userspaceMs[0] : os.userspaceMs[1], 6);
  return {
    start,
    firmwareMs: os.firmwareMs,
    loaderMs: os.loaderMs,
    kernelMs: jitter(os.kernelMs, 4),
    userspaceMs,
    sshdMs: Math.round(userspaceMs * os.sshdAt),
    first,
  };
}

/** When the kernel started (the guest's uptime counts from here). */
export function kernelStart(boot: BootRecord): number {
  return boot.start + boot.firmwareMs + boot.loaderMs;
}

/** When init started. */
export function initStart(boot: BootRecord): number {
  return kernelStart(boot) + boot.kernelMs;
}

/** When the default target was reached (the login prompt appears). */
export function bootDone(boot: BootRecord): number {
  return initStart(boot) + boot.userspaceMs;
}

/** When the SSH server starts accepting connections. */
export function sshReady(boot: BootRecord): number {
  return initStart(boot) + boot.sshdMs;
}

export function bootPhase(boot: BootRecord, now: number): BootPhase {
  if (now < boot.start + boot.firmwareMs) return 'firmware';
  if (now < kernelStart(boot)) return 'loader';
  if (now < initStart(boot)) return 'kernel';
  if (now < bootDone(boot)) return 'userspace';
  return 'up';
}

/**
 * systemd's format_timespan at millisecond accuracy: `812ms`, `16.904s`, `1min 4.123s`, `2s`.
 * Under a minute a remainder shows as decimals; above, units are listed.
 */
export function timespan(ms: number): string {
  let t = Math.round(ms);
  if (t <= 0) return '0';
  const units: [string, number][] = [
    ['y', 31_557_600_000],
    ['month', 2_629_800_000],
    ['w', 604_800_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1_000],
    ['ms', 1],
  ];
  const parts: string[] = [];
  for (const [suffix, size] of units) {
    if (t <= 0) break;
    if (t < size) continue;
    const a = Math.floor(t / size);
    const b = t % size;
    if (t < 60_000 && b > 0 && size > 1) {
      parts.push(`${a}.${String(b).padStart(String(size).length - 1, '0')}${suffix}`);
      t = 0;
      break;
    }
    parts.push(`${a}${suffix}`);
    t = b;
  }
  return parts.join(' ');
}

/** The kernel's `[    1.234567]` printk stamp for ms after kernel start. */
function stamp(ms: number): string {
  const s = Math.floor(ms / 1000);
  const us = Math.round((ms % 1000) * 1000);
  return `[${String(s).padStart(5)}.${String(us).padStart(6, '0')}]`;
}

const SEABIOS = 'SeaBIOS (version 1.16.3-debian-1.16.3-2)\n';
const IPXE = 'iPXE (https://ipxe.org) 00:03.0 CA00 PCI2.10 PnP PMM+7EFCAF60+7EF0AF60 CA00\n';

/** Firmware output until it jumps to the disk (or the installation DVD). */
function firmwareLines(boot: BootRecord, fromCd: boolean, vbox: boolean): ConsoleLine[] {
  const t = boot.start;
  if (vbox) return [{ at: t + boot.firmwareMs, text: '' }];
  return [
    { at: t, text: `${SEABIOS}\n` },
    { at: t + Math.round(boot.firmwareMs * 0.4), text: `${IPXE}\n\n\n` },
    { at: t + boot.firmwareMs, text: fromCd ? 'Booting from DVD/CD...\n' : 'Booting from Hard Disk...\n' },
  ];
}

/** The serial console output of one boot, from firmware to the login prompt. */
export function bootLog(d: DomainRecord, os: GuestOs, boot: BootRecord, installing: boolean): ConsoleLine[] {
  const vbox = d.hypervisor === 'virtualbox';
  const lines = firmwareLines(boot, installing, vbox);
  if (os.family === 'windows' || installing) return lines;
  const k = kernelStart(boot);
  const kernelLine = (ms: number, text: string) => ({ at: k + ms, text: `${stamp(ms)} ${text}\n` });
  const memK = d.memoryMiB * 1024 - 476;
  const hostname = d.guest.hostname;
  const root =
    os.id === 'ubuntu24.04'
      ? `BOOT_IMAGE=/vmlinuz-${os.kernel.release} root=LABEL=cloudimg-rootfs ro console=tty1 console=ttyS0`
      : os.id === 'debian13'
        ? `BOOT_IMAGE=/boot/vmlinuz-${os.kernel.release} root=PARTUUID=5a2c3f9e-01 ro console=tty0 console=ttyS0,115200 earlyprintk=ttyS0,115200 consoleblank=0`
        : 'BOOT_IMAGE=/boot/vmlinuz-virt root=UUID=8f2a6c1e-3b7d-4e55-9a0c-2d41f6b8e713 modules=sd-mod,usb-storage,ext4 console=ttyS0,115200 rootfstype=ext4';
  lines.push(
    kernelLine(0, `Linux version ${os.kernel.release} ${os.build} ${os.kernel.version}`),
    kernelLine(0, `Command line: ${root}`),
    kernelLine(0, 'KERNEL supported cpus:'),
    kernelLine(0, '  Intel GenuineIntel'),
    kernelLine(0, '  AMD AuthenticAMD'),
    kernelLine(0, 'BIOS-provided physical RAM map:'),
    kernelLine(0, `Hypervisor detected: ${vbox ? 'KVM' : 'KVM'}`),
    kernelLine(21.345, `Memory: ${memK - 129_112}K/${memK}K available`),
    kernelLine(312.002, `smpboot: Total of ${d.vcpus} processor${d.vcpus === 1 ? '' : 's'} activated`),
    kernelLine(985.431, 'EXT4-fs (vda1): mounted filesystem with ordered data mode. Quota mode: none.'),
  );
  const init = initStart(boot);
  const u = boot.userspaceMs;
  const at = (fraction: number, text: string) => ({ at: init + Math.round(u * fraction), text });
  if (os.id === 'alpine3.22') {
    lines.push(
      at(0, `\n   OpenRC 0.62.6 is starting up Linux ${os.kernel.release} (x86_64)\n\n`),
      at(0.02, ' * /proc is already mounted\n'),
      at(0.05, ' * Mounting /run ... [ ok ]\n'),
      at(0.1, ' * Caching service dependencies ... [ ok ]\n'),
      at(0.15, ' * Starting busybox mdev ... [ ok ]\n'),
      at(0.2, ' * Loading modules ... [ ok ]\n'),
      at(0.22, ' * Setting system clock using the hardware clock [UTC] ... [ ok ]\n'),
      at(0.25, ' * Checking local filesystems  ... [ ok ]\n'),
      at(0.27, ' * Remounting filesystems ... [ ok ]\n'),
      at(0.28, ' * Mounting local filesystems ... [ ok ]\n'),
      at(0.29, ' * Setting hostname ... [ ok ]\n'),
      at(0.3, ' * Starting busybox syslog ... [ ok ]\n'),
      at(0.4, ' * Starting networking ... *   eth0 ... [ ok ]\n'),
      at(0.6, ' * Starting chronyd ... [ ok ]\n'),
      at(0.7, ' * Starting busybox crond ... [ ok ]\n'),
      at(0.8, ' * Starting sshd ... [ ok ]\n'),
      at(
        1,
        `\nWelcome to Alpine Linux 3.22\nKernel ${os.kernel.release} on x86_64 (/dev/ttyS0)\n\n${hostname} login: `,
      ),
    );
    return lines;
  }
  const ubuntu = os.id === 'ubuntu24.04';
  const systemd = ubuntu
    ? 'systemd 255.4-1ubuntu8.4 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)'
    : 'systemd 257.9-1~deb13u1 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +IPE +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBCRYPTSETUP_PLUGINS +LIBFDISK +PCRE2 +PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD +BPF_FRAMEWORK +BTF -XKBCOMMON -UTMP +SYSVINIT +LIBARCHIVE)';
  const kernelMs = boot.kernelMs;
  lines.push(
    kernelLine(kernelMs, `systemd[1]: ${systemd}`),
    kernelLine(kernelMs + 3, `systemd[1]: Detected virtualization ${vbox ? 'oracle' : 'kvm'}.`),
    kernelLine(kernelMs + 3.5, 'systemd[1]: Detected architecture x86-64.'),
    { at: init + 5, text: `\nWelcome to ${ubuntu ? os.pretty : 'Debian GNU/Linux 13 (trixie)'}!\n\n` },
    kernelLine(kernelMs + 16, `systemd[1]: Hostname set to <${hostname}>.`),
    at(0.02, '[  OK  ] Created slice system-getty.slice - Slice /system/getty.\n'),
    at(0.02, '[  OK  ] Created slice system-modprobe.slice - Slice /system/modprobe.\n'),
    at(0.02, '[  OK  ] Created slice system-serial\\x2dgetty.slice - Slice /system/serial-getty.\n'),
    at(0.02, '[  OK  ] Created slice user.slice - User and Session Slice.\n'),
    at(0.03, '[  OK  ] Started systemd-ask-password-conso…equests to Console Directory Watch.\n'),
    at(0.1, '[  OK  ] Reached target local-fs.target - Local File Systems.\n'),
    at(0.2, '[  OK  ] Started systemd-networkd.service - Network Configuration.\n'),
    at(0.25, '[  OK  ] Reached target network.target - Network.\n'),
  );
  if (boot.first) {
    const up = ((init + u * 0.3 - k) / 1000).toFixed(2);
    const when = new Date(init + u * 0.3).toUTCString().replace(' GMT', ' +0000');
    lines.push(
      at(0.26, '         Starting cloud-init.service - Cloud-init: Network Stage...\n'),
      at(
        0.3,
        `${stamp(init + u * 0.3 - k)} cloud-init[712]: Cloud-init v. ${ubuntu ? '24.1.3-0ubuntu3.3' : '25.1.4'} running 'init' at ${when}. Up ${up} seconds.\n`,
      ),
      at(0.7, '[  OK  ] Finished cloud-init.service - Cloud-init: Network Stage.\n'),
    );
  }
  lines.push(
    at(boot.sshdMs / u, '[  OK  ] Started ssh.service - OpenBSD Secure Shell server.\n'),
    at(0.95, '[  OK  ] Started getty@tty1.service - Getty on tty1.\n'),
    at(0.95, '[  OK  ] Started serial-getty@ttyS0.service - Serial Getty on ttyS0.\n'),
    at(0.96, '[  OK  ] Reached target getty.target - Login Prompts.\n'),
    at(0.99, '[  OK  ] Reached target multi-user.target - Multi-User System.\n'),
    at(0.99, '[  OK  ] Reached target graphical.target - Graphical Interface.\n'),
    at(0.995, '         Starting systemd-update-utmp-runle…- Record Runlevel Change in UTMP...\n'),
    at(1, '[  OK  ] Finished systemd-update-utmp-runle…e - Record Runlevel Change in UTMP.\n'),
    at(1, `\n${ubuntu ? os.pretty : 'Debian GNU/Linux 13'} ${hostname} ttyS0\n\n${hostname} login: `),
  );
  return lines.sort((a, b) => a.at - b.at);
}

/** What the console shows while the guest powers off (or restarts) after ACPI shutdown. */
export function shutdownLog(
  os: GuestOs,
  boot: BootRecord,
  from: number,
  to: number,
  restart: boolean,
): ConsoleLine[] {
  if (os.family === 'windows') return [];
  const span = to - from;
  const at = (fraction: number, text: string) => ({ at: from + Math.round(span * fraction), text });
  const end = restart ? 'reboot: Restarting system' : 'reboot: Power down';
  const final = { at: to, text: `${stamp(to - kernelStart(boot))} ${end}\n` };
  if (os.id === 'alpine3.22') {
    return [
      at(0, '\n * Stopping sshd ... [ ok ]\n'),
      at(0.2, ' * Stopping busybox crond ... [ ok ]\n'),
      at(0.4, ' * Stopping chronyd ... [ ok ]\n'),
      at(0.6, ' * Stopping busybox syslog ... [ ok ]\n'),
      at(
        0.8,
        `The system is going down NOW!\nSent SIGTERM to all processes\nSent SIGKILL to all processes\nRequesting system ${restart ? 'reboot' : 'poweroff'}\n`,
      ),
      final,
    ];
  }
  return [
    at(0, '\n[  OK  ] Removed slice system-modprobe.slice - Slice /system/modprobe.\n'),
    at(0.05, '[  OK  ] Stopped target graphical.target - Graphical Interface.\n'),
    at(0.06, '[  OK  ] Stopped target multi-user.target - Multi-User System.\n'),
    at(0.1, '         Stopping ssh.service - OpenBSD Secure Shell server...\n'),
    at(0.3, '[  OK  ] Stopped ssh.service - OpenBSD Secure Shell server.\n'),
    at(0.6, '[  OK  ] Stopped systemd-networkd.service - Network Configuration.\n'),
    at(
      0.9,
      `[  OK  ] Reached target ${restart ? 'reboot.target - System Reboot' : 'poweroff.target - System Power Off'}.\n`,
    ),
    final,
  ];
}
