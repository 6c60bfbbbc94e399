# The production session image: what every session container runs (one per chat session).
# The executor bundle and the three agent CLIs are baked in, pinned, so a container needs
# nothing from outside. (Development and tests use an image built offline from the host's Node
# binary instead, with the executor bind-mounted: server/src/runtime/session-image.ts.)
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
 && mkdir -p /workspace /agent-data /opt/executor /opt/agent-clis \
 && chown agent:agent /workspace /agent-data

# Pinned as in /work/shared/AGENT-CLIS.md: the claude binary comes with the Claude Agent SDK that
# ai-sdk-provider-claude-code 3.6.0 depends on (0.3.263), codex with @openai/codex (the version
# ai-sdk-provider-codex-cli 1.4.1 resolves), opencode with opencode-ai 1.18.33. Each installs its
# linux binary through an optional per-platform package.
RUN npm install --prefix /opt/agent-clis --omit=dev --no-audit --no-fund \
      @anthropic-ai/claude-agent-sdk@0.3.263 \
      @openai/codex@0.153.4 \
      opencode-ai@1.18.33 \
 && npm cache clean --force

COPY executor/dist/executor.mjs /opt/executor/executor.mjs

ENV PATH=/opt/agent-clis/node_modules/.bin:/usr/local/bin:/usr/bin:/bin \
    AGENT_CLIS_DIR=/opt/agent-clis/node_modules \
    HOME=/home/agent

USER 1000:1000
WORKDIR /workspace
# The runtime passes EXECUTOR_TOKEN (a fresh secret per container) and the rest at create time.
CMD ["node", "/opt/executor/executor.mjs"]
