import type { Command, Script, Word } from '../sandbox/shell/ast.ts';
import { parseScript } from '../sandbox/shell/parser.ts';
import { blocksOf, commandLinesOf } from '../utils/lesson-blocks.ts';

/**
 * Conformance coverage (docs/CONFORMANCE.md): which commands, subcommands and flags a shell line
 * uses, so that what the course runs can be checked against what the corpus has recorded.
 *
 * A use is one string: the command and its subcommands alone (`docker compose up`, `ls`), or with one
 * flag (`docker compose up --detach`, `ls -l`). Flags take the tool's long name where the tool defines
 * a short one as the same flag (`docker run -d` is `docker run --detach`, `docker logs -t` is
 * `--timestamps`), combined short flags are split (`-it` is `-i` and `-t`), values are dropped.
 * Every command of a line counts: each of a pipeline, a list, a loop, a `$(…)` and an `sh -c '…'`.
 * What `docker run`, `docker exec` and `docker compose exec`/`run` run inside the container does not:
 * it is the image's program, not the host's.
 */

/** How one command (or subcommand) reads its flags. */
interface FlagGrammar {
  /** Short flag letter → long name, where the tool defines both as one flag. */
  aliases: Record<string, string>;
  /** Flags (short letters and long names, without dashes) whose value is the next word. */
  takesValue: Set<string>;
  /** Subcommands, each with its own grammar; the first word that is not a flag picks one. */
  subcommands?: Record<string, FlagGrammar>;
  /** Other names the tool gives a subcommand (`virsh` has none; `docker network list` is `ls`). */
  subcommandAliases?: Record<string, string>;
  /** Subcommands that are the parent's own commands under another name (`docker container ls` is `docker ps`). */
  topLevel?: Record<string, string>;
  /** The first word that is not a flag ends the tool's own flags: the rest is another program's. */
  stopsAtOperand?: boolean;
  /** Flags are words of their own even with one dash (`find -name`): never split. */
  singleDashWords?: boolean;
  /**
   * The words after the tool's flags are a command line it runs on the same or another machine
   * (`sudo`, `xargs`), or are after one operand of its own (`timeout 5`): they count too. `ssh host`
   * joins them into one line for the remote shell.
   */
  runs?: 'rest' | 'after-operand' | 'remote';
}

/**
 * A grammar from a compact spec: `-d --detach` (an alias), `-e --env=` (an alias taking a value),
 * `--name=` (a long flag taking a value), `-n=` (a short one taking a value).
 */
function grammar(spec: string, extra: Omit<FlagGrammar, 'aliases' | 'takesValue'> = {}): FlagGrammar {
  const aliases: Record<string, string> = {};
  const takesValue = new Set<string>();
  const words = spec.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const valued = word.endsWith('=');
    const name = word.replace(/^-+/, '').replace(/=$/, '');
    if (/^-[^-]/.test(word) && words[i + 1]?.startsWith('--')) {
      const long = (words[i + 1] as string).replace(/^--/, '').replace(/=$/, '');
      aliases[name] = long;
      if (valued || words[i + 1]?.endsWith('=')) takesValue.add(name).add(long);
      i++;
    } else if (valued) takesValue.add(name);
  }
  return { aliases, takesValue, ...extra };
}

const RUN_FLAGS =
  '-a --attach= -c --cpu-shares= -d --detach -e --env= -h --hostname= -i --interactive -l --label= ' +
  '-m --memory= -p --publish= -P --publish-all -q --quiet -t --tty -u --user= -v --volume= -w --workdir= ' +
  '--name= --network= --net= --mount= --restart= --cpus= --memory-swap= --memory-reservation= ' +
  '--entrypoint= --env-file= --label-file= --health-cmd= --health-interval= --health-retries= ' +
  '--health-timeout= --health-start-period= --cap-add= --cap-drop= --security-opt= --tmpfs= ' +
  '--pids-limit= --ulimit= --add-host= --dns= --network-alias= --ip= --expose= --stop-timeout= ' +
  '--stop-signal= --platform= --pull= --log-driver= --log-opt= --cpuset-cpus= --shm-size= ' +
  '--volumes-from= --userns= --pid= --ipc= --uts= --device= --sysctl= --link= --runtime= --gpus= ' +
  '--storage-opt= --cgroupns= --group-add= --isolation= --detach-keys= --cidfile= --oom-score-adj= ' +
  '--blkio-weight= --kernel-memory= --memory-swappiness= --cpu-period= --cpu-quota=';
