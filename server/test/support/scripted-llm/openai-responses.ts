import { randomUUID } from 'node:crypto';
import { chunks } from './anthropic-messages.js';
import type { LlmRequest, LlmTurn, SseSend } from './scripted-llm.js';
import { textOf } from './scripted-llm.js';

type Parsed = Omit<LlmRequest, 'api' | 'path' | 'key' | 'host'>;

/** Reads an OpenAI Responses request (`POST /v1/responses`). */
export function responsesRequest(body: Record<string, unknown>): Parsed {
  const input = Array.isArray(body.input) ? (body.input as Record<string, unknown>[]) : [];
  const userTexts: string[] = [];
  const toolResults: Parsed['toolResults'] = [];
  for (const item of input) {
    if ((item.type === 'message' || item.type === undefined) && item.role === 'user') {
      const text = textOf(item.content);
      if (text !== '') userTexts.push(text);
    }
    if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      toolResults.push({
        callId: String(item.call_id),
        output: textOf(item.output) || JSON.stringify(item.output),
      });
    }
  }
  if (typeof body.input === 'string') userTexts.push(body.input);
  const tools = Array.isArray(body.tools)
    ? (body.tools as Record<string, unknown>[]).map((tool) => String(tool.name ?? tool.type))
    : [];
  return {
    model: typeof body.model === 'string' ? body.model : '',
    tools,
    userTexts,
    lastUserText: userTexts.at(-1) ?? '',
    toolResults,
    system: typeof body.instructions === 'string' ? body.instructions : '',
    body,
  };
}

/** Streams one turn as OpenAI Responses SSE events. */
export function writeResponses(
  send: SseSend,
  model: string,
  turn: LlmTurn,
  usage: { inputTokens: number; outputTokens: number },
): void {
  const responseId = `resp_${randomUUID().replaceAll('-', '')}`;
  let sequence = 0;
  const emit = (type: string, fields: Record<string, unknown>): void =>
    send(type, { type, sequence_number: sequence++, ...fields });
  const base = { id: responseId, object: 'response', created_at: Math.floor(Date.now() / 1000), model };
  emit('response.created', { response: { ...base, status: 'in_progress', output: [] } });
  emit('response.in_progress', { response: { ...base, status: 'in_progress', output: [] } });
  const output: unknown[] = [];
  let index = 0;
  if (turn.text) {
    const id = `msg_${randomUUID().replaceAll('-', '')}`;
    emit('response.output_item.added', {
      output_index: index,
      item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
    });
    emit('response.content_part.added', {
      item_id: id,
      output_index: index,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    for (const piece of chunks(turn.text)) {
      emit('response.output_text.delta', {
        item_id: id,
        output_index: index,
        content_index: 0,
        delta: piece,
      });
    }
    emit('response.output_text.done', {
      item_id: id,
      output_index: index,
      content_index: 0,
      text: turn.text,
    });
    const part = { type: 'output_text', text: turn.text, annotations: [] };
    emit('response.content_part.done', { item_id: id, output_index: index, content_index: 0, part });
    const item = { id, type: 'message', status: 'completed', role: 'assistant', content: [part] };
    emit('response.output_item.done', { output_index: index, item });
    output.push(item);
    index++;
  }
  if (turn.tool) {
    const id = `fc_${randomUUID().replaceAll('-', '')}`;
    const callId = `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    const args = JSON.stringify(turn.tool.input);
    const pending = {
      id,
      type: 'function_call',
      status: 'in_progress',
      call_id: callId,
      name: turn.tool.name,
      arguments: '',
    };
    emit('response.output_item.added', { output_index: index, item: pending });
    emit('response.function_call_arguments.delta', { item_id: id, output_index: index, delta: args });
    emit('response.function_call_arguments.done', { item_id: id, output_index: index, arguments: args });
    const item = { ...pending, status: 'completed', arguments: args };
    emit('response.output_item.done', { output_index: index, item });
    output.push(item);
  }
  emit('response.completed', {
    response: {
      ...base,
      status: 'completed',
      output,
      usage: {
        input_tokens: usage.inputTokens,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: usage.outputTokens,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: usage.inputTokens + usage.outputTokens,
      },
    },
  });
}
