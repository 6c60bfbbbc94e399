import { AppsDocument } from '#lib/apps/app-picker.documents.ts';
import type { PageLoad } from './$types';

export const load = (async ({ parent }) => {
  const { services } = await parent();
  const result = await services.graphql
    .query(AppsDocument, {}, { requestPolicy: 'network-only' })
    .toPromise();
  if (result.error || !result.data) throw result.error ?? new Error('The apps query returned no data.');
  return { apps: result.data.apps.edges.map((edge) => edge.node) };
}) satisfies PageLoad;
