import { createServices, type Services } from '#lib/services.ts';
import type { LayoutLoad } from './$types';

// The session token lives in the browser, so there is nothing useful to render on the server.
export const ssr = false;
export const prerender = false;

let services: Services | undefined;

export const load = (() => {
  services ??= createServices(window);
  return { services };
}) satisfies LayoutLoad;
