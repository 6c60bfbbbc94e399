import { randomUUID } from 'node:crypto';
import type { LlmRequest, LlmTurn, SseSend } from './scripted-llm.js';
import { textOf } from './scripted-llm.js';

type Parsed = Omit<LlmRequest, 'api' | 'path' | 'key' | 'host'>;

/** Reads an Anthropic Messages request (`POST /v1/messages`). */
export function anthropicRequest(body: Record<string, unknown>): Parsed {
  const messages = Array.isArray(body.messages) ? (body.messages as Record<string, unknown>[]) : [];
  const userTexts: string[] = [];
  const toolResults: Parsed['toolResults'] = [];
  for (const message of messages) {
    if (message.role !== 'user') continue;
    const content = message.content;
    if (typeof content === 'string') {
      userTexts.push(content);
      continue;
    }
    if (!Array.isArray(content)) continue;
    let text = '';
    for (const block of content as Record<string, unknown>[]) {
      if (block.type === 'text' && typeof block.text === 'string') text += block.text;
      if (block.type === 'tool_result')
        toolResults.push({ callId: String(block.tool_use_id), output: textOf(block.content) });
    }
    if (text !== '') userTexts.push(text);
  }
  const tools = Array.isArray(body.tools)
    ? (body.tools as Record<string, unknown>[]).map((tool) => String(tool.name))
    : [];
  return {
    model: typeof body.model === 'string' ? body.model : '',
    tools,
    userTexts,
    lastUserText: userTexts.at(-1) ?? '',
    toolResults,
    system: textOf(body.system),
    body,
  };
}

/** Streams one turn as Anthropic Messages SSE events. */
export function writeAnthropic(
  send: SseSend,
  model: string,
  turn: LlmTurn,
  usage: { inputTokens: number; outputTokens: number },
): void {
  send('message_start', {
    type: 'message_start',
    message: {
      id: `msg_${randomUUID().replaceAll('-', '')}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: usage.inputTokens, output_tokens: 1 },
    },
  });
  let index = 0;
  if (turn.text) {
    send('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'text', text: '' },
    });
    for (const piece of chunks(turn.text)) {
      send('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text: piece },
      });
    }
    send('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  if (turn.tool) {
    const id = `toolu_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    send('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'tool_use', id, name: turn.tool.name, input: {} },
    });
    send('content_block_delta', {
      type: 'content_block_delta',
      index,
      delta: { type: 'input_json_delta', partial_json: JSON.stringify(turn.tool.input) },
    });
    send('content_block_stop', { type: 'content_block_stop', index });
  }
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: turn.tool ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  });
  send('message_stop', { type: 'message_stop' });
}

/** Splits text into a few pieces, so the client sees real deltas. */
export function chunks(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out;
}
