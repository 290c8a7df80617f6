# syntax=docker/dockerfile:1
FROM node:20 AS build
WORKDIR /app
COPY --link package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci
COPY --link --chown=node:node --chmod=644 . .
RUN --mount=type=ssh git clone git@github.com:example/private.git /deps
RUN --network=none npm test

FROM gcr.io/distroless/nodejs20-debian12
COPY --from=build --chown=nonroot:nonroot /app /app
WORKDIR /app
CMD ["server.js"]
