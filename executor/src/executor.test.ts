import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, type Executor } from './executor.js';
import { silentLogger } from './logger.js';
import type { ExecutorEvent, StartRunRequest } from './protocol.js';

// The whole executor over real HTTP, with the scripted provider driven through `streamText`.

const TOKEN = 'test-token';
let executor: Executor;
let baseUrl: string;
let base: string;
let workspace: string;
let outside: string;
let runCounter = 0;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'executor-test-'));
  workspace = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  await mkdir(outside, { recursive: true });
  executor = createExecutor(
    {
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
      workspaceDir: workspace,
      agentDataDir: path.join(base, 'agent-data'),
      logLevel: 'silent',
      // The scripted provider only: these tests must not start real agent CLIs.
      agentClis: null,
    },
    { logger: silentLogger },
  );
  const { port } = await executor.start();
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await executor.stop();
  await rm(base, { recursive: true, force: true });
});

function call(pathname: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = TOKEN, ...rest } = init;
  return fetch(`${baseUrl}${pathname}`, {
    ...rest,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      'content-type': 'application/json',
    },
  });
}

/** A reader of one NDJSON event stream that tests can wait on, event by event. */
class EventStream {
  readonly events: ExecutorEvent[] = [];
  readonly ended: Promise<void>;
  private waiters: (() => void)[] = [];

  constructor(response: Response) {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    this.ended = this.read(response.body!);
  }

  /** Resolves with the first event (already received or yet to come) that matches. */
  async waitFor(predicate: (event: ExecutorEvent) => boolean): Promise<ExecutorEvent> {
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve, reject) => {
        this.waiters.push(resolve);
        this.ended.then(
          () => reject(new Error(`stream ended without the awaited event; got ${this.types().join(', ')}`)),
          reject,
        );
      });
    }
  }

  async all(): Promise<ExecutorEvent[]> {
    await this.ended;
    return this.events;
  }

  types(): string[] {
    return this.events.map((event) => event.type);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          this.events.push(JSON.parse(buffer.slice(0, newline)) as ExecutorEvent);
          buffer = buffer.slice(newline + 1);
          for (const wake of this.waiters.splice(0)) wake();
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }
}

function runRequest(prompt: string, overrides: Partial<StartRunRequest> = {}): StartRunRequest {
  return { runId: `run-${++runCounter}`, provider: 'scripted', model: 'scripted-1', prompt, ...overrides };
}

const script = (...steps: unknown[]): string => JSON.stringify({ script: steps });

async function startRun(request: StartRunRequest, query = '', signal?: AbortSignal): Promise<EventStream> {
  return new EventStream(
    await call(`/runs${query}`, {
      method: 'POST',
      body: JSON.stringify(request),
      ...(signal ? { signal } : {}),
    }),
  );
}

async function attach(runId: string, after = 0, signal?: AbortSignal): Promise<EventStream> {
  return new EventStream(await call(`/runs/${runId}/events?after=${after}`, signal ? { signal } : {}));
}

/** The events without their numbering and timestamps, after checking the numbering is 1..n. */
function bodies(events: ExecutorEvent[]): unknown[] {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  return events.map(({ seq: _seq, at: _at, ...body }) => body);
}

function text(events: ExecutorEvent[]): string {
  return events.map((event) => (event.type === 'text.delta' ? event.text : '')).join('');
}

function answer(runId: string, requestId: string, value: string): Promise<Response> {
  return call(`/runs/${runId}/human-loop/${requestId}`, {
    method: 'POST',
    body: JSON.stringify({ answer: value }),
  });
}

