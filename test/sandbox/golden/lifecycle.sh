docker create --name later alpine sleep 600
docker ps -a --format '{{.Names}} {{.Status}}'
docker start later
docker pause later
docker ps --format '{{.Names}} {{.Status}}'
docker pause later
docker exec later ls
docker unpause later
docker unpause later
docker restart later
docker kill later
docker kill later
docker start later
docker exec later sh -c 'mkdir /work && echo data > /work/file.txt && rm /etc/alpine-release'
docker diff later
docker cp later:/work/file.txt ./copied.txt
cat copied.txt
echo from-host > note.txt
docker cp note.txt later:/tmp/
docker exec later cat /tmp/note.txt
docker cp later:/nope ./x
docker commit later snapshot:1
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}'
docker run --rm snapshot:1 cat /work/file.txt
docker system df
docker search nginx --limit 3
docker login -u learner -p s3cret
docker logout
docker logout
docker network create app
docker network create app
docker network rm bridge
docker network rm nosuch
docker rm -f later
docker run -d --name job alpine sh -c 'echo hi > /f; echo done'
docker ps -a --filter name=job --format '{{.Names}} {{.Status}}'
docker logs job
docker diff job
docker start -a job
docker run -d --name ticker alpine sh -c 'while true; do date; sleep 1; done'
docker ps --format '{{.Names}} {{.Status}}'
docker logs ticker
docker run -d --name bare alpine
docker run -dit --name kept alpine
docker ps -a --format '{{.Names}} {{.Status}}' --filter name=bare --filter name=kept
docker create --name twice alpine sh -c 'echo run >> /log; cat /log'
docker start -a twice
docker start -a twice
docker start -a twice job
docker rm -f job ticker bare kept twice
docker run -d --name f1 --label tier=web alpine sleep 600
docker run --name f2 alpine sh -c 'exit 3'
docker ps --filter label=tier=web --format '{{.Names}}'
docker ps -f status=exited -f name=f --format '{{.Names}} {{.Status}}'
docker ps -f exited=3 -q
docker ps -a --filter ancestor=alpine --filter name=f1 --format '{{.Names}}'
docker ps -f nosuch=1
docker ps -f name
docker rm -f f1 f2
docker run -d --name f3 --label q=a=b alpine sleep 600
docker ps -f label=q=a=b --format '{{.Names}}'
docker ps -f label=q=a --format '{{.Names}}'
docker rm -f f3
