import { describe, expect, it } from 'vitest';
import { BASH_HELP_TOPICS } from '../../../src/sandbox/commands/bash-help-topics.ts';
import { helpColumns, labSection } from '../../../src/sandbox/commands/help.ts';
import { Sandbox } from '../../../src/sandbox/sandbox';

// bash's `help`, as bash 5.2 prints it (checked against real bash: `bash --norc -i` under `script`),
// for the builtins the sandbox's bash has, then the lab's own list of the programs on the machine.

const run = async (line: string, machine: 'server' | 'desktop' = 'server') =>
  Sandbox.create({ seed: 'help', machine, tty: true, columns: 80 }).run(`${line}\necho "status=$?"`);

describe('help in the host’s bash', () => {
  it('prints bash’s own header and its list, in two columns cut as bash cuts them', async () => {
    const out = await run('help');
    expect(out).toMatch(
      /^GNU bash, version 5\.2\.21\(1\)-release \(x86_64-pc-linux-gnu\)\nThese shell commands are defined internally\. {2}Type `help' to see this list\.\nType `help name' to find out more about the function `name'\.\nUse `info bash' to find out more about the shell in general\.\nUse `man -k' or `info' to find out more about commands not in this list\.\n\nA star \(\*\) next to a name means that the command is disabled\.\n\n/,
    );
    expect(out).toContain(' . filename [arguments]                  jobs [-lnprs] [jobspec ...] or jobs >\n');
    expect(out).toContain(' export [-fn] [name[=value] ...] or ex>  type [-afptP] name [name ...]\n');
    expect(out).toContain(' if COMMANDS; then COMMANDS; [ elif CO>\n');
    expect(out).toContain('status=0');
  });

  it('lists only the builtins the sandbox has: each one named in the list is a builtin or keyword', async () => {
    const builtins = BASH_HELP_TOPICS.map((t) => t.name).filter(
      (n) => !['for', 'if', 'time', 'until', 'while', '{ ... }'].includes(n),
    );
    const out = await run(`type ${builtins.map((n) => `'${n}'`).join(' ')}`);
    for (const name of builtins) expect(out).toContain(`${name} is a shell builtin\n`);
    // bash builtins the sandbox does not have are not listed.
    const absent = await run('type alias read local eval set shift');
    expect(absent).toContain('bash: type: alias: not found');
    expect(BASH_HELP_TOPICS.map((t) => t.name)).not.toContain('alias');
    expect(BASH_HELP_TOPICS.map((t) => t.name)).not.toContain('read');
  });

  it('then lists the machine’s own programs by group, as its filesystem has them', async () => {
    const server = await run('help');
    const section = server.slice(server.indexOf('Quayside lab:'));
    expect(section).toMatch(/\n docker: +containerd docker dockerd runc\n/);
    expect(section).toMatch(/\n VMs: +.*\bvirsh\b/);
    expect(section).not.toContain('VBoxManage');
    const desktop = await run('help', 'desktop');
    expect(desktop).toMatch(/\n VMs: +VBoxManage /);
    expect(desktop).not.toMatch(/\bvirsh\b/);
    // The list is what PATH finds: a new executable appears, a directory left off PATH disappears.
    const own = await run(
      'mkdir ~/bin && touch ~/bin/frob && chmod +x ~/bin/frob && PATH=/usr/sbin:$HOME/bin help',
    );
    expect(own).toMatch(/\n other: +frob\n/);
    expect(own).toMatch(/\n network: +dnsmasq ip\n/);
    expect(own).not.toContain(' docker:');
  });

  it('prints a topic’s usage as bash does, by name, by pattern or by prefix', async () => {
    const cd = await run('help cd');
    expect(cd).toMatch(
      /^cd: cd \[-L\|\[-P \[-e\]\] \[-@\]\] \[dir\]\n {4}Change the shell working directory\.\n {4}\n {4}Change the current directory to DIR\./,
    );
    expect(await run('help -s w*')).toBe(
      "Shell commands matching keyword `w*'\n\nwait: wait [-fn] [-p var] [id ...]\nwhile: while COMMANDS; do COMMANDS-2; done\nstatus=0\n",
    );
    expect(await run('help -d ec')).toBe('echo - Write arguments to the standard output.\nstatus=0\n');
    expect(await run('help -s {')).toBe('{ ... }: { COMMANDS ; }\nstatus=0\n');
  });

  it('answers an unknown topic or option with bash’s own error', async () => {
    expect(await run('help xyz')).toBe(
      "bash: help: no help topics match `xyz'.  Try `help help' or `man -k xyz' or `info xyz'.\nstatus=1\n",
    );
    expect(await run('help -x')).toBe(
      'bash: help: -x: invalid option\nhelp: usage: help [-dms] [pattern ...]\nstatus=2\n',
    );
  });
});

describe('help elsewhere', () => {
  it('is not a command in a BusyBox container’s ash', async () => {
    const out = await run("docker run --rm alpine sh -c 'help; echo ash=$?'");
    expect(out).toContain('sh: help: not found\nash=127\n');
  });
});

describe('helpColumns', () => {
  it('cuts long synopses with > one character sooner in the second column, as bash 5.2 does', () => {
    const bind =
      'bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]';
    const history = 'history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]';
    expect(helpColumns([{ synopsis: bind }, { synopsis: history }], 80)).toBe(
      ' bind [-lpsvPSVX] [-m keymap] [-f file>  history [-c] [-d offset] [n] or hist>\n',
    );
    // An odd count leaves the last row's second column empty.
    expect(helpColumns([{ synopsis: 'true' }, { synopsis: 'false' }, { synopsis: ':' }], 80)).toBe(
      ` true${' '.repeat(35)} :\n false\n`,
    );
  });
});

describe('labSection', () => {
  it('groups programs, wraps under a hanging indent and keeps unknown ones under "other"', () => {
    const text = labSection(['cat', 'ls', 'docker', 'frobnicate', 'grep'], 40);
    expect(text).toBe(
      '\nQuayside lab: the programs on this machine, by group.\n' +
        "Type `NAME --help' for a program's options.\n" +
        ' files:  cat ls\n text:   grep\n docker: docker\n other:  frobnicate\n',
    );
    const wrapped = labSection(
      ['basename', 'cat', 'chmod', 'chown', 'cp', 'dd', 'df', 'dirname', 'du', 'find'],
      40,
    );
    for (const line of wrapped.split('\n').slice(3)) expect(line.length).toBeLessThanOrEqual(40);
    expect(wrapped).toContain(' files: basename cat chmod chown cp dd\n        df dirname du find\n');
  });
});
