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
import { startOpencodeServer } from './opencode-server.js';

const permissionAction = z.enum(['allow', 'ask', 'deny']);

/** The app options OpenCode understands (PR3). */
export const opencodeOptions = z.object({
  /** OpenCode agent (build, plan, ...). */
  agent: z.string().min(1).optional(),
  /** Per permission (bash, edit, webfetch, ...): allow, ask (the human loop) or deny. */
  permission: z.record(z.string().min(1), permissionAction).optional(),
  /** Tools to switch on or off by name. */
  tools: z.record(z.string().min(1), z.boolean()).optional(),
  cwd: relativeDir.optional(),
});

/** The provider id written into OpenCode's config for a custom endpoint. */
const PROVIDER_ID = 'agentbench';
const KEY_VARIABLE = 'AGENTBENCH_OPENCODE_API_KEY';
const QUESTION_ID = /Question ID: (\S+?)\.?(?:\s|$)/;

/** OpenCode behind its own `opencode serve` per run; permissions and questions go to the human loop. */
export function createOpencodeProvider(settings: AgentCliSettings): AgentProvider {
  return {
    name: 'opencode',
    capabilities: { humanLoop: true, resume: true, todos: true, reasoning: true },
    createModel: (request, hooks) =>
      new LazyLanguageModel('opencode', request.model, () => loadModel(settings, request, hooks)),
  };
}

/** The model id OpenCode gets: our declared provider for a custom endpoint, else the app's `provider/model`. */
export function opencodeModelId(model: string, baseUrl: string | undefined): string {
  return baseUrl ? `${PROVIDER_ID}/${model}` : model;
}

/** OPENCODE_CONFIG: a custom endpoint as an OpenAI-compatible provider; no sharing, no updates. */
export function opencodeConfig(model: string, baseUrl: string | undefined): Record<string, unknown> {
  return {
    autoupdate: false,
    share: 'disabled',
    ...(baseUrl
      ? {
          model: `${PROVIDER_ID}/${model}`,
          provider: {
            [PROVIDER_ID]: {
              npm: '@ai-sdk/openai-compatible',
              name: PROVIDER_ID,
              options: { baseURL: baseUrl, apiKey: `{env:${KEY_VARIABLE}}` },
              models: { [model]: { name: model } },
            },
          },
        }
      : {}),
  };
}

