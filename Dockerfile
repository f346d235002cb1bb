# Cinco: one binary (the server with the PWA and the demo content built in) and a data volume.
#   docker build -t cinco .
#   docker run -p 8080:8080 -v cinco-data:/data cinco                     # embedded SQLite
#   docker run -p 8080:8080 -e DATABASE_URL=postgres://… -e CINCO_MODE=production \
#              -e CINCO_JWT_SECRET=… -e CINCO_PUBLIC_URL=https://cinco.example.com cinco

# --- 1. the PWA -----------------------------------------------------------------------
FROM node:20-bookworm-slim AS pwa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi/ /src/openapi/
RUN npm run build

# --- 2. the server, with the PWA and the demo content embedded -----------------------------
FROM rust:1.95-slim-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY crates/ crates/
COPY migrations/ migrations/
COPY tests/ tests/
COPY content/ content/
COPY --from=pwa /src/frontend/dist frontend/dist/
RUN cargo build --release -p cinco && cp target/release/cinco /cinco

# --- 3. the runtime -------------------------------------------------------------------
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /data cinco \
 && mkdir -p /data && chown cinco /data
COPY --from=server /cinco /usr/local/bin/cinco
ENV CINCO_LISTEN=0.0.0.0:8080 \
    CINCO_DATA_DIR=/data \
    CINCO_LOG_FORMAT=json
USER cinco
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD curl -fs http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["cinco"]
CMD ["serve"]
