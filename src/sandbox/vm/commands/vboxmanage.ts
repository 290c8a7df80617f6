import { FsError } from '../../fs/filesystem.ts';
import type { Program, ProgramContext } from '../../shell/program.ts';
import type { VmEngine } from '../engine.ts';
import { cloudImageOf } from '../layer.ts';
import { GUEST_OS, lookupVboxType } from '../os.ts';
import type {
  DomainRecord,
  MediumRecord,
  StorageAttachment,
  StorageBus,
  StorageController,
} from '../state.ts';
import { hostPath } from './common.ts';
import { VBOX_OS_FAMILIES, VBOX_OS_TYPES } from './vboxmanage-ostypes.ts';
import { VBOX_SYNOPSES } from './vboxmanage-usage.ts';

const MiB = 1024 * 1024;
const PROGRESS = '0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%\n';
const VERSION = '7.0.16_Ubuntur162802';

/**
 * A VBoxManage failure: its message lines (each printed after `VBoxManage: error: `) and exit code (1
 * failure, 2 syntax); `text`, when given, is the whole output instead (a syntax error's usage).
 */
class VBoxError extends Error {
  readonly lines: string[];
  readonly code: number;
  constructor(lines: string[], code = 1, text?: string) {
    super(text ?? lines.map((l) => `VBoxManage: error: ${l}\n`).join(''));
    this.lines = lines;
    this.code = code;
  }
}

/** The banner VBoxManage prints before a syntax error (the Ubuntu build's version, without its revision). */
const LOGO = `Oracle VM VirtualBox Command Line Management Interface Version ${VERSION.replace(/r\d+$/, '')}\nCopyright (C) 2005-2024 Oracle and/or its affiliates\n\n`;

/** The headings of the usage VBoxManage prints for a command (its brief help). */
const USAGE_TITLES: Record<string, string> = {
  VBoxManage: 'Oracle VM VirtualBox command-line interface',
  list: 'View system information and VM configuration details',
  showvminfo: 'Show configuration information or log file contents for a virtual machine',
  unregistervm: 'Unregister a virtual machine',
  createvm: 'Create a new virtual machine',
  modifyvm: 'Change settings for a virtual machine that is stopped',
  startvm: 'Start a virtual machine',
  storagectl: 'Manage a storage controller',
  createmedium: 'Create a new medium',
  clonemedium: 'Create a clone of a medium',
};

/** Usage longer than this many lines is followed by the error again (ERROR_REPEAT_AFTER_USAGE_LENGTH). */
const REPEAT_AFTER_USAGE_LINES = 16;

/** A command's usage, as printed after a syntax error: its heading, then each synopsis (all for VBoxManage's own). */
function usage(command: string): string {
  const synopses =
    command === 'VBoxManage'
      ? VBOX_SYNOPSES.map(([, synopsis]) => synopsis)
      : VBOX_SYNOPSES.filter(([c]) => c === command).map(([, synopsis]) => synopsis.replace(/^\n+/, ''));
  return `Usage - ${USAGE_TITLES[command]}:\n\n${synopses.join('\n\n')}\n`;
}

/**
 * errorSyntax: the banner, the message, the command's usage, and the message again after a long
 * usage; exit 2.
 */
function syntaxError(command: string, message: string): VBoxError {
  const text = usage(command);
  const error = `VBoxManage: error: ${message}\n`;
  const repeat = text.split('\n').length > REPEAT_AFTER_USAGE_LINES ? `\n${error}` : '';
  return new VBoxError([message], 2, `${LOGO}${error}\n${text}${repeat}`);
}

/**
 * errorGetOpt for an option the command does not have: as errorSyntax, without the blank line
 * before the usage. modifyvm goes on to exit 1 (it returns its HRESULT's status); the others exit 2.
 */
function unknownOption(command: string, option: string): VBoxError {
  const error = syntaxError(command, `Unknown option: ${option}`);
  const text = error.message.replace(/\n\nUsage - /, '\nUsage - ');
  return new VBoxError(error.lines, command === 'modifyvm' ? 1 : 2, text);
}

/** A command given no machine: only its usage; exit 1. */
function usageOnly(command: string): VBoxError {
  return new VBoxError([], 1, usage(command));
}

/** errorGetOpt for a value it could not parse: the banner and an empty message, without a newline. */
function badValue(): VBoxError {
  return new VBoxError([], 1, `${LOGO}VBoxManage: error: `);
}

function notFound(name: string, context: string): VBoxError {
  return new VBoxError([
    `Could not find a registered machine named '${name}'`,
    'Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component VirtualBoxWrap, interface IVirtualBox, callee nsISupports',
    `Context: ${context}`,
  ]);
}

function locked(name: string, context: string): VBoxError {
  return new VBoxError([
    `The machine '${name}' is already locked by a session (or being locked or unlocked)`,
    'Details: code VBOX_E_INVALID_OBJECT_STATE (0x80bb0007), component MachineWrap, interface IMachine, callee nsISupports',
    `Context: ${context}`,
  ]);
}

/** `--name X` / `--name=X` options of a subcommand; unknown ones are a syntax error. */
function options(
  command: string,
  args: string[],
  valued: string[],
  flags: string[] = [],
): { opts: Record<string, string>; rest: string[] } {
  const opts: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-')) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = (eq === -1 ? a : a.slice(0, eq)).replace(/^--?/, '').toLowerCase();
    if (flags.includes(key)) {
      opts[key] = 'on';
      continue;
    }
    if (!valued.includes(key)) {
      if (command === 'startvm') throw syntaxError(command, `unknown option: ${a}`);
      throw USAGE_TITLES[command] ? unknownOption(command, a) : new VBoxError([`Unknown option: ${a}`], 2);
    }
    const value = eq === -1 ? args[++i] : a.slice(eq + 1);
    if (value === undefined) throw new VBoxError([`Missing argument to '${a}'`], 2);
    opts[key] = value;
  }
  return { opts, rest };
}

