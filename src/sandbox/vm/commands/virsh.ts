import type { Program, ProgramContext } from '../../shell/program.ts';
import { initStart, kernelStart } from '../boot.ts';
import type { VmEngine } from '../engine.ts';
import { guestMemTotal, upperBytes } from '../guest-system.ts';
import type { DomainRecord, SnapshotRecord, StateReason } from '../state.ts';
import { followConsole, localTime } from './common.ts';

/** What one virsh command accepts: positional option names in order, flags and valued options. */
interface CommandSpec {
  positional: string[];
  required: string[];
  bools?: string[];
  values?: string[];
}

const SPECS: Record<string, CommandSpec> = {
  list: {
    positional: [],
    required: [],
    bools: [
      'all',
      'inactive',
      'name',
      'uuid',
      'id',
      'state-running',
      'state-paused',
      'state-shutoff',
      'persistent',
      'transient',
      'table',
      'title',
    ],
  },
  start: {
    positional: ['domain'],
    required: ['domain'],
    bools: ['console', 'paused', 'autodestroy', 'force-boot'],
  },
  shutdown: { positional: ['domain'], required: ['domain'], values: ['mode'] },
  reboot: { positional: ['domain'], required: ['domain'], values: ['mode'] },
  destroy: { positional: ['domain'], required: ['domain'], bools: ['graceful'] },
  suspend: { positional: ['domain'], required: ['domain'] },
  resume: { positional: ['domain'], required: ['domain'] },
  undefine: {
    positional: ['domain'],
    required: ['domain'],
    bools: [
      'remove-all-storage',
      'snapshots-metadata',
      'nvram',
      'keep-nvram',
      'managed-save',
      'wipe-storage',
    ],
    values: ['storage'],
  },
  dominfo: { positional: ['domain'], required: ['domain'] },
  domstate: { positional: ['domain'], required: ['domain'], bools: ['reason'] },
  domstats: {
    positional: ['domain'],
    required: [],
    bools: ['state', 'cpu-total', 'balloon', 'vcpu', 'interface', 'block', 'list-active', 'list-inactive'],
  },
  console: { positional: ['domain'], required: ['domain'], bools: ['force', 'safe'], values: ['devname'] },
  'snapshot-create-as': {
    positional: ['domain', 'name', 'description'],
    required: ['domain'],
    bools: ['atomic', 'disk-only', 'live'],
    values: ['memspec', 'diskspec'],
  },
  'snapshot-list': {
    positional: ['domain'],
    required: ['domain'],
    bools: ['parent', 'roots', 'leaves', 'name', 'tree', 'current', 'internal'],
  },
  'snapshot-revert': {
    positional: ['domain', 'snapshotname'],
    required: ['domain'],
    bools: ['current', 'running', 'paused', 'force'],
  },
  'snapshot-delete': {
    positional: ['domain', 'snapshotname'],
    required: ['domain'],
    bools: ['current', 'children', 'metadata'],
  },
  autostart: { positional: ['domain'], required: ['domain'], bools: ['disable'] },
  domifaddr: {
    positional: ['domain', 'interface'],
    required: ['domain'],
    bools: ['full'],
    values: ['source'],
  },
  'net-list': {
    positional: [],
    required: [],
    bools: ['all', 'inactive', 'name', 'uuid', 'persistent', 'autostart'],
  },
  'net-info': { positional: ['network'], required: ['network'] },
  'net-dhcp-leases': { positional: ['network', 'mac'], required: ['network'] },
  uri: { positional: [], required: [] },
  hostname: { positional: [], required: [] },
  version: { positional: [], required: [], bools: ['daemon'] },
};

type Parsed = { opts: Record<string, string | true> } | { error: string };

