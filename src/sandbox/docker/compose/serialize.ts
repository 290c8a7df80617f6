import { formatDuration } from './canonical.ts';
import type { Project } from './model/project.ts';
import type { Service } from './model/service.ts';
import { type EmitMap, type EmitValue, emitYaml } from './yaml-emit.ts';

/**
 * `docker compose config`: the project as compose-go's Project.MarshalYAML writes it. Struct
 * fields come in Go declaration order (types.ServiceConfig, types.ServicePortConfig, …), maps sorted
 * by key, empty fields left out (`omitempty`); then config escapes every `$` as `$$`.
 */

/** types.ServiceConfig's YAML keys in declaration order. */
const SERVICE_FIELDS = [
  'name',
  'profiles',
  'annotations',
  'attach',
  'build',
  'develop',
  'blkio_config',
  'cap_add',
  'cap_drop',
  'cgroup_parent',
  'cgroup',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpus',
  'cpuset',
  'cpu_shares',
  'command',
  'configs',
  'container_name',
  'credential_spec',
  'depends_on',
  'deploy',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'dockerfile',
  'domainname',
  'entrypoint',
  'provider',
  'environment',
  'env_file',
  'expose',
  'extends',
  'external_links',
  'extra_hosts',
  'group_add',
  'gpus',
  'hostname',
  'healthcheck',
  'image',
  'init',
  'ipc',
  'isolation',
  'labels',
  'label_file',
  'links',
  'logging',
  'log_driver',
  'log_opt',
  'mem_limit',
  'mem_reservation',
  'memswap_limit',
  'mem_swappiness',
  'mac_address',
  'models',
  'net',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'ports',
  'privileged',
  'pull_policy',
  'read_only',
  'restart',
  'runtime',
  'scale',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'use_api_socket',
  'user',
  'userns_mode',
  'uts',
  'volume_driver',
  'volumes',
  'volumes_from',
  'working_dir',
  'post_start',
  'pre_stop',
];

/** An ordered map of the defined entries (omitempty). */
function ordered(entries: [string, EmitValue | undefined][]): EmitMap {
  const m: EmitMap = new Map();
  for (const [k, v] of entries) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v instanceof Map && v.size === 0) continue;
    if (v === false || v === '' || v === 0) continue;
    m.set(k, v);
  }
  return m;
}

function sortedMap(record: Record<string, EmitValue>): EmitMap {
  return new Map(
    Object.keys(record)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((k) => [k, record[k] as EmitValue]),
  );
}

function raw(v: unknown): EmitValue {
  if (v === null || typeof v !== 'object') return v as EmitValue;
  if (Array.isArray(v)) return v.map(raw);
  return sortedMap(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, raw(x)])));
}

