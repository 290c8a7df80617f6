docker pull nginx
docker run -d --name web -p 8080:80 nginx
docker ps
curl -s localhost:8080 | grep title
curl -sI localhost:8080 | head -n 1
curl -s localhost:8081
echo "exit status $?"
docker logs --tail 3 web
docker stop web
docker ps
docker ps -a --format '{{.Names}}: {{.Status}}'
docker start web
docker ps --format 'table {{.Names}}\t{{.Ports}}'
docker rm web
docker rm -f web
docker ps -a
