import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { z } from 'zod';
import type { StartRunRequest } from '../../protocol.js';
import {
  baseChildEnv,
  importProvider,
  requireBinary,
  type AgentCliSettings,
} from '../agent-cli/agent-cli-settings.js';
import { describeToolUse, isApproval, PERMISSION_OPTIONS } from '../agent-cli/human-loop-answers.js';
import { LazyLanguageModel } from '../agent-cli/lazy-model.js';
import { parseOptions, relativeDir } from '../agent-cli/options.js';
import { wrapModelStream } from '../agent-cli/wrap-stream.js';
import type { AgentProvider, ProviderHooks } from '../provider.js';

/** The app options Codex understands (PR3). */
export const codexCliOptions = z.object({
  approvalPolicy: z.enum(['untrusted', 'on-request', 'on-failure', 'never']).optional(),
  sandbox: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
  reasoningEffort: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
  cwd: relativeDir.optional(),
});

/** The model provider name written into config.toml for a custom endpoint. */
const PROVIDER_ID = 'agentbench';
const KEY_VARIABLE = 'AGENTBENCH_CODEX_API_KEY';

/**
 * Codex in app-server mode (one JSON-RPC process per run): text and reasoning deltas, approvals
 * and user input through the human loop, persistent threads for resume, plan updates as todos.
 */
export function createCodexCliProvider(settings: AgentCliSettings): AgentProvider {
  return {
    name: 'codex-cli',
    capabilities: { humanLoop: true, resume: true, todos: true, reasoning: true },
    createModel: (request, hooks) =>
      new LazyLanguageModel('codex-cli', request.model, () => loadModel(settings, request, hooks)),
    // Plan updates (`turn/plan/updated`) reach us only as raw chunks, and only when both the
    // provider and streamText ask for them.
    streamOptions: () => ({ includeRawChunks: true }),
  };
}

/** CODEX_HOME's config.toml: the endpoint, no retries (the worker decides), no update checks. */
export function codexConfigToml(baseUrl: string | undefined): string {
  const lines = ['check_for_update_on_startup = false', ''];
  if (baseUrl) lines.unshift(`model_provider = "${PROVIDER_ID}"`);
  lines.push('[analytics]', 'enabled = false', '');
  lines.push('[tools.update_plan]', 'enabled = true', '');
  // Without it `request_user_input` answers "unavailable in Default mode": questions need it.
  lines.push('[features]', 'default_mode_request_user_input = true', '');
  if (baseUrl) {
    lines.push(
      `[model_providers.${PROVIDER_ID}]`,
      `name = "${PROVIDER_ID}"`,
      `base_url = ${JSON.stringify(baseUrl)}`,
      `env_key = "${KEY_VARIABLE}"`,
      'wire_api = "responses"',
      'request_max_retries = 0',
      'stream_max_retries = 0',
      '',
    );
  }
  return lines.join('\n');
}

async function loadModel(
  settings: AgentCliSettings,
  request: StartRunRequest,
  hooks: ProviderHooks,
): Promise<LanguageModelV3> {
  const options = parseOptions('codex-cli', codexCliOptions, request.options);
  const binary = requireBinary('codex-cli', settings);
  const { createCodexAppServer } = await importProvider(
    'ai-sdk-provider-codex-cli',
    () => import('ai-sdk-provider-codex-cli'),
  );
  const codexHome = join(hooks.agentDataDir, 'codex');
  mkdirSync(codexHome, { recursive: true, mode: 0o700 });
  const baseUrl = settings.env.CODEX_BASE_URL;
  writeFileSync(join(codexHome, 'config.toml'), codexConfigToml(baseUrl), { mode: 0o600 });
  const key = settings.env.CODEX_API_KEY;
  const env: Record<string, string> = {
    ...baseChildEnv(settings),
    CODEX_HOME: codexHome,
    ...(key ? { [baseUrl ? KEY_VARIABLE : 'OPENAI_API_KEY']: key } : {}),
  };
  const provider = createCodexAppServer({
    defaultSettings: {
      codexPath: binary,
      cwd: options.cwd ? join(hooks.workspaceDir, options.cwd) : hooks.workspaceDir,
      env,
      logger: false,
      threadMode: 'persistent',
      ...(request.resumeId ? { resume: request.resumeId } : {}),
      approvalPolicy: options.approvalPolicy ?? 'on-request',
      sandboxPolicy: options.sandbox ?? 'workspace-write',
      ...(options.reasoningEffort ? { effort: options.reasoningEffort } : {}),
      ...(request.systemPrompt ? { developerInstructions: request.systemPrompt } : {}),
      includeRawChunks: true,
      serverRequests: {
        onCommandExecutionApproval: async ({ params }) => ({
          decision: (await askPermission(hooks, 'shell', params.command ?? params.reason ?? 'a command'))
            ? 'accept'
            : 'decline',
        }),
        onFileChangeApproval: async ({ params }) => ({
          decision: (await askPermission(
            hooks,
            'apply_patch',
            params.reason ?? params.grantRoot ?? 'a file change',
          ))
            ? 'accept'
            : 'decline',
        }),
        onToolRequestUserInput: async ({ params }) => ({
          answers: await askUserInput(hooks, params.questions),
        }),
      },
    },
  });
  const model = provider(request.model);
  return wrapModelStream(model, planUpdatesAsTodoCalls(), () => provider.close());
}

