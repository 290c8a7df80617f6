import { z } from 'zod';

/**
 * The conformance corpus (`conformance/*.yaml`, docs/CONFORMANCE.md): command lines run on the real
 * tools, with what they printed, replayed in the sandbox and compared. Real output is written by
 * `npm run conformance:record`, never by hand.
 */

/** What a case exercises; the report gives agreement per area. */
export const conformanceAreas = ['docker-cli', 'build', 'shell-coreutils', 'busybox', 'vm'] as const;

/**
 * Normalisation rules a case may name (src/conformance/normalise.ts defines and documents each).
 * Kept here so a case naming an unknown rule fails validation.
 */
export const normalisationRuleNames = [
  'ids',
  'digests',
  'relative-times',
  'timestamps',
  'file-dates',
  'sizes-of-local-images',
  'table-spacing',
  'buildkit-timings',
  'buildx-instance-line',
  'daemon-20.10-wording',
  'busybox-version',
  'round-trip-times',
  'pull-checksum-step',
  'host-key-fingerprints',
  'uuids',
  'vbox-macs',
  'vboxdrv-warning',
] as const;

/**
 * Images a case needs: the sandbox pulls them from its catalogue, the recorder makes them locally.
 * `registry` is registry:2, for cases that run a registry of their own on localhost:5000.
 */
export const conformanceImages = ['busybox', 'alpine', 'debian', 'registry'] as const;

/**
 * A running guest a case reaches with `ssh` by name. The sandbox creates it as the lessons do
 * (`virt-install … --osinfo <os> --import`) and waits for its sshd; the recorder starts a stand-in
 * with the same name and address: an OpenSSH server in a network namespace of its own
 * (docs/CONFORMANCE.md, "The stand-in guest").
 */
export const conformanceGuest = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a guest name is a lowercase host name'),
    os: z.enum(['debian13', 'ubuntu24.04']).default('debian13'),
  })
  .strict();

/**
 * What a newer release of the tool prints for a line, where the oracle's older release differs
 * (Engine 20.10 against the Engine 28 the sandbox simulates, an older osinfo-db). The sandbox is
 * compared with this instead of the recording, which stays as the evidence of the older tool. Only
 * with a link to the newer tool's source or documentation that shows it.
 */
export const newerToolOutput = z
  .object({
    /** The newer tool's source or documentation that shows this output (a pinned link where possible). */
    source: z.string().url().startsWith('https://'),
    /** One sentence: what changed, and in which release. */
    why: z.string().min(1),
    /** The newer tool's output for the line; the recording when omitted. */
    out: z.string().optional(),
    /** The newer tool's `$?` for the line; the recording when omitted. */
    status: z.number().int().min(0).max(255).optional(),
  })
  .strict()
  .refine((n) => n.out !== undefined || n.status !== undefined, 'give the newer out, status or both');

/** One line (or a few lines typed together, such as a heredoc) and what the real terminal showed. */
export const conformanceLine = z
  .object({
    in: z.string().min(1),
    /** stdout and stderr as they appeared, interleaved, on one pipe (the recorder fills this). */
    out: z.string().optional(),
    /** `$?` after the line (the recorder fills this). */
    status: z.number().int().min(0).max(255).optional(),
    newer: newerToolOutput.optional(),
  })
  .strict();

export const conformanceCase = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'case ids are lowercase words joined by hyphens'),
    area: z.enum(conformanceAreas),
    machine: z.enum(['server', 'desktop']).default('server'),
    /** One sentence: what the case shows. */
    about: z.string().optional(),
    images: z.array(z.enum(conformanceImages)).default([]),
    /** A guest the case reaches with `ssh` (server machine only). */
    guest: conformanceGuest.optional(),
    /** Variables exported in both shells before setup (e.g. DOCKER_BUILDKIT=0). */
    env: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.string()).default({}),
    /**
     * Which Docker client the recorder puts first on PATH: the 28.2 client (default) or Debian's
     * 20.10 one, the only one here that prints BuildKit's plain progress. The sandbox has one.
     */
    realClient: z.enum(['docker-28', 'docker-20.10']).default('docker-28'),
    /** Lines run first in both places, their output not compared; each must succeed. */
    setup: z.array(z.string().min(1)).default([]),
    lines: z.array(conformanceLine).min(1),
    /** Named rules applied to both sides' output before comparing (only those named here). */
    normalise: z.array(z.enum(normalisationRuleNames)).default([]),
    /** A disagreement here fails `npm run conformance` whatever the overall figure. */
    mustAgree: z.boolean().default(false),
    /** Why the sandbox is known to differ here, when it does (documentation only). */
    knownDivergence: z.string().optional(),
    /** When and with what the real output was recorded (the recorder fills this). */
    recorded: z
      .object({
        at: z.string(),
        versions: z.record(z.string(), z.string()),
      })
      .optional(),
  })
  .strict()
  .refine((c) => c.guest === undefined || c.machine === 'server', {
    message: 'a guest runs on the server machine (libvirt)',
    path: ['guest'],
  });

export const conformanceFile = z
  .object({
    cases: z.array(conformanceCase).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, c] of file.cases.entries()) {
      if (seen.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['cases', i, 'id'], message: `duplicate ${c.id}` });
      seen.add(c.id);
    }
  });

export type ConformanceArea = (typeof conformanceAreas)[number];
export type NormalisationRuleName = (typeof normalisationRuleNames)[number];
export type ConformanceGuestInput = z.input<typeof conformanceGuest>;
export type ConformanceGuest = z.output<typeof conformanceGuest>;
export type NewerToolOutputInput = z.input<typeof newerToolOutput>;
export type NewerToolOutput = z.output<typeof newerToolOutput>;
export type ConformanceLineInput = z.input<typeof conformanceLine>;
export type ConformanceLine = z.output<typeof conformanceLine>;
export type ConformanceCaseInput = z.input<typeof conformanceCase>;
export type ConformanceCase = z.output<typeof conformanceCase>;
export type ConformanceFileInput = z.input<typeof conformanceFile>;
export type ConformanceFile = z.output<typeof conformanceFile>;
