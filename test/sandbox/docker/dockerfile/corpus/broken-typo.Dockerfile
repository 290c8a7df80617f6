FROM alpine:3.20

RUN apk add --no-cache curl
COPPY app.sh /usr/local/bin/app.sh
CMD ["app.sh"]
