import { FsError } from '../../fs/filesystem.ts';
import type { Program, ProgramContext } from '../../shell/program.ts';
import type { VmEngine } from '../engine.ts';
import { GUEST_OS, lookupVboxType } from '../os.ts';
import type { DomainRecord } from '../state.ts';

const MiB = 1024 * 1024;
const PROGRESS = '0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%\n';
const VERSION = '7.0.16_Ubuntur162802';

/** A VBoxManage failure: message lines already prefixed, and the exit code (1 failure, 2 syntax). */
class VBoxError extends Error {
  readonly code: number;
  constructor(lines: string[], code = 1) {
    super(lines.map((l) => `VBoxManage: error: ${l}\n`).join(''));
    this.code = code;
  }
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
    if (!valued.includes(key)) throw new VBoxError([`Unknown option: ${a}`], 2);
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
    if (name === undefined) throw new VBoxError(['No machine name or UUID given'], 2);
    const d = engine.find(name, 'virtualbox');
    if (!d) throw notFound(name, context);
    return d;
  };
  const folder = `${ctx.user.home}/VirtualBox VMs`;
  switch (command.toLowerCase()) {
    case 'createvm': {
      const { opts } = options(
        args,
        ['name', 'ostype', 'basefolder', 'groups', 'uuid', 'default'],
        ['register'],
      );
      const name = opts.name;
      if (!name) throw new VBoxError(['Parameter --name is required'], 2);
      const ostype = opts.ostype ?? 'Other';
      const os = lookupVboxType(ostype);
      if (!os && !/^other(_64)?$/i.test(ostype)) {
        throw new VBoxError([
          `Guest OS type '${ostype}' is invalid`,
          'Details: code E_INVALIDARG (0x80070057), component VirtualBoxWrap, interface IVirtualBox, callee nsISupports',
        ]);
      }
      const dir = `${opts.basefolder ?? folder}/${name}`;
      const settings = `${dir}/${name}.vbox`;
      if (ctx.fs.exists(settings) || engine.find(name, 'virtualbox')) {
        throw new VBoxError([
          `Machine settings file '${settings}' already exists`,
          'Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MachineWrap, interface IMachine, callee nsISupports',
          'Context: "CreateMachine(bstrSettingsFile.raw(), ComSafeArrayAsInParam(groups), bstrOsTypeId.raw(), createFlags.raw(), machine.asOutParam())" at line 417 of file VBoxManageMisc.cpp',
        ]);
      }
      await ctx.sleep(120);
      const uuid = engine.uuid();
      try {
        ctx.fs.mkdir(`${dir}/Logs`, { parents: true, actor: ctx.user, mode: 0o700 });
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
      // The lab attaches a ready-installed disk of the chosen OS (no installer run needed).
      const disk = `${dir}/${name}.vdi`;
      const guest = os ?? GUEST_OS['alpine3.22'];
      const seed = os ? guest.imageBytes : 0;
      ctx.fs.writeBlob(disk, 2 * MiB + seed, { actor: ctx.user, mode: 0o600 });
      const d = engine.define({
        name,
        hypervisor: 'virtualbox',
        os: guest.id,
        vcpus: 1,
        memoryMiB: 128,
        diskPath: disk,
        diskFormat: 'vdi',
        virtualBytes: guest.defaultDiskGiB * 1024 * MiB,
        seedBytes: seed,
        preallocBytes: 0,
        cdrom: null,
      });
      d.uuid = uuid;
      out(
        `Virtual machine '${name}' is created and registered.\nUUID: ${uuid}\nSettings file: '${settings}'\n`,
      );
      return 0;
    }
    case 'modifyvm': {
      const [name, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(a->argv[0]).raw(), machine.asOutParam())" at line 635 of file VBoxManageModifyVM.cpp',
      );
      const { opts } = options(rest, [
        'memory',
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
        if (!/^\d+$/.test(opts.memory))
          throw new VBoxError([`Invalid --memory argument '${opts.memory}'`], 2);
        d.memoryMiB = Number(opts.memory);
      }
      if (opts.cpus !== undefined) {
        const cpus = Number(opts.cpus);
        if (!Number.isInteger(cpus) || cpus < 1)
          throw new VBoxError([`Invalid --cpus argument '${opts.cpus}'`], 2);
        if (cpus > engine.host.cpus * 4)
          throw new VBoxError([
            `Invalid virtual CPU count: ${cpus} (must be in range [1, ${engine.host.cpus * 4}])`,
            'Details: code E_INVALIDARG (0x80070057), component SessionMachine, interface IMachine, callee nsISupports',
          ]);
        d.vcpus = cpus;
      }
      return 0;
    }
    case 'startvm': {
      const [name, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(pszVM).raw(), machine.asOutParam())" at line 867 of file VBoxManageMisc.cpp',
      );
      const { opts } = options(rest, ['type']);
      const type = opts.type ?? 'gui';
      if (!['gui', 'headless', 'separate', 'sdl'].includes(type))
        throw new VBoxError([`Invalid session type '${type}'`], 2);
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
      if (d.power !== 'running') throw new VBoxError([`Machine '${d.name}' is not currently running`]);
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
      else if (what === 'ostypes') {
        for (const os of Object.values(GUEST_OS))
          for (const id of os.vboxTypes) out(`ID:          ${id}\nDescription: ${os.vboxDescription}\n\n`);
      } else throw new VBoxError([`Unknown subcommand: ${args[0] ?? ''}`], 2);
      return 0;
    }
    case 'showvminfo': {
      const [name, ...rest] = args;
      const d = vm(
        name,
        '"FindMachine(Bstr(VMNameOrUuid).raw(), machine.asOutParam())" at line 3187 of file VBoxManageInfo.cpp',
      );
      const { opts } = options(rest, [], ['machinereadable', 'details']);
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
        const { opts, rest: names } = options(rest, ['description', 'uniquename'], ['live', 'pause']);
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
            'Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component MachineWrap, interface IMachine, callee nsISupports',
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
        '"FindMachine(Bstr(VMName).raw(), machine.asOutParam())" at line 150 of file VBoxManageMisc.cpp',
      );
      const { opts } = options(rest, [], ['delete', 'delete-all']);
      if (d.power === 'running')
        throw new VBoxError([`Cannot unregister the machine '${d.name}' while it is locked`]);
      const del = opts.delete !== undefined || opts['delete-all'] !== undefined;
      const dir = d.disk.path.slice(0, d.disk.path.lastIndexOf('/'));
      engine.undefine(d, del);
      if (del) {
        if (ctx.fs.exists(dir)) ctx.fs.remove(dir, { recursive: true, actor: ctx.user });
        out(PROGRESS);
      }
      return 0;
    }
    default:
      throw new VBoxError([`Invalid command '${command}'`], 2);
  }
}

