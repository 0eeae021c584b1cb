# syntax=docker/dockerfile:1
# The bot in a container: `docker build -t webex-recordings-bot .` then see compose.yaml, or
#   docker run -p 3000:3000 --env-file .env -v bot-data:/data webex-recordings-bot
ARG NODE_VERSION=24

# Build stage: compilers for better-sqlite3 (compiled when no prebuilt binary can be fetched), dev dependencies, tsc.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
# Production dependencies only from here on. The emulator and the demo live in dev/, outside this build.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# Run stage: no compilers, no dev dependencies, no sources, not root.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
  PORT=3000 \
  DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The embedded SQLite file lives here when DATABASE_URL is not set: mount a volume to keep it.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Ready = webhooks registered, bot started, store answering (see README, Operations).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exit codes: 78 = fix the configuration (restarting cannot help), 1 = runtime failure (a restart may).
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=40", "dist/main.js"]
