import { lazyProgram, type Program, type ShellFlavor } from '../shell/program.ts';
import { cat } from './cat.ts';
import { cp } from './cp.ts';
import { curl } from './curl.ts';
import { date } from './date.ts';
import { echo } from './echo.ts';
import { env, printenv } from './env.ts';
import type { Flavor } from './flavor.ts';
import { grep } from './grep.ts';
import { head } from './head.ts';
import { hostname, id, whoami } from './identity.ts';
import { kill } from './kill.ts';
import { ls } from './ls.ts';
import { mkdir } from './mkdir.ts';
import { mv } from './mv.ts';
import { printf } from './printf.ts';
import { ps } from './ps.ts';
import { rm } from './rm.ts';
import { shellProgram } from './sh.ts';
import { sleep } from './sleep.ts';
import { tail } from './tail.ts';
import { testProgram } from './test.ts';
import { touch } from './touch.ts';
import { arch, falseProgram, nproc, trueProgram, tty } from './true-false.ts';
import { uname } from './uname.ts';
import { wc } from './wc.ts';

export type { Flavor } from './flavor.ts';
export { shellProgram } from './sh.ts';

/**
 * Every ordinary command, keyed by its name, in one flavour: GNU (coreutils, procps-ng, util-linux,
 * curl, Wget) as on Ubuntu, or BusyBox 1.36 as on Alpine. `sh` and `bash` are the matching shells.
 */
export function coreutils(flavor: Flavor): Record<string, Program> {
  // The commands a lab's first steps use are always there (also offline, once the page has
  // loaded); the others load the first time they run.
  const programs: Record<string, Program> = {
    arch: arch(),
    awk: lazyProgram(async () => (await import('./awk.ts')).awk(flavor)),
    basename: lazyProgram(async () => (await import('./basename.ts')).basename(flavor)),
    cat: cat(flavor),
    chmod: lazyProgram(async () => (await import('./chmod.ts')).chmod(flavor)),
    chown: lazyProgram(async () => (await import('./chown.ts')).chown(flavor)),
    clear: lazyProgram(async () => (await import('./clear.ts')).clear(flavor)),
    cp: cp(flavor),
    curl: curl(flavor),
    cut: lazyProgram(async () => (await import('./cut.ts')).cut(flavor)),
    date: date(flavor),
    dd: lazyProgram(async () => (await import('./dd.ts')).dd(flavor)),
    df: lazyProgram(async () => (await import('./df.ts')).df(flavor)),
    dirname: lazyProgram(async () => (await import('./basename.ts')).dirname(flavor)),
    du: lazyProgram(async () => (await import('./du.ts')).du(flavor)),
    echo: echo(flavor),
    egrep: grep(flavor, 'extended'),
    env: env(flavor),
    expr: lazyProgram(async () => (await import('./expr.ts')).expr(flavor)),
    false: falseProgram(),
    fgrep: grep(flavor, 'fixed'),
    find: lazyProgram(async () => (await import('./find.ts')).find(flavor)),
    free: lazyProgram(async () => (await import('./free.ts')).free(flavor)),
    grep: grep(flavor),
    head: head(flavor),
    hostname: hostname(flavor),
    id: id(flavor),
    ip: lazyProgram(async () => (await import('./ip.ts')).ip(flavor)),
    kill: kill(flavor),
    ln: lazyProgram(async () => (await import('./ln.ts')).ln(flavor)),
    ls: ls(flavor),
    mkdir: mkdir(flavor),
    mv: mv(flavor),
    nproc: nproc(),
    ...(flavor === 'busybox'
      ? {
          nslookup: lazyProgram(async () => (await import('./nslookup.ts')).nslookup),
          vi: lazyProgram(async () => (await import('../programs/editor/index.ts')).vi('busybox')),
        }
      : {}),
    ping: lazyProgram(async () => (await import('./ping.ts')).ping(flavor)),
    printenv: printenv(flavor),
    printf: printf(flavor),
    ps: ps(flavor),
    readlink: lazyProgram(async () => (await import('./realpath.ts')).readlink(flavor)),
    realpath: lazyProgram(async () => (await import('./realpath.ts')).realpath(flavor)),
    rm: rm(flavor),
    rmdir: lazyProgram(async () => (await import('./rmdir.ts')).rmdir(flavor)),
    sed: lazyProgram(async () => (await import('./sed.ts')).sed(flavor)),
    seq: lazyProgram(async () => (await import('./seq.ts')).seq(flavor)),
    sh: shellProgram(flavor === 'gnu' ? 'dash' : 'ash', shellBuiltins(flavor === 'gnu' ? 'dash' : 'ash')),
    sleep: sleep(flavor),
    sort: lazyProgram(async () => (await import('./sort.ts')).sort(flavor)),
    stat: lazyProgram(async () => (await import('./stat.ts')).stat(flavor)),
    tail: tail(flavor),
    tee: lazyProgram(async () => (await import('./tee.ts')).tee(flavor)),
    top: lazyProgram(async () => (await import('./top.ts')).top(flavor)),
    test: testProgram(flavor),
    '[': testProgram(flavor),
    touch: touch(flavor),
    tr: lazyProgram(async () => (await import('./tr.ts')).tr(flavor)),
    true: trueProgram(),
    tty: tty(),
    uname: uname(flavor),
    uniq: lazyProgram(async () => (await import('./uniq.ts')).uniq(flavor)),
    uptime: lazyProgram(async () => (await import('./uptime.ts')).uptime(flavor)),
    wc: wc(flavor),
    wget: lazyProgram(async () => (await import('./wget.ts')).wget(flavor)),
    which: lazyProgram(async () => (await import('./which.ts')).which(flavor)),
    whoami: whoami(flavor),
    xargs: lazyProgram(async () => (await import('./xargs.ts')).xargs(flavor)),
  };
  if (flavor === 'busybox') {
    programs.mount = lazyProgram(async () => (await import('./mount.ts')).mount());
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
    // Only the host has them (HOST_PROGRAMS): the images the lab models ship neither.
    programs.sudo = lazyProgram(async () => (await import('./sudo.ts')).sudo());
    programs.su = lazyProgram(async () => (await import('./su.ts')).su());
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
