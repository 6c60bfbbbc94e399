import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppSchema } from '../src/modules/apps/app.entity.js';
import { executorBundleDir } from '../src/runtime/test-support/executor-bundle.js';
import { RunStack, shape, textOf, type RunEventResult } from './support/run-stack.js';
import { ScriptedLlm, type LlmRequest, type LlmTurn } from './support/scripted-llm/scripted-llm.js';

/**
 * Provider contract tests (PR8): each real agent CLI, through the whole platform (GraphQL, queue,
 * worker, executor, provider package, CLI), against a scripted LLM on loopback that speaks its
 * vendor's API. Sessions run on the process runtime: the CLIs are installed as npm packages next
 * to the executor, and the minimal offline session image has neither them nor the glibc the
 * Claude binary needs.
 */

const ANSWER = `mutation ($input: AnswerHumanLoopInput!) { answerHumanLoop(input: $input) {
  __typename ... on AnswerHumanLoopPayload { alreadyHandled request { id status answer } } ... on Error { message } } }`;

type Scenario = 'todo' | 'bash' | 'deny' | 'ask' | 'unauthorized';

interface ProviderCase {
  provider: 'CLAUDE_CODE' | 'CODEX_CLI' | 'OPENCODE';
  model: string;
  options: Record<string, unknown>;
  /** The tool call the scripted model makes for a scenario. */
  tool(
    scenario: Exclude<Scenario, 'unauthorized'>,
    file: string,
  ): { name: string; input: Record<string, unknown> };
}

const QUESTION = {
  question: 'Which colour?',
  header: 'Colour',
  options: [
    { label: 'red', description: 'warm' },
    { label: 'blue', description: 'cool' },
  ],
};

const CASES: ProviderCase[] = [
  {
    provider: 'CLAUDE_CODE',
    model: 'claude-sonnet-4-5',
    options: { permissionMode: 'default' },
    tool: (scenario, file) => {
      switch (scenario) {
        case 'todo':
          return {
            name: 'TodoWrite',
            input: {
              todos: [
                { content: 'Read the code', status: 'completed', activeForm: 'Reading the code' },
                { content: 'Write tests', status: 'in_progress', activeForm: 'Writing tests' },
              ],
            },
          };
        case 'bash':
        case 'deny':
          return { name: 'Bash', input: { command: `echo hi > ${file}`, description: 'write a file' } };
        case 'ask':
          return { name: 'AskUserQuestion', input: { questions: [{ ...QUESTION, multiSelect: false }] } };
      }
    },
  },
  {
    provider: 'CODEX_CLI',
    model: 'gpt-5-codex',
    // `untrusted`: every command that is not known to be harmless asks first.
    options: { approvalPolicy: 'untrusted', sandbox: 'danger-full-access' },
    tool: (scenario, file) => {
      switch (scenario) {
        case 'todo':
          return {
            name: 'update_plan',
            input: {
              plan: [
                { step: 'Read the code', status: 'completed' },
                { step: 'Write tests', status: 'in_progress' },
              ],
            },
          };
        case 'bash':
        case 'deny':
          return { name: 'exec_command', input: { cmd: `echo hi > ${file}` } };
        case 'ask':
          return { name: 'request_user_input', input: { questions: [{ id: 'colour', ...QUESTION }] } };
      }
    },
  },
  {
    provider: 'OPENCODE',
    model: 'scripted-model',
    options: { permission: { bash: 'ask' } },
    tool: (scenario, file) => {
      switch (scenario) {
        case 'todo':
          return {
            name: 'todowrite',
            input: {
              todos: [
                { content: 'Read the code', status: 'completed', priority: 'high' },
                { content: 'Write tests', status: 'in_progress', priority: 'high' },
              ],
            },
          };
        case 'bash':
        case 'deny':
          return { name: 'bash', input: { command: `echo hi > ${file}`, description: 'write a file' } };
        case 'ask':
          return { name: 'question', input: { questions: [QUESTION] } };
      }
    },
  },
];

const SCENARIO = /\[scenario:(\w+) ([\w.-]+)\]/;

/**
 * The scripted model: a prompt carries `[scenario:<name> <file>]`; the first agent turn of a
 * scenario answers with a short text and its tool call, the next one with final text.
 */
function scriptFor(testCase: ProviderCase, served: Set<string>) {
  return (request: LlmRequest): LlmTurn => {
    if (request.tools.length === 0) return { text: 'A title' };
    const match = SCENARIO.exec(request.lastUserText);
    if (!match) return { text: 'Nothing to do.' };
    const [, scenario, file] = match as unknown as [string, Scenario, string];
    if (scenario === 'unauthorized') return { error: { status: 401, message: 'invalid x-api-key' } };
    const key = `${scenario} ${file}`;
    if (!served.has(key)) {
      served.add(key);
      return { text: `Working on ${scenario}.`, tool: testCase.tool(scenario, file) };
    }
    const result = request.toolResults.at(-1)?.output ?? '';
    return { text: `Finished ${scenario}: ${result.slice(0, 200)}` };
  };
}

