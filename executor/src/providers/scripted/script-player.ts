import type { JSONValue, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { randomUUID } from 'node:crypto';
import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import type { ScriptStep } from '../../protocol.js';
import { ClassifiedError } from '../../runs/classified-error.js';
import { isApproval, PERMISSION_OPTIONS } from '../agent-cli/human-loop-answers.js';
import type { ProviderHooks } from '../provider.js';
import { textChunks } from './text-chunks.js';
import { listFilesInWorkspace, readFileInWorkspace, writeFileInWorkspace } from './workspace-files.js';

type Part = LanguageModelV3StreamPart;

/**
 * Plays a script as the stream parts of an agent CLI provider (ai-sdk-provider-claude-code): text
 * in deltas, and every action as a provider-executed dynamic tool call with its result. The
 * executor cannot tell it from a real agent, which is the point.
 */
export class ScriptPlayer {
  private inputTokens = 0;
  private outputTokens = 0;
  private costUsd: number | null = null;
  private textBlocks = 0;

  constructor(
    private readonly hooks: ProviderHooks,
    private readonly signal: AbortSignal,
  ) {}

  async *play(steps: ScriptStep[]): AsyncGenerator<Part> {
    yield { type: 'stream-start', warnings: [] };
    yield {
      type: 'response-metadata',
      id: `scripted-${randomUUID()}`,
      modelId: 'scripted',
      timestamp: new Date(),
    };
    for (const step of steps) {
      // Let the SDK deliver the previous step before the next one starts: provider-executed tool
      // errors travel a separate internal stream and would otherwise race the next text.
      await nextMacrotask();
      this.signal.throwIfAborted();
      if (step.kind === 'fail') {
        yield {
          type: 'error',
          error: new ClassifiedError(step.errorClass, `scripted failure: ${step.errorClass}`),
        };
        yield this.finish('error');
        return;
      }
      yield* this.playStep(step);
    }
    await nextMacrotask();
    yield this.finish('stop');
  }

  /** The parts of a script that cannot be played (the server should have refused it). */
  *refuse(error: string): Generator<Part> {
    yield { type: 'stream-start', warnings: [] };
    yield { type: 'error', error: new ClassifiedError('script_invalid', `invalid script: ${error}`) };
    yield this.finish('error');
  }

  private async *playStep(step: Exclude<ScriptStep, { kind: 'fail' }>): AsyncGenerator<Part> {
    switch (step.kind) {
      case 'text':
        yield* this.text(step.text);
        return;
      case 'todos': {
        const todos = step.todos.map((todo) => ({ id: todo.id, content: todo.text, status: todo.status }));
        const id = yield* this.toolCall('TodoWrite', { todos });
        yield this.toolResult(id, 'TodoWrite', 'Todos have been modified successfully.');
        return;
      }
      case 'tool': {
        const id = yield* this.toolCall(step.tool, step.input);
        yield this.toolResult(id, step.tool, step.output as JSONValue);
        return;
      }
      case 'ask': {
        const id = yield* this.toolCall('AskUserQuestion', {
          question: step.question,
          options: step.options,
        });
        const answer = await this.hooks.ask({
          kind: 'question',
          prompt: step.question,
          options: step.options,
        });
        yield this.toolResult(id, 'AskUserQuestion', { answers: { [step.question]: answer } });
        yield* this.text(`answer: ${answer}`);
        return;
      }
      case 'permission': {
        const id = yield* this.toolCall('permission', { action: step.action });
        const answer = await this.hooks.ask({
          kind: 'permission',
          prompt: step.action,
          options: PERMISSION_OPTIONS,
        });
        yield isApproval(answer)
          ? this.toolResult(id, 'permission', 'allowed')
          : this.toolResult(id, 'permission', 'denied by user', true);
        return;
      }
      case 'write': {
        const id = yield* this.toolCall('write_file', { path: step.path, content: step.content });
        const outcome = await attempt(() =>
          writeFileInWorkspace(this.hooks.workspaceDir, step.path, step.content),
        );
        yield outcome.ok
          ? this.toolResult(id, 'write_file', outcome.value)
          : this.toolResult(id, 'write_file', outcome.error, true);
        return;
      }
      case 'read': {
        const id = yield* this.toolCall('read_file', { path: step.path });
        const outcome = await attempt(() => readFileInWorkspace(this.hooks.workspaceDir, step.path));
        if (!outcome.ok) {
          yield this.toolResult(id, 'read_file', outcome.error, true);
          return;
        }
        const content = outcome.value;
        yield this.toolResult(
          id,
          'read_file',
          content === null ? { path: step.path, missing: true } : { path: step.path, content },
        );
        yield* this.text(content ?? `missing: ${step.path}`);
        return;
      }
      case 'list': {
        const id = yield* this.toolCall('list_files', { path: step.path });
        const outcome = await attempt(() => listFilesInWorkspace(this.hooks.workspaceDir, step.path));
        if (!outcome.ok) {
          yield this.toolResult(id, 'list_files', outcome.error, true);
          return;
        }
        const files = outcome.value;
        yield this.toolResult(
          id,
          'list_files',
          files === null ? { path: step.path, missing: true } : { path: step.path, files },
        );
        yield* this.text(
          files === null
            ? `missing: ${step.path}`
            : files.length === 0
              ? `no files: ${step.path}`
              : files.join('\n'),
        );
        return;
      }
      case 'sleep':
        await sleep(step.ms, undefined, { signal: this.signal });
        return;
      case 'usage':
        this.inputTokens += step.inputTokens;
        this.outputTokens += step.outputTokens;
        if (step.costUsd !== undefined) this.costUsd = (this.costUsd ?? 0) + step.costUsd;
        return;
    }
  }

  private *text(text: string): Generator<Part> {
    const id = `text-${++this.textBlocks}`;
    yield { type: 'text-start', id };
    for (const delta of textChunks(text)) yield { type: 'text-delta', id, delta };
    yield { type: 'text-end', id };
  }

  /** A tool call the way the Claude Code provider streams one; returns its id for the result. */
  private *toolCall(toolName: string, input: unknown): Generator<Part, string> {
    const id = `toolu_${randomUUID()}`;
    const json = JSON.stringify(input);
    yield { type: 'tool-input-start', id, toolName, providerExecuted: true, dynamic: true };
    yield { type: 'tool-input-delta', id, delta: json };
    yield { type: 'tool-input-end', id };
    yield { type: 'tool-call', toolCallId: id, toolName, input: json, providerExecuted: true, dynamic: true };
    return id;
  }

  private toolResult(toolCallId: string, toolName: string, result: JSONValue, isError = false): Part {
    // A null result is not allowed; a tool that printed nothing gives the empty string.
    return {
      type: 'tool-result',
      toolCallId,
      toolName,
      result: result ?? '',
      dynamic: true,
      ...(isError ? { isError } : {}),
    };
  }

  private finish(reason: 'stop' | 'error'): Part {
    return {
      type: 'finish',
      finishReason: { unified: reason, raw: reason === 'stop' ? 'end_turn' : 'error' },
      usage: {
        inputTokens: { total: this.inputTokens, noCache: this.inputTokens, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: this.outputTokens, text: this.outputTokens, reasoning: 0 },
      },
      ...(this.costUsd === null ? {} : { providerMetadata: { scripted: { costUsd: this.costUsd } } }),
    };
  }
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: string };

/** Tool failures (a refused path, a directory read as a file) become tool errors; the run goes on. */
async function attempt<T>(action: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
