import { z } from 'zod';
import { type BuildConfig, buildInput } from './build.ts';
import { command, listOfStrings, listOrDict, passthrough, specObject, stringOrNumber } from './common.ts';
import { dependsOnInput, type ServiceDependency } from './depends-on.ts';
import { type Environment, envFileInput, environmentInput } from './environment.ts';
import { type Healthcheck, healthcheckInput } from './healthcheck.ts';
import { type ServiceNetwork, serviceNetworksInput } from './network.ts';
import { portInput, type ServicePort } from './port.ts';
import { type ServiceVolume, serviceVolumeInput } from './volume.ts';

/** Spec keys of a service that Quayside accepts and prints back as written, without modelling them. */
export const UNMODELLED_SERVICE_KEYS = [
  'develop',
  'deploy',
  'annotations',
  'attach',
  'blkio_config',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'configs',
  'cpu_count',
  'cpu_percent',
  'cpu_shares',
  'cpu_quota',
  'cpu_period',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpus',
  'cpuset',
  'credential_spec',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'label_file',
  'extends',
  'provider',
  'external_links',
  'extra_hosts',
  'gpus',
  'group_add',
  'hostname',
  'init',
  'ipc',
  'isolation',
  'links',
  'logging',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'network_mode',
  'models',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'post_start',
  'pre_stop',
  'privileged',
  'pull_policy',
  'pull_refresh_after',
  'read_only',
  'runtime',
  'scale',
  'security_opt',
  'shm_size',
  'secrets',
  'sysctls',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'tmpfs',
  'tty',
  'ulimits',
  'use_api_socket',
  'uts',
  'userns_mode',
  'volumes_from',
] as const;

/** One entry of `services` as a Compose file may write it. */
export const serviceInput = specObject({
  build: buildInput.optional(),
  command: command.optional(),
  container_name: z
    .string()
    .regex(/[a-zA-Z0-9][a-zA-Z0-9_.-]+/)
    .optional(),
  depends_on: dependsOnInput.optional(),
  entrypoint: command.optional(),
  env_file: envFileInput.optional(),
  environment: environmentInput.optional(),
  expose: z.array(stringOrNumber).optional(),
  healthcheck: healthcheckInput.optional(),
  image: z.string().optional(),
  labels: listOrDict.optional(),
  networks: serviceNetworksInput.optional(),
  ports: z.array(portInput).optional(),
  profiles: listOfStrings.optional(),
  restart: z.string().optional(),
  user: z.string().optional(),
  volumes: z.array(serviceVolumeInput).optional(),
  working_dir: z.string().optional(),
  ...Object.fromEntries(UNMODELLED_SERVICE_KEYS.map((k) => [k, passthrough.optional()])),
});
export type ServiceInput = z.input<typeof serviceInput>;

/** A service of a loaded, normalised project: what `up` creates containers from. */
export interface Service {
  name: string;
  profiles?: string[];
  build?: BuildConfig;
  /** null: cleared (`command: []`); undefined: the image's. */
  command?: string[] | null;
  container_name?: string;
  depends_on: Record<string, ServiceDependency>;
  entrypoint?: string[] | null;
  environment: Environment;
  expose: string[];
  healthcheck?: Healthcheck;
  image?: string;
  labels: Record<string, string>;
  networks: Record<string, ServiceNetwork>;
  /** Set when the service uses `network_mode` instead of networks. */
  network_mode?: string;
  ports: ServicePort[];
  restart?: string;
  user?: string;
  volumes: ServiceVolume[];
  working_dir?: string;
  /** Accepted keys that are not modelled, and `x-` extensions, as written. */
  extra: Record<string, unknown>;
}
