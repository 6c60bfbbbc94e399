import type { ProviderName } from '../protocol.js';
import type { AgentProvider, ProviderRegistry } from './provider.js';
import { scriptedProvider } from './scripted/scripted-provider.js';

/** The providers built into this executor; the agent CLI providers join here. */
export function createProviderRegistry(extra: AgentProvider[] = []): ProviderRegistry {
  const providers = [scriptedProvider, ...extra];
  return new Map<ProviderName, AgentProvider>(providers.map((provider) => [provider.name, provider]));
}
