import type { AnyVariables, Client, CombinedError, DocumentInput } from '@urql/core';
import { retryDelayMs } from './backoff';
import { UNAUTHENTICATED } from './errors';

/**
 * Error codes that another try would meet again: the viewer or the page must change something
 * first (sign in, open another session), so the subscription ends there.
 */
const FINAL_CODES = new Set([
  UNAUTHENTICATED,
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION',
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
]);

function isFinal(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => FINAL_CODES.has(String(e.extensions['code'])));
}

export interface LiveSubscription {
  /** Subscribes afresh now, with the variables as they are now (after a lost connection, a gap). */
  restart(): void;
  unsubscribe(): void;
}

/**
 * A subscription that outlasts passing faults. When it ends in an error that a later try may not
 * meet (the API's database away for a moment, `SERVICE_UNAVAILABLE`; an unexpected fault; a
 * network error), it subscribes again after a backoff, with the variables as they are then, so a
 * run's stream continues after the last event the page has. Data resets the backoff.
 */
export function liveSubscription<Data, Variables extends AnyVariables>(
  client: Client,
  document: DocumentInput<Data, Variables>,
  variables: () => Variables,
  onData: (data: Data) => void,
): LiveSubscription {
  let current: { unsubscribe(): void } | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let retries = 0;
  let stopped = false;

  const clearRetry = () => {
    if (retry !== null) clearTimeout(retry);
    retry = null;
  };

  const start = () => {
    clearRetry();
    current?.unsubscribe();
    current = null;
    if (stopped) return;
    current = client.subscription(document, variables()).subscribe((result) => {
      if (result.data) {
        retries = 0;
        onData(result.data);
      }
      if (result.error && !isFinal(result.error) && !stopped && retry === null) {
        retry = setTimeout(start, retryDelayMs(retries++));
      }
    });
  };

  start();
  return {
    restart: start,
    unsubscribe() {
      stopped = true;
      clearRetry();
      current?.unsubscribe();
      current = null;
    },
  };
}
