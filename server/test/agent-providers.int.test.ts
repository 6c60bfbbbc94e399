import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppSchema } from '../src/modules/apps/app.entity.js';
import { sessionResourceNames } from '../src/runtime/runtime-names.js';
import type { RuntimeKind } from '../src/runtime/session-runtime.js';
import { executorBundleDir } from '../src/runtime/test-support/executor-bundle.js';
import { execInContainer } from './support/container-exec.js';
import { RunStack, shape, textOf, type RunEventResult } from './support/run-stack.js';
import {
  PROVIDER_SCRIPTS,
  scenarioScript,
  TODOS,
  type ProviderScript,
} from './support/scripted-llm/provider-scripts.js';
import { ScriptedLlm } from './support/scripted-llm/scripted-llm.js';

/**
 * Provider contract tests (PR8): each real agent CLI, through the whole platform (GraphQL, queue,
 * worker, executor, provider package, CLI), against a scripted LLM that speaks its vendor's API.
 *
 * The full contract (streaming, todos, usage, permissions approved and denied, questions, resume,
 * a 401) runs on the Docker runtime, in real session containers: the platform's offline image
 * carries a shell and the libraries the CLIs link, and the host's installed provider packages and
 * CLIs are mounted read-only (the default of SESSION_AGENT_CLIS_DIR). The scripted LLM listens on
 * every interface; the apps name it on loopback, and the platform hands containers
 * host.docker.internal instead. The same suites check App.precheck over GraphQL for each
 * provider's app. The process runtime (for machines without Docker) gets a smoke test per
 * provider: a streamed run with a todo update, then a run that resumes the agent's conversation.
 */

const ANSWER = `mutation ($input: AnswerHumanLoopInput!) { answerHumanLoop(input: $input) {
  __typename ... on AnswerHumanLoopPayload { alreadyHandled request { id status answer } } ... on Error { message } } }`;

const PRECHECK = `query ($id: ID!) { node(id: $id) { ... on App { precheck { ok checks { name ok detail } } } } }`;

/**
 * One provider's platform for a suite: a stack on the given runtime (API here, worker in its own
 * process), the scripted LLM, and a session on the provider's app, which points at the LLM and
 * names a deployment key.
 */
