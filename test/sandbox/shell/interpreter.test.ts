import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

// Expected text is what bash 5.2 printed for the same lines (`bash --norc --noprofile -i`, input on
// a pipe); `[n]` is `$?` after the line.
const run = async (...lines: string[]) => {
  const s = Sandbox.create({ seed: 1 });
  let out = '';
  for (const line of lines) out += `${await s.run(line)}[${s.lastStatus()}]\n`;
  return out;
};

describe('bash: [[ ]]', () => {
  it('matches patterns, regular expressions and file tests', async () => {
    expect(await run('[[ abc == a* ]] && echo glob', '[[ abc == "a*" ]]')).toBe('glob\n[0]\n[1]\n');
    expect(await run('s="a b"; [[ $s == "a b" && ! -z $s ]] && echo same')).toBe('same\n[0]\n');
    expect(
      await run(
        'x=abc; [[ $x =~ ^a(b)(c)$ ]] && echo ${BASH_REMATCH[0]} ${BASH_REMATCH[2]} ${#BASH_REMATCH[@]}',
      ),
    ).toBe('abc c 3\n[0]\n');
    expect(await run('[[ -f /etc/passwd && ! -d /etc/passwd ]]', '[[ -d /nope || -n "" ]]')).toBe(
      '[0]\n[1]\n',
    );
    expect(await run('[[ 1+1 -eq 2 ]]', '[[ 10 > 9 ]]', '[[ (a == a) && (b != c) ]]')).toBe(
      '[0]\n[1]\n[0]\n',
    );
  });

  it('reports a malformed test without changing $?', async () => {
    expect(await run('false', '[[ a == ]]')).toBe(
      "[1]\nbash: unexpected argument `]]' to conditional binary operator\n[1]\n",
    );
    expect(await run('[[ a b ]]')).toBe('bash: conditional binary operator expected\n[0]\n');
    // bash alternates: every second malformed [[ ]] is a plain syntax error at its first word.
    expect(await run('[[ a == ]]', '[[ x y z ]]', 'echo (', '[[ -f ]]')).toBe(
      "bash: unexpected argument `]]' to conditional binary operator\n[0]\n" +
        "bash: syntax error near unexpected token `x'\n[2]\n" +
        "bash: syntax error near unexpected token `newline'\n[2]\n" +
        "bash: unexpected argument `]]' to conditional unary operator\n[2]\n",
    );
    expect(await run('[[ 1 -eq 1x ]]')).toBe(
      'bash: [[: 1x: value too great for base (error token is "1x")\n[1]\n',
    );
  });
});

describe('bash: arithmetic', () => {
  it('evaluates (( )), $(( )) and the arithmetic for loop', async () => {
    expect(await run('i=1; echo $((i++)) $((++i)) $((i--)) $i $((i+=5)) $i')).toBe('1 3 3 2 7 7\n[0]\n');
    expect(await run('((0))', 'x=5; ((x++)); echo $x')).toBe('[1]\n6\n[0]\n');
    expect(await run('for ((i=0;i<3;i++)); do echo $i; done')).toBe('0\n1\n2\n[0]\n');
  });

  it('abandons the line on an error in $(( )) but not in (( ))', async () => {
    expect(await run('echo $((1/0)); echo next')).toBe(
      'bash: 1/0: division by 0 (error token is "0")\n[1]\n',
    );
    expect(await run('(( 1 +  )); echo $?')).toBe(
      'bash: ((: 1 +  : syntax error: operand expected (error token is "+  ")\n1\n[0]\n',
    );
  });
});

describe('bash: parameter expansion', () => {
  it('removes, replaces, slices and changes case', async () => {
    expect(
      await run(
        'f=path/to/file.tar.gz; echo ${f##*/} ${f#*/} ${f%.*} ${f%%.*} ${#f} ${f:5:2} ${f: -3} ${f:0:-3}',
      ),
    ).toBe('file.tar.gz to/file.tar.gz path/to/file.tar path/to/file 19 to .gz path/to/file.tar\n[0]\n');
    expect(await run('x=Hello; echo ${x^^} ${x,,} ${x^} ${x,} ${x//l/L} ${x/l/L} ${x/#H/J} ${x/%o/0}')).toBe(
      'HELLO hello Hello hello HeLLo HeLlo Jello Hell0\n[0]\n',
    );
    expect(await run('x=; echo ${x:-d} ${x-d} ${y-u} ${x:+s} ${y+t}')).toBe('d u\n[0]\n');
    expect(await run('echo ${x:?not set}; echo after')).toBe('bash: x: not set\n[1]\n');
  });

  it("decodes $'…' quoting", async () => {
    expect(await run("echo $'tab\\there' $'\\x41\\101\\u00e9'")).toBe('tab\there AAé\n[0]\n');
  });
});