/** VirtualBox's ISO timestamps with nanoseconds: `2026-11-02T09:00:00.000000000`. */
function since(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000`;
}

/** `VBoxManage`: VirtualBox's command-line front end on the desktop host (a type 2 hypervisor). */
export function vboxManageProgram(engine: VmEngine): Program {
  return async (ctx) => {
    const [command, ...args] = ctx.argv.slice(1);
    if (command === undefined || command === '--help' || command === '-h') {
      ctx.stdout.write(
        `Oracle VM VirtualBox Command Line Management Interface Version ${VERSION}\nCopyright (C) 2005-2024 Oracle and/or its affiliates\n\nUsage:\n\n  VBoxManage [<general option>] <command>\n`,
      );
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      ctx.stdout.write(`${VERSION}\n`);
      return 0;
    }
    // Every client call talks to the per-user VBoxSVC, which starts on demand.
    if (!engine.state.vboxsvc) {
      engine.state.vboxsvc = { pid: engine.state.nextPid, started: ctx.now() };
      engine.state.nextPid += 8;
      await ctx.sleep(450);
    }
    try {
      return await run(ctx, engine, command, args);
    } catch (error) {
      if (!(error instanceof VBoxError)) throw error;
      ctx.stderr.write(error.message);
      return error.code;
    }
  };
}

async function run(ctx: ProgramContext, engine: VmEngine, command: string, args: string[]): Promise<number> {
  const out = (text: string) => ctx.stdout.write(text);
  const vm = (name: string | undefined, context: string): DomainRecord => {
    if (name === undefined)
      throw USAGE_TITLES[subcommand]
        ? usageOnly(subcommand)
        : new VBoxError(['No machine name or UUID given'], 2);
    const d = engine.find(name, 'virtualbox');
    if (!d) throw notFound(name, context);
    return d;
  };
  const folder = `${ctx.user.home}/VirtualBox VMs`;
  const subcommand = command.toLowerCase();
  switch (subcommand) {
    case 'createvm': {
      const { opts } = options(
        'createvm',
        args,
        ['name', 'ostype', 'basefolder', 'groups', 'uuid', 'default'],
        ['register'],
      );
      const name = opts.name;
      if (!name) throw syntaxError('createvm', 'Parameter --name is required');
      // VirtualBox keeps an OS type it does not know as it was typed (the lab boots its own guest then).
      const ostype = opts.ostype ?? 'Other';
      const os = lookupVboxType(ostype);
      const dir = `${opts.basefolder ?? folder}/${name}`;
      const settings = `${dir}/${name}.vbox`;
      if (ctx.fs.exists(settings) || engine.find(name, 'virtualbox')) {
        throw new VBoxError([
          `Machine settings file '${settings}' already exists`,
          'Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MachineWrap, interface IMachine, callee nsISupports',
          'Context: "CreateMachine(bstrSettingsFile.raw(), bstrName.raw(), ComSafeArrayAsInParam(groups), bstrOsTypeId.raw(), createFlags.raw(), bstrCipher.raw(), bstrPasswordId.raw(), Bstr(strPassword).raw(), machine.asOutParam())" at line 397 of file VBoxManageMisc.cpp',
        ]);
      }
      await ctx.sleep(120);
      const uuid = engine.uuid();
      try {
        ctx.fs.mkdir(dir, { parents: true, actor: ctx.user, mode: 0o700 });
        ctx.fs.writeFile(
          settings,
          `<?xml version="1.0"?>\n<VirtualBox xmlns="http://www.virtualbox.org/" version="1.19-linux">\n  <Machine uuid="{${uuid}}" name="${name}" OSType="${ostype}" snapshotFolder="Snapshots">\n  </Machine>\n</VirtualBox>\n`,
          { actor: ctx.user, mode: 0o600 },
        );
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        throw new VBoxError([`Could not create the directory '${dir}' (${error.code})`]);
      }
      if (opts.register === undefined) {
        out(`Virtual machine '${name}' is created.\nUUID: ${uuid}\nSettings file: '${settings}'\n`);
        return 0;
      }
      // A new machine has no storage controller and no disk: storagectl and storageattach give it one.
      const d = engine.define({
        name,
        hypervisor: 'virtualbox',
        os: (os ?? GUEST_OS['alpine3.22']).id,
        vcpus: 1,
        memoryMiB: 128,
        diskPath: '',
        diskFormat: 'vdi',
        virtualBytes: 0,
        seedBytes: 0,
        preallocBytes: 0,
        cdrom: null,
      });
      d.uuid = uuid;
      d.vboxOsType = ostype;
      d.vboxFolder = dir;
      d.storage = [];
      out(
        `Virtual machine '${name}' is created and registered.\nUUID: ${uuid}\nSettings file: '${settings}'\n`,
      );
      return 0;
    }
    case 'modifyvm': {
      const [name, ...rest] = args;
      if (rest.length === 0) throw syntaxError('modifyvm', 'Not enough parameters');
      const d = vm(
        name,
        '"FindMachine(Bstr(a->argv[0]).raw(), machine.asOutParam())" at line 632 of file VBoxManageModifyVM.cpp',
      );
      const { opts } = options('modifyvm', rest, [
        'memory',
        'natpf1',
        'cpus',
        'ostype',
        'vram',
        'nic1',
        'hostonlyadapter1',
        'description',
        'graphicscontroller',
        'boot1',
      ]);
      if (d.power === 'running')
        throw locked(
          d.name,
          '"LockMachine(a->session, LockType_Write)" at line 640 of file VBoxManageModifyVM.cpp',
        );
      if (opts.memory !== undefined) {
        if (!/^\d+$/.test(opts.memory)) throw badValue();
        d.memoryMiB = Number(opts.memory);
      }
      if (opts.cpus !== undefined) {
        if (!/^\d+$/.test(opts.cpus)) throw badValue();
        const cpus = Number(opts.cpus);
        if (cpus < 1) throw new VBoxError([`Invalid --cpus argument '${opts.cpus}'`], 2);
        if (cpus > engine.host.cpus * 4)
          throw new VBoxError([
            `Invalid virtual CPU count: ${cpus} (must be in range [1, ${engine.host.cpus * 4}])`,
            'Details: code E_INVALIDARG (0x80070057), component SessionMachine, interface IMachine, callee nsISupports',
          ]);
        d.vcpus = cpus;
      }
      if (opts.natpf1 !== undefined) d.natRules = [...(d.natRules ?? []), opts.natpf1];
      return 0;
    }
    case 'startvm': {
      const [name, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(pszVM).raw(), machine.asOutParam())" at line 867 of file VBoxManageMisc.cpp',
      );
      const { opts } = options('startvm', rest, ['type']);
      const type = opts.type ?? 'gui';
      if (!['gui', 'headless', 'separate', 'sdl'].includes(type))
        throw new VBoxError([
          `Invalid frontend name: '${type}'`,
          'Details: code NS_ERROR_INVALID_ARG (0x80070057), component MachineWrap, interface IMachine, callee nsISupports',
          'Context: "LaunchVMProcess(a->session, sessionType.raw(), ComSafeArrayAsInParam(aBstrEnv), progress.asOutParam())" at line 880 of file VBoxManageMisc.cpp',
        ]);
      if (d.power === 'running')
        throw locked(
          d.name,
          '"LaunchVMProcess(a->session, sessionType.raw(), ComSafeArrayAsInParam(aBstrEnv), progress.asOutParam())" at line 726 of file VBoxManageMisc.cpp',
        );
      out(`Waiting for VM "${d.name}" to power on...\n`);
      await ctx.sleep(900);
      const started = engine.start(d);
      if (!started.ok) {
        throw new VBoxError([
          started.error === 'memory'
            ? 'The VM session was aborted'
            : `Could not open the medium '${d.disk.path}'.`,
          'Details: code NS_ERROR_FAILURE (0x80004005), component SessionMachine, interface ISession',
        ]);
      }
      engine.syncDisk(d);
      out(`VM "${d.name}" has been successfully started.\n`);
      return 0;
    }
    case 'controlvm': {
      const [name, action, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(a->argv[0]).raw(), machine.asOutParam())" at line 2173 of file VBoxManageControlVM.cpp',
      );
      if (action === undefined) throw new VBoxError(['Not enough parameters'], 2);
      if (d.power !== 'running') throw new VBoxError([`Machine '${d.name}' is not currently running.`]);
      void rest;
      switch (action.toLowerCase()) {
        case 'poweroff':
          await ctx.sleep(400);
          engine.destroy(d, 'destroyed');
          out(PROGRESS);
          return 0;
        case 'savestate':
          await ctx.sleep(1_500 + Math.round((d.memoryMiB * MiB) / 2_000_000));
          engine.save(d);
          out(PROGRESS);
          return 0;
        case 'acpipowerbutton':
          engine.shutdown(d);
          return 0;
        case 'reset':
          engine.destroy(d, 'destroyed');
          engine.start(d);
          return 0;
        default:
          throw new VBoxError([`Invalid parameter '${action}'`], 2);
      }
    }
    case 'list': {
      const what = (args[0] ?? '').toLowerCase();
      const list = engine.domains('virtualbox');
      if (what === 'vms') for (const d of list) out(`"${d.name}" {${d.uuid}}\n`);
      else if (what === 'runningvms')
        for (const d of list.filter((x) => x.power === 'running')) out(`"${d.name}" {${d.uuid}}\n`);
      else if (what === 'hdds')
        for (const path of hardDisks(engine)) out(`${mediumInfo(engine, path, false)}\n`);
      else if (what === 'ostypes') {
        for (const [id, description, family, is64] of VBOX_OS_TYPES)
          out(
            `ID:          ${id}\nDescription: ${description}\nFamily ID:   ${family}\nFamily Desc: ${VBOX_OS_FAMILIES[family]}\n64 bit:      ${is64}\n\n`,
          );
      } else throw syntaxError('list', `Unknown subcommand "${args[0] ?? ''}".`);
      return 0;
    }
    case 'showvminfo': {
      const [name, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(VMNameOrUuid).raw(), machine.asOutParam())" at line 3138 of file VBoxManageInfo.cpp',
      );
      const { opts } = options('showvminfo', rest, [], ['machinereadable', 'details']);
      out(opts.machinereadable ? machineReadable(engine, d) : showvminfo(engine, d));
      return 0;
    }
    case 'snapshot': {
      const [name, action, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(a->argv[0]).raw(), pMachine.asOutParam())" at line 448 of file VBoxManageSnapshot.cpp',
      );
      const sub = (action ?? '').toLowerCase();
      if (sub === 'take') {
        const { opts, rest: names } = options(
          'snapshot',
          rest,
          ['description', 'uniquename'],
          ['live', 'pause'],
        );
        const snapName = names[0];
        if (!snapName) throw new VBoxError(['Missing snapshot name'], 2);
        await ctx.sleep(d.power === 'running' ? 2_000 : 300);
        const snap = engine.snapshotCreate(d, snapName, opts.description ?? '');
        engine.syncDisk(d);
        out(`${PROGRESS}Snapshot taken. UUID: ${snap.uuid}\n`);
        return 0;
      }
      if (sub === 'list') {
        if (d.snapshots.length === 0) {
          out('This machine does not have any snapshots\n');
          return 1;
        }
        const depth = (s: { parent: string | null }): number => {
          const parent = d.snapshots.find((p) => p.name === s.parent);
          return parent ? depth(parent) + 1 : 0;
        };
        for (const s of d.snapshots) {
          out(
            `${'   '.repeat(depth(s) + 1)}Name: ${s.name} (UUID: ${s.uuid})${s.name === d.currentSnapshot ? ' *' : ''}\n`,
          );
          if (s.description)
            out(`${'   '.repeat(depth(s) + 2)}Description:\n${'   '.repeat(depth(s) + 2)}${s.description}\n`);
        }
        return 0;
      }
      if (sub === 'restore' || sub === 'restorecurrent') {
        const snapName = sub === 'restorecurrent' ? d.currentSnapshot : rest[0];
        const snap = d.snapshots.find((s) => s.name === snapName || s.uuid === snapName);
        if (!snap) {
          throw new VBoxError([
            `Could not find a snapshot named '${snapName ?? ''}'`,
            'Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component SessionMachine, interface IMachine, callee nsISupports',
            'Context: "FindSnapshot(Bstr(a->argv[2]).raw(), pSnapshot.asOutParam())" at line 537 of file VBoxManageSnapshot.cpp',
          ]);
        }
        if (d.power === 'running')
          throw locked(
            d.name,
            '"LockMachine(a->session, LockType_Write)" at line 459 of file VBoxManageSnapshot.cpp',
          );
        out(`Restoring snapshot '${snap.name}' (${snap.uuid})\n`);
        await ctx.sleep(600);
        // A live snapshot comes back as a saved state: startvm resumes it without a boot.
        d.guest.upper = structuredClone(snap.upper);
        d.docker = snap.docker ? structuredClone(snap.docker) : null;
        d.currentSnapshot = snap.name;
        if (snap.state === 'running' && snap.boot) {
          d.power = 'saved';
          d.reason = 'saved';
          d.boot = { ...snap.boot };
          d.since = snap.created;
        } else {
          d.power = 'shut off';
          d.boot = null;
        }
        engine.syncDisk(d);
        out(PROGRESS);
        return 0;
      }
      throw new VBoxError([`Invalid parameter '${action ?? ''}'`], 2);
    }
    case 'unregistervm': {
      const [name, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(VMName).raw(), machine.asOutParam())" at line 229 of file VBoxManageMisc.cpp',
      );
      const { opts } = options('unregistervm', rest, [], ['delete', 'delete-all']);
      if (d.power === 'running')
        throw new VBoxError([`Cannot unregister the machine '${d.name}' while it is locked`]);
      const del = opts.delete !== undefined || opts['delete-all'] !== undefined;
      const dir = d.vboxFolder ?? '';
      // --delete takes the hard disks attached to the machine with it, wherever they are.
      const disks = vboxControllers(d).flatMap((c) =>
        c.attachments.filter((a) => a.type === 'hdd').map((a) => a.medium ?? ''),
      );
      engine.undefine(d, false);
      if (del) {
        for (const disk of disks) {
          if (ctx.fs.exists(disk)) ctx.fs.remove(disk, { actor: ctx.user });
          if (engine.state.media) delete engine.state.media[disk];
        }
        if (ctx.fs.exists(dir)) ctx.fs.remove(dir, { recursive: true, actor: ctx.user });
        out(PROGRESS);
      }
      return 0;
    }
    case 'createmedium':
    case 'createhd':
      return createMedium(ctx, engine, args);
    case 'clonemedium':
    case 'clonehd':
      return cloneMedium(ctx, engine, args);
    case 'storagectl': {
      const [name, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(a->argv[0]).raw(), machine.asOutParam())" at line 1053 of file VBoxManageStorageController.cpp',
      );
      const status = storageCtl(d, rest);
      bindBootDisk(engine, d);
      return status;
    }
    case 'storageattach': {
      const [name, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(a->argv[0]).raw(), machine.asOutParam())" at line 343 of file VBoxManageStorageController.cpp',
      );
      const status = storageAttach(ctx, engine, d, rest);
      bindBootDisk(engine, d);
      return status;
    }
    case 'closemedium':
      return closeMedium(ctx, engine, args);
    case 'showmediuminfo':
    case 'showhdinfo': {
      const key = args.find((a) => !['disk', 'dvd', 'floppy'].includes(a.toLowerCase()));
      if (key === undefined) throw new VBoxError(['Medium name or UUID required'], 2);
      out(mediumInfo(engine, openMedium(ctx, engine, key, 'disk'), true));
      return 0;
    }
    default:
      throw syntaxError('VBoxManage', `Invalid command '${command}'`);
  }
}

/** The Guest OS VirtualBox shows: the type's description, or a type it does not know as typed. */
function guestOsName(engine: VmEngine, d: DomainRecord): string {
  const type = d.vboxOsType;
  if (type === undefined) return engine.osOf(d).vboxDescription;
  return VBOX_OS_TYPES.find(([id]) => id.toLowerCase() === type.toLowerCase())?.[1] ?? type;
}

/** A machine's power state as showvminfo words it, or as `--machinereadable` does. */
function vmState(d: DomainRecord, machineReadable: boolean): string {
  if (d.power === 'running') return 'running';
  if (d.power === 'saved') return 'saved';
  if (d.reason === 'crashed') return 'aborted';
  return machineReadable ? 'poweroff' : 'powered off';
}

/**
 * `showvminfo`: VirtualBox 7.0.16's layout, labels padded so values start at column 30, as recorded
 * from a machine createvm made (conformance/vbox.yaml, vbox-showvminfo). The settings the sandbox
 * does not model have createvm's defaults.
 */
function showvminfo(engine: VmEngine, d: DomainRecord): string {
  const dir = d.vboxFolder ?? '';
  const row = (label: string, value: string) => `${label.padEnd(29)}${value}\n`;
  const rows = (pairs: [string, string][]) => pairs.map(([label, value]) => row(label, value)).join('');
  const mac = d.mac.replace(/:/g, '').toUpperCase();
  let text =
    rows([
      ['Name:', d.name],
      ['Encryption:', 'disabled'],
      ['Groups:', '/'],
      ['Guest OS:', guestOsName(engine, d)],
      ['UUID:', d.uuid],
      ['Config file:', `${dir}/${d.name}.vbox`],
      ['Snapshot folder:', `${dir}/Snapshots`],
      ['Log folder:', `${dir}/Logs`],
      ['Hardware UUID:', d.uuid],
      ['Memory size:', `${d.memoryMiB}MB`],
      ['Page Fusion:', 'disabled'],
      ['VRAM size:', '8MB'],
      ['CPU exec cap:', '100%'],
      ['HPET:', 'disabled'],
      ['CPUProfile:', 'host'],
      ['Chipset:', 'piix3'],
      ['Firmware:', 'BIOS'],
      ['Number of CPUs:', String(d.vcpus)],
      ['PAE:', 'enabled'],
      ['Long Mode:', 'enabled'],
      ['Triple Fault Reset:', 'disabled'],
      ['APIC:', 'enabled'],
      ['X2APIC:', 'enabled'],
      ['Nested VT-x/AMD-V:', 'disabled'],
      ['CPUID Portability Level:', '0'],
      ['CPUID overrides:', 'None'],
      ['Boot menu mode:', 'message and menu'],
      ['Boot Device 1:', 'Floppy'],
      ['Boot Device 2:', 'DVD'],
      ['Boot Device 3:', 'HardDisk'],
      ['Boot Device 4:', 'Not Assigned'],
      ['ACPI:', 'enabled'],
      ['IOAPIC:', 'enabled'],
      ['BIOS APIC mode:', 'APIC'],
      ['Time offset:', '0ms'],
      ['BIOS NVRAM File:', `${dir}/${d.name}.nvram`],
      ['RTC:', 'local time'],
      ['Hardware Virtualization:', 'enabled'],
      ['Nested Paging:', 'enabled'],
      ['Large Pages:', 'enabled'],
      ['VT-x VPID:', 'enabled'],
      ['VT-x Unrestricted Exec.:', 'enabled'],
      ['AMD-V Virt. Vmsave/Vmload:', 'enabled'],
      ['IOMMU:', 'None'],
      ['Paravirt. Provider:', 'Default'],
      ['Effective Paravirt. Prov.:', 'KVM'],
      ['State:', `${vmState(d, false)} (since ${since(d.since)})`],
      ['Graphics Controller:', 'VBoxVGA'],
      ['Monitor count:', '1'],
      ['3D Acceleration:', 'disabled'],
      ['2D Video Acceleration:', 'disabled'],
      ['Teleporter Enabled:', 'disabled'],
      ['Teleporter Port:', '0'],
      ['Teleporter Address:', ''],
      ['Teleporter Password:', ''],
      ['Tracing Enabled:', 'disabled'],
      ['Allow Tracing to Access VM:', 'disabled'],
      ['Tracing Configuration:', ''],
      ['Autostart Enabled:', 'disabled'],
      ['Autostart Delay:', '0'],
      ['Default Frontend:', ''],
      ['VM process priority:', 'default'],
    ]) +
    storageRows(engine, d, row) +
    row(
      'NIC 1:',
      `MAC: ${mac}, Attachment: NAT, Cable connected: on, Trace: off (file: none), Type: 82540EM, Reported speed: 0 Mbps, Boot priority: 0, Promisc Policy: deny, Bandwidth group: none`,
    ) +
    'NIC 1 Settings:  MTU: 0, Socket (send: 64, receive: 64), TCP Window (send:64, receive: 64)\n' +
    (d.natRules ?? [])
      .map((rule, i) => {
        const [name, protocol, hostIp, hostPort, guestIp, guestPort] = rule.split(',');
        return `NIC 1 Rule(${i}):   name = ${name}, protocol = ${protocol}, host ip = ${hostIp ?? ''}, host port = ${hostPort ?? ''}, guest ip = ${guestIp ?? ''}, guest port = ${guestPort ?? ''}\n`;
      })
      .join('') +
    [2, 3, 4, 5, 6, 7, 8].map((n) => row(`NIC ${n}:`, 'disabled')).join('') +
    rows([
      ['Pointing Device:', 'PS/2 Mouse'],
      ['Keyboard Device:', 'PS/2 Keyboard'],
      ['UART 1:', 'disabled'],
      ['UART 2:', 'disabled'],
      ['UART 3:', 'disabled'],
      ['UART 4:', 'disabled'],
      ['LPT 1:', 'disabled'],
      ['LPT 2:', 'disabled'],
      ['Audio:', 'enabled (Driver: Default, Controller: AC97, Codec: STAC9700)'],
      ['Audio playback:', 'disabled'],
      ['Audio capture:', 'disabled'],
      ['Clipboard Mode:', 'disabled'],
      ['Drag and drop Mode:', 'disabled'],
      ['VRDE:', 'disabled'],
      ['OHCI USB:', 'disabled'],
      ['EHCI USB:', 'disabled'],
      ['xHCI USB:', 'disabled'],
      ['USB Device Filters:', '<none>'],
      ['Bandwidth groups:', '<none>'],
      ['Shared folders:', '<none>'],
      ['Recording enabled:', 'no'],
      ['Recording screens:', '1'],
    ]) +
    ' Screen 0:\n' +
    [
      ['Enabled:', 'yes'],
      ['ID:', '0'],
      ['Record video:', 'yes'],
      ['Destination:', 'File'],
      ['File:', `${dir}/${d.name}-screen0.webm`],
      ['Options:', 'vc_enabled=true,ac_enabled=false,ac_profile=med'],
      ['Video dimensions:', '1024x768'],
      ['Video rate:', '512kbps'],
      ['Video FPS:', '25fps'],
    ]
      .map(([label, value]) => `    ${(label as string).padEnd(25)}${value}\n`)
      .join('') +
    '* Guest:\n' +
    row('Configured memory balloon:', '0MB');
  text += d.snapshots.length > 0 ? '\nSnapshots:\n\n' : '';
  for (const s of d.snapshots)
    text += `   Name: ${s.name} (UUID: ${s.uuid})${s.name === d.currentSnapshot ? ' *' : ''}\n`;
  return `${text}\n`;
}

function machineReadable(engine: VmEngine, d: DomainRecord): string {
  const dir = d.vboxFolder ?? '';
  const controllers = vboxControllers(d);
  const slots = controllers
    .map((c, i) => {
      const instance = controllers.slice(0, i).filter((o) => o.bus === c.bus).length;
      let text =
        `storagecontrollername${i}="${c.name}"\nstoragecontrollertype${i}="${c.chipset}"\n` +
        `storagecontrollerinstance${i}="${instance}"\nstoragecontrollermaxportcount${i}="${BUSES[c.bus].ports}"\n` +
        `storagecontrollerportcount${i}="${c.ports}"\nstoragecontrollerbootable${i}="${c.bootable ? 'on' : 'off'}"\n`;
      // Every slot of the controller, in order: what is attached there, or none.
      for (let port = 0; port < c.ports; port++)
        for (let device = 0; device < (c.bus === 'ide' ? 2 : 1); device++) {
          const slot = `${port}-${device}`;
          const a = c.attachments.find((x) => x.port === port && x.device === device);
          text += `"${c.name}-${slot}"="${a ? (a.medium ?? 'emptydrive') : 'none'}"\n`;
          if (a?.medium)
            text +=
              `"${c.name}-ImageUUID-${slot}"="${mediumUuid(engine, a.medium)}"\n` +
              `"${c.name}-hot-pluggable-${slot}"="off"\n"${c.name}-nonrotational-${slot}"="off"\n"${c.name}-discard-${slot}"="off"\n`;
        }
      return text;
    })
    .join('');
  const rules = (d.natRules ?? []).map((rule, i) => `Forwarding(${i})="${rule}"\n`).join('');
  return `name="${d.name}"\ngroups="/"\nostype="${guestOsName(engine, d)}"\nUUID="${d.uuid}"\nCfgFile="${dir}/${d.name}.vbox"\nmemory=${d.memoryMiB}\nvram=8\ncpus=${d.vcpus}\nVMState="${vmState(d, true)}"\nVMStateChangeTime="${since(d.since)}"\n${slots}macaddress1="${d.mac.replace(/:/g, '').toUpperCase()}"\n${rules}`;
}

// --- media and storage controllers ---
// Messages, exit codes and Context lines follow VBoxManage's own sources as of VirtualBox 7.0
// (src/VBox/Frontends/VBoxManage/VBoxManageDisk.cpp and VBoxManageStorageController.cpp, and the
// Main API's MachineImpl.cpp, MediumImpl.cpp and StorageControllerImpl.cpp, in
// https://github.com/mirror/vbox) and the manual's VBoxManage chapter
// (https://docs.oracle.com/en/virtualization/virtualbox/7.1/user/vboxmanage.html). Progress goes to
// stderr, as showProgress writes it (see the output quoted in
// https://github.com/onedr0p/k3s-homeops-ansible/issues/55 and hashicorp/vagrant#8107).

/** `storagectl --add` buses: the chipset each gets by default and its ports. */
const BUSES: Record<StorageBus, { chipset: string; ports: number; enumName: string; line: number }> = {
  ide: { chipset: 'PIIX4', ports: 2, enumName: 'IDE', line: 1081 },
  sata: { chipset: 'IntelAhci', ports: 30, enumName: 'SATA', line: 1087 },
  scsi: { chipset: 'LsiLogic', ports: 16, enumName: 'SCSI', line: 1093 },
  floppy: { chipset: 'I82078', ports: 1, enumName: 'Floppy', line: 1099 },
  sas: { chipset: 'LsiLogicSas', ports: 8, enumName: 'SAS', line: 1105 },
  usb: { chipset: 'USB', ports: 8, enumName: 'USB', line: 1111 },
  pcie: { chipset: 'NVMe', ports: 1, enumName: 'PCIe', line: 1117 },
  virtio: { chipset: 'VirtioSCSI', ports: 1, enumName: 'VirtioSCSI', line: 1123 },
};

/** The chipsets `storagectl --controller` accepts, by the bus they belong to. */
const CHIPSETS: Record<string, StorageBus> = {
  lsilogic: 'scsi',
  buslogic: 'scsi',
  intelahci: 'sata',
  piix3: 'ide',
  piix4: 'ide',
  ich6: 'ide',
  i82078: 'floppy',
  lsilogicsas: 'sas',
  usb: 'usb',
  nvme: 'pcie',
  virtioscsi: 'virtio',
};

/** A dynamic image starts as its header and block map (VirtualBox's empty VDI is 2 MiB). */
const IMAGE_HEADER = 2 * MiB;

/** A machine's storage controllers, as `storagectl` made them. */
export function vboxControllers(d: DomainRecord): StorageController[] {
  return d.storage ?? [];
}

/**
 * Points the machine at the disk its BIOS boots: the first hard disk on a bootable controller. The
 * guest that runs is the OS on that image; a blank disk, or none, boots nothing.
 */
function bindBootDisk(engine: VmEngine, d: DomainRecord): void {
  const path =
    vboxControllers(d)
      .filter((c) => c.bootable)
      .flatMap((c) => c.attachments)
      .find((a) => a.type === 'hdd' && a.medium)?.medium ?? '';
  if (path === d.disk.path) return;
  const medium = path ? engine.state.media?.[path] : undefined;
  const node = path ? engine.host.fs.stat(path) : undefined;
  const bytes = node?.type === 'file' ? node.size : 0;
  d.disk = {
    path,
    format: 'vdi',
    virtualBytes: medium?.logicalBytes ?? 0,
    seedBytes: medium?.os ? Math.max(0, bytes - IMAGE_HEADER) : 0,
    preallocBytes: medium?.fixed ? bytes : 0,
  };
  d.installed = medium?.os !== undefined;
  d.everBooted = false;
  if (medium?.os) d.os = medium.os;
}

/** A registered medium's UUID, or '' for a path VirtualBox does not know. */
function mediumUuid(engine: VmEngine, path: string): string {
  return engine.state.media?.[path]?.uuid ?? '';
}

/** VirtualBox's media registry (made on first use, so older saved states load unchanged). */
function registry(engine: VmEngine): Record<string, MediumRecord> {
  if (!engine.state.media) engine.state.media = {};
  return engine.state.media;
}

/** Machines a medium is attached to. */
function usersOf(engine: VmEngine, path: string): DomainRecord[] {
  return engine
    .domains('virtualbox')
    .filter((d) => vboxControllers(d).some((c) => c.attachments.some((a) => a.medium === path)));
}

function fileNotFound(path: string): VBoxError {
  return new VBoxError([
    `Could not find file for the medium '${path}' (VERR_FILE_NOT_FOUND)`,
    'Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MediumWrap, interface IMedium, callee nsISupports',
    'Context: "OpenMedium(Bstr(pszFilenameOrUuid).raw(), enmDevType, enmAccessMode, fForceNewUuidOnOpen, pMedium.asOutParam())" at line 197 of file VBoxManageDisk.cpp',
  ]);
}

function noController(name: string, context: string): VBoxError {
  return new VBoxError([
    `Could not find a storage controller named '${name}'`,
    'Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component SessionMachine, interface IMachine, callee nsISupports',
    `Context: ${context}`,
  ]);
}

/**
 * A medium by path or UUID, registering an image file that exists but is not yet known (as
 * VBoxManage's openMedium does). Throws VERR_FILE_NOT_FOUND for a path that names nothing.
 */
function openMedium(ctx: ProgramContext, engine: VmEngine, key: string, kind: MediumRecord['kind']): string {
  const media = registry(engine);
  const byUuid = Object.entries(media).find(([, m]) => m.uuid === key.toLowerCase())?.[0];
  if (byUuid) return byUuid;
  const path = hostPath(ctx, key);
  if (media[path]) return path;
  const node = ctx.fs.stat(path);
  if (node?.type !== 'file') throw fileNotFound(path);
  const ext = path.slice(path.lastIndexOf('.') + 1).toUpperCase();
  const format = kind !== 'disk' ? 'RAW' : ext === 'VMDK' || ext === 'VHD' ? ext : 'VDI';
  const cloud = kind === 'disk' ? cloudImageOf(node.size) : undefined;
  media[path] = {
    uuid: engine.uuid(),
    kind,
    format,
    fixed: format === 'RAW',
    logicalBytes: cloud?.capacityBytes ?? node.size,
    ...(cloud ? { os: cloud.os } : {}),
  };
  return path;
}

/** Whether an image of `bytes` would not fit in the host's free space (checked before writing). */
function diskFull(engine: VmEngine, bytes: number): boolean {
  const root = engine.host.disks().find((x) => x.mountpoint === '/');
  return root !== undefined && bytes > root.size - root.used;
}

/** `createmedium [disk|dvd|floppy] --filename F --size MB [--format] [--variant]` (alias `createhd`). */
async function createMedium(ctx: ProgramContext, engine: VmEngine, args: string[]): Promise<number> {
  const { opts, rest } = options('createmedium', args, ['filename', 'size', 'sizebyte', 'format', 'variant']);
  const kind = (rest[0] ?? 'disk').toLowerCase();
  if (!['disk', 'dvd', 'floppy'].includes(kind) || rest.length > 1)
    throw new VBoxError([`Invalid parameter '${rest.at(-1)}'`], 2);
  if (!opts.filename) throw new VBoxError(['Parameter --filename is required'], 2);
  const bytes =
    opts.sizebyte !== undefined
      ? Number(opts.sizebyte)
      : opts.size !== undefined
        ? Number(opts.size) * MiB
        : 0;
  if (!Number.isInteger(bytes) || bytes < 0)
    throw new VBoxError([`Invalid size: '${opts.size ?? opts.sizebyte}'`], 2);
  if (bytes === 0) throw syntaxError('createmedium', 'Parameter --size is required');
  const format = (opts.format ?? (kind === 'disk' ? 'VDI' : 'RAW')).toUpperCase();
  if (!['VDI', 'VMDK', 'VHD', 'RAW'].includes(format))
    throw new VBoxError([
      `Invalid medium format '${opts.format}'`,
      'Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component VirtualBoxWrap, interface IVirtualBox, callee nsISupports',
    ]);
  const variant = (opts.variant ?? 'Standard').toLowerCase();
  if (!['standard', 'fixed'].includes(variant))
    throw new VBoxError([`Invalid medium variant '${opts.variant}'`], 2);
  const fixed = variant === 'fixed' || kind !== 'disk';
  // A name without an extension gets the format's own.
  let name = opts.filename;
  if (!/\.[^/.]+$/.test(name))
    name +=
      kind === 'dvd'
        ? '.iso'
        : kind === 'floppy'
          ? '.img'
          : `.${format === 'RAW' ? 'vdi' : format.toLowerCase()}`;
  const path = hostPath(ctx, name);
  const unit = (reason: string, code = 'VBOX_E_FILE_ERROR (0x80bb0004)'): VBoxError =>
    new VBoxError([
      'Failed to create medium',
      `Could not create the medium storage unit '${path}'.`,
      `${format}: cannot create image '${path}' (${reason})`,
      `Details: code ${code}, component MediumWrap, interface IMedium`,
      'Context: "RTEXITCODE handleCreateMedium(HandlerArg *)" at line 630 of file VBoxManageDisk.cpp',
    ]);
  const size = fixed ? bytes + (format === 'RAW' ? 0 : IMAGE_HEADER) : IMAGE_HEADER;
  const failure = ctx.fs.exists(path)
    ? 'VERR_ALREADY_EXISTS'
    : diskFull(engine, size)
      ? 'VERR_DISK_FULL'
      : null;
  if (failure) {
    ctx.stderr.write(`0%...\nProgress state: VBOX_E_FILE_ERROR\n`);
    throw unit(failure);
  }
  // Writing every block of a fixed image takes time; a dynamic one is only its header.
  await ctx.sleep(fixed ? 200 + Math.round(bytes / (400 * MiB)) * 1_000 : 200);
  try {
    ctx.fs.writeBlob(path, size, { actor: ctx.user, mode: 0o600 });
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    ctx.stderr.write(`0%...\nProgress state: VBOX_E_FILE_ERROR\n`);
    throw unit(error.code === 'ENOENT' ? 'VERR_PATH_NOT_FOUND' : 'VERR_ACCESS_DENIED');
  }
  const uuid = engine.uuid();
  registry(engine)[path] = {
    uuid,
    kind: kind as MediumRecord['kind'],
    format: format as MediumRecord['format'],
    fixed,
    logicalBytes: bytes,
  };
  ctx.stderr.write(PROGRESS);
  ctx.stdout.write(`Medium created. UUID: ${uuid}\n`);
  return 0;
}

/**
 * `clonemedium [disk|dvd|floppy] SRC DST [--format] [--variant]` (alias `clonehd`): a new image with
 * the source's contents and a new UUID, in the source's format unless told. A compressed download
 * (a stream-optimised VMDK) grows to the OS's own bytes in a VDI.
 */
async function cloneMedium(ctx: ProgramContext, engine: VmEngine, args: string[]): Promise<number> {
  const { opts, rest } = options('clonemedium', args, ['format', 'variant'], ['existing']);
  const operands = rest.filter((r) => !['disk', 'dvd', 'floppy'].includes(r.toLowerCase()));
  const kind = (rest.find((r) => ['dvd', 'floppy'].includes(r.toLowerCase())) ?? 'disk').toLowerCase();
  const [from, to] = operands;
  if (from === undefined || to === undefined)
    throw syntaxError('clonemedium', 'Mandatory input or output file not specified');
  if (operands.length > 2) throw syntaxError('clonemedium', `Invalid parameter '${operands[2]}'`);
  const source = openMedium(ctx, engine, from, kind as MediumRecord['kind']);
  const original = registry(engine)[source] as MediumRecord;
  const format = (opts.format ?? original.format).toUpperCase();
  if (!['VDI', 'VMDK', 'VHD', 'RAW'].includes(format))
    throw new VBoxError([
      `Invalid medium format '${opts.format}'`,
      'Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component VirtualBoxWrap, interface IVirtualBox, callee nsISupports',
    ]);
  const path = hostPath(ctx, to);
  const fixed = (opts.variant ?? '').toLowerCase() === 'fixed' || format === 'RAW';
  const data = original.os ? GUEST_OS[original.os].fsUsedBytes : 0;
  const size = fixed ? original.logicalBytes + (format === 'RAW' ? 0 : IMAGE_HEADER) : IMAGE_HEADER + data;
  const failure = (reason: string) =>
    new VBoxError([
      'Failed to clone medium',
      `Could not create the clone medium '${path}'.`,
      `${format}: cannot create image '${path}' (${reason})`,
      'Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MediumWrap, interface IMedium',
      'Context: "RTEXITCODE handleCloneMedium(HandlerArg*)" at line 1208 of file VBoxManageDisk.cpp',
    ]);
  // The clone's progress shows the failure's code in place of the rest of the bar.
  const refused =
    ctx.fs.exists(path) || registry(engine)[path]
      ? 'VERR_ALREADY_EXISTS'
      : diskFull(engine, size)
        ? 'VERR_DISK_FULL'
        : null;
  if (refused) {
    ctx.stderr.write('0%...VBOX_E_FILE_ERROR\n');
    throw failure(refused);
  }
  await ctx.sleep(200 + Math.round(size / (400 * MiB)) * 1_000);
  try {
    ctx.fs.writeBlob(path, size, { actor: ctx.user, mode: 0o600 });
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    ctx.stderr.write('0%...VBOX_E_FILE_ERROR\n');
    throw failure(error.code === 'ENOENT' ? 'VERR_PATH_NOT_FOUND' : 'VERR_ACCESS_DENIED');
  }
  const uuid = engine.uuid();
  registry(engine)[path] = {
    ...original,
    uuid,
    format: format as MediumRecord['format'],
    fixed,
  };
  ctx.stderr.write(PROGRESS);
  ctx.stdout.write(`Clone medium created in format '${format}'. UUID: ${uuid}\n`);
  return 0;
}

/** `storagectl VM --name N --add BUS [--controller] [--portcount] [--bootable]` or `--remove`. */
function storageCtl(d: DomainRecord, args: string[]): number {
  const { opts } = options(
    'storagectl',
    args,
    ['name', 'add', 'controller', 'portcount', 'bootable', 'hostiocache'],
    ['remove'],
  );
  if (d.power === 'running')
    throw locked(
      d.name,
      '"LockMachine(a->session, LockType_Write)" at line 1057 of file VBoxManageStorageController.cpp',
    );
  const name = opts.name;
  if (!name) throw new VBoxError(['Storage controller name not specified'], 2);
  const controllers = vboxControllers(d);
  const existing = controllers.find((c) => c.name === name);
  if (opts.remove !== undefined) {
    if (!existing)
      throw noController(
        name,
        '"RemoveStorageController(Bstr(pszCtl).raw())" at line 1071 of file VBoxManageStorageController.cpp',
      );
    d.storage = controllers.filter((c) => c !== existing);
    return 0;
  }
  // Every option is checked before anything changes: a failed call saves nothing, as VBoxManage
  // only saves the settings when every step succeeded.
  const bus = (opts.add?.toLowerCase().replace(/^virtio-scsi$/, 'virtio') ?? existing?.bus) as
    | StorageBus
    | undefined;
  if (opts.add !== undefined && !BUSES[bus as StorageBus])
    throw new VBoxError([`Invalid --add argument '${opts.add}'`]);
  if (opts.add !== undefined && existing) {
    const spec = BUSES[bus as StorageBus];
    throw new VBoxError([
      `Storage controller named '${name}' already exists`,
      'Details: code VBOX_E_OBJECT_IN_USE (0x80bb000c), component SessionMachine, interface IMachine, callee nsISupports',
      `Context: "AddStorageController(Bstr(pszCtl).raw(), StorageBus_${spec.enumName}, ctl.asOutParam())" at line ${spec.line} of file VBoxManageStorageController.cpp`,
    ]);
  }
  if (bus === undefined) {
    // The first setting asked for looks the controller up (each at its own line).
    const lookup = opts.controller ? 1139 : opts.portcount ? 1206 : opts.hostiocache ? 1225 : undefined;
    if (lookup === undefined && opts.bootable === undefined) return 0;
    const context =
      lookup === undefined
        ? `"SetStorageControllerBootable(Bstr(pszCtl).raw(), ${opts.bootable === 'off' ? 'FALSE' : 'TRUE'})" at line ${opts.bootable === 'off' ? 1262 : 1258} of file VBoxManageStorageController.cpp`
        : `"GetStorageControllerByName(Bstr(pszCtl).raw(), ctl.asOutParam())" at line ${lookup} of file VBoxManageStorageController.cpp`;
    const error = noController(name, context);
    throw lookup === undefined
      ? error
      : new VBoxError([...error.lines, `Couldn't find the controller with the name: '${name}'`]);
  }
  const spec = BUSES[bus];
  if (opts.controller !== undefined && CHIPSETS[opts.controller.toLowerCase()] !== bus)
    throw new VBoxError([`Invalid --type argument '${opts.controller}'`]);
  const ports = opts.portcount === undefined ? undefined : Number(opts.portcount);
  if (ports !== undefined && (!Number.isInteger(ports) || ports < 1 || ports > spec.ports))
    throw new VBoxError([
      `Invalid port count: ${opts.portcount} (must be in range [1, ${spec.ports}])`,
      'Details: code E_INVALIDARG (0x80070057), component StorageControllerWrap, interface IStorageController, callee nsISupports',
      'Context: "COMSETTER(PortCount)(portcount)" at line 1211 of file VBoxManageStorageController.cpp',
    ]);
  if (opts.bootable !== undefined && !['on', 'off'].includes(opts.bootable))
    throw new VBoxError([`Invalid --bootable argument '${opts.bootable}'`]);
  const controller = existing ?? {
    name,
    bus,
    chipset: spec.chipset,
    ports: spec.ports,
    bootable: true,
    attachments: [],
  };
  if (opts.controller !== undefined) controller.chipset = chipsetName(opts.controller);
  if (ports !== undefined) controller.ports = ports;
  if (opts.bootable !== undefined) controller.bootable = opts.bootable === 'on';
  d.storage = existing ? controllers : [...controllers, controller];
  return 0;
}

