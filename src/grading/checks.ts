import { containerJson } from '../sandbox/docker/cli/inspect.ts';
import { volumePath } from '../sandbox/docker/engine.ts';
import { formatRows } from '../sandbox/docker/format/template.ts';
import { parseReference } from '../sandbox/docker/reference.ts';
import { compilePattern, PatternBudgetError } from '../sandbox/regex/index.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import type { Check } from '../schemas/exercise.ts';
import { matches, normalise, normaliseLine } from './argv.ts';

/** A check's verdict, explained in words a learner understands, in both languages. */
export interface Verdict {
  pass: boolean;
  message: { en: string; 'zh-cn': string };
}

const ok = (en: string, zh: string): Verdict => ({ pass: true, message: { en, 'zh-cn': zh } });
const no = (en: string, zh: string): Verdict => ({ pass: false, message: { en, 'zh-cn': zh } });

/** Evaluates one check against a sandbox's current state. */
export function evaluate(check: Check, sandbox: Sandbox): Verdict {
  const docker = sandbox.docker;
  docker.reconcile();
  switch (check.type) {
    case 'container-running': {
      const named = Object.values(docker.state.containers).filter(
        (c) => check.name === undefined || c.name === check.name,
      );
      const candidates = named.filter(
        (c) => check.image === undefined || imageMatches(sandbox, c.image, check.image),
      );
      const who = check.name ? `"${check.name}"` : check.image ? `from ${check.image}` : '';
      if (check.name && check.image && named.length > 0 && candidates.length === 0)
        return no(
          `The container ${who} was not started from ${check.image}.`,
          `容器 ${who} 不是从 ${check.image} 启动的。`,
        );
      const running = candidates.filter((c) => c.state.status === 'running');
      if (candidates.length === 0)
        return no(`There is no container ${who} yet.`, `还没有${who ? ` ${who} ` : ''}容器。`);
      if (running.length === 0)
        return no(`The container ${who} exists but is not running.`, `容器 ${who} 已创建，但没有在运行。`);
      if (check.network !== undefined && !running.some((c) => c.network.network === check.network)) {
        return no(
          `The container ${who} is running, but not on the network ${check.network}.`,
          `容器 ${who} 在运行，但没有连到网络 ${check.network} 上。`,
        );
      }
      if (check.publishes) {
        const { host, container, hostIp } = check.publishes;
        const bindings = running.map((c) =>
          c.hostConfig.portBindings.filter((b) => b.hostPort === host && b.containerPort === container),
        );
        if (!bindings.some((b) => b.length > 0)) {
          return no(
            `The container ${who} is running, but port ${host} on the host is not published to its port ${container}.`,
            `容器 ${who} 在运行，但没有把主机的 ${host} 端口映射到它的 ${container} 端口。`,
          );
        }
        if (
          hostIp !== undefined &&
          !bindings.some((b) => b.length > 0 && b.every((x) => x.hostIp === hostIp))
        ) {
          return no(
            `Port ${host} of ${who} is published on every address of the host, not on ${hostIp} only.`,
            `${who} 的 ${host} 端口发布在了宿主机的所有地址上，而不是只在 ${hostIp} 上。`,
          );
        }
      }
      if (check.memoryLimitMiB !== undefined) {
        const limit = check.memoryLimitMiB * 1024 * 1024;
        if (!running.some((c) => c.hostConfig.memory === limit)) {
          return no(
            `The container ${who} is running without a ${check.memoryLimitMiB} MiB memory limit.`,
            `容器 ${who} 在运行，但没有设置 ${check.memoryLimitMiB} MiB 的内存上限。`,
          );
        }
      }
      if (check.healthy && !running.some((c) => c.state.health?.status === 'healthy')) {
        const status = running[0]?.state.health?.status;
        return status === undefined
          ? no(
              `The container ${who} is running without a health check.`,
              `容器 ${who} 在运行，但没有健康检查。`,
            )
          : no(
              `The container ${who} is running, but its health check says ${status}, not healthy.`,
              `容器 ${who} 在运行，但它的健康检查结果是 ${status}，不是 healthy。`,
            );
      }
      return ok(`Container ${who} is running.`, `容器 ${who} 正在运行。`);
    }
    case 'container-exited': {
      const c = docker.findContainer(check.name);
      if (!c || c.name !== check.name)
        return no(`There is no container "${check.name}" yet.`, `还没有名为 "${check.name}" 的容器。`);
      if (check.image !== undefined && !imageMatches(sandbox, c.image, check.image))
        return no(
          `The container "${check.name}" was not started from ${check.image}.`,
          `容器 "${check.name}" 不是从 ${check.image} 启动的。`,
        );
      if (c.state.status !== 'exited')
        return no(`The container "${check.name}" has not exited.`, `容器 "${check.name}" 还没有退出。`);
      if (check.oomKilled !== undefined && c.state.oomKilled !== check.oomKilled) {
        return check.oomKilled
          ? no(
              `"${check.name}" exited, but not because it ran out of memory.`,
              `"${check.name}" 退出了，但不是因为内存耗尽。`,
            )
          : no(
              `"${check.name}" was killed for using too much memory.`,
              `"${check.name}" 因内存超限被杀掉了。`,
            );
      }
      if (check.exitCode !== undefined && c.state.exitCode !== check.exitCode) {
        return no(
          `"${check.name}" exited with code ${c.state.exitCode}, not ${check.exitCode}.`,
          `"${check.name}" 的退出码是 ${c.state.exitCode}，而不是 ${check.exitCode}。`,
        );
      }
      return ok(`"${check.name}" exited as expected.`, `"${check.name}" 按预期退出了。`);
    }
    case 'image-exists': {
      const image = docker.findImage(check.ref);
      if (!image) return no(`There is no image ${check.ref} yet.`, `还没有镜像 ${check.ref}。`);
      const layers = image.layers.length;
      if (check.minLayers !== undefined && layers < check.minLayers) {
        return no(
          `${check.ref} has ${layers} layers; it should have at least ${check.minLayers}.`,
          `${check.ref} 只有 ${layers} 层，至少应有 ${check.minLayers} 层。`,
        );
      }
      if (check.maxLayers !== undefined && layers > check.maxLayers) {
        return no(
          `${check.ref} has ${layers} layers; it should have at most ${check.maxLayers}.`,
          `${check.ref} 有 ${layers} 层，最多只应有 ${check.maxLayers} 层。`,
        );
      }
      const megabytes = docker.imageSize(image) / 1e6;
      if (check.maxSizeMB !== undefined && megabytes > check.maxSizeMB) {
        return no(
          `${check.ref} weighs ${megabytes.toFixed(1)} MB; it should weigh at most ${check.maxSizeMB} MB.`,
          `${check.ref} 有 ${megabytes.toFixed(1)} MB，最多只应有 ${check.maxSizeMB} MB。`,
        );
      }
      if (check.nonRoot && runsAsRoot(image.config.User)) {
        return image.config.User === ''
          ? no(
              `${check.ref} runs as root: its last stage sets no USER.`,
              `${check.ref} 以 root 身份运行：它的最后一个阶段没有设置 USER。`,
            )
          : no(
              `${check.ref} runs as root (USER ${image.config.User}).`,
              `${check.ref} 以 root 身份运行（USER ${image.config.User}）。`,
            );
      }
      return ok(
        `Image ${check.ref} exists with ${layers} layers.`,
        `镜像 ${check.ref} 已存在，共 ${layers} 层。`,
      );
    }
    case 'file-exists': {
      const where = check.in;
      let fs = sandbox.host.fs;
      let path = check.path;
      let place = 'on the host';
      let placeZh = '主机上';
      if (typeof where === 'object' && 'container' in where) {
        const c = docker.findContainer(where.container);
        if (!c || c.name !== where.container)
          return no(
            `There is no container "${where.container}" yet.`,
            `还没有名为 "${where.container}" 的容器。`,
          );
        fs = docker.fsOf(c);
        place = `in container "${where.container}"`;
        placeZh = `容器 "${where.container}" 里`;
      } else if (typeof where === 'object') {
        if (!docker.state.volumes[where.volume])
          return no(`There is no volume "${where.volume}" yet.`, `还没有名为 "${where.volume}" 的卷。`);
        path = `${volumePath(where.volume)}${check.path}`;
        place = `in volume "${where.volume}"`;
        placeZh = `卷 "${where.volume}" 里`;
      }
      const node = fs.stat(path);
      if (node?.type !== 'file')
        return no(`${check.path} does not exist ${place}.`, `${placeZh}没有 ${check.path} 这个文件。`);
      if (check.contains !== undefined && !(node.text ?? '').includes(check.contains)) {
        return no(
          `${check.path} exists ${place} but does not contain "${check.contains}".`,
          `${placeZh}有 ${check.path}，但其中没有 "${check.contains}"。`,
        );
      }
      // The learner writes the text: the linear engine, with its budget, reads it, never RegExp.
      if (check.matches !== undefined && !shows(check.matches.pattern, node.text ?? '')) {
        return no(
          `${check.path} exists ${place} but does not show ${check.matches.shows.en}.`,
          `${placeZh}有 ${check.path}，但其中看不到${check.matches.shows['zh-cn']}。`,
        );
      }
      return ok(`${check.path} exists ${place}.`, `${placeZh}有 ${check.path}。`);
    }
    case 'same-digest': {
      // Each reference is resolved as a pull would: by the registry its name points to.
      const found: { ref: string; digest: string }[] = [];
      for (const ref of check.refs) {
        const parsed = parseReference(ref);
        if (!parsed.ok) throw new Error(`check "same-digest": cannot read "${ref}": ${parsed.error}`);
        const { domain, path, tag, digest } = parsed.ref;
        const store = docker.registryFor(domain);
        if ('error' in store)
          return no(`The registry that ${ref} names does not answer.`, `${ref} 所在的 Registry 没有响应。`);
        const manifest = store.manifest(path, digest ?? tag ?? 'latest');
        if (!manifest) return no(`Its registry holds no ${ref} yet.`, `Registry 里还没有 ${ref}。`);
        found.push({ ref, digest: manifest.digest });
      }
      const [first] = found as [{ ref: string; digest: string }];
      const other = found.find((f) => f.digest !== first.digest);
      if (other) {
        return no(
          `${first.ref} and ${other.ref} name different manifests.`,
          `${first.ref} 和 ${other.ref} 指向的是不同的清单。`,
        );
      }
      if (check.shownIn !== undefined) {
        const node = sandbox.host.fs.stat(check.shownIn);
        if (node?.type !== 'file')
          return no(
            `${check.shownIn} does not exist on the host.`,
            `宿主机上没有 ${check.shownIn} 这个文件。`,
          );
        const times = (node.text ?? '').split(first.digest).length - 1;
        if (times < check.refs.length) {
          return no(
            `${check.shownIn} should show the digest of each of the ${check.refs.length} references; it shows their digest ${times === 1 ? 'once' : `${times} times`}.`,
            `${check.shownIn} 里应当列出这 ${check.refs.length} 个引用各自的摘要，现在它们的摘要只出现了 ${times} 次。`,
          );
        }
      }
      return ok(
        `${check.refs.join(', ')} name one manifest, ${first.digest}.`,
        `${check.refs.join('、')} 指向同一份清单 ${first.digest}。`,
      );
    }
    case 'container-inspect': {
      const c = docker.findContainer(check.name);
      if (!c || c.name !== check.name)
        return no(`There is no container "${check.name}" yet.`, `还没有名为 "${check.name}" 的容器。`);
      const command = `docker inspect -f '${check.format}' ${check.name}`;
      const printed = formatRows(check.format, [containerJson(docker, c)], {});
      const text = printed.ok ? printed.text.replace(/\n$/, '') : printed.error;
      if (check.equals !== undefined && text !== check.equals)
        return no(
          `\`${command}\` prints \`${text}\`, not \`${check.equals}\`.`,
          `\`${command}\` 输出的是 \`${text}\`，而不是 \`${check.equals}\`。`,
        );
      if (check.matches !== undefined && !shows(check.matches.pattern, text))
        return no(
          `\`${command}\` prints \`${text}\`, which does not show ${check.matches.shows.en}.`,
          `\`${command}\` 输出的是 \`${text}\`，看不到${check.matches.shows['zh-cn']}。`,
        );
      return ok(`\`${command}\` prints \`${text}\`.`, `\`${command}\` 输出 \`${text}\`。`);
    }
    case 'volume-exists':
      return docker.state.volumes[check.name]
        ? ok(`Volume "${check.name}" exists.`, `卷 "${check.name}" 已存在。`)
        : no(`There is no volume "${check.name}" yet.`, `还没有名为 "${check.name}" 的卷。`);
    case 'ran': {
      const pattern = normaliseLine(check.command);
      if (!pattern.ok) throw new Error(`check "ran": cannot read "${check.command}": ${pattern.error}`);
      // What actually ran, after expansion: a line that never reached the command does not count.
      const ran = (sandbox.state.ran ?? []).some((r) => {
        if (check.status !== 'any' && r.status !== check.status) return false;
        const actual = normalise(r.argv);
        return actual.ok && matches(pattern.argv, actual.argv, check.exact);
      });
      return ran
        ? ok(`You ran \`${check.command}\`.`, `已经运行过 \`${check.command}\`。`)
        : no(
            `You have not run \`${check.command}\` yet (flags may come in any order).`,
            `还没有运行 \`${check.command}\`（参数顺序不限）。`,
          );
    }
    case 'vm-running': {
      const vm = sandbox.resources().vms.find((v) => v.name === check.name);
      if (!vm) return no(`There is no VM "${check.name}" yet.`, `还没有名为 "${check.name}" 的虚拟机。`);
      if (vm.state !== 'running')
        return no(`The VM "${check.name}" is not running.`, `虚拟机 "${check.name}" 没有在运行。`);
      if (check.booted && vm.phase === 'no-boot')
        return no(
          `The VM "${check.name}" is running, but it found nothing to boot: no disk with an operating system is attached.`,
          `虚拟机 "${check.name}" 在运行，却找不到可以启动的东西：它没有挂上装有操作系统的磁盘。`,
        );
      if (check.booted && vm.phase !== 'up')
        return no(`The VM "${check.name}" is still booting.`, `虚拟机 "${check.name}" 还在启动中。`);
      if (check.memoryMiB !== undefined && vm.memoryConfiguredBytes !== check.memoryMiB * 1024 * 1024) {
        return no(
          `The VM "${check.name}" has ${Math.round(vm.memoryConfiguredBytes / 1024 / 1024)} MiB of memory, not ${check.memoryMiB} MiB.`,
          `虚拟机 "${check.name}" 的内存是 ${Math.round(vm.memoryConfiguredBytes / 1024 / 1024)} MiB，而不是 ${check.memoryMiB} MiB。`,
        );
      }
      return ok(`The VM "${check.name}" is up.`, `虚拟机 "${check.name}" 已经启动。`);
    }
  }
}

/** Whether an image's configured user (`USER` as written: `app`, `1000:1000`, `0`) is root. */
export function runsAsRoot(user: string): boolean {
  const name = user.split(':')[0] ?? '';
  return name === '' || name === 'root' || /^0+$/.test(name);
}

function imageMatches(sandbox: Sandbox, imageId: string, ref: string): boolean {
  return sandbox.docker.findImage(ref)?.id === imageId;
}

/** Whether `text` matches an exercise's pattern (`m` flag); a match too costly to decide counts as none. */
function shows(pattern: string, text: string): boolean {
  try {
    return compilePattern(pattern, { multiline: true }).test(text);
  } catch (error) {
    if (error instanceof PatternBudgetError) return false;
    throw error;
  }
}
