import { FsError } from '../../fs/filesystem.ts';
import { dirname, resolvePath } from '../../fs/path.ts';
import type { Program, ProgramContext } from '../../shell/program.ts';
import { QCOW2_EMPTY_LENGTH, type VmEngine } from '../engine.ts';
import type { DomainRecord, ImageRecord } from '../state.ts';
import { blocks, hostPath, parseQemuSize, qemuSize } from './common.ts';

/** qemu writes a raw image's first block (so a later probe finds zeros, not a guessed format). */
const RAW_PROBE_BLOCK = 4096;
const HELP_HINT = "Try 'qemu-img --help' for more information\n";
const PREALLOC = ['off', 'metadata', 'falloc', 'full'] as const;

/** Bytes of qcow2 metadata (L1/L2 tables, refcounts) for an image of `virtual` bytes. */
function qcow2Metadata(virtual: number): number {
  const clusters = Math.ceil(virtual / 65_536);
  const l2 = Math.ceil((clusters * 8) / 65_536) * 65_536;
  return QCOW2_EMPTY_LENGTH + l2 + 65_536;
}

/** `qemu-img create|info|resize|convert|snapshot`: QEMU's disk image tool (8.2). */
export function qemuImgProgram(engine: VmEngine): Program {
  return async (ctx) => {
    const err = (text: string) => {
      ctx.stderr.write(`qemu-img: ${text}\n`);
      return 1;
    };
    const [command, ...args] = ctx.argv.slice(1);
    if (command === undefined) {
      ctx.stderr.write(`qemu-img: Not enough arguments\n${HELP_HINT}`);
      return 1;
    }
    if (command === '--version' || command === '-V') {
      ctx.stdout.write(
        'qemu-img version 8.2.2 (Debian 1:8.2.2+ds-0ubuntu1.4)\nCopyright (c) 2003-2023 Fabrice Bellard and the QEMU Project developers\n',
      );
      return 0;
    }
    if (command === 'create') return create(ctx, engine, args, err);
    if (command === 'info') return info(ctx, engine, args, err);
    if (command === 'resize') return resize(ctx, engine, args, err);
    if (command === 'convert') return convert(ctx, engine, args, err);
    if (command === 'snapshot') return snapshot(ctx, engine, args, err);
    ctx.stderr.write(`qemu-img: Command not found: ${command}\n${HELP_HINT}`);
    return 1;
  };
}

