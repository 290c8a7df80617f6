/** A distribution package in the sandbox's package mirrors. */
export interface Package {
  name: string;
  version: string;
  /** Installed size in bytes. */
  size: number;
  /** Download size in bytes. */
  download: number;
  depends: string[];
  /** Executables it installs: path → program id. */
  programs?: Record<string, string>;
}

const KB = 1024;
const MB = 1024 * 1024;

function pkg(
  name: string,
  version: string,
  size: number,
  depends: string[] = [],
  programs?: Record<string, string>,
): Package {
  return {
    name,
    version,
    size,
    download: Math.round(size * 0.38),
    depends,
    ...(programs ? { programs } : {}),
  };
}

/** Alpine 3.22 main and community (the packages lessons use, with their real dependencies). */
export const ALPINE_PACKAGES: Package[] = [
  pkg('brotli-libs', '1.1.0-r2', 916 * KB),
  pkg('c-ares', '1.34.5-r0', 240 * KB),
  pkg('libunistring', '1.3-r0', 1_900 * KB),
  pkg('libidn2', '2.3.7-r0', 208 * KB, ['libunistring']),
  pkg('nghttp2-libs', '1.65.0-r0', 168 * KB),
  pkg('libpsl', '0.21.5-r3', 108 * KB, ['libidn2']),
  pkg('zstd-libs', '1.5.7-r0', 640 * KB),
  pkg('libcurl', '8.14.1-r1', 716 * KB, [
    'brotli-libs',
    'c-ares',
    'libidn2',
    'libpsl',
    'nghttp2-libs',
    'zstd-libs',
  ]),
  pkg('curl', '8.14.1-r1', 264 * KB, ['libcurl'], { '/usr/bin/curl': 'gnu/curl' }),
  pkg('ncurses-terminfo-base', '6.5_p20250503-r0', 40 * KB),
  pkg('libncursesw', '6.5_p20250503-r0', 364 * KB, ['ncurses-terminfo-base']),
  pkg('readline', '8.2.13-r1', 268 * KB, ['libncursesw']),
  pkg('bash', '5.2.37-r0', 1_240 * KB, ['readline'], { '/bin/bash': 'bash-5.2.37' }),
  pkg('pcre2', '10.43-r1', 636 * KB),
  pkg('git', '2.49.1-r0', 14_100 * KB, ['libcurl', 'pcre2'], { '/usr/bin/git': 'git' }),
  pkg('libffi', '3.4.8-r0', 44 * KB),
  pkg('sqlite-libs', '3.49.2-r1', 1_200 * KB),
  pkg('python3', '3.12.11-r0', 44_300 * KB, ['libffi', 'sqlite-libs', 'readline'], {
    '/usr/bin/python3': 'python3',
  }),
  pkg('py3-pip', '25.1.1-r0', 11_800 * KB, ['python3'], { '/usr/bin/pip': 'pip', '/usr/bin/pip3': 'pip' }),
  pkg('ca-certificates', '20250619-r0', 680 * KB),
  pkg('libstdc++', '14.2.0-r6', 2_600 * KB),
  pkg('nodejs', '22.16.0-r2', 44_800 * KB, ['libstdc++', 'ca-certificates', 'brotli-libs', 'c-ares'], {
    '/usr/bin/node': 'node',
  }),
  pkg('npm', '11.3.0-r1', 9_700 * KB, ['nodejs'], { '/usr/bin/npm': 'npm' }),
  pkg('gcc', '14.2.0-r6', 128_000 * KB, ['libstdc++'], {
    '/usr/bin/gcc': 'gcc/alpine',
    '/usr/bin/cc': 'gcc/alpine',
  }),
  pkg('g++', '14.2.0-r6', 36_000 * KB, ['gcc'], {
    '/usr/bin/g++': 'g++/alpine',
    '/usr/bin/c++': 'g++/alpine',
  }),
  pkg('musl-dev', '1.2.5-r10', 2_500 * KB),
  pkg('make', '4.4.1-r3', 272 * KB, [], { '/usr/bin/make': 'make/alpine' }),
  pkg('build-base', '0.5-r3', 4 * KB, ['gcc', 'g++', 'musl-dev', 'make']),
  pkg('nginx', '1.28.0-r3', 1_300 * KB, ['pcre2'], { '/usr/sbin/nginx': 'service/nginx' }),
  pkg('redis', '8.0.3-r0', 5_200 * KB, [], {
    '/usr/bin/redis-server': 'service/redis',
    '/usr/bin/redis-cli': 'redis-cli',
  }),
  pkg('htop', '3.4.1-r0', 512 * KB, ['libncursesw']),
  pkg('stress-ng', '0.18.12-r0', 6_400 * KB, [], { '/usr/bin/stress-ng': 'stress' }),
];

