docker run -d --name box-a alpine sleep 300
docker run -d --name box-b alpine sleep 300
docker exec box-a sh -c 'echo secret > /tmp/a.txt; cat /tmp/a.txt'
docker exec box-b cat /tmp/a.txt
docker exec box-a hostname
docker exec box-a ps
docker exec box-a uname -r
uname -r
ps -ef | grep 'sleep 300' | grep -v grep
docker exec -i box-b sh
whoami
id
ls /
exit
docker top box-a
docker diff box-a
docker rm -f box-a box-b