const EXEC_FLAGS =
  '-d --detach -e --env= -i --interactive -t --tty -u --user= -w --workdir= --env-file= --detach-keys=';
const FILTER_FORMAT = '-f --filter= --format=';

const DOCKER_COMMANDS: Record<string, FlagGrammar> = {
  run: grammar(RUN_FLAGS, { stopsAtOperand: true }),
  create: grammar(RUN_FLAGS, { stopsAtOperand: true }),
  exec: grammar(EXEC_FLAGS, { stopsAtOperand: true }),
  ps: grammar(`-a --all ${FILTER_FORMAT} -n --last= -l --latest -q --quiet -s --size`),
  images: grammar(`-a --all ${FILTER_FORMAT} -q --quiet`),
  logs: grammar('-f --follow -n --tail= -t --timestamps --since= --until='),
  rm: grammar('-f --force -l --link -v --volumes'),
  rmi: grammar('-f --force'),
  stop: grammar('-s --signal= -t --timeout= --time='),
  restart: grammar('-s --signal= -t --timeout= --time='),
  kill: grammar('-s --signal='),
  start: grammar('-a --attach -i --interactive --detach-keys='),
  build: grammar(
    '-t --tag= -f --file= -q --quiet -o --output= --build-arg= --target= --progress= --platform= ' +
      '--label= --secret= --cache-from= --network= --iidfile= --ssh= --add-host= --shm-size=',
  ),
  inspect: grammar('-f --format= -s --size --type='),
  pull: grammar('-a --all-tags -q --quiet --platform='),
  push: grammar('-a --all-tags -q --quiet'),
  login: grammar('-u --username= -p --password='),
  history: grammar('-H --human -q --quiet --format='),
  stats: grammar('-a --all --format='),
  cp: grammar('-a --archive -L --follow-link -q --quiet'),
  commit: grammar('-a --author= -c --change= -m --message= -p --pause'),
  save: grammar('-o --output= --platform='),
  load: grammar('-i --input= -q --quiet'),
  export: grammar('-o --output='),
  import: grammar('-c --change= -m --message= --platform='),
  events: grammar(`${FILTER_FORMAT} --since= --until=`),
  update: grammar('-c --cpu-shares= -m --memory= --cpus= --restart= --memory-swap= --pids-limit='),
  version: grammar('-f --format='),
  info: grammar('-f --format='),
  search: grammar(`${FILTER_FORMAT} --limit=`),
  top: grammar('', { stopsAtOperand: true }),
  wait: grammar(''),
  attach: grammar('--detach-keys='),
};

/**
 * `docker container …` and `docker image …` names that the tool defines as the top-level command
 * (`docker container ls` is `docker ps`); the group's other commands (`docker image inspect`,
 * `docker image prune`) are commands of their own.
 */
const DOCKER_GROUP_ALIASES: { container: Record<string, string>; image: Record<string, string> } = {
  container: {
    ls: 'ps',
    list: 'ps',
    ps: 'ps',
    remove: 'rm',
    ...Object.fromEntries(
      [
        'rm',
        'run',
        'create',
        'exec',
        'logs',
        'stop',
        'restart',
        'kill',
        'start',
        'stats',
        'cp',
        'commit',
        'export',
        'update',
        'top',
        'wait',
        'attach',
      ].map((c) => [c, c]),
    ),
  },
  image: {
    ls: 'images',
    list: 'images',
    rm: 'rmi',
    remove: 'rmi',
    ...Object.fromEntries(['build', 'pull', 'push', 'history', 'save', 'load', 'import'].map((c) => [c, c])),
  },
};

