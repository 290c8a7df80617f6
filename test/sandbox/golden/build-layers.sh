mkdir -p layers && cd layers
cat > Dockerfile.separate <<'EOF2'
FROM alpine
RUN dd if=/dev/zero of=/big.bin bs=1M count=50
RUN rm /big.bin
EOF2
cat > Dockerfile.merged <<'EOF2'
FROM alpine
RUN dd if=/dev/zero of=/big.bin bs=1M count=50 && rm /big.bin
EOF2
docker build -q -f Dockerfile.separate -t separate .
docker build -q -f Dockerfile.merged -t merged .
docker images --format '{{.Repository}} {{.Size}}'
docker history separate --format '{{.Size}}\t{{.CreatedBy}}'
docker run --rm separate ls /big.bin
cat > Dockerfile.multi <<'EOF2'
FROM alpine AS builder
RUN mkdir /out && dd if=/dev/zero of=/out/toolchain.bin bs=1M count=80 && echo 'echo built by a multi-stage build' > /out/app
FROM alpine
COPY --from=builder /out/app /usr/local/bin/app
CMD ["sh", "/usr/local/bin/app"]
EOF2
docker build -q -f Dockerfile.multi -t multi .
docker run --rm multi
docker images --format '{{.Repository}} {{.Size}}' multi
docker build -q -f Dockerfile.multi --target builder -t multi-builder .
docker images --format '{{.Repository}} {{.Size}}' multi-builder
cat > Dockerfile.heredoc <<'EOF2'
FROM debian
RUN <<EOF
apt-get update
apt-get install -y curl
EOF
ARG GREETING=hello
ENV GREETING=${GREETING}
CMD ["sh", "-c", "echo $GREETING; which curl"]
EOF2
docker build -q -f Dockerfile.heredoc --build-arg GREETING=bonjour -t heredoc .
docker run --rm heredoc
