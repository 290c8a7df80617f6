import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Sandbox } from '../sandbox/sandbox.ts';
import {
  type ConformanceArea,
  type ConformanceCase,
  type ConformanceGuest,
  type ConformanceLine,
  conformanceAreas,
  conformanceFile,
} from '../schemas/conformance-case.ts';
import { newNormaliseState, normalise } from './normalise.ts';

/** The corpus folder, relative to the repository root. */
export const CORPUS_DIR = 'conformance';

/** Where the agreement the corpus must keep is stored. */
export const THRESHOLD_FILE = 'threshold.json';

/** The coverage allowlist (src/conformance/coverage.ts): uses no case can record, and why. Not cases. */
export const UNCOVERED_FILE = 'uncovered.yaml';

export interface LoadedCase {
  file: string;
  index: number;
  case: ConformanceCase;
}

/** Every case file (`*.yaml` but the allowlist) in the corpus folder, validated; throws naming the file that is not. */
export function loadCorpus(dir: string): LoadedCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== UNCOVERED_FILE)
    .sort();
  const cases: LoadedCase[] = [];
  const ids = new Map<string, string>();
  for (const file of files) {
    const parsed = conformanceFile.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success)
      throw new Error(
        `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    for (const [index, c] of parsed.data.cases.entries()) {
      const other = ids.get(c.id);
      if (other) throw new Error(`${file}: case ${c.id} is also in ${other}`);
      ids.set(c.id, file);
      cases.push({ file, index, case: c });
    }
  }
  return cases;
}

export function loadThreshold(dir: string): { caseAgreement: number } {
  return JSON.parse(readFileSync(join(dir, THRESHOLD_FILE), 'utf8')) as { caseAgreement: number };
}

/** What the sandbox printed for one line. */
export interface SandboxLine {
  out: string;
  status: number;
}

/** The image the sandbox pulls for each name a case lists (the recorder makes the same names). */
export const SANDBOX_IMAGES: Record<string, string> = {
  busybox: 'busybox:latest',
  alpine: 'alpine:latest',
  debian: 'debian:latest',
  registry: 'registry:2',
};

/**
 * The lines that give the sandbox a case's guest, as the lessons make one: an imported cloud image,
 * then time for it to boot to its sshd (virtual time: instant).
 */
export function guestSetup(guest: ConformanceGuest): string[] {
  return [
    `virt-install --name ${guest.name} --memory 2048 --vcpus 2 --disk size=20 --osinfo ${guest.os} --import --noautoconsole >/dev/null`,
    'sleep 120',
  ];
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Runs a case in a fresh sandbox: its images, guest, env and setup silently, then each line. */
export async function runInSandbox(
  c: ConformanceCase,
): Promise<{ setupError?: string; lines: SandboxLine[] }> {
  const sandbox = Sandbox.create({ seed: c.id, machine: c.machine });
  const prepare = [
    ...c.images.map((name) => `docker pull -q ${SANDBOX_IMAGES[name]}`),
    ...(c.guest ? guestSetup(c.guest) : []),
    ...Object.entries(c.env).map(([k, v]) => `export ${k}=${quote(v)}`),
    ...c.setup,
  ];
  for (const line of prepare) {
    const out = await sandbox.run(line);
    if (sandbox.lastStatus() !== 0)
      return { setupError: `${line} → status ${sandbox.lastStatus()}: ${out.trim()}`, lines: [] };
  }
  const lines: SandboxLine[] = [];
  for (const line of c.lines) {
    const out = await sandbox.run(line.in);
    lines.push({ out, status: sandbox.lastStatus() });
  }
  return { lines };
}

export interface LineResult {
  in: string;
  agree: boolean;
  /** Whether the expected side came from a newer tool's source rather than the recording. */
  fromNewer: boolean;
  expected: { out: string; status: number };
  actual: { out: string; status: number };
}

export interface CaseResult {
  file: string;
  case: ConformanceCase;
  recorded: boolean;
  agree: boolean;
  setupError?: string;
  lines: LineResult[];
}

/** What the sandbox must print for a line: the newer tool's output where the case gives it, else the recording. */
export function expectedOf(line: ConformanceLine): { out: string; status: number } {
  return {
    out: line.newer?.out ?? line.out ?? '',
    status: line.newer?.status ?? line.status ?? 0,
  };
}

/** Replays a recorded case in the sandbox and compares each line after the case's normalisation. */
export async function compareCase(loaded: LoadedCase): Promise<CaseResult> {
  const c = loaded.case;
  const recorded = c.lines.every((l) => l.out !== undefined && l.status !== undefined);
  if (!recorded) return { file: loaded.file, case: c, recorded, agree: false, lines: [] };
  const run = await runInSandbox(c);
  if (run.setupError !== undefined)
    return { file: loaded.file, case: c, recorded, agree: false, setupError: run.setupError, lines: [] };
  const real = newNormaliseState();
  const sim = newNormaliseState();
  const lines = c.lines.map((line, i): LineResult => {
    const got = run.lines[i] as SandboxLine;
    const wanted = expectedOf(line);
    const expected = { out: normalise(wanted.out, c.normalise, real), status: wanted.status };
    const actual = { out: normalise(got.out, c.normalise, sim), status: got.status };
    return {
      in: line.in,
      agree: expected.out === actual.out && expected.status === actual.status,
      fromNewer: line.newer !== undefined,
      expected,
      actual,
    };
  });
  return { file: loaded.file, case: c, recorded, agree: lines.every((l) => l.agree), lines };
}

export interface AreaFigures {
  cases: number;
  casesAgreeing: number;
  lines: number;
  linesAgreeing: number;
}

export interface CorpusReport {
  results: CaseResult[];
  areas: Record<ConformanceArea, AreaFigures>;
  total: AreaFigures;
  /** Share of recorded cases whose every line agrees. */
  caseAgreement: number;
  unrecorded: string[];
  mustAgreeFailures: string[];
  /** Lines compared with a newer tool's output instead of the recording, as `case-id: source`. */
  newerLines: string[];
}

export async function compareCorpus(cases: LoadedCase[]): Promise<CorpusReport> {
  const results: CaseResult[] = [];
  for (const loaded of cases) results.push(await compareCase(loaded));
  const empty = (): AreaFigures => ({ cases: 0, casesAgreeing: 0, lines: 0, linesAgreeing: 0 });
  const areas = Object.fromEntries(conformanceAreas.map((a) => [a, empty()])) as Record<
    ConformanceArea,
    AreaFigures
  >;
  const total = empty();
  for (const r of results.filter((x) => x.recorded)) {
    for (const figures of [areas[r.case.area], total]) {
      figures.cases += 1;
      figures.casesAgreeing += r.agree ? 1 : 0;
      figures.lines += r.case.lines.length;
      figures.linesAgreeing += r.lines.filter((l) => l.agree).length;
    }
  }
  return {
    results,
    areas,
    total,
    caseAgreement: total.cases === 0 ? 0 : total.casesAgreeing / total.cases,
    unrecorded: results.filter((r) => !r.recorded).map((r) => r.case.id),
    mustAgreeFailures: results
      .filter((r) => r.recorded && r.case.mustAgree && !r.agree)
      .map((r) => r.case.id),
    newerLines: results.flatMap((r) =>
      r.case.lines.flatMap((l) => (l.newer ? [`${r.case.id}: ${l.newer.source}`] : [])),
    ),
  };
}

/** A short line diff of two texts: `-` what the real tool printed, `+` what the sandbox printed. */
export function shortDiff(expected: string, actual: string, maxLines = 12): string[] {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Longest common subsequence over lines (outputs here are short).
  const m = a.length;
  const n = b.length;
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--)
      (lcs[i] as number[])[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, (lcs[i] as number[])[j + 1] as number);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && a[i] === b[j]) {
      i++;
      j++;
    } else if (
      j < n &&
      (i === m || ((lcs[i] as number[])[j + 1] as number) >= ((lcs[i + 1] as number[])[j] as number))
    ) {
      out.push(`+ ${b[j]}`);
      j++;
    } else {
      out.push(`- ${a[i]}`);
      i++;
    }
  }
  return out.length > maxLines ? [...out.slice(0, maxLines), `  … ${out.length - maxLines} more`] : out;
}

const percent = (part: number, whole: number): string =>
  whole === 0 ? '  n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

/** The report `npm run conformance` prints. */
export function formatReport(report: CorpusReport, threshold: number): string {
  const out: string[] = [];
  for (const r of report.results.filter((x) => x.recorded && !x.agree)) {
    out.push(`✗ ${r.case.id} (${r.case.area}, ${r.file})${r.case.mustAgree ? ' [must-agree]' : ''}`);
    if (r.case.knownDivergence) out.push(`  known: ${r.case.knownDivergence}`);
    if (r.setupError) out.push(`  setup failed in the sandbox: ${r.setupError}`);
    for (const line of r.lines.filter((l) => !l.agree)) {
      out.push(`  $ ${line.in.split('\n').join('\n  > ')}`);
      const real = line.fromNewer ? 'newer' : 'real';
      if (line.expected.status !== line.actual.status)
        out.push(`    status: ${real} ${line.expected.status}, sandbox ${line.actual.status}`);
      if (line.expected.out !== line.actual.out)
        for (const d of shortDiff(line.expected.out, line.actual.out)) out.push(`    ${d}`);
    }
  }
  if (report.unrecorded.length > 0) out.push(`not recorded yet: ${report.unrecorded.join(', ')}`);
  out.push('');
  out.push('area              cases agreeing        lines agreeing');
  const row = (name: string, f: AreaFigures) =>
    `${name.padEnd(16)}  ${`${f.casesAgreeing}/${f.cases}`.padStart(7)} ${percent(f.casesAgreeing, f.cases)}   ${`${f.linesAgreeing}/${f.lines}`.padStart(8)} ${percent(f.linesAgreeing, f.lines)}`;
  for (const area of conformanceAreas) out.push(row(area, report.areas[area]));
  out.push(row('all', report.total));
  out.push('');
  out.push(
    `case agreement ${(100 * report.caseAgreement).toFixed(1)}%, threshold ${(100 * threshold).toFixed(1)}%`,
  );
  if (report.newerLines.length > 0)
    out.push(
      `${report.newerLines.length} lines compared with a newer tool's output (its source in the case), not the oracle's`,
    );
  if (report.mustAgreeFailures.length > 0)
    out.push(`must-agree cases that disagree: ${report.mustAgreeFailures.join(', ')}`);
  return out.join('\n');
}

/** Whether the corpus passes: agreement at or above the threshold and every must-agree case agreeing. */
export function corpusPasses(report: CorpusReport, threshold: number): boolean {
  return report.caseAgreement >= threshold && report.mustAgreeFailures.length === 0;
}
