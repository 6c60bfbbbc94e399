import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A plain HTTP GraphQL call, as any third-party client would make it. */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const result = await gql<{ login: { token?: string; message?: string } }>(
    url,
    `mutation ($input: LoginInput!) { login(input: $input) { ... on LoginPayload { token } ... on Error { message } } }`,
    { input: { email, password } },
  );
  const token = result.data?.login.token;
  if (!token) throw new Error(`login failed: ${JSON.stringify(result)}`);
  return token;
}

/** A real graphql-ws client; `closed` resolves with the close code when the socket closes. */
export function wsClient(url: string, authorization?: string): { client: Client; closed: Promise<number> } {
  let onClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: authorization === undefined ? {} : { authorization },
    on: { closed: (event) => onClosed((event as { code: number }).code) },
    // A refused connection is what some tests want; `closed` reports it, so it is not logged.
    onNonLazyError: () => undefined,
  });
  return { client, closed };
}

/** Collects a subscription's results into an async queue the test can await one by one. */
export function subscribe<T = Record<string, any>>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
) {
  const received: GraphQLResponse<T>[] = [];
  const waiters: ((value: GraphQLResponse<T>) => void)[] = [];
  let completed = false;
  let failure: unknown = null;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        const waiter = waiters.shift();
        if (waiter) waiter(value as GraphQLResponse<T>);
        else received.push(value as GraphQLResponse<T>);
      },
      error: (error) => (failure = error),
      complete: () => (completed = true),
    },
  );
  return {
    next(): Promise<GraphQLResponse<T>> {
      const value = received.shift();
      if (value) return Promise.resolve(value);
      if (failure)
        return Promise.reject(failure instanceof Error ? failure : new Error(JSON.stringify(failure)));
      return new Promise((resolve) => waiters.push(resolve));
    },
    get completed() {
      return completed;
    },
    dispose,
  };
}
