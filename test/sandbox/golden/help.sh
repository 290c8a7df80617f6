docker --help | head -n 4
docker run --help
docker ps --help
docker volume
docker --version
