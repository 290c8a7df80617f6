for i in 1 2 3; do virt-install --name app$i --memory 2048 --vcpus 1 --disk size=10 --osinfo ubuntu24.04 --import --noautoconsole > /dev/null; done
sleep 60
virsh list
free -m
ls -lh /var/lib/libvirt/images
virt-install --name app4 --memory 2048 --vcpus 1 --disk size=10 --osinfo ubuntu24.04 --import --noautoconsole
for i in 1 2 3 4 5 6; do docker run -d --name web$i nginx > /dev/null; done
docker ps --format '{{.Names}} {{.Status}}'
docker system df
free -m
