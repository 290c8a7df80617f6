lsmod | grep -E 'kvm|vbox'
virsh list
VBoxManage createvm --name dev --ostype Ubuntu_64 --register
VBoxManage modifyvm dev --memory 2048 --cpus 2
VBoxManage showvminfo dev | grep '^Storage'
VBoxManage clonemedium disk ~/Downloads/noble-server-cloudimg-amd64.vmdk ~/VirtualBox\ VMs/dev/dev.vdi --format VDI
VBoxManage storagectl dev --name SATA --add sata
VBoxManage storageattach dev --storagectl SATA --port 0 --device 0 --type hdd --medium ~/VirtualBox\ VMs/dev/dev.vdi
VBoxManage startvm dev --type headless
VBoxManage list runningvms
ps aux | grep -E 'VBox(SVC|Headless)' | grep -v grep
sleep 60
ssh dev uname -r
VBoxManage showvminfo dev | head -n 12
VBoxManage snapshot dev take before-upgrade
VBoxManage controlvm dev poweroff
VBoxManage startvm nosuch
