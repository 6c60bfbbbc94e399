import type { Provider } from './app.entity.js';

export const CAPABILITIES = [
  'TEXT_STREAMING',
  'REASONING',
  'TOOLS',
  'TODOS',
  'HUMAN_LOOP',
  'RESUME',
  'USAGE',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * What each provider can do on this platform (PR4). Runs that need a missing capability are
 * blocked or downgraded, so this table is the one place that decides it.
 */
export const PROVIDER_CAPABILITIES: Record<Provider, readonly Capability[]> = {
  SCRIPTED: ['TEXT_STREAMING', 'TOOLS', 'TODOS', 'HUMAN_LOOP', 'USAGE'],
  CLAUDE_CODE: ['TEXT_STREAMING', 'TOOLS', 'TODOS', 'HUMAN_LOOP', 'RESUME', 'USAGE'],
  CODEX_CLI: ['TEXT_STREAMING', 'REASONING', 'TOOLS', 'TODOS', 'HUMAN_LOOP', 'RESUME', 'USAGE'],
  OPENCODE: ['TEXT_STREAMING', 'REASONING', 'TOOLS', 'TODOS', 'HUMAN_LOOP', 'RESUME', 'USAGE'],
};