describe('scripted runs over HTTP', () => {
  it('streams text, todos, a tool, a write and a read as the exact event sequence', async () => {
    const request = runRequest(
      script(
        { text: 'Let me look at the project first.' },
        {
          todos: [
            { text: 'Inspect', status: 'completed' },
            { id: 'fix', text: 'Fix the bug', status: 'in_progress' },
          ],
        },
        { tool: 'Bash', input: { command: 'ls' }, output: 'README.md' },
        { write: { path: 'notes/plan.md', content: 'step one' } },
        { read: 'notes/plan.md' },
        { usage: { inputTokens: 12, outputTokens: 34, costUsd: 0.5 } },
      ),
    );
    const events = await (await startRun(request)).all();
    const id = expect.any(String) as unknown;
    expect(bodies(events)).toEqual([
      { type: 'run.started', provider: 'scripted', model: 'scripted-1' },
      { type: 'text.delta', text: 'Let me look' },
      { type: 'text.delta', text: ' at the project' },
      { type: 'text.delta', text: ' first.' },
      {
        type: 'tool.started',
        toolCallId: id,
        name: 'TodoWrite',
        input: {
          todos: [
            { id: '1', content: 'Inspect', status: 'completed' },
            { id: 'fix', content: 'Fix the bug', status: 'in_progress' },
          ],
        },
      },
      {
        type: 'todos.updated',
        todos: [
          { id: '1', text: 'Inspect', status: 'completed' },
          { id: 'fix', text: 'Fix the bug', status: 'in_progress' },
        ],
      },
      {
        type: 'tool.finished',
        toolCallId: id,
        output: 'Todos have been modified successfully.',
        isError: false,
      },
      { type: 'tool.started', toolCallId: id, name: 'Bash', input: { command: 'ls' } },
      { type: 'tool.finished', toolCallId: id, output: 'README.md', isError: false },
      {
        type: 'tool.started',
        toolCallId: id,
        name: 'write_file',
        input: { path: 'notes/plan.md', content: 'step one' },
      },
      { type: 'tool.finished', toolCallId: id, output: { path: 'notes/plan.md', bytes: 8 }, isError: false },
      { type: 'tool.started', toolCallId: id, name: 'read_file', input: { path: 'notes/plan.md' } },
      {
        type: 'tool.finished',
        toolCallId: id,
        output: { path: 'notes/plan.md', content: 'step one' },
        isError: false,
      },
      { type: 'text.delta', text: 'step one' },
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 34, costUsd: 0.5 } },
      { type: 'run.finished', status: 'succeeded' },
    ]);
    // Each result belongs to the call just before it.
    const calls = events.filter((event) => event.type === 'tool.started');
    const results = events.filter((event) => event.type === 'tool.finished');
    expect(results.map((event) => event.toolCallId)).toEqual(calls.map((event) => event.toolCallId));
    expect(new Set(calls.map((event) => event.toolCallId)).size).toBe(4);
    expect(await readFile(path.join(workspace, 'notes/plan.md'), 'utf8')).toBe('step one');
  });

  it('plays the default script for a message that is not a script', async () => {
    const events = await (await startRun(runRequest('fix the tests please'))).all();
    expect(text(events)).toBe('You said: fix the tests please');
    expect(events.find((event) => event.type === 'todos.updated')).toMatchObject({
      todos: [
        { id: '1', status: 'completed' },
        { id: '2', status: 'in_progress' },
      ],
    });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
  });

  it('lists the workspace files, sorted and recursive', async () => {
    const events = await (
      await startRun(
        runRequest(
          script(
            { write: { path: 'listing/b.txt', content: 'b' } },
            { write: { path: 'listing/a/c.txt', content: 'c' } },
            { list: 'listing' },
            { list: 'nowhere' },
          ),
        ),
      )
    ).all();
    expect(text(events)).toBe('a/c.txt\nb.txtmissing: nowhere');
  });

  it('waits for an answered question, and a second answer is already handled', async () => {
    const request = runRequest(
      script({ ask: 'Which colour?', options: ['red', 'blue'] }, { text: 'Done.' }),
      { humanLoopDeadlineSeconds: 60 },
    );
    const stream = await startRun(request);
    const asked = await stream.waitFor((event) => event.type === 'human_loop.requested');
    expect(asked).toMatchObject({ kind: 'question', prompt: 'Which colour?', options: ['red', 'blue'] });
    if (asked.type !== 'human_loop.requested') throw new Error('unreachable');
    const deadline = Date.parse(asked.deadlineAt) - Date.parse(asked.at);
    // The deadline is taken a moment before the event's own timestamp.
    expect(deadline).toBeGreaterThan(59_900);
    expect(deadline).toBeLessThanOrEqual(60_000);

    const first = await answer(request.runId, asked.requestId, 'blue');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, alreadyHandled: false });
    const second = await answer(request.runId, asked.requestId, 'red');
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ alreadyHandled: true });
    expect((await answer(request.runId, 'no-such-request', 'x')).status).toBe(404);

    const events = await stream.all();
    expect(stream.types()).toEqual([
      'run.started',
      'tool.started',
      'human_loop.requested',
      'human_loop.resolved',
      'tool.finished',
      'text.delta',
      'text.delta',
      'usage',
      'run.finished',
    ]);
    expect(events.find((event) => event.type === 'tool.started')).toMatchObject({ name: 'AskUserQuestion' });
    expect(events.find((event) => event.type === 'human_loop.resolved')).toMatchObject({
      requestId: asked.requestId,
      answer: 'blue',
    });
    expect(text(events)).toBe('answer: blueDone.');
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
  });

  it('fails the tool call of a denied permission, and the run goes on', async () => {
    const request = runRequest(
      script({ permission: 'delete the build directory' }, { text: 'Skipping that.' }),
    );
    const stream = await startRun(request);
    const asked = await stream.waitFor((event) => event.type === 'human_loop.requested');
    expect(asked).toMatchObject({
      kind: 'permission',
      prompt: 'delete the build directory',
      options: ['allow', 'deny'],
    });
    if (asked.type !== 'human_loop.requested') throw new Error('unreachable');
    expect((await answer(request.runId, asked.requestId, 'deny')).status).toBe(200);

    const events = await stream.all();
    const started = events.find((event) => event.type === 'tool.started');
    expect(started).toMatchObject({ name: 'permission', input: { action: 'delete the build directory' } });
    expect(events.find((event) => event.type === 'tool.finished')).toEqual(
      expect.objectContaining({
        toolCallId: (started as { toolCallId: string }).toolCallId,
        output: 'denied by user',
        isError: true,
      }),
    );
    expect(stream.types().indexOf('tool.finished')).toBeLessThan(stream.types().indexOf('text.delta'));
    expect(text(events)).toBe('Skipping that.');
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
  });

  it('allows a permission answered with "Approve"', async () => {
    const request = runRequest(script({ permission: 'run the migrations' }));
    const stream = await startRun(request);
    const asked = await stream.waitFor((event) => event.type === 'human_loop.requested');
    await answer(request.runId, (asked as { requestId: string }).requestId, 'Approve');
    const events = await stream.all();
    expect(events.find((event) => event.type === 'tool.finished')).toMatchObject({
      output: 'allowed',
      isError: false,
    });
  });

  it('cancels a run during a sleep; cancel is idempotent and the acknowledged run is forgotten', async () => {
    const request = runRequest(
      script({ text: 'Working on it.' }, { sleep: 600_000 }, { text: 'never streamed' }),
    );
    const stream = await startRun(request);
    await stream.waitFor((event) => event.type === 'text.delta');
    expect((await call(`/runs/${request.runId}`, { method: 'DELETE' })).status).toBe(409);

    const cancel = await call(`/runs/${request.runId}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    const events = await stream.all();
    expect(events.at(-1)).toMatchObject({
      type: 'run.finished',
      status: 'canceled',
      error: { class: 'canceled' },
    });
    expect(text(events)).toBe('Working on it.');

    expect((await call(`/runs/${request.runId}/cancel`, { method: 'POST' })).status).toBe(200);
    expect((await call(`/runs/${request.runId}`, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`/runs/${request.runId}/events`)).status).toBe(404);
    expect((await call(`/runs/${request.runId}/cancel`, { method: 'POST' })).status).toBe(404);
  });

  it('cancels a run that waits for a human', async () => {
    const request = runRequest(script({ ask: 'Go on?' }, { text: 'never streamed' }));
    const stream = await startRun(request);
    const asked = await stream.waitFor((event) => event.type === 'human_loop.requested');
    await call(`/runs/${request.runId}/cancel`, { method: 'POST' });
    const events = await stream.all();
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'canceled' });
    expect((await answer(request.runId, (asked as { requestId: string }).requestId, 'yes')).status).toBe(409);
  });

  it('gives every reader every event exactly once, also one that reconnects mid-run, and a retried start attaches', async () => {
    const request = runRequest(
      script(
        { text: 'one two three four' },
        { ask: 'Continue?' },
        { text: 'five six seven' },
        { sleep: 5 },
        { text: 'eight' },
      ),
    );
    const first = await startRun(request);
    await first.waitFor((event) => event.type === 'text.delta');
    const second = await attach(request.runId);
    const disconnect = new AbortController();
    const dropping = await attach(request.runId, 1, disconnect.signal);
    const asked = await dropping.waitFor((event) => event.type === 'human_loop.requested');
    disconnect.abort();
    await dropping.ended;
    // A worker that lost its stream calls POST /runs again: it must attach, not start a second agent.
    const retried = await startRun(request, `?after=${asked.seq - 1}`);
    await retried.waitFor((event) => event.type === 'human_loop.requested');

    await answer(request.runId, (asked as { requestId: string }).requestId, 'yes');
    const resumed = await attach(request.runId, asked.seq);

    const all = await first.all();
    const lastSeq = all.at(-1)!.seq;
    const seqs = (events: ExecutorEvent[]): number[] => events.map((event) => event.seq);
    const range = (from: number): number[] =>
      Array.from({ length: lastSeq - from + 1 }, (_, index) => from + index);
    expect(all.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
    expect(text(all)).toBe('one two three fouranswer: yesfive six seveneight');
    expect(all.filter((event) => event.type === 'run.started')).toHaveLength(1);
    expect(seqs(all)).toEqual(range(1));
    expect(seqs(await second.all())).toEqual(range(1));
    expect(seqs(await retried.all())).toEqual(range(asked.seq));
    expect([...seqs(dropping.events), ...seqs(await resumed.all())]).toEqual(range(2));
    expect(await second.all()).toEqual(all);

    const finished = await attach(request.runId, lastSeq);
    expect(await finished.all()).toEqual([]);
  });

  it('keeps the run going when its only reader disconnects', async () => {
    const request = runRequest(script({ text: 'first' }, { ask: 'Continue?' }, { text: 'second' }));
    const disconnect = new AbortController();
    const stream = await startRun(request, '', disconnect.signal);
    const asked = await stream.waitFor((event) => event.type === 'human_loop.requested');
    disconnect.abort();
    await stream.ended;
    await answer(request.runId, (asked as { requestId: string }).requestId, 'ok');
    const events = await (await attach(request.runId, asked.seq)).all();
    expect(text(events)).toBe('answer: oksecond');
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'succeeded' });
  });

  it('fails a run with the class a "fail" step names', async () => {
    const events = await (
      await startRun(runRequest(script({ text: 'Trying.' }, { fail: 'rate_limited' }, { text: 'never' })))
    ).all();
    expect(events.at(-1)).toMatchObject({
      type: 'run.finished',
      status: 'failed',
      error: {
        class: 'rate_limited',
        message: 'scripted failure: rate_limited',
        suggestion: expect.any(String) as unknown,
      },
    });
    expect(text(events)).toBe('Trying.');
  });

  it('refuses paths that escape the workspace through a symlink, and scripts with ".."', async () => {
    await mkdir(workspace, { recursive: true });
    await writeFile(path.join(outside, 'secret.txt'), 'top secret');
    await symlink(outside, path.join(workspace, 'link-out'));
    const events = await (
      await startRun(
        runRequest(
          script(
            { read: 'link-out/secret.txt' },
            { write: { path: 'link-out/planted.txt', content: 'x' } },
            { text: 'still here' },
          ),
        ),
      )
    ).all();
    const failures = events.filter((event) => event.type === 'tool.finished');
    expect(failures).toHaveLength(2);
    for (const failure of failures)
      expect(failure).toMatchObject({
        isError: true,
        output: expect.stringMatching(/refused path/) as unknown,
      });
    expect(text(events)).toBe('still here');
    await expect(readFile(path.join(outside, 'planted.txt'))).rejects.toThrow(/ENOENT/);

    const refused = await (await startRun(runRequest(script({ read: '../outside/secret.txt' })))).all();
    expect(refused.at(-1)).toMatchObject({
      type: 'run.finished',
      status: 'failed',
      error: { class: 'script_invalid' },
    });
    expect(JSON.stringify(refused)).not.toContain('top secret');
  });

  it('fails a run for a provider this executor does not include', async () => {
    const events = await (await startRun(runRequest('hi', { provider: 'codex-cli' }))).all();
    expect(bodies(events)).toEqual([
      { type: 'run.started', provider: 'codex-cli', model: 'scripted-1' },
      {
        type: 'run.finished',
        status: 'failed',
        error: expect.objectContaining({ class: 'capability_missing' }) as unknown,
      },
    ]);
  });

  it('reports the runs it holds in /health', async () => {
    const request = runRequest(script({ ask: 'Still there?' }));
    const stream = await startRun(request);
    const asked = await stream.waitFor((event) => event.type === 'human_loop.requested');
    const health = (await (await call('/health')).json()) as {
      ok: boolean;
      protocolVersion: number;
      runs: unknown[];
    };
    expect(health).toMatchObject({
      ok: true,
      protocolVersion: 1,
      providers: [
        { name: 'scripted', capabilities: { humanLoop: true, resume: false, todos: true, reasoning: false } },
      ],
    });
    expect(health.runs).toContainEqual({ runId: request.runId, finished: false, lastSeq: asked.seq });
    await call(`/runs/${request.runId}/cancel`, { method: 'POST' });
    await stream.ended;
  });
});

describe('HTTP guards', () => {
  it('answers 401 without detail for a missing or wrong token, on every route', async () => {
    for (const token of [null, 'wrong-token', '']) {
      for (const [pathname, method] of [
        ['/health', 'GET'],
        ['/runs', 'POST'],
        ['/nope', 'GET'],
      ] as const) {
        const response = await call(pathname, {
          method,
          token,
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        expect(response.status).toBe(401);
        expect(await response.text()).toBe('');
      }
    }
    const basic = await fetch(`${baseUrl}/health`, { headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
  });

  it('answers 404 for unknown routes and runs', async () => {
    expect((await call('/nope')).status).toBe(404);
    expect((await call('/health', { method: 'POST' })).status).toBe(404);
    expect((await call('/runs/unknown-run/events')).status).toBe(404);
    expect((await call('/runs/unknown-run', { method: 'DELETE' })).status).toBe(404);
    expect((await answer('unknown-run', 'r', 'x')).status).toBe(404);
  });

  it('refuses bad bodies and queries with 400 and a message', async () => {
    const bad = async (body: string, query = ''): Promise<string> => {
      const response = await call(`/runs${query}`, { method: 'POST', body });
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: string }).error;
    };
    expect(await bad('not json')).toBe('the body is not valid JSON');
    expect(await bad(JSON.stringify({ runId: 'x', provider: 'scripted', model: 'm' }))).toMatch(
      /^invalid body: prompt: /,
    );
    expect(await bad(JSON.stringify({ ...runRequest('hi'), provider: 'gpt' }))).toMatch(/provider/);
    expect(await bad(JSON.stringify({ ...runRequest('hi'), runId: 'a/b' }))).toMatch(/runId/);
    expect(await bad(JSON.stringify(runRequest('hi')), '?after=-1')).toBe(
      '"after" must be a whole number of at least 0',
    );
    const tooLarge = await call('/runs', {
      method: 'POST',
      body: JSON.stringify(runRequest('x'.repeat(1024 * 1024))),
    });
    expect(tooLarge.status).toBe(413);
  });
});
