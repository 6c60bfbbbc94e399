import type { HandleClientError } from '@sveltejs/kit/hooks';

// SvelteKit shows "Internal Error" for anything unexpected; in this shell that is almost always the API.
export const handleError = (({ kind, error }) => {
  if (kind !== 'unknown') return;
  console.error(error);
  return { message: 'The workbench could not load its data from the API. Try again in a moment.' };
}) satisfies HandleClientError;