/** virsh's option parser: `--opt value`, `--opt=value`, and positional values filling options in order. */
function parseCommand(name: string, spec: CommandSpec, args: string[]): Parsed {
  const opts: Record<string, string | true> = {};
  const bools = new Set(spec.bools ?? []);
  const values = new Set([...(spec.values ?? []), ...spec.positional]);
  let nextPositional = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const key = arg.slice(2, eq === -1 ? undefined : eq);
      if (bools.has(key)) {
        opts[key] = true;
        continue;
      }
      if (!values.has(key)) return { error: `command '${name}' doesn't support option --${key}` };
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) return { error: `expected syntax: --${key} <string>` };
      opts[key] = value;
      continue;
    }
    while (
      nextPositional < spec.positional.length &&
      opts[spec.positional[nextPositional] as string] !== undefined
    )
      nextPositional++;
    const key = spec.positional[nextPositional++];
    if (!key) return { error: `unexpected data '${arg}'` };
    opts[key] = arg;
  }
  for (const key of spec.required) {
    if (opts[key] === undefined) return { error: `command '${name}' requires <${key}> option` };
  }
  return { opts };
}

/** libvirt's vshTable: one space before every cell, columns 3 apart, dashes under the header. */
export function vshTable(header: string[], rows: string[][], quiet = false): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `${cells.map((c, i) => ` ${i === cells.length - 1 ? c : c.padEnd((widths[i] as number) + 2)}`).join('')}\n`;
  let out = '';
  if (!quiet) out += `${line(header)}${widths.map((w) => '-'.repeat(w + 3)).join('')}\n`;
  for (const r of rows) out += line(r);
  return out;
}

const RUNNING_REASON: Partial<Record<StateReason, number>> = { booted: 1, 'from snapshot': 4, unknown: 0 };
const SHUTOFF_REASON: Partial<Record<StateReason, number>> = {
  unknown: 0,
  shutdown: 1,
  destroyed: 2,
  crashed: 3,
  saved: 5,
  'from snapshot': 7,
};

