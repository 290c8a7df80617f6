import { FsError } from '../../fs/filesystem.ts';
import type { Program, ProgramContext } from '../../shell/program.ts';
import { QCOW2_EMPTY_LENGTH, type VmEngine } from '../engine.ts';
import type { ImageRecord } from '../state.ts';
import { blocks, hostPath, parseQemuSize, qemuSize } from './common.ts';

const HELP_HINT = "Try 'qemu-img --help' for more information\n";
const PREALLOC = ['off', 'metadata', 'falloc', 'full'] as const;

/** Bytes of qcow2 metadata (L1/L2 tables, refcounts) for an image of `virtual` bytes. */
function qcow2Metadata(virtual: number): number {
  const clusters = Math.ceil(virtual / 65_536);
  const l2 = Math.ceil((clusters * 8) / 65_536) * 65_536;
  return QCOW2_EMPTY_LENGTH + l2 + 65_536;
}

/** `qemu-img create|info|resize`: QEMU's disk image tool (8.2). */
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
    return err(`Command not found: ${command}`);
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
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-f') format = args[++i] ?? '';
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
  if (format !== 'qcow2' && format !== 'raw') return err(`Unknown file format '${format}'`);
  const [file, sizeText] = operands;
  if (file === undefined) {
    ctx.stderr.write(`qemu-img: Expecting image file name\n${HELP_HINT}`);
    return 1;
  }
  if (operands.length > 2) {
    ctx.stderr.write(`qemu-img: Unexpected argument: ${operands[2]}\n${HELP_HINT}`);
    return 1;
  }
  if (sizeText === undefined) return err(`${file}: Image creation needs a size parameter`);
  const size = parseQemuSize(sizeText);
  if (size === undefined) {
    ctx.stderr.write(
      'qemu-img: Invalid image size specified. You may use k, M, G, T, P or E suffixes for\nqemu-img: kilobytes, megabytes, gigabytes, terabytes, petabytes and exabytes.\n',
    );
    return 1;
  }
  const settings =
    format === 'qcow2'
      ? `fmt=qcow2 cluster_size=65536 extended_l2=off${prealloc === 'off' ? '' : ` preallocation=${prealloc}`} compression_type=zlib size=${size} lazy_refcounts=off refcount_bits=16`
      : `fmt=raw size=${size}${prealloc === 'off' ? '' : ` preallocation=${prealloc}`}`;
  ctx.stdout.write(`Formatting '${file}', ${settings}\n`);
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
        : 0;
  const root = engine.host.disks().find((d) => d.mountpoint === '/');
  if (root && bytes > root.size - root.used) {
    return err(`${file}: Could not preallocate data for the new file: No space left on device`);
  }
  // Writing a big preallocated file takes real time.
  await ctx.sleep(20 + Math.round(bytes / 1_500_000_000) * 1000);
  try {
    ctx.fs.writeBlob(path, bytes, { actor: ctx.user });
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    return err(`${file}: Could not create '${file}': ${error.message}`);
  }
  engine.state.images[path] = {
    format,
    virtualBytes: size,
    preallocation: prealloc as ImageRecord['preallocation'],
    created: ctx.now(),
  };
  return 0;
}

async function info(
  ctx: ProgramContext,
  engine: VmEngine,
  args: string[],
  err: (text: string) => number,
): Promise<number> {
  const operands = args.filter((a) => !a.startsWith('-'));
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
  const allocated = blocks(length);
  const virtual = image?.virtualBytes ?? node.size;
  let out = `image: ${file}\nfile format: ${format}\nvirtual size: ${qemuSize(virtual)} (${virtual} bytes)\ndisk size: ${qemuSize(allocated)}\n`;
  if (format === 'qcow2') {
    out += 'cluster_size: 65536\n';
    if (domain && domain.snapshots.length > 0) {
      out +=
        'Snapshot list:\nID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT\n';
      domain.snapshots.forEach((s, i) => {
        const vm = s.state === 'running' ? qemuSize(s.bytes) : '0 B';
        const date = new Date(s.created).toISOString().replace('T', ' ').slice(0, 19);
        const clock = s.boot ? clockText(s.created - s.boot.start) : '0000:00:00.000';
        out += `${String(i + 1).padEnd(10)}${s.name.padEnd(18)}${vm.padStart(7)} ${date} ${clock}           0\n`;
      });
    }
    out +=
      'Format specific information:\n    compat: 1.1\n    compression type: zlib\n    lazy refcounts: false\n    refcount bits: 16\n    corrupt: false\n    extended l2: false\n';
  }
  out += `Child node '/file':\n    filename: ${file}\n    protocol type: file\n    file length: ${qemuSize(length)} (${length} bytes)\n    disk size: ${qemuSize(allocated)}\n`;
  ctx.stdout.write(out);
  return 0;
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
