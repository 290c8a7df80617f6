docker network create app
docker network ls
docker run -d --name web --network app nginx
docker run --rm --network app alpine wget -qO- http://web | grep title
docker run --rm alpine wget -qO- http://web
docker inspect -f '{{.NetworkSettings.Networks.app.IPAddress}}' web
curl -s 172.18.0.2 | head -n 1
docker run -d --name cache redis
docker exec cache redis-cli ping
docker network rm app
docker rm -f web cache
docker network rm app
docker run -d --name solo nginx
docker run --rm alpine ip addr show eth0
docker exec solo cat /etc/hosts
ip addr show docker0
ip route
docker stats --no-stream solo
docker rm -f solo
