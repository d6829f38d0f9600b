# One image for both processes: the API (the default command, as `npm start`) and the job runner
# (`node dist/job-runner.js`, as `npm run worker`); docker-compose.yml runs both next to Redis.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle-entries.ts ./scripts/
RUN npm run build

FROM node:20-slim
# glibc gives every thread that allocates its own malloc arena and keeps freed memory in each: with
# the analysis threads, libuv's and V8's helpers that was ≈ 80 MB in ten arenas. Two arenas hold the
# same work in ≈ 50 MB less RSS. The main thread only does HTTP and JSON: a 2 MB nursery instead of
# V8's 16 MB keeps ≈ 55 MB less once it has served a few thousand requests, at the same CPU a request
# (the analysis threads set their own, ANALYSIS_THREAD_YOUNG_GEN_MB). docs/performance.md, session 14;
# the benches read this line.
ENV NODE_ENV=production MALLOC_ARENA_MAX=2 NODE_OPTIONS=--max-semi-space-size=2
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# tsc copies no HTML, CSS or browser JS: the playground's files go beside the compiled plugin.
COPY --from=build /app/src/http/playground ./dist/http/playground
COPY dictionaries ./dictionaries
# DICTIONARY_CACHE_DIR's default: the parsed YAML a start writes, so the container's next start skips parsing it.
RUN mkdir .cache && chown node:node .cache
USER node
# 3000: the API; 3001: the job runner's /healthz and /metrics.
EXPOSE 3000 3001
CMD ["node", "dist/server.js"]
