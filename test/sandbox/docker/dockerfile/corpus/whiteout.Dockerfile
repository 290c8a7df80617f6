FROM alpine:3.20
RUN dd if=/dev/zero of=/bigfile bs=1M count=50
RUN rm /bigfile
RUN ls -la /
