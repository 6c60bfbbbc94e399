import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { isUnauthenticated, WS_UNAUTHORIZED } from './errors';

export interface GraphqlClientOptions {
  /** HTTP endpoint; relative (`/graphql`) because server.js serves the API on the page's origin. */
  url: string;
  /** WebSocket endpoint for graphql-ws, e.g. `wss://host/graphql`. */
  wsUrl: string;
  /** Read on every request and every (re)connect, so a token set after sign-in is picked up. */
  getToken: () => string | null;
  /** Called when the API rejects the token (HTTP `UNAUTHENTICATED` or WebSocket close 4401). */
  onUnauthenticated: () => void;
}

export interface GraphqlConnection {
  client: Client;
  /** Closes the live WebSocket; it reconnects on demand with the current token. */
  resetConnection: () => void;
  dispose: () => void | Promise<void>;
}

/** The endpoints on the page's own origin. */
export function sameOriginEndpoints(location: Location): Pick<GraphqlClientOptions, 'url' | 'wsUrl'> {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: '/graphql', wsUrl: `${scheme}//${location.host}/graphql` };
}

const MAX_RETRY_DELAY_MS = 30_000;

/** Exponential backoff with full jitter, capped so a long outage is retried twice a minute. */
async function backoff(retries: number): Promise<void> {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** retries);
  await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
}

function isCloseEvent(value: unknown): value is { code: number } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number'
  );
}

export function createGraphqlClient(options: GraphqlClientOptions): GraphqlConnection {
  const authorization = (): string | undefined => {
    const token = options.getToken();
    return token ? `Bearer ${token}` : undefined;
  };

  let socket: WebSocket | undefined;
  const ws: WsClient = createWsClient({
    url: options.wsUrl,
    lazy: true,
    retryAttempts: Infinity,
    retryWait: backoff,
    connectionParams: () => {
      const value = authorization();
      return value ? { authorization: value } : {};
    },
    on: {
      connected: (s) => {
        socket = s as WebSocket;
      },
      closed: (event) => {
        socket = undefined;
        // 4401 is fatal to graphql-ws (no retry); the session is over.
        if (isCloseEvent(event) && event.code === WS_UNAUTHORIZED) options.onUnauthenticated();
      },
    },
  });

  const client = new Client({
    url: options.url,
    preferGetMethod: false,
    fetchOptions: () => {
      const value = authorization();
      return value ? { headers: { authorization: value } } : {};
    },
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) options.onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return {
    client,
    resetConnection: () => {
      // 4205 is not fatal to graphql-ws: active subscriptions resubscribe on a fresh connection.
      if (socket && socket.readyState === WebSocket.OPEN) socket.close(4205, 'Client Restart');
    },
    dispose: () => ws.dispose(),
  };
}
