import { describe, expect, it } from 'vitest';
import { Lab } from '../harness.ts';

const PROGRESS = '0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%\n';

async function desktopVm(): Promise<Lab> {
  const lab = new Lab('desktop');
  await lab.exec('VBoxManage createvm --name ubu1 --ostype Ubuntu_64 --register');
  await lab.exec('VBoxManage modifyvm ubu1 --memory 2048 --cpus 2');
  return lab;
}

const CLOUD_IMAGE = '~/Downloads/noble-server-cloudimg-amd64.vmdk';

/** ubu1 with a clone of the downloaded Ubuntu cloud image as its boot disk, as the type-two exercise does. */
async function bootableVm(): Promise<Lab> {
  const lab = await desktopVm();
  await lab.exec(`VBoxManage clonemedium disk ${CLOUD_IMAGE} ~/VirtualBox\\ VMs/ubu1/ubu1.vdi --format VDI`);
  await lab.exec('VBoxManage storagectl ubu1 --name SATA --add sata');
  await lab.exec(
    'VBoxManage storageattach ubu1 --storagectl SATA --port 0 --device 0 --type hdd --medium ~/VirtualBox\\ VMs/ubu1/ubu1.vdi',
  );
  return lab;
}

describe('VBoxManage', () => {
  it('creates and registers a machine', async () => {
    const lab = new Lab('desktop');
    const r = await lab.exec('VBoxManage createvm --name ubu1 --ostype Ubuntu_64 --register');
    const uuid = lab.vms.find('ubu1')?.uuid;
    expect(r).toEqual({
      out: `Virtual machine 'ubu1' is created and registered.\nUUID: ${uuid}\nSettings file: '/home/learner/VirtualBox VMs/ubu1/ubu1.vbox'\n`,
      err: '',
      status: 0,
    });
    expect((await lab.exec('VBoxManage list vms')).out).toBe(`"ubu1" {${uuid}}\n`);
    // A new machine is its settings file: no disk, no controller.
    expect((await lab.exec('ls ~/"VirtualBox VMs"/ubu1')).out).toBe('ubu1.vbox\n');
    expect((await lab.exec('VBoxManage showvminfo ubu1')).out).toContain(
      '\nStorage Controllers:         <none>\nNIC 1:',
    );
    expect((await lab.exec('VBoxManage createvm --name ubu1 --ostype Ubuntu_64 --register')).err).toContain(
      "VBoxManage: error: Machine settings file '/home/learner/VirtualBox VMs/ubu1/ubu1.vbox' already exists\n",
    );
  });

  it('starts headless, shows VirtualBox processes on the host, and powers off', async () => {
    const lab = await desktopVm();
    expect(await lab.exec('VBoxManage startvm ubu1 --type headless')).toEqual({
      out: 'Waiting for VM "ubu1" to power on...\nVM "ubu1" has been successfully started.\n',
      err: '',
      status: 0,
    });
    const uuid = lab.vms.find('ubu1')?.uuid;
    expect((await lab.exec('VBoxManage list runningvms')).out).toBe(`"ubu1" {${uuid}}\n`);
    const ps = (await lab.exec('ps -ef | grep -i vbox | grep -v grep')).out.split('\n');
    expect(ps[0]).toMatch(/^learner +6101 +1 .* \/usr\/lib\/virtualbox\/VBoxXPCOMIPCD$/);
    expect(ps[1]).toMatch(/^learner +6107 +1 .* \/usr\/lib\/virtualbox\/VBoxSVC --auto-shutdown$/);
    expect(ps[2]).toMatch(
      new RegExp(
        `^learner +6109 +6107 .* /usr/lib/virtualbox/VBoxHeadless --comment ubu1 --startvm ${uuid} --vrde config$`,
      ),
    );
    expect((await lab.exec('VBoxManage modifyvm ubu1 --memory 4096')).err).toBe(
      'VBoxManage: error: The machine \'ubu1\' is already locked by a session (or being locked or unlocked)\nVBoxManage: error: Details: code VBOX_E_INVALID_OBJECT_STATE (0x80bb0007), component MachineWrap, interface IMachine, callee nsISupports\nVBoxManage: error: Context: "LockMachine(a->session, LockType_Write)" at line 640 of file VBoxManageModifyVM.cpp\n',
    );
    expect(await lab.exec('VBoxManage controlvm ubu1 poweroff')).toEqual({
      out: PROGRESS,
      err: '',
      status: 0,
    });
    expect(await lab.exec('VBoxManage controlvm ubu1 poweroff')).toEqual({
      out: '',
      err: "VBoxManage: error: Machine 'ubu1' is not currently running.\n",
      status: 1,
    });
  });

  it('names unknown machines and commands as VBoxManage does', async () => {
    const lab = new Lab('desktop');
    expect(await lab.exec('VBoxManage showvminfo nope')).toEqual({
      out: '',
      err: 'VBoxManage: error: Could not find a registered machine named \'nope\'\nVBoxManage: error: Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component VirtualBoxWrap, interface IVirtualBox, callee nsISupports\nVBoxManage: error: Context: "FindMachine(Bstr(VMNameOrUuid).raw(), machine.asOutParam())" at line 3138 of file VBoxManageInfo.cpp\n',
      status: 1,
    });
    expect((await lab.exec('VBoxManage startvm nope')).err).toContain(
      'at line 867 of file VBoxManageMisc.cpp\n',
    );
    // Syntax errors: the banner, the error, the usage, and after a long usage the error again.
    const logo =
      'Oracle VM VirtualBox Command Line Management Interface Version 7.0.16_Ubuntu\nCopyright (C) 2005-2024 Oracle and/or its affiliates\n\n';
    const frob = await lab.exec('VBoxManage frob');
    expect(frob.status).toBe(2);
    expect(frob.err).toMatch(
      new RegExp(
        `^${logo}VBoxManage: error: Invalid command 'frob'\n\nUsage - Oracle VM VirtualBox command-line interface:\n\n  VBoxManage \\[-V \\| --version\\]`.replace(
          /\(C\)/,
          '\\(C\\)',
        ),
      ),
    );
    expect(frob.err).toContain('[[help] subcommand]\n\n\n  VBoxManage list [--long]');
    expect(frob.err).toMatch(/\n {2}VBoxManage startvm <uuid \| vmname\.\.\.>/);
    expect(frob.err.endsWith("\n\nVBoxManage: error: Invalid command 'frob'\n")).toBe(true);
    const createvm =
      '\nUsage - Create a new virtual machine:\n\n  VBoxManage createvm <--name=name> [--basefolder=basefolder] [--default]\n      [--groups=group-ID,...] [--ostype=ostype] [--register] [--uuid=uuid]\n      [--cipher cipher] [--password-id password-id] [--password file]\n';
    expect(await lab.exec('VBoxManage createvm --register')).toEqual({
      out: '',
      err: `${logo}VBoxManage: error: Parameter --name is required\n${createvm}`,
      status: 2,
    });
    // An unknown option has no blank line before the usage; modifyvm then exits 1.
    expect(await lab.exec('VBoxManage createvm --name a --bogus')).toEqual({
      out: '',
      err: `${logo}VBoxManage: error: Unknown option: --bogus${createvm}`,
      status: 2,
    });
    await lab.exec('VBoxManage createvm --name box --register');
    const ram = await lab.exec('VBoxManage modifyvm box --ram 2048');
    expect(ram.status).toBe(1);
    expect(ram.err).toMatch(
      /Unknown option: --ram\nUsage - Change settings for a virtual machine that is stopped:\n\n/,
    );
    expect(ram.err.endsWith('\n\nVBoxManage: error: Unknown option: --ram\n')).toBe(true);
    expect((await lab.exec('VBoxManage startvm box --bogus')).err).toContain(
      'VBoxManage: error: unknown option: --bogus\n\nUsage - Start a virtual machine:\n',
    );
    // No machine at all: only the usage.
    expect(await lab.exec('VBoxManage startvm')).toEqual({
      out: '',
      err: 'Usage - Start a virtual machine:\n\n  VBoxManage startvm <uuid | vmname...> [--putenv=name[=value]] [--type= [gui |\n      headless | sdl | separate] ] --password file --password-id password\n      identifier\n',
      status: 1,
    });
    expect((await lab.exec('VBoxManage list frob')).err).toContain(
      'VBoxManage: error: Unknown subcommand "frob".\n\nUsage - View system information and VM configuration details:\n',
    );
  });

  it('shows machine info with the 6.x/7.0 layout', async () => {
    const lab = await desktopVm();
    const info = (await lab.exec('VBoxManage showvminfo ubu1')).out;
    expect(info).toContain(
      'Name:                        ubu1\nEncryption:                  disabled\nGroups:                      /\nGuest OS:                    Ubuntu (64-bit)\n',
    );
    expect(info).toContain('\nMemory size:                 2048MB\n');
    expect(info).toContain(
      `\nNIC 1:                       MAC: ${lab.vms.find('ubu1')?.mac.replace(/:/g, '').toUpperCase()}, Attachment: NAT, `,
    );
    expect(info).toContain('\n* Guest:\nConfigured memory balloon:   0MB\n\n');
    expect(info).toContain('\nNumber of CPUs:              2\n');
    expect(info).toContain('\nState:                       powered off (since 2026-11-02T09:00:00.');
    expect((await lab.exec('VBoxManage showvminfo ubu1 --machinereadable')).out).toContain(
      'memory=2048\nvram=8\ncpus=2\nVMState="poweroff"\n',
    );
  });

  it('keeps an OS type it does not know, NAT forwarding rules, and refuses a value it cannot parse', async () => {
    const lab = new Lab('desktop');
    expect((await lab.exec('VBoxManage createvm --name odd --ostype Ubuntu64 --register')).status).toBe(0);
    expect((await lab.exec('VBoxManage showvminfo odd')).out).toContain(
      '\nGuest OS:                    Ubuntu64\n',
    );
    expect((await lab.exec('VBoxManage showvminfo odd --machinereadable')).out).toContain(
      '\nostype="Ubuntu64"\n',
    );
    expect(await lab.exec('VBoxManage modifyvm odd --natpf1 "ssh,tcp,,2222,,22"')).toEqual({
      out: '',
      err: '',
      status: 0,
    });
    expect((await lab.exec('VBoxManage showvminfo odd')).out).toContain(
      '\nNIC 1 Rule(0):   name = ssh, protocol = tcp, host ip = , host port = 2222, guest ip = , guest port = 22\nNIC 2:',
    );
    expect((await lab.exec('VBoxManage showvminfo odd --machinereadable')).out).toContain(
      '\nForwarding(0)="ssh,tcp,,2222,,22"\n',
    );
    expect(await lab.exec('VBoxManage modifyvm odd --memory lots')).toEqual({
      out: '',
      err: 'Oracle VM VirtualBox Command Line Management Interface Version 7.0.16_Ubuntu\nCopyright (C) 2005-2024 Oracle and/or its affiliates\n\nVBoxManage: error: ',
      status: 1,
    });
    expect(lab.vms.find('odd')?.memoryMiB).toBe(128);
    expect((await lab.exec('VBoxManage startvm odd --type invisible')).err).toContain(
      "VBoxManage: error: Invalid frontend name: 'invisible'\n",
    );
  });

  it('takes, lists and restores snapshots; a live one resumes without booting', async () => {
    const lab = await bootableVm();
    await lab.exec('VBoxManage startvm ubu1 --type headless');
    lab.advance(30_000);
    const take = await lab.exec('VBoxManage snapshot ubu1 take s1');
    const snap = lab.vms.find('ubu1')?.snapshots[0];
    expect(take.out).toBe(`${PROGRESS}Snapshot taken. UUID: ${snap?.uuid}\n`);
    expect((await lab.exec('VBoxManage snapshot ubu1 list')).out).toBe(
      `   Name: s1 (UUID: ${snap?.uuid}) *\n`,
    );
    await lab.exec('ssh ubu1 touch scratch');
    expect((await lab.exec('VBoxManage snapshot ubu1 restore s1')).err).toContain(
      'is already locked by a session',
    );
    await lab.exec('VBoxManage controlvm ubu1 poweroff');
    expect((await lab.exec('VBoxManage snapshot ubu1 restore s1')).out).toBe(
      `Restoring snapshot 's1' (${snap?.uuid})\n${PROGRESS}`,
    );
    expect((await lab.exec('VBoxManage showvminfo ubu1 --machinereadable')).out).toContain('VMState="saved"');
    await lab.exec('VBoxManage startvm ubu1 --type headless');
    expect(await lab.exec('ssh ubu1 ls')).toEqual({ out: '', err: '', status: 0 });
    expect((await lab.exec('VBoxManage snapshot nope list')).status).toBe(1);
  });

  it('saves state: the RAM goes back to the host until the machine resumes', async () => {
    const lab = await desktopVm();
    const idle = lab.host.memory().used;
    await lab.exec('VBoxManage startvm ubu1 --type headless');
    expect(lab.host.memory().used - idle).toBeGreaterThan(2048 * 1024 * 1024);
    expect((await lab.exec('VBoxManage controlvm ubu1 savestate')).out).toBe(PROGRESS);
    expect(lab.host.memory().used - idle).toBeLessThan(64 * 1024 * 1024);
    expect((await lab.exec('VBoxManage list runningvms')).out).toBe('');
  });
});

