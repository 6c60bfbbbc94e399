import type { NewApp } from './app.repository.js';

/** One app per provider, so a fresh install can be tried straight away. */
export const DEMO_APPS: readonly NewApp[] = [
  {
    slug: 'scripted',
    name: 'Scripted agent',
    description: 'Deterministic runs for demos and tests: send {"script": [...]} or any text.',
    provider: 'SCRIPTED',
    model: 'scripted',
  },
  {
    slug: 'claude-code',
    name: 'Claude Code',
    description: "Anthropic's coding agent in the session's container.",
    provider: 'CLAUDE_CODE',
    // The CLI's alias for its current Sonnet model; a full model id works too, but the provider
    // then warns on every run that it does not know it.
    model: 'sonnet',
  },
  {
    slug: 'codex-cli',
    name: 'Codex CLI',
    description: "OpenAI's Codex agent (app-server mode) in the session's container.",
    provider: 'CODEX_CLI',
    model: 'gpt-5-codex',
  },
  {
    slug: 'opencode',
    name: 'OpenCode',
    description: "The open-source OpenCode agent in the session's container.",
    provider: 'OPENCODE',
    model: 'openai/gpt-5',
  },
];