describe('bash: functions, arrays and options', () => {
  it('passes arguments, returns a status and scopes locals', async () => {
    expect(
      await run('greet() { echo "hi $1"; return 3; }; greet you; echo $?', 'type greet | head -n 1'),
    ).toBe('hi you\n3\n[0]\ngreet is a function\n[0]\n');
    expect(await run('f() { echo $# "$@"; shift; echo $1; }; f a "b c" d')).toBe('3 a b c d\nb c\n[0]\n');
    expect(await run('f() { local v=in; echo $v; }; v=out; f; echo $v')).toBe('in\nout\n[0]\n');
    expect(await run('return 1', 'local x')).toBe(
      "bash: return: can only `return' from a function or sourced script\n[2]\n" +
        'bash: local: can only be used in a function\n[1]\n',
    );
  });

  it('keeps arrays and matches case patterns', async () => {
    expect(
      await run('a=(one two three); a+=(four); echo ${a[1]} ${#a[@]}; for x in "${a[@]}"; do echo $x; done'),
    ).toBe('two 4\none\ntwo\nthree\nfour\n[0]\n');
    expect(await run('f=x.tar.gz; case $f in *.zip) echo zip;; *.gz|*.bz2) echo compressed;; esac')).toBe(
      'compressed\n[0]\n',
    );
  });

  it('sets pipefail, errexit and the positional parameters', async () => {
    expect(await run('false | true; echo $?', 'set -o pipefail; false | true; echo $?')).toBe(
      '0\n[0]\n1\n[0]\n',
    );
    expect(await run('set -- a b c; echo $2 $#; shift 2; echo $1')).toBe('b 3\nc\n[0]\n');
    expect(await run('bash -c "set -e; false; echo no"; echo $?')).toBe('1\n[0]\n');
    expect(await run('bash -c "set -e; false || true; if false; then :; fi; echo yes"')).toBe('yes\n[0]\n');
    expect(await run('set -q')).toBe(
      'bash: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n[2]\n',
    );
  });

  it('says how a name would run with command -v, and runs past functions with command', async () => {
    expect(await run('command -v cd ls nosuch', 'command -v nosuch')).toBe('cd\n/usr/bin/ls\n[0]\n[1]\n');
    expect(await run('ls() { echo mine; }; command -v ls; command ls /nonexistent')).toBe(
      "ls\nls: cannot access '/nonexistent': No such file or directory\n[2]\n",
    );
  });

  it('words syntax errors as bash does', async () => {
    expect(await run('echo ( a', 'echo (', 'cd a b', 'printf "%d\\n" abc')).toBe(
      "bash: syntax error near unexpected token `a'\n[2]\n" +
        "bash: syntax error near unexpected token `newline'\n[2]\n" +
        'bash: cd: too many arguments\n[1]\n' +
        'bash: printf: abc: invalid number\n0\n[1]\n',
    );
  });
});

describe('exec', () => {
  it('replaces the shell with a program, whose status the shell ends with', async () => {
    expect(await run("bash -c 'exec echo replaced; echo never'")).toBe('replaced\n[0]\n');
    expect(await run(`bash -c 'exec sh -c "exit 3"; echo never'`)).toBe('[3]\n');
    expect(await run("bash -c 'exec cd /; echo never'")).toBe('bash: exec: cd: not found\n[127]\n');
  });

  it('survives a missing program in an interactive shell, and ends a script on one', async () => {
    const terminal = Sandbox.create({ seed: 1, tty: true });
    expect(await terminal.run('exec nosuch; echo $?')).toBe('bash: exec: nosuch: not found\n127\n');
    expect(await run("bash -c 'exec nosuch; echo never'")).toBe('bash: exec: nosuch: not found\n[127]\n');
  });

  it('keeps its redirections for the rest of the shell, but not past a pipeline stage', async () => {
    expect(await run("bash -c 'exec >f; echo one; echo two >&2' 2>/dev/null; cat f")).toBe('one\n[0]\n');
    expect(await run("bash -c 'exec 2>&1; ls nosuch' 2>/dev/null")).toBe(
      "ls: cannot access 'nosuch': No such file or directory\n[2]\n",
    );
    expect(await run("bash -c 'exec >f | true; echo shown'")).toBe('shown\n[0]\n');
  });
});
