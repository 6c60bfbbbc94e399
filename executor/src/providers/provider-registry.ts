import type { ProviderName } from '../protocol.js';
import type { AgentCliSettings } from './agent-cli/agent-cli-settings.js';
import { createClaudeCodeProvider } from './claude-code/claude-code-provider.js';
import { createCodexCliProvider } from './codex-cli/codex-cli-provider.js';
import { createOpencodeProvider } from './opencode/opencode-provider.js';
import type { AgentProvider, ProviderRegistry } from './provider.js';
import { scriptedProvider } from './scripted/scripted-provider.js';

/** The providers built into this executor: the scripted one, plus the agent CLIs when configured. */
export function createProviderRegistry(
  agentClis?: AgentCliSettings,
  extra: AgentProvider[] = [],
): ProviderRegistry {
  const clis = agentClis
    ? [
        createClaudeCodeProvider(agentClis),
        createCodexCliProvider(agentClis),
        createOpencodeProvider(agentClis),
      ]
    : [];
  const providers = [scriptedProvider, ...clis, ...extra];
  return new Map<ProviderName, AgentProvider>(providers.map((provider) => [provider.name, provider]));
}
