import type { Program } from '../shell/program.ts';

const HELLO = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

/** hello-world's /hello. */
export const hello: Program = async (ctx) => {
  ctx.stdout.write(HELLO);
  return 0;
};

/** An image's docker-entrypoint.sh: ends in `exec "$@"`. */
export const entrypoint: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) return 0;
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return ctx.shell(quoted);
};

/** A server binary run by hand (`nginx -v`); starting a second copy fails as the port is taken. */
export function serviceBinary(name: string, version: string, port: number): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    if (args.includes('-v') || args.includes('--version') || args.includes('-V')) {
      ctx.stderr.write(name === 'nginx' ? `nginx version: nginx/${version}\n` : `${name} ${version}\n`);
      return 0;
    }
    ctx.stderr.write(
      name === 'nginx'
        ? `nginx: [emerg] bind() to 0.0.0.0:${port} failed (98: Address already in use)\n`
        : `${name}: could not bind to port ${port}: Address already in use\n`,
    );
    return 1;
  };
}