/** `virsh`: libvirt's command-line client, connected to qemu:///system. */
export function virshProgram(engine: VmEngine): Program {
  return async (ctx) => {
    const out = (text: string) => ctx.stdout.write(text);
    const err = (text: string) => ctx.stderr.write(text);
    const args = ctx.argv.slice(1);
    let quiet = false;
    let uri = 'qemu:///system';
    while (args[0]?.startsWith('-')) {
      const a = args.shift() as string;
      if (a === '-q' || a === '--quiet') quiet = true;
      else if (a === '-c' || a === '--connect') uri = args.shift() ?? '';
      else if (a.startsWith('--connect=')) uri = a.slice(10);
      else if (a === '-r' || a === '--readonly') continue;
      else if (a === '-v' || a === '--version') {
        out('10.0.0\n');
        return 0;
      } else {
        err(`error: unsupported option '${a}'. See --help.\n`);
        return 1;
      }
    }
    const blank = () => {
      if (!quiet) out('\n');
    };
    if (uri !== 'qemu:///system' && uri !== 'qemu:///session') {
      err(`error: failed to connect to the hypervisor\nerror: no connection driver available for ${uri}\n`);
      return 1;
    }
    const session = uri === 'qemu:///session';
    const command = args.shift();
    if (command === undefined) {
      out(
        "Welcome to virsh, the virtualization interactive terminal.\n\nType:  'help' for help with commands\n       'quit' to quit\n\nvirsh # \n",
      );
      return 0;
    }
    const spec = SPECS[command];
    if (!spec) {
      err(`error: unknown command: '${command}'\n`);
      return 1;
    }
    const parsed = parseCommand(command, spec, args);
    if ('error' in parsed) {
      err(`error: ${parsed.error}\n`);
      blank();
      return 1;
    }
    const opts = parsed.opts;
    const fail = (...lines: string[]) => {
      for (const line of lines) err(`error: ${line}\n`);
      blank();
      return 1;
    };
    const domains = () => (session ? [] : engine.domains('kvm'));
    const lookup = (key: string) => (session ? undefined : engine.find(key, 'kvm'));
    const domainArg = String(opts.domain ?? '');
    let d: DomainRecord | undefined;
    if (spec.required.includes('domain')) {
      d = lookup(domainArg);
      if (!d) return fail(`failed to get domain '${domainArg}'`);
    }
    const dom = d as DomainRecord;
    // libvirt's one network here: `default`, the NAT bridge virbr0 that every guest joins.
    if (spec.required.includes('network') && (session || opts.network !== 'default'))
      return fail(
        `failed to get network '${opts.network}'`,
        `Network not found: no network with matching name '${opts.network}'`,
      );
    const notRunning = 'Requested operation is not valid: domain is not running';

    switch (command) {
      case 'uri':
        out(`${uri}\n`);
        blank();
        return 0;
      case 'hostname':
        out(`${engine.host.hostname}\n`);
        blank();
        return 0;
      case 'version':
        out(
          'Compiled against library: libvirt 10.0.0\nUsing library: libvirt 10.0.0\nUsing API: QEMU 10.0.0\nRunning hypervisor: QEMU 8.2.2\n',
        );
        if (opts.daemon) out('Running against daemon: 10.0.0\n');
        blank();
        return 0;
      case 'list':
        out(listDomains(domains(), opts, quiet));
        blank();
        return 0;
      case 'start': {
        if (dom.power === 'running') return fail('Domain is already active');
        const at = ctx.now();
        const started = engine.start(dom);
        if (!started.ok)
          return fail(`Failed to start domain '${domainArg}'`, startError(ctx, dom, started.error));
        engine.syncDisk(dom);
        out(`Domain '${domainArg}' started\n`);
        if (opts.console) {
          out(`Connected to domain '${dom.name}'\nEscape character is ^] (Ctrl + ])\n`);
          await followConsole(ctx, engine, dom, at);
          return 0;
        }
        blank();
        return 0;
      }
      case 'shutdown':
        if (!engine.shutdown(dom)) return fail(`Failed to shutdown domain '${domainArg}'`, notRunning);
        out(`Domain '${domainArg}' is being shutdown\n`);
        blank();
        return 0;
      case 'reboot':
        if (!engine.shutdown(dom, true)) return fail(`Failed to reboot domain '${domainArg}'`, notRunning);
        out(`Domain '${domainArg}' is being rebooted\n`);
        blank();
        return 0;
      case 'suspend':
        if (!engine.suspend(dom)) return fail(`Failed to suspend domain '${domainArg}'`, notRunning);
        out(`Domain '${domainArg}' suspended\n`);
        blank();
        return 0;
      case 'resume':
        if (!engine.resume(dom)) return fail(`Failed to resume domain '${domainArg}'`, notRunning);
        out(`Domain '${domainArg}' resumed\n`);
        blank();
        return 0;
      case 'destroy':
        if (!engine.destroy(dom)) return fail(`Failed to destroy domain '${domainArg}'`, notRunning);
        out(`Domain '${domainArg}' destroyed\n`);
        blank();
        return 0;
      case 'undefine': {
        if (dom.snapshots.length > 0 && !opts['snapshots-metadata']) {
          return fail(
            `Failed to undefine domain '${domainArg}'`,
            `Requested operation is not valid: cannot delete inactive domain with ${dom.snapshots.length} snapshots`,
          );
        }
        const removed = engine.undefine(dom, Boolean(opts['remove-all-storage']));
        out(`Domain '${domainArg}' has been undefined\n`);
        for (const path of removed) out(`Volume 'vda'(${path}) removed.\n`);
        blank();
        return 0;
      }
      case 'autostart':
        dom.autostart = !opts.disable;
        out(`Domain '${domainArg}' ${opts.disable ? 'unmarked' : 'marked'} as autostarted\n`);
        blank();
        return 0;
      case 'domifaddr':
        if (dom.power !== 'running') return fail(`Failed to query for interfaces addresses`, notRunning);
        // Printed with virsh's fixed printf widths (virsh-domain-monitor.c), not its table code.
        out(
          ` ${'Name'.padEnd(10)} ${'MAC address'.padEnd(20)} ${'Protocol'.padEnd(8)}     Address\n${'-'.repeat(79)}\n`,
        );
        if (engine.sshReady(dom))
          out(` ${'vnet0'.padEnd(10)} ${dom.mac.padEnd(17)}    ${'ipv4'.padEnd(12)} ${dom.ip}/24\n`);
        blank();
        return 0;
      case 'net-list':
        out(
          vshTable(
            ['Name', 'State', 'Autostart', 'Persistent'],
            opts.inactive || session ? [] : [['default', 'active', 'yes', 'yes']],
          ),
        );
        blank();
        return 0;
      case 'net-info':
        out(
          'Name:           default\nUUID:           7ce3d1a9-2a5c-4a30-9c7b-0e7d6f8b1c42\nActive:         yes\nPersistent:     yes\nAutostart:      yes\nBridge:         virbr0\n',
        );
        blank();
        return 0;
      case 'net-dhcp-leases':
        out(
          vshTable(
            ['Expiry Time', 'MAC address', 'Protocol', 'IP address', 'Hostname', 'Client ID or DUID'],
            domains()
              .filter((x) => x.power === 'running' && engine.sshReady(x))
              .map((x) => [
                localTime(x.since + 3_600_000).slice(0, 19),
                x.mac,
                'ipv4',
                `${x.ip}/24`,
                x.guest.hostname,
                `01:${x.mac}`,
              ]),
          ),
        );
        blank();
        return 0;
      case 'dominfo':
        out(dominfo(engine, dom));
        blank();
        return 0;
      case 'domstate': {
        const state = stateName(dom);
        const reason = dom.pausedAt !== undefined ? 'user' : dom.reason;
        out(opts.reason ? `${state} (${reason})\n` : `${state}\n`);
        blank();
        return 0;
      }
      case 'domstats': {
        const list = opts.domain ? [lookup(domainArg)] : domains();
        if (list.some((x) => !x)) return fail(`failed to get domain '${domainArg}'`);
        out((list as DomainRecord[]).map((x) => domstats(engine, x)).join('\n'));
        blank();
        return 0;
      }
      case 'console':
        if (dom.power !== 'running') return fail('The domain is not running');
        out(`Connected to domain '${dom.name}'\nEscape character is ^] (Ctrl + ])\n`);
        await followConsole(ctx, engine, dom, ctx.now());
        return 0;
      case 'snapshot-create-as': {
        const name = typeof opts.name === 'string' ? opts.name : String(Math.floor(ctx.now() / 1000));
        if (dom.snapshots.some((s) => s.name === name))
          return fail(`operation failed: domain moment ${name} already exists`);
        // A live snapshot writes the guest's RAM into the image: it takes a moment.
        await ctx.sleep(dom.power === 'running' ? 1_800 : 300);
        engine.snapshotCreate(dom, name, typeof opts.description === 'string' ? opts.description : '');
        engine.syncDisk(dom);
        out(`Domain snapshot ${name} created\n`);
        return 0;
      }
      case 'snapshot-list':
        out(
          vshTable(
            ['Name', 'Creation Time', 'State'],
            dom.snapshots.map((s) => [s.name, localTime(s.created), s.state]),
            quiet,
          ),
        );
        blank();
        return 0;
      case 'snapshot-revert': {
        const snap = findSnapshot(dom, opts);
        if (!snap) {
          if (opts.current || typeof opts.snapshotname !== 'string')
            return fail('Domain snapshot not found: the domain does not have a current snapshot');
          return fail(
            `Domain snapshot not found: no domain snapshot with matching name '${opts.snapshotname}'`,
          );
        }
        await ctx.sleep(snap.state === 'running' ? 1_200 : 200);
        const result = engine.snapshotRevert(dom, snap);
        if (!result.ok)
          return fail(`Failed to revert snapshot ${snap.name}`, startError(ctx, dom, result.error));
        engine.syncDisk(dom);
        out(`Domain snapshot ${snap.name} reverted\n`);
        blank();
        return 0;
      }
      case 'snapshot-delete': {
        const snap = findSnapshot(dom, opts);
        if (!snap)
          return fail(
            `Domain snapshot not found: no domain snapshot with matching name '${String(opts.snapshotname ?? '')}'`,
          );
        engine.snapshotDelete(dom, snap);
        engine.syncDisk(dom);
        out(`Domain snapshot ${snap.name} deleted\n`);
        blank();
        return 0;
      }
      default:
        return fail(`unknown command: '${command}'`);
    }
  };
}

