lsmod | grep kvm
ls -l /dev/kvm
virt-host-validate qemu
virt-install --name vm1 --memory 2048 --vcpus 2 --disk size=20 --osinfo ubuntu24.04 --import --noautoconsole
virsh list --all
ssh vm1 uname -r
sleep 60
virsh dominfo vm1
ssh vm1 uname -r
uname -r
docker run --rm alpine uname -r
ssh vm1 free -m
free -m
docker run --rm -m 256m alpine free -m
ssh vm1 ps -e | head -n 8
ssh vm1 systemd-analyze
qemu-img info /var/lib/libvirt/images/vm1.qcow2
df -h /
virsh shutdown vm1
sleep 20
virsh list --all
virsh start vm1
virsh start vm1
virsh destroy vm1
virsh destroy vm1
virsh dominfo nosuch
