import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from './backoff';
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
  /** The WebSocket is (again) connected and acknowledged. */
  onConnected?: () => void;
  /** The WebSocket closed; `intentional` when the workbench closed it itself or it idled out. */
  onClosed?: (event: { code: number; intentional: boolean }) => void;
  /** Whether the browser believes it has a network; retries wait for it rather than spin. */
  isOnline?: () => boolean;
}

export interface GraphqlConnection {
  client: Client;
  /** Closes the live WebSocket; it reconnects on demand with the current token. */
  resetConnection: () => void;
  /**
   * Drops the live WebSocket as lost (the browser went offline: the socket may look open but
   * nothing will get through); subscriptions resume on the next connection.
   */
  dropConnection: () => void;
  dispose: () => void | Promise<void>;
}

/** The endpoints on the page's own origin. */
export function sameOriginEndpoints(location: Location): Pick<GraphqlClientOptions, 'url' | 'wsUrl'> {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { url: '/graphql', wsUrl: `${scheme}//${location.host}/graphql` };
}

async function backoff(retries: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries)));
}

/**
 * While the browser is offline a retry cannot succeed: wait for the network to come back (then
 * retry at once), or for the usual backoff, whichever is first.
 */
async function waitForNetwork(retries: number, isOnline: () => boolean): Promise<void> {
  if (isOnline() || typeof window === 'undefined') return backoff(retries);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, MAX_RETRY_DELAY_MS);
    function done() {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    }
    window.addEventListener('online', done);
  });
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
  // A close the workbench asked for (after sign-in) is not a lost connection.
  let closingOnPurpose = false;
  const isOnline = options.isOnline ?? (() => true);
  const ws: WsClient = createWsClient({
    url: options.wsUrl,
    lazy: true,
    retryAttempts: Infinity,
    retryWait: (retries) => waitForNetwork(retries, isOnline),
    connectionParams: () => {
      const value = authorization();
      return value ? { authorization: value } : {};
    },
    on: {
      connected: (s) => {
        socket = s as WebSocket;
        options.onConnected?.();
      },
      closed: (event) => {
        socket = undefined;
        const code = isCloseEvent(event) ? event.code : 1006;
        // 1000 is graphql-ws closing an idle lazy connection: nothing was lost.
        const intentional = closingOnPurpose || code === 1000;
        closingOnPurpose = false;
        options.onClosed?.({ code, intentional });
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
      if (socket && socket.readyState === WebSocket.OPEN) {
        closingOnPurpose = true;
        socket.close(4205, 'Client Restart');
      }
    },
    dropConnection: () => {
      if (socket && socket.readyState === WebSocket.OPEN) socket.close(4205, 'Network Lost');
    },
    dispose: () => ws.dispose(),
  };
}
