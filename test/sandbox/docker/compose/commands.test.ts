import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// Expected output follows Compose v2.40.3's source (pkg/progress/plain.go prints `fmt.Fprintln("",
// ID, Text, StatusText)`; pkg/compose/create.go, convergence.go, down.go name the events;
// cmd/formatter/logs.go pads prefixes to the longest name plus one), not a recorded run: this
// machine has no Compose v2 plugin.

const APP = `services:
  web:
    image: nginx
    ports:
      - "8080:80"
    volumes:
      - ./site:/usr/share/nginx/html:ro
    depends_on:
      - api
  api:
    build: ./api
    depends_on:
      redis:
        condition: service_healthy
  redis:
    image: redis
    volumes:
      - data:/data
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 1s
volumes:
  data:
`;

const DOCKERFILE =
  'FROM alpine\nRUN apk add --no-cache python3 redis curl\nWORKDIR /srv\nCMD ["python3", "-m", "http.server", "8000"]\n';

async function app(options: { tty?: boolean } = {}) {
  const s = Sandbox.create({ seed: 7, ...(options.tty ? { tty: true, columns: 80 } : {}) });
  await s.run('mkdir -p /home/learner/app/site /home/learner/app/api');
  s.writeFile('/home/learner/app/compose.yaml', APP);
  s.writeFile('/home/learner/app/site/index.html', '<h1>hello</h1>\n');
  s.writeFile('/home/learner/app/api/Dockerfile', DOCKERFILE);
  await s.run('cd /home/learner/app && docker pull -q nginx >/dev/null && docker pull -q redis >/dev/null');
  return s;
}

const CREATED = ` Network app_default  Creating
 Network app_default  Created
 Volume app_data  Creating
 Volume app_data  Created
 Container app-redis-1  Creating
 Container app-redis-1  Created
 Container app-api-1  Creating
 Container app-api-1  Created
 Container app-web-1  Creating
 Container app-web-1  Created
 Container app-redis-1  Starting
 Container app-redis-1  Started
 Container app-redis-1  Waiting
 Container app-redis-1  Healthy
 Container app-api-1  Starting
 Container app-api-1  Started
 Container app-web-1  Starting
 Container app-web-1  Started
`;

