import { basename, dirname } from '../../fs/path.ts';
import { Interrupted, type Program, type ProgramContext } from '../../shell/program.ts';
import { QCOW2_EMPTY_LENGTH, type VmEngine } from '../engine.ts';
import { GUEST_OS, type GuestOs } from '../os.ts';
import {
  diskGiB,
  labImageFor,
  megabytesText,
  type OsinfoEntry,
  osinfoListText,
  osinfoLookup,
  osinfoNameOf,
} from '../osinfo.ts';
import type { DomainRecord } from '../state.ts';
import { followConsole, hostPath } from './common.ts';

const GiB = 1024 ** 3;

/** Options taking a value (argparse `store`), by every spelling, with the key they set. */
const VALUED: Record<string, string> = {
  '-n': 'name',
  '--name': 'name',
  '--memory': 'memory',
  '-r': 'memory',
  '--ram': 'memory',
  '--vcpus': 'vcpus',
  '--cpu': 'cpu',
  '--disk': 'disk',
  '--osinfo': 'osinfo',
  '--os-variant': 'osinfo',
  '-c': 'cdrom',
  '--cdrom': 'cdrom',
  '-l': 'location',
  '--location': 'location',
  '-w': 'network',
  '--network': 'network',
  '--graphics': 'graphics',
  '--console': 'console',
  '--serial': 'console',
  '--boot': 'boot',
  '--autoconsole': 'autoconsole',
  '--connect': 'connect',
  '--virt-type': 'virt-type',
  '--arch': 'arch',
  '--machine': 'machine',
  '-x': 'extra-args',
  '--extra-args': 'extra-args',
  '--metadata': 'metadata',
  '--description': 'description',
  '--controller': 'controller',
  '--video': 'video',
  '--channel': 'channel',
  '--rng': 'rng',
  '--sound': 'sound',
  '--features': 'features',
  '--clock': 'clock',
  '--check': 'check',
  '--os-type': 'os-type',
};

/** Flags (argparse `store_true`) and options whose value is optional. */
const FLAGS = new Set([
  '--import',
  '--pxe',
  '--noautoconsole',
  '--noreboot',
  '--autostart',
  '--transient',
  '--dry-run',
  '--destroy-on-exit',
  '--nographics',
  '--hvm',
  '-v',
  '--accelerate',
  '--noapic',
  '--noacpi',
  '-q',
  '--quiet',
  '-d',
  '--debug',
]);
const OPTIONAL = new Set(['--wait', '--cloud-init', '--unattended']);

/** The long spelling argparse names an option by in its errors (`-n/--name`). */
function optionLabel(flag: string): string {
  const key = VALUED[flag];
  const spellings = Object.entries(VALUED)
    .filter(([, k]) => k === key)
    .map(([f]) => f);
  return spellings.join('/');
}

interface Parsed {
  values: Record<string, string>;
  flags: Set<string>;
  wait: number | null;
}

function parse(args: string[]): Parsed | { usage: string } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  let wait: number | null = null;
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (VALUED[flag]) {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-') && value.length > 1))
        return { usage: `argument ${optionLabel(flag)}: expected one argument` };
      values[VALUED[flag] as string] = value;
    } else if (FLAGS.has(flag)) {
      flags.add(flag.replace(/^-+/, ''));
    } else if (OPTIONAL.has(flag)) {
      const next =
        inline ??
        (args[i + 1] !== undefined && !(args[i + 1] as string).startsWith('-') ? args[++i] : undefined);
      if (flag === '--wait') {
        if (next !== undefined && !/^-?\d+$/.test(next))
          return { usage: `argument --wait: invalid int value: '${next}'` };
        wait = next === undefined ? -1 : Number(next);
      } else values[flag.slice(2)] = next ?? '1';
    } else unknown.push(arg);
  }
  if (unknown.length > 0) return { usage: `unrecognized arguments: ${unknown.join(' ')}` };
  return { values, flags, wait };
}

/** `key=value,key2=value2` with an optional bare first value (`2048,maxmemory=4096`). */
function subOptions(text: string, bareKey: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(',').forEach((part, i) => {
    const eq = part.indexOf('=');
    if (eq === -1) {
      if (i === 0) out[bareKey] = part;
      else out[part] = 'on';
    } else out[part.slice(0, eq)] = part.slice(eq + 1);
  });
  return out;
}

