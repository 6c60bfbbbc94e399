import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../server/src/errors.js';
import {
  SESSION_STATUSES,
  SessionSchema,
  type Session,
} from '../../../server/src/modules/sessions/session.entity.js';
import type { SessionCursor } from '../../../server/src/modules/sessions/session.repository.js';
import { decodeKeysetCursor, encodeKeysetCursor } from '../keyset-cursor.js';
import { builder } from '../builder.js';
import { isEntity } from '../entity-type.js';
import { decodeId, tryDecodeId } from '../global-id.js';
import { viewerOf } from '../viewer.js';
import { SyncFailedError } from '../../../server/src/modules/snapshots/snapshot.errors.js';
import { describedValues } from '../described-values.js';
import { AppRef } from './app.js';
import { UserRef } from './user.js';

export const SessionStatusEnum = builder.enumType('SessionStatus', {
  description: "State of the session's container (its worker).",
  values: describedValues(SESSION_STATUSES, {
    ABSENT: 'No container yet: it is created with the first message or activateSession.',
    STARTING: 'The container is being created or started, and its workspace restored.',
    RUNNING: 'The container is up and its executor answers.',
    IDLE_STOPPING: 'The workspace is being synced before the idle container stops.',
    STOPPED: 'The container is stopped with its workspace; the next message starts it again.',
    REMOVING: 'The workspace is being synced before the container and its volumes are removed.',
    REMOVED: 'No container; the next message creates one and restores the latest snapshot.',
    FAILED: 'The container could not be started; the next message or activateSession tries again.',
  }),
});

export const SessionRef = builder.node(builder.objectRef<Session>('Session'), {
  description: 'One chat with an agent, with its own container and workspace.',
  id: { resolve: (session) => session.id },
  isTypeOf: isEntity(SessionSchema),
  loadOne: (id, context) => (context.viewer ? context.services.sessions.find(context.viewer, id) : null),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Shown in the history; renameSession changes it.' }),
    status: t.field({
      type: SessionStatusEnum,
      description: "Where the session's container is in its life.",
      resolve: (session) => session.status,
    }),
    app: t.field({
      type: AppRef,
      description: 'The app (agent profile) the session chats with.',
      resolve: (session, _args, context) =>
        context.services.apps.getVisible(viewerOf(context), session.app.id),
    }),
    owner: t.field({
      type: UserRef,
      description: 'Who started the session.',
      resolve: (session, _args, context) => context.services.users.get(session.owner.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the session was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the session last changed.' }),
    lastActiveAt: t.expose('lastActiveAt', {
      type: 'DateTime',
      description:
        'When the session was last used (a message sent, a run settled, its container started): the history is ordered by it and idle stop counts from it.',
    }),
    stoppedAt: t.expose('stoppedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the container last stopped.',
    }),
    lastSyncAt: t.expose('lastSyncAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the workspace was last synced to storage successfully.',
    }),
    lastSyncError: t.exposeString('lastSyncError', {
      nullable: true,
      description:
        'Why the last sync failed; null once a sync succeeds. Stop and remove wait for a good sync.',
    }),
    syncFailureCount: t.exposeInt('syncFailureCount', {
      description: 'Failed syncs since the last successful one.',
    }),
  }),
});

builder.queryField('sessions', (t) =>
  t.connection(
    {
      type: SessionRef,
      description: 'Your sessions, most recently active first (the chat history).',
      args: { search: t.arg.string({ description: 'Only sessions whose title contains this text.' }) },
      resolve: (_root, args, context) =>
        resolveCursorConnection(
          { args, toCursor: (session: Session) => encodeKeysetCursor(session.lastActiveAt, session.id) },
          (page: ResolveCursorConnectionArgs) =>
            context.services.sessions.page(viewerOf(context), {
              search: args.search,
              after: page.after ? lastActiveCursor(page.after) : undefined,
              before: page.before ? lastActiveCursor(page.before) : undefined,
              limit: page.limit,
              inverted: page.inverted,
            }),
        ),
    },
    { name: 'SessionConnection', description: 'A page of sessions.' },
    { name: 'SessionEdge', description: 'A session in a page, with its cursor.' },
  ),
);

builder.queryField('session', (t) =>
  t.field({
    type: SessionRef,
    nullable: true,
    description: 'One of your sessions, or null.',
    args: { id: t.arg.id({ required: true, description: "The session's global id." }) },
    resolve: (_root, args, context) => {
      const id = tryDecodeId('Session', String(args.id));
      return id ? context.services.sessions.find(viewerOf(context), id) : null;
    },
  }),
);

const SessionPayload = builder.objectRef<{ session: Session }>('SessionPayload').implement({
  description: 'The session a mutation created or changed.',
  fields: (t) => ({
    session: t.field({
      type: SessionRef,
      description: 'The session as it is now.',
      resolve: (payload) => payload.session,
    }),
  }),
});

const CreateSessionInput = builder.inputType('CreateSessionInput', {
  description: 'A new session.',
  fields: (t) => ({
    appId: t.id({ required: true, description: 'The app (agent profile) to chat with.' }),
    title: t.string({ description: '1 to 200 characters; default "New session".' }),
  }),
});

builder.mutationField('createSession', (t) =>
  t.field({
    type: SessionPayload,
    description: 'Starts a new session on an app. Its container starts with the first message.',
    args: { input: t.arg({ type: CreateSessionInput, required: true, description: 'The new session.' }) },
    errors: {
      types: [ValidationError, NotFoundError, ForbiddenError],
      directResult: true,
      union: { name: 'CreateSessionResult', description: 'The new session, or why none was created.' },
    },
    resolve: async (_root, { input }, context) => ({
      session: await context.services.sessions.create(viewerOf(context), {
        appId: decodeId('App', String(input.appId), ['appId']),
        title: input.title,
      }),
    }),
  }),
);

