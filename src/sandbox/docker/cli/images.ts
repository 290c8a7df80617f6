import { compileGlob, globSegments } from '../../shell/glob.ts';
import { ellipsis, renderTable } from '../format/table.ts';
import { humanDuration, humanSize, humanSizeWithPrecision } from '../format/units.ts';
import { parsePlatform } from '../platform.ts';
import { familiarName, familiarString, fullString, parseReference, withDefaultTag } from '../reference.ts';
import type { ImageRecord } from '../state.ts';
import { confirmPrune, type DockerCli, type DockerCommand, daemonError, printFormatted } from './context.ts';
import { flag, flagAll, flagOn } from './flags.ts';
import { pulledReference, pullImage } from './pull.ts';

export const pull: DockerCommand['run'] = async (cli, parsed) => {
  const arg = parsed.positionals[0] as string;
  const ref = parseReference(arg);
  if (!ref.ok) {
    cli.err(`${ref.error}\n`);
    return 1;
  }
  const quiet = flagOn(parsed, 'quiet');
  const write = quiet ? () => {} : cli.out;
  if (!ref.ref.tag && !ref.ref.digest) write('Using default tag: latest\n');
  // The client sends --platform as it is; the daemon parses it.
  const platformFlag = flag(parsed, 'platform');
  const platform = platformFlag === undefined ? undefined : parsePlatform(platformFlag);
  if (platform && 'error' in platform) return daemonError(cli, platform.error);
  const result = await pullImage(cli, ref.ref, write, platform);
  if ('error' in result) {
    if (!result.streamed) return daemonError(cli, result.error);
    cli.err(`${result.error}\n`);
    return 1;
  }
  cli.out(`${pulledReference(ref.ref)}\n`);
  return 0;
};

export const images: DockerCommand['run'] = async (cli, parsed) => {
  const { engine, ctx } = cli;
  const now = ctx.now();
  const filter = parsed.positionals[0];
  const conditions = imageFilters(flagAll(parsed, 'filter'));
  if ('error' in conditions) return daemonError(cli, conditions.error);
  const rows: {
    Repository: string;
    Tag: string;
    ID: string;
    CreatedSince: string;
    CreatedAt: string;
    Size: string;
    Digest: string;
    created: number;
  }[] = [];
  for (const image of Object.values(engine.state.images)) {
    const refs = engine.tagsOf(image.id);
    // A repository the image has digests in and no tag (pulled by digest) gets a row tagged <none>
    // (imageFormat in https://github.com/docker/cli/blob/v28.2.2/cli/command/formatter/image.go).
    const tagged = new Set(refs.map((r) => r.slice(0, r.lastIndexOf(':'))));
    const digestOnly = new Set(
      image.repoDigests.map((d) => d.split('@')[0] ?? d).filter((r) => !tagged.has(r)),
    );
    const names = [...refs, ...[...digestOnly].map((r) => `${r}:<none>`)];
    if (names.length === 0) names.push('<none>:<none>');
    for (const ref of names) {
      const at = ref.lastIndexOf(':');
      const repository = ref.slice(0, at);
      const tag = ref.slice(at + 1);
      if (filter) {
        // The tag follows the last colon after the last slash: `localhost:5000/team/tools` has none.
        const colon = filter.lastIndexOf(':');
        const tagged = colon > filter.lastIndexOf('/');
        const [fRepo, fTag] = tagged
          ? [filter.slice(0, colon), filter.slice(colon + 1)]
          : [filter, undefined];
        if (repository !== fRepo || (fTag !== undefined && tag !== fTag)) continue;
      }
      if (!conditions.keep(image, refs, ref)) continue;
      rows.push({
        Repository: repository,
        Tag: tag,
        ID: flagOn(parsed, 'no-trunc') ? image.id : image.id.slice(7, 19),
        CreatedSince: `${humanDuration(now - image.created)} ago`,
        CreatedAt: new Date(image.created)
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, ' +0000 UTC'),
        Size: humanSizeWithPrecision(engine.imageSize(image), 3),
        Digest: image.repoDigests.find((d) => d.startsWith(`${repository}@`))?.split('@')[1] ?? '<none>',
        created: image.created,
      });
    }
  }
  rows.sort(
    (a, b) => b.created - a.created || a.Repository.localeCompare(b.Repository) || a.Tag.localeCompare(b.Tag),
  );
  if (flagOn(parsed, 'quiet')) {
    for (const id of [...new Set(rows.map((r) => r.ID))]) cli.out(`${id}\n`);
    return 0;
  }
  const format = flag(parsed, 'format');
  if (format) {
    return printFormatted(cli, format, rows, {
      Repository: 'REPOSITORY',
      Tag: 'TAG',
      ID: 'IMAGE ID',
      CreatedSince: 'CREATED',
      CreatedAt: 'CREATED AT',
      Size: 'SIZE',
      Digest: 'DIGEST',
    });
  }
  const digests = flagOn(parsed, 'digests');
  cli.out(
    renderTable([
      digests
        ? ['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE']
        : ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'],
      ...rows.map((r) =>
        digests
          ? [r.Repository, r.Tag, r.Digest, r.ID, r.CreatedSince, r.Size]
          : [r.Repository, r.Tag, r.ID, r.CreatedSince, r.Size],
      ),
    ]),
  );
  return 0;
};

