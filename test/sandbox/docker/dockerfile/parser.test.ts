// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile and shell syntax, not templates
import { describe, expect, it } from 'vitest';
import type {
  CopyInstruction,
  Dockerfile,
  DockerfileError,
  Instruction,
  RunInstruction,
} from '../../../../src/sandbox/docker/dockerfile/instructions.ts';
import { stages } from '../../../../src/sandbox/docker/dockerfile/instructions.ts';
import { parseMount } from '../../../../src/sandbox/docker/dockerfile/mounts.ts';
import {
  expand,
  expandWords,
  formatBuildError,
  parseDockerfile,
  parseExposedPorts,
  tryExpand,
} from '../../../../src/sandbox/docker/dockerfile/parser.ts';

function ok(text: string): Dockerfile {
  const r = parseDockerfile(text);
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  return r.dockerfile;
}

function err(text: string): DockerfileError {
  const r = parseDockerfile(text);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

/** The nth instruction narrowed to a kind. */
function nth<K extends Instruction['kind']>(
  df: Dockerfile,
  i: number,
  kind: K,
): Extract<Instruction, { kind: K }> {
  const ins = df.instructions[i];
  if (!ins || ins.kind !== kind) throw new Error(`instruction ${i} is ${ins?.kind}, not ${kind}`);
  return ins as Extract<Instruction, { kind: K }>;
}

function kinds(df: Dockerfile): string[] {
  return df.instructions.map((i) => `${i.kind}@${i.line}-${i.endLine}`);
}

describe('parser directives', () => {
  it('reads syntax, escape and check directives at the top', () => {
    const df = ok(
      '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n# escape=`\nFROM alpine\n',
    );
    expect(df.directives).toEqual([
      { name: 'syntax', value: 'docker/dockerfile:1', line: 1 },
      { name: 'check', value: 'skip=JSONArgsRecommended', line: 2 },
      { name: 'escape', value: '`', line: 3 },
    ]);
    expect(df.escapeToken).toBe('`');
  });

  it('accepts spacing and case variations', () => {
    const df = ok('#  ESCAPE =  `  \nFROM alpine\n');
    expect(df.directives).toEqual([{ name: 'escape', value: '`', line: 1 }]);
    expect(df.escapeToken).toBe('`');
  });

  it('stops looking after the first non-directive line (later ones are comments)', () => {
    const df = ok('# hello\n# escape=`\nFROM alpine\nRUN echo a \\\n  b\n');
    expect(df.directives).toEqual([]);
    expect(df.escapeToken).toBe('\\');
    expect(nth(df, 1, 'RUN').command).toEqual(['echo a   b']);
  });

  it('a blank line ends the directive section', () => {
    expect(ok('\n# escape=`\nFROM alpine\n').escapeToken).toBe('\\');
  });

  it('unknown directives end the section silently', () => {
    const df = ok('# foo=bar\n# escape=`\nFROM alpine\n');
    expect(df.directives).toEqual([]);
  });

  it('rejects a repeated directive (BuildKit reports the previous line)', () => {
    expect(err('# escape=`\n# escape=\\\nFROM alpine\n')).toEqual({
      line: 1,
      endLine: 1,
      message: 'only one escape parser directive can be used',
    });
    expect(err('# syntax=a\n# syntax=b\nFROM alpine\n').message).toBe(
      'only one syntax parser directive can be used',
    );
  });

  it('rejects an invalid escape token', () => {
    expect(err('# escape=x\nFROM alpine\n')).toEqual({
      line: 0,
      endLine: 0,
      message: "invalid escape token 'x' does not match ` or \\",
    });
  });

  it('strips a UTF-8 byte-order mark', () => {
    expect(kinds(ok('\uFEFF# syntax=docker/dockerfile:1\nFROM alpine\n'))).toEqual(['FROM@2-2']);
  });
});

describe('lines, comments and continuations', () => {
  it('skips comments and blank lines and keeps 1-based line numbers', () => {
    const df = ok('# comment\n\nFROM alpine\n   # indented comment\n\nRUN true\n');
    expect(kinds(df)).toEqual(['FROM@3-3', 'RUN@6-6']);
  });

  it('joins continuation lines, keeping the indentation of continued lines', () => {
    const df = ok('FROM alpine\nRUN apt-get update && \\\n    apt-get install -y curl\n');
    const run = nth(df, 1, 'RUN');
    expect(run.original).toBe('RUN apt-get update &&     apt-get install -y curl');
    expect(run.command).toEqual(['apt-get update &&     apt-get install -y curl']);
    expect([run.line, run.endLine]).toEqual([2, 3]);
  });

  it('allows trailing whitespace after the continuation character', () => {
    expect(nth(ok('FROM alpine\nRUN a \\  \t\n b\n'), 1, 'RUN').command).toEqual(['a  b']);
  });

  it('skips comment lines and empty lines inside a continuation', () => {
    const df = ok('FROM alpine\nRUN echo one \\\n# a comment\n\n    && echo two\nCMD x\n');
    const run = nth(df, 1, 'RUN');
    expect(run.command).toEqual(['echo one     && echo two']);
    expect([run.line, run.endLine]).toEqual([2, 5]);
    expect(nth(df, 2, 'CMD').line).toBe(6);
  });

  it('an escaped escape character is not a continuation', () => {
    const df = ok('FROM alpine\nRUN echo \\\\\nCMD x\n');
    expect(nth(df, 1, 'RUN').command).toEqual(['echo \\\\']);
    expect(kinds(df)).toEqual(['FROM@1-1', 'RUN@2-2', 'CMD@3-3']);
  });

  it('uses the backtick as continuation with # escape=`', () => {
    const df = ok('# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir c:\\ `\n  && echo done\n');
    expect(nth(df, 1, 'RUN').command).toEqual(['dir c:\\   && echo done']);
  });

  it('a continuation at end of file ends the instruction (arguments are trimmed)', () => {
    const run = nth(ok('FROM alpine\nRUN echo \\'), 1, 'RUN');
    expect(run.command).toEqual(['echo']);
    expect(run.original).toBe('RUN echo');
  });

  it('handles CRLF line endings', () => {
    const df = ok('FROM alpine\r\nRUN echo a \\\r\n  b\r\n');
    expect(nth(df, 1, 'RUN').command).toEqual(['echo a   b']);
  });

  it('instruction names are case-insensitive; keyword keeps the spelling', () => {
    const df = ok('from alpine As Base\nRun echo hi\ncopy a b\n');
    expect(df.instructions.map((i) => [i.kind, i.keyword])).toEqual([
      ['FROM', 'from'],
      ['RUN', 'Run'],
      ['COPY', 'copy'],
    ]);
    expect(nth(df, 0, 'FROM').stageName).toBe('base');
  });
});

describe('exec and shell forms', () => {
  it('parses JSON arrays as exec form', () => {
    const df = ok(
      'FROM alpine\nCMD ["node", "server.js"]\nENTRYPOINT [ "/docker-entrypoint.sh" ]\nRUN ["sh", "-c", "echo hi"]\n',
    );
    expect(nth(df, 1, 'CMD')).toMatchObject({ form: 'exec', command: ['node', 'server.js'] });
    expect(nth(df, 2, 'ENTRYPOINT')).toMatchObject({ form: 'exec', command: ['/docker-entrypoint.sh'] });
    expect(nth(df, 3, 'RUN')).toMatchObject({ form: 'exec', command: ['sh', '-c', 'echo hi'] });
  });

  it('falls back to shell form for invalid JSON, exactly as written', () => {
    const df = ok("FROM alpine\nCMD ['node', 'app.js']\nCMD [node]\nCMD [\"a\",]\n");
    expect(nth(df, 1, 'CMD')).toMatchObject({ form: 'shell', command: ["['node', 'app.js']"] });
    expect(nth(df, 2, 'CMD')).toMatchObject({ form: 'shell', command: ['[node]'] });
    expect(nth(df, 3, 'CMD')).toMatchObject({ form: 'shell', command: ['["a",]'] });
  });

  it('rejects JSON arrays with non-strings', () => {
    expect(err('FROM alpine\nCMD ["sleep", 10]\n')).toEqual({
      line: 2,
      endLine: 2,
      message: 'when using JSON array syntax, arrays must be comprised of strings only',
    });
  });

  it('an empty exec-form ENTRYPOINT is allowed', () => {
    expect(nth(ok('FROM alpine\nENTRYPOINT []\n'), 1, 'ENTRYPOINT')).toMatchObject({
      form: 'exec',
      command: [],
    });
  });

  it('shell form keeps the text after flags', () => {
    expect(nth(ok('FROM alpine\nRUN   echo "a  b"   \n'), 1, 'RUN').command).toEqual(['echo "a  b"']);
  });

  it('SHELL requires JSON', () => {
    expect(nth(ok('FROM alpine\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'), 1, 'SHELL').shell).toEqual([
      '/bin/bash',
      '-o',
      'pipefail',
      '-c',
    ]);
    expect(err('FROM alpine\nSHELL /bin/bash -c\n').message).toBe(
      'dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form',
    );
    expect(err('FROM alpine\nSHELL []\n').message).toBe(
      'dockerfile parse error on line 2: SHELL requires at least one argument',
    );
  });
});

describe('here-documents', () => {
  it('reads a RUN heredoc body up to its delimiter', () => {
    const df = ok('FROM alpine\nRUN <<EOF\napk add curl\necho done\nEOF\nCMD x\n');
    const run = nth(df, 1, 'RUN');
    expect(run.command).toEqual(['<<EOF']);
    expect(run.heredocs).toEqual([
      { name: 'EOF', fileDescriptor: 0, expand: true, chomp: false, content: 'apk add curl\necho done\n' },
    ]);
    expect([run.line, run.endLine]).toEqual([2, 5]);
    expect(run.original).toBe('RUN <<EOF');
    expect(nth(df, 2, 'CMD').line).toBe(6);
  });

  it('<<- strips leading tabs from the delimiter line', () => {
    const run = nth(ok('FROM alpine\nRUN <<-EOT\n\techo hi\n\tEOT\n'), 1, 'RUN');
    expect(run.heredocs[0]).toMatchObject({ name: 'EOT', chomp: true, content: '\techo hi\n' });
  });

  it('quoted delimiters disable expansion', () => {
    const df = ok(
      'FROM alpine\nRUN <<"EOF"\necho $HOME\nEOF\nRUN <<\'EOF\'\necho $HOME\nEOF\nRUN <<E"O"F\nx\nEOF\n',
    );
    expect(nth(df, 1, 'RUN').heredocs[0]).toMatchObject({ name: 'EOF', expand: false });
    expect(nth(df, 2, 'RUN').heredocs[0]).toMatchObject({ name: 'EOF', expand: false });
    expect(nth(df, 3, 'RUN').heredocs[0]).toMatchObject({ name: 'EOF', expand: false });
  });

  it('reads several heredocs of one line in order', () => {
    const df = ok(
      'FROM alpine\nRUN <<FILE1 cat > file1 && <<FILE2 cat > file2\nI am\nfirst\nFILE1\nI am\nsecond\nFILE2\n',
    );
    const run = nth(df, 1, 'RUN');
    expect(run.heredocs.map((h) => [h.name, h.content])).toEqual([
      ['FILE1', 'I am\nfirst\n'],
      ['FILE2', 'I am\nsecond\n'],
    ]);
    expect(run.endLine).toBe(8);
  });

  it('supports a file descriptor prefix', () => {
    expect(
      nth(ok('FROM alpine\nRUN python3 3<<EOF\nprint(1)\nEOF\n'), 1, 'RUN').heredocs[0]?.fileDescriptor,
    ).toBe(3);
  });

  it('COPY <<EOF /dest becomes inline content', () => {
    const copy = nth(
      ok('FROM alpine\nCOPY <<EOF /etc/motd\nWelcome $USER\nEOF\n'),
      1,
      'COPY',
    ) as CopyInstruction;
    expect(copy.sources).toEqual([]);
    expect(copy.inline).toEqual([{ path: 'EOF', data: 'Welcome $USER\n', expand: true }]);
    expect(copy.dest).toBe('/etc/motd');
  });

  it('COPY <<-EOF chomps every line of the data', () => {
    const copy = nth(ok('FROM alpine\nCOPY <<-EOF /x\n\t\ta\n\tb\n\tEOF\n'), 1, 'COPY');
    expect(copy.inline[0]?.data).toBe('a\nb\n');
  });

  it('ADD accepts heredocs too, and mixes them with paths', () => {
    const add = nth(ok('FROM alpine\nADD <<EOF local.txt /app/\nhi\nEOF\n'), 1, 'ADD');
    expect(add.sources).toEqual(['local.txt']);
    expect(add.inline.map((s) => s.path)).toEqual(['EOF']);
  });

  it('JSON-form and non-RUN/COPY/ADD instructions do not start heredocs', () => {
    const df = ok('FROM alpine\nRUN ["cat", "<<EOF"]\nCMD cat <<EOF\nLABEL a=b\n');
    expect(nth(df, 1, 'RUN').heredocs).toEqual([]);
    expect(kinds(df)).toEqual(['FROM@1-1', 'RUN@2-2', 'CMD@3-3', 'LABEL@4-4']);
  });

  it('ONBUILD RUN heredocs are read and appended to the expression', () => {
    const onbuild = nth(ok('FROM alpine\nONBUILD RUN <<EOF\necho hi\nEOF\n'), 1, 'ONBUILD');
    expect(onbuild.expression).toBe('RUN <<EOF\necho hi\nEOF');
    expect(onbuild.endLine).toBe(4);
  });

  it('an unterminated heredoc is an error over the whole instruction', () => {
    expect(err('FROM alpine\nRUN <<EOF\necho hi\n')).toEqual({
      line: 2,
      endLine: 3,
      message: 'unterminated heredoc',
    });
  });

  it('a heredoc cannot be a destination', () => {
    expect(err('FROM alpine\nCOPY a <<EOF\nx\nEOF\n').message).toBe(
      'dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination',
    );
  });
});

describe('flags', () => {
  it('COPY --from --chown --chmod --link', () => {
    const copy = nth(
      ok('FROM alpine\nCOPY --from=build --chown=app:app --chmod=0755 --link dist/ /srv/\n'),
      1,
      'COPY',
    );
    expect(copy).toMatchObject({
      from: 'build',
      chown: 'app:app',
      chmod: '0755',
      link: true,
      sources: ['dist/'],
    });
    expect(copy.flags).toEqual(['--from=build', '--chown=app:app', '--chmod=0755', '--link']);
  });

  it('bool flags take true/false values', () => {
    expect(nth(ok('FROM a\nCOPY --link=false a b\n'), 1, 'COPY').link).toBe(false);
    expect(err('FROM a\nCOPY --link=maybe a b\n').message).toBe(
      'dockerfile parse error on line 2: expecting boolean value for flag --link, not: maybe',
    );
    expect(err('FROM a\nCOPY --link= a b\n').message).toBe(
      'dockerfile parse error on line 2: missing a value on flag: --link',
    );
  });

  it('string flags need a value and may not repeat', () => {
    expect(err('FROM a\nCOPY --from a b\n').message).toBe(
      'dockerfile parse error on line 2: missing a value on flag: --from',
    );
    expect(err('FROM a\nCOPY --from=x --from=y a b\n').message).toBe(
      'dockerfile parse error on line 2: duplicate flag specified: --from',
    );
  });

  it('quotes in flag values are removed', () => {
    expect(nth(ok('FROM a\nCOPY --chown="1000:1000" a b\n'), 1, 'COPY').chown).toBe('1000:1000');
  });

  it('unknown flags get a suggestion', () => {
    expect(err('FROM a\nCOPY --chwon=1 a b\n').message).toBe(
      'dockerfile parse error on line 2: unknown flag: --chwon (did you mean chown?)',
    );
    expect(err('FROM a\nENV --foo=1 a=b\n').message).toBe(
      'dockerfile parse error on line 2: unknown flag: --foo',
    );
  });

  it('-- ends the flags', () => {
    const copy = nth(ok('FROM a\nCOPY --link -- --weird-name /x\n'), 1, 'COPY');
    expect(copy.sources).toEqual(['--weird-name']);
    expect(copy.link).toBe(true);
  });

  it('RUN --mount (repeatable), --network and --security', () => {
    const run = nth(
      ok(
        'FROM a\nRUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=npmrc --network=none --security=sandbox npm ci\n',
      ),
      1,
      'RUN',
    ) as RunInstruction;
    expect(run.mounts).toEqual(['type=cache,target=/root/.npm', 'type=secret,id=npmrc']);
    expect(run.network).toBe('none');
    expect(run.security).toBe('sandbox');
    expect(run.command).toEqual(['npm ci']);
  });

  it('RUN --mount checks field syntax and from= variables at parse time', () => {
    expect(err('FROM a\nRUN --mount=type=cache,nonsense true\n').message).toBe(
      "dockerfile parse error on line 2: invalid field 'nonsense' must be a key=value pair",
    );
    expect(err('FROM a\nRUN --mount=from=$STAGE,target=/x true\n').message).toBe(
      "dockerfile parse error on line 2: 'from' doesn't support variable expansion, define alias stage instead",
    );
  });

  it('FROM --platform', () => {
    expect(nth(ok('FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n'), 0, 'FROM')).toMatchObject({
      platform: '$BUILDPLATFORM',
      image: 'golang:1.22',
      stageName: 'build',
    });
  });
});

describe('parseMount', () => {
  it('parses a full mount with defaults', () => {
    expect(parseMount('type=cache,target=/root/.cache,id=pip,sharing=locked,mode=0755,uid=1000')).toEqual({
      ok: true,
      mount: {
        type: 'cache',
        from: null,
        source: null,
        target: '/root/.cache',
        readOnly: false,
        id: 'pip',
        sharing: 'locked',
        required: false,
        mode: 0o755,
        uid: 1000,
        gid: null,
      },
    });
    expect(parseMount('target=/src')).toMatchObject({ ok: true, mount: { type: 'bind', readOnly: true } });
    expect(parseMount('type=bind,target=/src,rw')).toMatchObject({ ok: true, mount: { readOnly: false } });
  });

  it('reports BuildKit errors', () => {
    expect(parseMount('type=cahce,target=/x')).toEqual({
      ok: false,
      error: 'unsupported mount type "cahce" (did you mean cache?)',
    });
    expect(parseMount('type=bind,target=/x,mode=0644')).toEqual({
      ok: false,
      error: 'mode not allowed for "bind" type mounts',
    });
    expect(parseMount('type=secret')).toEqual({
      ok: false,
      error: 'invalid secret mount. one of source, target required',
    });
    expect(parseMount('type=bind,targt=/x')).toEqual({
      ok: false,
      error: "unexpected key 'targt' in 'targt=/x' (did you mean target?)",
    });
  });
});

describe('instructions', () => {
  it('FROM with AS, scratch, and argument count errors', () => {
    const df = ok('FROM golang:1.22-alpine AS Builder\nFROM scratch\n');
    expect(nth(df, 0, 'FROM')).toMatchObject({ image: 'golang:1.22-alpine', stageName: 'builder' });
    expect(nth(df, 1, 'FROM')).toMatchObject({ image: 'scratch', stageName: null });
    expect(err('FROM alpine AS\n').message).toBe(
      'dockerfile parse error on line 1: FROM requires either one or three arguments',
    );
    expect(err('FROM\n').message).toBe(
      'dockerfile parse error on line 1: FROM requires either one or three arguments',
    );
    expect(err('FROM alpine AS 1st\n').message).toBe(
      `dockerfile parse error on line 1: invalid name for build stage: "1st", name can't start with a number or contain symbols`,
    );
  });

  it('ENV: key=value pairs, quoted values kept raw, and the legacy form', () => {
    const df = ok(
      'FROM a\nENV A=1 B="two words" C=three\\ words\nENV PATH /usr/local/bin:$PATH\nENV EMPTY=\n',
    );
    expect(nth(df, 1, 'ENV').pairs).toEqual([
      { key: 'A', value: '1', legacy: false },
      { key: 'B', value: '"two words"', legacy: false },
      { key: 'C', value: 'three\\ words', legacy: false },
    ]);
    expect(nth(df, 2, 'ENV').pairs).toEqual([{ key: 'PATH', value: '/usr/local/bin:$PATH', legacy: true }]);
    expect(nth(df, 3, 'ENV').pairs).toEqual([{ key: 'EMPTY', value: '', legacy: false }]);
  });

  it('ENV errors', () => {
    expect(err('FROM a\nENV\n').message).toBe(
      'dockerfile parse error on line 2: ENV requires at least one argument',
    );
    expect(err('FROM a\nENV =x\n').message).toBe(
      'dockerfile parse error on line 2: ENV names can not be blank',
    );
    expect(err('FROM a\nENV PATH\n')).toEqual({
      line: 2,
      endLine: 2,
      message: 'ENV must have two arguments',
    });
    expect(err('FROM a\nENV a=b x\n').message).toBe(
      `Syntax error - can't find = in "x". Must be of the form: name=value`,
    );
  });

  it('LABEL pairs and errors', () => {
    const df = ok('FROM a\nLABEL org.opencontainers.image.title="My App" version=1.0 "quoted key"=v\n');
    expect(nth(df, 1, 'LABEL').pairs.map((p) => [p.key, p.value])).toEqual([
      ['org.opencontainers.image.title', '"My App"'],
      ['version', '1.0'],
      ['"quoted key"', 'v'],
    ]);
    expect(err('FROM a\nLABEL\n').message).toBe(
      'dockerfile parse error on line 2: LABEL requires at least one argument',
    );
    expect(err('FROM a\nLABEL foo\n').message).toBe('LABEL must have two arguments');
  });

  it('ARG: several per line, with and without defaults', () => {
    const df = ok('ARG VERSION=1.0 DEBUG NAME="a b"\nFROM a\n');
    expect(nth(df, 0, 'ARG').args).toEqual([
      { key: 'VERSION', value: '1.0' },
      { key: 'DEBUG', value: null },
      { key: 'NAME', value: '"a b"' },
    ]);
    expect(err('FROM a\nARG\n').message).toBe(
      'dockerfile parse error on line 2: ARG requires at least one argument',
    );
    expect(err('FROM a\nARG =1\n').message).toBe(
      'dockerfile parse error on line 2: ARG names can not be blank',
    );
  });

  it('WORKDIR, USER, STOPSIGNAL, MAINTAINER take exactly one argument', () => {
    const df = ok(
      'FROM a\nWORKDIR /app\nUSER node\nSTOPSIGNAL SIGQUIT\nMAINTAINER Jane Doe <jane@example.com>\n',
    );
    expect(nth(df, 1, 'WORKDIR').path).toBe('/app');
    expect(nth(df, 2, 'USER').user).toBe('node');
    expect(nth(df, 3, 'STOPSIGNAL').signal).toBe('SIGQUIT');
    expect(nth(df, 4, 'MAINTAINER').maintainer).toBe('Jane Doe <jane@example.com>');
    for (const name of ['WORKDIR', 'USER', 'STOPSIGNAL', 'MAINTAINER']) {
      expect(err(`FROM a\n${name}\n`).message).toBe(
        `dockerfile parse error on line 2: ${name} requires exactly one argument`,
      );
    }
  });

  it('EXPOSE keeps ports raw and sorted; validates literal ones', () => {
    expect(nth(ok('FROM a\nEXPOSE 8080 80/tcp 53/udp 3000-3002 $PORT\n'), 1, 'EXPOSE').ports).toEqual([
      '$PORT',
      '3000-3002',
      '53/udp',
      '80/tcp',
      '8080',
    ]);
    expect(err('FROM a\nEXPOSE\n').message).toBe(
      'dockerfile parse error on line 2: EXPOSE requires at least one argument',
    );
    expect(err('FROM a\nEXPOSE abc\n')).toEqual({
      line: 2,
      endLine: 2,
      message: 'invalid containerPort: abc',
    });
    expect(err('FROM a\nEXPOSE 80/xyz\n').message).toBe('invalid port: "80/xyz": invalid proto: xyz');
  });

  it('parseExposedPorts expands ranges and protocols', () => {
    expect(parseExposedPorts(['80', '53/UDP', '3000-3002/tcp'])).toEqual({
      ok: true,
      ports: ['80/tcp', '53/udp', '3000/tcp', '3001/tcp', '3002/tcp'],
    });
    expect(parseExposedPorts(['70000'])).toEqual({ ok: false, error: 'invalid containerPort: 70000' });
  });

  it('VOLUME in JSON and space-separated forms', () => {
    const df = ok('FROM a\nVOLUME ["/var/lib/mysql", "/logs"]\nVOLUME /data /cache\n');
    expect(nth(df, 1, 'VOLUME')).toMatchObject({ form: 'exec', volumes: ['/var/lib/mysql', '/logs'] });
    expect(nth(df, 2, 'VOLUME')).toMatchObject({ form: 'shell', volumes: ['/data', '/cache'] });
    expect(err('FROM a\nVOLUME [""]\n').message).toBe(
      'dockerfile parse error on line 2: VOLUME specified can not be an empty string',
    );
    expect(err('FROM a\nVOLUME\n').message).toBe(
      'dockerfile parse error on line 2: VOLUME requires at least one argument',
    );
  });

  it('HEALTHCHECK CMD (shell and exec), NONE, and its flags', () => {
    const df = ok(
      'FROM a\nHEALTHCHECK --interval=30s --timeout=3s --start-period=1m --start-interval=500ms --retries=5 CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD ["pg_isready", "-U", "postgres"]\nHEALTHCHECK NONE\n',
    );
    expect(nth(df, 1, 'HEALTHCHECK')).toMatchObject({
      test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'],
      interval: 30e9,
      timeout: 3e9,
      startPeriod: 60e9,
      startInterval: 5e8,
      retries: 5,
    });
    expect(nth(df, 2, 'HEALTHCHECK').test).toEqual(['CMD', 'pg_isready', '-U', 'postgres']);
    expect(nth(df, 3, 'HEALTHCHECK')).toMatchObject({ test: ['NONE'], interval: 0, retries: 0 });
  });

  it('HEALTHCHECK errors', () => {
    const e = (s: string) => err(`FROM a\n${s}\n`).message.replace('dockerfile parse error on line 2: ', '');
    expect(e('HEALTHCHECK')).toBe('HEALTHCHECK requires at least one argument');
    expect(e('HEALTHCHECK NONE extra')).toBe('HEALTHCHECK NONE takes no arguments');
    expect(e('HEALTHCHECK CMD')).toBe('Missing command after HEALTHCHECK CMD');
    expect(e('HEALTHCHECK RUN true')).toBe('Unknown type "RUN" in HEALTHCHECK (try CMD)');
    expect(e('HEALTHCHECK --interval=5 CMD true')).toBe('time: missing unit in duration "5"');
    expect(e('HEALTHCHECK --interval=abc CMD true')).toBe('time: invalid duration "abc"');
    expect(e('HEALTHCHECK --interval=5x CMD true')).toBe('time: unknown unit "x" in duration "5x"');
    expect(e('HEALTHCHECK --interval=10us CMD true')).toBe('Interval "interval" cannot be less than 1ms');
    expect(e('HEALTHCHECK --retries=-1 CMD true')).toBe('--retries cannot be negative (-1)');
    expect(e('HEALTHCHECK --retries=x CMD true')).toBe('strconv.ParseInt: parsing "x": invalid syntax');
    expect(e('HEALTHCHECK --intervl=1s CMD true')).toBe('unknown flag: --intervl (did you mean interval?)');
  });

  it('ONBUILD keeps the trigger expression and rejects forbidden triggers', () => {
    const onbuild = nth(ok('FROM a\nONBUILD COPY --chown=app . /app/src\n'), 1, 'ONBUILD');
    expect(onbuild).toMatchObject({ trigger: 'COPY', expression: 'COPY --chown=app . /app/src' });
    expect(err('FROM a\nONBUILD ONBUILD RUN x\n').message).toBe(
      "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
    );
    expect(err('FROM a\nONBUILD FROM alpine\n').message).toBe(
      "dockerfile parse error on line 2: FROM isn't allowed as an ONBUILD trigger",
    );
    expect(err('FROM a\nONBUILD\n').message).toBe(
      'dockerfile parse error on line 2: ONBUILD requires at least one argument',
    );
  });

  it('COPY/ADD need a destination', () => {
    expect(err('FROM a\nCOPY onlyone\n').message).toBe(
      'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined',
    );
    expect(err('FROM a\nADD x\n').message).toContain('ADD requires at least two arguments');
  });

  it('COPY JSON form and ADD flags', () => {
    const df = ok(
      'FROM a\nCOPY ["my file.txt", "/dst/"]\nADD --checksum=sha256:abc --keep-git-dir https://x/y.git /src\n',
    );
    expect(nth(df, 1, 'COPY')).toMatchObject({ form: 'exec', sources: ['my file.txt'], dest: '/dst/' });
    expect(nth(df, 2, 'ADD')).toMatchObject({
      checksum: 'sha256:abc',
      keepGitDir: true,
      sources: ['https://x/y.git'],
    });
  });
});

describe('file-level errors', () => {
  it('unknown instructions, with BuildKit suggestions matched to case', () => {
    expect(err('FROM alpine\n\nFORM alpine\n')).toEqual({
      line: 3,
      endLine: 3,
      message: 'dockerfile parse error on line 3: unknown instruction: FORM (did you mean FROM?)',
    });
    expect(err('FROM a\nrunn true\n').message).toBe(
      'dockerfile parse error on line 2: unknown instruction: runn (did you mean run?)',
    );
    expect(err('FROM a\nCopyy a b\n').message).toBe(
      'dockerfile parse error on line 2: unknown instruction: Copyy (did you mean copy?)',
    );
    expect(err('FROM a\nFOOBAR x\n').message).toBe(
      'dockerfile parse error on line 2: unknown instruction: FOOBAR',
    );
  });

  it('instructions before the first FROM (other than ARG)', () => {
    expect(err('ARG X=1\nRUN echo\nFROM alpine\n')).toEqual({
      line: 2,
      endLine: 2,
      message: 'no build stage in current context',
    });
  });

  it('empty and instruction-less files', () => {
    expect(err('')).toEqual({ line: 0, message: 'the Dockerfile cannot be empty' });
    expect(err('# just a comment\n\n')).toEqual({
      line: 2,
      endLine: 2,
      message: 'file with no instructions',
    });
    expect(err('\n')).toEqual({ line: 1, endLine: 1, message: 'file with no instructions' });
  });

  it('parser-level errors win over instruction-level ones', () => {
    expect(err('FROM a\nFORM b\nRUN <<EOF\n').message).toBe('unterminated heredoc');
  });
});

describe('formatBuildError (buildx source printer)', () => {
  it('pads a single line with two lines of context on each side', () => {
    const text = 'FROM alpine\n\nFORM alpine';
    expect(formatBuildError(text, err(text))).toBe(
      [
        'Dockerfile:3',
        '--------------------',
        '   1 |     FROM alpine',
        '   2 |     ',
        '   3 | >>> FORM alpine',
        '--------------------',
        'ERROR: failed to build: failed to solve: dockerfile parse error on line 3: unknown instruction: FORM (did you mean FROM?)',
        '',
      ].join('\n'),
    );
  });

  it('marks every line of a multi-line instruction and pads by one', () => {
    const text = 'FROM a\nWORKDIR /x\nRUN --mount=bogus \\\n  true\nCMD x\nCMD y\n';
    expect(formatBuildError(text, err(text), 'app.Dockerfile')).toBe(
      [
        'app.Dockerfile:3',
        '--------------------',
        '   2 |     WORKDIR /x',
        '   3 | >>> RUN --mount=bogus \\',
        '   4 | >>>   true',
        '   5 |     CMD x',
        '--------------------',
        "ERROR: failed to build: failed to solve: dockerfile parse error on line 3: invalid field 'bogus' must be a key=value pair",
        '',
      ].join('\n'),
    );
  });

  it('at the top of the file the padding budget is spent downwards only', () => {
    const text = 'FROM a b\nRUN 1\nRUN 2\nRUN 3\nRUN 4\nRUN 5\n';
    const lines = formatBuildError(text, err(text)).split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'Dockerfile:1',
      '--------------------',
      '   1 | >>> FROM a b',
      '   2 |     RUN 1',
      '   3 |     RUN 2',
      '--------------------',
    ]);
  });

  it('prints no block without a location, and counts the empty line after a final newline', () => {
    expect(formatBuildError('\n', err('\n'))).toBe(
      [
        'Dockerfile:1',
        '--------------------',
        '   1 | >>> ',
        '   2 |     ',
        '--------------------',
        'ERROR: failed to build: failed to solve: file with no instructions',
        '',
      ].join('\n'),
    );
    expect(formatBuildError('', err(''))).toBe(
      'ERROR: failed to build: failed to solve: the Dockerfile cannot be empty\n',
    );
  });
});

