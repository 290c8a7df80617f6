import { resolvePath } from '../fs/path.ts';
import type { Program } from '../shell/program.ts';
import { PYPI_PACKAGES } from './catalogue.ts';

const SITE = '/usr/local/lib/python3.13/site-packages';

/** `pip install NAME…` / `pip install -r requirements.txt` from the PyPI catalogue. */
export const pip: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  if (argv[0] === '--version' || argv[0] === '-V') {
    ctx.stdout.write(`pip 25.2 from ${SITE}/pip (python 3.13)\n`);
    return 0;
  }
  if (argv[0] !== 'install') {
    ctx.stderr.write(
      argv[0] ? `ERROR: unknown command "${argv[0]}"\n` : '\nUsage:   \n  pip <command> [options]\n',
    );
    return 1;
  }
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-r' || a === '--requirement') {
      const file = argv[++i] ?? '';
      try {
        for (const line of ctx.fs.readText(resolvePath(ctx.cwd, file)).split('\n')) {
          const name = line
            .split('#')[0]
            ?.trim()
            .split(/[=<>~!\s[]/)[0];
          if (name) names.push(name.toLowerCase());
        }
      } catch {
        ctx.stderr.write(
          `ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`,
        );
        return 1;
      }
    } else if (!a.startsWith('-')) names.push((a.split(/[=<>~!]/)[0] ?? a).toLowerCase());
  }
  const order: string[] = [];
  const visit = (name: string): string | undefined => {
    if (order.includes(name)) return undefined;
    const p = PYPI_PACKAGES[name];
    if (!p) return name;
    for (const dep of p.deps) {
      const missing = visit(dep);
      if (missing) return missing;
    }
    order.push(name);
    return undefined;
  };
  for (const name of names) {
    ctx.stdout.write(`Collecting ${name}\n`);
    const missing = visit(name);
    if (missing) {
      ctx.stderr.write(
        `ERROR: Could not find a version that satisfies the requirement ${missing} (from versions: none)\nERROR: No matching distribution found for ${missing}\n`,
      );
      return 1;
    }
  }
  for (const name of order) {
    const p = PYPI_PACKAGES[name] as { version: string; size: number };
    ctx.stdout.write(
      `  Downloading ${name.replace(/-/g, '_')}-${p.version}-py3-none-any.whl (${Math.max(1, Math.round(p.size / 3 / 1000))} kB)\n`,
    );
    await ctx.sleep(Math.ceil(p.size / 40_000));
    ctx.fs.mkdir(`${SITE}/${name.replace(/-/g, '_')}`, { parents: true });
    ctx.fs.writeBlob(`${SITE}/${name.replace(/-/g, '_')}/__init__.py`, p.size);
  }
  ctx.stdout.write(`Installing collected packages: ${order.join(', ')}\n`);
  ctx.stdout.write(
    `Successfully installed ${[...order]
      .sort()
      .map((n) => `${n}-${PYPI_PACKAGES[n]?.version}`)
      .join(' ')}\n`,
  );
  if (ctx.user.uid === 0) {
    ctx.stdout.write(
      "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n",
    );
  }
  return 0;
};
