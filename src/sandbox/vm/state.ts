import type { DockerState } from '../docker/state.ts';
import type { Layer } from '../fs/node.ts';

/** The two machines a lab can run on: a KVM server (type 1) or a desktop with VirtualBox (type 2). */
export type MachineKind = 'server' | 'desktop';

/** Which hypervisor runs a guest. */
export type Hypervisor = 'kvm' | 'virtualbox';

/** Guest operating systems the model knows, by libosinfo short id. */
export type GuestOsId = 'ubuntu24.04' | 'debian13' | 'alpine3.22' | 'win2k22';

/**
 * Power states. libvirt says `running` / `shut off`; VirtualBox says `running` / `powered off` /
 * `saved`. The commands translate; the engine keeps one vocabulary.
 */
export type PowerState = 'running' | 'shut off' | 'saved';

/** Why a domain is in its state, as `virsh domstate --reason` words it. */
export type StateReason =
  | 'booted'
  | 'from snapshot'
  | 'shutdown'
  | 'destroyed'
  | 'unknown'
  | 'saved'
  | 'crashed';

/** One boot of a guest, planned when it starts: everything after is derived from the clock. */
export interface BootRecord {
  /** Virtual time the virtual CPU was reset (firmware starts). */
  start: number;
  /** Firmware (SeaBIOS/OVMF) until it hands over to the boot loader. */
  firmwareMs: number;
  /** Boot loader until the kernel starts. */
  loaderMs: number;
  /** Kernel and initrd until init starts (what systemd-analyze calls "kernel"). */
  kernelMs: number;
  /** Init until the default target (systemd's "userspace"); Windows: until the logon screen. */
  userspaceMs: number;
  /** When, after init starts, the SSH server accepts connections. */
  sshdMs: number;
  /** First boot of this disk: cloud-init / Windows specialize run and take longer. */
  first: boolean;
}

/** A planned end of the current run: a guest powering off after ACPI shutdown or an installer. */
export interface PlannedStop {
  at: number;
  reason: StateReason;
  /** Start again at once (a reboot). */
  restart?: boolean;
}

/** A saved copy of the guest: its files and, for a running snapshot, its memory. */
export interface SnapshotRecord {
  name: string;
  /** VirtualBox names snapshots by UUID as well. */
  uuid: string;
  created: number;
  description: string;
  /** libvirt's snapshot state: the domain's state when taken (`running` or `shutoff`). */
  state: 'running' | 'shutoff';
  parent: string | null;
  /** The guest's root filesystem changes when taken. */
  upper: Layer;
  docker: DockerState | null;
  /** Bytes the snapshot adds to the image (changed clusters kept, plus saved RAM for a live one). */
  bytes: number;
  /** The boot that was running when a live snapshot was taken (restored with it). */
  boot: BootRecord | null;
}

/** A virtual machine: libvirt calls it a domain, VirtualBox a machine. Plain JSON. */
export interface DomainRecord {
  name: string;
  uuid: string;
  hypervisor: Hypervisor;
  os: GuestOsId;
  vcpus: number;
  memoryMiB: number;
  created: number;
  /** Whether a definition survives power-off (an undefined running domain is transient). */
  persistent: boolean;
  autostart: boolean;
  disk: {
    /** The image it boots from; empty for a VirtualBox machine with no hard disk attached. */
    path: string;
    format: 'qcow2' | 'vdi';
    virtualBytes: number;
    /** OS bytes put on the disk (a cloud image imported, or what an installer wrote). */
    seedBytes: number;
    /** Bytes allocated up front (qemu-img preallocation); thin images start at the header. */
    preallocBytes: number;
  };
  /** An OS is on the disk (imported image, or an installation finished). */
  installed: boolean;
  /** Installation media while installing from an ISO. */
  cdrom: string | null;
  /** Booted at least once since the OS was put on the disk (cloud-init ran). */
  everBooted: boolean;
  mac: string;
  ip: string;
  power: PowerState;
  /** While running: when `virsh suspend` stopped its virtual CPUs (libvirt's `paused`). */
  pausedAt?: number;
  reason: StateReason;
  /** libvirt's runtime id while running, else null. */
  id: number | null;
  /** Host PID of the hypervisor process (qemu or VBoxHeadless) while running. */
  pid: number;
  boot: BootRecord | null;
  /** Virtual time the current power state began. */
  since: number;
  stop: PlannedStop | null;
  /** CPU time of earlier runs, in ms. */
  cpuMs: number;
  /** The guest machine: hostname, boot time, root filesystem changes, shell PID (a HostState). */
  guest: { hostname: string; bootTime: number; upper: Layer; shellPid: number };
  /** Docker inside the guest (Ubuntu guests come with it). */
  docker: DockerState | null;
  snapshots: SnapshotRecord[];
  currentSnapshot: string | null;
  /** Last interactive login (the next login banner shows it). */
  lastLogin: number | null;
  /** Host key fingerprint (a new guest with an old name gets a new key). */
  hostKey: string;
  /** VirtualBox's storage controllers, as `storagectl` and `storageattach` made them (a new machine has none). */
  storage?: StorageController[];
  /** The folder of a VirtualBox machine's settings file and logs (`createvm` made it). */
  vboxFolder?: string;
  /** The OS type `createvm --ostype` gave, as typed (VirtualBox keeps one it does not know, too). */
  vboxOsType?: string;
  /** NAT port-forwarding rules of the first network card (`modifyvm --natpf1`), as given. */
  natRules?: string[];
}

