import type { GraphQLContext } from '../../server/src/context.js';
import type { User } from '../../server/src/modules/users/user.entity.js';

/**
 * The signed-in user. Root fields are guarded by the `loggedIn` scope, so a missing viewer here is
 * a wiring fault, not a client error.
 */
export function viewerOf(context: GraphQLContext): User {
  if (!context.viewer) throw new Error('resolver reached without a signed-in viewer');
  return context.viewer;
}
