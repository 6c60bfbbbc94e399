import type { LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { HumanLoopAsk } from '../human-loop/human-loop.js';
import type { ProviderCapabilities, ProviderName, StartRunRequest } from '../protocol.js';

export type { ProviderCapabilities };

/** What the executor lends a provider for one run. */
export interface ProviderHooks {
  /** The human-loop hook: resolves with the human's answer, rejects when the run is canceled. */
  ask(request: HumanLoopAsk): Promise<string>;
  /** The session's workspace, the agent's working directory. */
  workspaceDir: string;
  /** Where the agent CLI keeps its own state (sessions to resume). */
  agentDataDir: string;
  /** Aborted when the run is canceled or the executor shuts down; child processes must stop. */
  signal: AbortSignal;
}

/** Extra `streamText` settings a provider needs (e.g. codex app-server plan updates arrive as raw chunks). */
export interface ProviderStreamOptions {
  includeRawChunks?: boolean;
  providerOptions?: SharedV3ProviderOptions;
}

/**
 * An agent behind an AI SDK language model. Every provider (scripted, claude-code, codex-cli,
 * opencode) is driven by the same `streamText` call, so the event mapping is shared and tested once.
 */
export interface AgentProvider {
  name: ProviderName;
  capabilities: ProviderCapabilities;
  /** A fresh model for one run; provider options (permission mode, allowed tools, ...) come from `request.options`. */
  createModel(request: StartRunRequest, hooks: ProviderHooks): LanguageModelV3;
  streamOptions?(request: StartRunRequest): ProviderStreamOptions;
}

/** The providers this executor build includes, by name. */
export type ProviderRegistry = ReadonlyMap<ProviderName, AgentProvider>;