const COMPOSE = grammar(
  '-f --file= -p --project-name= --profile= --env-file= --project-directory= --progress= --ansi= --parallel=',
  {
    subcommands: {
      up: grammar(
        '-d --detach -t --timeout= -V --renew-anon-volumes -w --watch --scale= --exit-code-from= --pull= ' +
          '--attach= --no-attach= --wait-timeout=',
      ),
      down: grammar('-v --volumes -t --timeout= --rmi='),
      ps: grammar('-a --all -q --quiet --format= --filter= --status='),
      logs: grammar('-f --follow -n --tail= -t --timestamps --since= --until='),
      exec: grammar('-d --detach -e --env= -T --no-TTY -u --user= -w --workdir= --index=', {
        stopsAtOperand: true,
      }),
      run: grammar(
        '-d --detach -e --env= -T --no-TTY -u --user= -w --workdir= -p --publish= -v --volume= ' +
          '-l --label= -P --service-ports --name= --entrypoint= --pull=',
        { stopsAtOperand: true },
      ),
      build: grammar('-q --quiet --build-arg= --progress='),
      config: grammar('-q --quiet -o --output= --format= --hash='),
      stop: grammar('-t --timeout='),
      restart: grammar('-t --timeout='),
      rm: grammar('-f --force -s --stop -v --volumes'),
      pull: grammar('-q --quiet'),
      kill: grammar('-s --signal='),
      ls: grammar(`-a --all -q --quiet ${FILTER_FORMAT}`),
      top: grammar(''),
      images: grammar('-q --quiet --format='),
    },
  },
);

