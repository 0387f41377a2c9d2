# DigitalQueue server image: Node.js 24 on Alpine, the server's production dependencies only, the
# built web app, a non-root user and a volume for the embedded database.
#
#   docker build -t digitalqueue .
#   docker run -d --init -p 8080:8080 -v dq-data:/data -e DQ_ADMIN_PASSWORD=… digitalqueue
#
# Node 24.21 is the version the tests run on (the `node` devDependency in package-lock.json); the
# minor version is pinned so that an image rebuilt later runs what was tested, and moves with that
# devDependency. `--build-arg NODE_IMAGE=node:24-alpine` takes the newest Node 24 instead.
ARG NODE_IMAGE=node:24.21-alpine

# ---- the server's production dependencies --------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/shared/package.json packages/shared/
# --workspace apps/server: the server and @dq/shared, not the web app's libraries (the web stage
# bundles those); --omit=dev: no Vite, Vitest, Playwright, Biome, TypeScript, nor the root's `node`
# package; --ignore-scripts: no production dependency has an install script.
RUN npm ci --workspace apps/server --omit=dev --ignore-scripts --no-audit --no-fund

# ---- the web app, built by Vite -----------------------------------------------------------------
FROM ${NODE_IMAGE} AS web
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/shared/package.json packages/shared/
# The only install script in the tree is the root `node` devDependency's, which downloads a glibc
# Node binary (it cannot run on Alpine, and npm scripts would put it first on PATH): skipped, and
# --workspace apps/web leaves the root's devDependencies out anyway.
RUN npm ci --workspace apps/web --ignore-scripts --no-audit --no-fund
COPY packages/shared packages/shared
COPY apps/web apps/web
COPY scripts/compress-assets.mjs scripts/
RUN npm run build --workspace apps/web

# ---- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE}
# pg_dump and pg_restore, which the backup and restore commands run on PostgreSQL: the same major
# version as the server (compose.yaml runs PostgreSQL 17).
ARG PG_MAJOR=17
RUN apk add --no-cache "postgresql${PG_MAJOR}-client"

LABEL org.opencontainers.image.title="DigitalQueue" \
      org.opencontainers.image.description="Open-source electronic queue management system" \
      org.opencontainers.image.licenses="MIT"

# The Docker image never seeds the demo office; PGlite keeps its files in the /data volume unless
# DATABASE_URL points at PostgreSQL. Every other variable: README.md, "Configuration".
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DQ_DATA_DIR=/data \
    DQ_DEMO=0 \
    DQ_WEB_DIST=/app/apps/web/dist

WORKDIR /app
# Code and dependencies stay owned by root, read-only for the app; only /data is its own.
COPY --from=deps /app ./
COPY packages/shared/src packages/shared/src
COPY apps/server/src apps/server/src
COPY --from=web /app/apps/web/dist apps/web/dist
RUN mkdir -p /data && chown node:node /data

USER node
VOLUME ["/data"]
EXPOSE 8080

# /readyz answers 200 once the database does; the start period covers migrations and the embedded
# database's first initialisation. -Y off: never through an http_proxy from the environment.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD wget -q -Y off -O /dev/null "http://127.0.0.1:${PORT}/readyz" || exit 1

# SIGTERM: the server ends SSE streams, finishes requests in flight and closes the database.
STOPSIGNAL SIGTERM
CMD ["node", "apps/server/src/cli.ts", "serve"]
