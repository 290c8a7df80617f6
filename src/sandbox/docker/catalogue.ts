import { trixieBase } from '../image/debian-packages.ts';
import {
  alpineRoot,
  DEBIAN_13,
  debianRoot,
  oracleLinuxRoot,
  PROCPS_COMMANDS,
  TRIXIE_LOGIN_DEFS,
  UBUNTU_2404,
} from '../image/distros.ts';
import type { LayerSpec } from '../image/layer-builder.ts';
import {
  NGINX_50X,
  NGINX_CONF,
  NGINX_DEFAULT_CONF,
  NGINX_INDEX,
  NGINX_MIME_TYPES,
} from './services/nginx-files.ts';

/** The runtime configuration of an image, with Docker's own field names. */
export interface ImageConfig {
  Env: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir: string;
  User: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
  Labels?: Record<string, string>;
  StopSignal?: string;
  /** HEALTHCHECK, as the image config stores it (durations in ns). */
  Healthcheck?: {
    Test: string[];
    Interval?: number;
    Timeout?: number;
    StartPeriod?: number;
    StartInterval?: number;
    Retries?: number;
  };
}

/** One instruction in an image's history; `layer` names the layer it produced, if any. */
export interface CatalogueStep {
  createdBy: string;
  layer?: string;
}

export interface CatalogueImage {
  /** Repository path on Docker Hub, e.g. `library/nginx`. */
  repository: string;
  tags: string[];
  created: string;
  os: 'linux' | 'windows';
  /**
   * The platforms of the tag's image index (`linux/arm64/v8`), the host's first. Every other entry is
   * the same image built for that processor: its own layers, which an amd64 host cannot execute.
   */
  platforms: string[];
  config: ImageConfig;
  steps: CatalogueStep[];
  description: string;
  stars: number;
  official: boolean;
}

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Docker Hub's busybox: BusyBox alone, built from defconfig (so with adduser and the other account
 * applets), and none of Alpine's other programs such as musl-utils' getent.
 */
function busyboxRoot(): LayerSpec {
  const alpine = alpineRoot('1.37.0', 4_270_000);
  const { '/usr/bin/getent': _getent, ...blobs } = alpine.blobs ?? {};
  return {
    ...alpine,
    blobs,
    // The busybox image has the applets Alpine moves to busybox-extras, such as httpd.
    links: { ...alpine.links, '/bin/httpd': 'busybox' },
    files: {
      '/etc/passwd':
        'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
      '/etc/group': 'root:x:0:\ndaemon:x:1:\nnogroup:x:65534:\n',
    },
  };
}