function providerPlatform(testCase: ProviderScript, runtime: RuntimeKind) {
  const stack = new RunStack();
  const llm = new ScriptedLlm();
  let dataDir: string;
  const platform = {
    stack,
    llm,
    sessionId: '',
    /** The app's endpoint: the scripted LLM as the server sees it, on loopback. */
    baseUrl: '',

    async send(text: string): Promise<string> {
      const sent = await stack.send(platform.sessionId, text);
      if (sent.__typename !== 'RunPayload') throw new Error(`sendMessage failed: ${JSON.stringify(sent)}`);
      return sent.run.id as string;
    },

    async answerNext(stream: ReturnType<RunStack['events']>, answer: string): Promise<RunEventResult> {
      const events = await stream.until(
        (e) => e.__typename === 'HumanLoopRequested' || e.__typename === 'RunFinished',
      );
      const last = events.at(-1)!;
      if (last.__typename === 'RunFinished')
        throw new Error(`run finished without asking: ${JSON.stringify(last)}`);
      const reply = await stack.query(ANSWER, { input: { requestId: last.request.id, answer } });
      expect(reply.data!.answerHumanLoop).toMatchObject({
        alreadyHandled: false,
        request: { status: 'RESOLVED', answer },
      });
      return last;
    },

    /** Whether the session's workspace holds the file (in its container, or its directory). */
    async workspaceHas(file: string): Promise<boolean> {
      const id = decodeGlobalID(platform.sessionId).id;
      if (runtime === 'process') return existsSync(join(dataDir, id, 'workspace', file));
      const { container } = sessionResourceNames(stack.config.redis.prefix, id);
      const script = `process.stdout.write(String(require('fs').existsSync(${JSON.stringify(`/workspace/${file}`)})))`;
      return (await execInContainer(stack.api.services.docker, container, ['node', '-e', script])) === 'true';
    },

    /** Another app of this provider (a row written directly) with its own options; its global id. */
    async createApp(slug: string, options: Record<string, unknown>): Promise<string> {
      const em = stack.api.services.orm.em.fork();
      const app = em.create(AppSchema, {
        slug,
        name: slug,
        provider: testCase.provider,
        model: testCase.model,
        options: { ...testCase.options, ...options },
      });
      await em.flush();
      return encodeGlobalID('App', app.id);
    },

    async precheck(
      appId: string,
    ): Promise<{ ok: boolean; checks: { name: string; ok: boolean; detail: string }[] }> {
      const result = await stack.query(PRECHECK, { id: appId });
      if (!result.data?.node) throw new Error(JSON.stringify(result));
      return result.data.node.precheck;
    },
  };

  beforeAll(async () => {
    await executorBundleDir();
    // Every interface, so that containers reach it through the Docker host's gateway.
    await llm.start('0.0.0.0');
    llm.respond(scenarioScript(testCase));
    dataDir = await mkdtemp(join(tmpdir(), 'agentbench-providers-'));
    // The key for the worker (its environment) and for the API's precheck (its config).
    await stack.start(
      (config) => ({
        ...config,
        sessions: { ...config.sessions, runtime, dataDir },
        agents: { ...config.agents, keys: { ...config.agents.keys, CONTRACT: 'sk-contract-test' } },
      }),
      { AGENT_KEY_CONTRACT: 'sk-contract-test' },
    );
    expect(stack.api.services.runtime.kind).toBe(runtime);
    platform.baseUrl = testCase.baseUrl(llm.url);
    await stack.api.services.orm.em.fork().nativeUpdate(
      AppSchema,
      { provider: testCase.provider },
      {
        model: testCase.model,
        options: { ...testCase.options, baseUrl: platform.baseUrl, apiKeyRef: 'CONTRACT' },
      },
    );
    platform.sessionId = await stack.createSession(
      `${testCase.provider} contract`,
      await stack.appId(testCase.provider),
    );
  }, 300_000);

  afterAll(async () => {
    await stack.stop();
    await llm.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  return platform;
}

/** A loopback URL where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe.each(PROVIDER_SCRIPTS)(
  'provider contract on Docker: $provider, real CLI in a session container',
  (testCase) => {
    const platform = providerPlatform(testCase, 'docker');
    const { stack, llm } = platform;

    it('streams text deltas and a todo update, reports usage and the agent session', async () => {
      const runId = await platform.send('Plan the work. [scenario:todo none]');
      const events = await stack.events(runId).toEnd();
      expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
      expect(events.filter((e) => e.__typename === 'AssistantTextDelta').length).toBeGreaterThan(1);
      expect(textOf(events)).toContain('Working on todo.');
      // A plain run of a well-configured app (the model as the provider names it) warns of nothing.
      expect(events.filter((e) => e.__typename === 'RunWarning')).toEqual([]);
      const todos = events.find((e) => e.__typename === 'TodoListUpdated')?.todos;
      expect(todos).toEqual(TODOS.map((todo) => expect.objectContaining(todo)));
      const usage = events.find((e) => e.__typename === 'RunUsageReported')?.usage;
      expect(usage.inputTokens).toBeGreaterThan(0);
      expect(usage.outputTokens).toBeGreaterThan(0);
      expect((await stack.run(runId)).usage).toMatchObject({ inputTokens: usage.inputTokens });
      // The app's endpoint and the named deployment key reached the CLI in its container, which
      // reached the LLM through the Docker host alias.
      const turns = llm.agentTurns();
      expect(turns.length).toBeGreaterThan(0);
      expect(turns.every((r) => r.key === 'sk-contract-test')).toBe(true);
      expect(turns.every((r) => r.host === `host.docker.internal:${new URL(llm.url).port}`)).toBe(true);
    }, 180_000);

    it('asks permission for a command; approved, it runs; the second message resumes the conversation', async () => {
      const turnsBefore = llm.agentTurns().length;
      const runId = await platform.send('Write a file. [scenario:bash approved.txt]');
      const stream = stack.events(runId);
      const request = await platform.answerNext(stream, 'allow');
      expect(request.request).toMatchObject({ kind: 'PERMISSION', options: ['allow', 'deny'] });
      expect(request.request.prompt).toContain('approved.txt');
      const events = await stream.toEnd();
      expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
      expect(await platform.workspaceHas('approved.txt'), JSON.stringify(shape(events))).toBe(true);
      // Resume (WS6): the model sees the first message of the session again.
      const turn = llm.agentTurns()[turnsBefore]!;
      expect(JSON.stringify(turn.body)).toContain('Plan the work.');
    }, 120_000);

    it('a denied permission makes the tool fail and the run goes on', async () => {
      const runId = await platform.send('Write another file. [scenario:deny denied.txt]');
      const stream = stack.events(runId);
      await platform.answerNext(stream, 'deny');
      const events = await stream.toEnd();
      expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
      expect(await platform.workspaceHas('denied.txt')).toBe(false);
      expect(events.find((e) => e.__typename === 'ToolCallFinished')).toMatchObject({ isError: true });
    }, 120_000);

    it('asks a question and the agent gets the answer', async () => {
      const runId = await platform.send('Pick a colour. [scenario:ask none]');
      const stream = stack.events(runId);
      const question = await platform.answerNext(stream, 'blue');
      expect(question.request).toMatchObject({
        kind: 'QUESTION',
        prompt: 'Which colour?',
        options: ['red', 'blue'],
      });
      const events = await stream.toEnd();
      expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
      expect(textOf(events)).toContain('blue');
    }, 120_000);

    it('a 401 from the endpoint fails the run as auth_missing with a suggestion', async () => {
      const runId = await platform.send('Anything. [scenario:unauthorized none]');
      const events = await stack.events(runId).toEnd();
      const finished = events.at(-1)!;
      expect(finished).toMatchObject({
        __typename: 'RunFinished',
        status: 'FAILED',
        error: { class: 'auth_missing' },
      });
      expect(finished.error.suggestion).toMatch(/key|credentials/i);
      // The key never shows in what the API returns.
      expect(JSON.stringify(await stack.run(runId))).not.toContain('sk-contract-test');
    }, 120_000);

    it('App.precheck finds the CLI with its version, the endpoint and key configured, the endpoint answering', async () => {
      const precheck = await platform.precheck(await stack.appId(testCase.provider));
      expect(precheck.checks).toEqual([
        { name: 'options', ok: true, detail: 'the app options are valid' },
        { name: 'cli', ok: true, detail: expect.stringMatching(testCase.version) },
        { name: 'endpoint', ok: true, detail: platform.baseUrl },
        { name: 'credentials', ok: true, detail: 'a key is configured (AGENT_KEY_CONTRACT)' },
        { name: 'reachable', ok: true, detail: `${platform.baseUrl} answers` },
      ]);
      expect(precheck.ok).toBe(true);

      // An endpoint named by the host alias, as containers see it: checked from the server, on the
      // Docker host, where that name does not resolve.
      const aliased = platform.baseUrl.replace('127.0.0.1', 'host.docker.internal');
      const viaAlias = await platform.precheck(
        await platform.createApp(`${testCase.provider.toLowerCase()}-alias`, {
          baseUrl: aliased,
          apiKeyRef: 'CONTRACT',
        }),
      );
      expect(viaAlias.checks.find((check) => check.name === 'reachable')).toEqual({
        name: 'reachable',
        ok: true,
        detail: `${aliased} answers (checked from the server as ${platform.baseUrl})`,
      });
      expect(viaAlias.ok).toBe(true);
    }, 60_000);

    it('App.precheck names an endpoint that does not answer and a key that is not set', async () => {
      const closed = await closedPortUrl();
      const precheck = await platform.precheck(
        await platform.createApp(`${testCase.provider.toLowerCase()}-broken`, {
          baseUrl: closed,
          apiKeyRef: 'MISSING',
        }),
      );
      expect(precheck.ok).toBe(false);
      const byName = Object.fromEntries(precheck.checks.map((check) => [check.name, check]));
      expect(byName.cli).toMatchObject({ ok: true });
      expect(byName.credentials).toEqual({
        name: 'credentials',
        ok: false,
        detail: 'the app names the key MISSING, but AGENT_KEY_MISSING is not set on the server',
      });
      expect(byName.reachable).toEqual({
        name: 'reachable',
        ok: false,
        detail: `${closed} does not answer: ECONNREFUSED`,
      });
    }, 60_000);
  },
);

describe.each(PROVIDER_SCRIPTS)(
  'provider smoke on the process runtime: $provider, real CLI on the host',
  (testCase) => {
    const platform = providerPlatform(testCase, 'process');
    const { stack, llm } = platform;

    it('streams a run with a todo update, and the next run resumes the conversation', async () => {
      const first = await stack.events(await platform.send('Plan the work. [scenario:todo none]')).toEnd();
      expect(first.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
      expect(textOf(first)).toContain('Working on todo.');
      expect(first.find((e) => e.__typename === 'TodoListUpdated')?.todos).toHaveLength(2);
      expect(llm.agentTurns().every((r) => r.host === new URL(llm.url).host)).toBe(true);

      const turnsBefore = llm.agentTurns().length;
      const second = await stack.events(await platform.send('Carry on.')).toEnd();
      expect(second.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
      expect(textOf(second)).toContain('Nothing to do.');
      expect(JSON.stringify(llm.agentTurns()[turnsBefore]!.body)).toContain('Plan the work.');
    }, 180_000);
  },
);
