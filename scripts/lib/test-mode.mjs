import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAppServers, waitForAppServers } from './app-servers.mjs';
import { createBrowserNamespace, removeBrowserNamespace } from './browser-namespace.mjs';
import { describeDiff, diffSnapshots, snapshotFiles } from './codegen-freshness.mjs';
import { createThrowawayDataDir, removeDir } from './data-dir.mjs';
import { composeEnvironment } from './environment.mjs';
import { createLifecycle, runToCompletion } from './lifecycle.mjs';
import { bold, error, formatDuration, green, info, red, warn, yellow } from './log.mjs';
import { provision } from './provision.mjs';
import { runCommand } from './run-command.mjs';
import { runSetup } from './setup.mjs';
import { lockDataDir } from './stale-processes.mjs';
import { reportUnexpectedExit } from './start-mode.mjs';
import {
  countPlaywright,
  countSingle,
  countVitest,
  playwrightFailures,
  summaryTable,
  totalsLine,
  vitestFailures,
} from './test-report.mjs';
import { selectSteps, TEST_STEPS } from './test-selection.mjs';
import { ensureWorkbenchBuilt } from './workbench-build.mjs';

const GENERATED_DIR = join('app', 'src', 'lib', 'gql');

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function printStepStart(index, total, title) {
  console.log(`\n${bold(`━━ [${index}/${total}] ${title}`)}`);
}

function printStepEnd(result) {
  const time = formatDuration(result.durationMs);
  const note = result.note ? `: ${result.note}` : '';
  if (result.status === 'passed') console.log(green(`✔ ${result.title} passed in ${time}`));
  else if (result.status === 'skipped') console.log(yellow(`- ${result.title} skipped${note}`));
  else console.log(red(`✘ ${result.title} failed in ${time}${note}`));
}

export async function runTest({ repoRoot, args }) {
  const { steps, unknown } = selectSteps(args);
  if (unknown.length) {
    error(
      `unknown test step(s): ${unknown.join(', ')}. Steps: ${TEST_STEPS.map((step) => step.name).join(', ')}`,
    );
    process.exit(2);
  }
  const dataDir = createThrowawayDataDir(repoRoot, 'test');
  const lifecycle = createLifecycle({ dataDir });
  const { supervisor } = lifecycle;
  const results = [];
  const failures = [];
  const anyFailed = () => results.some((result) => result.status === 'failed');
  supervisor.onUnexpectedExit(reportUnexpectedExit);
  lifecycle.addCleanup(() => {
    if (anyFailed() && process.env.KEEP_TEST_DATA === '1') info(`kept test data in ${dataDir}`);
    else removeDir(dataDir);
  });

  const withServices = steps.some((step) => step.needsServices);
  const withBrowser = steps.some((step) => step.name === 'browser');
  const plan = [...(withServices ? ['services', 'setup'] : []), ...steps.map((step) => step.name)];
  const titles = { services: 'services', setup: 'setup (migrations, seed)' };
  for (const step of steps) titles[step.name] = step.title;

  const outputFile = (name) => join(dataDir, `${name}.json`);
  let env = composeEnvironment({ mode: 'test', userEnv: process.env, repoRoot, dataDir });
  let provisioned = null;
  let setupOk = false;
  const sh = (command, commandArgs, extraEnv = {}) =>
    runCommand(command, commandArgs, {
      env: { ...env, ...extraEnv },
      cwd: repoRoot,
      onChild: (child) => supervisor.trackOneShot(child),
    });
  const single = (code, note) => ({
    status: code === 0 ? 'passed' : 'failed',
    note: code === 0 ? undefined : note,
  });

  const stepBodies = {
    services: async () => {
      provisioned = await provision({
        repoRoot,
        dataDir,
        throwaway: true,
        mode: 'test',
        lifecycle,
        withDocker: true,
        withChromium: withBrowser,
      });
      env = provisioned.env;
      return { status: 'passed', detail: provisioned.sessions };
    },
    setup: async () => {
      if (!provisioned) return { status: 'skipped', note: 'services did not start' };
      const code = await runSetup({ repoRoot, env, supervisor });
      setupOk = code === 0;
      return single(code, 'see [setup] output above');
    },
    lint: async () => single(await sh('npm', ['run', 'lint']), 'see lint output above'),
    check: async () => single(await sh('npm', ['run', 'check']), 'see type errors above'),
    schema: async () =>
      single(
        await sh('tsx', ['schema/src/print.ts', '--check']),
        'schema/schema.graphql is stale: run npm run schema:print',
      ),
    codegen: async () => {
      const generated = join(repoRoot, GENERATED_DIR);
      const before = snapshotFiles(generated);
      const code = await sh('npm', ['run', 'codegen']);
      if (code !== 0) return { status: 'failed', note: `npm run codegen exited ${code}` };
      const diff = diffSnapshots(before, snapshotFiles(generated));
      if (diff.same) return { status: 'passed' };
      console.log(
        `generated files differ from the committed ones:\n${describeDiff(diff, `${GENERATED_DIR}/`).join('\n')}`,
      );
      return { status: 'failed', note: 'run npm run codegen and commit' };
    },
    unit: async () => {
      const file = outputFile('unit');
      const code = await sh('vitest', vitestArgs('unit', file));
      return vitestSuite(readJson(file), code, repoRoot);
    },
    integration: async () => {
      if (!provisioned) return { status: 'skipped', note: 'services did not start' };
      const file = outputFile('integration');
      const code = await sh('vitest', vitestArgs('integration', file), { TEST_DATA_DIR: dataDir });
      return vitestSuite(readJson(file), code, repoRoot);
    },
    browser: async () => {
      if (!provisioned) return { status: 'skipped', note: 'services did not start' };
      if (!setupOk) return { status: 'skipped', note: 'setup failed' };
      if (provisioned.chromiumProblem) return { status: 'failed', note: provisioned.chromiumProblem };
      return runBrowserStep({
        repoRoot,
        dataDir,
        env,
        supervisor,
        ports: provisioned.ports,
        file: outputFile('browser'),
        sh,
      });
    },
  };

  await runToCompletion(lifecycle, async () => {
    lockDataDir(dataDir);
    info(`test data in ${dataDir}`);
    for (const [index, name] of plan.entries()) {
      if (lifecycle.interrupted) break;
      printStepStart(index + 1, plan.length, titles[name]);
      const startedAt = Date.now();
      let outcome;
      try {
        outcome = await stepBodies[name]();
      } catch (err) {
        outcome = { status: 'failed', note: err.message };
      }
      const counts =
        outcome.counts ??
        (outcome.status === 'skipped' ? { passed: 0, failed: 0 } : countSingle(outcome.status));
      const result = {
        title: titles[name],
        status: outcome.status,
        note: outcome.note,
        durationMs: Date.now() - startedAt,
        ...counts,
      };
      if (name === 'services' && result.status === 'passed') info(`sessions: ${outcome.detail}`);
      printStepEnd(result);
      results.push(result);
      for (const failure of outcome.failures ?? []) failures.push({ step: titles[name], ...failure });
    }
    if (lifecycle.interrupted) return 130;
    printFailures(failures);
    console.log(`\n${bold('Summary')}`);
    for (const line of summaryTable(results, formatDuration)) console.log(`  ${line}`);
    // Stopping services prints nothing, so this stays the last line.
    await lifecycle.shutdown();
    console.log(totalsLine(results));
    return anyFailed() ? 1 : 0;
  });
}

