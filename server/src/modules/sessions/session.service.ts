import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { RedisPubSub, Subscription } from '../../pubsub/redis-pubsub.js';
import type { AppService } from '../apps/app.service.js';
import type { User } from '../users/user.entity.js';
import type { Session } from './session.entity.js';
import type { SessionPageQuery, SessionRepository } from './session.repository.js';

const MAX_TITLE = 200;

/** What travels on a session's topic; subscribers re-read the session, so the message stays small. */
export interface SessionChanged {
  sessionId: string;
}

export const sessionTopic = (sessionId: string) => `session:${sessionId}`;

export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly apps: AppService,
    private readonly pubsub: RedisPubSub,
  ) {}

  async create(viewer: User, input: { appId: string; title?: string | null }): Promise<Session> {
    const title = normaliseTitle(input.title ?? 'New session');
    const app = await this.apps.getVisible(viewer, input.appId);
    if (!this.apps.canUse(viewer, app))
      throw new ForbiddenError(`you may not start sessions on the app "${app.name}"`);
    const session = await this.sessions.create({ ownerId: viewer.id, appId: app.id, title });
    await this.changed(session.id);
    return session;
  }

  /** A session of the viewer's; anybody else's is reported as missing so ids do not leak. */
  async get(viewer: User, id: string): Promise<Session> {
    const session = await this.sessions.findById(id);
    if (!session || session.owner.id !== viewer.id) throw new NotFoundError('Session', id);
    return session;
  }

  async find(viewer: User, id: string): Promise<Session | null> {
    const session = await this.sessions.findById(id);
    return session && session.owner.id === viewer.id ? session : null;
  }

  page(viewer: User, query: Omit<SessionPageQuery, 'ownerId'>): Promise<Session[]> {
    return this.sessions.page({ ...query, ownerId: viewer.id });
  }

  async rename(viewer: User, id: string, title: string): Promise<Session> {
    const normalised = normaliseTitle(title);
    await this.get(viewer, id);
    const session = await this.sessions.rename(id, normalised);
    if (!session) throw new NotFoundError('Session', id);
    await this.changed(id);
    return session;
  }

  /**
   * Changes of one session, after checking the viewer may see it. The first message is the
   * current state, sent once the live subscription is confirmed, so a client that subscribes
   * instead of querying first can never miss a change in between; after Redis was away, the
   * state is sent again, as changes announced meanwhile were lost.
   */
  async watch(viewer: User, id: string): Promise<Subscription<SessionChanged>> {
    await this.get(viewer, id);
    const subscription = this.pubsub.subscribe<SessionChanged>(sessionTopic(id), {
      onResume: () => ({ sessionId: id }),
    });
    await subscription.ready;
    subscription.push({ sessionId: id });
    return subscription;
  }

  /** Tells sessionUpdated subscribers to look again. */
  notifyChanged(sessionId: string): Promise<void> {
    return this.changed(sessionId);
  }

  private changed(sessionId: string): Promise<void> {
    return this.pubsub.announce(sessionTopic(sessionId), [{ sessionId } satisfies SessionChanged]);
  }
}

function normaliseTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed || trimmed.length > MAX_TITLE) {
    throw new ValidationError(`a title needs 1 to ${MAX_TITLE} characters`, [
      { path: ['title'], message: `must be 1 to ${MAX_TITLE} characters` },
    ]);
  }
  return trimmed;
}