/** A chipset as VirtualBox spells it (`intelahci` → `IntelAhci`). */
function chipsetName(text: string): string {
  const names = [
    'LsiLogic',
    'BusLogic',
    'IntelAhci',
    'PIIX3',
    'PIIX4',
    'ICH6',
    'I82078',
    'LsiLogicSas',
    'USB',
    'NVMe',
    'VirtioSCSI',
  ];
  return names.find((n) => n.toLowerCase() === text.toLowerCase()) ?? text;
}

/** `storageattach VM --storagectl N --port p --device d --type hdd|dvddrive|fdd --medium F|none|emptydrive`. */
function storageAttach(ctx: ProgramContext, engine: VmEngine, d: DomainRecord, args: string[]): number {
  const { opts } = options('storageattach', args, [
    'storagectl',
    'port',
    'device',
    'type',
    'medium',
    'nonrotational',
    'discard',
    'hotpluggable',
  ]);
  const name = opts.storagectl;
  if (!name) throw new VBoxError(['Storage controller name not specified'], 2);
  const controllers = vboxControllers(d);
  const controller = controllers.find((c) => c.name === name);
  if (!controller) throw new VBoxError([`Could not find a controller named '${name}'`]);
  const devices = controller.bus === 'ide' ? 2 : 1;
  const maxPorts = BUSES[controller.bus].ports;
  if (opts.port === undefined && maxPorts > 1) throw new VBoxError(['Port not specified'], 2);
  if (opts.device === undefined && devices > 1) throw new VBoxError(['Device not specified'], 2);
  const port = Number(opts.port ?? 0);
  const device = Number(opts.device ?? 0);
  if (!Number.isInteger(port) || port < 0) throw new VBoxError([`Invalid --port argument '${opts.port}'`], 2);
  if (!Number.isInteger(device) || device < 0)
    throw new VBoxError([`Invalid --device argument '${opts.device}'`], 2);
  if (opts.medium === undefined) throw new VBoxError(['Missing --medium argument']);
  const attachContext = (deviceType: string) =>
    `Context: "AttachDevice(Bstr(pszCtl).raw(), port, device, ${deviceType}, pMedium2Mount)" at line 781 of file VBoxManageStorageController.cpp`;
  // A running machine takes new devices only on controllers that can hot-plug (VirtualBox's Machine::attachDevice).
  if (d.power === 'running' && ['ide', 'scsi', 'sas', 'floppy'].includes(controller.bus))
    throw new VBoxError([
      `Controller '${name}' does not support hot-plugging`,
      'Details: code VBOX_E_INVALID_VM_STATE (0x80bb0002), component SessionMachine, interface IMachine, callee nsISupports',
      attachContext('DeviceType_HardDisk'),
    ]);
  // VBoxManage widens a SATA controller to reach the port asked for, up to its 30 ports.
  const ports =
    controller.bus === 'sata' && port < maxPorts ? Math.max(controller.ports, port + 1) : controller.ports;
  if (port >= ports || device >= devices)
    throw new VBoxError([
      `The port and/or device parameter are out of range: port=${port} (must be in range [0, ${ports - 1}]), device=${device} (must be in range [0, ${devices - 1}])`,
      'Details: code E_INVALIDARG (0x80070057), component StorageControllerWrap, interface IStorageController, callee nsISupports',
      attachContext('DeviceType_HardDisk'),
    ]);
  const others = controller.attachments.filter((a) => a.port !== port || a.device !== device);
  const medium = opts.medium.toLowerCase();
  if (medium === 'none') {
    if (others.length === controller.attachments.length)
      throw new VBoxError([
        `No storage device attached to device slot ${device} on port ${port} of controller '${name}'`,
        'Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component SessionMachine, interface IMachine, callee nsISupports',
        'Context: "DetachDevice(Bstr(pszCtl).raw(), port, device)" at line 412 of file VBoxManageStorageController.cpp',
      ]);
    controller.attachments = others;
  } else {
    if (opts.type === undefined) throw new VBoxError(['Argument --type must be specified']);
    const type = (opts.type ?? '').toLowerCase();
    if (!['hdd', 'dvddrive', 'fdd'].includes(type))
      throw new VBoxError([`Invalid --type argument '${opts.type ?? ''}'`], 2);
    let path: string | null = null;
    if (medium !== 'emptydrive') {
      try {
        path = openMedium(
          ctx,
          engine,
          opts.medium,
          type === 'hdd' ? 'disk' : type === 'fdd' ? 'floppy' : 'dvd',
        );
      } catch (error) {
        if (!(error instanceof VBoxError)) throw error;
        throw new VBoxError([...error.lines, `Invalid UUID or filename "${opts.medium}"`]);
      }
    } else if (type === 'hdd') throw new VBoxError([`Invalid UUID or filename "${opts.medium}"`]);
    controller.ports = ports;
    controller.attachments = [
      ...others,
      { port, device, type: type as StorageAttachment['type'], medium: path },
    ].sort((a, b) => a.port - b.port || a.device - b.device);
  }
  d.storage = controllers;
  return 0;
}

