import type { FsNode } from '../fs/node.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { fullTime } from './format.ts';
import { apparentSize, blocksK, modeString } from './mode.ts';
import { absolute } from './read.ts';
import { nameTables } from './users.ts';

/** A stable fake inode number for a path (the sandbox has none). */
function inode(path: string): number {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619);
  return 100000 + ((h >>> 0) % 9_000_000);
}

function fileType(node: FsNode): string {
  if (node.type === 'dir') return 'directory';
  if (node.type === 'symlink') return 'symbolic link';
  return node.size === 0 ? 'regular empty file' : 'regular file';
}

function linkCount(ctx: ProgramContext, path: string, node: FsNode): number {
  if (node.type !== 'dir') return 1;
  return (
    2 +
    ctx.fs.readdir(path).filter((n) => ctx.fs.lstat(`${path === '/' ? '' : path}/${n}`)?.type === 'dir')
      .length
  );
}

/** Expands a `stat -c` format for one file. */
function expand(ctx: ProgramContext, format: string, shown: string, path: string, node: FsNode): string {
  const names = nameTables(ctx);
  const fields = new Map<string, () => string>([
    ['n', () => shown],
    ['N', () => (node.type === 'symlink' ? `'${shown}' -> '${node.target}'` : `'${shown}'`)],
    ['s', () => String(apparentSize(node))],
    ['b', () => String(blocksK(node) * 2)],
    ['B', () => '512'],
    ['o', () => '4096'],
    ['a', () => (node.mode & 0o7777).toString(8)],
    ['A', () => modeString(node)],
    [
      'f',
      () =>
        (
          (node.type === 'dir' ? 0o40000 : node.type === 'symlink' ? 0o120000 : 0o100000) | node.mode
        ).toString(16),
    ],
    ['F', () => fileType(node)],
    ['u', () => String(node.uid)],
    ['U', () => names.user(node.uid)],
    ['g', () => String(node.gid)],
    ['G', () => names.group(node.gid)],
    ['h', () => String(linkCount(ctx, path, node))],
    ['i', () => String(inode(path))],
    ['x', () => fullTime(node.mtime)],
    ['y', () => fullTime(node.mtime)],
    ['z', () => fullTime(node.mtime)],
    ['w', () => fullTime(node.mtime)],
    ['X', () => String(Math.floor(node.mtime / 1000))],
    ['Y', () => String(Math.floor(node.mtime / 1000))],
    ['Z', () => String(Math.floor(node.mtime / 1000))],
    ['W', () => String(Math.floor(node.mtime / 1000))],
    ['d', () => '2049'],
    ['D', () => '801'],
    ['m', () => '/'],
    ['%', () => '%'],
  ]);
  return format.replace(/%([-#0]?\d*)([a-zA-Z%])/g, (all, width: string, spec: string) => {
    const field = fields.get(spec);
    if (!field) return all;
    const value = field();
    const n = Number(width.replace(/[-#0]/, '') || '0');
    if (width.startsWith('-')) return value.padEnd(n);
    if (width.startsWith('0')) return value.padStart(n, '0');
    return value.padStart(n);
  });
}

/** The default multi-line report of GNU coreutils 9 (BusyBox: old device style, no Birth line). */
function defaultFormat(node: FsNode, flavor: Flavor): string {
  const file = node.type === 'symlink' ? '%N' : flavor === 'gnu' ? '%n' : "'%n'";
  const device =
    flavor === 'gnu' ? 'Device: 8,1\tInode: %-11i Links: %h' : 'Device: 801h/2049d\tInode: %-11i Links: %h';
  const lines = [
    `  File: ${file}`,
    '  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F',
    device,
    'Access: (%04a/%A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)',
    'Access: %x',
    'Modify: %y',
    'Change: %z',
  ];
  if (flavor === 'gnu') lines.push(' Birth: %w');
  return `${lines.join('\n')}\n`;
}

/** `stat [-L] [-c FORMAT] FILE...` */
export function stat(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      { flags: 'Lt', values: 'c', long: { dereference: 'L', 'format=': 'c', 'printf=': 'printf' } },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'stat', flavor, parsed.message);
    if (parsed.operands.length === 0)
      return usageError(ctx, 'stat', flavor, flavor === 'gnu' ? 'missing operand' : '');
    let status = 0;
    for (const operand of parsed.operands) {
      const path = absolute(ctx, operand);
      const node = parsed.has('L') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
      if (!node) {
        ctx.stderr.write(
          flavor === 'gnu'
            ? `stat: cannot statx '${operand}': No such file or directory\n`
            : `stat: can't stat '${operand}': No such file or directory\n`,
        );
        status = 1;
        continue;
      }
      const custom = parsed.get('c');
      const printfFormat = parsed.get('printf');
      const format =
        custom !== undefined
          ? `${custom}\n`
          : printfFormat !== undefined
            ? printfFormat.replace(/\\n/g, '\n').replace(/\\t/g, '\t')
            : defaultFormat(node, flavor);
      ctx.stdout.write(expand(ctx, format, operand, path, node));
    }
    return status;
  };
}
