# The app image: build the server and the web app with every dependency, then run the compiled
# server on its production dependencies alone.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN npm install --global pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
# The lockfile names a patch of a dependency: the install applies it.
COPY patches/ patches/
COPY api/package.json api/
COPY db/package.json db/
COPY search/package.json search/
COPY tools/package.json tools/
COPY web/package.json web/
RUN pnpm install --frozen-lockfile
COPY . .
# db, search and api compile to their dist/ in that order; the web app builds into web/build. The
# API is then copied out with its production dependencies only: no tsx, no test or benchmark tools,
# no Meilisearch binary (the image reaches a Meilisearch server at MEILI_URL).
RUN pnpm --filter '@kb/api...' --filter @kb/web build \
  && pnpm --filter @kb/api --prod deploy --legacy /prod/api

FROM node:24-bookworm-slim AS runtime
# Under the kb-compiled condition the workspace packages resolve to their compiled dist/.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data NODE_OPTIONS=--conditions=kb-compiled
WORKDIR /app
# Owned by root: the server reads its code and cannot change it.
COPY --from=build /prod/api api/
COPY --from=build /app/web/build web/build/
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "api/dist/server.js"]
