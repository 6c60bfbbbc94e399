import { randomUUID } from 'node:crypto';
import { chunks } from './anthropic-messages.js';
import type { LlmRequest, LlmTurn, SseSend } from './scripted-llm.js';
import { textOf } from './scripted-llm.js';

type Parsed = Omit<LlmRequest, 'api' | 'path' | 'key' | 'host'>;

/** Reads a Chat Completions request (`POST /v1/chat/completions`). */
export function chatRequest(body: Record<string, unknown>): Parsed {
  const messages = Array.isArray(body.messages) ? (body.messages as Record<string, unknown>[]) : [];
  const userTexts: string[] = [];
  const toolResults: Parsed['toolResults'] = [];
  let system = '';
  for (const message of messages) {
    if (message.role === 'system') system += textOf(message.content);
    if (message.role === 'user') {
      const text = textOf(message.content);
      if (text !== '') userTexts.push(text);
    }
    if (message.role === 'tool')
      toolResults.push({ callId: String(message.tool_call_id), output: textOf(message.content) });
  }
  const tools = Array.isArray(body.tools)
    ? (body.tools as { function?: { name?: string } }[]).map((tool) => String(tool.function?.name))
    : [];
  return {
    model: typeof body.model === 'string' ? body.model : '',
    tools,
    userTexts,
    lastUserText: userTexts.at(-1) ?? '',
    toolResults,
    system,
    body,
  };
}

/** Streams one turn as Chat Completions chunks, a usage chunk, then `[DONE]`. */
export function writeChat(
  send: SseSend,
  model: string,
  turn: LlmTurn,
  usage: { inputTokens: number; outputTokens: number },
): void {
  const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null): void =>
    send(null, {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  chunk({ role: 'assistant', content: '' }, null);
  if (turn.text) for (const piece of chunks(turn.text)) chunk({ content: piece }, null);
  if (turn.tool) {
    chunk(
      {
        tool_calls: [
          {
            index: 0,
            id: `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
            type: 'function',
            function: { name: turn.tool.name, arguments: JSON.stringify(turn.tool.input) },
          },
        ],
      },
      null,
    );
  }
  chunk({}, turn.tool ? 'tool_calls' : 'stop');
  send(null, {
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [],
    usage: {
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.outputTokens,
    },
  });
  send(null, '[DONE]');
}
