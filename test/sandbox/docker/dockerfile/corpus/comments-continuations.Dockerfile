FROM alpine:3.20

# Install packages; comments inside the continuation are skipped
RUN apk add --no-cache \
    # for downloads
    curl \
    # for scripts
    bash \

    jq

  # an indented comment
	RUN echo "indented instruction"
CMD echo done
