from ubuntu:22.04
maintainer Jane Doe <jane@example.com>
env DEBIAN_FRONTEND noninteractive
env HOME /root
add https://example.com/archive.tar.gz /tmp/
run apt-get update && apt-get install -y wget
expose 80 443
cmd /usr/sbin/apachectl -D FOREGROUND