/** The `showmediuminfo` / `list hdds` block of one medium. */
function mediumInfo(engine: VmEngine, path: string, full: boolean): string {
  const m = engine.state.media?.[path];
  const node = engine.host.fs.stat(path);
  const format = m?.format ?? 'VDI';
  const capacity = m?.logicalBytes ?? 0;
  const row = (label: string, value: string) => `${label.padEnd(16)}${value}\n`;
  let text =
    row('UUID:', mediumUuid(engine, path)) +
    row('Parent UUID:', 'base') +
    row('State:', node ? 'created' : 'inaccessible') +
    row('Type:', 'normal (base)') +
    row('Location:', path) +
    row('Storage format:', format);
  if (full) text += row('Format variant:', m?.fixed ? 'fixed default' : 'dynamic default');
  text += row('Capacity:', `${Math.floor(capacity / MiB)} MBytes`);
  if (full)
    text += row('Size on disk:', `${Math.floor((node?.type === 'file' ? node.size : 0) / MiB)} MBytes`);
  text += row('Encryption:', 'disabled');
  // A VDI image's block size is a property of its backend (VDI's default, 1 MiB).
  if (full && format === 'VDI') text += row('Property:', 'AllocationBlockSize=1048576');
  const users = usersOf(engine, path);
  if (full && users.length > 0)
    text += row('In use by VMs:', users.map((d) => `${d.name} (UUID: ${d.uuid})`).join('\n'.padEnd(17)));
  return text;
}