describe('docker compose up, ps, exec, logs, down', () => {
  it('brings a three-service app up in dependency order and serves it', async () => {
    const s = await app();
    const out = await s.run('docker compose up -d; echo "status $?"');
    expect(out).toContain('#5 [2/3] RUN apk add --no-cache python3 redis curl\n');
    expect(out).toContain('#7 naming to docker.io/library/app-api:latest done\n');
    expect(out.slice(out.indexOf(' api  Built'))).toBe(` api  Built\n${CREATED}status 0\n`);

    expect(await s.run('docker compose ps')).toBe(
      `NAME          IMAGE     COMMAND                  SERVICE   CREATED         STATUS                   PORTS
app-api-1     app-api   "python3 -m http.ser…"   api       2 seconds ago   Up Less than a second    
app-redis-1   redis     "docker-entrypoint.s…"   redis     2 seconds ago   Up 2 seconds (healthy)   6379/tcp
app-web-1     nginx     "/docker-entrypoint.…"   web       2 seconds ago   Up Less than a second    0.0.0.0:8080->80/tcp, [::]:8080->80/tcp
`,
    );
    expect(await s.run('docker compose ps --services')).toBe('api\nredis\nweb\n');
    expect(await s.run('docker compose ps -q | wc -l')).toBe('3\n');
    expect(await s.run("docker compose ps --format '{{.Service}} {{.State}}'")).toBe(
      'api running\nredis running\nweb running\n',
    );
    expect(await s.run('curl -s localhost:8080')).toBe('<h1>hello</h1>\n');
  });

  it('resolves services by name from one another, and shows the aliases as Docker does', async () => {
    const s = await app();
    await s.run('docker compose up -d >/dev/null 2>&1');
    expect(await s.run('docker compose exec api redis-cli -h redis ping')).toBe('PONG\n');
    expect(await s.run('docker compose exec api curl -s http://web/')).toBe('<h1>hello</h1>\n');
    expect(
      await s.run(
        'docker compose exec api curl -s http://app-redis-1:6379/ >/dev/null; docker compose exec api nosuch; echo $?',
      ),
    ).toMatch(/executable file not found in \$PATH: unknown\r\n127\n$/);
    expect(
      await s.run(
        "docker inspect app-web-1 --format '{{json .NetworkSettings.Networks.app_default.Aliases}}'",
      ),
    ).toBe('["app-web-1","web"]\n');
    const labels = await s.run("docker inspect app-web-1 --format '{{json .Config.Labels}}'");
    for (const key of [
      '"com.docker.compose.project":"app"',
      '"com.docker.compose.service":"web"',
      '"com.docker.compose.container-number":"1"',
      '"com.docker.compose.oneoff":"False"',
      '"com.docker.compose.depends_on":"api:service_started:false"',
      '"com.docker.compose.project.working_dir":"/home/learner/app"',
      '"com.docker.compose.project.config_files":"/home/learner/app/compose.yaml"',
      '"com.docker.compose.version":"2.40.3"',
    ])
      expect(labels).toContain(key);
    expect(labels).toMatch(/"com.docker.compose.config-hash":"[0-9a-f]{64}"/);
    expect(labels).toMatch(/"com.docker.compose.image":"sha256:[0-9a-f]{64}"/);
    expect(
      await s.run('docker compose exec web nosuch-service-test 2>&1 | head -0; docker compose exec nope ls'),
    ).toBe('service "nope" is not running\n');
  });

  it('prefixes logs, keeps a running project as it is, and goes away with down -v', async () => {
    const s = await app();
    await s.run('docker compose up -d >/dev/null 2>&1');
    await s.run('sleep 2');
    const logs = await s.run('docker compose logs');
    expect(logs).toMatch(/^redis-1 {2}\| Starting Redis Server\n/);
    expect(logs).toContain('\nweb-1    | /docker-entrypoint.sh: /docker-entrypoint.d/ is not empty');
    expect(await s.run('docker compose logs --tail 1 redis')).toMatch(
      /^redis-1 {2}\| 1:M .* \* Ready to accept connections tcp\n$/,
    );
    expect(await s.run('docker compose up -d')).toBe(
      ' Container app-redis-1  Running\n Container app-api-1  Running\n Container app-web-1  Running\n Container app-redis-1  Waiting\n Container app-redis-1  Healthy\n',
    );
    expect(await s.run('docker compose down -v')).toBe(` Container app-web-1  Stopping
 Container app-web-1  Stopped
 Container app-web-1  Removing
 Container app-web-1  Removed
 Container app-api-1  Stopping
 Container app-api-1  Stopped
 Container app-api-1  Removing
 Container app-api-1  Removed
 Container app-redis-1  Stopping
 Container app-redis-1  Stopped
 Container app-redis-1  Removing
 Container app-redis-1  Removed
 Network app_default  Removing
 Network app_default  Removed
 Volume app_data  Removing
 Volume app_data  Removed
`);
    expect(await s.run('docker ps -aq; docker network ls -q | wc -l; docker volume ls -q')).toBe('3\n');
    // The file's network and volume are still planned for removal, so there is nothing to warn about.
    expect(await s.run('docker compose down -v')).toBe('');
  });

  it('warns that it found nothing to remove only when the file plans nothing, as logrus words it where it writes', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('mkdir none && cd none');
    await s.run(
      "printf 'services:\\n  web:\\n    image: busybox\\n    network_mode: none\\n' > compose.yaml",
    );
    expect(await s.run('docker compose down 2>&1')).toMatch(
      /^time="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ" level=warning msg="Warning: No resource found to remove for project \\"none\\"\."\n$/,
    );
    const tty = Sandbox.create({ seed: 7, tty: true, columns: 80 });
    await tty.run('mkdir none && cd none');
    await tty.run(
      "printf 'services:\\n  web:\\n    image: busybox\\n    network_mode: none\\n' > compose.yaml",
    );
    expect(await tty.run('docker compose down')).toBe(
      'WARN[0000] Warning: No resource found to remove for project "none".\n',
    );
  });

  it('recreates a service whose configuration changed, and only that one', async () => {
    const s = await app();
    await s.run('docker compose up -d >/dev/null 2>&1');
    s.writeFile(
      '/home/learner/app/compose.yaml',
      APP.replace('image: redis\n', 'image: redis\n    command: redis-server --appendonly yes\n'),
    );
    expect(await s.run('docker compose up -d')).toBe(
      ' Container app-redis-1  Recreate\n Container app-redis-1  Recreated\n Container app-api-1  Running\n Container app-web-1  Running\n Container app-redis-1  Starting\n Container app-redis-1  Started\n Container app-redis-1  Waiting\n Container app-redis-1  Healthy\n',
    );
    expect(await s.run("docker compose ps --format '{{.Name}} {{.Command}}' redis")).toBe(
      'app-redis-1 "docker-entrypoint.s…"\n',
    );
    expect(await s.run("docker inspect app-redis-1 --format '{{.Args}}'")).toBe(
      '[redis-server --appendonly yes]\n',
    );
    expect(await s.run('docker compose up -d --force-recreate web 2>&1 | grep web')).toBe(
      ' Container app-web-1  Recreate\n Container app-web-1  Recreated\n Container app-web-1  Starting\n Container app-web-1  Started\n',
    );
  });

  it('reports errors in Compose words', async () => {
    const s = await app();
    await s.run('docker run -d -p 8080:80 --name squatter nginx >/dev/null');
    const out = await s.run(
      'docker compose up -d 2>&1 | tail -3; docker compose up -d >/dev/null 2>&1; echo $?',
    );
    expect(out).toMatch(
      / Container app-web-1 {2}Starting\nError response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint app-web-1 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n1\n$/,
    );
    s.writeFile('/home/learner/app/compose.yaml', 'services:\n  x:\n    image: nosuchimage\n');
    expect(await s.run('docker compose -p other up -d')).toBe(
      " x Pulling \n x Error pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\nError response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
    );
    expect(await s.run('docker compose up --build --no-build')).toBe(
      '--build and --no-build are incompatible\n',
    );
  });

  it('waits for a healthy dependency, and fails as Compose does when it turns unhealthy', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run(
      'mkdir -p /home/learner/h && docker pull -q redis >/dev/null && docker pull -q alpine >/dev/null',
    );
    s.writeFile(
      '/home/learner/h/compose.yaml',
      'services:\n  db:\n    image: redis\n    healthcheck:\n      test: redis-cli ping\n      interval: 1s\n  app:\n    image: alpine\n    command: sleep 300\n    depends_on:\n      db:\n        condition: service_healthy\n',
    );
    expect(await s.run('cd /home/learner/h && docker compose up -d 2>&1 | tail -n 4')).toBe(
      ' Container h-db-1  Waiting\n Container h-db-1  Healthy\n Container h-app-1  Starting\n Container h-app-1  Started\n',
    );
    const db = s.docker.containerNamed('h-db-1');
    expect(db?.config.healthcheck).toEqual({
      test: ['CMD-SHELL', 'redis-cli ping'],
      interval: 1_000_000_000,
    });
    expect(await s.run('docker compose ps --format "{{.Name}} {{.Status}}"')).toMatch(
      /h-db-1 Up 1 second \(healthy\)\n/,
    );
    await s.run('docker compose down >/dev/null 2>&1');
    s.writeFile(
      '/home/learner/h/compose.yaml',
      'services:\n  db:\n    image: redis\n    healthcheck:\n      test: ["CMD", "false"]\n      interval: 1s\n      retries: 2\n  app:\n    image: alpine\n    command: sleep 300\n    depends_on:\n      db:\n        condition: service_healthy\n',
    );
    expect(await s.run('docker compose up -d 2>&1 | tail -n 3; echo $?')).toBe(
      ' Container h-db-1  Waiting\n Container h-db-1  Error\ndependency failed to start: container h-db-1 is unhealthy\n0\n',
    );
  });

  it('runs one-off containers and attaches to the project', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run('mkdir -p /home/learner/t && docker pull -q alpine >/dev/null');
    s.writeFile(
      '/home/learner/t/compose.yaml',
      "services:\n  ticker:\n    image: alpine\n    command: sh -c 'for i in 1 2; do echo tick $$i; sleep 1; done'\n",
    );
    expect(await s.run('cd /home/learner/t && docker compose run --rm ticker echo hi; echo $?')).toBe(
      ' Network t_default  Creating\n Network t_default  Created\nhi\n0\n',
    );
    expect(await s.run('docker compose up; echo $?')).toBe(
      ' Container t-ticker-1  Creating\n Container t-ticker-1  Created\nAttaching to ticker-1\nticker-1  | tick 1\nticker-1  | tick 2\n\r\x1b[Kticker-1 exited with code 0\n0\n',
    );
    expect(await s.run('docker compose ps -a --format "{{.Name}} {{.Status}}"')).toBe(
      't-ticker-1 Exited (0) Less than a second ago\n',
    );
  });
});