const DOCKER: FlagGrammar = grammar('-H --host= -c --context= -l --log-level= --config=', {
  subcommands: {
    ...DOCKER_COMMANDS,
    compose: COMPOSE,
    container: grammar('', {
      subcommands: { inspect: grammar('-f --format= -s --size'), prune: grammar('-f --force --filter=') },
      topLevel: DOCKER_GROUP_ALIASES.container,
    }),
    image: grammar('', {
      subcommands: { inspect: grammar('-f --format='), prune: grammar('-a --all -f --force --filter=') },
      topLevel: DOCKER_GROUP_ALIASES.image,
    }),
    network: grammar('', {
      subcommands: {
        create: grammar('-d --driver= -o --opt= --subnet= --gateway= --ip-range= --label= --aux-address='),
        ls: grammar(`${FILTER_FORMAT} -q --quiet`),
        list: grammar(`${FILTER_FORMAT} -q --quiet`),
        connect: grammar('--alias= --ip= --link= --driver-opt='),
        disconnect: grammar('-f --force'),
        rm: grammar('-f --force'),
        inspect: grammar('-f --format='),
        prune: grammar('-f --force --filter='),
      },
      subcommandAliases: { list: 'ls', remove: 'rm' },
    }),
    volume: grammar('', {
      subcommands: {
        create: grammar('-d --driver= -o --opt= --label='),
        ls: grammar(`${FILTER_FORMAT} -q --quiet`),
        rm: grammar('-f --force'),
        inspect: grammar('-f --format='),
        prune: grammar('-a --all -f --force --filter='),
      },
      subcommandAliases: { list: 'ls', remove: 'rm' },
    }),
    system: grammar('', {
      subcommands: {
        df: grammar('-v --verbose --format='),
        prune: grammar('-a --all -f --force --filter='),
        info: grammar('-f --format='),
        events: grammar(`${FILTER_FORMAT} --since= --until=`),
      },
    }),
    builder: grammar('', {
      subcommands: { prune: grammar('-a --all -f --force --filter= --keep-storage='), ls: grammar('') },
    }),
    buildx: grammar('', {
      subcommands: {
        build: DOCKER_COMMANDS.build as FlagGrammar,
        prune: grammar('-a --all -f --force'),
        ls: grammar('--format='),
        version: grammar(''),
        imagetools: grammar('', { subcommands: { inspect: grammar('--format= --raw') } }),
      },
    }),
    context: grammar('', { subcommands: { ls: grammar('-q --quiet --format='), use: grammar('') } }),
  },
  subcommandAliases: { ls: 'ps' },
});
/** Other tools with subcommands, and short flags that take a value (`cut -d:` is `-d`, not `-d -:`). */
const TOOLS: Record<string, FlagGrammar> = {
  docker: DOCKER,
  virsh: grammar('-c --connect= -r --readonly -q --quiet', {
    subcommands: {},
  }),
  'qemu-img': grammar('', { subcommands: {} }),
  git: grammar('-C=', { subcommands: {} }),
  systemctl: grammar('', { subcommands: {} }),
  ip: grammar('', { subcommands: {}, singleDashWords: true }),
  apt: grammar('', { subcommands: {} }),
  'apt-get': grammar('', { subcommands: {} }),
  npm: grammar('', { subcommands: {} }),
  'redis-cli': grammar('-h= -p= -n= -a=', { stopsAtOperand: true }),
  cut: grammar('-d --delimiter= -f --fields= -c --characters= -b --bytes='),
  head: grammar('-n --lines= -c --bytes='),
  tail: grammar('-n --lines= -c --bytes= -f --follow'),
  grep: grammar('-e --regexp= -f --file= -m --max-count= -A= -B= -C= -i --ignore-case -v --invert-match'),
  sort: grammar('-k --key= -t --field-separator= -n --numeric-sort -r --reverse -h --human-numeric-sort'),
  tar: grammar('-f --file= -C --directory='),
  xargs: grammar('-n --max-args= -I= -P --max-procs= -L --max-lines=', { runs: 'rest' }),
  sed: grammar('-e --expression= -f --file= -i --in-place -n --quiet -E --regexp-extended'),
  awk: grammar('-F= -v= -f='),
  ps: grammar('-o= -p= -u= -U= -C='),
  du: grammar('-d --max-depth= -h --human-readable -s --summarize'),
  df: grammar('-t --type= -h --human-readable'),
  curl: grammar(
    '-o --output= -X --request= -H --header= -d --data= -u --user= -w --write-out= -m --max-time= ' +
      '-A --user-agent= -s --silent -S --show-error -f --fail -I --head -i --include -L --location',
  ),
  wget: grammar('-O --output-document= -T --timeout= -q --quiet'),
  ping: grammar('-c= -W= -i= -w='),
  nc: grammar('-w= -p='),
  date: grammar('-d --date='),
  mkdir: grammar('-m --mode= -p --parents'),
  kill: grammar('-s='),
  ssh: grammar('-p= -i= -l= -o=', { runs: 'remote' }),
  find: grammar('', { singleDashWords: true }),
  timeout: grammar('-s --signal= -k --kill-after=', { runs: 'after-operand' }),
  watch: grammar('-n --interval=', { runs: 'rest' }),
  sudo: grammar('-u --user= -g --group=', { runs: 'rest' }),
  nohup: grammar('', { runs: 'rest' }),
  env: grammar('-u --unset=', { runs: 'rest' }),
  exec: grammar('', { runs: 'rest' }),
  ls: grammar('-a --all -l -h --human-readable -d --directory -R --recursive'),
  cp: grammar('-r --recursive -R --recursive -a --archive -f --force'),
  rm: grammar('-r --recursive -R --recursive -f --force'),
  wc: grammar('-l --lines -c --bytes -w --words'),
  uname: grammar('-a --all -r --kernel-release -m --machine -s --kernel-name'),
  free: grammar('-h --human -m --mebi'),
  id: grammar('-u --user -g --group -n --name'),
};

/** Shells whose `-c` script is a command line of the same machine. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash']);

/** A word's text with its expansions left as written (`$x`, `$(…)`); `$(…)` scripts are collected. */
function wordText(word: Word, nested: Script[]): string {
  return word.parts
    .map((p) => {
      if (p.type === 'text') return p.value;
      if (p.type === 'param') return `$${p.name}`;
      if (p.type === 'command') {
        nested.push(p.script);
        return '$(…)';
      }
      return '$((…))';
    })
    .join('');
}