/** Every hard disk the registry knows, in the order they became known. */
function hardDisks(engine: VmEngine): string[] {
  return Object.entries(engine.state.media ?? {})
    .filter(([, m]) => m.kind === 'disk')
    .map(([path]) => path);
}

/** `closemedium [disk|dvd|floppy] F [--delete]`: forgets a medium, and with --delete its file. */
function closeMedium(ctx: ProgramContext, engine: VmEngine, args: string[]): number {
  const { opts, rest } = options('closemedium', args, [], ['delete']);
  const operands = rest.filter((r) => !['disk', 'dvd', 'floppy'].includes(r.toLowerCase()));
  const key = operands[0];
  if (key === undefined) throw new VBoxError(['No medium specified'], 2);
  const kind = (rest.find((r) => ['dvd', 'floppy'].includes(r.toLowerCase())) ?? 'disk').toLowerCase();
  const path = openMedium(ctx, engine, key, kind as MediumRecord['kind']);
  const users = usersOf(engine, path);
  if (users.length > 0)
    throw new VBoxError([
      `Medium '${path}' cannot be closed because it is still attached to ${users.length} virtual machines`,
      'Details: code VBOX_E_OBJECT_IN_USE (0x80bb000c), component MediumWrap, interface IMedium, callee nsISupports',
      `Context: "${opts.delete ? 'DeleteStorage(progress.asOutParam())' : 'Close()'}" at line ${opts.delete ? 1866 : 1875} of file VBoxManageDisk.cpp`,
    ]);
  if (opts.delete !== undefined) {
    if (ctx.fs.exists(path)) ctx.fs.remove(path, { actor: ctx.user });
    ctx.stderr.write(PROGRESS);
  }
  if (engine.state.media) delete engine.state.media[path];
  return 0;
}

/**
 * `showvminfo`'s storage section as VirtualBox 7.0 prints it: each controller, then what is on each
 * of its slots (`<none>` on the row itself when the machine has no controller).
 */
function storageRows(
  engine: VmEngine,
  d: DomainRecord,
  row: (label: string, value: string) => string,
): string {
  const controllers = vboxControllers(d);
  if (controllers.length === 0) return row('Storage Controllers:', '<none>');
  let text = 'Storage Controllers:\n';
  controllers.forEach((c, i) => {
    text += `#${i}: '${c.name}', Type: ${c.chipset}, Instance: 0, Ports: ${c.ports} (max ${BUSES[c.bus].ports})${c.bootable ? ', Bootable' : ''}\n`;
    for (const a of c.attachments)
      text +=
        a.medium === null
          ? `  Port ${a.port}, Unit ${a.device}: Empty\n`
          : `  Port ${a.port}, Unit ${a.device}: UUID: ${mediumUuid(engine, a.medium)}\n    Location: "${a.medium}"\n`;
  });
  return text;
}
