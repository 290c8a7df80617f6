import { absolute } from '../../commands/read.ts';
import { base64, hmacSha1, sha1 } from '../../core/sha1.ts';
import { FsError } from '../../fs/filesystem.ts';
import { ExitShell, hostOf } from '../../shell/interpreter.ts';
import type { Program, ProgramContext, User } from '../../shell/program.ts';
import { textInput } from '../../shell/streams.ts';
import type { VmEngine } from '../engine.ts';
import { type GuestSystem, nicName } from '../guest-system.ts';
import type { DomainRecord } from '../state.ts';
import { CMD_PROMPT, cmdBanner, runCmd, windowsUp } from '../windows.ts';

/** OpenSSH 9.6's usage (ssh.c), printed on stderr as it is, with plain newlines. */
const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
       ssh [-Q query_option]
`;

const FLAGS = '46AaCfGgKkMNnqsTtVvXxYy';
const VALUED = 'BbcDEeFIiJLlmOoPpQRSWw';

/**
 * The keywords OpenSSH 9.6's client configuration knows (readconf.c's keywords[], with the old
 * ones it still accepts), and those Debian's patches add (GSSAPI key exchange, keepalive names),
 * which Ubuntu's build has.
 */
const CONFIG_KEYWORDS = new Set(
  (
    'protocol cipher fallbacktorsh globalknownhostsfile2 rhostsauthentication userknownhostsfile2 ' +
    'useroaming usersh useprivilegedport afstokenpassing kerberosauthentication kerberostgtpassing ' +
    'rsaauthentication rhostsrsaauthentication compressionlevel gssapiauthentication ' +
    'gssapidelegatecredentials pkcs11provider smartcarddevice forwardagent forwardx11 ' +
    'forwardx11trusted forwardx11timeout exitonforwardfailure xauthlocation gatewayports ' +
    'passwordauthentication kbdinteractiveauthentication kbdinteractivedevices ' +
    'challengeresponseauthentication skeyauthentication tisauthentication pubkeyauthentication ' +
    'dsaauthentication hostbasedauthentication identityfile identityfile2 identitiesonly ' +
    'certificatefile addkeystoagent identityagent hostname hostkeyalias proxycommand port ciphers ' +
    'macs remoteforward localforward permitremoteopen user host match tag escapechar ' +
    'globalknownhostsfile userknownhostsfile connectionattempts batchmode checkhostip ' +
    'stricthostkeychecking compression tcpkeepalive keepalive numberofpasswordprompts syslogfacility ' +
    'loglevel logverbose dynamicforward preferredauthentications hostkeyalgorithms ' +
    'casignaturealgorithms bindaddress bindinterface clearallforwardings enablesshkeysign ' +
    'verifyhostkeydns nohostauthenticationforlocalhost rekeylimit connecttimeout addressfamily ' +
    'serveraliveinterval serveralivecountmax sendenv setenv controlpath controlmaster controlpersist ' +
    'hashknownhosts include tunnel tunneldevice localcommand permitlocalcommand remotecommand ' +
    'visualhostkey kexalgorithms ipqos requesttty sessiontype stdinnull forkafterauthentication ' +
    'proxyusefdpass canonicaldomains canonicalizefallbacklocal canonicalizehostname ' +
    'canonicalizemaxdots canonicalizepermittedcnames streamlocalbindmask streamlocalbindunlink ' +
    'revokedhostkeys fingerprinthash updatehostkeys hostbasedacceptedalgorithms hostbasedkeytypes ' +
    'pubkeyacceptedalgorithms pubkeyacceptedkeytypes ignoreunknown proxyjump securitykeyprovider ' +
    'knownhostscommand requiredrsasize enableescapecommandline obscurekeystroketiming channeltimeout' +
    ' gssapikeyexchange gssapiclientidentity gssapiserveridentity gssapirenewalforcesrekey gssapitrustdns gssapikexalgorithms' +
    ' protocolkeepalives setuptimeout'
  ).split(' '),
);

/** A message through OpenSSH's logging (log.c), which ends every line in CR LF, even on a pipe. */
function log(ctx: ProgramContext, message: string): void {
  ctx.stderr.write(`${message.replace(/\n/g, '\r\n')}\r\n`);
}

/** The guest user cloud-init made: the host user's name, uid 1000, the host user's key authorised. */
function guestUser(name: string, d: DomainRecord, shellAsh: boolean): User {
  const groups = [
    { gid: 1000, name },
    ...(shellAsh
      ? [{ gid: 10, name: 'wheel' }]
      : [
          { gid: 4, name: 'adm' },
          { gid: 27, name: 'sudo' },
        ]),
  ];
  if (d.os === 'ubuntu24.04') groups.push({ gid: 988, name: 'docker' });
  return { uid: 1000, gid: 1000, name, home: `/home/${name}`, groups };
}

/** Ubuntu's login banner (motd), with live figures from inside the guest. */
function ubuntuMotd(ctx: ProgramContext, engine: VmEngine, d: DomainRecord, guest: GuestSystem): string {
  const os = engine.osOf(d);
  const root = guest.disks().find((x) => x.mountpoint === '/');
  const mem = guest.memory();
  const when = new Date(ctx.now()).toUTCString();
  const [day, date, month, year, time] = when.split(/,? /) as [string, string, string, string, string];
  const stamp = `${day} ${month} ${String(Number(date)).padStart(2)} ${time} UTC ${year}`;
  const usage = root
    ? `${((root.used / root.size) * 100).toFixed(1)}% of ${(root.size / 1e9).toFixed(2)}GB`
    : '';
  const label2 = `IPv4 address for ${nicName(d, os)}:`;
  const w2 = label2.length + 1;
  const left = (label: string, value: string) => `  ${label.padEnd(14)}${value.padEnd(18)}`;
  const load = (guest.procFile('/proc/loadavg', ctx.now()) ?? '0.00').split(' ')[0];
  return `Welcome to ${os.pretty} (GNU/Linux ${os.kernel.release} x86_64)

 * Documentation:  https://help.ubuntu.com
 * Management:     https://landscape.canonical.com
 * Support:        https://ubuntu.com/pro

 System information as of ${stamp}

