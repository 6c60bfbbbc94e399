import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { PageLoad } from './$types';

export const load = (async ({ parent }) => {
  const { services } = await parent();
  // A token that the server has since revoked is caught by the workbench, which sends us back.
  if (services.auth.isSignedIn) redirect(307, resolve('/(workbench)'));
  return {};
}) satisfies PageLoad;