describe.each(CASES)('provider contract: $provider against the real CLI and a scripted LLM', (testCase) => {
  const stack = new RunStack();
  const llm = new ScriptedLlm();
  const served = new Set<string>();
  let dataDir: string;
  let sessionId: string;

  beforeAll(async () => {
    await executorBundleDir();
    await llm.start();
    llm.respond(scriptFor(testCase, served));
    dataDir = await mkdtemp(join(tmpdir(), 'agentbench-providers-'));
    await stack.start(
      (config) => ({ ...config, sessions: { ...config.sessions, runtime: 'process', dataDir } }),
      { AGENT_KEY_CONTRACT: 'sk-contract-test' },
    );
    // The app points at the scripted LLM (not the deployment's endpoint) and names a deployment key.
    const baseUrl = testCase.provider === 'CLAUDE_CODE' ? llm.url : `${llm.url}/v1`;
    await stack.api.services.orm.em
      .fork()
      .nativeUpdate(
        AppSchema,
        { provider: testCase.provider },
        { model: testCase.model, options: { ...testCase.options, baseUrl, apiKeyRef: 'CONTRACT' } },
      );
    sessionId = await stack.createSession(
      `${testCase.provider} contract`,
      await stack.appId(testCase.provider),
    );
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
    await llm.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  // The API hands out Relay ids ("Session:<uuid>" in base64); the runtime names directories by uuid.
  const workspaceFile = (file: string) =>
    join(dataDir, Buffer.from(sessionId, 'base64').toString('utf8').split(':')[1]!, 'workspace', file);

  async function send(text: string): Promise<string> {
    const sent = await stack.send(sessionId, text);
    if (sent.__typename !== 'RunPayload') throw new Error(`sendMessage failed: ${JSON.stringify(sent)}`);
    return sent.run.id as string;
  }

  async function answerNext(stream: ReturnType<RunStack['events']>, answer: string): Promise<RunEventResult> {
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
  }

  it('streams text deltas and a todo update, reports usage and the agent session', async () => {
    const runId = await send('Plan the work. [scenario:todo none]');
    const events = await stack.events(runId).toEnd();
    expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    expect(events.filter((e) => e.__typename === 'AssistantTextDelta').length).toBeGreaterThan(1);
    expect(textOf(events)).toContain('Working on todo.');
    const todos = events.find((e) => e.__typename === 'TodoListUpdated')?.todos;
    expect(todos).toEqual([
      expect.objectContaining({ text: 'Read the code', status: 'COMPLETED' }),
      expect.objectContaining({ text: 'Write tests', status: 'IN_PROGRESS' }),
    ]);
    const usage = events.find((e) => e.__typename === 'RunUsageReported')?.usage;
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect((await stack.run(runId)).usage).toMatchObject({ inputTokens: usage.inputTokens });
    // The app's endpoint and the named deployment key reached the CLI.
    expect(llm.agentTurns().every((r) => r.key === 'sk-contract-test')).toBe(true);
  }, 120_000);

  it('asks permission for a command; approved, it runs; the second message resumes the conversation', async () => {
    const turnsBefore = llm.agentTurns().length;
    const runId = await send('Write a file. [scenario:bash approved.txt]');
    const stream = stack.events(runId);
    const request = await answerNext(stream, 'allow');
    expect(request.request).toMatchObject({ kind: 'PERMISSION', options: ['allow', 'deny'] });
    expect(request.request.prompt).toContain('approved.txt');
    const events = await stream.toEnd();
    expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    expect(existsSync(workspaceFile('approved.txt')), JSON.stringify(shape(events))).toBe(true);
    // Resume (WS6): the model sees the first message of the session again.
    const turn = llm.agentTurns()[turnsBefore]!;
    expect(JSON.stringify(turn.body)).toContain('Plan the work.');
  }, 120_000);

  it('a denied permission makes the tool fail and the run goes on', async () => {
    const runId = await send('Write another file. [scenario:deny denied.txt]');
    const stream = stack.events(runId);
    await answerNext(stream, 'deny');
    const events = await stream.toEnd();
    expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    expect(existsSync(workspaceFile('denied.txt'))).toBe(false);
    expect(events.find((e) => e.__typename === 'ToolCallFinished')).toMatchObject({ isError: true });
  }, 120_000);

  it('asks a question and the agent gets the answer', async () => {
    const runId = await send('Pick a colour. [scenario:ask none]');
    const stream = stack.events(runId);
    const question = await answerNext(stream, 'blue');
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
    const runId = await send('Anything. [scenario:unauthorized none]');
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
});
