docker run -d --name hog -m 64m alpine tail /dev/zero
sleep 1
docker ps -a
docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}}' hog
docker run --name stress -m 64m polinux/stress stress --vm 1 --vm-bytes 128M
echo "exit status $?"
docker inspect --format '{{.State.OOMKilled}}' stress
docker run -d --name calm -m 256m --cpus 0.5 polinux/stress stress --vm 1 --vm-bytes 128M
docker stats --no-stream calm
docker run --rm -m 4m alpine true
docker rm -f hog stress calm
