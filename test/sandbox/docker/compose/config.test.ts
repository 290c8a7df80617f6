// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose files and their messages hold ${VAR}.
import { describe, expect, it } from 'vitest';
import { interpolateString } from '../../../../src/sandbox/docker/compose/interpolate';
import { normalizeProjectName } from '../../../../src/sandbox/docker/compose/load';
import { Sandbox } from '../../../../src/sandbox/sandbox';

/** Writes a compose file in /home/learner/<dir> and runs a command there. */
async function inProject(files: Record<string, string>, command: string, dir = 'app') {
  const s = Sandbox.create({ seed: 7 });
  const writes = Object.entries(files)
    .map(([name, text]) => `printf '%s' '${text}' > /home/learner/${dir}/${name}`)
    .join(' && ');
  return s.run(`mkdir -p /home/learner/${dir} && ${writes} && cd /home/learner/${dir} && ${command}`);
}

describe('docker compose config', () => {
  // The expected text is derived from compose-go v2.9.1's serialisation code, not captured from a
  // real Compose run: types/types.go field order (ServiceConfig, ServicePortConfig,
  // ServiceVolumeConfig), transform/ports.go (`mode: ingress`, published as a string),
  // loader/normalize.go (`networks: default: null`, `<project>_default`), format/volume.go
  // (`volume: {}`, `create_host_path: true`), and go-yaml v3's encoder with SetIndent(2).
  it('prints the normalised project', async () => {
    const out = await inProject(
      {
        'compose.yaml':
          'services:\n  web:\n    image: nginx:${TAG:-1.27}\n    ports:\n      - "8080:80"\n    volumes:\n      - ./html:/usr/share/nginx/html:ro\n      - data:/data\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck:\n      test: pg_isready\n      interval: 10s\n      retries: 5\nvolumes:\n  data:\n  unused:\n',
      },
      'docker compose config',
    );
    expect(out).toBe(`name: app
services:
  db:
    healthcheck:
      test:
        - CMD-SHELL
        - pg_isready
      interval: 10s
      retries: 5
    image: postgres:16
    networks:
      default: null
  web:
    depends_on:
      db:
        condition: service_healthy
        required: true
    image: nginx:1.27
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: "8080"
        protocol: tcp
    volumes:
      - type: bind
        source: /home/learner/app/html
        target: /usr/share/nginx/html
        read_only: true
        bind:
          create_host_path: true
      - type: volume
        source: data
        target: /data
        volume: {}
networks:
  default:
    name: app_default
volumes:
  data:
    name: app_data
`);
  });

  it('lists services and volumes, and is quiet with -q', async () => {
    const file =
      'services:\n  b:\n    image: x\n    volumes: [vol:/v]\n  a:\n    image: y\nvolumes:\n  vol: {}\n';
    // (`v:/v` would read as a Windows drive, as compose-go's format.ParseVolume reads it.)
    expect(
      await inProject(
        { 'compose.yaml': file },
        'docker compose config --services; docker compose config --volumes; docker compose config -q && echo ok',
      ),
    ).toBe('a\nb\nvol\nok\n');
  });

  it('names the project from -p, COMPOSE_PROJECT_NAME, name: and the directory', async () => {
    const file = 'services:\n  a:\n    image: x\n';
    expect(await inProject({ 'compose.yaml': file }, 'docker compose config | head -1', 'My.App')).toBe(
      'name: myapp\n',
    );
    expect(
      await inProject({ 'compose.yaml': `name: Named\n${file}` }, 'docker compose config | head -1'),
    ).toBe('name: named\n');
    expect(
      await inProject({ 'compose.yaml': file }, 'COMPOSE_PROJECT_NAME=env docker compose config | head -1'),
    ).toBe('name: env\n');
    expect(await inProject({ 'compose.yaml': file }, 'docker compose -p Bad config')).toContain(
      'invalid project name "Bad": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number',
    );
    expect(normalizeProjectName('_My Project!')).toBe('myproject');
  });

  it('finds the file in a parent directory, and says so when there is none', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(
      await s.run(
        "mkdir -p /home/learner/app/sub && printf 'services:\\n  a:\\n    image: x\\n' > /home/learner/app/compose.yaml && cd /home/learner/app/sub && docker compose config --services",
      ),
    ).toBe('a\n');
    expect(await s.run('cd /tmp && docker compose config; echo $?')).toBe(
      'no configuration file provided: not found\n1\n',
    );
  });

  it('merges -f files in order', async () => {
    const out = await inProject(
      {
        'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      - A=1\n      - B=2\n',
        'prod.yaml': 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      B: 3\n',
      },
      'docker compose -f compose.yaml -f prod.yaml config',
    );
    expect(out).toContain('    environment:\n      A: "1"\n      B: "3"\n    image: nginx:1.27\n');
  });

  it('interpolates from the shell and .env', async () => {
    const out = await inProject(
      {
        '.env': 'TAG=from-env-file\nPORT=8080\n',
        'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n    command: echo $$HOME\n',
      },
      'TAG=from-shell docker compose config',
    );
    expect(out).toContain('image: nginx:from-shell');
    expect(out).toContain('- $$HOME');
  });

  // Messages from compose-go v2.9.1: loader/validate.go, schema/schema.go, interpolation, template.
  it('reports Compose errors in its words', async () => {
    const run = (file: string) =>
      inProject({ 'compose.yaml': file }, 'docker compose config; echo "exit $?"');
    expect(await run('services:\n  web:\n    imgae: nginx\n')).toBe(
      "validating /home/learner/app/compose.yaml: services.web additional properties 'imgae' not allowed\nexit 1\n",
    );
    expect(await run('services:\n  web:\n    restart: always\n')).toBe(
      'service "web" has neither an image nor a build context specified: invalid compose project\nexit 1\n',
    );
    expect(await run('services:\n  web:\n    image: x\n    depends_on: [db]\n')).toBe(
      'service "web" depends on undefined service "db": invalid compose project\nexit 1\n',
    );
    expect(await run('services:\n  web:\n    image: ${IMAGE:?set IMAGE first}\n')).toBe(
      'error while interpolating services.web.image: required variable IMAGE is missing a value: set IMAGE first\nexit 1\n',
    );
    expect(await run('services:\n  web:\n    image: ${IMAGE\n')).toBe(
      'invalid interpolation format for services.web.image.\nYou may need to escape any $ with another $.\n${IMAGE\nexit 1\n',
    );
    expect(await run('services:\n  web:\n    image: nginx: latest\n')).toBe(
      'yaml: line 3: mapping values are not allowed in this context\nexit 1\n',
    );
    expect(await run('services:\n  web:\n    image: 1.5\n')).toBe(
      'validating /home/learner/app/compose.yaml: services.web.image must be a string\nexit 1\n',
    );
  });

  it('answers version, help and unknown subcommands as Compose does', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(await s.run('docker compose version')).toBe('Docker Compose version v2.40.3\n');
    expect(await s.run('docker compose --help')).toContain(
      "Run 'docker compose COMMAND --help' for more information on a command.",
    );
    expect(await s.run('docker compose frobnicate >/dev/null; echo $?')).toBe(
      'unknown docker command: "compose frobnicate"\n1\n',
    );
  });
});

describe('interpolation', () => {
  const env: Record<string, string> = { SET: 'v', EMPTY: '' };
  const sub = (s: string) =>
    interpolateString(
      s,
      'x',
      (k) => env[k],
      () => {},
    );
  it('substitutes as compose-go template does', () => {
    expect(sub('${SET}-$SET-$$SET')).toBe('v-v-$SET');
    expect(sub('${EMPTY:-d}|${EMPTY-d}|${UNSET-d}|${UNSET:-${SET}}')).toBe('d||d|v');
    expect(sub('${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}')).toBe('alt||alt');
    expect(() => sub('${EMPTY:?needed}')).toThrow(
      'error while interpolating x: required variable EMPTY is missing a value: needed',
    );
    expect(() => sub('${UNSET?}')).toThrow('required variable UNSET is missing a value');
  });
});
