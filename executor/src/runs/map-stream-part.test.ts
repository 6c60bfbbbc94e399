import type { TextStreamPart, ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { createStreamMappingState, mapStreamPart, type PartOutcome } from './map-stream-part.js';

type Part = TextStreamPart<ToolSet>;

const usage = (inputTokens: number | undefined, outputTokens: number | undefined) => ({
  inputTokens,
  outputTokens,
  totalTokens: undefined,
  inputTokenDetails: { noCacheTokens: undefined, cacheReadTokens: undefined, cacheWriteTokens: undefined },
  outputTokenDetails: { textTokens: undefined, reasoningTokens: undefined },
});

function mapAll(parts: Part[]): PartOutcome[] {
  const state = createStreamMappingState();
  return parts.map((part) => mapStreamPart(part, state));
}

function eventsOf(parts: Part[]): unknown[] {
  return mapAll(parts).flatMap((outcome) => (outcome.kind === 'events' ? outcome.events : []));
}

describe('mapStreamPart', () => {
  it('maps text and reasoning deltas one to one, in order, and drops empty ones', () => {
    expect(
      eventsOf([
        { type: 'start' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', text: 'Hel' },
        { type: 'text-delta', id: 't', text: '' },
        { type: 'reasoning-delta', id: 'r', text: 'hmm' },
        { type: 'text-delta', id: 't', text: 'lo' },
        { type: 'text-end', id: 't' },
      ]),
    ).toEqual([
      { type: 'text.delta', text: 'Hel' },
      { type: 'reasoning.delta', text: 'hmm' },
      { type: 'text.delta', text: 'lo' },
    ]);
  });

  it('maps a provider-executed dynamic tool call and its result, reading the input from the call', () => {
    expect(
      eventsOf([
        { type: 'tool-input-start', id: 'c1', toolName: 'Bash', providerExecuted: true, dynamic: true },
        { type: 'tool-input-delta', id: 'c1', delta: '{"command":"ls"}' },
        { type: 'tool-input-end', id: 'c1' },
        {
          type: 'tool-call',
          toolCallId: 'c1',
          toolName: 'Bash',
          input: { command: 'ls' },
          providerExecuted: true,
          dynamic: true,
        },
        {
          type: 'tool-result',
          toolCallId: 'c1',
          toolName: 'Bash',
          input: { command: 'ls' },
          output: 'a.txt',
          providerExecuted: true,
          dynamic: true,
        },
      ]),
    ).toEqual([
      { type: 'tool.started', toolCallId: 'c1', name: 'Bash', input: { command: 'ls' } },
      { type: 'tool.finished', toolCallId: 'c1', output: 'a.txt', isError: false },
    ]);
  });

  it('maps tool errors and denied outputs to failed tool calls, and skips preliminary results', () => {
    expect(
      eventsOf([
        {
          type: 'tool-result',
          toolCallId: 'c1',
          toolName: 'x',
          input: {},
          output: 'preview',
          dynamic: true,
          preliminary: true,
        },
        {
          type: 'tool-error',
          toolCallId: 'c1',
          toolName: 'x',
          input: {},
          error: new Error('boom'),
          dynamic: true,
        },
        {
          type: 'tool-error',
          toolCallId: 'c2',
          toolName: 'x',
          input: {},
          error: 'denied by user',
          dynamic: true,
        },
        { type: 'tool-output-denied', toolCallId: 'c3', toolName: 'x' },
      ]),
    ).toEqual([
      { type: 'tool.finished', toolCallId: 'c1', output: 'boom', isError: true },
      { type: 'tool.finished', toolCallId: 'c2', output: 'denied by user', isError: true },
      { type: 'tool.finished', toolCallId: 'c3', output: 'denied', isError: true },
    ]);
  });

  it.each([
    [
      'TodoWrite',
      { todos: [{ content: 'A', status: 'in_progress' }] },
      [{ id: '1', text: 'A', status: 'in_progress' }],
    ],
    [
      'todowrite',
      { todos: [{ id: 'x', content: 'B', status: 'pending' }] },
      [{ id: 'x', text: 'B', status: 'pending' }],
    ],
    [
      'update_plan',
      { plan: [{ step: 'C', status: 'completed' }] },
      [{ id: '1', text: 'C', status: 'completed' }],
    ],
  ])('also reports a %s call as a todo update', (toolName, input, todos) => {
    expect(
      eventsOf([
        { type: 'tool-call', toolCallId: 'c', toolName, input, dynamic: true, providerExecuted: true },
      ]),
    ).toEqual([
      { type: 'tool.started', toolCallId: 'c', name: toolName, input },
      { type: 'todos.updated', todos },
    ]);
  });

  it("reports usage at finish with the cost and agent session from the steps' provider metadata", () => {
    const step = (costUsd: number) =>
      ({
        type: 'finish-step',
        response: { id: 'r', modelId: 'm', timestamp: new Date(0) },
        usage: usage(1, 1),
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
        providerMetadata: { 'claude-code': { costUsd, sessionId: 'sess-1' } },
      }) as Part;
    expect(
      eventsOf([
        step(0.25),
        step(0.5),
        { type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn', totalUsage: usage(10, 20) },
      ]),
    ).toEqual([
      { type: 'agent.session', agentSessionId: 'sess-1' },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 20, costUsd: 0.75 } },
    ]);
  });

  it('reports zero tokens and no cost when the provider says nothing', () => {
    expect(
      eventsOf([
        {
          type: 'finish',
          finishReason: 'stop',
          rawFinishReason: undefined,
          totalUsage: usage(undefined, undefined),
        },
      ]),
    ).toEqual([{ type: 'usage', usage: { inputTokens: 0, outputTokens: 0 } }]);
  });

  it('turns call warnings into warning events', () => {
    expect(
      eventsOf([
        {
          type: 'start-step',
          request: {},
          warnings: [
            { type: 'unsupported', feature: 'temperature', details: 'ignored' },
            { type: 'other', message: 'careful' },
          ],
        },
      ]),
    ).toEqual([
      { type: 'warning', message: 'unsupported: temperature (ignored)' },
      { type: 'warning', message: 'careful' },
    ]);
  });

  it('hands errors and aborts back to the run instead of mapping them', () => {
    const error = new Error('x');
    expect(mapAll([{ type: 'error', error }, { type: 'abort' }])).toEqual([
      { kind: 'error', error },
      { kind: 'abort' },
    ]);
  });
});
