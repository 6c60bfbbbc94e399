import type { CombinedError } from '@urql/core';

/** The API's error code for a missing, malformed, expired or revoked token. */
export const UNAUTHENTICATED = 'UNAUTHENTICATED';

/** The close code graphql-ws uses (and the API sends) when the connection's token is rejected. */
export const WS_UNAUTHORIZED = 4401;

export function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions['code'] === UNAUTHENTICATED);
}