describe('VBoxManage media and storage controllers', () => {
  const CREATE_CONTEXT =
    'VBoxManage: error: Context: "RTEXITCODE handleCreateMedium(HandlerArg *)" at line 630 of file VBoxManageDisk.cpp\n';

  it('creates a dynamic disk that starts as its 2 MiB header, and a fixed one of full size', async () => {
    const lab = new Lab('desktop');
    const r = await lab.exec('VBoxManage createmedium disk --filename a.vdi --size 1024');
    const a = lab.virt.media?.['/home/learner/a.vdi'];
    expect(r).toEqual({ out: `Medium created. UUID: ${a?.uuid}\n`, err: PROGRESS, status: 0 });
    expect(a).toEqual({
      uuid: a?.uuid,
      kind: 'disk',
      format: 'VDI',
      fixed: false,
      logicalBytes: 1024 * 1024 * 1024,
    });
    // createhd is the old name; a name without an extension gets the format's.
    const fixed = await lab.exec('VBoxManage createhd --filename big --size 2048 --variant Fixed');
    expect(fixed.out).toBe(`Medium created. UUID: ${lab.virt.media?.['/home/learner/big.vdi']?.uuid}\n`);
    expect((await lab.exec('ls -l a.vdi big.vdi')).out).toBe(
      '-rw------- 1 learner learner    2097152 Nov  2 09:00 a.vdi\n-rw------- 1 learner learner 2149580800 Nov  2 09:00 big.vdi\n',
    );
    expect((await lab.exec('du -h a.vdi big.vdi')).out).toBe('2.0M\ta.vdi\n2.1G\tbig.vdi\n');
    await lab.exec('VBoxManage createmedium --filename b --size 10 --format VMDK');
    expect(lab.virt.media?.['/home/learner/b.vmdk']?.format).toBe('VMDK');
  });

  it('refuses to overwrite an image and names a missing --filename or --size', async () => {
    const lab = new Lab('desktop');
    await lab.exec('VBoxManage createmedium disk --filename a.vdi --size 1024');
    expect(await lab.exec('VBoxManage createmedium disk --filename a.vdi --size 1024')).toEqual({
      out: '',
      err:
        '0%...\nProgress state: VBOX_E_FILE_ERROR\n' +
        'VBoxManage: error: Failed to create medium\n' +
        "VBoxManage: error: Could not create the medium storage unit '/home/learner/a.vdi'.\n" +
        "VBoxManage: error: VDI: cannot create image '/home/learner/a.vdi' (VERR_ALREADY_EXISTS)\n" +
        'VBoxManage: error: Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MediumWrap, interface IMedium\n' +
        CREATE_CONTEXT,
      status: 1,
    });
    expect(await lab.exec('VBoxManage createmedium disk --size 10')).toEqual({
      out: '',
      err: 'VBoxManage: error: Parameter --filename is required\n',
      status: 2,
    });
    expect((await lab.exec('VBoxManage createmedium disk --filename c.vdi')).err).toContain(
      'VBoxManage: error: Parameter --size is required\n\nUsage - Create a new medium:\n',
    );
    // A fixed image larger than the free space fails before anything is written.
    const full = await lab.exec(
      'VBoxManage createmedium --filename huge.vdi --size 99999999 --variant Fixed',
    );
    expect(full.err).toContain("VDI: cannot create image '/home/learner/huge.vdi' (VERR_DISK_FULL)\n");
    expect((await lab.exec('ls huge.vdi')).status).toBe(2);
  });

  it('adds and removes controllers silently, with VirtualBox errors for duplicates and unknown machines', async () => {
    const lab = await desktopVm();
    expect(
      await lab.exec('VBoxManage storagectl ubu1 --name "SATA Controller" --add sata --portcount 2'),
    ).toEqual({
      out: '',
      err: '',
      status: 0,
    });
    expect(await lab.exec('VBoxManage storagectl ubu1 --name "SATA Controller" --add sata')).toEqual({
      out: '',
      err:
        "VBoxManage: error: Storage controller named 'SATA Controller' already exists\n" +
        'VBoxManage: error: Details: code VBOX_E_OBJECT_IN_USE (0x80bb000c), component SessionMachine, interface IMachine, callee nsISupports\n' +
        'VBoxManage: error: Context: "AddStorageController(Bstr(pszCtl).raw(), StorageBus_SATA, ctl.asOutParam())" at line 1087 of file VBoxManageStorageController.cpp\n',
      status: 1,
    });
    expect(await lab.exec('VBoxManage storagectl nope --name x --add ide')).toEqual({
      out: '',
      err:
        "VBoxManage: error: Could not find a registered machine named 'nope'\n" +
        'VBoxManage: error: Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component VirtualBoxWrap, interface IVirtualBox, callee nsISupports\n' +
        'VBoxManage: error: Context: "FindMachine(Bstr(a->argv[0]).raw(), machine.asOutParam())" at line 1053 of file VBoxManageStorageController.cpp\n',
      status: 1,
    });
    expect(await lab.exec('VBoxManage storagectl ubu1 --name IDE --add ide --controller IntelAhci')).toEqual({
      out: '',
      err: "VBoxManage: error: Invalid --type argument 'IntelAhci'\n",
      status: 1,
    });
    expect((await lab.exec('VBoxManage storagectl ubu1 --name "SATA Controller" --portcount 31')).err).toBe(
      'VBoxManage: error: Invalid port count: 31 (must be in range [1, 30])\n' +
        'VBoxManage: error: Details: code E_INVALIDARG (0x80070057), component StorageControllerWrap, interface IStorageController, callee nsISupports\n' +
        'VBoxManage: error: Context: "COMSETTER(PortCount)(portcount)" at line 1211 of file VBoxManageStorageController.cpp\n',
    );
    expect((await lab.exec('VBoxManage storagectl ubu1 --name Nope --portcount 2')).err).toBe(
      "VBoxManage: error: Could not find a storage controller named 'Nope'\n" +
        'VBoxManage: error: Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component SessionMachine, interface IMachine, callee nsISupports\n' +
        'VBoxManage: error: Context: "GetStorageControllerByName(Bstr(pszCtl).raw(), ctl.asOutParam())" at line 1206 of file VBoxManageStorageController.cpp\n' +
        "VBoxManage: error: Couldn't find the controller with the name: 'Nope'\n",
    );
    await lab.exec('VBoxManage storagectl ubu1 --name NVMe --add pcie --controller nvme');
    expect(lab.vms.find('ubu1')?.storage?.map((c) => `${c.name}:${c.chipset}:${c.ports}`)).toEqual([
      'SATA Controller:IntelAhci:2',
      'NVMe:NVMe:1',
    ]);
    expect(await lab.exec('VBoxManage storagectl ubu1 --name NVMe --remove')).toEqual({
      out: '',
      err: '',
      status: 0,
    });
    expect((await lab.exec('VBoxManage storagectl ubu1 --name NVMe --remove')).err).toBe(
      "VBoxManage: error: Could not find a storage controller named 'NVMe'\n" +
        'VBoxManage: error: Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component SessionMachine, interface IMachine, callee nsISupports\n' +
        'VBoxManage: error: Context: "RemoveStorageController(Bstr(pszCtl).raw())" at line 1071 of file VBoxManageStorageController.cpp\n',
    );
  });

  it('attaches disks and drives, and showvminfo lists every controller and slot', async () => {
    const lab = await desktopVm();
    await lab.exec('VBoxManage createmedium disk --filename data.vdi --size 1024');
    await lab.exec('VBoxManage storagectl ubu1 --name "SATA Controller" --add sata');
    await lab.exec('VBoxManage storagectl ubu1 --name IDE --add ide');
    expect(
      await lab.exec(
        'VBoxManage storageattach ubu1 --storagectl "SATA Controller" --port 0 --device 0 --type hdd --medium data.vdi',
      ),
    ).toEqual({ out: '', err: '', status: 0 });
    await lab.exec(
      'VBoxManage storageattach ubu1 --storagectl IDE --port 1 --device 0 --type dvddrive --medium emptydrive',
    );
    const data = lab.virt.media?.['/home/learner/data.vdi']?.uuid;
    const info = (await lab.exec('VBoxManage showvminfo ubu1')).out;
    expect(info).toContain(
      "\nStorage Controllers:\n#0: 'SATA Controller', Type: IntelAhci, Instance: 0, Ports: 30 (max 30), Bootable\n" +
        `  Port 0, Unit 0: UUID: ${data}\n    Location: "/home/learner/data.vdi"\n` +
        "#1: 'IDE', Type: PIIX4, Instance: 0, Ports: 2 (max 2), Bootable\n  Port 1, Unit 0: Empty\nNIC 1:",
    );
    // --machinereadable describes each controller, then every slot: the medium, emptydrive or none.
    const readable = (await lab.exec('VBoxManage showvminfo ubu1 --machinereadable')).out;
    expect(readable).toContain(
      'storagecontrollername0="SATA Controller"\nstoragecontrollertype0="IntelAhci"\nstoragecontrollerinstance0="0"\n' +
        'storagecontrollermaxportcount0="30"\nstoragecontrollerportcount0="30"\nstoragecontrollerbootable0="on"\n' +
        `"SATA Controller-0-0"="/home/learner/data.vdi"\n"SATA Controller-ImageUUID-0-0"="${data}"\n` +
        '"SATA Controller-hot-pluggable-0-0"="off"\n"SATA Controller-nonrotational-0-0"="off"\n"SATA Controller-discard-0-0"="off"\n' +
        '"SATA Controller-1-0"="none"\n',
    );
    expect(readable).toContain(
      'storagecontrollername1="IDE"\nstoragecontrollertype1="PIIX4"\nstoragecontrollerinstance1="0"\n' +
        'storagecontrollermaxportcount1="2"\nstoragecontrollerportcount1="2"\nstoragecontrollerbootable1="on"\n' +
        '"IDE-0-0"="none"\n"IDE-0-1"="none"\n"IDE-1-0"="emptydrive"\n"IDE-1-1"="none"\nmacaddress1=',
    );
    // A SATA controller widens to reach the port asked for.
    await lab.exec('VBoxManage createmedium disk --filename more.vdi --size 8');
    await lab.exec('VBoxManage storagectl ubu1 --name "SATA Controller" --portcount 1');
    await lab.exec(
      'VBoxManage storageattach ubu1 --storagectl "SATA Controller" --port 3 --type hdd --medium more.vdi',
    );
    expect(lab.vms.find('ubu1')?.storage?.[0]?.ports).toBe(4);
    // --medium none empties the slot again.
    await lab.exec('VBoxManage storageattach ubu1 --storagectl IDE --port 1 --device 0 --medium none');
    expect((await lab.exec('VBoxManage showvminfo ubu1')).out).not.toContain('Port 1, Unit 0: Empty');
  });

  it('names an unknown controller, a missing image, an empty slot and a slot out of range', async () => {
    const lab = await desktopVm();
    await lab.exec('VBoxManage storagectl ubu1 --name SATA --add sata');
    expect(
      await lab.exec(
        'VBoxManage storageattach ubu1 --storagectl Nope --port 0 --device 0 --type hdd --medium a.vdi',
      ),
    ).toEqual({ out: '', err: "VBoxManage: error: Could not find a controller named 'Nope'\n", status: 1 });
    expect(
      await lab.exec('VBoxManage storageattach ubu1 --storagectl SATA --type hdd --medium a.vdi'),
    ).toEqual({
      out: '',
      err: 'VBoxManage: error: Port not specified\n',
      status: 2,
    });
    expect(
      await lab.exec(
        'VBoxManage storageattach ubu1 --storagectl SATA --port 1 --device 0 --type hdd --medium missing.vdi',
      ),
    ).toEqual({
      out: '',
      err:
        "VBoxManage: error: Could not find file for the medium '/home/learner/missing.vdi' (VERR_FILE_NOT_FOUND)\n" +
        'VBoxManage: error: Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MediumWrap, interface IMedium, callee nsISupports\n' +
        'VBoxManage: error: Context: "OpenMedium(Bstr(pszFilenameOrUuid).raw(), enmDevType, enmAccessMode, fForceNewUuidOnOpen, pMedium.asOutParam())" at line 197 of file VBoxManageDisk.cpp\n' +
        'VBoxManage: error: Invalid UUID or filename "missing.vdi"\n',
      status: 1,
    });
    expect(
      (await lab.exec('VBoxManage storageattach ubu1 --storagectl SATA --port 2 --medium none')).err,
    ).toBe(
      "VBoxManage: error: No storage device attached to device slot 0 on port 2 of controller 'SATA'\n" +
        'VBoxManage: error: Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component SessionMachine, interface IMachine, callee nsISupports\n' +
        'VBoxManage: error: Context: "DetachDevice(Bstr(pszCtl).raw(), port, device)" at line 412 of file VBoxManageStorageController.cpp\n',
    );
    expect(
      (
        await lab.exec(
          'VBoxManage storageattach ubu1 --storagectl SATA --port 30 --device 0 --type hdd --medium x',
        )
      ).err,
    ).toBe(
      'VBoxManage: error: The port and/or device parameter are out of range: port=30 (must be in range [0, 29]), device=0 (must be in range [0, 0])\n' +
        'VBoxManage: error: Details: code E_INVALIDARG (0x80070057), component StorageControllerWrap, interface IStorageController, callee nsISupports\n' +
        'VBoxManage: error: Context: "AttachDevice(Bstr(pszCtl).raw(), port, device, DeviceType_HardDisk, pMedium2Mount)" at line 781 of file VBoxManageStorageController.cpp\n',
    );
    // A running machine cannot take a disk on a controller that does not hot-plug.
    await lab.exec('VBoxManage storagectl ubu1 --name IDE --add ide');
    await lab.exec('VBoxManage createmedium --filename a.vdi --size 8');
    await lab.exec('VBoxManage startvm ubu1 --type headless');
    expect(
      (
        await lab.exec(
          'VBoxManage storageattach ubu1 --storagectl IDE --port 0 --device 0 --type hdd --medium a.vdi',
        )
      ).err,
    ).toBe(
      "VBoxManage: error: Controller 'IDE' does not support hot-plugging\n" +
        'VBoxManage: error: Details: code VBOX_E_INVALID_VM_STATE (0x80bb0002), component SessionMachine, interface IMachine, callee nsISupports\n' +
        'VBoxManage: error: Context: "AttachDevice(Bstr(pszCtl).raw(), port, device, DeviceType_HardDisk, pMedium2Mount)" at line 781 of file VBoxManageStorageController.cpp\n',
    );
    expect((await lab.exec('VBoxManage storagectl ubu1 --name IDE --remove')).err).toContain(
      "The machine 'ubu1' is already locked by a session",
    );
  });

  it('lists, describes and closes media; an attached one stays until it is detached', async () => {
    const lab = await desktopVm();
    await lab.exec('VBoxManage storagectl ubu1 --name SATA --add sata');
    await lab.exec('VBoxManage createmedium disk --filename data.vdi --size 1024');
    await lab.exec(
      'VBoxManage storageattach ubu1 --storagectl SATA --port 1 --device 0 --type hdd --medium data.vdi',
    );
    const d = lab.vms.find('ubu1');
    const data = lab.virt.media?.['/home/learner/data.vdi']?.uuid;
    const block = (uuid: string | undefined, path: string, mb: number) =>
      `UUID:           ${uuid}\nParent UUID:    base\nState:          created\nType:           normal (base)\nLocation:       ${path}\nStorage format: VDI\nCapacity:       ${mb} MBytes\nEncryption:     disabled\n\n`;
    expect((await lab.exec('VBoxManage list hdds')).out).toBe(block(data, '/home/learner/data.vdi', 1024));
    expect((await lab.exec('VBoxManage showmediuminfo data.vdi')).out).toBe(
      `UUID:           ${data}\nParent UUID:    base\nState:          created\nType:           normal (base)\nLocation:       /home/learner/data.vdi\nStorage format: VDI\nFormat variant: dynamic default\nCapacity:       1024 MBytes\nSize on disk:   2 MBytes\nEncryption:     disabled\nProperty:       AllocationBlockSize=1048576\nIn use by VMs:  ubu1 (UUID: ${d?.uuid})\n`,
    );
    expect(await lab.exec('VBoxManage closemedium disk data.vdi --delete')).toEqual({
      out: '',
      err:
        "VBoxManage: error: Medium '/home/learner/data.vdi' cannot be closed because it is still attached to 1 virtual machines\n" +
        'VBoxManage: error: Details: code VBOX_E_OBJECT_IN_USE (0x80bb000c), component MediumWrap, interface IMedium, callee nsISupports\n' +
        'VBoxManage: error: Context: "DeleteStorage(progress.asOutParam())" at line 1866 of file VBoxManageDisk.cpp\n',
      status: 1,
    });
    await lab.exec('VBoxManage storageattach ubu1 --storagectl SATA --port 1 --device 0 --medium none');
    expect(await lab.exec('VBoxManage closemedium disk data.vdi --delete')).toEqual({
      out: '',
      err: PROGRESS,
      status: 0,
    });
    expect((await lab.exec('ls data.vdi')).status).toBe(2);
    expect(lab.virt.media?.['/home/learner/data.vdi']).toBeUndefined();
  });

  it('clones an image into a new VDI with a new UUID, and refuses a target that exists', async () => {
    const lab = new Lab('desktop');
    const r = await lab.exec(`VBoxManage clonemedium disk ${CLOUD_IMAGE} dev.vdi --format VDI`);
    const source = lab.virt.media?.['/home/learner/Downloads/noble-server-cloudimg-amd64.vmdk'];
    const copy = lab.virt.media?.['/home/learner/dev.vdi'];
    expect(r).toEqual({
      out: `Clone medium created in format 'VDI'. UUID: ${copy?.uuid}\n`,
      err: PROGRESS,
      status: 0,
    });
    // The source is registered on the way; both carry Ubuntu, on a 3.5 GiB disk.
    expect(source).toMatchObject({ format: 'VMDK', logicalBytes: 3_758_096_384, os: 'ubuntu24.04' });
    expect(copy).toMatchObject({
      format: 'VDI',
      fixed: false,
      logicalBytes: 3_758_096_384,
      os: 'ubuntu24.04',
    });
    expect(copy?.uuid).not.toBe(source?.uuid);
    // The compressed download grows to the OS's bytes in a VDI; the download is unchanged.
    expect((await lab.exec('ls -l dev.vdi Downloads')).out).toBe(
      '-rw------- 1 learner learner 2050097152 Nov  2 09:00 dev.vdi\n\nDownloads:\ntotal 568000\n-rw-rw-r-- 1 learner learner 581632000 Oct 27 14:52 noble-server-cloudimg-amd64.vmdk\n',
    );
    expect((await lab.exec('VBoxManage showmediuminfo dev.vdi')).out).toContain(
      'Storage format: VDI\nFormat variant: dynamic default\nCapacity:       3584 MBytes\nSize on disk:   1955 MBytes\n',
    );
    expect(await lab.exec(`VBoxManage clonemedium disk ${CLOUD_IMAGE} dev.vdi`)).toEqual({
      out: '',
      err:
        '0%...VBOX_E_FILE_ERROR\n' +
        'VBoxManage: error: Failed to clone medium\n' +
        "VBoxManage: error: Could not create the clone medium '/home/learner/dev.vdi'.\n" +
        "VBoxManage: error: VMDK: cannot create image '/home/learner/dev.vdi' (VERR_ALREADY_EXISTS)\n" +
        'VBoxManage: error: Details: code VBOX_E_FILE_ERROR (0x80bb0004), component MediumWrap, interface IMedium\n' +
        'VBoxManage: error: Context: "RTEXITCODE handleCloneMedium(HandlerArg*)" at line 1208 of file VBoxManageDisk.cpp\n',
      status: 1,
    });
    expect((await lab.exec('VBoxManage clonemedium disk nosuch.vmdk x.vdi')).err).toContain(
      "VBoxManage: error: Could not find file for the medium '/home/learner/nosuch.vmdk' (VERR_FILE_NOT_FOUND)\n",
    );
    // A fixed copy larger than the free space fails before anything is written.
    await lab.exec('VBoxManage createmedium disk --filename huge.vdi --size 99999999');
    const full = await lab.exec('VBoxManage clonemedium disk huge.vdi fixed.vdi --variant Fixed');
    expect(full.err).toContain("VDI: cannot create image '/home/learner/fixed.vdi' (VERR_DISK_FULL)\n");
    expect((await lab.exec('ls fixed.vdi')).status).toBe(2);
    expect((await lab.exec('VBoxManage clonemedium disk')).err).toContain(
      'VBoxManage: error: Mandatory input or output file not specified\n',
    );
  });

  it('powers on with no disk or a blank one and boots nothing; a clone of the cloud image boots Ubuntu', async () => {
    const lab = await desktopVm();
    expect((await lab.exec('VBoxManage startvm ubu1 --type headless')).status).toBe(0);
    lab.advance(60_000);
    expect(lab.snapshot().vms.find((v) => v.name === 'ubu1')?.phase).toBe('no-boot');
    await lab.exec('VBoxManage controlvm ubu1 poweroff');
    await lab.exec('VBoxManage createmedium disk --filename data.vdi --size 1024');
    await lab.exec('VBoxManage storagectl ubu1 --name SATA --add sata');
    await lab.exec(
      'VBoxManage storageattach ubu1 --storagectl SATA --port 0 --device 0 --type hdd --medium data.vdi',
    );
    await lab.exec('VBoxManage startvm ubu1 --type headless');
    lab.advance(60_000);
    expect(lab.snapshot().vms.find((v) => v.name === 'ubu1')?.phase).toBe('no-boot');
    expect((await lab.exec('ssh -o ConnectTimeout=5 ubu1 hostname')).status).toBe(255);
    await lab.exec('VBoxManage controlvm ubu1 poweroff');
    // The clone on port 0, the blank disk moved to port 1: the guest boots from the first.
    await lab.exec('VBoxManage storageattach ubu1 --storagectl SATA --port 0 --device 0 --medium none');
    await lab.exec(
      'VBoxManage storageattach ubu1 --storagectl SATA --port 1 --device 0 --type hdd --medium data.vdi',
    );
    await lab.exec(`VBoxManage clonemedium disk ${CLOUD_IMAGE} ubu1.vdi`);
    await lab.exec(
      'VBoxManage storageattach ubu1 --storagectl SATA --port 0 --device 0 --type hdd --medium ubu1.vdi',
    );
    expect((await lab.exec('VBoxManage startvm ubu1 --type headless')).status).toBe(0);
    lab.advance(60_000);
    expect(await lab.exec('ssh ubu1 hostname')).toMatchObject({ out: 'ubu1\n', status: 0 });
    expect((await lab.exec('ssh ubu1 grep PRETTY /etc/os-release')).out).toContain('Ubuntu 24.04');
    const vm = lab.snapshot().vms.find((v) => v.name === 'ubu1');
    expect(vm).toMatchObject({
      phase: 'up',
      disk: { path: '/home/learner/ubu1.vdi', virtualBytes: 3_758_096_384 },
    });
    await lab.exec('VBoxManage controlvm ubu1 poweroff');
    // --delete takes every disk attached, wherever it lies; the download was never attached.
    expect((await lab.exec('VBoxManage unregistervm ubu1 --delete')).status).toBe(0);
    expect((await lab.exec('ls data.vdi ubu1.vdi')).status).toBe(2);
    expect((await lab.exec(`ls ${CLOUD_IMAGE}`)).status).toBe(0);
    expect((await lab.exec('VBoxManage list hdds | grep Location')).out).toBe(
      'Location:       /home/learner/Downloads/noble-server-cloudimg-amd64.vmdk\n',
    );
  });
});
