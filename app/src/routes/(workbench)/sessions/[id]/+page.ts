import { RuntimeDocument } from '#lib/sessions/session-panel.documents.ts';
import type { PageLoad } from './$types';

export const load = (async ({ parent, params }) => {
  const { services } = await parent();
  // How sessions run is a fact of the deployment; a failure only hides the warning's certainty.
  const result = await services.graphql.query(RuntimeDocument, {}).toPromise();
  return { sessionId: params.id, runtime: result.data?.runtime ?? null };
}) satisfies PageLoad;