async function create(
  ctx: ProgramContext,
  engine: VmEngine,
  args: string[],
  err: (text: string) => number,
): Promise<number> {
  let format = 'raw';
  let prealloc: string = 'off';
  let backingFile: string | undefined;
  let backingFormat: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-f') format = args[++i] ?? '';
    else if (a === '-b') backingFile = args[++i] ?? '';
    else if (a === '-F') backingFormat = args[++i] ?? '';
    else if (a.startsWith('-f') && a.length > 2) format = a.slice(2);
    else if (a === '-o') {
      for (const opt of (args[++i] ?? '').split(',')) {
        const [key, value = ''] = opt.split('=');
        if (key === 'preallocation') prealloc = value;
        else if (key !== 'cluster_size' && key !== 'lazy_refcounts' && key !== 'compat')
          return err(`Invalid parameter '${key}'`);
      }
    } else if (a === '-q') continue;
    else if (a.startsWith('-')) {
      ctx.stderr.write(`qemu-img: invalid option -- '${a.slice(1, 2)}'\n${HELP_HINT}`);
      return 1;
    } else operands.push(a);
  }
  const [file, sizeText] = operands;
  if (file === undefined) {
    ctx.stderr.write(`qemu-img: Expecting image file name\n${HELP_HINT}`);
    return 1;
  }
  if (!isFormat(format)) return err(`${file}: Unknown file format '${format}'`);
  if (operands.length > 2) {
    ctx.stderr.write(`qemu-img: Unexpected argument: ${operands[2]}\n${HELP_HINT}`);
    return 1;
  }
  let backing: ImageRecord['backing'];
  let backingSize: number | undefined;
  if (backingFile !== undefined) {
    if (format !== 'qcow2') return err(`${file}: Backing file not supported for file format '${format}'`);
    if (backingFormat === undefined) return err(`${file}: Backing file specified without backing format`);
    // A relative backing file is found beside the overlay, as qemu resolves it.
    const base = engine.state.images[resolvePath(dirname(hostPath(ctx, file)), backingFile)];
    const node = ctx.fs.stat(resolvePath(dirname(hostPath(ctx, file)), backingFile));
    if (node?.type !== 'file') {
      ctx.stderr.write(
        `qemu-img: ${file}: Could not open '${backingFile}': No such file or directory\nCould not open backing image.\n`,
      );
      return 1;
    }
    backing = { file: backingFile, format: backingFormat };
    backingSize = base?.virtualBytes ?? node.size;
  }
  if (sizeText === undefined && backingSize === undefined)
    return err(`${file}: Image creation needs a size parameter`);
  const size = sizeText === undefined ? backingSize : parseQemuSize(sizeText);
  if (size === undefined) {
    ctx.stderr.write(
      'qemu-img: Invalid image size specified. You may use k, M, G, T, P or E suffixes for\nqemu-img: kilobytes, megabytes, gigabytes, terabytes, petabytes and exabytes.\n',
    );
    return 1;
  }
  const settings =
    format === 'qcow2'
      ? `fmt=qcow2 cluster_size=65536 extended_l2=off${prealloc === 'off' ? '' : ` preallocation=${prealloc}`} compression_type=zlib size=${size}${backing ? ` backing_file=${backing.file} backing_fmt=${backing.format}` : ''} lazy_refcounts=off refcount_bits=16`
      : `fmt=raw size=${size}${prealloc === 'off' ? '' : ` preallocation=${prealloc}`}`;
  if (!args.includes('-q')) ctx.stdout.write(`Formatting '${file}', ${settings}\n`);
  if (!(PREALLOC as readonly string[]).includes(prealloc))
    return err(`${file}: Parameter 'preallocation' does not accept value '${prealloc}'`);
  const path = hostPath(ctx, file);
  if (Object.values(engine.state.domains).some((d) => d.disk.path === path && d.power === 'running')) {
    return err(`${file}: Failed to get "write" lock\nIs another process using the image [${file}]?`);
  }
  const metadata = format === 'qcow2' ? qcow2Metadata(size) : 0;
  const bytes =
    prealloc === 'falloc' || prealloc === 'full'
      ? size + metadata
      : format === 'qcow2'
        ? prealloc === 'metadata'
          ? metadata
          : QCOW2_EMPTY_LENGTH
        : RAW_PROBE_BLOCK;
  const root = engine.host.disks().find((d) => d.mountpoint === '/');
  if (root && bytes > root.size - root.used) {
    return err(`${file}: Could not preallocate data for the new file: No space left on device`);
  }
  // Writing a big preallocated file takes real time.
  await ctx.sleep(20 + Math.round(bytes / 1_500_000_000) * 1000);
  try {
    writeImage(ctx, path, format, size, bytes);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    return err(`${file}: Could not create '${file}': ${error.message}`);
  }
  engine.state.images[path] = {
    format,
    virtualBytes: size,
    preallocation: prealloc as ImageRecord['preallocation'],
    created: ctx.now(),
    ...(backing ? { backing } : {}),
  };
  return 0;
}

function isFormat(format: string): format is 'qcow2' | 'raw' {
  return format === 'qcow2' || format === 'raw';
}

/**
 * Writes an image file holding `allocated` bytes: a raw image is as long as its virtual size but
 * sparse (`ls -l` shows the size, `du` the blocks written); a qcow2 file is only what it holds.
 */
function writeImage(
  ctx: ProgramContext,
  path: string,
  format: 'qcow2' | 'raw',
  virtual: number,
  allocated: number,
): void {
  if (format === 'raw') ctx.fs.writeBlob(path, Math.max(virtual, allocated), { actor: ctx.user, allocated });
  else ctx.fs.writeBlob(path, allocated, { actor: ctx.user });
}

