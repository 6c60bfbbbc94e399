import { APP_ENTRY_POINTS, missingEntryPoints, startAppServers, waitForAppServers } from './app-servers.mjs';
import { persistentDataDir } from './data-dir.mjs';
import { DEV_ADMIN } from './environment.mjs';
import { bold, dim, error, formatDuration, green, info } from './log.mjs';
import { createLifecycle, runToCompletion } from './lifecycle.mjs';
import { provision } from './provision.mjs';
import { runSetup } from './setup.mjs';
import { lockDataDir, unlockDataDir } from './stale-processes.mjs';
import { ensureWorkbenchBuilt } from './workbench-build.mjs';

const READY_TIMEOUT_MS = 180_000;

export function reportUnexpectedExit(handle) {
  const how = handle.exit?.signal
    ? `was killed by ${handle.exit.signal}`
    : `exited with code ${handle.exit?.code}`;
  error(
    `${handle.name} ${how} unexpectedly${handle.logFile ? ` (log: ${handle.logFile})` : ''}; last lines:`,
  );
  for (const line of handle.tail()) console.log(`  ${dim(`[${handle.name}]`)} ${line}`);
}

function banner({ env, webUrl, webHost, apiUrl, dataDir, sessions }) {
  const password = env.ADMIN_PASSWORD
    ? env.ADMIN_PASSWORD === DEV_ADMIN.password
      ? `${env.ADMIN_PASSWORD} (development default)`
      : env.ADMIN_PASSWORD
    : '(ADMIN_PASSWORD)';
  const rule = '─'.repeat(68);
  return [
    '',
    rule,
    bold(green('  agentbench is running')),
    '',
    `  Workbench   ${bold(webUrl)}${webHost === '0.0.0.0' ? dim('  (listening on all interfaces)') : ''}`,
    `  GraphQL     ${apiUrl}/graphql  ${dim('(GraphiQL when opened in a browser)')}`,
    `              ${webUrl}/graphql  ${dim('(the same API through the workbench)')}`,
    `  Sign in     ${env.ADMIN_EMAIL} / ${password}`,
    `  Sessions    ${sessions}`,
    `  Data        ${dataDir}`,
    '',
    '  Ctrl-C stops everything.',
    rule,
    '',
  ].join('\n');
}

export async function runStart({ repoRoot }) {
  const startedAt = Date.now();
  const missing = missingEntryPoints(repoRoot, ['server/src/bin/setup.ts', ...APP_ENTRY_POINTS]);
  if (missing.length) {
    error(`cannot start: missing ${missing.join(', ')}`);
    process.exit(1);
  }
  const dataDir = persistentDataDir(repoRoot);
  // Ctrl-C is how `npm start` is meant to end: a clean stop is a success.
  const lifecycle = createLifecycle({ dataDir, exitCodeOnSignal: () => 0 });
  const { supervisor } = lifecycle;
  supervisor.onUnexpectedExit((handle) => {
    reportUnexpectedExit(handle);
    void lifecycle.shutdown().then(() => process.exit(1));
  });

  await runToCompletion(lifecycle, async () => {
    lockDataDir(dataDir);
    lifecycle.addCleanup(() => unlockDataDir(dataDir));
    const ready = await provision({
      repoRoot,
      dataDir,
      throwaway: false,
      mode: 'start',
      lifecycle,
      withDocker: true,
      withChromium: false,
    });
    const { env, ports } = ready;
    if ((await runSetup({ repoRoot, env, supervisor })) !== 0)
      throw new Error('setup failed (see [setup] above)');
    if ((await ensureWorkbenchBuilt({ repoRoot, env, supervisor })) !== 0)
      throw new Error('workbench build failed');
    const servers = startAppServers({ repoRoot, env, ports, supervisor });
    await waitForAppServers(servers, READY_TIMEOUT_MS);
    console.log(banner({ ...servers, env, dataDir, sessions: ready.sessions }));
    info(`up in ${formatDuration(Date.now() - startedAt)}`);
    return new Promise(() => {});
  });
}
