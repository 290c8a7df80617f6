import { absolute } from '../commands/read.ts';
import type { Filesystem } from '../fs/filesystem.ts';
import type { Program, ProgramContext } from '../shell/program.ts';

/**
 * The C toolchain that `apk add build-base` and `apt-get install build-essential` bring: gcc, g++
 * (and their `cc`/`c++` names) and GNU make. Their banners are the packages' own (`--version`).
 *
 * The sandbox runs no compiler. It compiles exactly one kind of program: a `main` whose statements
 * are only `printf`/`puts` of string literals and a `return`, whose output it knows. Any other
 * source compiles, and the executable says on stderr, when run, that the sandbox cannot run it
 * (status 126): it never prints output the program might not print.
 */
export interface Toolchain {
  /** gcc's `--with-pkgversion`: `Debian 14.2.0-19`, `Alpine 14.2.0`. */
  pkgversion: string;
  /** The GNU triplet make was built for. */
  triplet: string;
}

export const DEBIAN_TOOLCHAIN: Toolchain = { pkgversion: 'Debian 14.2.0-19', triplet: 'x86_64-pc-linux-gnu' };
export const ALPINE_TOOLCHAIN: Toolchain = {
  pkgversion: 'Alpine 14.2.0',
  triplet: 'x86_64-alpine-linux-musl',
};

/** What an executable the sandbox linked does when run, kept in its bytes after ELF's magic. */
interface CompiledBehaviour {
  stdout?: string;
  status?: number;
}

const ELF_MAGIC = '\x7fELF\x02\x01\x01\0';
const MARKER = 'quayside-c:';
/** The size of gcc 14's dynamically linked hello world on x86-64. */
const EXECUTABLE_SIZE = 15_960;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The output of a `main` that only prints string literals, or undefined for anything else. */
export function literalProgramOutput(source: string): CompiledBehaviour | undefined {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/^[ \t]*#[ \t]*include[ \t]*[<"][\w./]+[>"][ \t]*$/gm, ' ')
    .trim();
  const main =
    /^int\s+main\s*\(\s*(?:void|int\s+\w+\s*,\s*char\s*\*\s*\*?\s*\w+\s*(?:\[\s*\])?)?\s*\)\s*\{([\s\S]*)\}$/.exec(
      code,
    );
  if (!main) return undefined;
  let stdout = '';
  let status = 0;
  let body = (main[1] ?? '').trim();
  const statement = /^(?:(printf|puts)\s*\(\s*"((?:[^"\\\n]|\\.)*)"\s*\)|return\s+(\d{1,3}))\s*;\s*/;
  while (body !== '') {
    const m = statement.exec(body);
    if (!m) return undefined;
    if (m[3] !== undefined) {
      status = Number(m[3]) & 0xff;
      if (body.slice(m[0].length).trim() !== '') return undefined;
      break;
    }
    const text = unescapeC(m[2] ?? '');
    if (text === undefined) return undefined;
    if (m[1] === 'puts') stdout += `${text}\n`;
    else {
      // Only %% is a literal in a format; any conversion needs arguments the subset has not.
      if (/%(?!%)/.test(text.replace(/%%/g, ''))) return undefined;
      stdout += text.replace(/%%/g, '%');
    }
    body = body.slice(m[0].length);
  }
  return { stdout, status };
}

function unescapeC(literal: string): string | undefined {
  let out = '';
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = literal[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'", '0': '\0' };
    if (next === undefined || !(next in simple)) return undefined;
    out += simple[next];
  }
  return out;
}

function writeExecutable(
  fs: Filesystem,
  path: string,
  behaviour: CompiledBehaviour | undefined,
  ctx: ProgramContext,
) {
  const payload = `${ELF_MAGIC}${MARKER}${JSON.stringify(behaviour ?? { unsupported: true })}`;
  const text = payload + '\0'.repeat(Math.max(0, EXECUTABLE_SIZE - payload.length));
  fs.writeFile(path, text, { actor: ctx.user, program: 'c-program', mode: 0o755 });
}