async function askPermission(hooks: ProviderHooks, tool: string, what: string): Promise<boolean> {
  const answer = await hooks.ask({
    kind: 'permission',
    prompt: describeToolUse(tool, { command: what }),
    options: PERMISSION_OPTIONS,
  });
  return isApproval(answer);
}

/** `request_user_input` questions: [{id, header, question, options: [{label}]}] → {id: {answers: [..]}}. */
async function askUserInput(hooks: ProviderHooks, questions: unknown[]): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const [index, raw] of questions.entries()) {
    const item = (raw ?? {}) as { id?: unknown; question?: unknown; options?: unknown };
    const id = typeof item.id === 'string' ? item.id : String(index);
    const prompt = typeof item.question === 'string' ? item.question : JSON.stringify(item);
    const options = Array.isArray(item.options)
      ? item.options
          .map((option: unknown) =>
            option && typeof option === 'object' ? (option as { label?: unknown }).label : option,
          )
          .filter((label): label is string => typeof label === 'string')
      : [];
    answers[id] = { answers: [await hooks.ask({ kind: 'question', prompt, options })] };
  }
  return answers;
}

/**
 * Raw app-server notifications: final errors become `error` parts; `turn/plan/updated` chunks become a provider-executed `update_plan` call and its result, so
 * the shared mapping turns them into `todos.updated` like every other agent's todo tool.
 */
function planUpdatesAsTodoCalls(): (part: LanguageModelV3StreamPart) => LanguageModelV3StreamPart[] {
  let count = 0;
  return (part) => {
    // A declined or failed command comes back as a plain result: the run reports it as a failure.
    if (part.type === 'tool-result' && isFailedItem(part.result)) return [{ ...part, isError: true }];
    if (part.type !== 'raw') return [part];
    const raw = part.rawValue as {
      method?: unknown;
      params?: { plan?: unknown; willRetry?: unknown; error?: { message?: unknown } };
    } | null;
    // The provider throws final `error` notifications out of an event listener instead of
    // failing the stream (ai-sdk-provider-codex-cli 1.4.1); the raw copy is how the run learns it.
    if (raw?.method === 'error' && raw.params?.willRetry !== true) {
      const message = raw.params?.error?.message;
      return [
        {
          type: 'error',
          error: new Error(typeof message === 'string' ? message : 'codex reported an error'),
        },
      ];
    }
    if (raw?.method !== 'turn/plan/updated' || !Array.isArray(raw.params?.plan)) return [];
    const toolCallId = `plan-${++count}`;
    return [
      {
        type: 'tool-call',
        toolCallId,
        toolName: 'update_plan',
        input: JSON.stringify({ plan: raw.params.plan }),
        providerExecuted: true,
        dynamic: true,
      },
      { type: 'tool-result', toolCallId, toolName: 'update_plan', result: 'Plan updated', dynamic: true },
    ];
  };
}

function isFailedItem(result: unknown): boolean {
  const status = (result as { status?: unknown } | null)?.status;
  return status === 'declined' || status === 'failed';
}
