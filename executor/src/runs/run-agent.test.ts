import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { HumanLoop } from '../human-loop/human-loop.js';
import { silentLogger } from '../logger.js';
import type { ExecutorEvent } from '../protocol.js';
import type { AgentProvider } from '../providers/provider.js';
import { EventLog } from './event-log.js';
import { runAgent } from './run-agent.js';
import { RunStopped, type RunStopReason } from './run-stop.js';

// runAgent through the real `streamText`, with models that replay what the agent CLI providers stream.

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

function providerFor(model: LanguageModelV3): AgentProvider {
  return {
    name: 'claude-code',
    capabilities: { humanLoop: true, resume: true, todos: true, reasoning: true },
    createModel: () => model,
  };
}

function start(model: LanguageModelV3): {
  events: EventLog;
  done: Promise<void>;
  stop(why: RunStopReason): void;
} {
  const events = new EventLog();
  const abort = new AbortController();
  const humanLoop = new HumanLoop({ emit: (body) => void events.append(body), deadlineSeconds: 300 });
  const done = runAgent({
    request: { runId: 'r', provider: 'claude-code', model: 'sonnet', prompt: 'hi' },
    provider: providerFor(model),
    events,
    humanLoop,
    signal: abort.signal,
    workspaceDir: '/tmp',
    agentDataDir: '/tmp',
    logger: silentLogger,
  });
  return { events, done, stop: (why) => abort.abort(new RunStopped(why)) };
}

function all(log: EventLog): ExecutorEvent[] {
  const events: ExecutorEvent[] = [];
  log.follow(0, { event: (event) => events.push(event), end: () => {} });
  return events;
}

const streaming = (parts: LanguageModelV3StreamPart[]) =>
  new MockLanguageModelV3({ doStream: { stream: convertArrayToReadableStream(parts) } });

describe('runAgent', () => {
  it('maps a Claude Code shaped stream: text, a dynamic TodoWrite, cost and session id', async () => {
    const run = start(
      streaming([
        { type: 'stream-start', warnings: [] },
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: 'Thinking.' },
        { type: 'reasoning-end', id: 'r' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Planning' },
        { type: 'text-end', id: 't' },
        { type: 'tool-input-start', id: 'c', toolName: 'TodoWrite', providerExecuted: true, dynamic: true },
        { type: 'tool-input-delta', id: 'c', delta: '{"todos":[{"content":"Plan","status":"in_progress"}]}' },
        { type: 'tool-input-end', id: 'c' },
        {
          type: 'tool-call',
          toolCallId: 'c',
          toolName: 'TodoWrite',
          input: '{"todos":[{"content":"Plan","status":"in_progress"}]}',
          providerExecuted: true,
          dynamic: true,
        },
        { type: 'tool-result', toolCallId: 'c', toolName: 'TodoWrite', result: 'ok', dynamic: true },
        {
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'end_turn' },
          usage: usage(5, 7),
          providerMetadata: { 'claude-code': { sessionId: 'sess-9', costUsd: 0.02 } },
        },
      ]),
    );
    await run.done;
    expect(all(run.events).map(({ seq: _seq, at: _at, ...body }) => body)).toEqual([
      { type: 'run.started', provider: 'claude-code', model: 'sonnet' },
      { type: 'reasoning.delta', text: 'Thinking.' },
      { type: 'text.delta', text: 'Planning' },
      {
        type: 'tool.started',
        toolCallId: 'c',
        name: 'TodoWrite',
        input: { todos: [{ content: 'Plan', status: 'in_progress' }] },
      },
      { type: 'todos.updated', todos: [{ id: '1', text: 'Plan', status: 'in_progress' }] },
      { type: 'tool.finished', toolCallId: 'c', output: 'ok', isError: false },
      { type: 'agent.session', agentSessionId: 'sess-9' },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 7, costUsd: 0.02 } },
      { type: 'run.finished', status: 'succeeded' },
    ]);
  });

  it('classifies a provider call that fails before streaming', async () => {
    const model = new MockLanguageModelV3({
      doStream: () =>
        Promise.reject(
          new APICallError({
            message: 'invalid x-api-key',
            url: 'http://x',
            requestBodyValues: {},
            statusCode: 401,
          }),
        ),
    });
    const run = start(model);
    await run.done;
    expect(all(run.events).at(-1)).toMatchObject({
      type: 'run.finished',
      status: 'failed',
      error: { class: 'auth_missing', message: 'invalid x-api-key' },
    });
  });

  it('keeps what streamed before a stream broke, and classifies the break', async () => {
    const parts: LanguageModelV3StreamPart[] = [
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'partial' },
    ];
    const model = new MockLanguageModelV3({
      doStream: {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          // Erroring drops whatever is still queued, so the break comes on a later pull, as from a socket.
          pull(controller) {
            const part = parts.shift();
            if (part) controller.enqueue(part);
            else controller.error(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
          },
        }),
      },
    });
    const run = start(model);
    await run.done;
    const events = all(run.events);
    expect(events.map((event) => event.type)).toEqual(['run.started', 'text.delta', 'run.finished']);
    expect(events.at(-1)).toMatchObject({ status: 'failed', error: { class: 'transport_error' } });
  });

  it('ends a canceled run at once even when the provider ignores the abort', async () => {
    let started!: () => void;
    const streamStarted = new Promise<void>((resolve) => (started = resolve));
    const model = new MockLanguageModelV3({
      doStream: {
        // Never closes and never looks at the signal: a stuck CLI.
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            started();
          },
        }),
      },
    });
    const run = start(model);
    await streamStarted;
    run.stop('cancel');
    await run.done;
    expect(all(run.events).at(-1)).toMatchObject({
      type: 'run.finished',
      status: 'canceled',
      error: { class: 'canceled' },
    });
  });

  it('leaves the run unfinished on shutdown, so the worker retries it', async () => {
    const model = new MockLanguageModelV3({
      doStream: { stream: new ReadableStream<LanguageModelV3StreamPart>() },
    });
    const run = start(model);
    run.stop('shutdown');
    await run.done;
    expect(all(run.events).map((event) => event.type)).toEqual(['run.started']);
    expect(run.events.finished).toBe(false);
  });
});
