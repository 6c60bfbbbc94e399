import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGapless } from './support/run-assertions.js';
import { RunStack, shape, textOf, type RunEventResult } from './support/run-stack.js';
import { until } from './support/eventually.js';
import { startWorkerProcess } from './support/worker-process.js';

const ANSWER = `mutation ($input: AnswerHumanLoopInput!) { answerHumanLoop(input: $input) {
  __typename ... on AnswerHumanLoopPayload { alreadyHandled request { id status answer } } ... on Error { message } } }`;

describe('runs end to end (scripted provider, worker in its own process, real session runtime)', () => {
  const stack = new RunStack();

  beforeAll(async () => {
    await stack.start();
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
  }, 60_000);

  it('streams text, todos and a question, takes the answer, and settles SUCCEEDED', async () => {
    const sessionId = await stack.createSession();
    const runId = await stack.sendScript(sessionId, [
      { text: 'Hello from the scripted agent.' },
      {
        todos: [
          { id: 'a', text: 'Read the code', status: 'completed' },
          { id: 'b', text: 'Write tests', status: 'in_progress' },
        ],
      },
      { ask: 'Which colour?', options: ['red', 'blue'] },
      { usage: { inputTokens: 12, outputTokens: 34 } },
    ]);
    const stream = stack.events(runId);
    const untilQuestion = await stream.until((e) => e.__typename === 'HumanLoopRequested');
    const question = untilQuestion.at(-1)!.request;
    expect(question).toMatchObject({
      kind: 'QUESTION',
      prompt: 'Which colour?',
      options: ['red', 'blue'],
      status: 'PENDING',
    });
    // Mid-run, output is the text of the events up to lastSeq: the rest comes after it, once.
    const waiting = await stack.run(runId);
    expect(waiting.status).toBe('WAITING_FOR_HUMAN');
    expect(waiting.output).toBe('Hello from the scripted agent.');
    expect(textOf(waiting.events.filter((e: RunEventResult) => e.seq <= waiting.lastSeq))).toBe(
      waiting.output,
    );

    const first = await stack.query(ANSWER, { input: { requestId: question.id, answer: 'blue' } });
    expect(first.data!.answerHumanLoop).toMatchObject({
      alreadyHandled: false,
      request: { status: 'RESOLVED', answer: 'blue' },
    });
    const second = await stack.query(ANSWER, { input: { requestId: question.id, answer: 'red' } });
    expect(second.data!.answerHumanLoop).toMatchObject({
      alreadyHandled: true,
      request: { status: 'RESOLVED', answer: 'blue' },
    });

    const events = await stream.toEnd();
    expectGapless(events);
    // Times keep the executor's microseconds, live and in the stored log alike (compared below).
    for (const event of events) expect(event.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(events.some((event) => !event.at.endsWith('000Z'))).toBe(true);
    expect(shape(events)).toEqual([
      'RunStatusChanged:STARTING',
      'RunStatusChanged:RUNNING',
      'AssistantTextDelta',
      'ToolCallStarted:TodoWrite',
      'TodoListUpdated',
      'ToolCallFinished',
      'ToolCallStarted:AskUserQuestion',
      'HumanLoopRequested',
      'RunStatusChanged:WAITING_FOR_HUMAN',
      'HumanLoopResolved',
      'RunStatusChanged:RUNNING',
      'ToolCallFinished',
      'AssistantTextDelta',
      'RunUsageReported',
      'RunFinished:SUCCEEDED',
    ]);
    expect(textOf(events)).toBe('Hello from the scripted agent.answer: blue');
    const todos = events.find((e) => e.__typename === 'TodoListUpdated')!.todos;
    expect(todos).toEqual([
      { id: 'a', text: 'Read the code', status: 'COMPLETED', order: 0 },
      { id: 'b', text: 'Write tests', status: 'IN_PROGRESS', order: 1 },
    ]);

    const run = await stack.run(runId);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      output: 'Hello from the scripted agent.answer: blue',
      usage: { inputTokens: 12, outputTokens: 34 },
      lastSeq: events.length,
      error: null,
      humanLoopRequests: [{ id: question.id, status: 'RESOLVED', answer: 'blue' }],
    });
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    // The log read later is the same log; a request inside it shows its state now, so leave that out.
    const withoutRequests = (list: RunEventResult[]) => list.map(({ request: _request, ...rest }) => rest);
    expect(withoutRequests(run.events)).toEqual(withoutRequests(events));

    // A new subscription with afterSeq replays exactly the later events, then completes.
    const replay = await stack.events(runId, 5).toEnd();
    expect(withoutRequests(replay)).toEqual(withoutRequests(events.slice(5)));
  });

  it('gives a reconnecting subscriber every event exactly once', async () => {
    const sessionId = await stack.createSession();
    const runId = await stack.sendScript(sessionId, [
      { text: 'one two three four' },
      { sleep: 300 },
      { text: ' five six seven eight' },
      { sleep: 300 },
      { text: ' nine ten' },
    ]);
    const firstStream = stack.events(runId);
    const seen = await firstStream.until((e) => e.__typename === 'AssistantTextDelta');
    firstStream.dispose();
    const rest = await stack.events(runId, seen.at(-1)!.seq).toEnd();
    const all = [...seen, ...rest];
    expectGapless(all);
    expect(textOf(all)).toBe('one two three four five six seven eight nine ten');
  });

  it('runs the messages of one session one at a time, in order, and cancels a queued and a running run', async () => {
    const sessionId = await stack.createSession();
    const running = await stack.sendScript(sessionId, [
      { text: 'working' },
      { sleep: 60_000 },
      { text: 'never' },
    ]);
    const queued = await stack.sendScript(sessionId, [{ text: 'second' }]);
    const third = await stack.sendScript(sessionId, [{ text: 'third' }]);

    await stack.events(running).until((e) => e.__typename === 'AssistantTextDelta');
    expect((await stack.run(queued)).status).toBe('QUEUED');

    const cancelQueued = await stack.query(
      `mutation ($input: CancelRunInput!) { cancelRun(input: $input) { ... on RunPayload { run { status } } } }`,
      { input: { runId: queued } },
    );
    expect(cancelQueued.data!.cancelRun.run.status).toBe('CANCELED');
    expect(shape(await stack.events(queued).toEnd())).toEqual(['RunFinished:CANCELED']);

    await stack.query(`mutation ($input: CancelRunInput!) { cancelRun(input: $input) { __typename } }`, {
      input: { runId: running },
    });
    const canceled = await stack.events(running).toEnd();
    expect(canceled.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'CANCELED' });
    expect(textOf(canceled)).toBe('working');

    // The third message runs once the session is free again.
    const thirdEvents = await stack.events(third).toEnd();
    expect(thirdEvents.at(-1)).toMatchObject({ status: 'SUCCEEDED' });
    expect(textOf(thirdEvents)).toBe('third');
  });

  it('returns the same run for the same clientMutationId, with the options it was sent with', async () => {
    const sessionId = await stack.createSession();
    const first = await stack.send(sessionId, 'hello there', 'key-1', { model: 'scripted-large' });
    const again = await stack.send(sessionId, 'hello there', 'key-1');
    expect(again.run.id).toBe(first.run.id);
    const events = await stack.events(first.run.id).toEnd();
    expect(textOf(events)).toContain('hello there');
    const count = await stack.api.services.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>('SELECT count(*) AS n FROM run WHERE session_id = ?', [
        Buffer.from(sessionId, 'base64').toString().split(':')[1],
      ]);
    expect(Number((count as { n: string }[])[0]!.n)).toBe(1);
    const stored = await stack.query(
      `query ($id: ID!) { run(id: $id) { options { model newAgentSession } } }`,
      {
        id: first.run.id,
      },
    );
    expect(stored.data!.run.options).toEqual({ model: 'scripted-large', newAgentSession: false });
  });

  it('refuses bad input with typed errors and creates no run', async () => {
    const sessionId = await stack.createSession();
    const otherUser = await stack.query(
      `mutation { createUser(input: { email: "other@example.com", name: "Other", password: "password1" }) { __typename } }`,
    );
    expect(otherUser.data!.createUser.__typename).toBe('CreateUserPayload');
    const { login } = await import('./support/graphql-client.js');
    const otherToken = await login(stack.api.url, 'other@example.com', 'password1');

    expect((await stack.send(sessionId, '   ')).__typename).toBe('ValidationError');
    expect((await stack.send(sessionId, 'x'.repeat(100_001))).__typename).toBe('ValidationError');
    const malformed = await stack.send(sessionId, JSON.stringify({ script: [{ ask: '' }] }));
    expect(malformed.__typename).toBe('ValidationError');
    expect(malformed.message).toMatch(/step 1/);
    const foreignOption = await stack.send(sessionId, 'hi', undefined, { approvalPolicy: 'NEVER' });
    expect(foreignOption.__typename).toBe('ValidationError');
    expect(foreignOption.fieldErrors).toEqual([
      {
        path: ['options', 'approvalPolicy'],
        message: expect.stringContaining('does not apply to scripted apps'),
      },
    ]);
    expect((await stack.send('not-an-id', 'hi')).__typename).toBe('ValidationError');
    expect(
      (await stack.send(Buffer.from('Session:00000000-0000-0000-0000-000000000000').toString('base64'), 'hi'))
        .__typename,
    ).toBe('NotFoundError');
    const foreign = await stack.query(
      `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }`,
      { input: { sessionId, text: 'hi' } },
      otherToken,
    );
    expect(foreign.data!.sendMessage.__typename).toBe('NotFoundError');
    const runs = await stack.query(
      `query ($id: ID!) { session(id: $id) { runs(first: 10) { edges { node { id } } } } }`,
      {
        id: sessionId,
      },
    );
    expect(runs.data!.session.runs.edges).toEqual([]);
  });

  // SIGKILL: the stalled-job check takes the run over; SIGTERM: the stopping worker hands it on.
  it.each(['SIGKILL', 'SIGTERM'] as const)(
    'finishes a run whose worker got %s mid-stream, with no seq lost or repeated',
    async (signal) => {
      const sessionId = await stack.createSession();
      const runId = await stack.sendScript(sessionId, [
        { text: 'before' },
        { sleep: 1500 },
        { text: ' after' },
      ]);
      await stack.events(runId).until((e) => e.__typename === 'AssistantTextDelta');
      await stack.worker.kill(signal);
      stack.worker = await startWorkerProcess(stack.config);
      const events = await stack.events(runId).toEnd();
      expectGapless(events);
      expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
      expect(textOf(events)).toBe('before after');
      const run = await stack.run(runId);
      expect(run.output).toBe('before after');
      expect(run.attempts).toBe(1);
    },
    90_000,
  );

  it('a run outlives more worker restarts than the stalled-job limit, each taken over at once', async () => {
    const sessionId = await stack.createSession();
    const runId = await stack.sendScript(sessionId, [
      { text: 'before' },
      { ask: 'Go on?', options: ['yes', 'no'] },
      { text: ' after' },
    ]);
    const asked = await stack.events(runId).until((e) => e.__typename === 'HumanLoopRequested');
    const runUuid = Buffer.from(runId, 'base64').toString().split(':')[1]!;
    // More graceful stops than the runs worker's maxStalledCount (5): each one a stall before.
    for (let restart = 0; restart < 6; restart++) {
      await stack.worker.kill('SIGTERM');
      const worker = await startWorkerProcess(stack.config);
      stack.worker = worker;
      await until(
        async () => worker.output().includes(`"runId":"${runUuid}"`),
        `restart ${restart + 1}: the new worker to take the run over`,
      );
    }
    const reply = await stack.query(ANSWER, {
      input: { requestId: asked.at(-1)!.request.id, answer: 'yes' },
    });
    expect(reply.data!.answerHumanLoop).toMatchObject({ alreadyHandled: false });
    const events = await stack.events(runId).toEnd();
    expectGapless(events);
    expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    expect(textOf(events)).toBe('beforeanswer: yes after');
    // The agent was never started again: every worker attached to the one in the executor.
    expect((await stack.run(runId)).attempts).toBe(1);
  }, 240_000);

  it("retries a run whose executor's container was killed, and never leaves it running", async () => {
    const sessionId = await stack.createSession();
    const runId = await stack.sendScript(sessionId, [
      { text: 'started' },
      { sleep: 2000 },
      { text: ' done' },
    ]);
    await stack.events(runId).until((e) => e.__typename === 'AssistantTextDelta');
    const dbSessionId = Buffer.from(sessionId, 'base64').toString().split(':')[1]!;
    await stack.api.services.runtime.remove(dbSessionId);
    const events = await stack.events(runId).toEnd();
    expectGapless(events);
    const finished = events.at(-1)!;
    expect(finished.__typename).toBe('RunFinished');
    if (finished.status === 'SUCCEEDED') {
      expect(events.some((e) => e.__typename === 'RunWarning')).toBe(true);
      expect((await stack.run(runId)).attempts).toBe(2);
    } else {
      expect(finished.error.class).toBeTruthy();
      expect(finished.error.suggestion).toBeTruthy();
    }
  }, 120_000);
});
