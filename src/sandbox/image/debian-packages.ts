import type { InstalledPackage } from '../packages/dpkg-status.ts';

/**
 * The packages of Debian 13's minimal base (debootstrap --variant=minbase trixie, as the official
 * image is built), from its /var/lib/dpkg/status: name, version, architecture, synopsis. Recorded
 * from the archive in December 2026 (point release 13.8); base-files is 13.2's, whose point releases
 * it counts (13.8+deb13uN is 13.N), and the other versions are the later point release's.
 */
const TRIXIE_BASE = `apt	3.0.4	amd64	commandline package manager
base-files	13.8+deb13u2	amd64	Debian base system miscellaneous files
base-passwd	3.6.7	amd64	Debian base system master password and group files
bash	5.2.37-2+b10	amd64	GNU Bourne Again SHell
bsdutils	1:2.41.5-0+deb13u1	amd64	basic utilities from 4.4BSD-Lite
coreutils	9.7-3	amd64	GNU core utilities
dash	0.5.12-12	amd64	POSIX-compliant shell
debconf	1.5.91	all	Debian configuration management system
debian-archive-keyring	2025.1	all	OpenPGP archive certificates of the Debian archive
debianutils	5.23.2	amd64	Miscellaneous utilities specific to Debian
diffutils	1:3.10-4	amd64	File comparison utilities
dpkg	1.22.22	amd64	Debian package management system
findutils	4.10.0-3	amd64	utilities for finding files--find, xargs
gcc-14-base	14.2.0-19	amd64	GCC, the GNU Compiler Collection (base package)
grep	3.11-4	amd64	GNU grep, egrep and fgrep
gzip	1.13-1+deb13u1	amd64	GNU compression utilities
hostname	3.25	amd64	utility to set/show the host name or domain name
init-system-helpers	1.69~deb13u1	all	helper tools for all init systems
libacl1	2.3.2-2+b1	amd64	access control list - shared library
libapt-pkg7.0	3.0.4	amd64	package management runtime library
libattr1	1:2.5.2-3	amd64	extended attribute handling - shared library
libaudit-common	1:4.0.2-2+deb13u1	all	Dynamic library for security auditing - common files
libaudit1	1:4.0.2-2+deb13u1	amd64	Dynamic library for security auditing
libblkid1	2.41.5-0+deb13u1	amd64	block device ID library
libbsd0	0.12.2-2	amd64	utility functions from BSD systems - shared library
libbz2-1.0	1.0.8-6	amd64	high-quality block-sorting file compressor library - runtime
libc-bin	2.41-12+deb13u5	amd64	GNU C Library: Binaries
libc6	2.41-12+deb13u5	amd64	GNU C Library: Shared libraries
libcap-ng0	0.8.5-4+b1	amd64	alternate POSIX capabilities library
libcap2	1:2.75-10+deb13u1+b3	amd64	POSIX 1003.1e capabilities (library)
libcrypt1	1:4.4.38-1	amd64	libcrypt shared library
libdb5.3t64	5.3.28+dfsg2-9	amd64	Berkeley v5.3 Database Libraries [runtime]
libdebconfclient0	0.280	amd64	Debian Configuration Management System (C-implementation library)
libgcc-s1	14.2.0-19	amd64	GCC support library
libgmp10	2:6.3.0+dfsg-3	amd64	Multiprecision arithmetic library
libhogweed6t64	3.10.1-1	amd64	low level cryptographic library (public-key cryptos)
liblastlog2-2	2.41.5-0+deb13u1	amd64	lastlog2 database shared library
liblz4-1	1.10.0-4	amd64	Fast LZ compression algorithm library - runtime
liblzma5	5.8.1-1+deb13u2	amd64	XZ-format compression library
libmd0	1.1.0-2+b1	amd64	message digest functions from BSD systems - shared library
libmount1	2.41.5-0+deb13u1	amd64	device mounting library
libnettle8t64	3.10.1-1	amd64	low level cryptographic library (symmetric and one-way cryptos)
libpam-modules	1.7.0-5	amd64	Pluggable Authentication Modules for PAM
libpam-modules-bin	1.7.0-5	amd64	Pluggable Authentication Modules for PAM - helper binaries
libpam-runtime	1.7.0-5	all	Runtime support for the PAM library
libpam0g	1.7.0-5	amd64	Pluggable Authentication Modules library
libpcre2-8-0	10.46-1~deb13u3	amd64	New Perl Compatible Regular Expression Library- 8 bit runtime files
libseccomp2	2.6.0-2	amd64	high level interface to Linux seccomp filter
libselinux1	3.8.1-1	amd64	SELinux runtime shared libraries
libsemanage-common	3.8.1-1	all	Common files for SELinux policy management libraries
libsemanage2	3.8.1-1	amd64	SELinux policy management library
libsepol2	3.8.1-1	amd64	SELinux library for manipulating binary security policies
libsmartcols1	2.41.5-0+deb13u1	amd64	smart column output alignment library
libsqlite3-0	3.46.1-7+deb13u2	amd64	SQLite 3 shared library
libssl3t64	3.5.9-1~deb13u1	amd64	Secure Sockets Layer toolkit - shared libraries
libstdc++6	14.2.0-19	amd64	GNU Standard C++ Library v3
libsystemd0	257.13-1~deb13u1	amd64	systemd utility library
libtinfo6	6.5+20250216-2	amd64	shared low-level terminfo library for terminal handling
libudev1	257.13-1~deb13u1	amd64	libudev shared library
libuuid1	2.41.5-0+deb13u1	amd64	Universally Unique ID library
libxxhash0	0.8.3-2	amd64	shared library for xxhash
libzstd1	1.5.7+dfsg-1	amd64	fast lossless compression algorithm
login	1:4.16.0-2+really2.41.5-0+deb13u1	amd64	system login tools
login.defs	1:4.17.4-2	all	system user management configuration
mawk	1.3.4.20250131-1	amd64	Pattern scanning and text processing language
mount	2.41.5-0+deb13u1	amd64	tools for mounting and manipulating filesystems
ncurses-base	6.5+20250216-2	all	basic terminal type definitions
ncurses-bin	6.5+20250216-2	amd64	terminal-related programs and man pages
openssl-provider-legacy	3.5.9-1~deb13u1	amd64	Secure Sockets Layer toolkit - cryptographic utility
passwd	1:4.17.4-2	amd64	change and administer password and group data
perl-base	5.40.1-6+deb13u1	amd64	minimal Perl system
sed	4.9-2+deb13u1	amd64	GNU stream editor for filtering/transforming text
sqv	1.3.0-3+b2	amd64	OpenPGP signature verification program from Sequoia
sysvinit-utils	3.14-4	amd64	System-V-like utilities
tar	1.35+dfsg-3.1	amd64	GNU version of the tar archiving utility
tzdata	2026f-0+deb13u1	all	time zone and daylight-saving time data
util-linux	2.41.5-0+deb13u1	amd64	miscellaneous system utilities
zlib1g	1:1.3.dfsg+really1.3.1-1+deb13u1	amd64	compression library - runtime`;

/** Debian 13's installed packages, for /var/lib/dpkg/status. */
export function trixieBase(): InstalledPackage[] {
  return TRIXIE_BASE.split('\n').map((line) => {
    const [name = '', version = '', architecture = '', synopsis = ''] = line.split('\t');
    return { name, version, architecture, synopsis };
  });
}
