import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { LayoutLoad } from './$types';

// Everything inside the workbench needs a session the server still accepts.
export const load = (async ({ parent }) => {
  const { services } = await parent();
  if (!(await services.authService.restoreSession())) redirect(307, resolve('/login'));
  return {};
}) satisfies LayoutLoad;
