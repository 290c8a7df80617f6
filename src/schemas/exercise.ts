import { z } from 'zod';
import { parseTemplate } from '../sandbox/docker/format/template.ts';
import { compilePattern } from '../sandbox/regex/index.ts';

/** Text in both course languages. */
export const localized = z.object({ en: z.string().min(1), 'zh-cn': z.string().min(1) });
export type Localized = z.output<typeof localized>;

const port = z.number().int().min(1).max(65535);

/** A pattern a text must match, and what a match shows, for the learner's message. */
const textPattern = z.object({
  /** A JavaScript regular expression, read with the `m` flag: `^` and `$` match at each line. */
  pattern: z.string().refine((p) => {
    try {
      compilePattern(p, { multiline: true });
      return true;
    } catch {
      return false;
    }
  }, 'not a regular expression that the lab reads'),
  shows: localized,
});

/** One predicate over the sandbox's state; see docs/EXERCISES.md for the vocabulary. */
export const check = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('container-running'),
    name: z.string().optional(),
    image: z.string().optional(),
    /** With `hostIp`, the port must be bound to that address only (`-p 127.0.0.1:8080:80`). */
    publishes: z.object({ host: port, container: port, hostIp: z.ipv4().optional() }).optional(),
    /** A user-defined network the container is attached to. */
    network: z.string().optional(),
    memoryLimitMiB: z.number().positive().optional(),
    /** Its health check must report `healthy`. */
    healthy: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal('container-exited'),
    name: z.string(),
    image: z.string().optional(),
    oomKilled: z.boolean().optional(),
    exitCode: z.number().int().optional(),
  }),
  z.object({
    type: z.literal('image-exists'),
    ref: z.string(),
    minLayers: z.number().int().positive().optional(),
    maxLayers: z.number().int().positive().optional(),
    /** The most the image may weigh, in MB as `docker images` counts them (10^6 bytes). */
    maxSizeMB: z.number().positive().optional(),
    /** Its configuration must name a user other than root (the Dockerfile's last `USER`). */
    nonRoot: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal('file-exists'),
    path: z.string().startsWith('/'),
    /** Where: the host (default), a container by name, or a named volume. */
    in: z
      .union([z.literal('host'), z.object({ container: z.string() }), z.object({ volume: z.string() })])
      .default('host'),
    contains: z.string().optional(),
    matches: textPattern.optional(),
  }),
  z.object({
    type: z.literal('container-inspect'),
    name: z.string(),
    /** A `docker inspect -f` template, read by the sandbox's Go template engine. */
    format: z.string().refine((f) => parseTemplate(f).ok, 'not a template that docker inspect reads'),
    /** What the template must print (without the final newline)… */
    equals: z.string().optional(),
    /** …or a pattern its output must match. */
    matches: textPattern.optional(),
  }),
  z.object({ type: z.literal('volume-exists'), name: z.string() }),
  z.object({
    type: z.literal('ran'),
    /** A command line; the learner's must be the same command, flags in any order, long or short. */
    command: z.string().min(1),
    /** Also forbid flags the pattern does not give. */
    exact: z.boolean().default(false),
    /** The exit status it must have ended with: success unless the exercise says otherwise, or `any`. */
    status: z.union([z.number().int().min(0).max(255), z.literal('any')]).default(0),
  }),
  z.object({
    type: z.literal('same-digest'),
    /** Image references (`localhost:5000/team/tools:1.0`), each resolved by the registry it names. */
    refs: z.array(z.string().min(1)).min(2),
    /** A file on the host that must show the digest they share, once for each reference. */
    shownIn: z.string().startsWith('/').optional(),
  }),
  z.object({
    type: z.literal('vm-running'),
    name: z.string(),
    memoryMiB: z.number().int().positive().optional(),
    booted: z.boolean().default(true),
  }),
]);

export const task = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: localized,
  hints: z.array(localized).default([]),
  checks: z.array(check).min(1),
  /** Command lines that complete the task from the state the previous tasks leave. */
  solution: z.array(z.string().min(1)).min(1),
});

export const exercise = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'exercise ids are lowercase words joined by hyphens'),
  /** Bumped when checks change, so a result always names the rules it was graded by. */
  version: z.number().int().positive().default(1),
  title: localized,
  instructions: localized,
  scenario: z
    .object({
      machine: z.enum(['server', 'desktop']).default('server'),
      seed: z.string().optional(),
      /** Commands run before the learner starts (their output is not shown). */
      setup: z.array(z.string()).default([]),
    })
    .default({ machine: 'server', setup: [] }),
  tasks: z.array(task).min(1),
});

export type CheckInput = z.input<typeof check>;
export type Check = z.output<typeof check>;
export type TaskInput = z.input<typeof task>;
export type Task = z.output<typeof task>;
export type ExerciseInput = z.input<typeof exercise>;
export type Exercise = z.output<typeof exercise>;
