import type { NormalisationRuleName } from '../schemas/conformance-case.ts';

/**
 * Normalisation rules for the conformance corpus (docs/CONFORMANCE.md). A case names the rules it
 * needs; each rule rewrites both sides' output the same way before they are compared. A rule may
 * only hide what cannot agree between a real machine and a seeded simulation (random ids, clocks,
 * the sizes of locally made images, a daemon version's wording); never an exit status, which files
 * exist, what a command lists, or whether a limit fired. Rules that number things (ids, digests)
 * keep equality: the same id printed twice is the same placeholder, a different one is not.
 */

/** Per-side memory of one case, so numbering runs across its lines. */
export interface NormaliseState {
  ids: string[];
  digests: string[];
  uuids: string[];
  macs: string[];
  fingerprints: string[];
}

export function newNormaliseState(): NormaliseState {
  return { ids: [], digests: [], uuids: [], macs: [], fingerprints: [] };
}

/** The placeholder number of a value, by first appearance in its list (added when new). */
function numberOf(seen: string[], value: string): number {
  const index = seen.indexOf(value);
  return index === -1 ? seen.push(value) : index + 1;
}

export interface NormalisationRule {
  name: NormalisationRuleName;
  /** What it rewrites and why that cannot be a semantic difference. */
  doc: string;
  apply: (text: string, state: NormaliseState) => string;
}

/**
 * A 64-digit hex id, or a 12-digit one (its short form) holding at least one letter; one of only
 * digits (one in 280 is) where the legacy builder prints nothing but an id.
 */
const HEX_ID =
  /(?<![0-9a-f])(?:[0-9a-f]{64}|(?=[0-9]*[a-f])[0-9a-f]{12}|(?<=(?:---> |Successfully built |Running in |Removing intermediate container ))[0-9]{12})(?![0-9a-f])/g;

function numberId(state: NormaliseState, id: string): number {
  const short = id.slice(0, 12);
  let index = state.ids.findIndex((known) => known.slice(0, 12) === short);
  if (index === -1) {
    state.ids.push(id);
    index = state.ids.length - 1;
  } else if (id.length > (state.ids[index] as string).length) state.ids[index] = id;
  return index + 1;
}

const UNITS = '(?:second|minute|hour|day|week|month|year)s?';
const DURATION = new RegExp(`(?:Less than a second|About an? (?:minute|hour)|\\d+ ${UNITS})`, 'g');

/**
 * Messages that Engine 20.10's daemon (the one the oracle runs) words differently from Engine 28's
 * (the one the sandbox simulates): each rewrites the old wording to the new, with the source that
 * shows the new one. Only wording: the status and the fact reported stay the same.
 */
export const DAEMON_WORDING: { from: RegExp; to: string; source: string }[] = [
  {
    // Since Engine 23 the daemon wraps containerd's error, and runc 1.2 says where init failed.
    from: /failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: /g,
    to: 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: ',
    source:
      'https://github.com/moby/moby/blob/v28.2.2/daemon/start.go (errors.Wrap "failed to create task for container"); https://github.com/opencontainers/runc/blob/v1.2.0/libcontainer/process_linux.go ("error during container init")',
  },
  {
    // Engine 25 lowercased the daemon's "is not running" (errNotRunning).
    from: /\bContainer ([0-9a-f]{12,64}|<id-\d+>) is not running/g,
    to: 'container $1 is not running',
    source: 'https://github.com/moby/moby/blob/v28.2.2/daemon/errors.go',
  },
  {
    // Since Engine 28 a failure to set up a starting container's network (a host port taken) says so first.
    from: /daemon: driver failed programming external connectivity on endpoint /g,
    to: 'daemon: failed to set up container networking: driver failed programming external connectivity on endpoint ',
    source: 'https://github.com/moby/moby/blob/v28.5.1/daemon/start_linux.go (errSetupNetworking)',
  },
  {
    from: /\bNo command specified\b/g,
    to: 'no command specified',
    source: 'https://github.com/moby/moby/blob/v28.2.2/daemon/create.go (mergeAndVerifyConfig)',
  },
  {
    // Engine 28's filter errors begin in lower case (invalidFilter.Error).
    from: /\bInvalid filter '/g,
    to: "invalid filter '",
    source: 'https://github.com/moby/moby/blob/v28.5.1/api/types/filters/errors.go',
  },
  {
    from: /\bCannot kill container: /g,
    to: 'cannot kill container: ',
    source: 'https://github.com/moby/moby/blob/v28.2.2/daemon/kill.go',
  },
  {
    // 20.10 names the container by id; 28 by name. Both become 28's sentence with the name left out.
    from: /You cannot remove a running container (?:[0-9a-f]{64}|<id-\d+>)\. Stop the container before attempting removal or force remove|cannot remove container "[^"]*": container is running: stop the container before removing or force remove/g,
    to: 'cannot remove container "<running container>": container is running: stop the container before removing or force remove',
    source: 'https://github.com/moby/moby/blob/v28.2.2/daemon/delete.go',
  },
  {
    // Engine 28's legacy builder parses with the Dockerfile parser it vendors from BuildKit.
    from: /\bdockerfile parse error line (\d+): /g,
    to: 'dockerfile parse error on line $1: ',
    source:
      'https://github.com/moby/buildkit/blob/v0.21.1/frontend/dockerfile/instructions/parse.go (parseError.Error), vendored by https://github.com/moby/moby/blob/v28.2.2/builder/dockerfile/builder.go',
  },
];