export const tag: DockerCommand['run'] = async (cli, parsed) => {
  const [source = '', target = ''] = parsed.positionals;
  const ref = parseReference(target);
  if (!ref.ok) {
    cli.err(`Error parsing reference: "${target}" is not a valid repository/tag: ${ref.error}\n`);
    return 1;
  }
  const image = cli.engine.findImage(source);
  if (!image) {
    const named = parseReference(source);
    return daemonError(
      cli,
      `No such image: ${named.ok && !named.ref.digest ? familiarString(withDefaultTag(named.ref)) : source}`,
    );
  }
  if (ref.ref.digest) {
    cli.err('refusing to create a tag with a digest reference\n');
    return 1;
  }
  cli.engine.state.tags[fullString(withDefaultTag(ref.ref))] = image.id;
  image.lastTagTime = cli.ctx.now();
  return 0;
};

export const rmi: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  engine.reconcile();
  const errors: string[] = [];
  // With -f an image that is not there is said but is no failure; any other error is.
  let fatal = !flagOn(parsed, 'force');
  for (const name of parsed.positionals) {
    const image = engine.findImage(name);
    if (!image) {
      const ref = parseReference(name);
      errors.push(
        `Error response from daemon: No such image: ${ref.ok ? familiarString(withDefaultTag(ref.ref)) : name}`,
      );
      continue;
    }
    const refs = engine.tagsOf(image.id);
    const byTag = !/^(sha256:)?[a-f0-9]{4,64}$/.test(name);
    // By ID, an image that more than one repository names is removed only with -f.
    if (!byTag && !flagOn(parsed, 'force') && new Set(refs.map((r) => r.replace(/:[^:/]+$/, ''))).size > 1) {
      fatal = true;
      errors.push(
        `Error response from daemon: conflict: unable to delete ${image.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories`,
      );
      continue;
    }
    const users = Object.values(engine.state.containers).filter((c) => c.image === image.id);
    if (byTag && refs.length > 1) {
      const parsedRef = parseReference(name);
      if (!parsedRef.ok) continue;
      const ref = withDefaultTag(parsedRef.ref);
      delete engine.state.tags[fullString(ref)];
      cli.out(`Untagged: ${familiarString(ref)}\n`);
      // The repository's last tag takes its digest references with it (ImageDelete in
      // https://github.com/moby/moby/blob/v28.5.2/daemon/images/image_delete.go).
      const repository = familiarName(ref);
      if (engine.hasTagIn(repository, image.id)) continue;
      for (const digest of image.repoDigests.filter((d) => d.split('@')[0] === repository))
        cli.out(`Untagged: ${digest}\n`);
      image.repoDigests = image.repoDigests.filter((d) => d.split('@')[0] !== repository);
      continue;
    }
    const running = users.find((c) => c.state.status === 'running');
    if (users.length > 0 && (!flagOn(parsed, 'force') || running)) {
      const c = running ?? users[0];
      fatal = true;
      errors.push(
        running
          ? `Error response from daemon: conflict: unable to delete ${image.id.slice(7, 19)} (cannot be forced) - image is being used by running container ${c?.id.slice(0, 12)}`
          : byTag
            ? `Error response from daemon: conflict: unable to remove repository reference "${name}" (must force) - container ${c?.id.slice(0, 12)} is using its referenced image ${image.id.slice(7, 19)}`
            : `Error response from daemon: conflict: unable to delete ${image.id.slice(7, 19)} (must be forced) - image is being used by stopped container ${c?.id.slice(0, 12)}`,
      );
      continue;
    }
    for (const [ref, id] of Object.entries(engine.state.tags)) {
      if (id !== image.id) continue;
      delete engine.state.tags[ref];
      const parsedRef = parseReference(ref);
      cli.out(`Untagged: ${parsedRef.ok ? familiarString(parsedRef.ref) : ref}\n`);
    }
    for (const digest of image.repoDigests) cli.out(`Untagged: ${digest}\n`);
    delete engine.state.images[image.id];
    cli.out(`Deleted: ${image.id}\n`);
    // A container made from the image (removed with -f) keeps its layers: its own layer sits on them.
    const stillUsed = new Set([
      ...Object.values(engine.state.images).flatMap((i) => i.layers),
      ...(users.length > 0 ? image.layers : []),
    ]);
    for (const diffId of [...image.layers].reverse()) {
      if (stillUsed.has(diffId) || !engine.state.layers[diffId]) continue;
      delete engine.state.layers[diffId];
      cli.out(`Deleted: ${diffId}\n`);
    }
  }
  if (errors.length > 0) cli.err(`${errors.join('\n')}\n`);
  return errors.length > 0 && fatal ? 1 : 0;
};

