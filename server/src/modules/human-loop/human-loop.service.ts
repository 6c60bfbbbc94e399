import { NotFoundError, ValidationError } from '../../errors.js';
import { ExecutorClient } from '../../executor-client/executor-client.js';
import type { Logger } from '../../logger.js';
import { RESUMED, type RedisPubSub } from '../../pubsub/redis-pubsub.js';
import type { SessionRuntime } from '../../runtime/session-runtime.js';
import type { SessionService } from '../sessions/session.service.js';
import type { User } from '../users/user.entity.js';
import type { HumanLoopRequest, HumanLoopStatus } from './human-loop-request.entity.js';
import type { HumanLoopRepository } from './human-loop.repository.js';

const MAX_ANSWER = 10_000;

/** What travels on a user's human-loop topic when one of their runs starts waiting. */
export interface HumanLoopRequestedMessage {
  requestId: string;
}

export const humanLoopTopic = (userId: string) => `user:${userId}:human-loop`;

export class HumanLoopService {
  constructor(
    private readonly requests: HumanLoopRepository,
    private readonly sessions: SessionService,
    private readonly runtime: SessionRuntime,
    private readonly pubsub: RedisPubSub,
    private readonly log: Logger,
  ) {}

  async find(viewer: User, id: string): Promise<HumanLoopRequest | null> {
    const request = await this.requests.findById(id);
    if (!request || !(await this.sessions.find(viewer, request.session.id))) return null;
    return request;
  }

  /**
   * HL2: the first answer is recorded and sent straight to the waiting agent; a later one changes
   * nothing and says so. An answer that cannot be delivered now is delivered by the run's worker.
   */
  async answer(
    viewer: User,
    id: string,
    answer: string,
  ): Promise<{ request: HumanLoopRequest; alreadyHandled: boolean }> {
    if (!answer.trim() || answer.length > MAX_ANSWER) {
      throw new ValidationError(`an answer needs 1 to ${MAX_ANSWER} characters`, [
        { path: ['answer'], message: `must be 1 to ${MAX_ANSWER} characters` },
      ]);
    }
    const request = await this.find(viewer, id);
    if (!request) throw new NotFoundError('HumanLoopRequest', id);
    const won = await this.requests.resolve(id, answer, viewer.id);
    if (won) await this.deliver(request.session.id, request.run.id, id, answer);
    const current = await this.requests.findById(id);
    return { request: current ?? request, alreadyHandled: !won };
  }

  /** Sends a recorded answer to the executor; false when it could not be reached. */
  async deliver(sessionId: string, runId: string, requestId: string, answer: string): Promise<boolean> {
    try {
      const endpoint = await this.runtime.endpoint(sessionId);
      if (!endpoint) return false;
      await new ExecutorClient(endpoint).answer(runId, requestId, { answer });
      return true;
    } catch (error) {
      this.log.warn({ err: error, runId, requestId }, 'delivering an answer failed; the worker will retry');
      return false;
    }
  }

  list(where: {
    runId?: string;
    sessionId?: string;
    status?: HumanLoopStatus | null;
  }): Promise<HumanLoopRequest[]> {
    return this.requests.list(where);
  }

  undelivered(runId: string): Promise<HumanLoopRequest[]> {
    return this.requests.undelivered(runId);
  }

  /**
   * The viewer's new pending requests, across all their sessions. After Redis was away, every
   * request of theirs still pending is sent again, since those asked meanwhile were announced to
   * no one: a client tells a repeat by its id.
   */
  async watch(viewer: User): Promise<AsyncGenerator<HumanLoopRequestedMessage>> {
    const subscription = this.pubsub.subscribe<HumanLoopRequestedMessage | typeof RESUMED>(
      humanLoopTopic(viewer.id),
      { onResume: () => RESUMED },
    );
    await subscription.ready;
    return this.pendingAgainOnResume(subscription, viewer.id);
  }

  private async *pendingAgainOnResume(
    subscription: AsyncIterableIterator<HumanLoopRequestedMessage | typeof RESUMED>,
    ownerId: string,
  ): AsyncGenerator<HumanLoopRequestedMessage> {
    try {
      for await (const message of subscription) {
        if (message !== RESUMED) {
          yield message;
          continue;
        }
        for (const request of await this.requests.list({ ownerId, status: 'PENDING' })) {
          yield { requestId: request.id };
        }
      }
    } finally {
      await subscription.return?.();
    }
  }

  notifyRequested(ownerId: string, requestIds: readonly string[]): Promise<void> {
    return this.pubsub.announce(
      humanLoopTopic(ownerId),
      requestIds.map((requestId) => ({ requestId }) satisfies HumanLoopRequestedMessage),
    );
  }
}