async function info(
  ctx: ProgramContext,
  engine: VmEngine,
  args: string[],
  err: (text: string) => number,
): Promise<number> {
  const operands = args.filter((a) => !a.startsWith('-'));
  const output = args.find((a) => a.startsWith('--output='))?.slice('--output='.length) ?? 'human';
  if (output !== 'human' && output !== 'json') {
    ctx.stderr.write(`qemu-img: --output must be used with human or json as argument.\n${HELP_HINT}`);
    return 1;
  }
  const file = operands[0];
  if (file === undefined) {
    ctx.stderr.write(`qemu-img: Expecting one image file name\n${HELP_HINT}`);
    return 1;
  }
  const path = hostPath(ctx, file);
  const node = ctx.fs.stat(path);
  if (!node) return err(`Could not open '${file}': Could not open '${file}': No such file or directory`);
  if (node.type !== 'file') return err(`Could not open '${file}': '${file}' is a directory`);
  const domain = Object.values(engine.state.domains).find((d) => d.disk.path === path);
  if (
    domain &&
    engine.domains().includes(domain) &&
    domain.power === 'running' &&
    !args.includes('-U') &&
    !args.includes('--force-share')
  ) {
    return err(
      `Could not open '${file}': Failed to get shared "write" lock\nIs another process using the image [${file}]?`,
    );
  }
  const image = engine.state.images[path];
  const format = image?.format ?? 'raw';
  const length = domain ? engine.diskAllocated(domain) : node.size;
  const allocated = domain ? blocks(length) : blocksOf(node);
  const virtual = image?.virtualBytes ?? node.size;
  if (output === 'json') {
    ctx.stdout.write(infoJson(file, format, virtual, allocated, image?.backing));
    return 0;
  }
  let out = `image: ${file}\nfile format: ${format}\nvirtual size: ${qemuSize(virtual)} (${virtual} bytes)\ndisk size: ${qemuSize(allocated)}\n`;
  if (format === 'qcow2') {
    out += 'cluster_size: 65536\n';
    if (image?.backing)
      out += `backing file: ${image.backing.file}\nbacking file format: ${image.backing.format}\n`;
    const rows = snapshotRows(domain, image);
    if (rows.length > 0) out += snapshotTable(rows);
    out +=
      'Format specific information:\n    compat: 1.1\n    compression type: zlib\n    lazy refcounts: false\n    refcount bits: 16\n    corrupt: false\n    extended l2: false\n';
  }
  out += `Child node '/file':\n    filename: ${file}\n    protocol type: file\n    file length: ${qemuSize(length)} (${length} bytes)\n    disk size: ${qemuSize(allocated)}\n`;
  ctx.stdout.write(out);
  return 0;
}

/** Bytes a file occupies: whole 4 KiB blocks of what was written (a sparse file's holes are free). */
function blocksOf(node: { size: number; allocated?: number }): number {
  return blocks(node.allocated ?? node.size);
}

/** `qemu-img info --output=json`, with its keys in QEMU's order. */
function infoJson(
  file: string,
  format: string,
  virtual: number,
  allocated: number,
  backing: ImageRecord['backing'],
): string {
  const info: Record<string, unknown> = { 'virtual-size': virtual, filename: file };
  if (format === 'qcow2') info['cluster-size'] = 65_536;
  info.format = format;
  info['actual-size'] = allocated;
  if (backing) {
    info['backing-filename'] = backing.file;
    info['full-backing-filename'] = backing.file;
    info['backing-filename-format'] = backing.format;
  }
  if (format === 'qcow2')
    info['format-specific'] = {
      type: 'qcow2',
      data: {
        compat: '1.1',
        'compression-type': 'zlib',
        'lazy-refcounts': false,
        'refcount-bits': 16,
        corrupt: false,
        'extended-l2': false,
      },
    };
  info['dirty-flag'] = false;
  return `${JSON.stringify(info, null, 4)}\n`;
}

interface SnapshotRow {
  id: number;
  name: string;
  vmBytes: number;
  created: number;
  /** Guest clock when taken, in milliseconds since boot. */
  clock: number;
}

/** The internal snapshots an image holds: its domain's (libvirt's) and those qemu-img took. */
function snapshotRows(domain: DomainRecord | undefined, image: ImageRecord | undefined): SnapshotRow[] {
  const rows: SnapshotRow[] = (domain?.snapshots ?? []).map((s, i) => ({
    id: i + 1,
    name: s.name,
    vmBytes: s.state === 'running' ? s.bytes : 0,
    created: s.created,
    clock: s.boot ? s.created - s.boot.start : 0,
  }));
  for (const s of image?.snapshots ?? [])
    rows.push({ id: s.id, name: s.name, vmBytes: 0, created: s.created, clock: 0 });
  return rows;
}

