mkdir -p broken && cd broken
docker build .
docker build nowhere
printf 'FROM alpine\n\nFORM alpine\nRUN true\n' > Dockerfile
docker build .
echo $?
printf 'FROM alpine\nRUN echo about to fail && exit 3\n' > Dockerfile
docker build --progress=plain .
printf 'FROM alpine\nCOPY missing.txt /\n' > Dockerfile
docker build --progress=plain -q .
printf 'FROM alpine\nRUN apk add --no-cache nosuchpackage\n' > Dockerfile
docker build --progress=plain -t bad .
printf 'FROM debian\nRUN apt-get install -y curl\n' > Dockerfile
docker build -q .
printf 'FROM nosuchimage:1.0\n' > Dockerfile
docker build -q .
docker build --foo .
mkdir sub
printf 'FROM alpine\nLABEL from=sub\n' > sub/Dockerfile.sub
docker build -q -f Dockerfile.sub sub
docker build -q -f sub/Dockerfile.sub -t sub sub
docker image inspect -f '{{.Config.Labels}}' sub
docker build -q sub
