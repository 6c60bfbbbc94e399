import Docker from 'dockerode';

/** The Docker engine from DOCKER_HOST (unix socket or tcp), or the local socket. */
export function connectDocker(host: string | undefined): Docker {
  if (!host) return new Docker();
  const url = new URL(host);
  if (url.protocol === 'unix:') return new Docker({ socketPath: url.pathname });
  return new Docker({
    host: url.hostname,
    port: Number(url.port || 2375),
    protocol: url.protocol === 'https:' || url.protocol === 'tcp+tls:' ? 'https' : 'http',
  });
}