/** Layers by key. Images that name the same key share that layer, digest and all. */
export const CATALOGUE_LAYERS: Record<string, () => LayerSpec> = {
  'hello-world': () => ({ blobs: { '/hello': { size: 13_256, program: 'hello' } } }),
  'busybox-1.37': () => busyboxRoot(),
  'alpine-3.22': () => alpineRoot('3.22.2', 8_310_000),
  'alpine-3.12': () => alpineRoot('3.12.0', 5_570_000),
  'debian-13': () =>
    debianRoot(DEBIAN_13, 120_000_000, [], {
      debianVersion: '13.2',
      built: '2025-11-17',
      bash: 'bash-5.2.37',
      packages: trixieBase(),
      loginDefs: TRIXIE_LOGIN_DEFS,
    }),
  'ubuntu-24.04': () =>
    debianRoot(UBUNTU_2404, 78_100_000, PROCPS_COMMANDS, {
      debianVersion: 'trixie/sid',
      built: '2025-10-13',
      bash: 'bash',
      // Since 23.04 the image has a non-root user for OCI runtimes (Launchpad bug 2005129).
      user: { name: 'ubuntu', uid: 1000, gecos: 'Ubuntu', homeMode: 0o750 },
    }),
  'nginx-1.29-install': () => ({
    programs: { '/usr/sbin/nginx': 'service/nginx' },
    files: {
      '/etc/nginx/nginx.conf': NGINX_CONF,
      '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      '/etc/nginx/mime.types': NGINX_MIME_TYPES,
      '/usr/share/nginx/html/index.html': NGINX_INDEX,
      '/usr/share/nginx/html/50x.html': NGINX_50X,
    },
    // The image sends both logs to the container's output.
    links: { '/var/log/nginx/access.log': '/dev/stdout', '/var/log/nginx/error.log': '/dev/stderr' },
    bulk: { dir: '/usr/lib/nginx/modules', bytes: 40_900_000 },
  }),
  'nginx-1.29-entrypoint': () => ({ programs: { '/docker-entrypoint.sh': 'entrypoint' } }),
  'nginx-1.29-scripts': () => ({
    files: {
      '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': '#!/bin/sh\n',
      '/docker-entrypoint.d/15-local-resolvers.envsh': '#!/bin/sh\n',
      '/docker-entrypoint.d/20-envsubst-on-templates.sh': '#!/bin/sh\n',
      '/docker-entrypoint.d/30-tune-worker-processes.sh': '#!/bin/sh\n',
    },
  }),
  'redis-8.2-user': () => ({
    files: { '/etc/passwd.d/redis': 'redis:x:999:999::/home/redis:/usr/sbin/nologin\n' },
  }),
  'redis-8.2-install': () => ({
    programs: { '/usr/local/bin/redis-server': 'service/redis', '/usr/local/bin/redis-cli': 'redis-cli' },
    bulk: { dir: '/usr/local/lib/redis', bytes: 16_800_000 },
  }),
  'redis-8.2-data': () => ({ dirs: ['/data'] }),
  'redis-8.2-entrypoint': () => ({ programs: { '/usr/local/bin/docker-entrypoint.sh': 'entrypoint' } }),
  'postgres-18-install': () => ({
    programs: { '/usr/lib/postgresql/18/bin/postgres': 'service/postgres', '/usr/bin/psql': 'psql' },
    bulk: { dir: '/usr/lib/postgresql/18/lib', bytes: 318_000_000 },
  }),
  'postgres-18-entrypoint': () => ({ programs: { '/usr/local/bin/docker-entrypoint.sh': 'entrypoint' } }),
  'registry-2.8': () => ({
    programs: { '/bin/registry': 'service/registry', '/entrypoint.sh': 'entrypoint' },
    files: { '/etc/docker/registry/config.yml': REGISTRY_CONF },
    dirs: ['/var/lib/registry'],
    bulk: { dir: '/usr/share/registry', bytes: 17_100_000 },
  }),
  'stress-1.0.4': () => ({
    programs: { '/usr/bin/stress': 'stress' },
    bulk: { dir: '/usr/share/stress', bytes: 4_160_000 },
  }),
  'python-3.13-runtime': () => ({
    programs: {
      '/usr/local/bin/python3': 'python3',
      '/usr/local/bin/pip': 'pip',
      '/usr/local/bin/pip3': 'pip',
    },
    links: { '/usr/local/bin/python': 'python3' },
    bulk: { dir: '/usr/local/lib/python3.13', bytes: 41_600_000 },
  }),
  'node-22-runtime': () => ({
    programs: {
      '/usr/local/bin/node': 'node',
      '/usr/local/bin/npm': 'npm',
      '/usr/local/bin/docker-entrypoint.sh': 'entrypoint',
    },
    bulk: { dir: '/usr/local/lib/node_modules', bytes: 145_038_578 },
  }),
  'oraclelinux-9-slim': () => oracleLinuxRoot(112_000_000),
  'mysql-8.0-user': () => ({
    files: {
      '/etc/passwd':
        'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\nmysql:x:999:999::/var/lib/mysql:/bin/bash\n',
      '/etc/group': 'root:x:0:\nbin:x:1:\ndaemon:x:2:\nnobody:x:65534:\nmysql:x:999:\n',
    },
  }),
  'mysql-8.0-gosu': () => ({ blobs: { '/usr/local/bin/gosu': { size: 2_318_336, mode: 0o755 } } }),
  'mysql-8.0-server': () => ({
    programs: {
      '/usr/sbin/mysqld': 'service/mysqld',
      '/usr/bin/mysql': 'mysql',
    },
    files: { '/etc/my.cnf': MYSQL_CNF },
    dirs: ['/var/lib/mysql', '/var/run/mysqld', '/docker-entrypoint-initdb.d', '/etc/mysql/conf.d'],
    bulk: { dir: '/usr/lib64/mysql', bytes: 418_000_000 },
  }),
  'mysql-8.0-shell': () => ({ bulk: { dir: '/usr/lib/mysqlsh', bytes: 176_000_000 } }),
  'mysql-8.0-entrypoint': () => ({
    programs: { '/usr/local/bin/docker-entrypoint.sh': 'entrypoint' },
    links: { '/entrypoint.sh': 'usr/local/bin/docker-entrypoint.sh' },
  }),
  // Yarn 1 as the official image installs it: unpacked in /opt, linked into /usr/local/bin.
  'node-22-yarn': () => ({
    programs: {
      '/opt/yarn-v1.22.22/bin/yarn': 'yarn',
      '/opt/yarn-v1.22.22/bin/yarnpkg': 'yarn',
    },
    files: { '/opt/yarn-v1.22.22/package.json': YARN_PACKAGE_JSON },
    links: {
      '/usr/local/bin/yarn': '/opt/yarn-v1.22.22/bin/yarn',
      '/usr/local/bin/yarnpkg': '/opt/yarn-v1.22.22/bin/yarnpkg',
    },
    bulk: { dir: '/opt/yarn-v1.22.22/lib', bytes: 5_230_000 },
  }),
};

