docker run --name first alpine sh -c 'echo in-the-layer > /note.txt'
docker rm first
docker run --rm alpine cat /note.txt
docker volume create notes
docker run --rm -v notes:/data alpine sh -c 'echo in-the-volume > /data/note.txt'
docker run --rm -v notes:/data alpine cat /data/note.txt
docker volume ls
docker volume inspect notes
mkdir -p ~/site && echo '<h1>mine</h1>' > ~/site/index.html
docker run -d --name site -p 8000:80 -v ~/site:/usr/share/nginx/html:ro nginx
docker exec site ls /usr/share/nginx/html
docker volume rm notes
docker rm -f site
docker run -d --name one nginx
docker run -d --name two nginx
docker exec one sh -c 'echo one > /usr/share/nginx/html/index.html'
docker ps -s
docker ps --format '{{.Names}}: {{.Size}}'
docker rm -f one two
docker run --rm -v /srv/made:/data alpine sh -c 'echo x > /data/x'
ls -ld /srv/made
cat /srv/made/x
