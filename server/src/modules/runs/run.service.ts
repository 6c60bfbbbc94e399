import type { Queue } from 'bullmq';
import { parseScript } from '../../../../executor/src/protocol.js';
import { enqueueRun, type RunJobPayload } from '../../../../jobs/src/queues/runs.queue.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { ExecutorClient } from '../../executor-client/executor-client.js';
import type { Logger } from '../../logger.js';
import type { RedisPubSub } from '../../pubsub/redis-pubsub.js';
import type { SessionRuntime } from '../../runtime/session-runtime.js';
import type { AppService } from '../apps/app.service.js';
import type { SessionService } from '../sessions/session.service.js';
import type { User } from '../users/user.entity.js';
import { isFinalRunStatus, type Run } from './run.entity.js';
import type { RunEventStore } from './run-event.store.js';
import type { StoredRunEvent } from './run-event.types.js';
import type { RunRepository } from './run.repository.js';
import { validateRunOptions } from './run-options.js';
import { streamRunEvents } from './run-stream.js';

export const MAX_MESSAGE_LENGTH = 100_000;
const MAX_CLIENT_MUTATION_ID = 200;

export class RunService {
  constructor(
    private readonly runs: RunRepository,
    private readonly store: RunEventStore,
    private readonly sessions: SessionService,
    private readonly apps: AppService,
    private readonly queue: Queue<RunJobPayload>,
    private readonly runtime: SessionRuntime,
    private readonly pubsub: RedisPubSub,
    private readonly log: Logger,
  ) {}

  /** RN1: a message becomes a queued run; the same clientMutationId again returns the same run. */
  async sendMessage(
    viewer: User,
    input: {
      sessionId: string;
      text: string;
      clientMutationId?: string | null;
      options?: Record<string, unknown> | null;
    },
  ): Promise<{ run: Run; created: boolean }> {
    const issues = [];
    if (!input.text.trim()) issues.push({ path: ['text'], message: 'must not be empty' });
    if (input.text.length > MAX_MESSAGE_LENGTH) {
      issues.push({ path: ['text'], message: `must be at most ${MAX_MESSAGE_LENGTH} characters` });
    }
    const clientMutationId = input.clientMutationId?.trim() || null;
    if (clientMutationId && clientMutationId.length > MAX_CLIENT_MUTATION_ID) {
      issues.push({
        path: ['clientMutationId'],
        message: `must be at most ${MAX_CLIENT_MUTATION_ID} characters`,
      });
    }
    if (issues.length) throw new ValidationError('the message was not sent: check the marked fields', issues);

    const session = await this.sessions.get(viewer, input.sessionId);
    const app = await this.apps.getVisible(viewer, session.app.id);
    const options = validateRunOptions(app.provider, input.options);
    if (app.provider === 'SCRIPTED') {
      const script = parseScript(input.text);
      if (script && !script.ok) {
        throw new ValidationError(`the script is malformed: ${script.error}`, [
          { path: ['text'], message: script.error },
        ]);
      }
    }

    const { run, created, isHead } = await this.runs.createQueued({
      sessionId: session.id,
      prompt: input.text,
      clientMutationId,
      options: Object.keys(options).length ? options : null,
    });
    if (isHead) await this.handToQueue(run.id);
    if (created) await this.sessions.notifyChanged(session.id);
    return { run, created };
  }

  /**
   * The run is recorded in Postgres before it is queued, so Redis being away loses nothing: the
   * run stays QUEUED, and the stranded-run sweep (every 30 s) queues it once Redis answers again.
   * The message was taken, so the caller is told so rather than given an error to retry.
   */
  private async handToQueue(runId: string): Promise<void> {
    await enqueueRun(this.queue, runId).catch((error: unknown) =>
      this.log.warn(
        { err: error, runId },
        'the run is recorded but could not be queued (Redis unreachable): the stranded-run sweep queues it',
      ),
    );
  }

  async get(viewer: User, id: string): Promise<Run> {
    const run = await this.find(viewer, id);
    if (!run) throw new NotFoundError('Run', id);
    return run;
  }

  async find(viewer: User, id: string): Promise<Run | null> {
    const run = await this.runs.findById(id);
    if (!run) return null;
    return (await this.sessions.find(viewer, run.session.id)) ? run : null;
  }

  pageOfSession(sessionId: string, query: { after?: { createdAt: Date; id: string }; limit: number }) {
    return this.runs.pageOfSession(sessionId, query);
  }

  /**
   * The assistant's text so far. A finished run has it stored; for one in progress it is read from
   * the events up to the run's `lastSeq`, so that `output` and `lastSeq` from one read agree and a
   * client that subscribes with `afterSeq: lastSeq` gets the rest of the text exactly once.
   */
  output(run: Run): Promise<string> {
    return isFinalRunStatus(run.status)
      ? Promise.resolve(run.output)
      : this.store.outputUpTo(run.id, run.lastSeq);
  }

  events(run: Run, afterSeq: number, first: number): Promise<StoredRunEvent[]> {
    return this.store.read(run.id, afterSeq, first);
  }

  /** RN6: replay after `afterSeq`, then live, exactly once each, until the run finishes. */
  async watch(viewer: User, runId: string, afterSeq: number): Promise<AsyncGenerator<StoredRunEvent>> {
    await this.get(viewer, runId);
    return streamRunEvents(this.store, this.pubsub, runId, afterSeq);
  }

  /**
   * RN4: a queued run is canceled at once; a running one is asked to stop through its executor
   * (the worker records the end). Canceling a finished run changes nothing.
   */
  async cancel(viewer: User, runId: string): Promise<Run> {
    const run = await this.get(viewer, runId);
    if (isFinalRunStatus(run.status)) return run;
    await this.runs.requestCancel(run.id);
    if (run.status === 'QUEUED') {
      const result = await this.store.append(run.id, [
        {
          record: {
            type: 'RunFinished',
            payload: {
              status: 'CANCELED',
              error: {
                class: 'canceled',
                message: 'canceled before it started',
                suggestion: 'send the message again to run it',
              },
            },
          },
        },
      ]);
      if (result.status === 'CANCELED') {
        await this.queue.remove(run.id).catch(() => 0);
        await this.startNext(run.session.id);
        return this.get(viewer, runId);
      }
    }
    const endpoint = await this.runtime.endpoint(run.session.id).catch(() => null);
    if (endpoint) {
      await new ExecutorClient(endpoint).cancel(run.id).catch((error: unknown) => {
        this.log.warn(
          { err: error, runId },
          'forwarding cancel to the executor failed; the worker will cancel',
        );
      });
    }
    return this.get(viewer, runId);
  }

  /** Hands the session's next queued run to the workers, if the head of its queue is waiting. */
  async startNext(sessionId: string): Promise<void> {
    const head = await this.runs.headOfSession(sessionId);
    if (head?.status === 'QUEUED') await this.handToQueue(head.id);
  }

  /** Re-enqueues queued runs at the head of their session, in case an enqueue was lost in a crash. */
  async requeueStranded(): Promise<number> {
    const ids = await this.runs.queuedHeads(500);
    for (const id of ids) await enqueueRun(this.queue, id);
    return ids.length;
  }
}
