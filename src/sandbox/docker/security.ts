/**
 * The daemon's and the client's reading of `--cap-add`, `--cap-drop` and `--security-opt`
 * (moby's `oci/caps` and `daemon/create.go`, docker/cli's `parseSecurityOpts`).
 */

/** Linux's capabilities, as the daemon knows them (`capability.ListKnownCapabilities`). */
const KNOWN_CAPABILITIES = new Set(
  [
    'CHOWN',
    'DAC_OVERRIDE',
    'DAC_READ_SEARCH',
    'FOWNER',
    'FSETID',
    'KILL',
    'SETGID',
    'SETUID',
    'SETPCAP',
    'LINUX_IMMUTABLE',
    'NET_BIND_SERVICE',
    'NET_BROADCAST',
    'NET_ADMIN',
    'NET_RAW',
    'IPC_LOCK',
    'IPC_OWNER',
    'SYS_MODULE',
    'SYS_RAWIO',
    'SYS_CHROOT',
    'SYS_PTRACE',
    'SYS_PACCT',
    'SYS_ADMIN',
    'SYS_BOOT',
    'SYS_NICE',
    'SYS_RESOURCE',
    'SYS_TIME',
    'SYS_TTY_CONFIG',
    'MKNOD',
    'LEASE',
    'AUDIT_WRITE',
    'AUDIT_CONTROL',
    'SETFCAP',
    'MAC_OVERRIDE',
    'MAC_ADMIN',
    'SYSLOG',
    'WAKE_ALARM',
    'BLOCK_SUSPEND',
    'AUDIT_READ',
    'PERFMON',
    'BPF',
    'CHECKPOINT_RESTORE',
  ].map((name) => `CAP_${name}`),
);

/**
 * Capability names as the daemon stores them: upper case with the `CAP_` prefix, `ALL` as is
 * (`--cap-add net_bind_service` is kept as `CAP_NET_BIND_SERVICE`). An unknown name is the daemon's
 * `unknown capability: "CAP_BOGUS"`.
 */
export function normaliseCapabilities(names: readonly string[]): { caps: string[] } | { error: string } {
  const caps: string[] = [];
  for (const name of names) {
    const upper = name.toUpperCase();
    if (upper === 'ALL') {
      caps.push('ALL');
      continue;
    }
    const cap = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
    if (!KNOWN_CAPABILITIES.has(cap)) return { error: `unknown capability: "${cap}"` };
    caps.push(cap);
  }
  return { caps };
}

/**
 * The client's check of `--security-opt`: `no-new-privileges` alone, or `key=value` (`key:value`
 * is the older spelling). Returns the client's error for anything else; the daemon then accepts only
 * the keys it knows.
 */
export function securityOptError(opts: readonly string[]): string | undefined {
  for (const opt of opts) {
    if (opt === 'no-new-privileges') continue;
    const parts = opt.includes('=') ? opt.split(/=(.*)/s) : opt.split(/:(.*)/s);
    if (parts.length < 2) return `Invalid --security-opt: "${opt}"`;
  }
  return undefined;
}

/** The daemon's check of `--security-opt` keys (`parseSecurityOpt`). */
export function securityOptDaemonError(opts: readonly string[]): string | undefined {
  for (const opt of opts) {
    if (opt === 'no-new-privileges') continue;
    const [key = '', value = ''] = opt.includes('=') ? opt.split(/=(.*)/s) : opt.split(/:(.*)/s);
    const known = ['label', 'apparmor', 'seccomp', 'systempaths', 'writable-cgroups'].includes(key);
    const flagValue = key === 'no-new-privileges' && ['true', 'false', '1', '0'].includes(value);
    if (!known && !flagValue) return `invalid --security-opt 2: "${opt}"`;
  }
  return undefined;
}

/** What a container's processes may do by default (moby's `oci/caps/defaults.go`). */
const DEFAULT_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

/**
 * The capabilities a container's processes keep: Docker's default set less `--cap-drop`, plus
 * `--cap-add` (which wins). Undefined when neither flag was given: the default set, unrecorded.
 */
export function containerCapabilities(hostConfig: {
  capAdd?: readonly string[];
  capDrop?: readonly string[];
}): string[] | undefined {
  const { capAdd = [], capDrop = [] } = hostConfig;
  if (capAdd.length === 0 && capDrop.length === 0) return undefined;
  if (capAdd.includes('ALL')) return [...KNOWN_CAPABILITIES];
  const kept = capDrop.includes('ALL') ? [] : DEFAULT_CAPABILITIES.filter((c) => !capDrop.includes(c));
  return [...new Set([...kept, ...capAdd])];
}
