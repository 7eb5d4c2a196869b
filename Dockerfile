# The survey as a container:
#   docker build -t survey .
#   docker run --init -p 3000:3000 -v survey-data:/data survey
# Two stages: the first compiles SQLite (better-sqlite3) and the TypeScript;
# the second runs the compiled server on production packages only, as the
# unprivileged user node, with no compiler in the image.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles SQLite when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --no-audit --no-fund
COPY server ./server
COPY db ./db
COPY views ./views
COPY public ./public
# The build, then the development packages out: what is left is what runs.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself, not npm, receives SIGTERM: the server finishes requests in flight, closes the database and exits 0.
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
