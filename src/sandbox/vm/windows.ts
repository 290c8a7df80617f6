import type { ProgramContext } from '../shell/program.ts';
import { bootDone, kernelStart } from './boot.ts';
import type { VmEngine } from './engine.ts';
import { guestMemTotal } from './guest-system.ts';
import { WINDOWS_PROCESSES } from './os.ts';
import type { DomainRecord } from './state.ts';

/** The build `ver` reports (Windows Server 2022, October 2024 update). */
export const WINDOWS_VERSION = 'Microsoft Windows [Version 10.0.20348.2849]';

const NOT_RECOGNIZED = (name: string) =>
  `'${name}' is not recognized as an internal or external command,\noperable program or batch file.\n`;

/** Windows' US date and time as systeminfo prints them: `11/2/2026, 9:20:41 AM`. */
function usDateTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const hour = h % 12 === 0 ? 12 : h % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${hour}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** `dir`'s date column: `11/02/2026  09:05 AM`. */
function dirDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = d.getUTCHours();
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}  ${pad(hour)}:${pad(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Thousands separators, as Windows formats memory figures. */
function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A few cmd.exe commands in a Windows Server 2022 guest, run over OpenSSH (whose default shell
 * there is cmd). Enough to show a whole different operating system: no `uname`, no `/proc`.
 */
export function runCmd(ctx: ProgramContext, engine: VmEngine, d: DomainRecord, line: string): number {
  const out = (text: string) => ctx.stdout.write(text);
  const words = line.trim().split(/\s+/).filter(Boolean);
  const name = (words[0] ?? '').toLowerCase();
  const user = 'learner';
  const host = d.name.toUpperCase();
  const boot = d.boot;
  switch (name) {
    case '':
      return 0;
    case 'ver':
      out(`\n${WINDOWS_VERSION}\n`);
      return 0;
    case 'hostname':
      out(`${d.name}\n`);
      return 0;
    case 'whoami':
      out(`${d.name.toLowerCase()}\\${user}\n`);
      return 0;
    case 'echo':
      out(`${line.trim().slice(4).trim() || 'ECHO is on.'}\n`);
      return 0;
    case 'ipconfig':
      out(
        `\nWindows IP Configuration\n\n\nEthernet adapter Ethernet:\n\n   Connection-specific DNS Suffix  . : \n   Link-local IPv6 Address . . . . . : fe80::8d3c:1f2a:4b7e:9c21%6\n   IPv4 Address. . . . . . . . . . . : ${d.ip}\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n   Default Gateway . . . . . . . . . : ${d.ip.replace(/\.\d+$/, '.1')}\n`,
      );
      return 0;
    case 'tasklist': {
      const rows = [
        ...WINDOWS_PROCESSES,
        { pid: 4412, name: 'sshd.exe', session: 'Services', kib: 7_340 },
        { pid: 4536, name: 'cmd.exe', session: 'Services', kib: 4_020 },
        { pid: 4544, name: 'conhost.exe', session: 'Services', kib: 11_152 },
        { pid: 4620, name: 'tasklist.exe', session: 'Services', kib: 8_960 },
      ];
      let text = `\n${'Image Name'.padEnd(25)} ${'PID'.padStart(8)} ${'Session Name'.padEnd(16)} ${'Session#'.padStart(11)} ${'Mem Usage'.padStart(12)}\n`;
      text += `${'='.repeat(25)} ${'='.repeat(8)} ${'='.repeat(16)} ${'='.repeat(11)} ${'='.repeat(12)}\n`;
      for (const p of rows) {
        text += `${p.name.padEnd(25)} ${String(p.pid).padStart(8)} ${p.session.padEnd(16)} ${String(p.session === 'Console' ? 1 : 0).padStart(11)} ${`${thousands(p.kib)} K`.padStart(12)}\n`;
      }
      out(text);
      return 0;
    }
    case 'systeminfo': {
      const total = guestMemTotal(d.memoryMiB) / 1024 / 1024;
      const used = engine.osOf(d).idleUsed / 1024 / 1024;
      const row = (label: string, value: string) => `${label.padEnd(27)}${value}\n`;
      const bootTime = boot ? kernelStart(boot) : ctx.now();
      out(
        `\n${row('Host Name:', host)}${row('OS Name:', 'Microsoft Windows Server 2022 Standard Evaluation')}${row('OS Version:', '10.0.20348 N/A Build 20348')}${row('OS Manufacturer:', 'Microsoft Corporation')}${row('OS Configuration:', 'Standalone Server')}${row('OS Build Type:', 'Multiprocessor Free')}${row('Registered Owner:', 'Windows User')}${row('Registered Organization:', '')}${row('Product ID:', '00454-40000-00001-AA596')}${row('Original Install Date:', usDateTime(d.created))}${row('System Boot Time:', usDateTime(bootTime))}${row('System Manufacturer:', d.hypervisor === 'kvm' ? 'QEMU' : 'innotek GmbH')}${row('System Model:', d.hypervisor === 'kvm' ? 'Standard PC (Q35 + ICH9, 2009)' : 'VirtualBox')}${row('System Type:', 'x64-based PC')}${row('Processor(s):', `${d.vcpus} Processor(s) Installed.`)}${Array.from(
          { length: d.vcpus },
          (_, i) =>
            row(
              '',
              `[${String(i + 1).padStart(2, '0')}]: ${engine.host.profile.virtFlag === 'vmx' ? 'Intel64 Family 6 Model 106 Stepping 6 GenuineIntel ~2000 Mhz' : 'AMD64 Family 25 Model 33 Stepping 0 AuthenticAMD ~3800 Mhz'}`,
            ),
        ).join(
          '',
        )}${row('BIOS Version:', d.hypervisor === 'kvm' ? 'SeaBIOS 1.16.3-debian-1.16.3-2, 4/1/2014' : 'innotek GmbH VirtualBox, 12/1/2006')}${row('Windows Directory:', 'C:\\Windows')}${row('System Directory:', 'C:\\Windows\\system32')}${row('Boot Device:', '\\Device\\HarddiskVolume1')}${row('System Locale:', 'en-us;English (United States)')}${row('Input Locale:', 'en-us;English (United States)')}${row('Time Zone:', '(UTC) Coordinated Universal Time')}${row('Total Physical Memory:', `${thousands(total)} MB`)}${row('Available Physical Memory:', `${thousands(total - used)} MB`)}${row('Virtual Memory: Max Size:', `${thousands(total + 1_408)} MB`)}${row('Virtual Memory: Available:', `${thousands(total + 1_408 - used - 300)} MB`)}${row('Virtual Memory: In Use:', `${thousands(used + 300)} MB`)}${row('Page File Location(s):', 'C:\\pagefile.sys')}${row('Domain:', 'WORKGROUP')}${row('Logon Server:', 'N/A')}${row('Hotfix(s):', '2 Hotfix(s) Installed.')}${row('', '[01]: KB5044281')}${row('', '[02]: KB5044414')}${row('Network Card(s):', '1 NIC(s) Installed.')}${row('', `[01]: ${d.hypervisor === 'kvm' ? 'Red Hat VirtIO Ethernet Adapter' : 'Intel(R) PRO/1000 MT Desktop Adapter'}`)}${row('', '      Connection Name: Ethernet')}${row('', '      DHCP Enabled:    Yes')}${row('', `      DHCP Server:     ${d.ip.replace(/\.\d+$/, '.1')}`)}${row('', '      IP address(es)')}${row('', `      [01]: ${d.ip}`)}${row('Hyper-V Requirements:', 'A hypervisor has been detected. Features required for Hyper-V will not be displayed.')}`,
      );
      return 0;
    }
    case 'dir':
      out(
        ` Volume in drive C has no label.\n Volume Serial Number is 6A3E-91F4\n\n Directory of C:\\Users\\${user}\n\n${dirDate(d.created)}    <DIR>          .\n${dirDate(d.created)}    <DIR>          ..\n${dirDate(d.created)}    <DIR>          .ssh\n${dirDate(d.created)}    <DIR>          Desktop\n${dirDate(d.created)}    <DIR>          Documents\n               0 File(s)              0 bytes\n               5 Dir(s)  30,712,868,864 bytes free\n`,
      );
      return 0;
    case 'exit':
      return Number(words[1] ?? 0) || 0;
    default:
      ctx.stderr.write(NOT_RECOGNIZED(words[0] ?? ''));
      return 1;
  }
}

/** The banner and prompt cmd.exe prints when it starts interactively. */
export function cmdBanner(): string {
  return `${WINDOWS_VERSION}\n(c) Microsoft Corporation. All rights reserved.\n\n`;
}

export const CMD_PROMPT = 'C:\\Users\\learner>';

/** Whether a Windows guest has finished booting far enough for its SSH service. */
export function windowsUp(d: DomainRecord, now: number): boolean {
  return d.boot !== null && now >= bootDone(d.boot);
}
