virt-install --name vm1 --memory 1024 --vcpus 1 --disk size=10 --osinfo debian13 --import --noautoconsole > /dev/null
sleep 60
ssh vm1 cat /etc/os-release | head -n 1
virsh snapshot-create-as vm1 clean
ssh vm1 'echo oops > broken.txt && ls'
virsh snapshot-list vm1
virsh snapshot-revert vm1 clean
sleep 60
ssh vm1 ls
