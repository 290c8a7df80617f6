import { Interrupted } from '../../shell/program.ts';
import { goMap, goStruct } from '../format/go-values.ts';
import type { DockerEvent } from '../state.ts';
import type { DockerCommand } from './context.ts';
import { flag, flagAll } from './flags.ts';
import { timeWindow } from './time-window.ts';

/**
 * Whether an event passes the filters as the daemon reads them (daemon/events/filter.go): `type` and
 * `event` match exactly, `container` and `network` match the object's ID or name by prefix and leave
 * out every other kind, `label` matches an attribute; keys the daemon does not know are ignored.
 */
export function eventMatches(event: DockerEvent, filters: Map<string, string[]>): boolean {
  const exact = (key: string, value: string) => !filters.has(key) || (filters.get(key) ?? []).includes(value);
  const named = (key: 'container' | 'network') =>
    !filters.has(key) ||
    (event.type === key &&
      (filters.get(key) ?? []).some(
        (v) => event.id.startsWith(v) || (event.attributes.name ?? '').startsWith(v),
      ));
  const labels = (filters.get('label') ?? []).every((l) => {
    const [key = '', ...value] = l.split('=');
    return key in event.attributes && (value.length === 0 || event.attributes[key] === value.join('='));
  });
  return (
    exact('type', event.type) &&
    exact('event', event.action) &&
    named('container') &&
    named('network') &&
    labels
  );
}

/** `2026-12-07T12:43:00.655564363Z`: Go's RFC 3339 with nanoseconds padded to nine digits (rfc3339NanoFixed). */
function eventTime(at: number): string {
  return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The text line of an event without --format (prettyPrintEvent): time, type, action, ID, sorted attributes. */
export function prettyEvent(event: DockerEvent): string {
  const keys = Object.keys(event.attributes).sort();
  const attributes = keys.length > 0 ? ` (${keys.map((k) => `${k}=${event.attributes[k]}`).join(', ')})` : '';
  return `${eventTime(event.at)} ${event.type} ${event.action} ${event.id}${attributes}`;
}

/** The events.Message a template sees. */
function message(event: DockerEvent) {
  return goStruct({
    Type: event.type,
    Action: event.action,
    Actor: goStruct({ ID: event.id, Attributes: goMap({ ...event.attributes }) }),
    scope: 'local',
    time: Math.floor(event.at / 1000),
    timeNano: event.at * 1_000_000,
  });
}

export const events: DockerCommand['run'] = async (cli, parsed) => {
  const { engine, ctx } = cli;
  const format = flag(parsed, 'format');
  const engineOf = format ? await import('../format/template.ts') : undefined;
  const template =
    format && engineOf ? engineOf.parseTemplate(format === 'json' ? '{{json .}}' : format) : undefined;
  if (template && !template.ok) {
    cli.err(`Error parsing format: template: :${template.error}\n`);
    return 64;
  }
  const filters = new Map<string, string[]>();
  for (const f of flagAll(parsed, 'filter')) {
    const eq = f.indexOf('=');
    if (eq <= 0) {
      cli.err(
        `invalid argument "${f}" for "-f, --filter" flag: bad format of filter (expected name=value)\n`,
      );
      return 125;
    }
    filters.set(f.slice(0, eq).toLowerCase(), [
      ...(filters.get(f.slice(0, eq).toLowerCase()) ?? []),
      f.slice(eq + 1),
    ]);
  }
  // The client turns --since and --until into times before it asks (timetypes.GetTimestamp).
  const window = timeWindow(parsed, ctx.now());
  if ('bad' in window) {
    cli.err(`${window.error}\n`);
    return 1;
  }
  if (window.since !== undefined && window.until !== undefined && window.until < window.since) {
    cli.err(
      `Error response from daemon: \`since\` time (${flag(parsed, 'since')}) cannot be after \`until\` time (${flag(parsed, 'until')})\n`,
    );
    return 1;
  }
  const print = (event: DockerEvent) => {
    if (!template?.ok) return cli.out(`${prettyEvent(event)}\n`);
    const r = (engineOf as typeof import('../format/template.ts')).executeTemplate(
      template.tmpl,
      message(event),
    );
    cli.out(`${r.ok ? r.text : ''}\n`);
  };
  // Events the engine settles lazily may be logged after later ones: list them in time order.
  const logged = (until: number) =>
    (engine.state.events ?? [])
      .map((event, i) => ({ event, i }))
      .filter(({ event }) => event.at <= until)
      .sort((a, b) => a.event.at - b.event.at || a.i - b.i)
      .map(({ event }) => event);
  engine.reconcile();
  let now = ctx.now();
  let shown = new Set<DockerEvent>();
  // Without --since only what happens from now on is shown.
  const since = window.since ?? now;
  for (const event of logged(Math.min(now, window.until ?? now)))
    if (event.at >= since && eventMatches(event, filters)) print(event);
  shown = new Set(logged(now));
  try {
    while (window.until === undefined || now < window.until) {
      await ctx.sleep(window.until === undefined ? Number.POSITIVE_INFINITY : window.until - now);
      engine.reconcile();
      now = ctx.now();
      for (const event of logged(Math.min(now, window.until ?? now)))
        if (!shown.has(event) && event.at >= since && eventMatches(event, filters)) print(event);
      shown = new Set(logged(now));
    }
    return 0;
  } catch (error) {
    if (error instanceof Interrupted) return 130;
    throw error;
  }
};