${left('System load:', load ?? '0.00')}${'Processes:'.padEnd(w2)}${guest.processes().length}
${left('Usage of /:', usage)}${'Users logged in:'.padEnd(w2)}${engine.sessions(d).filter((s) => s.command === null).length}
${left('Memory usage:', `${Math.round((mem.used / mem.total) * 100)}%`)}${label2} ${d.ip}
${left('Swap usage:', '0%').trimEnd()}

Expanded Security Maintenance for Applications is not enabled.

0 updates can be applied immediately.

Enable ESM Apps to receive additional future security updates.
See https://ubuntu.com/esm or run: sudo pro status

`;
}

const LEGAL_UBUNTU = `

The programs included with the Ubuntu system are free software;
the exact distribution terms for each program are described in the
individual files in /usr/share/doc/*/copyright.

Ubuntu comes with ABSOLUTELY NO WARRANTY, to the extent permitted by
applicable law.

To run a command as administrator (user "root"), use "sudo <command>".
See "man sudo_root" for details.

`;

const LEGAL_DEBIAN = `
The programs included with the Debian GNU/Linux system are free software;
the exact distribution terms for each program are described in the
individual files in /usr/share/doc/*/copyright.

Debian GNU/Linux comes with ABSOLUTELY NO WARRANTY, to the extent
permitted by applicable law.
`;

/** `Last login: Mon Nov  2 09:05:12 2026 from 192.168.122.1` */
function lastLogin(ms: number, from: string): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = d.toISOString().slice(11, 19);
  return `Last login: ${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${time} ${d.getUTCFullYear()} from ${from}\n`;
}

/**
 * `ssh [user@]host [command...]`: OpenSSH 9.6 to a guest, by name (libvirt's NSS module resolves
 * guests) or address. Interactive logins open a shell session inside the guest; a command runs
 * there non-interactively and its exit status is ssh's.
 */
export function sshProgram(engine: VmEngine): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    let port = 22;
    let login: string | undefined;
    let ttyRequests = 0;
    let noTty = false;
    let stdinNull = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i] as string;
      if (!a.startsWith('-') || a === '-') break;
      if (a === '--') {
        i++;
        break;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        if (c === 't') ttyRequests++;
        if (c === 'T') noTty = true;
        if (c === 'n') stdinNull = true;
        if (FLAGS.includes(c)) continue;
        if (VALUED.includes(c)) {
          const value = a.slice(j + 1) || args[++i];
          if (value === undefined) {
            log(ctx, `option requires an argument -- ${c}`);
            ctx.stderr.write(USAGE);
            return 255;
          }
          if (c === 'p') {
            if (!/^\d+$/.test(value) || Number(value) > 65535) {
              ctx.stderr.write(`Bad port '${value}'\n`);
              return 255;
            }
            port = Number(value);
          }
          if (c === 'l') login = value;
          if (c === 'o') {
            // readconf.c: the keyword ends at a space or `=`; an unknown one stops ssh.
            const keyword = (value.trim().split(/[\s=]/)[0] ?? '').toLowerCase();
            if (!CONFIG_KEYWORDS.has(keyword)) {
              log(ctx, `command-line: line 0: Bad configuration option: ${keyword}`);
              return 255;
            }
          }
          if (c === 'i' && !ctx.fs.exists(absolute(ctx, value)))
            ctx.stderr.write(`Warning: Identity file ${value} not accessible: No such file or directory.\n`);
          break;
        }
        log(ctx, `unknown option -- ${c}`);
        ctx.stderr.write(USAGE);
        return 255;
      }
    }
    const destination = args[i];
    if (destination === undefined) {
      ctx.stderr.write(USAGE);
      return 255;
    }
    const command = args.slice(i + 1).join(' ');
    // A terminal is asked for by -t, or by a login without a command; -tt insists even without one.
    if ((ttyRequests > 0 || (!command && !noTty)) && ttyRequests < 2 && (stdinNull || !ctx.stdin.isTTY))
      log(ctx, 'Pseudo-terminal will not be allocated because stdin is not a terminal.');
    const at = destination.lastIndexOf('@');
    const user = at === -1 ? (login ?? ctx.user.name) : destination.slice(0, at);
    const hostname = (at === -1 ? destination : destination.slice(at + 1)).toLowerCase();
    // Resolving and connecting take a moment even on a local bridge.
    await ctx.sleep(40);
    engine.reconcile();
    const d = engine.domains().find((x) => x.name.toLowerCase() === hostname || x.ip === hostname);
    const local = ['localhost', '127.0.0.1', '::1', engine.host.hostname].includes(hostname);
    if (!d && !local) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(hostname)) {
        // On the guests' own subnet nobody answers ARP; elsewhere the SYN goes unanswered.
        const local = /^192\.168\.(122|56)\./.test(hostname);
        await ctx.sleep(local ? 3_050 : 134_000);
        log(
          ctx,
          `ssh: connect to host ${hostname} port ${port}: ${local ? 'No route to host' : 'Connection timed out'}`,
        );
        // The host is offline: its resolver reaches no DNS server, as ping finds too.
      } else log(ctx, `ssh: Could not resolve hostname ${hostname}: Temporary failure in name resolution`);
      return 255;
    }
    if (!d) {
      if (port !== 22) {
        log(ctx, `ssh: connect to host ${hostname} port ${port}: Connection refused`);
        return 255;
      }
      log(ctx, `${user}@${hostname}: Permission denied (publickey).`);
      return 255;
    }
    if (d.power !== 'running') {
      // The guest's address is still in the lease table, but nothing answers ARP for it.
      await ctx.sleep(3_050);
      log(ctx, `ssh: connect to host ${hostname} port ${port}: No route to host`);
      return 255;
    }
    const windows = engine.osOf(d).family === 'windows';
    const ready = windows
      ? engine.installing(d) === false && d.installed && windowsUp(d, ctx.now())
      : engine.sshReady(d);
    if (!ready || port !== 22) {
      log(ctx, `ssh: connect to host ${hostname} port ${port}: Connection refused`);
      return 255;
    }
    if (!knownHost(ctx, d, hostname)) return 255;
    if (user !== ctx.user.name) {
      log(ctx, `${user}@${hostname}: Permission denied (publickey).`);
      return 255;
    }
    await ctx.sleep(windows ? 600 : 250);
    if (windows) return windowsSession(ctx, engine, d, command);
    const guest = engine.guest(d) as GuestSystem;
    const os = engine.osOf(d);
    const account = guestUser(user, d, os.shell === 'ash');
    const env: Record<string, string> = {
      HOME: account.home,
      USER: user,
      LOGNAME: user,
      SHELL: os.shell === 'ash' ? '/bin/ash' : '/bin/bash',
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      LANG: 'C.UTF-8',
      SSH_CONNECTION: `${d.ip.replace(/\.\d+$/, '.1')} 51234 ${d.ip} 22`,
    };
    // Without a terminal, a login's shell reads its commands from ssh's standard input, with no banner.
    const script = command || (ctx.stdin.isTTY ? '' : ctx.stdin.read());
    if (script) {
      const close = engine.openSession(d, { user, command: script });
      try {
        const shell = engine.deps.makeShell({
          system: guest,
          fs: guest.fs,
          user: account,
          cwd: account.home,
          env,
          flavor: os.shell,
          host: hostOf(ctx),
        });
        const stdin = command ? ctx.stdin : textInput('');
        return await shell.execute(script, { stdin, stdout: ctx.stdout, stderr: ctx.stderr });
      } catch (error) {
        if (error instanceof ExitShell) return error.status;
        throw error;
      } finally {
        close();
      }
    }
    let banner: string;
    if (os.id === 'ubuntu24.04') banner = ubuntuMotd(ctx, engine, d, guest);
    else if (os.id === 'debian13')
      banner = `Linux ${d.name} ${os.kernel.release} ${os.kernel.version} x86_64\n${LEGAL_DEBIAN}`;
    else banner = guest.fs.exists('/etc/motd') ? guest.fs.readText('/etc/motd') : '';
    if (d.lastLogin === null) {
      if (os.id === 'ubuntu24.04') banner += LEGAL_UBUNTU.slice(1);
    } else banner += lastLogin(d.lastLogin, d.ip.replace(/\.\d+$/, '.1'));
    d.lastLogin = ctx.now();
    const close = engine.openSession(d, { user, command: null });
    try {
      await ctx.session({
        system: guest,
        fs: guest.fs,
        user: account,
        cwd: account.home,
        env: { ...env, TERM: 'xterm-256color' },
        shell: os.shell,
        banner,
      });
    } finally {
      close();
    }
    if (os.shell === 'bash') ctx.stdout.write('logout\n');
    ctx.stdout.write(`Connection to ${hostname} closed.\n`);
    return 0;
  };
}

/** Whether a known_hosts entry's names (`vm1,192.168.122.23`, or hashed as `|1|salt|hash`) hold the host. */
function namesHost(names: string, hostname: string): boolean {
  const hashed = /^\|1\|([A-Za-z0-9+/]+=*)\|([A-Za-z0-9+/]+=*)$/.exec(names);
  if (!hashed) return names.split(',').includes(hostname);
  const salt = Uint8Array.from(atob(hashed[1] as string), (c) => c.charCodeAt(0));
  return base64(hmacSha1(salt, hostname)) === hashed[2];
}

/**
 * StrictHostKeyChecking accept-new (the lab's ssh_config): the first connection records the
 * guest's key in ~/.ssh/known_hosts, its name hashed with a fresh salt (Ubuntu's ssh_config has
 * HashKnownHosts yes); a different key under a known name is refused.
 */
function knownHost(ctx: ProgramContext, d: DomainRecord, hostname: string): boolean {
  const dir = `${ctx.user.home}/.ssh`;
  const file = `${dir}/known_hosts`;
  const key = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${d.hostKey}`;
  let text = '';
  try {
    text = ctx.fs.readText(file);
  } catch {
    // No known_hosts yet.
  }
  const lines = text.split('\n');
  const mine = lines.filter((l) => namesHost(l.split(' ')[0] ?? '', hostname));
  if (mine.some((l) => l.endsWith(key))) return true;
  if (mine.length > 0) {
    for (const line of [
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
      '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
      'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
      'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
      'It is also possible that a host key has just been changed.',
    ])
      log(ctx, line);
    // One message holding a bare newline, which log.c leaves as it is.
    ctx.stderr.write(
      `The fingerprint for the ED25519 key sent by the remote host is\nSHA256:${d.hostKey}.\r\n`,
    );
    log(ctx, 'Please contact your system administrator.');
    log(ctx, `Add correct host key in ${file} to get rid of this message.`);
    log(ctx, `Offending ED25519 key in ${file}:${lines.indexOf(mine[0] as string) + 1}`);
    log(ctx, `  remove with:\n  ssh-keygen -f "${file}" -R "${hostname}"`);
    log(ctx, `Host key for ${hostname} has changed and you have requested strict checking.`);
    log(ctx, 'Host key verification failed.');
    return false;
  }
  try {
    if (!ctx.fs.isDir(dir)) ctx.fs.mkdir(dir, { actor: ctx.user, mode: 0o700 });
    // OpenSSH draws the salt at random; one derived from the guest keeps the seed's stream for the rest.
    const salt = sha1(`known_hosts ${d.uuid} ${hostname} ${lines.length}`);
    const name = `|1|${base64(salt)}|${base64(hmacSha1(salt, hostname))}`;
    ctx.fs.writeFile(file, `${name} ${key}\n`, { actor: ctx.user, append: true, mode: 0o644 });
  } catch (error) {
    // An unwritable home only costs the warning next time.
    if (!(error instanceof FsError)) throw error;
  }
  log(ctx, `Warning: Permanently added '${hostname}' (ED25519) to the list of known hosts.`);
  return true;
}

/**
 * A session on the Windows guest: OpenSSH's default shell there is cmd.exe. A command runs as
 * `cmd /c`; without one, cmd reads its standard input line by line, echoing each after the prompt.
 */
async function windowsSession(
  ctx: ProgramContext,
  engine: VmEngine,
  d: DomainRecord,
  command: string,
): Promise<number> {
  const close = engine.openSession(d, { user: ctx.user.name, command: command || null });
  try {
    if (command) return runCmd(ctx, engine, d, command);
    ctx.stdout.write(cmdBanner());
    let status = 0;
    for (const line of ctx.stdin.read().split('\n')) {
      if (line.trim() === '') continue;
      ctx.stdout.write(`${CMD_PROMPT}${line}\n`);
      if (line.trim().toLowerCase().startsWith('exit')) return runCmd(ctx, engine, d, line);
      status = runCmd(ctx, engine, d, line);
      ctx.stdout.write('\n');
    }
    ctx.stdout.write(`${CMD_PROMPT}`);
    if (ctx.stdin.isTTY) ctx.stdout.write(`\nConnection to ${d.name} closed.\n`);
    else ctx.stdout.write('\n');
    return status;
  } finally {
    close();
  }
}
