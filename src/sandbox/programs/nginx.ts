import { nginxDate, testNginxConfig } from '../docker/services/nginx.ts';
import type { Program } from '../shell/program.ts';

/** Signals `nginx -s` sends to the master. */
const SIGNALS: Record<string, number> = { stop: 15, quit: 3, reopen: 10, reload: 1 };

/**
 * The nginx binary run by hand inside a container: `-v`, `-t` (test the configuration), `-s reload`
 * (tell the running master to reread it); starting a second server fails as the port is taken.
 */
export const nginx: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-v') || args.includes('-V')) {
    ctx.stderr.write('nginx version: nginx/1.29.3\n');
    return 0;
  }
  // Its own PID: the newest process in the container (docker exec has just started it).
  const pid = Math.max(0, ...ctx.system.processes().map((p) => p.pid));
  const log = (level: string, text: string) =>
    ctx.stderr.write(`${nginxDate(ctx.now())} [${level}] ${pid}#${pid}: ${text}\n`);
  const s = args.indexOf('-s');
  if (s >= 0 && !((args[s + 1] ?? '') in SIGNALS)) {
    ctx.stderr.write(`nginx: invalid option: "-s ${args[s + 1] ?? ''}"\n`);
    return 1;
  }
  const problem = testNginxConfig(ctx.fs);
  if (args.includes('-t') || args.includes('-T')) {
    if (problem) {
      log('emerg', problem);
      ctx.stderr.write('nginx: configuration file /etc/nginx/nginx.conf test failed\n');
      return 1;
    }
    ctx.stderr.write(
      'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
    );
    return 0;
  }
  if (problem) {
    log('emerg', problem);
    return 1;
  }
  if (s >= 0) {
    const master = ctx.system.processes().find((p) => p.pid === 1 && p.args.startsWith('nginx: master'));
    if (!master) {
      log('error', 'open() "/run/nginx.pid" failed (2: No such file or directory)');
      return 1;
    }
    log('notice', 'signal process started');
    ctx.system.kill(1, SIGNALS[args[s + 1] as string] as number, ctx.user);
    return 0;
  }
  ctx.stderr.write('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n');
  return 1;
};
