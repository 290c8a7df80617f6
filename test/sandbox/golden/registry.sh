docker run -d -p 5000:5000 --name registry registry:2
mkdir app && cd app
printf 'FROM alpine\nRUN echo v1 > /version\nCMD ["cat", "/version"]\n' > Dockerfile
docker build -q -t app .
docker tag app localhost:5000/app:1.0
docker push localhost:5000/app:1.0
docker push localhost:5000/app:1.0
curl -s localhost:5000/v2/_catalog
curl -s localhost:5000/v2/app/tags/list
curl -s localhost:5000/v2/nope/tags/list
curl -sI localhost:5000/v2/app/manifests/1.0 | grep Docker-Content-Digest
docker images --digests --format '{{.Repository}}:{{.Tag}} {{.Digest}}'
docker images localhost:5000/app
docker rmi app localhost:5000/app:1.0
DIGEST=$(curl -sI localhost:5000/v2/app/manifests/1.0 | grep Docker-Content-Digest | cut -d' ' -f2 | tr -d '\r')
docker pull localhost:5000/app@$DIGEST
docker run --rm localhost:5000/app@$DIGEST
docker push localhost:5000/other
docker push alpine
docker tag alpine learner/tools:1
docker push learner/tools:1
docker login -u learner -p pw
docker push learner/tools:1
docker rmi learner/tools:1
docker pull learner/tools:1
docker exec registry ls /var/lib/registry/docker/registry/v2/repositories
docker rm -f registry
docker run -d -p 5000:5000 --name registry registry:2
docker pull localhost:5000/app:1.0
