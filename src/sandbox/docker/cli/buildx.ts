/**
 * buildx's own commands, as the plugin of the 28 client has them (buildx 0.29.1 with the `docker`
 * driver, the only builder the sandbox has): `version`, `ls` and `imagetools inspect`.
 * Sources: commands/version.go, commands/ls.go and commands/imagetools/inspect.go in
 * https://github.com/docker/buildx/blob/v0.29.1/.
 */

import { tabwrite } from '../format/table.ts';
import { findInCatalogue } from '../images.ts';
import { fullName, parseReference, withDefaultTag } from '../reference.ts';
import type { DockerCommand } from './context.ts';
import { BUILDX_VERSION } from './specs/buildx.ts';

/** The commit of that release (`version.Revision`). */
const BUILDX_REVISION = 'a32761aeb3debd39be1eca514af3693af0db334b';
/** The BuildKit built into Engine 28.5, which the docker driver builds with. */
const ENGINE_BUILDKIT = 'v0.25.1';

export const buildxVersion: DockerCommand['run'] = async (cli) => {
  cli.out(`github.com/docker/buildx ${BUILDX_VERSION} ${BUILDX_REVISION}\n`);
  return 0;
};

/**
 * The builders and their nodes as a tree: only `default`, the docker driver on the local daemon,
 * building for the host's platforms (the amd64 levels its processor runs, then 386).
 */
export const buildxLs: DockerCommand['run'] = async (cli) => {
  // The host's processor runs x86-64-v3 (DETECTED_HOST_PLATFORM), so BuildKit offers each level to it.
  const platforms = ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/386'];
  cli.out(
    tabwrite(
      'NAME/NODE\tDRIVER/ENDPOINT\tSTATUS\tBUILDKIT\tPLATFORMS\n' +
        'default*\tdocker\t\t\t\n' +
        ` \\_ default\t \\_ default\trunning\t${ENGINE_BUILDKIT}\t${platforms.join(', ')}\n`,
    ),
  );
  return 0;
};

/**
 * A manifest as the registry serves it: its name, media type and digest. The client asks the
 * registry itself, so it reaches the local registries the sandbox runs and what the learner pushed to
 * Docker Hub; Docker Hub's own indexes are not simulated manifest by manifest.
 */
export const imagetoolsInspect: DockerCommand['run'] = async (cli, parsed) => {
  const name = parsed.positionals[0] as string;
  const reference = parseReference(name);
  if (!reference.ok) {
    cli.err(`ERROR: ${reference.error}\n`);
    return 1;
  }
  const ref = withDefaultTag(reference.ref);
  const shown = `${fullName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
  const store = cli.engine.registryFor(ref.domain);
  if ('error' in store) {
    cli.err(`ERROR: ${store.error}\n`);
    return 1;
  }
  const found = store.manifest(ref.path, ref.digest ?? (ref.tag as string));
  if (!found) {
    if (findInCatalogue(ref)) {
      cli.err(`ERROR: the sandbox does not show Docker Hub's image indexes (${shown})\n`);
      return 1;
    }
    cli.err(`ERROR: ${shown}: not found\n`);
    return 1;
  }
  const mediaType = (JSON.parse(found.text) as { mediaType?: string }).mediaType ?? '';
  cli.out(`Name:      ${shown}\nMediaType: ${mediaType}\nDigest:    ${found.digest}\n`);
  return 0;
};
