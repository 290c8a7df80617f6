docker run hello-world
docker images
docker ps
docker ps -a
docker run hello-world | head -n 2
docker rm $(docker ps -aq)
docker ps -a
