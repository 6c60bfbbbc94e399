import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  execute as executeGraphQL,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, maskError, type YogaInitialContext } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { createContext, type GraphQLContext } from '../context.js';
import { isDatabaseUnavailable } from '../db/database-outage.js';
import { DomainError } from '../errors.js';
import { readiness } from '../health.js';
import { coalesceWrites } from './coalesced-writes.js';
import { renderGraphiQL, serveGraphiQLAsset } from './graphiql.js';
import { SharedEventResults, subscribeSharingResults } from './shared-event-results.js';
import type { Services } from '../services.js';

/** Close code for a WebSocket whose connection_init carries no valid token (API.md). */
export const WS_UNAUTHORIZED = 4401;
/** Close code (RFC 6455 "Try Again Later") for a connection that cannot be authenticated now. */
export const WS_TRY_AGAIN_LATER = 1013;

export interface ApiServer {
  server: Server;
  /** Listens and resolves with the bound port (useful with port 0 in tests). */
  start(): Promise<number>;
  /** Stops accepting, closes sockets and in-flight requests, then resolves. */
  stop(): Promise<void>;
}

type EnvelopedRoot = {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
};

/** One HTTP server: GraphQL over HTTP and graphql-ws on `/graphql`, plus liveness and readiness. */
export function buildApiServer(services: Services, schema: GraphQLSchema): ApiServer {
  const { log, config } = services;
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: { subscriptionsProtocol: 'WS', title: 'agentbench GraphQL' },
    renderGraphiQL,
    landingPage: false,
    logging: {
      debug: (...args) => log.debug(args.map(String).join(' ')),
      info: (...args) => log.info(args.map(String).join(' ')),
      warn: (...args) => log.warn(args.map(String).join(' ')),
      error: (...args) => log.error(args.map(String).join(' ')),
    },
    maskedErrors: {
      isDev: config.env === 'development',
      maskError: maskDomainErrors,
    },
    context: async (initial: YogaInitialContext & { connectionParams?: Record<string, unknown> }) => {
      const authorization = initial.connectionParams
        ? initial.connectionParams.authorization
        : initial.request.headers.get('authorization');
      const requestId = initial.request?.headers.get('x-request-id') ?? randomUUID();
      return createContext(services, authorization, requestId);
    },
  });

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      readiness(services).then(
        (report) => sendJson(res, report.ready ? 200 : 503, report),
        (error: unknown) => sendJson(res, 503, { ready: false, error: String(error) }),
      );
      return;
    }
    if (path === '/') {
      res.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    if (serveGraphiQLAsset(path ?? '', res)) return;
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    void yoga.handle(req, res, { req, res });
  });

  const wsServer = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  coalesceWrites(wsServer);
  const sharedResults = new SharedEventResults();
  // What makes two subscriptions' results identical; afterSeq only decides where replay starts.
  const operationKeys = new WeakMap<ExecutionArgs, string>();
  useServer<Record<string, unknown>, { context?: GraphQLContext }>(
    {
      onConnect: async (ctx) => {
        let context: GraphQLContext;
        try {
          context = await createContext(services, ctx.connectionParams?.authorization);
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          // Not 4500, which graphql-ws clients take as fatal: 1013 has them reconnect with backoff.
          ctx.extra.socket.close(WS_TRY_AGAIN_LATER, 'the database is unreachable; try again shortly');
          return false;
        }
        if (!context.viewer) {
          ctx.extra.socket.close(WS_UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        // Authenticated once per connection; every operation on it reuses the principal.
        (ctx.extra as { context?: GraphQLContext }).context = context;
        return true;
      },
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => {
        const key = operationKeys.get(args);
        const root = args.rootValue as EnvelopedRoot;
        if (!key) return root.subscribe(args) as never;
        const isDev = config.env === 'development';
        // Per event, like graphql-js's own subscribe: a plain execute over the event. Errors, of an
        // event or of subscribing itself, are masked like every other result.
        const mask = (result: ExecutionResult): ExecutionResult =>
          result.errors
            ? {
                ...result,
                errors: result.errors.map(
                  (e) => maskDomainErrors(e, 'Unexpected error.', isDev) as GraphQLError,
                ),
              }
            : result;
        const executeEvent = async (eventArgs: ExecutionArgs) => mask(await executeGraphQL(eventArgs));
        return subscribeSharingResults(args, executeEvent, sharedResults, key).then((outcome) =>
          Symbol.asyncIterator in outcome ? outcome : mask(outcome),
        ) as never;
      },
      onSubscribe: (ctx, _id, params) => {
        const enveloped = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const connection = (ctx.extra as { context?: GraphQLContext }).context;
        if (!connection) return [new GraphQLError('connection is not authenticated')];
        let document: DocumentNode;
        try {
          document = enveloped.parse(params.query) as DocumentNode;
        } catch (error) {
          // A syntax error is the client's mistake: answer it on this operation, keep the socket.
          return [error instanceof GraphQLError ? error : new GraphQLError('the query could not be parsed')];
        }
        const errors = enveloped.validate(
          enveloped.schema as GraphQLSchema,
          document,
        ) as readonly GraphQLError[];
        if (errors.length) return errors;
        const args: ExecutionArgs = {
          schema: enveloped.schema as GraphQLSchema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: { ...connection, requestId: randomUUID() } satisfies GraphQLContext,
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe } satisfies EnvelopedRoot,
        };
        const { afterSeq: _afterSeq, ...shaping } = params.variables ?? {};
        operationKeys.set(
          args,
          JSON.stringify([connection.viewer?.id, params.query, params.operationName ?? null, shaping]),
        );
        return args;
      },
    },
    wsServer,
  );

  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return {
    server,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.http.port, config.http.host, () => {
          const port = (server.address() as AddressInfo).port;
          log.info({ host: config.http.host, port }, 'api listening');
          resolve(port);
        });
      }),
    stop: async () => {
      for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      // Requests still running, and WebSockets whose peer never answers the close (ws would wait
      // 30 s for it), are cut after the grace period, so a deploy never hangs.
      const force = setTimeout(() => {
        for (const client of wsServer.clients) client.terminate();
        for (const socket of sockets) socket.destroy();
      }, 5_000);
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      clearTimeout(force);
    },
  };
}

/**
 * A domain error outside a mutation's typed union (a query or subscription argument) still tells
 * the caller what was wrong, with its code; so does an unreachable database, which a client
 * should retry shortly rather than report; anything else stays masked.
 */
function maskDomainErrors(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const at = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, { ...at, extensions: { code: original.code } });
  }
  if (isDatabaseUnavailable(original)) {
    return new GraphQLError('the database is unreachable for the moment; try again shortly', {
      ...at,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  }
  return maskError(error, message, isDev);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.:-]{1,128}$/.test(first) ? first : undefined;
}
