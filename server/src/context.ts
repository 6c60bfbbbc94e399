import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.js';
import type { Principal } from './modules/auth/auth.service.js';
import { bearerToken } from './modules/auth/token.js';
import type { User } from './modules/users/user.entity.js';
import type { Services } from './services.js';

/** Per-operation context, the same shape for HTTP requests and WebSocket subscriptions. */
export interface GraphQLContext {
  services: Services;
  principal: Principal | null;
  viewer: User | null;
  requestId: string;
  log: Logger;
}

/** The one context factory: HTTP passes its Authorization header, graphql-ws its connectionParams value. */
export async function createContext(
  services: Services,
  authorization: unknown,
  requestId: string = randomUUID(),
): Promise<GraphQLContext> {
  const token = bearerToken(authorization);
  const principal = token ? await services.auth.authenticate(token) : null;
  return {
    services,
    principal,
    viewer: principal?.user ?? null,
    requestId,
    log: services.log.child({ requestId, userId: principal?.user.id }),
  };
}