function findSnapshot(d: DomainRecord, opts: Record<string, string | true>): SnapshotRecord | undefined {
  if (opts.current) return d.snapshots.find((s) => s.name === d.currentSnapshot);
  return d.snapshots.find((s) => s.name === opts.snapshotname);
}

/** The libvirt error for a start that failed. */
function startError(ctx: ProgramContext, d: DomainRecord, error: 'active' | 'memory' | 'storage'): string {
  if (error === 'active') return 'Requested operation is not valid: domain is already running';
  if (error === 'storage')
    return `Cannot access storage file '${d.disk.path}' (as uid:64055, gid:993): No such file or directory`;
  // QEMU stamps its log with microseconds.
  const stamp = `${new Date(ctx.now()).toISOString().slice(0, 23)}318Z`;
  return `internal error: process exited while connecting to monitor: ${stamp} qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory`;
}

/** A domain's state as virsh words it: an active domain whose CPUs are stopped is `paused`. */
function stateName(d: DomainRecord): 'running' | 'paused' | 'shut off' {
  if (d.power !== 'running') return 'shut off';
  return d.pausedAt === undefined ? 'running' : 'paused';
}

function listDomains(all: DomainRecord[], opts: Record<string, string | true>, quiet: boolean): string {
  let list = all;
  if (opts.inactive) list = list.filter((d) => d.power !== 'running');
  else if (opts['state-shutoff']) list = list.filter((d) => d.power !== 'running');
  else if (opts['state-paused']) list = list.filter((d) => stateName(d) === 'paused');
  else if (opts['state-running']) list = list.filter((d) => stateName(d) === 'running');
  else if (!opts.all) list = list.filter((d) => d.power === 'running');
  const running = list.filter((d) => d.power === 'running').sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const inactive = list
    .filter((d) => d.power !== 'running')
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  const sorted = [...running, ...inactive];
  if (opts.name) return sorted.map((d) => `${d.name}\n`).join('');
  if (opts.uuid && !opts.table) return sorted.map((d) => `${d.uuid}\n`).join('');
  if (opts.id) return running.map((d) => `${d.id}\n`).join('');
  return vshTable(
    ['Id', 'Name', 'State'],
    sorted.map((d) => [d.id === null ? '-' : String(d.id), d.name, stateName(d)]),
    quiet,
  );
}