/** The `Snapshot list:` table of `qemu-img info` and `qemu-img snapshot -l`. */
function snapshotTable(rows: SnapshotRow[]): string {
  let out =
    'Snapshot list:\nID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT\n';
  for (const row of rows) {
    const date = new Date(row.created).toISOString().replace('T', ' ').slice(0, 19);
    out += `${String(row.id).padEnd(10)}${row.name.padEnd(18)}${qemuSize(row.vmBytes).padStart(7)} ${date} ${clockText(row.clock)}           0\n`;
  }
  return out;
}

/** `HHHH:MM:SS.mmm`, the guest clock column of a snapshot list. */
function clockText(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${String(h).padStart(4, '0')}:${String(m).padStart(2, '0')}:${s}`;
}

async function resize(
  ctx: ProgramContext,
  engine: VmEngine,
  args: string[],
  err: (text: string) => number,
): Promise<number> {
  const operands = args.filter((a) => !a.startsWith('-f') && a !== 'qcow2' && a !== 'raw');
  const [file, sizeText] = operands;
  if (file === undefined || sizeText === undefined) {
    ctx.stderr.write(`qemu-img: Expecting image file name and size\n${HELP_HINT}`);
    return 1;
  }
  const path = hostPath(ctx, file);
  const node = ctx.fs.stat(path);
  if (node?.type !== 'file')
    return err(`Could not open '${file}': Could not open '${file}': No such file or directory`);
  const image = engine.state.images[path];
  const domain = Object.values(engine.state.domains).find((d) => d.disk.path === path);
  if (domain?.power === 'running')
    return err(
      `Could not open '${file}': Failed to get "write" lock\nIs another process using the image [${file}]?`,
    );
  const current = image?.virtualBytes ?? node.size;
  const relative = /^[+-]/.test(sizeText);
  const amount = parseQemuSize(relative ? sizeText.slice(1) : sizeText);
  if (amount === undefined)
    return err('Invalid image size specified. Must be between 0 and 9223372036854775807.');
  const next = relative ? (sizeText.startsWith('-') ? current - amount : current + amount) : amount;
  if (next < current && !args.includes('--shrink')) {
    ctx.stderr.write(
      "qemu-img: Use the --shrink option to perform a shrink operation.\nqemu-img: warning: Shrinking an image will delete all data beyond the shrunken image's end. Before performing such an operation, make sure there is no important data there.\n",
    );
    return 1;
  }
  if (image) image.virtualBytes = next;
  else
    engine.state.images[path] = {
      format: 'raw',
      virtualBytes: next,
      preallocation: 'off',
      created: ctx.now(),
    };
  if (domain) domain.disk.virtualBytes = next;
  ctx.stdout.write('Image resized.\n');
  return 0;
}

/** The image at `path` as qemu-img sees it: its record, the domain using it, and its bytes. */
function openImage(engine: VmEngine, ctx: ProgramContext, path: string) {
  const node = ctx.fs.stat(path);
  if (node?.type !== 'file') return undefined;
  const image = engine.state.images[path];
  const domain = Object.values(engine.state.domains).find(
    (d) => d.disk.path === path && engine.domains().includes(d),
  );
  const format = image?.format ?? 'raw';
  const allocated = domain ? engine.diskAllocated(domain) : (node.allocated ?? node.size);
  return { node, image, domain, format, allocated, virtual: image?.virtualBytes ?? node.size };
}

const lockError = (file: string, shared: string) =>
  `Could not open '${file}': Failed to get ${shared}"write" lock\nIs another process using the image [${file}]?`;

async function convert(
  ctx: ProgramContext,
  engine: VmEngine,
  args: string[],
  err: (text: string) => number,
): Promise<number> {
  let outFormat = 'raw';
  let inFormat: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-O') outFormat = args[++i] ?? '';
    else if (a === '-f') inFormat = args[++i] ?? '';
    else if (a === '-o') i++;
    else if (a === '-p' || a === '-q' || a === '-c' || a === '-U') continue;
    else if (a.startsWith('-')) {
      ctx.stderr.write(`qemu-img: invalid option -- '${a.slice(1, 2)}'\n${HELP_HINT}`);
      return 1;
    } else operands.push(a);
  }
  if (!isFormat(outFormat)) return err(`Unknown file format '${outFormat}'`);
  if (inFormat !== undefined && !isFormat(inFormat)) return err(`Unknown file format '${inFormat}'`);
  if (operands.length < 2) return err('Must specify image file name');
  const target = operands.pop() as string;
  let virtual = 0;
  let data = 0;
  for (const file of operands) {
    const source = openImage(engine, ctx, hostPath(ctx, file));
    if (!source) return err(`Could not open '${file}': Could not open '${file}': No such file or directory`);
    if (source.domain?.power === 'running' && !args.includes('-U')) return err(lockError(file, 'shared '));
    virtual += source.virtual;
    data += Math.max(0, source.allocated - (source.format === 'qcow2' ? QCOW2_EMPTY_LENGTH : 0));
  }
  const path = hostPath(ctx, target);
  const bytes = outFormat === 'qcow2' ? QCOW2_EMPTY_LENGTH + data : data;
  // Copying the data takes time: about a gigabyte a second.
  await ctx.sleep(20 + Math.round(data / 1_000_000));
  try {
    writeImage(ctx, path, outFormat, virtual, bytes);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    return err(`Could not create '${target}': ${error.message}`);
  }
  engine.state.images[path] = {
    format: outFormat,
    virtualBytes: virtual,
    preallocation: 'off',
    created: ctx.now(),
  };
  return 0;
}

/** `qemu-img snapshot -c|-l|-a|-d`: a qcow2 image's internal snapshots. */
async function snapshot(
  ctx: ProgramContext,
  engine: VmEngine,
  args: string[],
  err: (text: string) => number,
): Promise<number> {
  let action: { kind: 'c' | 'a' | 'd'; name: string } | 'l' | undefined;
  let givenFormat: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-l') action = 'l';
    else if (a === '-c' || a === '-a' || a === '-d') {
      const name = args[++i];
      if (name === undefined) {
        ctx.stderr.write(`qemu-img: option requires an argument -- '${a.slice(1)}'\n${HELP_HINT}`);
        return 1;
      }
      action = { kind: a.slice(1) as 'c' | 'a' | 'd', name };
    } else if (a === '-f') givenFormat = args[++i] ?? '';
    else if (a === '-q' || a === '-U') continue;
    else if (a.startsWith('-')) {
      ctx.stderr.write(`qemu-img: invalid option -- '${a.slice(1, 2)}'\n${HELP_HINT}`);
      return 1;
    } else operands.push(a);
  }
  const file = operands[0];
  if (file === undefined) {
    ctx.stderr.write(`qemu-img: Expecting one image file name\n${HELP_HINT}`);
    return 1;
  }
  const path = hostPath(ctx, file);
  const opened = openImage(engine, ctx, path);
  if (!opened) return err(`Could not open '${file}': Could not open '${file}': No such file or directory`);
  if (opened.domain?.power === 'running' && !(action === 'l' && args.includes('-U')))
    return err(lockError(file, action === 'l' ? 'shared ' : ''));
  if (opened.format === 'raw' && givenFormat === undefined)
    ctx.stderr.write(
      `WARNING: Image format was not specified for '${file}' and probing guessed raw.\n         Automatically detecting the format is dangerous for raw images, write operations on block 0 will be restricted.\n         Specify the 'raw' format explicitly to remove the restrictions.\n`,
    );
  if (action === undefined) return 0;
  if (action === 'l') {
    if (opened.format !== 'qcow2') return 0;
    const rows = snapshotRows(opened.domain, opened.image);
    if (rows.length > 0) ctx.stdout.write(snapshotTable(rows));
    return 0;
  }
  const { kind, name } = action;
  if (opened.format !== 'qcow2') {
    const verb = kind === 'c' ? 'create' : kind === 'a' ? 'apply' : 'delete';
    return err(`Could not ${verb} snapshot '${name}': -95 (Operation not supported)`);
  }
  const image: ImageRecord = opened.image ?? {
    format: 'qcow2',
    virtualBytes: opened.virtual,
    preallocation: 'off',
    created: ctx.now(),
  };
  engine.state.images[path] = image;
  const own = image.snapshots ?? [];
  const found = own.find((s) => s.name === name || String(s.id) === name);
  if (kind === 'c') {
    const taken = snapshotRows(opened.domain, image).map((r) => r.id);
    image.snapshots = [...own, { id: Math.max(0, ...taken) + 1, name, created: ctx.now() }];
    return 0;
  }
  if (kind === 'a') {
    return found
      ? 0
      : err(`Could not apply snapshot '${name}': Failed to load snapshot: No such file or directory`);
  }
  if (!found) return err(`Could not delete snapshot '${name}': snapshot not found`);
  image.snapshots = own.filter((s) => s !== found);
  return 0;
}
