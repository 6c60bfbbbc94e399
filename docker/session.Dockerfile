# The production session image: what every session container runs (one per chat session).
# The executor bundle and the three agent CLIs are baked in, pinned, so a container needs
# nothing from outside. (Development and tests use an image built offline from the host's Node
# binary instead, with the executor and the host's installed agent CLIs bind-mounted read-only:
# server/src/runtime/session-image.ts and agent-clis.ts.)
#
# Build from the repository root, after `npm run build --workspace executor`:
#   docker build -f docker/session.Dockerfile -t agentbench-session:prod .
# and give the worker SESSION_IMAGE=agentbench-session:prod.
FROM node:22-bookworm-slim

# Tools the agents drive: git for diffs and commits, ripgrep for search, CA certificates for HTTPS.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates git ripgrep procps \
 && rm -rf /var/lib/apt/lists/*

# The base image's uid 1000 ("node") becomes the unprivileged "agent" user the runtime starts as.
RUN groupmod -n agent node \
 && usermod -l agent -d /home/agent -m node \
 && mkdir -p /workspace /agent-data /opt/executor \
 && chown agent:agent /workspace /agent-data

# Pinned as in /work/shared/AGENT-CLIS.md and executor/package.json. The provider packages are
# not in the executor bundle (it loads them on first use), so they live next to it in
# /opt/executor/node_modules, where Node resolves the bundle's imports; their native CLIs come
# with them through the per-platform optional packages (claude with the Claude Agent SDK 0.3.263,
# codex with @openai/codex 0.153.4, opencode with opencode-ai 1.18.33).
RUN npm install --prefix /opt/executor --omit=dev --no-audit --no-fund --ignore-scripts \
      ai-sdk-provider-claude-code@3.6.0 \
      ai-sdk-provider-codex-cli@1.4.1 \
      ai-sdk-provider-opencode-sdk@3.0.6 \
      @openai/codex@0.153.4 \
      opencode-ai@1.18.33 \
      zod@4.6.7 \
 && npm cache clean --force

COPY executor/dist/executor.mjs /opt/executor/executor.mjs

ENV PATH=/usr/local/bin:/usr/bin:/bin \
    AGENT_CLIS_DIR=/opt/executor/node_modules \
    HOME=/home/agent

USER 1000:1000
WORKDIR /workspace
# The runtime passes EXECUTOR_TOKEN (a fresh secret per container) and the rest at create time.
CMD ["node", "/opt/executor/executor.mjs"]
