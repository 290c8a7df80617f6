# syntax=docker/dockerfile:1.7
FROM alpine:3.20

RUN <<EOF
set -e
apk add --no-cache curl
echo "installed curl"
EOF

COPY <<EOF /etc/motd
Welcome to $HOSTNAME
EOF

COPY <<"CONF" /etc/app.conf
path=$HOME/data
CONF

RUN <<-SCRIPT sh
	echo indented
	SCRIPT

RUN <<ONE cat > /one.txt && <<TWO cat > /two.txt
first file
ONE
second file
TWO

CMD ["cat", "/etc/motd"]
