lsmod | grep -E 'kvm|vbox'
virsh list
VBoxManage createvm --name dev --ostype Ubuntu_64 --register
VBoxManage modifyvm dev --memory 2048 --cpus 2
VBoxManage startvm dev --type headless
VBoxManage list runningvms
ps aux | grep -E 'VBox(SVC|Headless)' | grep -v grep
sleep 60
ssh dev uname -r
VBoxManage showvminfo dev | head -n 12
VBoxManage snapshot dev take before-upgrade
VBoxManage controlvm dev poweroff
VBoxManage startvm nosuch
