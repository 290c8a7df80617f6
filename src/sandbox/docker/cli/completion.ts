import type { DockerEngine } from '../engine.ts';
import type { ContainerRecord, ContainerStatus } from '../state.ts';
import { dockerSubcommandNames, parseDockerArgv } from './index.ts';

/** Which objects a command's operands name, as the CLI's own completion functions offer them. */
type Operand =
  | { kind: 'containers'; running?: boolean; states?: ContainerStatus[]; except?: ContainerStatus[] }
  | { kind: 'images' | 'volumes' | 'networks' };

interface OperandRule {
  operand: Operand;
  /** Only the first operand names an object (`exec CONTAINER COMMAND`, `run IMAGE COMMAND`). */
  firstOnly?: boolean;
}

const STOPPED: ContainerStatus[] = ['exited', 'created'];
const containers = (
  rule: Omit<Extract<Operand, { kind: 'containers' }>, 'kind'> = {},
  firstOnly = false,
) => ({
  operand: { kind: 'containers' as const, ...rule },
  firstOnly,
});

/**
 * Docker CLI 28's `ValidArgsFunction`s (cli/command/completion): `ContainerNames(all, filters)`,
 * `ImageNames` (every RepoTag), `VolumeNames`, `NetworkNames`. `rm` offers running containers
 * too once `--force` is given.
 */
const RULES: Record<string, OperandRule> = {
  rm: containers({ states: STOPPED }),
  start: containers({ states: STOPPED }),
  stop: containers({ running: true }),
  kill: containers({ running: true }),
  wait: containers({ running: true }),
  stats: containers({ running: true }),
  top: containers({ running: true }, true),
  pause: containers({ running: true, except: ['paused'] }),
  unpause: containers({ states: ['paused'] }),
  exec: containers({ running: true, except: ['paused'] }, true),
  restart: containers(),
  logs: containers({}, true),
  port: containers({}, true),
  rename: containers({}, true),
  diff: containers({}, true),
  commit: containers({}, true),
  inspect: containers(),
  run: { operand: { kind: 'images' }, firstOnly: true },
  create: { operand: { kind: 'images' }, firstOnly: true },
  rmi: { operand: { kind: 'images' } },
  history: { operand: { kind: 'images' }, firstOnly: true },
  tag: { operand: { kind: 'images' }, firstOnly: true },
  push: { operand: { kind: 'images' }, firstOnly: true },
  'volume rm': { operand: { kind: 'volumes' } },
  'volume inspect': { operand: { kind: 'volumes' } },
  'network rm': { operand: { kind: 'networks' } },
  'network inspect': { operand: { kind: 'networks' } },
};

/** `docker image inspect` is `inspect` in the sandbox's command table, but names images. */
const IMAGE_ALIASES = new Set(['image inspect', 'image rm', 'image remove', 'image history', 'image tag']);

/**
 * What Tab offers after `docker …`: given the words already typed after `docker` (not the one being
 * completed), the subcommands, or the names of the containers, images, volumes or networks the
 * command takes there. Undefined when docker offers nothing of its own (a flag's value, say).
 */
export function dockerCompletions(engine: DockerEngine, typed: string[]): string[] | undefined {
  const words = typed.filter((w) => !w.startsWith('-'));
  if (words.length === 0) return undefined;
  if (words.length === 1 && typed.length === 1) {
    const sub = dockerSubcommandNames(words[0] as string);
    if (sub.length > 0) return sub;
  }
  const parsed = parseDockerArgv(typed);
  if (!parsed.ok) return undefined;
  const { command, flags, positionals } = parsed.argv;
  const spelled = typed.slice(0, 2).join(' ');
  const rule = IMAGE_ALIASES.has(spelled) ? { operand: { kind: 'images' as const } } : RULES[command];
  if (!rule || (rule.firstOnly && positionals.length > 0)) return undefined;
  const operand = rule.operand;
  engine.reconcile();
  const state = engine.state;
  switch (operand.kind) {
    case 'images':
      return Object.keys(state.images).flatMap((id) => engine.tagsOf(id));
    case 'volumes':
      return Object.keys(state.volumes);
    case 'networks':
      return Object.values(state.networks).map((n) => n.name);
    case 'containers': {
      const forced = command === 'rm' && flags.force?.includes('true');
      return Object.values(state.containers)
        .filter((c) => forced || offered(c, operand))
        .map((c) => c.name);
    }
  }
}

function offered(c: ContainerRecord, rule: Extract<Operand, { kind: 'containers' }>): boolean {
  const status = c.state.status;
  if (rule.running && status !== 'running' && status !== 'paused' && status !== 'restarting') return false;
  if (rule.states && !rule.states.includes(status)) return false;
  return !rule.except?.includes(status);
}
