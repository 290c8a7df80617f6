import { lazyProgram, type Program, type ShellFlavor } from '../shell/program.ts';
import { basename, dirname } from './basename.ts';
import { cat } from './cat.ts';
import { chmod } from './chmod.ts';
import { chown } from './chown.ts';
import { clear } from './clear.ts';
import { cp } from './cp.ts';
import { curl } from './curl.ts';
import { cut } from './cut.ts';
import { date } from './date.ts';
import { dd } from './dd.ts';
import { df } from './df.ts';
import { du } from './du.ts';
import { echo } from './echo.ts';
import { env, printenv } from './env.ts';
import { find } from './find.ts';
import type { Flavor } from './flavor.ts';
import { free } from './free.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { hostname, id, whoami } from './identity.ts';
import { ip } from './ip.ts';
import { kill } from './kill.ts';
import { ln } from './ln.ts';
import { ls } from './ls.ts';
import { mkdir } from './mkdir.ts';
import { mount } from './mount.ts';
import { mv } from './mv.ts';
import { nslookup } from './nslookup.ts';
import { ping } from './ping.ts';
import { printf } from './printf.ts';
import { ps } from './ps.ts';
import { readlink, realpath } from './realpath.ts';
import { rm } from './rm.ts';
import { rmdir } from './rmdir.ts';
import { seq } from './seq.ts';
import { shellProgram } from './sh.ts';
import { sleep } from './sleep.ts';
import { sort } from './sort.ts';
import { stat } from './stat.ts';
import { tail } from './tail.ts';
import { tee } from './tee.ts';
import { testProgram } from './test.ts';
import { touch } from './touch.ts';
import { tr } from './tr.ts';
import { arch, falseProgram, nproc, trueProgram, tty } from './true-false.ts';
import { uname } from './uname.ts';
import { uniq } from './uniq.ts';
import { uptime } from './uptime.ts';
import { wc } from './wc.ts';
import { wget } from './wget.ts';
import { which } from './which.ts';

export type { Flavor } from './flavor.ts';
export { shellProgram } from './sh.ts';

/**
 * Every ordinary command, keyed by its name, in one flavour: GNU (coreutils, procps-ng, util-linux,
 * curl, Wget) as on Ubuntu, or BusyBox 1.36 as on Alpine. `sh` and `bash` are the matching shells.
 */
export function coreutils(flavor: Flavor): Record<string, Program> {
  const programs: Record<string, Program> = {
    // The text processors and top are large and most labs never run them: loaded on first use.
    arch: arch(),
    awk: lazyProgram(async () => (await import('./awk.ts')).awk(flavor)),
    basename: basename(flavor),
    cat: cat(flavor),
    chmod: chmod(flavor),
    chown: chown(flavor),
    clear: clear(flavor),
    cp: cp(flavor),
    curl: curl(flavor),
    cut: cut(flavor),
    date: date(flavor),
    dd: dd(flavor),
    df: df(flavor),
    dirname: dirname(flavor),
    du: du(flavor),
    echo: echo(flavor),
    egrep: grep(flavor, 'extended'),
    env: env(flavor),
    expr: lazyProgram(async () => (await import('./expr.ts')).expr(flavor)),
    false: falseProgram(),
    fgrep: grep(flavor, 'fixed'),
    find: find(flavor),
    free: free(flavor),
    grep: grep(flavor),
    head: head(flavor),
    hostname: hostname(flavor),
    id: id(flavor),
    ip: ip(flavor),
    kill: kill(flavor),
    ln: ln(flavor),
    ls: ls(flavor),
    mkdir: mkdir(flavor),
    mv: mv(flavor),
    nproc: nproc(),
    ...(flavor === 'busybox' ? { nslookup } : {}),
    ping: ping(flavor),
    printenv: printenv(flavor),
    printf: printf(flavor),
    ps: ps(flavor),
    readlink: readlink(flavor),
    realpath: realpath(flavor),
    rm: rm(flavor),
    rmdir: rmdir(flavor),
    sed: lazyProgram(async () => (await import('./sed.ts')).sed(flavor)),
    seq: seq(flavor),
    sh: shellProgram(flavor === 'gnu' ? 'dash' : 'ash', shellBuiltins(flavor === 'gnu' ? 'dash' : 'ash')),
    sleep: sleep(flavor),
    sort: sort(flavor),
    stat: stat(flavor),
    tail: tail(flavor),
    tee: tee(flavor),
    top: lazyProgram(async () => (await import('./top.ts')).top(flavor)),
    test: testProgram(flavor),
    '[': testProgram(flavor),
    touch: touch(flavor),
    tr: tr(flavor),
    true: trueProgram(),
    tty: tty(),
    uname: uname(flavor),
    uniq: uniq(flavor),
    uptime: uptime(flavor),
    wc: wc(flavor),
    wget: wget(flavor),
    which: which(flavor),
    whoami: whoami(flavor),
    xargs: lazyProgram(async () => (await import('./xargs.ts')).xargs(flavor)),
  };
  if (flavor === 'busybox') {
    programs.mount = mount();
    // The account applets load on first use, as most labs never add a user.
    const accounts = () => import('./busybox-accounts.ts');
    programs.adduser = lazyProgram(async () => (await accounts()).adduser);
    programs.addgroup = lazyProgram(async () => (await accounts()).addgroup);
    programs.deluser = lazyProgram(async () => (await accounts()).deluser);
    programs.delgroup = lazyProgram(async () => (await accounts()).delgroup);
    programs.passwd = lazyProgram(async () => (await accounts()).passwd);
  }
  if (flavor === 'gnu') {
    programs.bash = shellProgram('bash', shellBuiltins('bash'));
    // GNU diffutils is part of every Debian-family system; BusyBox's diff is not in the images we model.
    programs.diff = lazyProgram(async () => (await import('./diff.ts')).diff(flavor));
    programs.mawk = programs.awk as Program;
    programs.getent = lazyProgram(async () => (await import('./getent.ts')).getent('glibc'));
    const shadow = () => import('./shadow-utils.ts');
    programs.useradd = lazyProgram(async () => (await shadow()).useradd);
    programs.groupadd = lazyProgram(async () => (await shadow()).groupadd);
    programs.usermod = lazyProgram(async () => (await shadow()).usermod);
    programs.userdel = lazyProgram(async () => (await shadow()).userdel);
  }
  return programs;
}

/**
 * The commands a shell runs itself rather than from PATH. `test`/`[` use bash's wording
 * (`bash: [: missing ``]'`); kill keeps procps' wording (`kill: (123) - No such process`). Only bash
 * has `help` (BusyBox builds may leave it out of ash, and dash has none); its texts load on first use.
 */
export function shellBuiltins(flavor: ShellFlavor): Record<string, Program> {
  return {
    ...(flavor === 'bash' ? { help: lazyProgram(async () => (await import('./help.ts')).help) } : {}),
    echo: echo('gnu'),
    printf: flavor === 'bash' ? printf('gnu', 'bash') : printf('gnu'),
    // BusyBox ash's test is BusyBox's own applet, with its wording (`test: -gt: argument expected`).
    test: flavor === 'ash' ? testProgram('busybox') : testProgram('gnu', 'bash'),
    '[': flavor === 'ash' ? testProgram('busybox') : testProgram('gnu', 'bash'),
    true: trueProgram(),
    false: falseProgram(),
    kill: kill('gnu'),
  };
}