/** `showvminfo`: labels padded so values start at column 30 (VirtualBox 6.x/7.0 layout). */
function showvminfo(engine: VmEngine, d: DomainRecord): string {
  const os = engine.osOf(d);
  const dir = d.disk.path.slice(0, d.disk.path.lastIndexOf('/'));
  const row = (label: string, value: string) => `${label.padEnd(29)}${value}\n`;
  const state =
    d.power === 'running'
      ? 'running'
      : d.power === 'saved'
        ? 'saved'
        : d.reason === 'crashed'
          ? 'aborted'
          : 'powered off';
  let text =
    row('Name:', d.name) +
    row('Groups:', '/') +
    row('Guest OS:', os.vboxDescription) +
    row('UUID:', d.uuid) +
    row('Config file:', `${dir}/${d.name}.vbox`) +
    row('Snapshot folder:', `${dir}/Snapshots`) +
    row('Log folder:', `${dir}/Logs`) +
    row('Hardware UUID:', d.uuid) +
    row('Memory size', `${d.memoryMiB}MB`) +
    row('Page Fusion:', 'disabled') +
    row('VRAM size:', '8MB') +
    row('CPU exec cap:', '100%') +
    row('HPET:', 'disabled') +
    row('CPUProfile:', 'host') +
    row('Chipset:', 'piix3') +
    row('Firmware:', 'BIOS') +
    row('Number of CPUs:', String(d.vcpus)) +
    row('PAE:', 'enabled') +
    row('Long Mode:', 'enabled') +
    row('Nested VT-x/AMD-V:', 'disabled') +
    row('Hardware Virtualization:', 'enabled') +
    row('Nested Paging:', 'enabled') +
    row('State:', `${state} (since ${since(d.since)})`) +
    row('Storage Controller Name (0):', 'SATA') +
    row('Storage Controller Type (0):', 'IntelAhci') +
    `SATA (0, 0): ${d.disk.path} (UUID: ${d.uuid.replace(/^.{8}/, 'd41f0c7e')})\n` +
    row(
      'NIC 1:',
      `MAC: ${d.mac.replace(/:/g, '').toUpperCase()}, Attachment: Host-only Interface 'vboxnet0', Cable connected: on, Trace: off (file: none), Type: 82540EM, Reported speed: 0 Mbps, Boot priority: 0, Promisc Policy: deny, Bandwidth group: none`,
    ) +
    row('NIC 2:', 'disabled');
  text += d.snapshots.length > 0 ? '\nSnapshots:\n\n' : '';
  for (const s of d.snapshots)
    text += `   Name: ${s.name} (UUID: ${s.uuid})${s.name === d.currentSnapshot ? ' *' : ''}\n`;
  return `${text}\n`;
}

function machineReadable(engine: VmEngine, d: DomainRecord): string {
  const os = engine.osOf(d);
  const dir = d.disk.path.slice(0, d.disk.path.lastIndexOf('/'));
  const state =
    d.power === 'running'
      ? 'running'
      : d.power === 'saved'
        ? 'saved'
        : d.reason === 'crashed'
          ? 'aborted'
          : 'poweroff';
  return `name="${d.name}"\ngroups="/"\nostype="${os.vboxDescription}"\nUUID="${d.uuid}"\nCfgFile="${dir}/${d.name}.vbox"\nmemory=${d.memoryMiB}\nvram=8\ncpus=${d.vcpus}\nVMState="${state}"\nVMStateChangeTime="${since(d.since)}"\n"SATA-0-0"="${d.disk.path}"\nmacaddress1="${d.mac.replace(/:/g, '').toUpperCase()}"\n`;
}
