import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { anthropicRequest, writeAnthropic } from './anthropic-messages.js';
import { chatRequest, writeChat } from './chat-completions.js';
import { responsesRequest, writeResponses } from './openai-responses.js';

/** The wire API a request came in on. */
export type LlmApi = 'anthropic' | 'responses' | 'chat';

/** What the scripted LLM saw in one request, in the same shape for every API. */
export interface LlmRequest {
  api: LlmApi;
  path: string;
  /** Bearer token or x-api-key the client presented. */
  key: string | null;
  /** The Host header: the name the client reached this server by. */
  host: string | null;
  model: string;
  /** Names of the tools the agent offered the model. */
  tools: string[];
  /** The text of the last user message (the run's prompt, as the agent forwarded it). */
  lastUserText: string;
  /** All user text in the conversation, oldest first (a resumed conversation shows earlier prompts). */
  userTexts: string[];
  /** Tool results in the history, oldest first. */
  toolResults: { callId: string; output: string }[];
  /** The whole system prompt as text (Anthropic `system`, Responses `instructions`, Chat system messages). */
  system: string;
  body: Record<string, unknown>;
}

/** One answer of the model: some text, then at most one tool call; or an HTTP error. */
export interface LlmTurn {
  text?: string;
  tool?: { name: string; input: Record<string, unknown> };
  /** Answer with this HTTP status and an error body in the API's shape instead of a stream. */
  error?: { status: number; message: string };
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer only once this settles: a test holds the turn back until it has seen what it waits for. */
  holdUntil?: Promise<unknown>;
  usage?: { inputTokens: number; outputTokens: number };
}

export type LlmScript = (request: LlmRequest) => LlmTurn;

export const DEFAULT_USAGE = { inputTokens: 11, outputTokens: 7 };

/**
 * A local stand-in for the vendors' LLM APIs (Anthropic Messages, OpenAI Responses, Chat
 * Completions, all streamed as SSE), so the real agent CLIs run offline in tests. A test steers it
 * with a script function and reads back every request it answered.
 */
export class ScriptedLlm {
  readonly requests: LlmRequest[] = [];
  private server: Server | null = null;
  private script: LlmScript = () => ({ text: 'ok' });

  /** Base URL without a path, e.g. http://127.0.0.1:1234 (loopback also when listening on every interface). */
  url = '';

  /** Listens on `host`; `0.0.0.0` lets session containers reach it through the Docker host alias. */
  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error) } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, host, resolve));
    const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host;
    this.url = `http://${urlHost}:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Replaces the script; every later request is answered by it. */
  respond(script: LlmScript): void {
    this.script = script;
  }

  /** Requests of one API that offered tools (the agent's real turns, not titles or probes). */
  agentTurns(api?: LlmApi): LlmRequest[] {
    return this.requests.filter((r) => r.tools.length > 0 && (api === undefined || r.api === api));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found"}}');
      return;
    }
    const raw = await readBody(req);
    const body = (raw === '' ? {} : JSON.parse(raw)) as Record<string, unknown>;
    const key = bearer(req.headers.authorization) ?? header(req.headers['x-api-key']);
    const host = header(req.headers.host);
    let api: LlmApi;
    let request: LlmRequest;
    if (path.endsWith('/messages')) {
      api = 'anthropic';
      request = { ...anthropicRequest(body), api, path, key, host };
    } else if (path.endsWith('/responses')) {
      api = 'responses';
      request = { ...responsesRequest(body), api, path, key, host };
    } else if (path.endsWith('/chat/completions')) {
      api = 'chat';
      request = { ...chatRequest(body), api, path, key, host };
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found"}}');
      return;
    }
    this.requests.push(request);
    const turn = this.script(request);
    if (turn.delayMs) await sleep(turn.delayMs);
    if (turn.holdUntil) await turn.holdUntil;
    if (turn.error) {
      res.writeHead(turn.error.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(errorBody(api, turn.error.status, turn.error.message)));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const usage = turn.usage ?? DEFAULT_USAGE;
    const send = (event: string | null, data: unknown): void => {
      res.write(
        `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
      );
    };
    switch (api) {
      case 'anthropic':
        writeAnthropic(send, request.model, turn, usage);
        break;
      case 'responses':
        writeResponses(send, request.model, turn, usage);
        break;
      case 'chat':
        writeChat(send, request.model, turn, usage);
        break;
    }
    res.end();
  }
}

export type SseSend = (event: string | null, data: unknown) => void;

function errorBody(api: LlmApi, status: number, message: string): unknown {
  if (api === 'anthropic') {
    const type = status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : 'api_error';
    return { type: 'error', error: { type, message } };
  }
  const code = status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : 'server_error';
  return { error: { message, type: status === 401 ? 'invalid_request_error' : 'api_error', code } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function bearer(value: string | undefined): string | null {
  const match = /^Bearer (.+)$/i.exec(value ?? '');
  return match ? match[1]! : null;
}

function header(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** Text of a content value that may be a string or an array of typed parts. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string')
        return (part as { text: string }).text;
      return '';
    })
    .join('');
}