/** `gcc`/`cc`/`g++`/`c++`: `--version`, and compiling C sources into an executable (`-o`, default a.out). */
export function gcc(toolchain: Toolchain, driver: 'gcc' | 'g++'): Program {
  return async (ctx) => {
    const name = basename(ctx.argv[0] ?? driver);
    const args = ctx.argv.slice(1);
    if (args.includes('--version')) {
      ctx.stdout.write(
        `${name} (${toolchain.pkgversion}) 14.2.0\nCopyright (C) 2024 Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\n`,
      );
      return 0;
    }
    let output: string | undefined;
    let objectOnly = false;
    const inputs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '-o') output = args[++i];
      else if (arg.startsWith('-o')) output = arg.slice(2);
      else if (arg === '-c') objectOnly = true;
      else if (/^-[IDLl]$/.test(arg)) i++;
      else if (!arg.startsWith('-')) inputs.push(arg);
    }
    if (inputs.length === 0) {
      ctx.stderr.write(`${name}: fatal error: no input files\ncompilation terminated.\n`);
      return 1;
    }
    const compiler = driver === 'g++' ? 'cc1plus' : 'cc1';
    const sources: string[] = [];
    for (const input of inputs) {
      try {
        sources.push(ctx.fs.readText(absolute(ctx, input)));
      } catch {
        ctx.stderr.write(
          `${compiler}: fatal error: ${input}: No such file or directory\ncompilation terminated.\n`,
        );
        return 1;
      }
    }
    await ctx.work(200);
    if (objectOnly) {
      for (const input of inputs) {
        const object = output ?? `${basename(input).replace(/\.\w+$/, '')}.o`;
        ctx.fs.writeBlob(absolute(ctx, object), 1_496, { actor: ctx.user });
      }
      return 0;
    }
    const behaviour =
      sources.length === 1 && driver === 'gcc' ? literalProgramOutput(sources[0] as string) : undefined;
    writeExecutable(ctx.fs, absolute(ctx, output ?? 'a.out'), behaviour, ctx);
    return 0;
  };
}

/** The executable gcc wrote: plays back its known output, or says the sandbox cannot run it. */
export const compiledProgram: Program = async (ctx) => {
  const name = ctx.argv[0] ?? '';
  const path = name.includes('/') ? absolute(ctx, name) : findOnPath(ctx, name);
  let behaviour: CompiledBehaviour & { unsupported?: boolean } = { unsupported: true };
  try {
    const text = ctx.fs.readText(path ?? '');
    const start = text.indexOf(MARKER);
    const end = text.indexOf('\0', start);
    if (start !== -1) behaviour = JSON.parse(text.slice(start + MARKER.length, end === -1 ? undefined : end));
  } catch {
    // An executable the sandbox cannot read back runs as one it cannot run.
  }
  if (behaviour.unsupported) {
    ctx.stderr.write(
      `${name}: the sandbox compiles C but cannot run it: only a main() that prints string literals with printf or puts runs here\n`,
    );
    return 126;
  }
  ctx.stdout.write(behaviour.stdout ?? '');
  return behaviour.status ?? 0;
};

function findOnPath(ctx: ProgramContext, name: string): string | undefined {
  for (const dir of (ctx.env.PATH ?? '').split(':')) {
    const path = `${dir}/${name}`;
    if (ctx.fs.exists(path)) return path;
  }
  return undefined;
}

/** One rule of a makefile: its targets' prerequisites and recipe lines, with where they start. */
interface Rule {
  prerequisites: string[];
  recipe: string[];
  line: number;
}

interface Makefile {
  name: string;
  variables: Map<string, string>;
  rules: Map<string, Rule>;
  first: string | undefined;
  phony: Set<string>;
}

function expand(text: string, vars: Map<string, string>, auto: Record<string, string> = {}): string {
  return text.replace(/\$(?:\(([^)]+)\)|\{([^}]+)\}|([@<^$]))/g, (_, a, b, c) => {
    const key = (a ?? b ?? c) as string;
    if (key === '$') return '$';
    if (key in auto) return auto[key] as string;
    return expand(vars.get(key) ?? '', vars, auto);
  });
}

/** Parses the subset of make's syntax the sandbox runs: variables, explicit rules, .PHONY. */
function parseMakefile(name: string, text: string): Makefile | { error: string } {
  const variables = new Map<string, string>([
    ['CC', 'cc'],
    ['CXX', 'g++'],
    ['RM', 'rm -f'],
  ]);
  const rules = new Map<string, Rule>();
  const phony = new Set<string>();
  let first: string | undefined;
  let current: Rule | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('\t')) {
      if (current) current.recipe.push(line.slice(1));
      continue;
    }
    const stripped = line.replace(/#.*/, '');
    if (stripped.trim() === '') continue;
    const assignment = /^\s*([A-Za-z_][\w]*)\s*(?::?=|\?=|\+=)\s*(.*)$/.exec(stripped);
    if (assignment && !/^\s*[^=]*:[^=]/.test(stripped.split('=')[0] ?? '')) {
      const [, key = '', value = ''] = assignment;
      const op = /(:?=|\?=|\+=)/.exec(stripped)?.[1];
      if (op === '+=') variables.set(key, `${variables.get(key) ?? ''} ${value.trim()}`.trim());
      else if (op === '?=') {
        if (!variables.has(key)) variables.set(key, value.trim());
      } else variables.set(key, value.trim());
      current = undefined;
      continue;
    }
    const colon = stripped.indexOf(':');
    if (colon === -1) return { error: `${name}:${i + 1}: *** missing separator.  Stop.` };
    const targets = expand(stripped.slice(0, colon), variables).trim().split(/\s+/);
    const prerequisites = expand(stripped.slice(colon + 1), variables)
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (targets[0] === '.PHONY') {
      for (const p of prerequisites) phony.add(p);
      current = undefined;
      continue;
    }
    current = { prerequisites, recipe: [], line: i + 2 };
    for (const target of targets) {
      rules.set(target, current);
      if (first === undefined && !target.startsWith('.')) first = target;
    }
  }
  return { name, variables, rules, first, phony };
}

