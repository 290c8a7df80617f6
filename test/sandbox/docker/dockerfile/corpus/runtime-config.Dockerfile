FROM postgres:16
ENV PGDATA=/var/lib/postgresql/data/pgdata
VOLUME ["/var/lib/postgresql/data"]
VOLUME /backups /logs
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD pg_isready -U postgres || exit 1
STOPSIGNAL SIGINT
USER postgres
ONBUILD COPY ./initdb/ /docker-entrypoint-initdb.d/
ONBUILD RUN echo "child image built"
EXPOSE 5432/tcp
