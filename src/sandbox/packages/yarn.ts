import { FsError } from '../fs/filesystem.ts';
import { resolvePath } from '../fs/path.ts';
import type { Program, ProgramContext } from '../shell/program.ts';
import { NPM_PACKAGES } from './catalogue.ts';
import { keyName, type LockEntry, lockClosure, parseYarnLock } from './yarn-lock.ts';

/** The yarn the official node images ship (`/opt/yarn-v1.22.22`, `YARN_VERSION`). */
export const YARN_VERSION = '1.22.22';

/** Installed sizes of the packages that are far from the average (native binaries, big CLIs). */
const SIZES: Record<string, number> = {
  sqlite3: 9_400_000,
  'node-addon-api': 420_000,
  'iconv-lite': 1_100_000,
  mysql2: 1_900_000,
  typescript: 23_000_000,
  prettier: 8_300_000,
  nodemon: 220_000,
};

/** Executables packages put in node_modules/.bin, with the program each runs. */
const BINARIES: Record<string, Record<string, string>> = {
  nodemon: { nodemon: 'nodemon' },
};

interface Manifest {
  name?: string;
  version?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const DOCS = (page: string) =>
  `info Visit https://yarnpkg.com/en/docs/cli/${page} for documentation about this command.\n`;

/** yarn's `Done in 2.34s.`: the elapsed time with two decimals. */
function done(ms: number): string {
  return `Done in ${(ms / 1000).toFixed(2)}s.\n`;
}

function readManifest(ctx: ProgramContext): Manifest | undefined {
  try {
    return JSON.parse(ctx.fs.readText(resolvePath(ctx.cwd, 'package.json'))) as Manifest;
  } catch (error) {
    if (error instanceof FsError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * yarn 1 (classic): `install [--production]`, `run <script>` (or a script's name alone) and
 * `--version`. Packages come from yarn.lock when there is one, else from the sandbox's npm
 * catalogue; node_modules gets each package as a stub of its real size.
 */
export const yarn: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '--version' || args[0] === '-v' || args[0] === 'version') {
    ctx.stdout.write(`${YARN_VERSION}\n`);
    return 0;
  }
  const first = args.findIndex((a) => !a.startsWith('-'));
  const command = first === -1 ? 'install' : (args[first] as string);
  const rest = first === -1 ? [] : args.slice(first + 1);
  if (command === 'install') return install(ctx, args);
  if (command === 'run') return run(ctx, rest[0], rest.slice(1));
  if (['add', 'remove', 'upgrade', 'init', 'publish', 'link', 'global', 'cache', 'audit'].includes(command)) {
    ctx.stderr.write(
      `yarn: this sandbox's yarn installs what package.json lists and runs its scripts; '${command}' is not available here\n`,
    );
    return 1;
  }
  return run(ctx, command, rest);
};

async function install(ctx: ProgramContext, args: string[]): Promise<number> {
  const start = ctx.now();
  ctx.stdout.write(`yarn install v${YARN_VERSION}\n`);
  const manifest = readManifest(ctx);
  if (!manifest) {
    ctx.stderr.write(`error Couldn't find a package.json file in "${ctx.cwd}"\n`);
    ctx.stdout.write(DOCS('install'));
    return 1;
  }
  const production =
    args.includes('--production') ||
    args.includes('--prod') ||
    args.includes('--production=true') ||
    ctx.env.NODE_ENV === 'production';
  const wanted = {
    ...(manifest.dependencies ?? {}),
    ...(production ? {} : (manifest.devDependencies ?? {})),
  };
  const lockPath = resolvePath(ctx.cwd, 'yarn.lock');
  let lockText: string | undefined;
  try {
    lockText = ctx.fs.readText(lockPath);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
  }
  if (lockText === undefined) ctx.stdout.write('info No lockfile found.\n');
  ctx.stdout.write('[1/4] Resolving packages...\n');
  await ctx.sleep(300);
  const lock = parseYarnLock(lockText ?? '');
  const roots = Object.entries(wanted).map(([name, range]) => `${name}@${range}`);
  const { entries, missing } = lockClosure(lock, roots);
  const packages: { name: string; version: string }[] = entries.map((e: LockEntry) => ({
    name: e.name,
    version: e.version,
  }));
  let lockChanged = false;
  for (const key of missing) {
    const name = keyName(key);
    if (!roots.includes(key)) continue;
    const known = NPM_PACKAGES[name];
    if (!known) {
      ctx.stderr.write(
        `error An unexpected error occurred: "https://registry.yarnpkg.com/${name}: Not found".\n`,
      );
      ctx.stdout.write(
        `info If you think this is a bug, please open a bug report with the information provided in "${resolvePath(ctx.cwd, 'yarn-error.log')}".\n`,
      );
      ctx.stdout.write(DOCS('install'));
      return 1;
    }
    packages.push({ name, version: known.version });
    lockChanged = true;
  }
  ctx.stdout.write('[2/4] Fetching packages...\n');
  await ctx.sleep(400 + packages.length * 90);
  ctx.stdout.write('[3/4] Linking dependencies...\n');
  const modules = resolvePath(ctx.cwd, 'node_modules');
  const actor = ctx.user;
  ctx.fs.mkdir(modules, { parents: true, actor });
  const placed = new Set<string>();
  for (const p of packages) {
    if (placed.has(p.name)) continue;
    placed.add(p.name);
    const dir = `${modules}/${p.name}`;
    ctx.fs.mkdir(dir, { parents: true, actor });
    ctx.fs.writeFile(
      `${dir}/package.json`,
      `${JSON.stringify({ name: p.name, version: p.version }, null, 2)}\n`,
      {
        actor,
      },
    );
    ctx.fs.writeBlob(`${dir}/index.js`, SIZES[p.name] ?? 48_000, { actor });
    for (const [bin, program] of Object.entries(BINARIES[p.name] ?? {})) {
      ctx.fs.mkdir(`${modules}/.bin`, { parents: true, actor });
      ctx.fs.writeBlob(`${modules}/.bin/${bin}`, 2_048, { actor, mode: 0o755, program });
    }
  }
  ctx.fs.writeFile(
    `${modules}/.yarn-integrity`,
    `${JSON.stringify(
      {
        systemParams: 'linux-x64-127',
        modulesFolders: ['node_modules'],
        flags: production ? ['production'] : [],
        linkedModules: [],
        topLevelPatterns: roots.sort(),
        lockfileEntries: {},
        files: [],
        artifacts: {},
      },
      null,
      2,
    )}\n`,
    { actor },
  );
  await ctx.sleep(200 + packages.length * 10);
  ctx.stdout.write('[4/4] Building fresh packages...\n');
  // sqlite3 fetches its prebuilt binary (node-pre-gyp) here.
  await ctx.sleep(placed.has('sqlite3') ? 2_400 : 100);
  if (lockText === undefined || lockChanged) {
    ctx.fs.writeFile(
      lockPath,
      `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n${packages
        .map((p) => `${p.name}@${wanted[p.name] ?? `^${p.version}`}:\n  version "${p.version}"\n`)
        .join('\n')}`,
      { actor },
    );
    ctx.stdout.write('success Saved lockfile.\n');
  }
  ctx.stdout.write(done(ctx.now() - start + 60));
  return 0;
}

async function run(ctx: ProgramContext, script: string | undefined, extra: string[]): Promise<number> {
  const start = ctx.now();
  ctx.stdout.write(`yarn run v${YARN_VERSION}\n`);
  const manifest = readManifest(ctx);
  if (!manifest) {
    ctx.stderr.write(`error Couldn't find a package.json file in "${ctx.cwd}"\n`);
    ctx.stdout.write(DOCS('run'));
    return 1;
  }
  const scripts = manifest.scripts ?? {};
  if (script === undefined) {
    const names = Object.keys(scripts);
    ctx.stdout.write(
      names.length > 0
        ? `info Commands available from binary scripts: \ninfo Project commands\n${names.map((n) => `   - ${n}\n      ${scripts[n]}\n`).join('')}`
        : 'info There are no binary scripts available.\ninfo No command specified.\n',
    );
    ctx.stderr.write('error No command specified.\n');
    ctx.stdout.write(DOCS('run'));
    return 1;
  }
  const body = scripts[script];
  if (body === undefined) {
    ctx.stderr.write(`error Command "${script}" not found.\n`);
    ctx.stdout.write(DOCS('run'));
    return 1;
  }
  const line = [body, ...extra].join(' ');
  ctx.stdout.write(`$ ${line}\n`);
  const bin = resolvePath(ctx.cwd, 'node_modules/.bin');
  const status = await ctx.shell(`export PATH="${bin}:$PATH"\n${line}`);
  if (status !== 0) {
    ctx.stderr.write(`error Command failed with exit code ${status}.\n`);
    ctx.stdout.write(DOCS('run'));
    return status;
  }
  ctx.stdout.write(done(ctx.now() - start + 40));
  return 0;
}