/** Debian 13 (trixie) main, as `apt-get` sees it after `apt-get update`. */
export const DEBIAN_PACKAGES: Package[] = [
  pkg('libbrotli1', '1.1.0-2+b7', 772 * KB),
  pkg('libnghttp2-14', '1.64.0-1.1', 412 * KB),
  pkg('libpsl5t64', '0.21.2-1.1+b1', 96 * KB),
  pkg('librtmp1', '2.4+20151223.gitfa8646d.1-2+b5', 152 * KB),
  pkg('libssh2-1t64', '1.11.1-1', 432 * KB),
  pkg('libcurl4t64', '8.14.1-2', 1_100 * KB, [
    'libbrotli1',
    'libnghttp2-14',
    'libpsl5t64',
    'librtmp1',
    'libssh2-1t64',
  ]),
  pkg('ca-certificates', '20250419', 412 * KB),
  pkg('curl', '8.14.1-2', 512 * KB, ['libcurl4t64', 'ca-certificates'], { '/usr/bin/curl': 'gnu/curl' }),
  pkg('wget', '1.25.0-2', 3_900 * KB, ['libpsl5t64'], { '/usr/bin/wget': 'gnu/wget' }),
  pkg('procps', '2:4.0.4-9', 2_100 * KB, [], {
    '/usr/bin/ps': 'gnu/ps',
    '/usr/bin/free': 'gnu/free',
    '/usr/bin/uptime': 'gnu/uptime',
  }),
  pkg('iproute2', '6.15.0-1', 4_100 * KB, [], { '/usr/sbin/ip': 'gnu/ip' }),
  pkg('libpq5', '17.5-1', 896 * KB),
  pkg('libpq-dev', '17.5-1', 1_500 * KB, ['libpq5']),
  pkg('git-man', '1:2.47.2-0.2', 2_300 * KB),
  pkg('git', '1:2.47.2-0.2', 44_600 * KB, ['git-man', 'libcurl4t64'], { '/usr/bin/git': 'git' }),
  pkg('python3', '3.13.5-1', 7_200 * KB, ['libpython3.13'], { '/usr/bin/python3': 'python3' }),
  pkg('libpython3.13', '3.13.5-2', 38_800 * KB),
  pkg('python3-pip', '25.1.1+dfsg-1', 9_800 * KB, ['python3'], {
    '/usr/bin/pip3': 'pip',
    '/usr/bin/pip': 'pip',
  }),
  pkg('gcc-14', '14.2.0-19', 64_000 * KB, [], { '/usr/bin/gcc-14': 'gcc/debian' }),
  pkg('gcc', '4:14.2.0-1', 48 * KB, ['gcc-14'], {
    '/usr/bin/gcc': 'gcc/debian',
    '/usr/bin/cc': 'gcc/debian',
  }),
  pkg('g++-14', '14.2.0-19', 34_000 * KB, ['gcc-14'], { '/usr/bin/g++-14': 'g++/debian' }),
  pkg('g++', '4:14.2.0-1', 20 * KB, ['g++-14', 'gcc'], {
    '/usr/bin/g++': 'g++/debian',
    '/usr/bin/c++': 'g++/debian',
  }),
  pkg('libc6-dev', '2.41-12', 12_100 * KB),
  pkg('make', '4.4.1-2', 1_500 * KB, [], { '/usr/bin/make': 'make/debian' }),
  pkg('build-essential', '12.12', 20 * KB, ['gcc', 'g++', 'libc6-dev', 'make']),
  pkg('nginx', '1.26.3-3', 1_700 * KB, [], { '/usr/sbin/nginx': 'service/nginx' }),
  pkg('htop', '3.4.1-4', 452 * KB),
  pkg('stress', '1.0.7-1', 64 * KB, [], { '/usr/bin/stress': 'stress' }),
];

