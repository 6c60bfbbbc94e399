import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exitReason, httpStatus, waitUntil } from './probes.mjs';

export const APP_ENTRY_POINTS = ['server/src/bin/api.ts', 'server/src/bin/worker.ts', 'app/server.js'];

export function missingEntryPoints(repoRoot, paths = APP_ENTRY_POINTS) {
  return paths.filter((path) => !existsSync(join(repoRoot, path)));
}

// A server bound to all interfaces is still reached through loopback.
const reachableHost = (host) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);

// `serverEnv` goes to the API and the worker only (e.g. agent keys: the worker hands them to
// sessions, the API's precheck reports whether they are set), never to the web server.
export function startAppServers({ repoRoot, env, ports, supervisor, serverEnv = {} }) {
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const webHost = env.WORKBENCH_HOST || '127.0.0.1';
  const webUrl = `http://${reachableHost(webHost)}:${ports.web}`;
  const common = { cwd: repoRoot };
  const handles = [
    supervisor.start('api', 'tsx', ['server/src/bin/api.ts'], {
      ...common,
      env: { ...env, ...serverEnv, HOST: '127.0.0.1', PORT: String(ports.api) },
      marker: 'server/src/bin/api.ts',
    }),
    supervisor.start('worker', 'tsx', ['server/src/bin/worker.ts'], {
      ...common,
      env: { ...env, ...serverEnv },
      marker: 'server/src/bin/worker.ts',
    }),
    supervisor.start('web', process.execPath, ['app/server.js'], {
      ...common,
      env: { ...env, HOST: webHost, PORT: String(ports.web), API_URL: apiUrl },
      marker: 'app/server.js',
    }),
  ];
  return { handles, apiUrl, webUrl, webHost };
}

export async function waitForAppServers({ handles, apiUrl, webUrl }, timeoutMs) {
  const failedBecause = () => handles.map((handle) => exitReason(handle)()).find(Boolean) ?? null;
  await waitUntil(async () => (await httpStatus(`${apiUrl}/readyz`)) === 200, {
    what: `API (${apiUrl}/readyz)`,
    timeoutMs,
    failedBecause,
  });
  await waitUntil(
    async () => {
      const status = await httpStatus(`${webUrl}/`);
      return status > 0 && status < 500;
    },
    { what: `workbench (${webUrl}/)`, timeoutMs, failedBecause },
  );
}
