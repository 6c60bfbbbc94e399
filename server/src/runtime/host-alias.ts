import { lookup } from 'node:dns/promises';
import type { RuntimeKind } from './session-runtime.js';

/** The name session containers reach the Docker host by (each container maps it to the host gateway). */
export const DOCKER_HOST_ALIAS = 'host.docker.internal';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

function withHostname(url: string, hostname: string): string {
  const parsed = new URL(url);
  parsed.hostname = hostname;
  const rewritten = parsed.toString();
  // URL adds a "/" to an empty path; keep the caller's form (base URLs get paths appended).
  return !url.endsWith('/') && rewritten.endsWith('/') ? rewritten.slice(0, -1) : rewritten;
}

/**
 * A URL of a service on the server's host as sessions of this runtime reach it. Containers cannot
 * reach the host's loopback, so for the docker runtime a loopback host becomes the host alias (the
 * service must then listen on an address the Docker bridge reaches, e.g. 0.0.0.0); the process
 * runtime runs on the host and uses the URL as it is.
 */
export function urlForSessions(url: string, runtime: RuntimeKind): string {
  if (runtime !== 'docker' || !LOOPBACK.has(new URL(url).hostname)) return url;
  return withHostname(url, DOCKER_HOST_ALIAS);
}

/**
 * The URL the server checks to learn whether sessions of this runtime reach `url`. The host alias
 * exists inside session containers (and in containers started with it, such as the compose
 * services), not on a plain host: there the server runs on the Docker host itself, the alias's
 * target, and reaches it over loopback. Process sessions run on the host, where an alias that does
 * not resolve fails for them as for the server.
 */
export async function urlFromServer(url: string, runtime: RuntimeKind): Promise<string> {
  const sessionUrl = urlForSessions(url, runtime);
  if (runtime !== 'docker' || new URL(sessionUrl).hostname !== DOCKER_HOST_ALIAS) return sessionUrl;
  try {
    await lookup(DOCKER_HOST_ALIAS);
    return sessionUrl;
  } catch {
    return withHostname(sessionUrl, '127.0.0.1');
  }
}