const OSINFO_REQUIRED = `
--os-variant/--osinfo OS name is required, but no value was
set or detected.

This is now a fatal error. Specifying an OS name is required
for modern, performant, and secure virtual machine defaults.
`;

function osinfoMissing(media: boolean): string {
  let text = OSINFO_REQUIRED;
  if (media)
    text +=
      '\nIf you expected virt-install to detect an OS name from the\ninstall media, you can set a fallback OS name with:\n\n  --osinfo detect=on,name=OSNAME\n';
  text +=
    '\nYou can see a full list of possible OS name values with:\n\n   virt-install --osinfo list\n' +
    '\nIf your Linux distro is not listed, try one of generic values\nsuch as: linux2022, linux2020, linux2018, linux2016\n' +
    '\nIf you just need to get the old behavior back, you can use:\n\n  --osinfo detect=on,require=off\n\nOr export VIRTINSTALL_OSINFO_DISABLE_REQUIRE=1\n';
  return text;
}

/** The OS an installation ISO carries, from its file name (libosinfo's media detection). */
function detectMedia(path: string): GuestOs | undefined {
  const name = basename(path).toLowerCase();
  if (name.startsWith('ubuntu-24.04')) return GUEST_OS['ubuntu24.04'];
  if (name.startsWith('debian-13')) return GUEST_OS.debian13;
  if (name.startsWith('alpine-virt-3.22') || name.startsWith('alpine-standard-3.22'))
    return GUEST_OS['alpine3.22'];
  if (name.startsWith('server_eval_x64fre')) return GUEST_OS.win2k22;
  return undefined;
}

/** virtinst's progress meter line, finished: label, then size and elapsed time at column 61. */
function meter(label: string, bytes: number): string {
  const size =
    bytes >= GiB
      ? `${Math.round(bytes / GiB)} GB`
      : bytes >= 1024 ** 2
        ? `${Math.round(bytes / 1024 ** 2)} MB`
        : `${bytes} B`;
  return `${label.padEnd(60)}|${size.padStart(7)}  00:00:00\n`;
}