describe('expand (BuildKit shell lexer)', () => {
  const vars = { A: 'a.b.c', EMPTY: '', NAME: 'world', SP: 'x y' };

  it.each([
    ['$A', 'a.b.c'],
    ['${A}', 'a.b.c'],
    ['pre-${NAME}-post', 'pre-world-post'],
    ['$UNSET', ''],
    ['${UNSET:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${UNSET-def}', 'def'],
    ['${NAME:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET:-${NAME}}', 'world'],
    ['"hello $NAME"', 'hello world'],
    ["'hello $NAME'", 'hello $NAME'],
    ['\\$NAME', '$NAME'],
    ['a\\ b', 'a b'],
    ['"a\\"b"', 'a"b'],
    ['"a\\b"', 'a\\b'],
    ['$', '$'],
    ['$1x', 'x'],
    ['${A%.*}', 'a.b'],
    ['${A%%.*}', 'a'],
    ['${A#*.}', 'b.c'],
    ['${A##*.}', 'c'],
    ['${A/./_}', 'a_b.c'],
    ['${A//./_}', 'a_b_c'],
  ])('%s -> %s', (word, want) => {
    expect(expand(word, vars)).toBe(want);
  });

  it('splits words after substitution, keeping quoted spaces', () => {
    expect(expandWords('$SP "q r" s\\ t', vars)).toEqual(['x', 'y', 'q r', 's t']);
  });

  it('honours the backtick escape token', () => {
    expect(expand('`$NAME and c:\\dir', vars, { escapeToken: '`' })).toBe('$NAME and c:\\dir');
  });

  it('accepts a Map', () => {
    expect(expand('${K}', new Map([['K', 'v']]))).toBe('v');
  });

  it.each([
    ['${x', `failed to process "\${x": unsupported modifier (\uFFFD) in substitution`],
    ['${}', 'failed to process "${}": syntax error: bad substitution'],
    ['${A:-x', `failed to process "\${A:-x": syntax error: missing '}'`],
    ['${A:x}', 'failed to process "${A:x}": unsupported modifier (:x) in substitution'],
    [
      '"open',
      'failed to process "\\"open": unexpected end of statement while looking for matching double-quote',
    ],
    [
      "'open",
      `failed to process "'open": unexpected end of statement while looking for matching single-quote`,
    ],
    ['${UNSET?must be set}', 'failed to process "${UNSET?must be set}": UNSET: must be set'],
    ['${EMPTY:?}', 'failed to process "${EMPTY:?}": EMPTY: is not allowed to be empty'],
  ])('%s fails like BuildKit', (word, message) => {
    expect(tryExpand(word, vars)).toEqual({ ok: false, error: message });
  });
});