/** A VirtualBox storage bus, as `storagectl --add` names it. */
export type StorageBus = 'ide' | 'sata' | 'scsi' | 'sas' | 'usb' | 'pcie' | 'virtio' | 'floppy';

/** One device slot in use on a controller: a disk, or a drive with or without a medium in it. */
export interface StorageAttachment {
  port: number;
  device: number;
  type: 'hdd' | 'dvddrive' | 'fdd';
  /** Host path of the medium; null for an empty drive. */
  medium: string | null;
}

/** A VirtualBox storage controller of a machine. */
export interface StorageController {
  name: string;
  bus: StorageBus;
  /** The chipset VirtualBox emulates (`IntelAhci`, `PIIX4`, `LsiLogic`…). */
  chipset: string;
  ports: number;
  bootable: boolean;
  attachments: StorageAttachment[];
}

/** A disk image VirtualBox's media registry knows (`createmedium`, or opened by `storageattach`). */
export interface MediumRecord {
  uuid: string;
  kind: 'disk' | 'dvd' | 'floppy';
  format: 'VDI' | 'VMDK' | 'VHD' | 'RAW';
  fixed: boolean;
  /** Capacity in bytes. */
  logicalBytes: number;
  /** The guest OS installed on the image (a downloaded cloud image, or a clone of one). */
  os?: GuestOsId;
}

/** A disk image file made by qemu-img or virt-install, by host path. */
export interface ImageRecord {
  format: 'qcow2' | 'raw' | 'vdi';
  virtualBytes: number;
  preallocation: 'off' | 'metadata' | 'falloc' | 'full';
  created: number;
  /** The image this overlay reads unwritten clusters from (`qemu-img create -b`). */
  backing?: { file: string; format: string };
  /** Internal snapshots taken with `qemu-img snapshot -c` (a domain's own are on its record). */
  snapshots?: { id: number; name: string; created: number }[];
}

/** Everything virtualisation keeps: plain JSON, stored in the sandbox state. */
export interface VirtState {
  machine: MachineKind;
  domains: Record<string, DomainRecord>;
  images: Record<string, ImageRecord>;
  /** Next libvirt domain id (ids grow with every start, as libvirtd's do). */
  nextId: number;
  /** Next host PID for hypervisor processes. */
  nextPid: number;
  /** Next address on the guests' network (192.168.122.x or 192.168.56.x). */
  nextHost: number;
  /** VirtualBox's per-user service, started by the first VBoxManage call. */
  vboxsvc: { pid: number; started: number } | null;
  /** VirtualBox's registered media by host path (absent until the first `createmedium`). */
  media?: Record<string, MediumRecord>;
}

/** The host part of the first address each machine's guest network hands out. */
const FIRST_GUEST_HOST: Record<MachineKind, number> = { server: 23, desktop: 101 };

/** The server's first guest's address on libvirt's default network (the conformance recorder's stand-in guest takes it too). */
export const FIRST_KVM_GUEST_ADDRESS = `192.168.122.${FIRST_GUEST_HOST.server}`;

/** A machine with no virtual machines yet. */
export function emptyVirtState(machine: MachineKind): VirtState {
  return {
    machine,
    domains: {},
    images: {},
    nextId: 1,
    nextPid: 6101,
    nextHost: FIRST_GUEST_HOST[machine],
    vboxsvc: null,
  };
}
