import type { Layer } from '../fs/node.ts';
import { HOST_GROUP, HOST_PASSWD } from '../host/ubuntu-base.ts';
import { buildLayer } from '../image/layer-builder.ts';
import type { GuestOsId, MachineKind } from './state.ts';

/** When the virtualisation packages were installed: the date their files carry. */
const INSTALL_TIME = Date.UTC(2026, 9, 27, 14, 31, 40);

/** When the learner downloaded the cloud image. */
const DOWNLOAD_TIME = Date.UTC(2026, 9, 27, 14, 52, 8);

/**
 * The Ubuntu 24.04 cloud image the desktop's learner has downloaded, as cloud-images.ubuntu.com
 * publishes it for VirtualBox (noble/current): a stream-optimised VMDK of a 3.5 GiB disk with the OS
 * and cloud-init on it. Files in the sandbox hold no bytes, so its size is what marks a copy of it.
 */
export const CLOUD_IMAGE = {
  path: '/home/learner/Downloads/noble-server-cloudimg-amd64.vmdk',
  bytes: 581_632_000,
  capacityBytes: 3_758_096_384,
  os: 'ubuntu24.04' as GuestOsId,
};

/** The cloud image a file of this size is (a copy of), if any. */
export function cloudImageOf(bytes: number): typeof CLOUD_IMAGE | undefined {
  return bytes === CLOUD_IMAGE.bytes ? CLOUD_IMAGE : undefined;
}

/** Group ids the packages create (udev's kvm group, libvirt's, VirtualBox's). */
export const GROUPS = { kvm: 993, libvirt: 986, vboxusers: 985 };

/** Ubuntu's host passwd plus the accounts the virtualisation packages add. */
function passwd(machine: MachineKind): string {
  if (machine === 'server') {
    return `${HOST_PASSWD}libvirt-qemu:x:64055:${GROUPS.kvm}:Libvirt Qemu,,,:/var/lib/libvirt:/usr/sbin/nologin\nlibvirt-dnsmasq:x:121:121:Libvirt Dnsmasq,,,:/var/lib/libvirt/dnsmasq:/usr/sbin/nologin\n`;
  }
  return `${HOST_PASSWD}systemd-oom:x:989:989:systemd Userspace OOM Killer:/:/usr/sbin/nologin\nsystemd-resolve:x:991:991:systemd Resolver:/:/usr/sbin/nologin\nsystemd-timesync:x:996:996:systemd Time Synchronization:/:/usr/sbin/nologin\npolkitd:x:990:990:User for polkitd:/:/usr/sbin/nologin\navahi:x:104:110:Avahi mDNS daemon,,,:/run/avahi-daemon:/usr/sbin/nologin\ngdm:x:120:125:Gnome Display Manager:/var/lib/gdm3:/bin/false\n`;
}

/**
 * The host's /etc/group with the groups the packages add. A lower layer cannot append to a file, so
 * this is the whole file; the learner is a member of `kvm` and `libvirt` (virsh works without sudo).
 */
function group(machine: MachineKind): string {
  if (machine === 'server') {
    return `${HOST_GROUP}kvm:x:${GROUPS.kvm}:learner\nlibvirt:x:${GROUPS.libvirt}:learner\nlibvirt-qemu:x:64055:libvirt-qemu\nlibvirt-dnsmasq:x:121:\n`;
  }
  return `${HOST_GROUP}vboxusers:x:${GROUPS.vboxusers}:learner\n`;
}

/** The groups the learner's login has on each machine (for `id`; the lead's User should carry them). */
export function learnerGroups(machine: MachineKind): { gid: number; name: string }[] {
  return machine === 'server'
    ? [
        { gid: GROUPS.kvm, name: 'kvm' },
        { gid: GROUPS.libvirt, name: 'libvirt' },
      ]
    : [{ gid: GROUPS.vboxusers, name: 'vboxusers' }];
}

/**
 * Files the hypervisor packages add to the host: KVM/libvirt/QEMU on the server (with /dev/kvm),
 * VirtualBox on the desktop (no /dev/kvm: its own vboxdrv module instead). It sits above the base
 * layer, so its /etc/passwd and /etc/group replace the base ones.
 */