/** The flags written in one word under a grammar: `-it` → `-i -t`, `--name=web` → `--name`. */
function flagsOf(word: string, g: FlagGrammar): { flags: string[]; valueFollows: boolean } {
  if (word.startsWith('--')) {
    const [name = '', value] = word.slice(2).split(/=(.*)/s);
    const long = g.aliases[name] ?? name;
    return { flags: [`--${long}`], valueFollows: value === undefined && g.takesValue.has(name) };
  }
  const letters = word.slice(1);
  if (g.singleDashWords || /^\d+$/.test(letters)) return { flags: [word], valueFollows: false };
  const flags: string[] = [];
  for (const [i, letter] of [...letters].entries()) {
    const long = g.aliases[letter];
    flags.push(long ? `--${long}` : `-${letter}`);
    // A short flag that takes a value takes the rest of the word, or the next word.
    if (g.takesValue.has(letter)) return { flags, valueFollows: i === letters.length - 1 };
  }
  return { flags, valueFollows: false };
}

/** The uses of one simple command's words (already expanded to text), and of the commands it runs. */
function usesOfWords(words: string[], uses: Set<string>): void {
  const name = words[0]?.split('/').pop();
  if (!name || name.startsWith('$') || /[=(]/.test(name)) return;
  let path = name;
  let g: FlagGrammar = TOOLS[name] ?? { aliases: {}, takesValue: new Set() };
  const flags: string[] = [];
  let operands = 0;
  let i = 1;
  while (i < words.length) {
    const w = words[i] as string;
    if (w === '--') {
      i++;
      break;
    }
    if (w.startsWith('-') && w.length > 1) {
      const { flags: found, valueFollows } = flagsOf(w, g);
      flags.push(...found);
      i += valueFollows ? 2 : 1;
      continue;
    }
    if (g.subcommands && /^[a-z][\w-]*$/.test(w)) {
      // Flags before a subcommand belong to the command above it.
      for (const f of flags.splice(0)) uses.add(`${path} ${f}`);
      i++;
      const topLevel = g.topLevel?.[w];
      if (topLevel) {
        path = `${path.slice(0, path.lastIndexOf(' '))} ${topLevel}`;
        g = DOCKER_COMMANDS[topLevel] ?? { aliases: {}, takesValue: new Set() };
        continue;
      }
      const sub = g.subcommandAliases?.[w] ?? w;
      path = `${path} ${sub}`;
      g = g.subcommands[sub] ?? { aliases: {}, takesValue: new Set() };
      continue;
    }
    if (name === 'env' && /^[A-Za-z_]\w*=/.test(w)) {
      i++;
      continue;
    }
    if (g.runs === 'rest' || (g.runs !== undefined && operands === 1)) break;
    if (g.stopsAtOperand) break;
    operands++;
    i++;
  }
  uses.add(path);
  for (const f of flags) uses.add(`${path} ${f}`);
  if (g.runs === 'remote') usesOfScriptText(words.slice(i).join(' '), uses);
  else if (g.runs && i < words.length) usesOfWords(words.slice(i), uses);
  const script = words[words.indexOf('-c') + 1];
  if (SHELLS.has(name) && words.includes('-c') && script !== undefined) usesOfScriptText(script, uses);
}

function usesOfCommand(command: Command, uses: Set<string>): void {
  const nested: Script[] = [];
  const script = (s: Script) => usesOfScript(s, uses);
  switch (command.type) {
    case 'simple': {
      const words = command.words.map((w) => wordText(w, nested));
      for (const a of command.assignments) wordText(a.value, nested);
      usesOfWords(words, uses);
      break;
    }
    case 'if':
      for (const clause of command.clauses) {
        script(clause.condition);
        script(clause.body);
      }
      if (command.otherwise) script(command.otherwise);
      break;
    case 'for':
      for (const w of command.items ?? []) wordText(w, nested);
      script(command.body);
      break;
    case 'while':
      script(command.condition);
      script(command.body);
      break;
    case 'group':
      script(command.body);
      break;
    case 'case':
      for (const item of command.items) script(item.body);
      break;
    case 'function':
      usesOfCommand(command.body, uses);
      break;
    default:
      break;
  }
  if ('redirects' in command) for (const r of command.redirects) if (!r.heredoc) wordText(r.target, nested);
  for (const s of nested) script(s);
}

function usesOfScript(script: Script, uses: Set<string>): void {
  for (const statement of script.statements)
    for (const pipeline of [statement.first, ...statement.rest.map((r) => r.pipeline)])
      for (const command of pipeline.commands) usesOfCommand(command, uses);
}

function usesOfScriptText(text: string, uses: Set<string>): void {
  try {
    usesOfScript(parseScript(text), uses);
  } catch {
    // Not shell code after all (a `sh -c` argument built at run time): nothing to count.
  }
}

/**
 * The uses of one line of shell input (or several typed as one, such as a heredoc), sorted.
 * Throws the parser's error when the input is not complete shell code.
 */
export function commandUses(input: string): string[] {
  const uses = new Set<string>();
  usesOfScript(parseScript(input), uses);
  return [...uses].sort();
}

/** Whether an allowlisted use covers a use: the same words, or the first words of it. */
export function coversUse(allowed: string, use: string): boolean {
  return use === allowed || use.startsWith(`${allowed} `);
}

/** A command line of the course or the corpus, and where it is written. */
export interface SourcedLine {
  where: string;
  input: string;
}

/** The lines a lesson runs: its command blocks and transcripts, as the executable-lessons test runs them. */
export function lessonCommandLines(page: string, text: string): SourcedLine[] {
  return blocksOf(page, text)
    .filter((b) => b.meta.norun === undefined)
    .flatMap((b) => commandLinesOf(b).map((input) => ({ where: `${page}:${b.line}`, input })));
}

/** An exercise's set-up and every task's solution (real-machine exercises have no set-up). */
export function exerciseCommandLines(
  file: string,
  exercise: { scenario?: { setup?: string[] }; tasks: { id: string; solution: string[] }[] },
): SourcedLine[] {
  return [
    ...(exercise.scenario?.setup ?? []).map((input) => ({ where: `${file} (set-up)`, input })),
    ...exercise.tasks.flatMap((t) => t.solution.map((input) => ({ where: `${file} (${t.id})`, input }))),
  ];
}

/**
 * Commands a quiz shows: code spans, in any of its texts, that begin with one of `programs` (the
 * course's own commands, so a span such as `` `COPY . .` `` or `` `status` `` is not read as one) and
 * hold a space (a lone `` `docker` `` names the tool; it runs nothing).
 */
export function quizCommandLines(file: string, quiz: unknown, programs: ReadonlySet<string>): SourcedLine[] {
  const lines: SourcedLine[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(/`([^`\n]+)`/g)) {
        const span = (m[1] as string).trim();
        if (span.includes(' ') && programs.has(span.split(' ')[0] as string) && !span.includes('…'))
          lines.push({ where: `${file} (${path})`, input: span });
      }
    } else if (Array.isArray(value)) for (const [i, v] of value.entries()) visit(v, `${path}.${i}`);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
  };
  visit(quiz, '');
  return lines;
}

/** A corpus case's set-up and lines. */
export function caseCommandLines(
  file: string,
  c: { id: string; setup: string[]; lines: { in: string }[] },
): SourcedLine[] {
  return [...c.setup, ...c.lines.map((l) => l.in)].map((input) => ({ where: `${file} (${c.id})`, input }));
}

/** Every use of some lines, each with the first place it is written; lines that do not parse apart. */
export function usesOf(lines: SourcedLine[]): { uses: Map<string, string>; unparsed: SourcedLine[] } {
  const uses = new Map<string, string>();
  const unparsed: SourcedLine[] = [];
  for (const line of lines) {
    let found: string[];
    try {
      found = commandUses(line.input);
    } catch {
      unparsed.push(line);
      continue;
    }
    for (const use of found) if (!uses.has(use)) uses.set(use, line.where);
  }
  return { uses, unparsed };
}
