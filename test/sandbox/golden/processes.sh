docker pull -q alpine
docker run -d --name clock alpine sh -c 'while true; do date; sleep 1; done'
sleep 5
docker logs --tail 3 clock
docker run -d --name polite alpine sh -c 'trap "echo bye; exit 0" TERM; while true; do sleep 1; done'
docker stop polite clock
docker ps -a
docker logs polite
docker run -d --rm --init alpine sleep 2
docker ps --format '{{.Image}} {{.Command}} {{.Status}}'
sleep 3
docker ps -a --format '{{.Names}} {{.Status}}'
sleep 2 & sleep 1 & wait
echo waited $?
(sleep 1; echo from the job) &
sleep 2