export function serviceYaml(s: Service): EmitMap {
  const fields: Record<string, EmitValue | undefined> = {};
  for (const [k, v] of Object.entries(s.extra)) if (!k.startsWith('x-')) fields[k] = raw(v);
  fields.profiles = s.profiles;
  if (s.build) {
    const b = s.build;
    fields.build = ordered([
      ['context', b.context],
      ['dockerfile', b.dockerfile],
      ['dockerfile_inline', b.dockerfile_inline],
      ['args', b.args ? sortedMap(b.args) : undefined],
      ['labels', b.labels ? sortedMap(b.labels) : undefined],
      ['cache_from', b.cache_from],
      ['network', b.network],
      ['target', b.target],
      ['tags', b.tags],
      ['platforms', b.platforms],
    ]);
  }
  fields.command = s.command ?? undefined;
  fields.container_name = s.container_name;
  fields.depends_on = sortedMap(
    Object.fromEntries(
      Object.entries(s.depends_on).map(([k, d]) => [
        k,
        new Map<string, EmitValue>([
          ['condition', d.condition],
          ...(d.restart ? [['restart', true] as [string, EmitValue]] : []),
          ['required', d.required],
        ]),
      ]),
    ),
  );
  fields.entrypoint = s.entrypoint ?? undefined;
  fields.environment = sortedMap(s.environment);
  fields.expose = s.expose;
  if (s.healthcheck) {
    const h = s.healthcheck;
    const d = (ns: number | undefined) => (ns === undefined ? undefined : formatDuration(ns));
    fields.healthcheck = ordered([
      ['test', h.test],
      ['timeout', d(h.timeout)],
      ['interval', d(h.interval)],
      ['retries', h.retries],
      ['start_period', d(h.start_period)],
      ['start_interval', d(h.start_interval)],
      ['disable', h.disable],
    ]);
    if (h.retries === 0) (fields.healthcheck as EmitMap).set('retries', 0);
  }
  fields.image = s.image;
  fields.labels = sortedMap(s.labels);
  fields.network_mode = s.network_mode;
  fields.networks = sortedMap(
    Object.fromEntries(
      Object.entries(s.networks).map(([k, n]) => [
        k,
        n === null
          ? null
          : ordered([
              ['aliases', n.aliases],
              ['ipv4_address', n.ipv4_address],
              ['ipv6_address', n.ipv6_address],
              ['priority', n.priority],
            ]),
      ]),
    ),
  );
  fields.ports = s.ports.map((p) =>
    ordered([
      ['name', p.name],
      ['mode', p.mode],
      ['host_ip', p.host_ip],
      ['target', p.target],
      ['published', p.published],
      ['protocol', p.protocol],
      ['app_protocol', p.app_protocol],
    ]),
  );
  fields.restart = s.restart;
  fields.user = s.user;
  fields.volumes = s.volumes.map((v) => {
    const m = ordered([
      ['type', v.type],
      ['source', v.source],
      ['target', v.target],
      ['read_only', v.read_only],
      ['consistency', v.consistency],
    ]);
    // Non-nil option structs print even when empty (`volume: {}`).
    if (v.bind)
      m.set(
        'bind',
        ordered([
          ['selinux', v.bind.selinux],
          ['propagation', v.bind.propagation],
          ['create_host_path', v.bind.create_host_path],
          ['recursive', v.bind.recursive],
        ]),
      );
    if (v.volume)
      m.set(
        'volume',
        ordered([
          ['nocopy', v.volume.nocopy],
          ['subpath', v.volume.subpath],
        ]),
      );
    if (v.tmpfs)
      m.set(
        'tmpfs',
        ordered([
          ['size', v.tmpfs.size],
          ['mode', v.tmpfs.mode],
        ]),
      );
    return m;
  });
  fields.working_dir = s.working_dir;
  const out = ordered(SERVICE_FIELDS.map((k) => [k, fields[k]]));
  for (const k of Object.keys(s.extra)
    .filter((x) => x.startsWith('x-'))
    .sort())
    out.set(k, raw(s.extra[k]));
  return out;
}

function resourceYaml(r: Record<string, unknown>, keys: string[]): EmitMap {
  return ordered(
    keys.map((k) => {
      const v = r[k];
      if (k === 'labels' || k === 'driver_opts')
        return [k, v ? sortedMap(v as Record<string, EmitValue>) : undefined];
      return [k, v === undefined ? undefined : raw(v)];
    }),
  );
}

/** The project as a tree in Compose's field order. */
export function projectYaml(project: Project): EmitMap {
  const services = sortedMap(
    Object.fromEntries(Object.entries(project.services).map(([k, s]) => [k, serviceYaml(s)])),
  );
  const top: EmitMap = new Map<string, EmitValue>([
    ['name', project.name],
    ['services', services],
  ]);
  const networks = Object.entries(project.networks);
  if (networks.length > 0) {
    const keys = [
      'name',
      'driver',
      'driver_opts',
      'ipam',
      'external',
      'internal',
      'attachable',
      'labels',
      'enable_ipv4',
      'enable_ipv6',
    ];
    top.set('networks', sortedMap(Object.fromEntries(networks.map(([k, n]) => [k, resourceYaml(n, keys)]))));
  }
  const volumes = Object.entries(project.volumes);
  if (volumes.length > 0) {
    const keys = ['name', 'driver', 'driver_opts', 'external', 'labels'];
    top.set('volumes', sortedMap(Object.fromEntries(volumes.map(([k, v]) => [k, resourceYaml(v, keys)]))));
  }
  for (const k of ['secrets', 'configs', 'models'])
    if (project.extra[k] !== undefined) top.set(k, raw(project.extra[k]));
  for (const k of Object.keys(project.extra)
    .filter((x) => x.startsWith('x-'))
    .sort())
    top.set(k, raw(project.extra[k]));
  return top;
}

/** `docker compose config`'s YAML, `$` escaped as `$$`. */
export function configYaml(project: Project): string {
  return emitYaml(projectYaml(project)).replace(/\$/g, '$$$$');
}
