import type { Client } from '@urql/core';
import type { AppPrecheckQuery } from '#lib/gql/graphql.ts';
import type { ActionResult } from '#lib/sessions/sessions.service.ts';
import { AppPrecheckDocument } from './app-readiness.documents';

export type Precheck = Extract<NonNullable<AppPrecheckQuery['node']>, { precheck: unknown }>['precheck'];

/** Questions about apps that are asked on their own, apart from the lists that show the apps. */
export function createAppsService({ client }: { client: Client }) {
  return {
    /**
     * The provider precheck, asked afresh each time: it looks at the CLI and the endpoint as they
     * are now, and may take a few seconds where an endpoint does not answer.
     */
    async precheck(appId: string): Promise<ActionResult<Precheck>> {
      const result = await client
        .query(AppPrecheckDocument, { id: appId }, { requestPolicy: 'network-only' })
        .toPromise();
      const node = result.data?.node;
      if (!node || !('precheck' in node)) {
        return { ok: false, message: result.error ? 'The server could not be reached.' : 'No such app.' };
      }
      return { ok: true, value: node.precheck };
    },
  };
}

export type AppsService = ReturnType<typeof createAppsService>;