export const CATALOGUE: CatalogueImage[] = [
  {
    repository: 'library/hello-world',
    tags: ['latest', 'linux'],
    created: '2025-08-08T19:05:17Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/mips64le',
      'linux/ppc64le',
      'linux/riscv64',
      'linux/s390x',
    ],
    config: { Env: [PATH_ENV], Cmd: ['/hello'], WorkingDir: '/', User: '' },
    steps: [{ createdBy: 'COPY hello / # buildkit', layer: 'hello-world' }, { createdBy: 'CMD ["/hello"]' }],
    description: 'Hello World! (an example of minimal Dockerization)',
    stars: 2482,
    official: true,
  },
  {
    repository: 'library/busybox',
    tags: ['latest', '1.37', '1.37.0'],
    created: '2024-09-26T21:31:42Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v6',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/mips64le',
      'linux/ppc64le',
      'linux/riscv64',
      'linux/s390x',
    ],
    config: { Env: [PATH_ENV], Cmd: ['sh'], WorkingDir: '', User: '' },
    steps: [
      { createdBy: 'BusyBox 1.37.0 (glibc), Debian 12', layer: 'busybox-1.37' },
      { createdBy: 'CMD ["sh"]' },
    ],
    description: 'Busybox base image.',
    stars: 3472,
    official: true,
  },
  {
    repository: 'library/alpine',
    tags: ['latest', '3', '3.22', '3.22.2'],
    created: '2025-10-08T11:04:56Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v6',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/ppc64le',
      'linux/riscv64',
      'linux/s390x',
    ],
    config: { Env: [PATH_ENV], Cmd: ['/bin/sh'], WorkingDir: '/', User: '' },
    steps: [
      { createdBy: 'ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', layer: 'alpine-3.22' },
      { createdBy: 'CMD ["/bin/sh"]' },
    ],
    description:
      'A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!',
    stars: 11243,
    official: true,
  },
  {
    repository: 'library/debian',
    tags: ['latest', 'trixie', '13', '13.2'],
    created: '2025-11-17T00:00:00Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/ppc64le',
      'linux/riscv64',
      'linux/s390x',
    ],
    config: { Env: [PATH_ENV], Cmd: ['bash'], WorkingDir: '', User: '' },
    steps: [{ createdBy: "# debian.sh --arch 'amd64' out/ 'trixie' '@1763337600'", layer: 'debian-13' }],
    description: "Debian is a Linux distribution that's composed entirely of free and open-source software.",
    stars: 5208,
    official: true,
  },
  {
    repository: 'library/ubuntu',
    tags: ['latest', '24.04', 'noble'],
    created: '2025-10-13T08:27:41Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/ppc64le',
      'linux/riscv64',
      'linux/s390x',
    ],
    config: { Env: [PATH_ENV], Cmd: ['/bin/bash'], WorkingDir: '', User: '' },
    steps: [
      { createdBy: '/bin/sh -c #(nop)  ARG RELEASE' },
      { createdBy: '/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH' },
      { createdBy: '/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu' },
      { createdBy: '/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=24.04' },
      {
        createdBy:
          '/bin/sh -c #(nop) ADD file:9c0b4c2f0fa2b2d8b3e5b1c6f2a5e3d9c9f1a0b6e7d4c3b2a190817263544536 in / ',
        layer: 'ubuntu-24.04',
      },
      { createdBy: '/bin/sh -c #(nop)  CMD ["/bin/bash"]' },
    ],
    description: 'Ubuntu is a Debian-based Linux operating system based on free software.',
    stars: 17684,
    official: true,
  },
  {
    repository: 'library/nginx',
    tags: ['latest', '1.29', '1.29.3', 'mainline'],
    created: '2025-10-28T20:01:31Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/ppc64le',
      'linux/s390x',
    ],
    config: {
      Env: [
        PATH_ENV,
        'NGINX_VERSION=1.29.3',
        'NJS_VERSION=0.9.4',
        'NJS_RELEASE=1~trixie',
        'PKG_RELEASE=1~trixie',
        'DYNPKG_RELEASE=1~trixie',
      ],
      Entrypoint: ['/docker-entrypoint.sh'],
      Cmd: ['nginx', '-g', 'daemon off;'],
      WorkingDir: '',
      User: '',
      ExposedPorts: { '80/tcp': {} },
      Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
      StopSignal: 'SIGQUIT',
    },
    steps: [
      { createdBy: "# debian.sh --arch 'amd64' out/ 'trixie' '@1763337600'", layer: 'debian-13' },
      { createdBy: 'LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>' },
      { createdBy: 'ENV NGINX_VERSION=1.29.3' },
      { createdBy: 'ENV NJS_VERSION=0.9.4' },
      { createdBy: 'ENV NJS_RELEASE=1~trixie' },
      { createdBy: 'ENV PKG_RELEASE=1~trixie' },
      { createdBy: 'ENV DYNPKG_RELEASE=1~trixie' },
      {
        createdBy:
          'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates # buildkit',
        layer: 'nginx-1.29-install',
      },
      { createdBy: 'COPY docker-entrypoint.sh / # buildkit', layer: 'nginx-1.29-entrypoint' },
      {
        createdBy: 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit',
        layer: 'nginx-1.29-scripts',
      },
      { createdBy: 'ENTRYPOINT ["/docker-entrypoint.sh"]' },
      { createdBy: 'EXPOSE map[80/tcp:{}]' },
      { createdBy: 'STOPSIGNAL SIGQUIT' },
      { createdBy: 'CMD ["nginx" "-g" "daemon off;"]' },
    ],
    description: 'Official build of Nginx.',
    stars: 20994,
    official: true,
  },
  {
    repository: 'library/redis',
    tags: ['latest', '8', '8.2', '8.2.3'],
    created: '2025-11-03T18:22:03Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/ppc64le',
      'linux/s390x',
    ],
    config: {
      Env: [PATH_ENV, 'REDIS_DOWNLOAD_URL=https://github.com/redis/redis/archive/refs/tags/8.2.3.tar.gz'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['redis-server'],
      WorkingDir: '/data',
      User: '',
      ExposedPorts: { '6379/tcp': {} },
      Volumes: { '/data': {} },
    },
    steps: [
      { createdBy: "# debian.sh --arch 'amd64' out/ 'trixie' '@1763337600'", layer: 'debian-13' },
      {
        createdBy:
          'RUN /bin/sh -c set -eux; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis # buildkit',
        layer: 'redis-8.2-user',
      },
      {
        createdBy:
          'RUN /bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates wget dpkg-dev gcc g++ libc6-dev libssl-dev make git cmake python3 # buildkit',
        layer: 'redis-8.2-install',
      },
      {
        createdBy: 'RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit',
        layer: 'redis-8.2-data',
      },
      { createdBy: 'VOLUME [/data]' },
      { createdBy: 'WORKDIR /data' },
      { createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', layer: 'redis-8.2-entrypoint' },
      { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]' },
      { createdBy: 'EXPOSE map[6379/tcp:{}]' },
      { createdBy: 'CMD ["redis-server"]' },
    ],
    description:
      'Redis is the world’s fastest data platform for caching, vector search, and NoSQL databases.',
    stars: 13194,
    official: true,
  },
  {
    repository: 'library/postgres',
    tags: ['latest', '18', '18.1'],
    created: '2025-11-13T22:40:12Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/ppc64le',
      'linux/s390x',
    ],
    config: {
      Env: [
        PATH_ENV.replace('PATH=', 'PATH=/usr/lib/postgresql/18/bin:'),
        'PG_MAJOR=18',
        'PG_VERSION=18.1-1.pgdg13+2',
        'PGDATA=/var/lib/postgresql/18/docker',
      ],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['postgres'],
      WorkingDir: '',
      User: '',
      ExposedPorts: { '5432/tcp': {} },
      Volumes: { '/var/lib/postgresql': {} },
      StopSignal: 'SIGINT',
    },
    steps: [
      { createdBy: "# debian.sh --arch 'amd64' out/ 'trixie' '@1763337600'", layer: 'debian-13' },
      {
        createdBy:
          'RUN /bin/sh -c set -ex; apt-get update; apt-get install -y --no-install-recommends postgresql-common "postgresql-$PG_MAJOR=$PG_VERSION" # buildkit',
        layer: 'postgres-18-install',
      },
      { createdBy: 'ENV PGDATA=/var/lib/postgresql/18/docker' },
      { createdBy: 'VOLUME [/var/lib/postgresql]' },
      {
        createdBy: 'COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit',
        layer: 'postgres-18-entrypoint',
      },
      { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]' },
      { createdBy: 'STOPSIGNAL SIGINT' },
      { createdBy: 'EXPOSE map[5432/tcp:{}]' },
      { createdBy: 'CMD ["postgres"]' },
    ],
    description: 'The PostgreSQL object-relational database system provides reliability and data integrity.',
    stars: 14459,
    official: true,
  },
  {
    repository: 'library/registry',
    tags: ['2', '2.8', '2.8.3'],
    created: '2024-10-24T16:40:28Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v6',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/ppc64le',
      'linux/s390x',
    ],
    config: {
      Env: [PATH_ENV],
      Entrypoint: ['/entrypoint.sh'],
      Cmd: ['/etc/docker/registry/config.yml'],
      WorkingDir: '',
      User: '',
      ExposedPorts: { '5000/tcp': {} },
      Volumes: { '/var/lib/registry': {} },
    },
    steps: [
      { createdBy: 'ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', layer: 'alpine-3.22' },
      { createdBy: 'COPY ./registry/registry /bin/registry # buildkit', layer: 'registry-2.8' },
      { createdBy: 'VOLUME [/var/lib/registry]' },
      { createdBy: 'EXPOSE map[5000/tcp:{}]' },
      { createdBy: 'ENTRYPOINT ["/entrypoint.sh"]' },
      { createdBy: 'CMD ["/etc/docker/registry/config.yml"]' },
    ],
    description: 'Distribution implementation for storing and distributing of container images and artifacts',
    stars: 4234,
    official: true,
  },
  {
    repository: 'polinux/stress',
    tags: ['latest', '1.0.4'],
    created: '2020-08-17T09:46:07Z',
    os: 'linux',
    platforms: ['linux/amd64'],
    config: { Env: [PATH_ENV], Cmd: ['/bin/sh'], WorkingDir: '', User: '' },
    steps: [
      {
        createdBy:
          '/bin/sh -c #(nop) ADD file:c92c248239f8c7b9b3c067650954815f391b7bcb09023f984972c082ace2a8d0 in / ',
        layer: 'alpine-3.12',
      },
      {
        createdBy:
          '/bin/sh -c apk add --update bash g++ make curl &&   curl -o /tmp/stress-1.0.4.tgz https://fossies.org/linux/privat/stress-1.0.4.tar.gz &&   cd /tmp && tar xvf stress-1.0.4.tgz && rm /tmp/stress-1.0.4.tgz &&   cd /tmp/stress-1.0.4 &&   ./configure && make && make install',
        layer: 'stress-1.0.4',
      },
      { createdBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]' },
    ],
    description: 'Stress tool, generates CPU, memory, I/O and disk stress on POSIX systems.',
    stars: 61,
    official: false,
  },
  {
    repository: 'library/python',
    tags: ['3.13-slim', '3.13-slim-trixie', 'slim'],
    created: '2025-11-04T23:17:45Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/ppc64le',
      'linux/s390x',
    ],
    config: {
      Env: [PATH_ENV, 'LANG=C.UTF-8', 'PYTHON_VERSION=3.13.9'],
      Cmd: ['python3'],
      WorkingDir: '',
      User: '',
    },
    steps: [
      { createdBy: "# debian.sh --arch 'amd64' out/ 'trixie' '@1763337600'", layer: 'debian-13' },
      { createdBy: 'ENV PYTHON_VERSION=3.13.9' },
      {
        createdBy:
          'RUN /bin/sh -c set -eux; savedAptMark="$(apt-mark showmanual)"; apt-get update; ./configure --enable-optimizations; make -j "$nproc"; make install # buildkit',
        layer: 'python-3.13-runtime',
      },
      { createdBy: 'CMD ["python3"]' },
    ],
    description: 'Python is an interpreted, interactive, object-oriented, open-source programming language.',
    stars: 10174,
    official: true,
  },
  {
    repository: 'library/node',
    tags: ['22-alpine', 'lts-alpine', '22.21-alpine'],
    created: '2025-10-21T19:02:11Z',
    os: 'linux',
    platforms: [
      'linux/amd64',
      'linux/arm/v6',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/ppc64le',
      'linux/s390x',
    ],
    config: {
      Env: [PATH_ENV, 'NODE_VERSION=22.21.1', 'YARN_VERSION=1.22.22'],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['node'],
      WorkingDir: '',
      User: '',
    },
    steps: [
      { createdBy: 'ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', layer: 'alpine-3.22' },
      { createdBy: 'ENV NODE_VERSION=22.21.1' },
      {
        createdBy:
          'RUN /bin/sh -c addgroup -g 1000 node && adduser -u 1000 -G node -s /bin/sh -D node && apk add --no-cache libstdc++ # buildkit',
        layer: 'node-22-runtime',
      },
      { createdBy: 'ENV YARN_VERSION=1.22.22' },
      {
        createdBy:
          'RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar   && export GNUPGHOME="$(mktemp -d)"   && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg   && rm yarn-v$YARN_VERSION.tar.gz.asc yarn-v$YARN_VERSION.tar.gz   && apk del .build-deps-yarn   && yarn --version   && rm -rf /tmp/* # buildkit',
        layer: 'node-22-yarn',
      },
      { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]' },
      { createdBy: 'CMD ["node"]' },
    ],
    description: 'Node.js is a JavaScript-based platform for server-side and networking applications.',
    stars: 13987,
    official: true,
  },
  {
    repository: 'library/mysql',
    tags: ['8.0', '8.0.44', '8.0-oracle', '8.0.44-oracle', '8.0-oraclelinux9', '8.0.44-oraclelinux9'],
    created: '2025-10-21T22:14:09Z',
    os: 'linux',
    platforms: ['linux/amd64', 'linux/arm64/v8'],
    config: {
      Env: [
        PATH_ENV,
        'GOSU_VERSION=1.19',
        'MYSQL_MAJOR=8.0',
        'MYSQL_VERSION=8.0.44-1.el9',
        'MYSQL_SHELL_VERSION=8.0.44-1.el9',
      ],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['mysqld'],
      WorkingDir: '',
      User: '',
      ExposedPorts: { '3306/tcp': {}, '33060/tcp': {} },
      Volumes: { '/var/lib/mysql': {} },
    },
    steps: [
      { createdBy: 'ADD oraclelinux-9-slim-amd64-rootfs.tar.xz / # buildkit', layer: 'oraclelinux-9-slim' },
      { createdBy: 'CMD ["/bin/bash"]' },
      {
        createdBy:
          'RUN /bin/sh -c set -eux; \tgroupadd --system --gid 999 mysql; \tuseradd --system --uid 999 --gid 999 --home-dir /var/lib/mysql --no-create-home mysql # buildkit',
        layer: 'mysql-8.0-user',
      },
      { createdBy: 'ENV GOSU_VERSION=1.19' },
      {
        createdBy:
          'RUN /bin/sh -c set -eux; \tcurl -fL -o /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-amd64"; \tchmod +x /usr/local/bin/gosu; \tgosu --version; \tgosu nobody true # buildkit',
        layer: 'mysql-8.0-gosu',
      },
      { createdBy: 'ENV MYSQL_MAJOR=8.0' },
      { createdBy: 'ENV MYSQL_VERSION=8.0.44-1.el9' },
      {
        createdBy:
          'RUN /bin/sh -c set -eux; \tmicrodnf install -y "mysql-community-server-minimal-$MYSQL_VERSION"; \tmicrodnf clean all; \tmkdir -p /var/lib/mysql /var/run/mysqld; \tchown mysql:mysql /var/lib/mysql /var/run/mysqld; \tchmod 1777 /var/lib/mysql /var/run/mysqld; \tmkdir /docker-entrypoint-initdb.d; \tmysqld --version; \tmysql --version # buildkit',
        layer: 'mysql-8.0-server',
      },
      { createdBy: 'ENV MYSQL_SHELL_VERSION=8.0.44-1.el9' },
      {
        createdBy:
          'RUN /bin/sh -c set -eux; \tmicrodnf install -y "mysql-shell-$MYSQL_SHELL_VERSION"; \tmicrodnf clean all; \tmysqlsh --version # buildkit',
        layer: 'mysql-8.0-shell',
      },
      { createdBy: 'VOLUME [/var/lib/mysql]' },
      { createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', layer: 'mysql-8.0-entrypoint' },
      { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]' },
      { createdBy: 'EXPOSE map[3306/tcp:{} 33060/tcp:{}]' },
      { createdBy: 'CMD ["mysqld"]' },
    ],
    description: 'MySQL is a widely used, open-source relational database management system (RDBMS).',
    stars: 15812,
    official: true,
  },
];

