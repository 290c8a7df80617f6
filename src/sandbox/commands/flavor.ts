/** Which userland a program imitates: GNU coreutils/procps on Ubuntu, or BusyBox 1.36 on Alpine. */
export type Flavor = 'gnu' | 'busybox';
