// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile syntax, not templates
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Dockerfile, stages } from '../../../../src/sandbox/docker/dockerfile/instructions.ts';
import { formatBuildError, parseDockerfile } from '../../../../src/sandbox/docker/dockerfile/parser.ts';
import { summarize } from './summary.ts';

const dir = new URL('./corpus/', import.meta.url);

function read(name: string): string {
  return readFileSync(new URL(name, dir), 'utf8');
}

function parsed(name: string): Dockerfile {
  const r = parseDockerfile(read(name));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.dockerfile;
}

/**
 * Every corpus file, with the digest of each parsed instruction (`start-end KIND key fields`, see summary.ts)
 * or, for broken files, the exact error block the docker CLI prints.
 */
const EXPECTED: Record<string, string[] | string> = {
  'broken-typo.Dockerfile':
    'Dockerfile:4\n--------------------\n   2 |     \n   3 |     RUN apk add --no-cache curl\n   4 | >>> COPPY app.sh /usr/local/bin/app.sh\n   5 |     CMD ["app.sh"]\n   6 |     \n--------------------\nERROR: failed to build: failed to solve: dockerfile parse error on line 4: unknown instruction: COPPY (did you mean COPY?)\n',
  'build-args.Dockerfile': [
    '1-1 ARG NODE_VERSION=20',
    '2-2 ARG DISTRO=alpine',
    '3-3 ARG BASE_IMAGE=node:${NODE_VERSION}-${DISTRO}',
    '5-5 FROM ${BASE_IMAGE} AS base',
    '6-6 ARG APP_VERSION=dev',
    '7-7 ARG BUILD_DATE',
    '8-8 LABEL version=$APP_VERSION | build-date=$BUILD_DATE',
    '9-9 ENV APP_VERSION=${APP_VERSION}',
    '10-10 RUN shell ["echo \\"building $APP_VERSION on $NODE_VERSION\\""]',
    '12-12 FROM base AS release',
    '13-13 ARG NODE_VERSION',
    '14-14 RUN shell ["echo \\"node ${NODE_VERSION:-unknown}\\""]',
  ],
  'comments-continuations.Dockerfile': [
    '1-1 FROM alpine:3.20',
    '4-10 RUN shell ["apk add --no-cache     curl     bash     jq"]',
    '13-13 RUN shell ["echo \\"indented instruction\\""]',
    '14-14 CMD shell ["echo done"]',
  ],
  'go-scratch.Dockerfile': [
    '1-1 FROM golang:1.22-alpine AS builder',
    '2-2 RUN shell ["apk add --no-cache ca-certificates git"]',
    '3-3 WORKDIR /src',
    '4-4 COPY go.mod go.sum -> ./',
    '5-5 RUN shell ["go mod download"]',
    '6-6 COPY . -> .',
    '7-7 RUN shell ["CGO_ENABLED=0 GOOS=linux go build -ldflags=\\"-s -w\\" -o /out/server ./cmd/server"]',
    '9-9 FROM scratch',
    '10-10 COPY --from=builder /etc/ssl/certs/ca-certificates.crt -> /etc/ssl/certs/',
    '11-11 COPY --from=builder /out/server -> /server',
    '12-12 USER 65534:65534',
    '13-13 EXPOSE 8080',
    '14-14 ENTRYPOINT exec ["/server"]',
  ],
  'heredocs.Dockerfile': [
    '2-2 FROM alpine:3.20',
    '4-8 RUN shell ["<<EOF"] <<EOF="set -e\\napk add --no-cache curl\\necho \\"installed curl\\"\\n"',
    '10-12 COPY <<EOF="Welcome to $HOSTNAME\\n" -> /etc/motd',
    '14-16 COPY <<CONF(raw)="path=$HOME/data\\n" -> /etc/app.conf',
    '18-20 RUN shell ["<<-SCRIPT sh"] <<SCRIPT(chomp)="\\techo indented\\n"',
    '22-26 RUN shell ["<<ONE cat > /one.txt && <<TWO cat > /two.txt"] <<ONE="first file\\n" <<TWO="second file\\n"',
    '28-28 CMD exec ["cat","/etc/motd"]',
  ],
  'java-maven.Dockerfile': [
    '2-2 FROM maven:3.9-eclipse-temurin-21 AS build platform=$BUILDPLATFORM',
    '3-3 WORKDIR /workspace',
    '4-4 COPY pom.xml -> .',
    '5-5 RUN shell ["mvn -B dependency:go-offline"] mount=type=cache,target=/root/.m2',
    '6-6 COPY src -> ./src',
    '7-8 RUN shell ["mvn -B package -DskipTests"] mount=type=cache,target=/root/.m2',
    '10-10 FROM eclipse-temurin:21-jre',
    '11-11 ARG JAR=target/app.jar',
    '12-12 COPY --from=build /workspace/${JAR} -> /opt/app.jar',
    '13-13 EXPOSE 8080 8443',
    '14-14 ENTRYPOINT exec ["java","-jar","/opt/app.jar"]',
  ],
  'layers-merged.Dockerfile': [
    '1-1 FROM debian:bookworm-slim',
    '2-4 RUN shell ["apt-get update &&     apt-get install -y curl &&     rm -rf /var/lib/apt/lists/*"]',
  ],
  'layers-separate.Dockerfile': [
    '1-1 FROM debian:bookworm-slim',
    '2-2 RUN shell ["apt-get update"]',
    '3-3 RUN shell ["apt-get install -y curl"]',
    '4-4 RUN shell ["rm -rf /var/lib/apt/lists/*"]',
  ],
  'legacy-maintainer.Dockerfile': [
    '1-1 FROM ubuntu:22.04',
    '2-2 MAINTAINER Jane Doe <jane@example.com>',
    '3-3 ENV DEBIAN_FRONTEND noninteractive',
    '4-4 ENV HOME /root',
    '5-5 ADD https://example.com/archive.tar.gz -> /tmp/',
    '6-6 RUN shell ["apt-get update && apt-get install -y wget"]',
    '7-7 EXPOSE 443 80',
    '8-8 CMD shell ["/usr/sbin/apachectl -D FOREGROUND"]',
  ],
  'mounts-secrets.Dockerfile': [
    '2-2 FROM node:20 AS build',
    '3-3 WORKDIR /app',
    '4-4 COPY --link package.json package-lock.json -> ./',
    '5-7 RUN shell ["npm ci"] mount=type=secret,id=npmrc,target=/root/.npmrc mount=type=cache,target=/root/.npm,sharing=locked',
    '8-8 COPY --chown=node:node --chmod=644 --link . -> .',
    '9-9 RUN shell ["git clone git@github.com:example/private.git /deps"] mount=type=ssh',
    '10-10 RUN shell ["npm test"] network=none',
    '12-12 FROM gcr.io/distroless/nodejs20-debian12',
    '13-13 COPY --from=build --chown=nonroot:nonroot /app -> /app',
    '14-14 WORKDIR /app',
    '15-15 CMD exec ["server.js"]',
  ],
  'nginx-static.Dockerfile': [
    '1-1 FROM nginx:1.27-alpine',
    '2-3 LABEL org.opencontainers.image.title="Quayside docs" | org.opencontainers.image.source="https://example.com/quayside"',
    '4-4 RUN shell ["rm /etc/nginx/conf.d/default.conf"]',
    '5-5 COPY nginx.conf -> /etc/nginx/conf.d/site.conf',
    '6-6 COPY public/ -> /usr/share/nginx/html/',
    '7-7 EXPOSE 80',
    '8-8 STOPSIGNAL SIGQUIT',
    '9-9 CMD exec ["nginx","-g","daemon off;"]',
  ],
  'node-multistage.Dockerfile': [
    '4-4 FROM node:20-alpine AS deps',
    '5-5 WORKDIR /app',
    '6-6 COPY package.json package-lock.json -> ./',
    '7-7 RUN shell ["npm ci --omit=dev"]',
    '10-10 FROM node:20-alpine AS build',
    '11-11 WORKDIR /app',
    '12-12 COPY package.json package-lock.json -> ./',
    '13-13 RUN shell ["npm ci"]',
    '14-14 COPY . -> .',
    '15-15 RUN shell ["npm run build"]',
    '18-18 FROM node:20-alpine',
    '19-19 ENV NODE_ENV=production',
    '20-20 WORKDIR /app',
    '21-21 COPY --from=deps /app/node_modules -> ./node_modules',
    '22-22 COPY --from=build /app/dist -> ./dist',
    '23-23 COPY package.json -> ./',
    '24-24 USER node',
    '25-25 EXPOSE 3000',
    '26-26 CMD exec ["node","dist/server.js"]',
  ],
  'python-pip.Dockerfile': [
    '1-1 FROM python:3.12-slim',
    '3-5 ENV PYTHONDONTWRITEBYTECODE=1 | PYTHONUNBUFFERED=1 | PIP_NO_CACHE_DIR=1',
    '7-7 WORKDIR /srv/app',
    '9-11 RUN shell ["apt-get update     && apt-get install -y --no-install-recommends build-essential libpq-dev     && rm -rf /var/lib/apt/lists/*"]',
    '13-13 COPY requirements.txt -> .',
    '14-14 RUN shell ["pip install --upgrade pip && pip install -r requirements.txt"]',
    '16-16 COPY . -> .',
    '18-18 RUN shell ["useradd --create-home appuser"]',
    '19-19 USER appuser',
    '21-21 EXPOSE 8000',
    '22-22 CMD exec ["gunicorn","--bind","0.0.0.0:8000","app.wsgi:application"]',
  ],
  'runtime-config.Dockerfile': [
    '1-1 FROM postgres:16',
    '2-2 ENV PGDATA=/var/lib/postgresql/data/pgdata',
    '3-3 VOLUME exec /var/lib/postgresql/data',
    '4-4 VOLUME shell /backups /logs',
    '5-6 HEALTHCHECK ["CMD-SHELL","pg_isready -U postgres || exit 1"] interval=10s timeout=5s start=30s retries=5',
    '7-7 STOPSIGNAL SIGINT',
    '8-8 USER postgres',
    '9-9 ONBUILD COPY ./initdb/ /docker-entrypoint-initdb.d/',
    '10-10 ONBUILD RUN echo "child image built"',
    '11-11 EXPOSE 5432/tcp',
  ],
  'rust-cargo.Dockerfile': [
    '1-1 FROM rust:1.79 AS chef',
    '2-2 WORKDIR /app',
    '3-3 RUN shell ["cargo install cargo-chef"]',
    '5-5 FROM chef AS planner',
    '6-6 COPY . -> .',
    '7-7 RUN shell ["cargo chef prepare --recipe-path recipe.json"]',
    '9-9 FROM chef AS builder',
    '10-10 COPY --from=planner /app/recipe.json -> recipe.json',
    '11-11 RUN shell ["cargo chef cook --release --recipe-path recipe.json"]',
    '12-12 COPY . -> .',
    '13-13 RUN shell ["cargo build --release --bin app"]',
    '15-15 FROM debian:bookworm-slim AS runtime',
    '16-16 COPY --from=builder /app/target/release/app -> /usr/local/bin/app',
    '17-17 ENTRYPOINT exec ["/usr/local/bin/app"]',
  ],
  'shell-and-entrypoint.Dockerfile': [
    '1-1 FROM ubuntu:24.04',
    '2-2 SHELL ["/bin/bash","-o","pipefail","-c"]',
    '3-3 RUN shell ["curl -fsSL https://example.com/install.sh | bash"]',
    '4-4 COPY docker-entrypoint.sh -> /usr/local/bin/',
    '5-5 ENTRYPOINT exec ["docker-entrypoint.sh"]',
    '6-6 CMD exec ["--help"]',
  ],
  'whiteout.Dockerfile': [
    '1-1 FROM alpine:3.20',
    '2-2 RUN shell ["dd if=/dev/zero of=/bigfile bs=1M count=50"]',
    '3-3 RUN shell ["rm /bigfile"]',
    '4-4 RUN shell ["ls -la /"]',
  ],
  'windows-escape.Dockerfile': [
    '3-3 FROM mcr.microsoft.com/windows/servercore:ltsc2022',
    '4-4 SHELL ["powershell","-Command","$ErrorActionPreference = \'Stop\';"]',
    '5-5 WORKDIR C:\\app',
    '6-6 COPY . -> C:\\app',
    '7-9 RUN shell ["Invoke-WebRequest -Uri https://example.com/tool.zip -OutFile tool.zip ;     Expand-Archive tool.zip -DestinationPath C:\\\\tools ;     Remove-Item tool.zip"]',
    '10-10 ENV PATH="C:\\tools;C:\\Windows\\system32"',
    '11-11 CMD exec ["C:\\\\tools\\\\tool.exe","--serve"]',
  ],
};

