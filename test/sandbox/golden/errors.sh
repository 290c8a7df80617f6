docker run --name web alpine true
docker run --name web alpine true
docker run nosuchimage
docker run nginx:nosuchtag
docker run alpine nosuchcmd
echo $?
docker run Alpine
docker run "alpine:"
docker foo
docker run --foo alpine
docker run
docker logs nosuch
docker exec web ls
docker rm nosuch web
docker rmi alpine
docker stop
docker run -p 8080:80 -d --name one nginx
docker run -p 8080:80 -d --name two nginx
docker ps -a --format '{{.Names}} {{.Status}}'
