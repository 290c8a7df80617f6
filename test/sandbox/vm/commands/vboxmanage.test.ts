import { describe, expect, it } from 'vitest';
import { Lab } from '../harness.ts';

const PROGRESS = '0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%\n';

async function desktopVm(): Promise<Lab> {
  const lab = new Lab('desktop');
  await lab.exec('VBoxManage createvm --name ubu1 --ostype Ubuntu_64 --register');
  await lab.exec('VBoxManage modifyvm ubu1 --memory 2048 --cpus 2');
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
    expect((await lab.exec('ls ~/"VirtualBox VMs"/ubu1')).out).toBe('Logs\nubu1.vbox\nubu1.vdi\n');
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
      err: "VBoxManage: error: Machine 'ubu1' is not currently running\n",
      status: 1,
    });
  });

  it('names unknown machines and commands as VBoxManage does', async () => {
    const lab = new Lab('desktop');
    expect(await lab.exec('VBoxManage showvminfo nope')).toEqual({
      out: '',
      err: 'VBoxManage: error: Could not find a registered machine named \'nope\'\nVBoxManage: error: Details: code VBOX_E_OBJECT_NOT_FOUND (0x80bb0001), component VirtualBoxWrap, interface IVirtualBox, callee nsISupports\nVBoxManage: error: Context: "FindMachine(Bstr(VMNameOrUuid).raw(), machine.asOutParam())" at line 3187 of file VBoxManageInfo.cpp\n',
      status: 1,
    });
    expect((await lab.exec('VBoxManage startvm nope')).err).toContain(
      'at line 867 of file VBoxManageMisc.cpp\n',
    );
    expect(await lab.exec('VBoxManage frob')).toEqual({
      out: '',
      err: "VBoxManage: error: Invalid command 'frob'\n",
      status: 2,
    });
    expect((await lab.exec('VBoxManage createvm --register')).err).toBe(
      'VBoxManage: error: Parameter --name is required\n',
    );
    expect((await lab.exec('VBoxManage createvm --name a --bogus')).err).toBe(
      'VBoxManage: error: Unknown option: --bogus\n',
    );
  });

  it('shows machine info with the 6.x/7.0 layout', async () => {
    const lab = await desktopVm();
    const info = (await lab.exec('VBoxManage showvminfo ubu1')).out;
    expect(info).toContain(
      'Name:                        ubu1\nGroups:                      /\nGuest OS:                    Ubuntu (64-bit)\n',
    );
    expect(info).toContain('\nMemory size                  2048MB\n');
    expect(info).toContain('\nNumber of CPUs:              2\n');
    expect(info).toContain('\nState:                       powered off (since 2026-11-02T09:00:00.');
    expect((await lab.exec('VBoxManage showvminfo ubu1 --machinereadable')).out).toContain(
      'memory=2048\nvram=8\ncpus=2\nVMState="poweroff"\n',
    );
  });

  it('takes, lists and restores snapshots; a live one resumes without booting', async () => {
    const lab = await desktopVm();
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
