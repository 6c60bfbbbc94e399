import { builder } from './builder.js';
import './types/scalars.js';
import './types/errors.js';
import './types/user.js';
import './types/auth.js';
import './types/app.js';
import './types/session.js';
import './types/todo.js';
import './types/human-loop.js';
import './types/run-event.js';
import './types/run.js';
import './types/snapshot.js';

/** The whole API; each feature's file registers its types and root fields on the builder. */
export const schema = builder.toSchema({ sortSchema: true });
