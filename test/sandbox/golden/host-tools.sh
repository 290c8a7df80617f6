whoami
id
hostname
uname -a
cat /etc/os-release | head -n 1
free -m
df -h /
docker run -d --name web nginx
free -m
ps aux | grep nginx | grep -v grep
ls -l /var/lib
cat /proc/cpuinfo | grep -c processor
