import { expect, test, type Page } from './fixtures';
import {
  PROVIDER_SCRIPTS,
  QUESTION,
  scenarioMarker,
  scenarioScript,
  TODOS,
} from '../../server/test/support/scripted-llm/provider-scripts.js';
import { ScriptedLlm } from '../../server/test/support/scripted-llm/scripted-llm.js';
import { adminToken, lastAnswer, newSession, saveApp, sendMessage, signIn, uniqueTitle } from './workbench';

/**
 * The real agent CLIs (Claude Code, Codex CLI, OpenCode) in their session containers, driven from
 * the workbench, each against a scripted LLM that speaks its vendor's API. The LLM listens on every
 * interface of this machine; the app names it on loopback and the platform hands session
 * containers the Docker host alias instead. The app's key is the deployment key `E2E`, which the
 * test command gives the worker (AGENT_KEY_E2E).
 */

const PROVIDER_NAMES = { CLAUDE_CODE: 'Claude Code', CODEX_CLI: 'Codex CLI', OPENCODE: 'OpenCode' };

/** The first answer waits for the session's container to start and the agent CLI to boot. */
const FIRST_ANSWER = { timeout: 120_000 };
/** Later steps go through the CLI, the worker and the API on a shared 2-core machine. */
const NEXT_STEP = { timeout: 60_000 };

/** How often `text` occurs in the text of the page's last answer. */
async function occurrences(page: Page, text: string): Promise<number> {
  const whole = (await lastAnswer(page).getByTestId('assistant-text').allTextContents()).join('\n');
  return whole.split(text).length - 1;
}

for (const script of PROVIDER_SCRIPTS) {
  const providerName = PROVIDER_NAMES[script.provider];
  const appName = `${providerName} on the scripted LLM`;

  test.describe(providerName, () => {
    const llm = new ScriptedLlm();
    // The scripted model holds back the turn that asks until the test lets it go: until then the
    // run is busy (between the todo update and the question), which is when the page reloads.
    let letAsk = (): void => {};
    const askHeld = new Promise<void>((resolve) => (letAsk = resolve));

    test.beforeAll(async ({ playwright }, testInfo) => {
      // Every interface, so that session containers reach it through the Docker host's gateway.
      await llm.start('0.0.0.0');
      llm.respond(scenarioScript(script, { holdUntil: { ask: askHeld } }));
      const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
      try {
        await saveApp(request, await adminToken(request), {
          slug: `e2e-${script.provider.toLowerCase().replaceAll('_', '-')}`,
          name: appName,
          description: `The real ${providerName} CLI against the browser tests' scripted LLM.`,
          provider: script.provider,
          model: script.model,
          options: { ...script.options, baseUrl: script.baseUrl(llm.url), apiKeyRef: 'E2E' },
        });
      } finally {
        await request.dispose();
      }
    });

    test.afterAll(async () => {
      letAsk();
      await llm.stop();
    });

    test('streams the answer with todos, asks a question, survives reloads and finishes', async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await signIn(page);
      await newSession(page, uniqueTitle(providerName), new RegExp(`^${appName}`));
      await sendMessage(page, `Plan the work, then ask me. ${scenarioMarker(['todo', 'ask'])}`);

      const answer = lastAnswer(page);
      const status = answer.getByTestId('run-status');
      const todos = page.getByRole('region', { name: /Todos/ });
      const [done, inProgress] = TODOS;

      await test.step('the text streams in and the todos appear while the run goes on', async () => {
        await expect(answer.getByText('Working on todo.')).toBeVisible(FIRST_ANSWER);
        await expect(todos.getByRole('region', { name: 'Done' })).toContainText(done.text, NEXT_STEP);
        await expect(todos.getByRole('region', { name: 'In progress' })).toContainText(inProgress.text);
        await expect(status).toHaveText('Running');
      });

      await test.step('a reload while the agent works shows the conversation once', async () => {
        await page.reload();
        await expect(answer.getByText('Working on todo.')).toBeVisible();
        await expect(todos.getByRole('region', { name: 'Done' })).toContainText(done.text);
        await expect(todos.getByRole('region', { name: 'In progress' })).toContainText(inProgress.text);
        await expect(status).toHaveText('Running');
        expect(await occurrences(page, 'Working on todo.')).toBe(1);
        letAsk();
      });

      const panel = page.getByRole('region', { name: /Waiting for you/ });
      const question = panel.getByRole('article', { name: 'Question' });

      await test.step('the agent asks; the question waits in the panel', async () => {
        await expect(question).toContainText(QUESTION.question, NEXT_STEP);
        await expect(status).toHaveText('Waiting for you');
        await expect(answer.getByText('Working on ask.')).toBeVisible();
      });

      await test.step('a reload while the agent waits keeps the question and the text', async () => {
        await page.reload();
        await expect(question).toContainText(QUESTION.question);
        await expect(status).toHaveText('Waiting for you');
        await expect(answer.getByText('Working on ask.')).toBeVisible();
        expect(await occurrences(page, 'Working on todo.')).toBe(1);
        expect(await occurrences(page, 'Working on ask.')).toBe(1);
      });

      await test.step('answering with an option lets the run finish with the answer', async () => {
        for (const option of QUESTION.options) {
          await expect(question.getByRole('button', { name: option.label, exact: true })).toBeVisible();
        }
        await question.getByRole('button', { name: 'blue', exact: true }).click();
        await expect(status).toHaveText('Succeeded', NEXT_STEP);
        await expect(answer.getByText(/Finished ask: .*blue/)).toBeVisible();
        await expect(panel.getByRole('article', { name: `Resolved: ${QUESTION.question}` })).toContainText(
          'blue',
        );
        await expect(panel.getByText('No questions are waiting.')).toBeVisible();
        for (const text of ['Working on todo.', 'Working on ask.', 'Finished ask:']) {
          expect(await occurrences(page, text), text).toBe(1);
        }
      });
    });
  });
}