describe('stages()', () => {
  const text = [
    'ARG GO_VERSION=1.22',
    'ARG BASE=alpine:3.20',
    'FROM golang:${GO_VERSION}-alpine AS build',
    'RUN go build -o /out/app .',
    'FROM build AS test',
    'RUN go test ./...',
    'FROM ${BASE} AS final',
    'COPY --from=build /out/app /usr/local/bin/app',
    'COPY --from=0 /etc/ssl /etc/ssl',
    'COPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx/',
    'RUN --mount=type=bind,from=build,target=/b ls /b',
  ].join('\n');

  it('expands FROM with meta ARGs and resolves --from', () => {
    const r = stages(ok(text));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.stages.map((s) => [s.index, s.name, s.base, s.baseStage])).toEqual([
      [0, 'build', 'golang:1.22-alpine', null],
      [1, 'test', 'build', 0],
      [2, 'final', 'alpine:3.20', null],
    ]);
    expect(r.stages[2]?.sources).toEqual([
      { instruction: 0, ref: { kind: 'stage', index: 0 } },
      { instruction: 1, ref: { kind: 'stage', index: 0 } },
      { instruction: 2, ref: { kind: 'image', ref: 'nginx:latest' } },
      { instruction: 3, ref: { kind: 'stage', index: 0 } },
    ]);
    expect(r.target).toBe(2);
    expect(r.needed).toEqual([0, 2]);
  });

  it('build args override meta ARG defaults; --target selects a stage', () => {
    const r = stages(ok(text), { buildArgs: { GO_VERSION: '1.21' }, target: 'TEST' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.stages[0]?.base).toBe('golang:1.21-alpine');
    expect(r.metaArgs.GO_VERSION).toBe('1.21');
    expect(r.target).toBe(1);
    expect(r.needed).toEqual([0, 1]);
  });

  it('reports an unknown target, blank base names and forward references', () => {
    expect(stages(ok(text), { target: 'nope' })).toEqual({
      ok: false,
      error: { line: 0, message: 'target stage "nope" could not be found' },
    });
    expect(stages(ok('ARG B\nFROM $B\n'))).toEqual({
      ok: false,
      error: { line: 2, endLine: 2, message: 'base name ($B) should not be blank' },
    });
    const fwd = stages(ok('FROM a AS one\nCOPY --from=two /x /x\nFROM b AS two\n'));
    expect(fwd).toEqual({
      ok: false,
      error: { line: 2, endLine: 2, message: 'circular dependency detected on stage: two' },
    });
  });

  it('provides the automatic platform ARGs to FROM: the builder’s own BUILDPLATFORM, the asked TARGETARCH', () => {
    const r = stages(ok('FROM --platform=$BUILDPLATFORM golang AS b\nFROM alpine-$TARGETARCH\n'), {
      platform: 'linux/arm64',
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.stages.map((s) => [s.base, s.platform])).toEqual([
      ['golang', 'linux/amd64'],
      ['alpine-arm64', null],
    ]);
  });
});