export const RULES: Record<NormalisationRuleName, NormalisationRule> = {
  ids: {
    name: 'ids',
    doc: 'Container, image, network and volume ids (64 hex digits, or the 12-digit short form) become <id-N>, numbered by first appearance in the case; a short id is the same N as its long form.',
    apply: (text, state) => text.replace(HEX_ID, (id) => `<id-${numberId(state, id)}>`),
  },
  digests: {
    name: 'digests',
    doc: 'sha256:<64 hex> digests become sha256:<digest-N>, numbered by first appearance in the case.',
    apply: (text, state) =>
      text.replace(
        /sha256:([0-9a-f]{64})/g,
        (_, hex: string) => `sha256:<digest-${numberOf(state.digests, hex)}>`,
      ),
  },
  uuids: {
    name: 'uuids',
    doc: "UUIDs (VirtualBox's machines and media, 8-4-4-4-12 hex digits) become <uuid-N>, numbered by first appearance in the case: VirtualBox makes them at random.",
    apply: (text, state) =>
      text.replace(
        /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f-])/gi,
        (uuid) => `<uuid-${numberOf(state.uuids, uuid.toLowerCase())}>`,
      ),
  },
  'vbox-macs': {
    name: 'vbox-macs',
    doc: "The MAC addresses VirtualBox gives a machine's network cards (080027 and six hex digits at random, https://github.com/mirror/vbox/blob/master/src/VBox/Main/src-server/HostImpl.cpp, Host::i_generateMACAddress) become 080027<mac-N>, numbered by first appearance in the case; the Oracle prefix stays.",
    apply: (text, state) =>
      text.replace(
        /\b080027([0-9A-F]{6})\b/g,
        (_, tail: string) => `080027<mac-${numberOf(state.macs, tail)}>`,
      ),
  },
  'vboxdrv-warning': {
    name: 'vboxdrv-warning',
    doc: "Drops the warning Ubuntu's VBox.sh prints before each VirtualBox program when /dev/vboxdrv is missing (WARNING: The character device /dev/vboxdrv does not exist. …): the recording machine has no vboxdrv module, the sandbox's desktop has it loaded, and there the script prints nothing.",
    apply: (text) =>
      text.replace(
        /^WARNING: The character device \/dev\/vboxdrv does not exist\.\n\t Please install the virtualbox-dkms package and the appropriate\n\t headers, most likely linux-headers-[^\n]*\.\n\n\t You will not be able to start VMs until this problem is fixed\.\n/gm,
        '',
      ),
  },
  'relative-times': {
    name: 'relative-times',
    doc: 'Docker\'s human durations ("2 seconds", "About a minute", "12 months") become <duration>; the words around them ("Up", "Exited (0)", "ago") stay.',
    apply: (text) => text.replace(DURATION, '<duration>'),
  },
  timestamps: {
    name: 'timestamps',
    doc: "RFC 3339 times (2026-11-02T09:00:00.123Z), VirtualBox's, in UTC without a zone and with nine digits of fraction (2026-11-02T09:00:00.123000000), and Go's default time format (2026-11-02 09:00:00 +0000 UTC) become <timestamp>.",
    apply: (text) =>
      text
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g, '<timestamp>')
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}\b/g, '<timestamp>')
        .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} [A-Z]+/g, '<timestamp>'),
  },
  'file-dates': {
    name: 'file-dates',
    doc: 'The date column of ls -l ("Oct 27 14:12", "Oct  7  2025") becomes <date>.',
    apply: (text) =>
      text.replace(
        /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d (?:\d\d:\d\d| \d{4})\b/g,
        '<date>',
      ),
  },
  'sizes-of-local-images': {
    name: 'sizes-of-local-images',
    doc: "Docker's sizes (7.29MB, 1.2kB, 0B) become <size>: for output about images the oracle made locally, which are not the catalogue's images byte for byte.",
    apply: (text) => text.replace(/\b\d+(?:\.\d+)?(?:B|kB|MB|GB|TB)\b/g, '<size>'),
  },
  'table-spacing': {
    name: 'table-spacing',
    doc: 'Runs of two or more spaces become two, and trailing spaces go: column padding, which follows from cells other rules have rewritten.',
    apply: (text) => text.replace(/ {2,}/g, '  ').replace(/ +$/gm, ''),
  },
  'buildkit-timings': {
    name: 'buildkit-timings',
    doc: "BuildKit's elapsed times (DONE 0.4s, 0.0s done, a RUN line's 0.236 prefix) become <t>.",
    apply: (text) =>
      text
        .replace(/\b\d+\.\d+s\b/g, '<t>')
        .replace(/^(#\d+) \d+\.\d+ /gm, '$1 <t> ')
        .replace(/\b\d+(?:\.\d+)?(?:B|kB|MB)(?= \/ \d| done$)/gm, '<size>'),
  },
  'buildx-instance-line': {
    name: 'buildx-instance-line',
    doc: 'Drops buildx\'s first line (#0 building with "default" instance using docker driver), which the 20.10 client\'s built-in BuildKit client does not print; see https://github.com/docker/buildx/blob/v0.24.0/commands/build.go.',
    apply: (text) => text.replace(/^#0 building with "[^"]*" instance using [a-z-]+ driver\n\n?/gm, ''),
  },
  'daemon-20.10-wording': {
    name: 'daemon-20.10-wording',
    doc: "Rewrites Engine 20.10's daemon messages to Engine 28's wording (DAEMON_WORDING lists each with its source).",
    apply: (text) => DAEMON_WORDING.reduce((t, w) => t.replace(w.from, w.to), text),
  },
  'busybox-version': {
    name: 'busybox-version',
    doc: "BusyBox's version banner (BusyBox v1.35.0 (Debian 1:1.35.0-4+b3)) becomes BusyBox v<version>: the oracle's BusyBox is Debian's 1.35, the catalogue's 1.37.",
    apply: (text) => text.replace(/BusyBox v\d+\.\d+\.\d+(?:\.\w+)?(?: \([^)\n]*\))?/g, 'BusyBox v<version>'),
  },
  'pull-checksum-step': {
    name: 'pull-checksum-step',
    doc: "Drops a layer's `Verifying Checksum` line from docker pull's progress: the daemon passes on only a transfer's latest state (https://github.com/moby/moby/blob/v28.5.2/distribution/xfer/transfer.go), so whether this passing step reaches the client depends on timing (over loopback it often does not). The layer's other lines stay.",
    apply: (text) => text.replace(/^[^\n:]+: Verifying Checksum\n/gm, ''),
  },
  'round-trip-times': {
    name: 'round-trip-times',
    doc: "ping's measured times (time=0.081 ms, round-trip min/avg/max = 0.081/0.090/0.099 ms) become <t>: a real network's latency is not the sandbox's.",
    apply: (text) =>
      text
        .replace(/\btime=\d+(?:\.\d+)? ms/g, 'time=<t> ms')
        .replace(/= \d+\.\d+\/\d+\.\d+\/\d+\.\d+(?:\/\d+\.\d+)? ms/g, '= <t> ms'),
  },
  'host-key-fingerprints': {
    name: 'host-key-fingerprints',
    doc: "OpenSSH's key fingerprints (SHA256: and 43 base64 digits) become SHA256:<fingerprint-N>, numbered by first appearance in the case: a guest's host key is made at random when it first boots.",
    apply: (text, state) =>
      text.replace(
        /SHA256:([A-Za-z0-9+/]{43})(?![A-Za-z0-9+/])/g,
        (_, key: string) => `SHA256:<fingerprint-${numberOf(state.fingerprints, key)}>`,
      ),
  },
};

/** Order matters: digests before ids (a digest is 64 hex digits too), wording after ids; spacing last. */
const ORDER: NormalisationRuleName[] = [
  'vboxdrv-warning',
  'buildx-instance-line',
  'pull-checksum-step',
  'buildkit-timings',
  'digests',
  'uuids',
  'ids',
  'vbox-macs',
  'daemon-20.10-wording',
  'timestamps',
  'relative-times',
  'file-dates',
  'sizes-of-local-images',
  'busybox-version',
  'round-trip-times',
  'host-key-fingerprints',
  'table-spacing',
];

/** Applies the named rules, in the fixed order above, to one line's output. */
export function normalise(
  text: string,
  rules: readonly NormalisationRuleName[],
  state: NormaliseState,
): string {
  let out = text;
  for (const name of ORDER) if (rules.includes(name)) out = RULES[name].apply(out, state);
  return out;
}