function vitestArgs(project, outputFile) {
  const reporters = ['--reporter=default', '--reporter=json', `--outputFile=${outputFile}`];
  return ['run', `--project=${project}`, '--passWithNoTests', ...reporters];
}

function suite(counts) {
  return { status: counts.failed > 0 ? 'failed' : 'passed', counts };
}

function vitestSuite(report, exitCode, repoRoot) {
  return { ...suite(countVitest(report, exitCode)), failures: vitestFailures(report, repoRoot) };
}

function playwrightSuite(report, exitCode, repoRoot) {
  return { ...suite(countPlaywright(report, exitCode)), failures: playwrightFailures(report, repoRoot) };
}

// Repeated at the end, next to the summary, because a CI log often keeps only its tail.
function printFailures(failures) {
  if (failures.length === 0) return;
  console.log(`\n${bold('Failures')}`);
  for (const { step, where, message } of failures) {
    console.log(`  ${red('✗')} ${step}: ${where}`);
    for (const line of message.split('\n')) console.log(`      ${line}`);
  }
}

// The browser tests' apps of the real agent CLIs (app/tests/providers.spec.ts) name the deployment
// key E2E (`apiKeyRef`); their endpoint is a scripted LLM that takes any key. Test stack only: a
// real deployment sets its own AGENT_KEY_<NAME> variables.
const BROWSER_SERVER_ENV = { AGENT_KEY_E2E: 'sk-e2e-scripted-llm' };

async function runBrowserStep({ repoRoot, dataDir, env, supervisor, ports, file, sh }) {
  if ((await ensureWorkbenchBuilt({ repoRoot, env, supervisor })) !== 0) {
    return { status: 'failed', note: 'workbench build failed' };
  }
  const { namespace, reason } = createBrowserNamespace({
    dataDir,
    chromium: env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
  });
  if (namespace) info(`the browser runs in network namespace ${namespace.name}`);
  else
    warn(
      `the browser shares this machine's network (${reason}): Docker's network changes can cancel its page loads`,
    );
  const servers = startAppServers({
    repoRoot,
    env: namespace ? { ...env, WORKBENCH_HOST: namespace.hostAddress } : env,
    ports,
    supervisor,
    serverEnv: BROWSER_SERVER_ENV,
  });
  try {
    await waitForAppServers(servers, 120_000);
    const code = await sh(
      'playwright',
      ['test', '-c', 'app/playwright.config.ts', '--reporter=list,json', '--pass-with-no-tests'],
      {
        WORKBENCH_URL: servers.webUrl,
        GRAPHQL_URL: `${servers.apiUrl}/graphql`,
        PLAYWRIGHT_JSON_OUTPUT_NAME: file,
        ...(namespace ? { PLAYWRIGHT_CHROMIUM: namespace.launcher } : {}),
      },
    );
    return playwrightSuite(existsSync(file) ? readJson(file) : null, code, repoRoot);
  } finally {
    await supervisor.stopMany(servers.handles);
    if (namespace) removeBrowserNamespace(namespace.name);
  }
}