async function loadModel(
  settings: AgentCliSettings,
  request: StartRunRequest,
  hooks: ProviderHooks,
): Promise<LanguageModelV3> {
  const options = parseOptions('opencode', opencodeOptions, request.options);
  const binary = requireBinary('opencode', settings);
  const { createOpencode } = await importProvider(
    'ai-sdk-provider-opencode-sdk',
    () => import('ai-sdk-provider-opencode-sdk'),
  );
  const { createOpencodeClient } = await importProvider(
    '@opencode-ai/sdk',
    () => import('@opencode-ai/sdk/v2'),
  );
  const home = join(hooks.agentDataDir, 'opencode');
  const dirs = {
    XDG_CONFIG_HOME: 'config',
    XDG_DATA_HOME: 'data',
    XDG_CACHE_HOME: 'cache',
    XDG_STATE_HOME: 'state',
  };
  const env: Record<string, string> = { ...baseChildEnv(settings) };
  for (const [key, sub] of Object.entries(dirs)) {
    env[key] = join(home, sub);
    mkdirSync(env[key], { recursive: true, mode: 0o700 });
  }
  const baseUrl = settings.env.OPENCODE_BASE_URL;
  const configFile = join(home, 'opencode.json');
  writeFileSync(configFile, JSON.stringify(opencodeConfig(request.model, baseUrl), null, 2), { mode: 0o600 });
  Object.assign(env, {
    OPENCODE_CONFIG: configFile,
    OPENCODE_ENABLE_QUESTION_TOOL: '1',
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
    OPENCODE_DISABLE_SHARE: '1',
    OPENCODE_DISABLE_CLAUDE_CODE: '1',
  });
  const key = settings.env.OPENCODE_API_KEY;
  if (key) env[baseUrl ? KEY_VARIABLE : 'OPENAI_API_KEY'] = key;
  const directory = options.cwd ? join(hooks.workspaceDir, options.cwd) : hooks.workspaceDir;
  const server = await startOpencodeServer(binary, env, directory);
  const client = createOpencodeClient({ baseUrl: server.url, directory });
  const provider = createOpencode({ baseUrl: server.url, autoStartServer: false });
  const model = provider(opencodeModelId(request.model, baseUrl), {
    directory,
    logger: false,
    ...(request.resumeId ? { sessionId: request.resumeId } : {}),
    ...(options.agent ? { agent: options.agent } : {}),
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.permission
      ? {
          permission: Object.entries(options.permission).map(([permission, action]) => ({
            permission,
            pattern: '*',
            action,
          })),
        }
      : {}),
  });
  const answerHumanLoop = async (part: LanguageModelV3StreamPart): Promise<LanguageModelV3StreamPart[]> => {
    if (part.type === 'tool-approval-request') {
      const meta = (part.providerMetadata?.opencode ?? {}) as { permission?: unknown; patterns?: unknown };
      const what = Array.isArray(meta.patterns) ? meta.patterns.join(' ') : '';
      const answer = await hooks.ask({
        kind: 'permission',
        prompt: describeToolUse(typeof meta.permission === 'string' ? meta.permission : 'tool', {
          command: what,
        }),
        options: PERMISSION_OPTIONS,
      });
      await client.permission.reply({
        requestID: part.approvalId,
        reply: isApproval(answer) ? 'once' : 'reject',
      });
      return [];
    }
    if (part.type === 'finish') {
      // A failed model call (e.g. a 401) ends the turn as "stop" without output; the cause is only
      // on the session's last assistant message.
      const sessionId = (part.providerMetadata?.opencode as { sessionId?: unknown } | undefined)?.sessionId;
      const error = typeof sessionId === 'string' ? await lastMessageError(client, sessionId) : null;
      if (error) return [{ type: 'error', error }, part];
      if (part.finishReason.unified === 'error') {
        return [
          {
            type: 'error',
            error: new Error(`OpenCode ended the turn with ${part.finishReason.raw ?? 'an error'}`),
          },
          part,
        ];
      }
      return [part];
    }
    if (part.type === 'error') {
      const match = QUESTION_ID.exec(part.error instanceof Error ? part.error.message : String(part.error));
      if (match) {
        await answerQuestion(client, hooks, match[1]!);
        return [];
      }
    }
    return [part];
  };
  return wrapModelStream(model, answerHumanLoop, async () => {
    await provider.dispose();
    await server.close();
  });
}

type SessionClient = {
  session: { messages(parameters: { sessionID: string }): Promise<{ data?: unknown }> };
};

/** The error of the session's last assistant message, with its HTTP status when the endpoint sent one. */
async function lastMessageError(client: SessionClient, sessionID: string): Promise<Error | null> {
  try {
    const { data } = await client.session.messages({ sessionID });
    const messages = Array.isArray(data) ? (data as { info?: { role?: unknown; error?: unknown } }[]) : [];
    const failed = messages.findLast((message) => message.info?.role === 'assistant' && message.info.error);
    const cause = failed?.info?.error as
      { name?: unknown; data?: { message?: unknown; statusCode?: unknown } } | undefined;
    if (!cause) return null;
    const error = new Error(
      typeof cause.data?.message === 'string' ? cause.data.message : String(cause.name),
    ) as Error & {
      statusCode?: number;
    };
    if (typeof cause.data?.statusCode === 'number') error.statusCode = cause.data.statusCode;
    if (cause.name === 'ProviderAuthError') error.statusCode ??= 401;
    return error;
  } catch {
    return null;
  }
}

type QuestionClient = {
  question: {
    list(): Promise<{ data?: unknown }>;
    reply(parameters: { requestID: string; answers: string[][] }): Promise<unknown>;
  };
};

/** A pending OpenCode question: each of its questions is asked; the answers go back in order. */
async function answerQuestion(
  client: QuestionClient,
  hooks: ProviderHooks,
  requestID: string,
): Promise<void> {
  const { data } = await client.question.list();
  const request = (Array.isArray(data) ? data : []).find(
    (item: unknown) => (item as { id?: unknown }).id === requestID,
  ) as { questions?: { question?: unknown; options?: unknown }[] } | undefined;
  const answers: string[][] = [];
  for (const item of request?.questions ?? []) {
    const options = Array.isArray(item.options)
      ? item.options
          .map((option: unknown) =>
            option && typeof option === 'object' ? (option as { label?: unknown }).label : option,
          )
          .filter((label): label is string => typeof label === 'string')
      : [];
    const prompt = typeof item.question === 'string' ? item.question : JSON.stringify(item);
    answers.push([await hooks.ask({ kind: 'question', prompt, options })]);
  }
  await client.question.reply({ requestID, answers });
}
