FROM nginx:1.27-alpine
LABEL org.opencontainers.image.title="Quayside docs" \
      org.opencontainers.image.source="https://example.com/quayside"
RUN rm /etc/nginx/conf.d/default.conf
COPY nginx.conf /etc/nginx/conf.d/site.conf
COPY public/ /usr/share/nginx/html/
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