const RenameSessionInput = builder.inputType('RenameSessionInput', {
  description: "A session's new title.",
  fields: (t) => ({
    sessionId: t.id({ required: true, description: 'The session to rename.' }),
    title: t.string({ required: true, description: 'The new title; 1 to 200 characters.' }),
  }),
});

builder.mutationField('renameSession', (t) =>
  t.field({
    type: SessionPayload,
    description: 'Gives a session a new title.',
    args: {
      input: t.arg({ type: RenameSessionInput, required: true, description: 'The session and its title.' }),
    },
    errors: {
      types: [ValidationError, NotFoundError],
      directResult: true,
      union: { name: 'RenameSessionResult', description: 'The renamed session, or why it was not renamed.' },
    },
    resolve: async (_root, { input }, context) => ({
      session: await context.services.sessions.rename(
        viewerOf(context),
        decodeId('Session', String(input.sessionId), ['sessionId']),
        input.title,
      ),
    }),
  }),
);

builder.subscriptionField('sessionUpdated', (t) =>
  t.field({
    type: SessionRef,
    description: 'The session now, then again each time it changes (title, status, activity).',
    args: { sessionId: t.arg.id({ required: true, description: 'The session to watch.' }) },
    subscribe: async (_root, args, context) => {
      const id = decodeId('Session', String(args.sessionId), ['sessionId']);
      return context.services.sessions.watch(viewerOf(context), id);
    },
    resolve: (change: { sessionId: string }, _args, context) =>
      context.services.sessions.get(viewerOf(context), change.sessionId),
  }),
);

export const SessionIdInput = builder.inputType('SessionIdInput', {
  description: 'Names one of your sessions.',
  fields: (t) => ({ sessionId: t.id({ required: true, description: "The session's global id." }) }),
});

builder.mutationField('activateSession', (t) =>
  t.field({
    type: SessionPayload,
    description: "Starts the session's container (or creates it) and waits until its executor answers.",
    args: { input: t.arg({ type: SessionIdInput, required: true, description: 'The session.' }) },
    errors: {
      types: [ValidationError, NotFoundError],
      directResult: true,
      union: {
        name: 'ActivateSessionResult',
        description: 'The running session, or why it could not be started.',
      },
    },
    resolve: async (_root, { input }, context) => ({
      session: await context.services.lifecycle.activate(
        viewerOf(context),
        decodeId('Session', String(input.sessionId), ['sessionId']),
      ),
    }),
  }),
);

builder.mutationField('stopSession', (t) =>
  t.field({
    type: SessionPayload,
    description:
      "Syncs the session's workspace, then stops its container; the next message starts it again. A failed sync leaves it running.",
    args: { input: t.arg({ type: SessionIdInput, required: true, description: 'The session.' }) },
    errors: {
      types: [ValidationError, NotFoundError, SyncFailedError],
      directResult: true,
      union: { name: 'StopSessionResult', description: 'The stopped session, or why it was left running.' },
    },
    resolve: async (_root, { input }, context) => ({
      session: await context.services.lifecycle.stop(
        viewerOf(context),
        decodeId('Session', String(input.sessionId), ['sessionId']),
      ),
    }),
  }),
);

const DeleteSessionPayload = builder
  .objectRef<{ deletedSessionId: string }>('DeleteSessionPayload')
  .implement({
    description: 'What deleteSession removed.',
    fields: (t) => ({
      deletedSessionId: t.exposeID('deletedSessionId', {
        description: 'The global id of the deleted session.',
      }),
    }),
  });

builder.mutationField('deleteSession', (t) =>
  t.field({
    type: DeleteSessionPayload,
    description: 'Deletes the session with its container, workspace and history.',
    args: { input: t.arg({ type: SessionIdInput, required: true, description: 'The session.' }) },
    errors: {
      types: [ValidationError, NotFoundError],
      directResult: true,
      union: {
        name: 'DeleteSessionResult',
        description: "The deleted session's id, or why nothing was deleted.",
      },
    },
    resolve: async (_root, { input }, context) => {
      await context.services.lifecycle.delete(
        viewerOf(context),
        decodeId('Session', String(input.sessionId), ['sessionId']),
      );
      return { deletedSessionId: String(input.sessionId) };
    },
  }),
);

const RuntimeKindEnum = builder.enumType('RuntimeKind', {
  description: 'Where session executors run.',
  values: {
    DOCKER: { value: 'docker', description: 'One Docker container per session, isolated and limited.' },
    PROCESS: {
      value: 'process',
      description: 'One child process per session, with a workspace directory on the host: no sandbox.',
    },
  } as const,
});

const RuntimeInfo = builder
  .objectRef<{ kind: 'docker' | 'process'; sandboxed: boolean }>('RuntimeInfo')
  .implement({
    description: 'How this deployment runs sessions.',
    fields: (t) => ({
      kind: t.field({
        type: RuntimeKindEnum,
        description: 'Docker containers or host processes.',
        resolve: (info) => info.kind,
      }),
      sandboxed: t.exposeBoolean('sandboxed', {
        description: 'False for the process runtime: agents then run on the host without isolation.',
      }),
    }),
  });

builder.queryField('runtime', (t) =>
  t.field({
    type: RuntimeInfo,
    description: 'How sessions run here; the workbench warns when they are not sandboxed.',
    resolve: (_root, _args, context) => ({
      kind: context.services.runtime.kind,
      sandboxed: context.services.runtime.sandboxed,
    }),
  }),
);

function lastActiveCursor(cursor: string): SessionCursor {
  const { at, id } = decodeKeysetCursor(cursor);
  return { lastActiveAt: at, id };
}
