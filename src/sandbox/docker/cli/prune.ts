import { humanSize } from '../format/units.ts';
import { pruneContainers } from './containers.ts';
import { confirm, type DockerCommand } from './context.ts';
import { flagOn } from './flags.ts';
import { pruneImages } from './images.ts';
import { pruneVolumes } from './volume.ts';

/**
 * `docker system prune`: stopped containers, then (with --volumes) anonymous volumes, then dangling
 * images (every unused one with -a), each group listed as it goes, then the total. Without -f it
 * asks first, listing what it would remove, and anything but `y` leaves everything as it was.
 */
export const systemPrune: DockerCommand = {
  name: 'system prune',
  usage: 'docker system prune [OPTIONS]',
  summary: 'Remove unused data',
  flags: [
    { name: 'all', short: 'a', usage: 'Remove all unused images not just dangling ones' },
    { name: 'force', short: 'f', usage: 'Do not prompt for confirmation' },
    { name: 'volumes', usage: 'Prune anonymous volumes' },
    { name: 'help' },
  ],
  maxArgs: 0,
  run: async (cli, parsed) => {
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
      if (!confirm(cli, `WARNING! This will remove:\n${warnings.map((w) => `  - ${w}\n`).join('')}`))
        return 0;
    }
    const containers = pruneContainers(cli);
    if (containers.ids.length > 0)
      cli.out(`Deleted Containers:\n${containers.ids.map((id) => `${id}\n`).join('')}\n`);
    let reclaimed = containers.reclaimed;
    if (volumes) {
      const pruned = pruneVolumes(cli, false);
      if (pruned.names.length > 0)
        cli.out(`Deleted Volumes:\n${pruned.names.map((name) => `${name}\n`).join('')}\n`);
      reclaimed += pruned.reclaimed;
    }
    const images = pruneImages(cli, all);
    if (images.lines.length > 0) cli.out(`Deleted Images:\n${images.lines.map((l) => `${l}\n`).join('')}\n`);
    reclaimed += images.reclaimed;
    cli.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
    return 0;
  },
};
