import { isWithin } from '../fs/path.ts';
import type { Program } from '../shell/program.ts';
import type { DiskInfo } from '../shell/system.ts';
import { parseArgs, usageError } from './args.ts';
import type { Flavor } from './flavor.ts';
import { busyboxHuman, gnuHuman } from './format.ts';
import { absolute } from './read.ts';

/** The mount holding `path`: the longest mountpoint that contains it. */
export function diskFor(disks: DiskInfo[], path: string): DiskInfo | undefined {
  return disks
    .filter((d) => isWithin(path, d.mountpoint))
    .sort((a, b) => b.mountpoint.length - a.mountpoint.length)[0];
}

interface Column {
  header: string;
  min: number;
  left: boolean;
}

/** GNU df: each column as wide as its widest cell (with per-column minimums), one space apart. */
function gnuTable(rows: string[][], columns: Column[]): string {
  const widths = columns.map((c, i) =>
    Math.max(c.min, c.header.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const col = columns[i] as Column;
        if (i === cells.length - 1) return cell;
        return col.left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0);
      })
      .join(' ');
  return [columns.map((c) => c.header), ...rows].map((r) => `${line(r)}\n`).join('');
}

/** `df [-h] [-T] [FILE]...` */
export function df(flavor: Flavor): Program {
  return async (ctx) => {
    const parsed = parseArgs(
      ctx.argv.slice(1),
      {
        flags: 'hTkaPH',
        values: 't',
        long: { 'human-readable': 'h', 'print-type': 'T', all: 'a', portability: 'P' },
      },
      flavor,
    );
    if (!parsed.ok) return usageError(ctx, 'df', flavor, parsed.message);
    const disks = ctx.system.disks();
    let status = 0;
    let selected: DiskInfo[] = disks;
    if (parsed.operands.length > 0) {
      selected = [];
      for (const operand of parsed.operands) {
        const path = absolute(ctx, operand);
        const disk = ctx.fs.exists(path) ? diskFor(disks, path) : undefined;
        if (!disk) {
          ctx.stderr.write(
            flavor === 'gnu'
              ? `df: ${operand}: No such file or directory\n`
              : `df: ${operand}: can't find mount point\n`,
          );
          status = 1;
        } else selected.push(disk);
      }
      if (selected.length === 0) return status;
    }
    const human = parsed.has('h') || parsed.has('H');
    const typed = parsed.has('T');
    if (flavor === 'busybox') {
      const show = (bytes: number) =>
        human ? busyboxHuman(bytes) : String(Math.floor((bytes + 512) / 1024));
      let out = `Filesystem           ${typed ? 'Type       ' : ''}${(human ? '     Size' : '1K-blocks').padEnd(15)}Used Available Use% Mounted on\n`;
      for (const d of selected) {
        const avail = d.size - d.used;
        const pct = d.size === 0 ? 0 : Math.floor((d.used * 100 + d.size / 2) / d.size);
        const name =
          d.filesystem.length > 20 ? `${d.filesystem}\n${' '.repeat(20)}` : d.filesystem.padEnd(20);
        out += `${name}${typed ? ` ${d.type.padEnd(10)}` : ''} ${show(d.size).padStart(9)} ${show(d.used).padStart(9)} ${show(avail).padStart(9)} ${String(pct).padStart(3)}% ${d.mountpoint}\n`;
      }
      ctx.stdout.write(out);
      return status;
    }
    const show = (bytes: number) => (human ? gnuHuman(bytes) : String(Math.ceil(bytes / 1024)));
    const columns: Column[] = [
      { header: 'Filesystem', min: 14, left: true },
      ...(typed ? [{ header: 'Type', min: 4, left: true }] : []),
      { header: human ? 'Size' : '1K-blocks', min: 5, left: false },
      { header: 'Used', min: 5, left: false },
      { header: human ? 'Avail' : 'Available', min: 5, left: false },
      { header: 'Use%', min: 4, left: false },
      { header: 'Mounted on', min: 0, left: true },
    ];
    const rows = selected.map((d) => {
      const avail = d.size - d.used;
      const pct = d.size === 0 ? '-' : `${Math.ceil((d.used * 100) / (d.used + avail))}%`;
      return [
        d.filesystem,
        ...(typed ? [d.type] : []),
        show(d.size),
        show(d.used),
        show(avail),
        pct,
        d.mountpoint,
      ];
    });
    ctx.stdout.write(gnuTable(rows, columns));
    return status;
  };
}
