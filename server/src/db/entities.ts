import { AppSchema } from '../modules/apps/app.entity.js';
import { ApiTokenSchema } from '../modules/auth/api-token.entity.js';
import { SessionSchema } from '../modules/sessions/session.entity.js';
import { UserSchema } from '../modules/users/user.entity.js';

/** Every entity the ORM knows; the migration generator diffs the database against this list. */
export const entities = [UserSchema, ApiTokenSchema, AppSchema, SessionSchema];
