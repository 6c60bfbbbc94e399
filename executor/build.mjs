// Bundles the executor into one ESM file, so a session container needs only `node` and dist/executor.mjs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

await build({
  entryPoints: [`${here}src/main.ts`],
  outfile: `${here}dist/executor.mjs`,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  legalComments: 'none',
  // CommonJS dependencies call require(); an ESM bundle has none unless we make one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // The agent providers and their native CLIs stay next to the bundle (node_modules of the
  // image, or AGENT_CLIS_DIR): they find their binaries on disk and are loaded on first use.
  external: [
    'ai-sdk-provider-claude-code',
    'ai-sdk-provider-codex-cli',
    'ai-sdk-provider-opencode-sdk',
    '@opencode-ai/sdk',
    '@opencode-ai/sdk/*',
    '@anthropic-ai/claude-agent-sdk',
  ],
  logLevel: 'info',
});
