import { FsError } from '../fs/filesystem.ts';
import { resolvePath } from '../fs/path.ts';
import type { Program } from '../shell/program.ts';
import { NPM_PACKAGES } from './catalogue.ts';

/** `npm install` / `npm ci`: reads package.json and fills node_modules from the package catalogue. */
export const npm: Program = async (ctx) => {
  const [command = '', ...args] = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (command === '' || command === 'help') {
    ctx.stdout.write(
      'npm <command>\n\nUsage:\n\nnpm install        install all the dependencies in your project\nnpm install <foo>  add the <foo> dependency to your project\n',
    );
    return 1;
  }
  if (ctx.argv.includes('--version') || ctx.argv.includes('-v')) {
    ctx.stdout.write('10.9.4\n');
    return 0;
  }
  if (!['install', 'i', 'ci', 'add'].includes(command)) {
    ctx.stderr.write(
      `Unknown command: "${command}"\n\nTo see a list of supported npm commands, run:\n  npm help\n`,
    );
    return 1;
  }
  const manifestPath = resolvePath(ctx.cwd, 'package.json');
  let manifest: { dependencies?: Record<string, string> } = {};
  try {
    manifest = JSON.parse(ctx.fs.readText(manifestPath));
  } catch (error) {
    if (args.length === 0 || !(error instanceof FsError)) {
      ctx.stderr.write(
        `npm error code ENOENT\nnpm error syscall open\nnpm error path ${manifestPath}\nnpm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${manifestPath}'\nnpm error enoent This is related to npm not being able to find a file.\nnpm error enoent\n`,
      );
      return 254;
    }
  }
  const wanted = { ...(manifest.dependencies ?? {}) };
  for (const name of args)
    wanted[name.split('@')[0] ?? name] = `^${NPM_PACKAGES[name.split('@')[0] ?? name]?.version ?? '0.0.0'}`;
  const missing = Object.keys(wanted).find((n) => !NPM_PACKAGES[n]);
  if (missing) {
    ctx.stderr.write(
      `npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/${missing} - Not found\nnpm error 404\nnpm error 404  '${missing}@*' is not in this registry.\n`,
    );
    return 1;
  }
  let added = 0;
  for (const [name] of Object.entries(wanted)) {
    const p = NPM_PACKAGES[name] as { version: string; size: number; deps: number };
    ctx.fs.mkdir(resolvePath(ctx.cwd, `node_modules/${name}`), { parents: true, actor: ctx.user });
    ctx.fs.writeBlob(resolvePath(ctx.cwd, `node_modules/${name}/index.js`), p.size, { actor: ctx.user });
    added += 1 + p.deps;
  }
  if (args.length > 0)
    ctx.fs.writeFile(manifestPath, `${JSON.stringify({ ...manifest, dependencies: wanted }, null, 2)}\n`, {
      actor: ctx.user,
    });
  ctx.fs.writeFile(
    resolvePath(ctx.cwd, 'package-lock.json'),
    `${JSON.stringify({ lockfileVersion: 3, packages: wanted }, null, 2)}\n`,
    { actor: ctx.user },
  );
  await ctx.sleep(800 + added * 40);
  ctx.stdout.write(
    `\nadded ${added} packages, and audited ${added + 1} packages in ${Math.max(1, Math.round((800 + added * 40) / 1000))}s\n\nfound 0 vulnerabilities\n`,
  );
  return 0;
};
