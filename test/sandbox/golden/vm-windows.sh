docker run --rm mcr.microsoft.com/windows/nanoserver:ltsc2022
virt-install --name win1 --memory 4096 --vcpus 2 --disk size=60 --osinfo win2k22 --import --noautoconsole
sleep 30
ssh win1 ver
sleep 120
ssh win1 ver
ssh win1 hostname
ssh win1 uname -a
virsh list