describe('corpus of real-world-style Dockerfiles', () => {
  it('covers every file in corpus/ (at least 15)', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.Dockerfile'))
      .sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(Object.entries(EXPECTED))('%s', (name, want) => {
    const text = read(name);
    const r = parseDockerfile(text);
    if (typeof want === 'string') {
      if (r.ok) throw new Error(`${name} should not parse`);
      expect(formatBuildError(text, r.error)).toBe(want);
      return;
    }
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    expect(r.dockerfile.instructions.map(summarize)).toEqual(want);
  });
});

describe('corpus details', () => {
  it('step names echo the instruction with continuations joined', () => {
    expect(parsed('layers-merged.Dockerfile').instructions[1]?.original).toBe(
      'RUN apt-get update &&     apt-get install -y curl &&     rm -rf /var/lib/apt/lists/*',
    );
    expect(parsed('heredocs.Dockerfile').instructions[1]?.original).toBe('RUN <<EOF');
    expect(parsed('legacy-maintainer.Dockerfile').instructions.map((i) => i.keyword)).toEqual([
      'from',
      'maintainer',
      'env',
      'env',
      'add',
      'run',
      'expose',
      'cmd',
    ]);
  });

  it('the merged and separate variants differ only in layering', () => {
    const separate = parsed('layers-separate.Dockerfile').instructions.filter((i) => i.kind === 'RUN');
    const merged = parsed('layers-merged.Dockerfile').instructions.filter((i) => i.kind === 'RUN');
    expect(separate).toHaveLength(3);
    expect(merged).toHaveLength(1);
  });

  it('directives and escape tokens', () => {
    expect(parsed('windows-escape.Dockerfile').escapeToken).toBe('`');
    expect(parsed('heredocs.Dockerfile').directives).toEqual([
      { name: 'syntax', value: 'docker/dockerfile:1.7', line: 1 },
    ]);
    expect(parsed('node-multistage.Dockerfile').directives).toEqual([
      { name: 'syntax', value: 'docker/dockerfile:1', line: 1 },
    ]);
  });

  it('node multi-stage: three stages, the last one built from the two others', () => {
    const r = stages(parsed('node-multistage.Dockerfile'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.stages.map((s) => [s.name, s.base, s.instructions.length])).toEqual([
      ['deps', 'node:20-alpine', 3],
      ['build', 'node:20-alpine', 5],
      [null, 'node:20-alpine', 8],
    ]);
    expect(r.stages[2]?.sources.map((s) => s.ref)).toEqual([
      { kind: 'stage', index: 0 },
      { kind: 'stage', index: 1 },
    ]);
    expect(r.needed).toEqual([0, 1, 2]);
  });

  it('go to scratch: --target builder skips the final stage', () => {
    const df = parsed('go-scratch.Dockerfile');
    const all = stages(df);
    if (!all.ok) throw new Error(all.error.message);
    expect(all.stages.map((s) => s.base)).toEqual(['golang:1.22-alpine', 'scratch']);
    const builder = stages(df, { target: 'builder' });
    if (!builder.ok) throw new Error(builder.error.message);
    expect([builder.target, builder.needed]).toEqual([0, [0]]);
  });

  it('rust: stages built on stages', () => {
    const r = stages(parsed('rust-cargo.Dockerfile'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.stages.map((s) => [s.name, s.baseStage])).toEqual([
      ['chef', null],
      ['planner', 0],
      ['builder', 0],
      ['runtime', null],
    ]);
    expect(r.needed).toEqual([0, 1, 2, 3]);
    const planner = stages(parsed('rust-cargo.Dockerfile'), { target: 'planner' });
    expect(planner.ok && planner.needed).toEqual([0, 1]);
  });

  it('ARGs before FROM feed the base image; --build-arg overrides them', () => {
    const df = parsed('build-args.Dockerfile');
    const r = stages(df);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.stages.map((s) => s.base)).toEqual(['node:20-alpine', 'base']);
    const over = stages(df, { buildArgs: { NODE_VERSION: '22', DISTRO: 'bookworm' } });
    expect(over.ok && over.stages[0]?.base).toBe('node:22-bookworm');
    const direct = stages(df, { buildArgs: { BASE_IMAGE: 'node:18' } });
    expect(direct.ok && direct.stages[0]?.base).toBe('node:18');
  });
});
