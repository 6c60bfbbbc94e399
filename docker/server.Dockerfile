# The API / worker / workbench image: one codebase, the role chosen by the command.
#   api:       node_modules/.bin/tsx server/src/bin/api.ts   (default)
#   worker:    node_modules/.bin/tsx server/src/bin/worker.ts
#   setup:     node_modules/.bin/tsx server/src/bin/setup.ts (migrations and seed; safe on every start)
#   workbench: node app/server.js
# Build from the repository root: docker build -f docker/server.Dockerfile -t agentbench-server .
FROM node:22-bookworm-slim

WORKDIR /srv/agentbench

# Dependencies first, so a code change does not reinstall them. tsx and the build tools are
# devDependencies that the roles and the builds below need, hence a full install.
COPY package.json package-lock.json ./
COPY app/package.json app/package.json
COPY executor/package.json executor/package.json
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY . .
RUN npm run build --workspace executor && npm run build --workspace app

ENV NODE_ENV=production \
    HOST=0.0.0.0
USER node
EXPOSE 4000 3000
CMD ["node_modules/.bin/tsx", "server/src/bin/api.ts"]
