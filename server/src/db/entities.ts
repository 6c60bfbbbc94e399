import { AppSchema } from '../modules/apps/app.entity.js';
import { ApiTokenSchema } from '../modules/auth/api-token.entity.js';
import { HumanLoopRequestSchema } from '../modules/human-loop/human-loop-request.entity.js';
import { RunEventSchema } from '../modules/runs/run-event.entity.js';
import { RunSchema } from '../modules/runs/run.entity.js';
import { TodoSchema } from '../modules/todos/todo.entity.js';
import { UsageRecordSchema } from '../modules/usage/usage-record.entity.js';
import { SessionSchema } from '../modules/sessions/session.entity.js';
import { BlobSchema } from '../modules/snapshots/blob.entity.js';
import { SnapshotSchema } from '../modules/snapshots/snapshot.entity.js';
import { UserSchema } from '../modules/users/user.entity.js';

/** Every entity the ORM knows; the migration generator diffs the database against this list. */
export const entities = [
  UserSchema,
  ApiTokenSchema,
  AppSchema,
  SessionSchema,
  RunSchema,
  RunEventSchema,
  TodoSchema,
  HumanLoopRequestSchema,
  UsageRecordSchema,
  SnapshotSchema,
  BlobSchema,
];