function dominfo(engine: VmEngine, d: DomainRecord): string {
  const running = d.power === 'running';
  const row = (label: string, value: string) => `${label.padEnd(15)} ${value}\n`;
  const kib = `${d.memoryMiB * 1024} KiB`;
  let out =
    row('Id:', d.id === null ? '-' : String(d.id)) +
    row('Name:', d.name) +
    row('UUID:', d.uuid) +
    row('OS Type:', 'hvm') +
    row('State:', stateName(d)) +
    row('CPU(s):', String(d.vcpus));
  const cpu = engine.cpuTimeMs(d);
  if (running && cpu > 0) out += row('CPU time:', `${(cpu / 1000).toFixed(1)}s`);
  out +=
    row('Max memory:', kib) +
    row('Used memory:', kib) +
    row('Persistent:', d.persistent ? 'yes' : 'no') +
    row('Autostart:', d.autostart ? 'enable' : 'disable') +
    row('Managed save:', 'no') +
    row('Security model:', 'apparmor') +
    row('Security DOI:', '0');
  if (running) out += row('Security label:', `libvirt-${d.uuid} (enforcing)`);
  return out;
}

/** `virsh domstats` for one domain: CPU time in ns, balloon in KiB, the disk's allocation in bytes. */
function domstats(engine: VmEngine, d: DomainRecord): string {
  const running = d.power === 'running';
  const lines = [`Domain: '${d.name}'`];
  const stat = (key: string, value: string | number) => lines.push(`  ${key}=${value}`);
  // virDomainState: 1 running, 3 paused (reason 1, by the user), 5 shut off.
  const paused = d.pausedAt !== undefined;
  stat('state.state', paused ? 3 : running ? 1 : 5);
  stat('state.reason', (paused ? 1 : running ? RUNNING_REASON[d.reason] : SHUTOFF_REASON[d.reason]) ?? 0);
  const allocation = engine.diskAllocated(d);
  if (running && d.boot) {
    const cpuNs = Math.round(engine.cpuTimeMs(d) * 1e6);
    stat('cpu.time', cpuNs);
    stat('cpu.user', Math.round((cpuNs * 0.18) / 1e7) * 1e7);
    stat('cpu.system', Math.round((cpuNs * 0.06) / 1e7) * 1e7);
    const kib = d.memoryMiB * 1024;
    stat('balloon.current', kib);
    stat('balloon.maximum', kib);
    stat('balloon.swap_in', 0);
    stat('balloon.swap_out', 0);
    stat('balloon.available', Math.round(guestMemTotal(d.memoryMiB) / 1024));
    stat('balloon.rss', Math.round(engine.reservedBytes(d) / 1024));
    stat('vcpu.current', d.vcpus);
    stat('vcpu.maximum', d.vcpus);
    for (let i = 0; i < d.vcpus; i++) {
      stat(`vcpu.${i}.state`, 1);
      stat(`vcpu.${i}.time`, Math.round(cpuNs / d.vcpus / 1e7) * 1e7);
      stat(`vcpu.${i}.wait`, 0);
    }
    const up = Math.max(0, engine.now() - kernelStart(d.boot));
    const booted = engine.now() >= initStart(d.boot);
    stat('net.count', 1);
    stat('net.0.name', `vnet${(d.id ?? 1) - 1}`);
    stat('net.0.rx.bytes', booted ? 2_058 + Math.round(up / 10) : 0);
    stat('net.0.rx.pkts', booted ? 39 + Math.round(up / 2_000) : 0);
    stat('net.0.tx.bytes', booted ? 1_806 + Math.round(up / 14) : 0);
    stat('net.0.tx.pkts', booted ? 21 + Math.round(up / 2_500) : 0);
    stat('block.count', 1);
    stat('block.0.name', 'vda');
    stat('block.0.path', d.disk.path);
    stat('block.0.rd.reqs', booted ? 7_912 : 3);
    stat('block.0.rd.bytes', booted ? 231_745_536 : 4_096);
    stat('block.0.wr.reqs', booted ? 1_204 + Math.round(upperBytes(d) / 65_536) : 0);
    stat('block.0.wr.bytes', booted ? 49_532_928 + upperBytes(d) : 0);
  } else {
    stat('block.count', 1);
    stat('block.0.name', 'vda');
    stat('block.0.path', d.disk.path);
  }
  stat('block.0.allocation', allocation);
  stat('block.0.capacity', d.disk.virtualBytes);
  stat('block.0.physical', allocation);
  return `${lines.join('\n')}\n`;
}
