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