class MakeError extends Error {}

/** `make [-f FILE] [TARGET...]`: GNU make's rules, up-to-date checks, echoed recipes and errors. */
export function make(toolchain: Toolchain): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let file: string | undefined;
    const goals: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '-f') file = args[++i];
      else if (arg === '--version' || arg === '-v') {
        ctx.stdout.write(versionText(toolchain));
        return 0;
      } else if (!arg.startsWith('-')) goals.push(arg);
    }
    const candidates = file ? [file] : ['GNUmakefile', 'makefile', 'Makefile'];
    const found = candidates.find((c) => ctx.fs.exists(absolute(ctx, c)));
    const parsed = found ? parseMakefile(found, ctx.fs.readText(absolute(ctx, found))) : undefined;
    if (parsed && 'error' in parsed) {
      ctx.stderr.write(`${parsed.error}\n`);
      return 2;
    }
    // Without a makefile, make still has its built-in rules.
    const makefile: Makefile = parsed ?? (parseMakefile('', '') as Makefile);
    if (goals.length === 0) {
      if (!makefile.first) {
        ctx.stderr.write('make: *** No targets specified and no makefile found.  Stop.\n');
        return 2;
      }
      goals.push(makefile.first);
    }
    const mtime = (target: string) => ctx.fs.stat(absolute(ctx, target))?.mtime;
    const built = new Set<string>();
    /** Makes `target`; returns whether anything ran for it. */
    const build = async (target: string, neededBy?: string): Promise<boolean> => {
      if (built.has(target)) return false;
      built.add(target);
      let rule = makefile.rules.get(target);
      // make's built-in rule: an executable from the C source of the same name.
      if ((!rule || rule.recipe.length === 0) && ctx.fs.exists(absolute(ctx, `${target}.c`))) {
        rule = {
          prerequisites: [...(rule?.prerequisites ?? []), `${target}.c`],
          recipe: ['$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH) $^ $(LOADLIBES) $(LDLIBS) -o $@'],
          line: 0,
        };
      }
      if (!rule) {
        if (ctx.fs.exists(absolute(ctx, target))) return false;
        throw new MakeError(
          neededBy
            ? `make: *** No rule to make target '${target}', needed by '${neededBy}'.  Stop.`
            : `make: *** No rule to make target '${target}'.  Stop.`,
        );
      }
      let ran = false;
      for (const prerequisite of rule.prerequisites) ran = (await build(prerequisite, target)) || ran;
      const own = mtime(target);
      const stale =
        makefile.phony.has(target) ||
        own === undefined ||
        rule.prerequisites.some((p) => (mtime(p) ?? Number.POSITIVE_INFINITY) > own);
      if (!stale || rule.recipe.length === 0) return ran;
      const auto = {
        '@': target,
        '<': rule.prerequisites[0] ?? '',
        '^': [...new Set(rule.prerequisites)].join(' '),
      };
      for (const [index, raw] of rule.recipe.entries()) {
        let line = expand(raw, makefile.variables, auto);
        const silent = line.startsWith('@');
        if (silent) line = line.slice(1);
        if (!silent) ctx.stdout.write(`${line}\n`);
        const status = await ctx.shell(line);
        if (status !== 0) {
          const where = rule.line === 0 ? '<builtin>' : `${makefile.name}:${rule.line + index}`;
          throw new MakeError(`make: *** [${where}: ${target}] Error ${status}`);
        }
      }
      return true;
    };
    try {
      for (const goal of goals) {
        const ran = await build(goal);
        if (!ran) {
          const rule = makefile.rules.get(goal);
          ctx.stdout.write(
            rule && (rule.recipe.length === 0 || makefile.phony.has(goal))
              ? `make: Nothing to be done for '${goal}'.\n`
              : `make: '${goal}' is up to date.\n`,
          );
        }
      }
    } catch (error) {
      if (!(error instanceof MakeError)) throw error;
      ctx.stderr.write(`${error.message}\n`);
      return 2;
    }
    return 0;
  };
}

function versionText(toolchain: Toolchain): string {
  return `GNU Make 4.4.1\nBuilt for ${toolchain.triplet}\nCopyright (C) 1988-2023 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n`;
}
