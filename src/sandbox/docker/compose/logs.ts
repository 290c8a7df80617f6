import type { DockerCli } from '../cli/context.ts';
import type { DockerEngine } from '../engine.ts';
import type { ContainerRecord } from '../state.ts';

/**
 * Compose's log consumer (cmd/formatter/logs.go): every line gets its container's prefix
 * (`web-1  | `), padded to the longest name seen so far plus one, and coloured per container on a
 * terminal in the order containers first print something.
 */

const ansiColor = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
/** formatter.rainbow: cyan, yellow, green, magenta, blue, then their intense versions. */
const RAINBOW = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'].map(ansiColor);
const monochrome = (s: string) => s;
/** goterm.RESET_LINE, which Status writes before every message. */
const RESET_LINE = '\r\x1b[K';

interface Presenter {
  name: string;
  colors: (s: string) => string;
  prefix: string;
}

export class LogConsumer {
  private readonly cli: DockerCli;
  private readonly color: boolean;
  private readonly prefix: boolean;
  private readonly presenters = new Map<string, Presenter>();
  private nextColor = 0;

  constructor(cli: DockerCli, options: { color: boolean; prefix: boolean }) {
    this.cli = cli;
    this.color = options.color;
    this.prefix = options.prefix;
  }

  private presenter(name: string): Presenter {
    const known = this.presenters.get(name);
    if (known) return known;
    let colors = monochrome;
    if (this.color && name !== '') {
      colors = RAINBOW[this.nextColor] as (s: string) => string;
      this.nextColor = (this.nextColor + 1) % RAINBOW.length;
    }
    const p: Presenter = { name, colors, prefix: '' };
    this.presenters.set(name, p);
    const width = Math.max(0, ...[...this.presenters.values()].map((x) => x.name.length)) + 1;
    if (this.prefix)
      for (const q of this.presenters.values()) q.prefix = q.colors(`${q.name.padEnd(width)} | `);
    return p;
  }

  log(container: string, line: string): void {
    this.cli.out(`${this.presenter(container).prefix}${line}\n`);
  }

  err(container: string, line: string): void {
    this.cli.err(`${this.presenter(container).prefix}${line}\n`);
  }

  status(container: string, message: string): void {
    const p = this.presenter(container);
    this.cli.out(p.colors(`${RESET_LINE}${container} ${message}\n`));
  }
}

/** The name Compose shows for a container: without the `<project>-` prefix unless it is custom. */
export function shortName(c: ContainerRecord): string {
  const project = c.config.labels['com.docker.compose.project'] ?? '';
  const service = c.config.labels['com.docker.compose.service'] ?? '';
  const number = c.config.labels['com.docker.compose.container-number'] ?? '';
  return c.name === `${project}-${service}-${number}` ? c.name.slice(project.length + 1) : c.name;
}

/** A log line with Docker's `--timestamps` prefix (RFC 3339, nanoseconds). */
export function timestamped(at: number, text: string): string {
  return `${new Date(at).toISOString().replace('Z', '000000Z')} ${text}`;
}

interface Cursor {
  container: ContainerRecord;
  name: string;
  shown: number;
  /** Text after the last newline, per stream, until the line ends. */
  partial: { stdout: string; stderr: string };
}

/**
 * Reads several containers' logs as they grow, line by line, interleaved by the time each line was
 * written (containers in the order given when two lines share a time).
 */
export class LogReader {
  private readonly cursors: Cursor[] = [];
  private readonly timestamps: boolean;

  constructor(options: { timestamps?: boolean } = {}) {
    this.timestamps = options.timestamps ?? false;
  }

  /** Follows a container from its `from`th log entry. */
  add(container: ContainerRecord, from = 0): void {
    this.cursors.push({
      container,
      name: shortName(container),
      shown: from,
      partial: { stdout: '', stderr: '' },
    });
  }

  /** Skips what a container wrote so far, leaving only its last `tail` lines to show. */
  static tailStart(c: ContainerRecord, tail: number, now: number): number {
    const written = c.logs.filter((l) => l.at <= now);
    let lines = 0;
    for (let i = written.length - 1; i >= 0; i--) {
      lines += ((written[i] as { text: string }).text.match(/\n/g) ?? []).length;
      if (lines > tail) return i + 1;
    }
    return 0;
  }

  /** Emits every line written by `now`, in time order; returns whether any was. */
  drain(now: number, emit: (name: string, stream: 'stdout' | 'stderr', line: string) => void): boolean {
    const pending: { at: number; order: number; index: number; cursor: Cursor }[] = [];
    this.cursors.forEach((cursor, order) => {
      const logs = cursor.container.logs;
      for (let i = cursor.shown; i < logs.length; i++) {
        const entry = logs[i] as ContainerRecord['logs'][number];
        if (entry.at > now) break;
        pending.push({ at: entry.at, order, index: i, cursor });
      }
    });
    pending.sort((a, b) => a.at - b.at || a.order - b.order || a.index - b.index);
    for (const p of pending) {
      const entry = p.cursor.container.logs[p.index] as ContainerRecord['logs'][number];
      p.cursor.shown = p.index + 1;
      const text = p.cursor.partial[entry.stream] + entry.text;
      const lines = text.split('\n');
      p.cursor.partial[entry.stream] = lines.pop() ?? '';
      for (const line of lines)
        emit(p.cursor.name, entry.stream, this.timestamps ? timestamped(entry.at, line) : line);
    }
    return pending.length > 0;
  }

  /** Ends a container's streams: a last line without a newline still shows. */
  close(container: ContainerRecord, emit: (name: string, stream: 'stdout' | 'stderr', line: string) => void) {
    const cursor = this.cursors.find((c) => c.container === container);
    if (!cursor) return;
    for (const stream of ['stdout', 'stderr'] as const) {
      if (cursor.partial[stream]) emit(cursor.name, stream, cursor.partial[stream]);
      cursor.partial[stream] = '';
    }
  }

  /** When the next line already written falls due, if any. */
  nextAt(now: number): number | undefined {
    let next: number | undefined;
    for (const cursor of this.cursors) {
      const entry = cursor.container.logs[cursor.shown];
      if (entry && entry.at > now && (next === undefined || entry.at < next)) next = entry.at;
    }
    return next;
  }

  containers(): ContainerRecord[] {
    return this.cursors.map((c) => c.container);
  }
}

/** When anything in the engine may change next: a process wakes, a planned exit or a log line falls due. */
export function nextChange(engine: DockerEngine, reader: LogReader, now: number): number | undefined {
  const candidates = [
    engine.deps.scheduler.nextWake(),
    reader.nextAt(now),
    ...reader.containers().map((c) => (c.state.status === 'running' ? c.state.plannedExit?.at : undefined)),
  ].filter((x): x is number => x !== undefined && Number.isFinite(x));
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}
