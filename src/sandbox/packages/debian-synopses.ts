/**
 * What dpkg records for the packages apt-get installs from the sandbox's mirror (architecture and
 * synopsis, as Debian's archive describes them; the t64 libraries keep their predecessors' words).
 */
export const DEBIAN_PACKAGE_SYNOPSES: Readonly<Record<string, readonly [string, string]>> = {
  libbrotli1: ['amd64', 'library implementing brotli encoder and decoder (shared libraries)'],
  'libnghttp2-14': ['amd64', 'library implementing HTTP/2 protocol (shared library)'],
  libpsl5t64: ['amd64', 'Library for Public Suffix List (shared libraries)'],
  librtmp1: ['amd64', 'toolkit for RTMP streams (shared library)'],
  'libssh2-1t64': ['amd64', 'SSH2 client-side library'],
  libcurl4t64: ['amd64', 'easy-to-use client-side URL transfer library (OpenSSL flavour)'],
  'ca-certificates': ['all', 'Common CA certificates'],
  curl: ['amd64', 'command line tool for transferring data with URL syntax'],
  wget: ['amd64', 'retrieves files from the web'],
  procps: ['amd64', '/proc file system utilities'],
  iproute2: ['amd64', 'networking and traffic control tools'],
  libpq5: ['amd64', 'PostgreSQL C client library'],
  'libpq-dev': ['amd64', 'header files for libpq5 (PostgreSQL library)'],
  'git-man': ['all', 'fast, scalable, distributed revision control system (manual pages)'],
  git: ['amd64', 'fast, scalable, distributed revision control system'],
  python3: ['amd64', 'interactive high-level object-oriented language (default python3 version)'],
  'libpython3.13': ['amd64', 'Shared Python runtime library (version 3.13)'],
  'python3-pip': ['all', 'Python package installer'],
  'gcc-14': ['amd64', 'GNU C compiler'],
  gcc: ['amd64', 'GNU C compiler'],
  'g++-14': ['amd64', 'GNU C++ compiler'],
  'g++': ['amd64', 'GNU C++ compiler'],
  'libc6-dev': ['amd64', 'GNU C Library: Development Libraries and Header Files'],
  make: ['amd64', 'utility for directing compilation'],
  'build-essential': ['amd64', 'Informational list of build-essential packages'],
  nginx: ['amd64', 'small, powerful, scalable web/proxy server'],
  htop: ['amd64', 'interactive processes viewer'],
  stress: ['amd64', 'tool to impose load on and stress test a computer system'],
};