/**
 * Windows base images on the Microsoft Artifact Registry (`mcr.microsoft.com`), by repository path and
 * tag. Each tag is an image index whose every entry is `windows/amd64`, so a Linux engine finds nothing
 * it can pull; the sandbox only needs to know which tags exist.
 */
export const WINDOWS_BASE_IMAGES: Record<string, string[]> = {
  'windows/nanoserver': ['1809', 'ltsc2022', 'ltsc2025'],
  'windows/servercore': ['ltsc2019', 'ltsc2022', 'ltsc2025'],
  'windows/server': ['ltsc2022', 'ltsc2025'],
};

/** The image's /etc/my.cnf after its Dockerfile moved the socket and added the conf.d include. */
const MYSQL_CNF = `# For advice on how to change settings please see
# http://dev.mysql.com/doc/refman/8.0/en/server-configuration-defaults.html

[mysqld]
#
# Remove leading # and set to the amount of RAM for the most important data
# cache in MySQL. Start at 70% of total RAM for dedicated server, else 10%.
# innodb_buffer_pool_size = 128M
#
# Remove leading # to turn on a very important data integrity option: logging
# changes to the binary log between backups.
# log_bin
#
# Remove leading # to set options mainly useful for reporting servers.
# The server defaults are faster for transactions and fast SELECTs.
# Adjust sizes as needed, experiment to find the optimal values.
# join_buffer_size = 128M
# sort_buffer_size = 2M
# read_rnd_buffer_size = 2M

# Remove leading # to revert to previous value for default_authentication_plugin,
# this will increase compatibility with older clients. For background, see:
# https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_default_authentication_plugin
# default-authentication-plugin=mysql_native_password
skip-host-cache
skip-name-resolve
datadir=/var/lib/mysql
socket=/var/run/mysqld/mysqld.sock
secure-file-priv=/var/lib/mysql-files
user=mysql

pid-file=/var/run/mysqld/mysqld.pid
[client]
socket=/var/run/mysqld/mysqld.sock

!includedir /etc/mysql/conf.d/
`;

const YARN_PACKAGE_JSON = `{
  "name": "yarn",
  "installationMethod": "tar",
  "version": "1.22.22",
  "packageManager": "yarn@1.22.22",
  "license": "BSD-2-Clause",
  "preferGlobal": true,
  "description": "📦🐈 Fast, reliable, and secure dependency management.",
  "bin": {
    "yarn": "./bin/yarn.js",
    "yarnpkg": "./bin/yarn.js"
  }
}
`;

const REGISTRY_CONF = `version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
`;
