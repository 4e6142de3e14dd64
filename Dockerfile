# Throughline's production image: the Remix server on Node 24, for SQLite (a volume) or PostgreSQL
# (DATABASE_URL=postgresql://…). Migrations are applied when the container starts, before it serves;
# SIGTERM stops it gracefully (app/serve.ts).
#   docker build -t throughline .
#   docker run -p 3000:3000 -e DATABASE_URL=… -e SHOPIFY_API_KEY=… -e SHOPIFY_API_SECRET=… \
#     -e SHOPIFY_APP_URL=https://… -e TOKEN_ENCRYPTION_KEY=… throughline
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Every workspace's manifest (package.json "workspaces"), for npm ci.
COPY packages/shopify-common/package.json packages/shopify-common/
COPY packages/devstore/package.json packages/devstore/
COPY extensions/track-as-promotion/package.json extensions/track-as-promotion/
COPY extensions/product-figures/package.json extensions/product-figures/
RUN npm ci --no-audit --no-fund
COPY . .
# Both Prisma clients (no database needed), then the server and client bundles (the workspace packages
# the server uses are bundled into build/server).
RUN npx tsx app/dev/database-setup.ts --generate && npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/package.json /app/package-lock.json /app/prisma.config.ts /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/prisma ./prisma
# What the start command loads from the source: the server and the database step (migrations, then
# the columns derived by the app's code), and the workspace package the step imports through its
# node_modules link (tests/operations/dockerfile.test.ts checks the list).
COPY --from=build /app/app ./app
COPY --from=build /app/packages/shopify-common ./packages/shopify-common
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "npx tsx app/dev/database-setup.ts --migrate && exec node --import tsx app/serve.ts"]
