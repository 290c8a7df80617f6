/**
 * `node scripts/osinfo-catalogue.ts <osinfo-db tree> [--label TEXT] [--add FILE --from TEXT]...`:
 * reads an osinfo-db tree (its `os/<vendor>/<os>.xml`, or a source checkout's `data/os/…/*.xml.in`)
 * and writes `src/sandbox/vm/osinfo-data.ts`, the catalogue `virt-install --osinfo` reads: every OS
 * as `virt-install --osinfo list` orders it, with its short ids and the resources libosinfo
 * resolves for x86_64 (own values for the architecture, then `all`; `inherit="true"` takes the
 * resources of the OS it derives from). `--add` adds one OS file from a newer osinfo-db release,
 * `--from` naming that release; such lines are marked in the generated module. Never imported by
 * the engine.
 *
 * Ubuntu 24.04's catalogue, from a clone of osinfo-db (gitlab.com/libosinfo/osinfo-db):
 *   mkdir -p /tmp/osinfo-db-20231215
 *   git -C osinfo-db archive v20231215 data/os | tar -x -C /tmp/osinfo-db-20231215
 *   git -C osinfo-db show 62326e12:data/os/debian.org/debian-13.xml.in > /tmp/debian-13.xml.in
 *   node scripts/osinfo-catalogue.ts /tmp/osinfo-db-20231215/data \
 *     --label 'osinfo-db v20231215, the release Ubuntu 24.04 packages (0.20231215)' \
 *     --add /tmp/debian-13.xml.in --from 'osinfo-db 62326e12 (2026-05), which has debian13 since v20250124'
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MiB = 1024 * 1024;

type ResourceKey = 'ram' | 'n-cpus' | 'storage';
type Resources = Partial<Record<ResourceKey, number>>;

/** What the generator reads of one `<os>` element. */
export interface OsinfoRecord {
  id: string;
  shortIds: string[];
  name: string;
  version?: string | undefined;
  vendor?: string | undefined;
  family?: string | undefined;
  distro?: string | undefined;
  releaseDate?: string | undefined;
  eolDate?: string | undefined;
  upgrades: string[];
  derivesFrom: string[];
  inheritResources: boolean;
  /** By architecture (`all`, `x86_64`, …): minimum and recommended. */
  minimum: Record<string, Resources>;
  recommended: Record<string, Resources>;
  /** Where it came from, when not the base tree. */
  from?: string | undefined;
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each direct `<tag>` without an `xml:lang` (the untranslated value). */
function texts(xml: string, tag: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<_?${tag}(\\s[^>]*)?>([^<]*)</_?${tag}>`, 'g'))) {
    if (!(m[1] ?? '').includes('xml:lang')) out.push(decode((m[2] as string).trim()));
  }
  return out;
}

function ids(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\s+id=["']([^"']+)["']`, 'g'))].map((m) => m[1] as string);
}

function readResources(block: string): Resources {
  const out: Resources = {};
  for (const key of ['ram', 'n-cpus', 'storage'] as const) {
    const value = texts(block, key)[0];
    if (value !== undefined) out[key] = Number(value);
  }
  return out;
}

/** Parses the `<os>` elements of one osinfo-db XML file. */
export function parseOsinfoXml(xml: string): OsinfoRecord[] {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  const records: OsinfoRecord[] = [];
  for (const m of body.matchAll(/<os\s+id=["']([^"']+)["'][^>]*>([\s\S]*?)<\/os>/g)) {
    const id = m[1] as string;
    // Only the OS's own fields: media, trees, images and variants have names and resources too.
    const inner = (m[2] as string).replace(
      /<(media|tree|image|variant|installer|devices|firmware)\b[\s\S]*?<\/\1>/g,
      '',
    );
    const record: OsinfoRecord = {
      id,
      shortIds: texts(inner, 'short-id'),
      name: texts(inner, 'name')[0] ?? '',
      version: texts(inner, 'version')[0],
      vendor: texts(inner, 'vendor')[0],
      family: texts(inner, 'family')[0],
      distro: texts(inner, 'distro')[0],
      releaseDate: texts(inner, 'release-date')[0],
      eolDate: texts(inner, 'eol-date')[0],
      upgrades: ids(inner, 'upgrades'),
      derivesFrom: ids(inner, 'derives-from'),
      inheritResources: false,
      minimum: {},
      recommended: {},
    };
    for (const r of inner.matchAll(/<resources([^>]*?)(\/>|>([\s\S]*?)<\/resources>)/g)) {
      const attrs = r[1] as string;
      const arch = /arch=["']([^"']+)["']/.exec(attrs)?.[1] ?? 'all';
      if (/inherit=["']true["']/.test(attrs)) record.inheritResources = true;
      const content = r[3] ?? '';
      const min = /<minimum>([\s\S]*?)<\/minimum>/.exec(content)?.[1];
      const rec = /<recommended>([\s\S]*?)<\/recommended>/.exec(content)?.[1];
      if (min) record.minimum[arch] = readResources(min);
      if (rec) record.recommended[arch] = readResources(rec);
    }
    records.push(record);
  }
  return records;
}

/**
 * One record per OS id: a `<os>.d/` folder's files add to the OS their main file defines (drivers),
 * as libosinfo's loader merges them.
 */
export function mergeRecords(records: OsinfoRecord[]): OsinfoRecord[] {
  const byId = new Map<string, OsinfoRecord>();
  for (const record of records) {
    const known = byId.get(record.id);
    if (!known) {
      byId.set(record.id, record);
      continue;
    }
    known.shortIds = [...new Set([...known.shortIds, ...record.shortIds])];
    known.name ||= record.name;
    known.inheritResources ||= record.inheritResources;
    known.derivesFrom = [...new Set([...known.derivesFrom, ...record.derivesFrom])];
    known.upgrades = [...new Set([...known.upgrades, ...record.upgrades])];
    known.minimum = { ...record.minimum, ...known.minimum };
    known.recommended = { ...record.recommended, ...known.recommended };
  }
  return [...byId.values()];
}

/** Every `*.xml` / `*.xml.in` under the tree's `os/` folder. */
function osFiles(root: string): string[] {
  const dir = statSync(join(root, 'os'), { throwIfNoEntry: false })?.isDirectory() ? join(root, 'os') : root;
  const files: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.xml(\.in)?$/.test(entry.name)) files.push(full);
    }
  };
  walk(dir);
  return files.sort();
}