/** `virt-install`: creates a libvirt domain and boots it (virtinst 4.1 as on Ubuntu 24.04). */
export function virtInstallProgram(engine: VmEngine): Program {
  return async (ctx) => {
    const out = (text: string) => ctx.stdout.write(text);
    const log = (level: 'WARNING' | 'ERROR', text: string) =>
      ctx.stderr.write(`${level.padEnd(8)} ${text}\n`);
    const fail = (text: string) => {
      log('ERROR', text);
      return 1;
    };
    const parsed = parse(ctx.argv.slice(1));
    if ('usage' in parsed) {
      ctx.stderr.write(`usage: virt-install OPTIONS\nvirt-install: error: ${parsed.usage}\n`);
      return 2;
    }
    const { values, flags } = parsed;
    if (values.connect && values.connect !== 'qemu:///system') {
      return fail(
        `Failed to connect to the hypervisor: no connection driver available for ${values.connect}`,
      );
    }
    if (values.osinfo === 'list') {
      out(osinfoListText());
      return 0;
    }
    await ctx.sleep(600);
    const media = values.cdrom ?? values.location;
    const mediaPath = media === undefined ? undefined : hostPath(ctx, media);
    if (mediaPath !== undefined && !ctx.fs.stat(mediaPath)) {
      return fail(
        `Error validating install location: Validating install media '${media}' failed: Could not find media '${mediaPath}'.`,
      );
    }

    // The OS, named or detected from the install media: osinfo-db's entry gives the defaults; what
    // boots is the medium, or for --import the lab's image of exactly that release (else nothing).
    const osOpts = values.osinfo ? subOptions(values.osinfo, 'name') : {};
    const osName = osOpts.name ?? osOpts['short-id'] ?? osOpts.id;
    let osinfo: OsinfoEntry | undefined;
    if (osName) {
      osinfo = osinfoLookup(osName);
      if (!osinfo) return fail(`Unknown OS name '${osName}'. See \`--osinfo list\` for valid values.`);
    }
    const detected = mediaPath === undefined ? undefined : detectMedia(mediaPath);
    // A medium osinfo-db has no entry for (Alpine 3.22 came after v20231215) is not recognised.
    const detectedOs = detected && osinfoLookup(osinfoNameOf(detected.id));
    if ((!osName || osOpts.detect === 'on') && detectedOs) osinfo = detectedOs;
    if (!osinfo) return fail(osinfoMissing(mediaPath !== undefined));
    const image = labImageFor(osinfo);
    // A new disk with no image holds nothing, so which model the record names never shows.
    const os: GuestOs = detected ?? GUEST_OS[image ?? 'ubuntu24.04'];

    // The name, and defaults libosinfo recommends for what was left out.
    let name = values.name;
    if (!name) {
      name = defaultName(osinfo, (candidate) => engine.find(candidate, 'kvm') !== undefined);
      out(`Using default --name ${name}\n`);
    }
    if (!/^[A-Za-z0-9_.+-]+$/.test(name)) return fail(`Guest name '${name}' is not valid`);
    if (engine.find(name, 'kvm')) return fail(`Guest name '${name}' is already in use.`);
    let memoryMiB: number | undefined;
    if (values.memory) {
      const mem = subOptions(values.memory, 'memory');
      const text = mem.memory ?? mem.currentMemory ?? '';
      if (!/^\d+$/.test(text))
        return fail(`Error: --memory ${values.memory}: could not convert string to int: '${text}'`);
      memoryMiB = Number(text);
    } else if (osinfo.ramBytes) {
      memoryMiB = Math.floor(osinfo.ramBytes / 1024 ** 2);
      out(`Using ${osinfo.name} default --memory ${megabytesText(osinfo.ramBytes)}\n`);
    }
    let vcpus = osinfo.cpus ?? 1;
    if (values.vcpus) {
      const v = subOptions(values.vcpus, 'vcpus');
      const text = v.vcpus ?? v.maxvcpus ?? '';
      if (!/^\d+$/.test(text) || Number(text) < 1)
        return fail(`Error: --vcpus ${values.vcpus}: could not convert string to int: '${text}'`);
      vcpus = Number(text);
      if (vcpus > engine.host.cpus * 8)
        return fail(`Requested vcpus ${vcpus} exceeds the maximum of ${engine.host.cpus * 8}`);
    }

    // The disk: a new thin qcow2 in the default pool, or an existing image.
    let disk: { path: string; create: boolean; virtualBytes: number; seed: number; prealloc: number } | null;
    const diskText = values.disk ?? (osinfo.diskBytes ? `size=${diskGiB(osinfo.diskBytes)}` : undefined);
    if (!values.disk && diskText) out(`Using ${osinfo.name} default --disk ${diskText}\n`);
    if (diskText === undefined || diskText === 'none') disk = null;
    else {
      const opts = subOptions(diskText, 'path');
      const sizeText = opts.size;
      const sizeGiB = sizeText === undefined ? undefined : Number(sizeText);
      if (sizeText !== undefined && !(Number.isFinite(sizeGiB) && (sizeGiB as number) > 0))
        return fail(`Error: --disk ${diskText}: could not convert string to float: '${sizeText}'`);
      const path = opts.path ? hostPath(ctx, opts.path) : defaultDiskPath(ctx, name);
      const existing = ctx.fs.stat(path);
      if (existing?.type === 'dir')
        return fail(`The path '${path}' must be a file or a device, not a directory`);
      if (existing?.type === 'file') {
        const image = engine.state.images[path];
        const owner = Object.values(engine.state.domains).find((x) => x.disk.path === path);
        if (owner) return fail(`Disk ${path} is already in use by other guests ['${owner.name}'].`);
        disk = {
          path,
          create: false,
          virtualBytes: image?.virtualBytes ?? existing.size,
          seed: image ? 0 : existing.size,
          prealloc: existing.size,
        };
      } else {
        if (sizeGiB === undefined) return fail(`Size must be specified for non existent volume '${path}'`);
        if (!ctx.fs.isDir(dirname(path)))
          return fail(
            `Error: --disk ${diskText}: Couldn't lookup volume object: Storage volume not found: no storage vol with matching path '${path}'`,
          );
        const virtualBytes = Math.round(sizeGiB * GiB);
        disk = {
          path,
          create: true,
          virtualBytes,
          // The lab's --import seeds a new disk with the OS's cloud image (see the module notes).
          seed: flags.has('import') && image ? os.imageBytes : 0,
          prealloc: opts.sparse === 'no' || opts.sparse === 'false' ? virtualBytes : 0,
        };
      }
    }
    const install = flags.has('import')
      ? 'import'
      : mediaPath
        ? 'cdrom'
        : flags.has('pxe')
          ? 'pxe'
          : undefined;
    // virtinst gathers what is missing into one error.
    let missing = '';
    if (memoryMiB === undefined) missing += '\n--memory amount in MiB is required';
    if (diskText === undefined) missing += '\n--disk storage must be specified (override with --disk none)';
    if (!install)
      missing +=
        '\nAn install method must be specified\n(--location URL, --cdrom CD/ISO, --pxe, --import, --boot hd|cdrom|...)';
    if (missing || memoryMiB === undefined || !install) return fail(missing);
    // virtinst's _show_memory_warnings: "abnormally low" only for an OS with no minimum.
    if (osinfo.minRamBytes) {
      if (Math.floor(osinfo.minRamBytes / 1024) > memoryMiB * 1024)
        log(
          'WARNING',
          `Requested memory ${memoryMiB} MiB is less than the recommended ${Math.floor(osinfo.minRamBytes / 1024 ** 2)} MiB for OS ${osinfo.name}`,
        );
    } else if (memoryMiB < 17)
      log('WARNING', `Requested memory ${memoryMiB} MiB is abnormally low. Were you trying to specify GiB?`);

    // How virt-install follows the new guest: a text console, nothing, or waiting.
    const autoconsole = flags.has('noautoconsole')
      ? 'none'
      : (values.autoconsole ??
        (values.graphics === 'none' || flags.has('nographics') ? 'text' : 'graphical'));
    let wait = parsed.wait;
    if (autoconsole === 'graphical') {
      log(
        'WARNING',
        "Unable to connect to graphical console: virt-viewer not installed. Please install the 'virt-viewer' package.",
      );
    }
    if (install === 'cdrom' && autoconsole === 'text') {
      log(
        'WARNING',
        'CDROM media does not print to the text console by default, so you likely will not see text install output. You might want to use --location. See the man page for examples of using --location with CDROM media',
      );
    }
    if (autoconsole === 'graphical' && wait === null) {
      log('WARNING', 'No console to launch for the guest, defaulting to --wait -1');
      wait = -1;
    }
    if (flags.has('dry-run')) {
      out('Dry run completed successfully\n');
      return 0;
    }

    out('\nStarting install...\n');
    if (disk?.create) {
      await ctx.sleep(250);
      const file = disk.prealloc > 0 ? disk.prealloc : QCOW2_EMPTY_LENGTH;
      const free = engine.host.disks().find((x) => x.mountpoint === '/');
      if (free && file > free.size - free.used) {
        return fail(
          `Couldn't create storage volume '${basename(disk.path)}': 'cannot allocate ${disk.virtualBytes} bytes in file '${disk.path}': No space left on device'`,
        );
      }
      ctx.fs.writeBlob(disk.path, file, { mode: 0o644 });
      engine.state.images[disk.path] = {
        format: 'qcow2',
        virtualBytes: disk.virtualBytes,
        preallocation: disk.prealloc > 0 ? 'falloc' : 'off',
        created: ctx.now(),
      };
      out(meter(`Allocating '${basename(disk.path)}'`, disk.virtualBytes));
    }
    const d = engine.define({
      name,
      hypervisor: 'kvm',
      os: os.id,
      vcpus,
      memoryMiB,
      diskPath: disk?.path ?? '',
      diskFormat: 'qcow2',
      virtualBytes: disk?.virtualBytes ?? 0,
      seedBytes: disk?.seed ?? 0,
      preallocBytes: disk?.prealloc ?? 0,
      cdrom: install === 'cdrom' ? (mediaPath ?? null) : null,
    });
    if (flags.has('autostart')) d.autostart = true;
    if (flags.has('transient')) d.persistent = false;
    await ctx.sleep(700);
    const startedAt = ctx.now();
    const started = disk ? engine.start(d).ok : startDiskless(engine, d);
    out(meter('Creating domain...', 0));
    if (!started) {
      const reason =
        'internal error: process exited while connecting to monitor: ' +
        `${new Date(ctx.now()).toISOString().slice(0, 23)}318Z qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory`;
      log('ERROR', reason);
      out(
        `Domain installation does not appear to have been successful.\nIf it was, you can restart your domain by running:\n  virsh --connect qemu:///system start ${name}\notherwise, please restart your installation.\n`,
      );
      return 1;
    }
    engine.syncDisk(d);
    return follow(ctx, engine, d, { autoconsole, wait, install, startedAt, noreboot: flags.has('noreboot') });
  };
}

