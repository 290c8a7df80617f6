import { buildKitRecords, isLocalSource, pruneBuildCache, recordId, recordSize } from '../build/cache.ts';
import { tabwrite } from '../format/table.ts';
import { humanDuration, humanSize } from '../format/units.ts';
import { pruneContainers } from './containers.ts';
import { confirm, type DockerCli, type DockerCommand } from './context.ts';
import { flagOn } from './flags.ts';
import { pruneImages } from './images.ts';
import { pruneNetworks } from './network.ts';
import { pruneVolumes } from './volume.ts';

/**
 * `docker system prune`: stopped containers, then (with --volumes) anonymous volumes, then dangling
 * images (every unused one with -a), each group listed as it goes, then the total. Without -f it
 * asks first, listing what it would remove, and anything but `y` leaves everything as it was.
 */
export const systemPrune: DockerCommand['run'] = async (cli, parsed) => {
  const all = flagOn(parsed, 'all');
  const volumes = flagOn(parsed, 'volumes');
  if (!flagOn(parsed, 'force')) {
    const warnings = [
      'all stopped containers',
      'all networks not used by at least one container',
      ...(volumes ? ['all anonymous volumes not used by at least one container'] : []),
      all ? 'all images without at least one container associated to them' : 'all dangling images',
      all ? 'all build cache' : 'unused build cache',
    ];
    if (!confirm(cli, `WARNING! This will remove:\n${warnings.map((w) => `  - ${w}\n`).join('')}`)) return 0;
  }
  const containers = pruneContainers(cli);
  if (containers.ids.length > 0)
    cli.out(`Deleted Containers:\n${containers.ids.map((id) => `${id}\n`).join('')}\n`);
  let reclaimed = containers.reclaimed;
  const networks = pruneNetworks(cli.engine);
  if (networks.length > 0) cli.out(`Deleted Networks:\n${networks.map((n) => `${n}\n`).join('')}\n`);
  if (volumes) {
    const pruned = pruneVolumes(cli, false);
    if (pruned.names.length > 0)
      cli.out(`Deleted Volumes:\n${pruned.names.map((name) => `${name}\n`).join('')}\n`);
    reclaimed += pruned.reclaimed;
  }
  const images = pruneImages(cli, all);
  if (images.lines.length > 0) cli.out(`Deleted Images:\n${images.lines.map((l) => `${l}\n`).join('')}\n`);
  reclaimed += images.reclaimed;
  reclaimed += printPrunedCache(cli, all);
  cli.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  return 0;
};

/** Prunes the build cache and lists what went, as `builder prune` and `system prune` do; returns the bytes. */
function printPrunedCache(cli: DockerCli, all: boolean): number {
  const pruned = pruneBuildCache(cli.engine.state, all);
  if (pruned.ids.length > 0)
    cli.out(`Deleted build cache objects:\n${pruned.ids.map((id) => `${id}\n`).join('')}\n`);
  return pruned.reclaimed;
}

/**
 * `docker builder prune` as buildx runs it (`docker buildx prune`): each record it removes as a row of a
 * tab-padded table (the first row flushed with the header, then one flush per row), then the total.
 * Without -a only the unshared records (the local sources) go. buildx/commands/prune.go.
 */
export const buildxPrune: DockerCommand['run'] = async (cli, parsed) => {
  const all = flagOn(parsed, 'all');
  if (!flagOn(parsed, 'force') && !promptOneLine(cli, all)) return 0;
  const { state } = cli.engine;
  const gone = buildKitRecords(state.buildCache).filter(([key]) => all || isLocalSource(key));
  const tabs = { minWidth: 1, padding: 1, tabWidth: 8 };
  const row = ([key, entry]: (typeof gone)[number]) => {
    const size = `${humanSize(recordSize(state, entry))}${isLocalSource(key) ? '' : '*'}`;
    const accessed = `${humanDuration(cli.ctx.now() - entry.created)} ago`;
    return `${recordId(key).padEnd(40)}\t${'true'.padEnd(5)}\t${size.padEnd(10)}\t${accessed}\n`;
  };
  for (const [i, record] of gone.entries())
    cli.out(tabwrite(`${i === 0 ? 'ID\tRECLAIMABLE\tSIZE\tLAST ACCESSED\n' : ''}${row(record)}`, tabs));
  const { reclaimed } = pruneBuildCache(state, all);
  cli.out(tabwrite(`Total:\t${humanSize(reclaimed)}\n`, tabs));
  return 0;
};

/** builder prune's question, on one line; true when the answer is yes. */
function promptOneLine(cli: DockerCli, all: boolean): boolean {
  cli.out(
    `WARNING! This will remove all ${all ? '' : 'dangling '}build cache. Are you sure you want to continue? [y/N] `,
  );
  const answer = cli.ctx.stdin.read().split('\n')[0]?.trim().toLowerCase() ?? '';
  return answer === 'y' || answer === 'yes';
}

/**
 * `docker builder prune` with DOCKER_BUILDKIT=0 (the client's own command): BuildKit's unshared records (the local sources it loaded), or with -a every
 * record. Without -f it asks on one line, and anything but `y` leaves the cache as it was.
 */
export const legacyBuilderPrune: DockerCommand['run'] = async (cli, parsed) => {
  const all = flagOn(parsed, 'all');
  if (!flagOn(parsed, 'force') && !promptOneLine(cli, all)) return 0;
  cli.out(`Total reclaimed space: ${humanSize(printPrunedCache(cli, all))}\n`);
  return 0;
};
