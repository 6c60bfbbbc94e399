import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { ProviderRegistry } from '../providers/provider.js';
import type { RunRegistry } from '../runs/run-registry.js';
import type { WorkspaceSync } from '../sync/workspace-sync.js';
import type { RuntimeLayers } from '../workspace/runtime-layers.js';
import { createTokenCheck } from './auth.js';
import { HttpError } from './json-body.js';
import { createRoutes, matchRoute, sendJson } from './routes.js';

export interface ExecutorServerDeps {
  token: string;
  runs: RunRegistry;
  providers: ProviderRegistry;
  logger: Logger;
  sync: WorkspaceSync;
  runtime: RuntimeLayers;
}

/** The executor's HTTP server: token first, then the route, then one place that turns errors into answers. */
export function createExecutorServer({
  token,
  runs,
  providers,
  logger,
  sync,
  runtime,
}: ExecutorServerDeps): Server {
  const authorized = createTokenCheck(token);
  const routes = createRoutes({ runs, providers, logger, sync, runtime });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Unauthenticated callers learn nothing, not even which routes exist.
    if (!authorized(request)) {
      response.writeHead(401, { 'content-length': 0 });
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://executor');
    const match = matchRoute(routes, request.method ?? 'GET', url.pathname);
    if (match === null) throw new HttpError(404, 'no such route');
    await match.route.handle({ request, response, params: match.params, query: url.searchParams });
  };

  // Event lines must leave at once, not wait for Nagle to fill a packet.
  return createServer({ noDelay: true }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendJson(response, error.status, error.body);
        return;
      }
      logger.error('request failed', {
        method: request.method,
        path: request.url?.split('?')[0],
        error: String(error),
      });
      sendJson(response, 500, { error: 'internal error' });
    });
  });
}