/** virtinst's `_get_key`: the value for x86_64, else for `all`. */
function pick(byArch: Record<string, Resources>, key: ResourceKey): number | undefined {
  return byArch.x86_64?.[key] ?? byArch.all?.[key];
}

/** Resources as libosinfo returns them: the OS's own, or with `inherit`, those it derives from. */
function resolve(
  record: OsinfoRecord,
  byId: Map<string, OsinfoRecord>,
  kind: 'minimum' | 'recommended',
): Record<string, Resources> {
  if (Object.keys(record[kind]).length > 0 || !record.inheritResources) return record[kind];
  const parent = record.derivesFrom.map((id) => byId.get(id)).find((p) => p !== undefined);
  return parent ? resolve(parent, byId, kind) : {};
}

/** virtinst's list order: the first short id, naturally, with numbers in reverse (newest first). */
export function listKey(name: string): (string | number)[] {
  return name.split(/([0-9]+)/).map((part) => (/^[0-9]+$/.test(part) ? -Number(part) : part.toLowerCase()));
}

function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/** One catalogue line: `names|minRam|minCpus|minDisk|ram|cpus|disk`, sizes in MiB (or bytes, `…B`), blank when absent. */
export function catalogueLine(record: OsinfoRecord, byId: Map<string, OsinfoRecord>): string {
  const min = resolve(record, byId, 'minimum');
  const rec = resolve(record, byId, 'recommended');
  const mib = (bytes: number | undefined) => {
    if (bytes === undefined || bytes <= 0) return '';
    // A few entries give odd byte counts (hyperbola's 53687091): those keep their bytes.
    return bytes % MiB === 0 ? String(bytes / MiB) : `${bytes}B`;
  };
  const count = (n: number | undefined) => (n === undefined || n <= 0 ? '' : String(n));
  return [
    record.shortIds.join(','),
    mib(pick(min, 'ram')),
    count(pick(min, 'n-cpus')),
    mib(pick(min, 'storage')),
    mib(pick(rec, 'ram')),
    count(pick(rec, 'n-cpus')),
    mib(pick(rec, 'storage')),
  ].join('|');
}

/** The records in list order, virt-install's own `generic` among them. */
export function catalogue(records: OsinfoRecord[]): { line: string; from?: string | undefined }[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const generic: OsinfoRecord = {
    id: 'generic',
    shortIds: ['generic'],
    name: 'Generic or unknown OS. Usage is not recommended.',
    upgrades: [],
    derivesFrom: [],
    inheritResources: false,
    minimum: {},
    recommended: {},
  };
  const usable = records.filter((r) => r.shortIds.length > 0);
  return [...usable, generic]
    .sort((a, b) => compareKeys(listKey(a.shortIds[0] as string), listKey(b.shortIds[0] as string)))
    .map((r) => ({ line: catalogueLine(r, byId), from: r.from }));
}

function main(argv: string[]): void {
  const [tree, ...rest] = argv;
  if (!tree) {
    console.error(
      'usage: node scripts/osinfo-catalogue.ts <osinfo-db tree> [--label TEXT] [--add FILE --from TEXT]...',
    );
    process.exit(2);
  }
  let label = tree;
  const added: { file: string; from: string }[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--label') label = rest[++i] as string;
    else if (rest[i] === '--add') added.push({ file: rest[++i] as string, from: '' });
    else if (rest[i] === '--from' && added.length > 0)
      (added.at(-1) as { from: string }).from = rest[++i] as string;
  }
  const records = mergeRecords(osFiles(tree).flatMap((file) => parseOsinfoXml(readFileSync(file, 'utf8'))));
  for (const { file, from } of added) {
    for (const record of parseOsinfoXml(readFileSync(file, 'utf8'))) {
      const at = records.findIndex((r) => r.id === record.id);
      record.from = from || file;
      if (at === -1) records.push(record);
      else records[at] = record;
    }
  }
  const lines = catalogue(records);
  const sources = [...new Set(lines.flatMap((l) => (l.from ? [l.from] : [])))];
  const body = lines.map(({ line, from }) => `  '${line}',${from ? ` // from ${from}` : ''}`).join('\n');
  const text = `// Generated by scripts/osinfo-catalogue.ts from ${label}${
    sources.length > 0 ? `, with the lines marked "from" taken from ${sources.join('; ')}` : ''
  }.
// Do not edit: regenerate with the command in that script's header.

/**
 * osinfo-db's operating systems in \`virt-install --osinfo list\` order, one a line:
 * \`short ids|min RAM|min CPUs|min disk|recommended RAM|recommended CPUs|recommended disk\`, the
 * first short id being the OS's name, sizes for x86_64 in MiB (in bytes when marked \`B\`), blank
 * where osinfo-db has none.
 */
export const OSINFO_LINES: readonly string[] = [
${body}
];
`;
  writeFileSync(new URL('../src/sandbox/vm/osinfo-data.ts', import.meta.url), text);
  console.log(`${lines.length} operating systems, ${Buffer.byteLength(text)} bytes`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