/** virtinst's `Guest.generate_name`: the OS's name, `-2` on; `vm1` on for `generic`. */
function defaultName(osinfo: OsinfoEntry, taken: (name: string) => boolean): string {
  if (osinfo.name === 'generic') {
    let n = 1;
    while (taken(`vm${n}`)) n++;
    return `vm${n}`;
  }
  const base = osinfo.name.endsWith('-unknown') ? osinfo.name.slice(0, -'-unknown'.length) : osinfo.name;
  let name = base;
  for (let n = 2; taken(name); n++) name = `${base}-${n}`;
  return name;
}

/** Starts a domain with no disk (it has nothing to boot); false when memory ran out. */
function startDiskless(engine: VmEngine, d: DomainRecord): boolean {
  const path = d.disk.path;
  d.disk.path = '/dev/null';
  const result = engine.start(d);
  d.disk.path = path;
  return result.ok;
}

function defaultDiskPath(ctx: ProgramContext, name: string): string {
  const base = '/var/lib/libvirt/images';
  let path = `${base}/${name}.qcow2`;
  for (let n = 1; ctx.fs.stat(path); n++) path = `${base}/${name}-${n}.qcow2`;
  return path;
}

/** After the domain started: attach, wait, or return, as virtinst's _process_domain does. */
async function follow(
  ctx: ProgramContext,
  engine: VmEngine,
  d: DomainRecord,
  o: { autoconsole: string; wait: number | null; install: string; startedAt: number; noreboot: boolean },
): Promise<number> {
  const out = (text: string) => ctx.stdout.write(text);
  const installing = o.install === 'cdrom';
  const attach = async (since: number) => {
    out(`Running text console command: virsh --connect qemu:///system console ${d.name}\n`);
    out(`Connected to domain '${d.name}'\nEscape character is ^] (Ctrl + ])\n`);
    return followConsole(ctx, engine, d, since);
  };
  try {
    if (o.autoconsole === 'text') await attach(o.startedAt);
    engine.reconcile();
    // virtinst says nothing more for an import it does not wait for (no post-install reboot).
    if (d.power === 'running' && (installing || o.wait !== null)) {
      out('\nDomain is still running. Installation may be in progress.\n');
      if (o.wait === null) {
        out('You can reconnect to the console to complete the installation process.\n');
        return 0;
      } else {
        out(
          o.wait < 0
            ? 'Waiting for the installation to complete.\n'
            : `Waiting ${o.wait} minute${o.wait === 1 ? '' : 's'} for the installation to complete.\n`,
        );
        const deadline = o.wait < 0 ? Number.POSITIVE_INFINITY : ctx.now() + o.wait * 60_000;
        for (;;) {
          engine.reconcile();
          if (d.power !== 'running') {
            out('Domain has shutdown. Continuing.\n');
            break;
          }
          if (ctx.now() >= deadline) {
            out('Installation has exceeded specified time limit. Exiting application.\n');
            return 1;
          }
          const wake = Math.min(d.stop?.at ?? Number.POSITIVE_INFINITY, deadline);
          await ctx.sleep(
            Number.isFinite(wake) ? Math.max(1_000, wake - ctx.now()) : Number.POSITIVE_INFINITY,
          );
        }
      }
    }
    out('Domain creation completed.\n');
    if (d.power === 'running' || !installing || !engine.state.domains[d.name]) return 0;
    if (o.noreboot) {
      out(`You can restart your domain by running:\n  virsh --connect qemu:///system start ${d.name}\n`);
      return 0;
    }
    if (d.reason === 'destroyed') {
      out('User stopped the VM. Not rebooting.\n');
      return 0;
    }
    out('Restarting guest.\n');
    const since = ctx.now();
    engine.start(d);
    engine.syncDisk(d);
    if (o.autoconsole === 'text') await attach(since);
    return 0;
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    ctx.stderr.write('Domain install interrupted.\nInstallation aborted at user request\n');
    return 0;
  }
}