describe('the terminal rendering', () => {
  it('redraws one block and ends on the finished frame', async () => {
    const s = await app({ tty: true });
    await s.run('docker compose up -d >/dev/null 2>&1');
    const out = await s.run('docker compose up -d');
    const last = out.slice(out.lastIndexOf('\x1b[?25l') + 6, out.lastIndexOf('\x1b[?25h'));
    const plain = last.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    expect(plain).toBe(
      `[+] Running 3/3
 ✔ Container app-redis-1  Healthy${' '.repeat(42)}0.5s 
 ✔ Container app-api-1    Running${' '.repeat(42)}0.0s 
 ✔ Container app-web-1    Running${' '.repeat(42)}0.0s 
`,
    );
    expect(last).toContain(' \x1b[32m✔\x1b[0m Container app-redis-1  \x1b[32mHealthy\x1b[0m');
  });
});

describe('determinism', () => {
  it('prints the same bytes twice', async () => {
    const runOnce = async () => {
      const s = await app({ tty: true });
      return [
        await s.run('docker compose up -d'),
        await s.run('docker compose ps -a --format json'),
        await s.run('docker compose logs'),
        await s.run('docker compose down -v'),
      ].join('\n---\n');
    };
    expect(await runOnce()).toBe(await runOnce());
  });
});
