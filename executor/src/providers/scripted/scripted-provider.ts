import type { AgentProvider } from '../provider.js';
import { ScriptedLanguageModel } from './scripted-model.js';

/** Deterministic runs for demos and tests, through the same `streamText` path as the real agents. */
export const scriptedProvider: AgentProvider = {
  name: 'scripted',
  capabilities: { humanLoop: true, resume: false, todos: true, reasoning: false },
  createModel: (request, hooks) => new ScriptedLanguageModel(request.model, hooks),
};
