mkdir -p app && cd app
cat > Dockerfile <<'EOF2'
# syntax=docker/dockerfile:1
FROM alpine:3.22
WORKDIR /srv
RUN apk add --no-cache curl
COPY index.html .
COPY app.sh /usr/local/bin/app
CMD ["app"]
EOF2
echo '<h1>v1</h1>' > index.html
printf '#!/bin/sh\ncat /srv/index.html\n' > app.sh
chmod +x app.sh
docker build --progress=plain -t web:1 .
docker run --rm web:1
docker build --progress=plain -t web:1 .
echo '<h1>v2</h1>' > index.html
docker build --progress=plain -t web:2 .
docker run --rm web:2
docker images
docker history web:2
docker image inspect -f '{{len .RootFS.Layers}} layers' web:2
docker image inspect -f '{{.Config.Cmd}} {{.Config.WorkingDir}}' web:2
cd ~ && mkdir -p wd && cd wd
echo '{"name":"wd"}' > package.json
echo v1 > server.js
printf 'FROM alpine\nWORKDIR /app\nCOPY package.json ./\nCOPY . .\n' > Dockerfile
docker build -q -t wd:1 .
echo v2 > server.js
docker build --progress=plain -t wd:2 . 2>&1 | grep -E 'WORKDIR|CACHED|COPY'
docker run --rm wd:2 cat server.js
docker image inspect -f '{{.Config.WorkingDir}}' wd:2
docker history --format '{{.CreatedBy}}' wd:2
