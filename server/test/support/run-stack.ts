import type { Client } from 'graphql-ws';
import { gql, login, subscribe, wsClient } from './graphql-client.js';
import { startTestApi, testConfig, type TestApi } from './test-stack.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';
import type { Config } from '../../src/config.js';

export const RUN_EVENT_FIELDS = `__typename seq at
  ... on RunStatusChanged { status }
  ... on AssistantTextDelta { text }
  ... on ReasoningDelta { text }
  ... on ToolCallStarted { toolCallId name input }
  ... on ToolCallFinished { toolCallId output isError }
  ... on TodoListUpdated { todos { id text status order } }
  ... on HumanLoopRequested { request { id kind prompt options status } }
  ... on HumanLoopResolved { request { id status answer } }
  ... on RunWarning { message }
  ... on RunUsageReported { usage { inputTokens outputTokens } }
  ... on RunFinished { status error { class message suggestion } }`;

export interface RunEventResult {
  __typename: string;
  seq: number;
  [field: string]: any;
}

/**
 * The whole platform for run tests: an API server in this process, a job worker in another
 * (so every run crosses processes through Redis), real Postgres, Redis and session runtime.
 */
export class RunStack {
  worker!: WorkerProcess;
  api!: TestApi;
  config!: Config;
  token!: string;
  ws!: Client;
  private drop!: () => Promise<void>;

  /**
   * `configure` adjusts this stack's config (storage endpoint, sweep timings) for API and worker alike;
   * `workerEnv` adds to the worker's environment (e.g. agent endpoints and keys).
   */
  async start(
    configure: (config: Config) => Config = (config) => config,
    workerEnv: Record<string, string> = {},
  ): Promise<this> {
    const test = await testConfig();
    this.config = configure(test.config);
    this.drop = test.drop;
    this.api = await startTestApi(this.config);
    this.worker = await startWorkerProcess(this.config, workerEnv);
    this.token = await login(this.api.url, this.config.admin.email, this.config.admin.password);
    this.ws = wsClient(this.api.wsUrl, `Bearer ${this.token}`).client;
    return this;
  }

  async stop(): Promise<void> {
    await this.ws?.dispose();
    await this.worker?.kill('SIGTERM');
    const sessions = await this.api?.services.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>('SELECT id FROM session');
    for (const { id } of (sessions ?? []) as { id: string }[])
      await this.api.services.runtime.remove(id).catch(() => undefined);
    await this.api?.stop();
    await this.drop?.();
  }

  query(query: string, variables: Record<string, unknown> = {}, token: string = this.token) {
    return gql(this.api.url, query, variables, token);
  }

  async appId(provider = 'SCRIPTED'): Promise<string> {
    const result = await this.query('{ apps(first: 20) { edges { node { id provider } } } }');
    return result.data!.apps.edges.find((e: any) => e.node.provider === provider).node.id;
  }

  async createSession(title = 'test', appId?: string): Promise<string> {
    const result = await this.query(
      `mutation ($input: CreateSessionInput!) { createSession(input: $input) { ... on SessionPayload { session { id } } } }`,
      { input: { appId: appId ?? (await this.appId()), title } },
    );
    return result.data!.createSession.session.id;
  }

  async send(
    sessionId: string,
    text: string,
    clientMutationId?: string,
    options?: Record<string, unknown>,
  ): Promise<any> {
    const result = await this.query(
      `mutation ($input: SendMessageInput!) { sendMessage(input: $input) {
        __typename ... on RunPayload { run { id status } } ... on Error { message } ... on ValidationError { fieldErrors { path message } } } }`,
      { input: { sessionId, text, clientMutationId, options } },
    );
    return result.data!.sendMessage;
  }

  async sendScript(sessionId: string, script: unknown[]): Promise<string> {
    const sent = await this.send(sessionId, JSON.stringify({ script }));
    if (sent.__typename !== 'RunPayload') throw new Error(`sendMessage failed: ${JSON.stringify(sent)}`);
    return sent.run.id;
  }

  /** Subscribes to a run's events; `until` resolves with everything received once the predicate holds. */
  events(runId: string, afterSeq = 0) {
    const sub = subscribe(
      this.ws,
      `subscription ($runId: ID!, $afterSeq: Int) { runEvents(runId: $runId, afterSeq: $afterSeq) { ${RUN_EVENT_FIELDS} } }`,
      {
        runId,
        afterSeq,
      },
    );
    const received: RunEventResult[] = [];
    return {
      received,
      async until(predicate: (event: RunEventResult) => boolean): Promise<RunEventResult[]> {
        for (;;) {
          const next = await sub.next();
          if (next.errors) throw new Error(JSON.stringify(next.errors));
          const event = (next.data as { runEvents: RunEventResult }).runEvents;
          received.push(event);
          if (predicate(event)) return received;
        }
      },
      toEnd(): Promise<RunEventResult[]> {
        return this.until((event) => event.__typename === 'RunFinished');
      },
      dispose: () => sub.dispose(),
    };
  }

  async run(runId: string): Promise<any> {
    const result = await this.query(
      `query ($id: ID!) { run(id: $id) { id status attempts output lastSeq error { class message suggestion }
        usage { inputTokens outputTokens } startedAt finishedAt durationMs
        events { ${RUN_EVENT_FIELDS} } humanLoopRequests { id status answer } } }`,
      { id: runId },
    );
    return result.data!.run;
  }
}

/** Consecutive text deltas joined, so assertions do not depend on how text was chunked. */
export function shape(events: RunEventResult[]): string[] {
  const out: string[] = [];
  for (const event of events) {
    const label =
      event.__typename === 'RunStatusChanged' || event.__typename === 'RunFinished'
        ? `${event.__typename}:${event.status}`
        : event.__typename === 'ToolCallStarted'
          ? `ToolCallStarted:${event.name}`
          : event.__typename;
    if (label === 'AssistantTextDelta' && out.at(-1) === label) continue;
    out.push(label);
  }
  return out;
}

export function textOf(events: RunEventResult[]): string {
  return events
    .filter((e) => e.__typename === 'AssistantTextDelta')
    .map((e) => e.text as string)
    .join('');
}