/** Bytes `apt-get update` downloads into /var/lib/apt/lists. */
export const APT_LISTS_BYTES = 48 * MB;

/** npm and PyPI packages with realistic installed sizes (including their dependencies). */
export const NPM_PACKAGES: Record<string, { version: string; size: number; deps: number }> = {
  express: { version: '5.1.0', size: 2_100 * KB, deps: 65 },
  react: { version: '19.1.1', size: 320 * KB, deps: 0 },
  lodash: { version: '4.17.21', size: 1_400 * KB, deps: 0 },
  typescript: { version: '5.9.2', size: 23_000 * KB, deps: 0 },
  'left-pad': { version: '1.3.0', size: 12 * KB, deps: 0 },
  pg: { version: '8.16.3', size: 420 * KB, deps: 12 },
  redis: { version: '5.8.2', size: 1_900 * KB, deps: 6 },
  axios: { version: '1.11.0', size: 2_300 * KB, deps: 22 },
};

export const PYPI_PACKAGES: Record<string, { version: string; size: number; deps: string[] }> = {
  flask: {
    version: '3.1.1',
    size: 1_100 * KB,
    deps: ['werkzeug', 'jinja2', 'itsdangerous', 'click', 'blinker', 'markupsafe'],
  },
  werkzeug: { version: '3.1.3', size: 1_000 * KB, deps: ['markupsafe'] },
  jinja2: { version: '3.1.6', size: 680 * KB, deps: ['markupsafe'] },
  itsdangerous: { version: '2.2.0', size: 60 * KB, deps: [] },
  click: { version: '8.2.1', size: 440 * KB, deps: [] },
  blinker: { version: '1.9.0', size: 36 * KB, deps: [] },
  markupsafe: { version: '3.0.2', size: 56 * KB, deps: [] },
  requests: { version: '2.32.4', size: 260 * KB, deps: ['urllib3', 'idna', 'certifi', 'charset-normalizer'] },
  urllib3: { version: '2.5.0', size: 540 * KB, deps: [] },
  idna: { version: '3.10', size: 240 * KB, deps: [] },
  certifi: { version: '2025.8.3', size: 300 * KB, deps: [] },
  'charset-normalizer': { version: '3.4.3', size: 700 * KB, deps: [] },
  'psycopg2-binary': { version: '2.9.10', size: 9_500 * KB, deps: [] },
  numpy: { version: '2.3.2', size: 58_000 * KB, deps: [] },
  redis: { version: '6.4.0', size: 1_100 * KB, deps: [] },
  gunicorn: { version: '23.0.0', size: 420 * KB, deps: ['packaging'] },
  packaging: { version: '25.0', size: 200 * KB, deps: [] },
};

/** Every package `names` needs, dependencies first, without ones already installed. */
export function resolveDependencies(
  index: Package[],
  names: string[],
  installed: Set<string>,
): Package[] | { missing: string } {
  const byName = new Map(index.map((p) => [p.name, p]));
  const order: Package[] = [];
  const seen = new Set<string>();
  const visit = (name: string): string | undefined => {
    if (seen.has(name) || installed.has(name)) return undefined;
    seen.add(name);
    const p = byName.get(name);
    if (!p) return name;
    for (const dep of p.depends) {
      const missing = visit(dep);
      if (missing) return missing;
    }
    order.push(p);
    return undefined;
  };
  for (const name of names) {
    const missing = visit(name);
    if (missing) return { missing };
  }
  return order;
}