export const history: DockerCommand['run'] = async (cli, parsed) => {
  const { engine, ctx } = cli;
  const name = parsed.positionals[0] as string;
  const image = engine.findImage(name);
  if (!image) return daemonError(cli, `No such image: ${name}`);
  const noTrunc = flagOn(parsed, 'no-trunc');
  const layers = [...image.layers];
  const rows = [...image.history].reverse().map((h, i) => {
    const size = h.emptyLayer ? 0 : (engine.state.layers[layers.pop() ?? '']?.size ?? 0);
    const createdBy = h.createdBy.replace(/\t/g, ' ');
    return {
      ID: i === 0 ? (noTrunc ? image.id : image.id.slice(7, 19)) : '<missing>',
      CreatedSince: `${humanDuration(ctx.now() - h.created)} ago`,
      CreatedBy: noTrunc ? createdBy : ellipsis(createdBy, 45),
      Size: humanSizeWithPrecision(size, 3),
      Comment: h.comment ?? '',
    };
  });
  if (flagOn(parsed, 'quiet')) {
    for (const r of rows) cli.out(`${r.ID}\n`);
    return 0;
  }
  const format = flag(parsed, 'format');
  if (format) {
    return printFormatted(cli, format, rows, {
      ID: 'IMAGE',
      CreatedSince: 'CREATED',
      CreatedBy: 'CREATED BY',
      Size: 'SIZE',
      Comment: 'COMMENT',
    });
  }
  cli.out(
    renderTable([
      ['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'],
      ...rows.map((r) => [r.ID, r.CreatedSince, r.CreatedBy, r.Size, r.Comment]),
    ]),
  );
  return 0;
};

/**
 * `docker images --filter`: `dangling=true|false`, `reference=PATTERN` (matched as Go's path.Match
 * against `name:tag` and `name`), `label=KEY` or `label=KEY=VALUE`; the daemon refuses other keys.
 */
function imageFilters(
  specs: string[],
): { keep(image: ImageRecord, refs: string[], ref: string): boolean } | { error: string } {
  const tests: ((image: ImageRecord, refs: string[], ref: string) => boolean)[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const key = spec.slice(0, eq);
    const value = spec.slice(eq + 1);
    if (key === 'dangling') {
      if (value !== 'true' && value !== 'false') return { error: `invalid filter 'dangling=[${value}]'` };
      tests.push((_image, refs) => (refs.length === 0) === (value === 'true'));
    } else if (key === 'reference') {
      const pattern = compileGlob(globSegments(value));
      tests.push(
        (_image, refs, ref) =>
          refs.length > 0 && (pattern.test(ref) || pattern.test(ref.replace(/:[^:/]+$/, ''))),
      );
    } else if (key === 'label') {
      const [name = '', wanted] = value.split(/=(.*)/s);
      tests.push((image) => {
        const labels = image.config.Labels ?? {};
        return name in labels && (wanted === undefined || labels[name] === wanted);
      });
    } else return { error: `invalid filter '${key}'` };
  }
  return { keep: (image, refs, ref) => tests.every((t) => t(image, refs, ref)) };
}

export const imagePrune: DockerCommand['run'] = async (cli, parsed) => {
  const all = flagOn(parsed, 'all');
  if (!flagOn(parsed, 'force')) {
    const what = all ? 'all images without at least one container associated to them' : 'all dangling images';
    if (!confirmPrune(cli, what)) return 0;
  }
  const { lines, reclaimed } = pruneImages(cli, all);
  if (lines.length > 0) cli.out(`Deleted Images:\n${lines.map((l) => `${l}\n`).join('')}\n`);
  cli.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  return 0;
};

/**
 * Removes images no container uses (only untagged ones unless `all`), and the layers no image
 * keeps: the `untagged:`/`deleted:` lines the daemon reports, and the bytes freed.
 */
export function pruneImages(cli: DockerCli, all: boolean): { lines: string[]; reclaimed: number } {
  const { engine } = cli;
  engine.reconcile();
  const used = new Set(Object.values(engine.state.containers).map((c) => c.image));
  const unused = Object.values(engine.state.images).filter(
    (image) => !used.has(image.id) && (all || engine.tagsOf(image.id).length === 0),
  );
  const lines: string[] = [];
  let reclaimed = 0;
  for (const image of unused) {
    for (const [ref, id] of Object.entries(engine.state.tags)) {
      if (id !== image.id) continue;
      delete engine.state.tags[ref];
      const parsedRef = parseReference(ref);
      lines.push(`untagged: ${parsedRef.ok ? familiarString(parsedRef.ref) : ref}`);
    }
    for (const digest of image.repoDigests) lines.push(`untagged: ${digest}`);
    delete engine.state.images[image.id];
    lines.push(`deleted: ${image.id}`);
  }
  const stillUsed = new Set(Object.values(engine.state.images).flatMap((i) => i.layers));
  for (const image of unused)
    for (const diffId of [...image.layers].reverse()) {
      const layer = engine.state.layers[diffId];
      if (stillUsed.has(diffId) || !layer) continue;
      reclaimed += layer.size;
      delete engine.state.layers[diffId];
      lines.push(`deleted: ${diffId}`);
    }
  return { lines, reclaimed };
}