export function virtualisationLayer(machine: MachineKind): Layer {
  const programs: Record<string, string> = {
    '/usr/bin/ssh': 'ssh',
    '/usr/sbin/lsmod': 'lsmod',
    '/usr/bin/systemd-analyze': 'systemd-analyze',
  };
  const blobs: Record<string, number | { size: number; program?: string; mode?: number }> = {};
  const files: Record<string, string> = {
    '/etc/passwd': passwd(machine),
    '/etc/group': group(machine),
    '/etc/ssh/ssh_config.d/50-quayside.conf':
      '# Lab machines come and go: accept a new host key once, refuse a changed one.\nHost *\n    StrictHostKeyChecking accept-new\n',
  };
  const dirs = ['/etc/ssh/ssh_config.d'];
  const links: Record<string, string> = {};
  if (machine === 'server') {
    Object.assign(programs, {
      '/usr/bin/virsh': 'virsh',
      '/usr/bin/virt-install': 'virt-install',
      '/usr/bin/qemu-img': 'qemu-img',
      '/usr/bin/virt-host-validate': 'virt-host-validate',
    });
    Object.assign(blobs, {
      '/usr/bin/qemu-system-x86_64': { size: 20_894_344, mode: 0o755 },
      '/usr/sbin/libvirtd': { size: 629_992, mode: 0o755 },
      '/usr/sbin/virtlogd': { size: 44_584, mode: 0o755 },
      '/usr/sbin/dnsmasq': { size: 416_176, mode: 0o755 },
      '/var/lib/libvirt/boot/ubuntu-24.04.1-live-server-amd64.iso': 2_773_874_688,
      '/var/lib/libvirt/boot/debian-13.2.0-amd64-netinst.iso': 790_626_304,
      '/var/lib/libvirt/boot/alpine-virt-3.22.2-x86_64.iso': 67_108_864,
      '/var/lib/libvirt/boot/SERVER_EVAL_x64FRE_en-us.iso': 5_044_094_976,
      '/usr/share/OVMF/OVMF_CODE_4M.fd': 3_653_632,
    });
    Object.assign(files, {
      '/etc/nsswitch.conf':
        'passwd:         files systemd\ngroup:          files systemd\nshadow:         files systemd\n\n# libnss-libvirt: guests on libvirt networks resolve by name\nhosts:          files libvirt libvirt_guest dns\nnetworks:       files\n',
      '/etc/libvirt/libvirt.conf': '#uri_default = "qemu:///system"\n',
      '/etc/libvirt/qemu/networks/default.xml':
        "<network>\n  <name>default</name>\n  <uuid>3f6b8d2a-5c1e-4f7a-9b0d-2e8c6a4f1b93</uuid>\n  <forward mode='nat'/>\n  <bridge name='virbr0' stp='on' delay='0'/>\n  <mac address='52:54:00:6b:3a:1f'/>\n  <ip address='192.168.122.1' netmask='255.255.255.0'>\n    <dhcp>\n      <range start='192.168.122.2' end='192.168.122.254'/>\n    </dhcp>\n  </ip>\n</network>\n",
    });
    dirs.push('/var/lib/libvirt/qemu', '/var/lib/libvirt/dnsmasq', '/etc/libvirt/qemu/networks/autostart');
  } else {
    Object.assign(programs, { '/usr/bin/VBoxManage': 'VBoxManage' });
    links['/usr/bin/vboxmanage'] = 'VBoxManage';
    Object.assign(blobs, {
      '/usr/lib/virtualbox/VBoxSVC': { size: 3_419_464, mode: 0o755 },
      '/usr/lib/virtualbox/VBoxXPCOMIPCD': { size: 51_560, mode: 0o755 },
      '/usr/lib/virtualbox/VBoxHeadless': { size: 232_384, mode: 0o4755 },
      '/usr/lib/virtualbox/VirtualBoxVM': { size: 222_872, mode: 0o4755 },
      '/usr/lib/virtualbox/VBoxDD.so': 3_873_872,
      '/usr/lib/virtualbox/VBoxVMM.so': 2_802_520,
      '/dev/vboxdrv': { size: 0, mode: 0o600 },
      '/dev/vboxdrvu': { size: 0, mode: 0o666 },
      '/dev/vboxnetctl': { size: 0, mode: 0o600 },
    });
    files['/etc/vbox/vbox.cfg'] = '# VirtualBox installation directory\nINSTALL_DIR=/usr/lib/virtualbox\n';
  }
  const layer = buildLayer({ dirs, files, blobs, programs, links, mtime: INSTALL_TIME });
  if (machine === 'server') {
    // udev creates /dev/kvm as root:kvm 0660 (a character device, major 10 minor 232).
    layer['/dev/kvm'] = { type: 'file', mode: 0o660, uid: 0, gid: GROUPS.kvm, mtime: INSTALL_TIME, size: 0 };
    layer['/dev/vhost-net'] = {
      type: 'file',
      mode: 0o660,
      uid: 0,
      gid: GROUPS.kvm,
      mtime: INSTALL_TIME,
      size: 0,
    };
    layer['/dev/net'] = { type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: INSTALL_TIME };
    layer['/dev/net/tun'] = { type: 'file', mode: 0o666, uid: 0, gid: 0, mtime: INSTALL_TIME, size: 0 };
    layer['/var/lib/libvirt/images'] = { type: 'dir', mode: 0o711, uid: 0, gid: 0, mtime: INSTALL_TIME };
    // Unprivileged virsh would connect to qemu:///session; the lab points it at the system daemon.
    const conf = 'uri_default = "qemu:///system"\n';
    for (const dir of ['/home/learner/.config', '/home/learner/.config/libvirt'])
      layer[dir] = { type: 'dir', mode: 0o755, uid: 1000, gid: 1000, mtime: INSTALL_TIME };
    layer['/home/learner/.config/libvirt/libvirt.conf'] = {
      type: 'file',
      mode: 0o644,
      uid: 1000,
      gid: 1000,
      mtime: INSTALL_TIME,
      size: conf.length,
      text: conf,
    };
  } else {
    layer['/dev/vboxdrv'] = { type: 'file', mode: 0o600, uid: 0, gid: 0, mtime: INSTALL_TIME, size: 0 };
    layer['/home/learner/Downloads'] = {
      type: 'dir',
      mode: 0o755,
      uid: 1000,
      gid: 1000,
      mtime: DOWNLOAD_TIME,
    };
    layer[CLOUD_IMAGE.path] = {
      type: 'file',
      mode: 0o664,
      uid: 1000,
      gid: 1000,
      mtime: DOWNLOAD_TIME,
      size: CLOUD_IMAGE.bytes,
    };
  }
  return layer;
}
