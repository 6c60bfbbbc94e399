import { expect, test } from './fixtures';
import { adminToken, newScriptedSession, newSession, saveApp, signIn, uniqueTitle } from './workbench';

// PR7: before a run starts, the workbench says whether an app's agent can run, and what to change.
// Named to come first in the picker, which lists apps by name.
const KEYLESS = 'Agent with a key nobody set';

let keylessId = '';

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    keylessId = await saveApp(request, await adminToken(request), {
      slug: 'e2e-keyless-claude',
      name: KEYLESS,
      description: 'Names a deployment key that the server does not have.',
      provider: 'CLAUDE_CODE',
      model: 'claude-sonnet-4-5',
      options: { apiKeyRef: 'NOT_SET_IN_THE_BROWSER_TESTS' },
    });
  } finally {
    await request.dispose();
  }
});

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('the app picker and the session panel say whether an agent can run, and what to change', async ({
  page,
}) => {
  const card = (name: string) => page.locator('label', { hasText: name });

  await test.step('the picker: the scripted agent is ready; the keyless app names the missing key', async () => {
    await expect(card('Scripted agent').getByTestId('app-readiness')).toHaveText('Ready to run');
    const keyless = card(KEYLESS).getByTestId('app-readiness');
    await expect(keyless).toContainText('Needs setup');
    await expect(keyless).toContainText(
      'credentials: the app names the key NOT_SET_IN_THE_BROWSER_TESTS, but AGENT_KEY_NOT_SET_IN_THE_BROWSER_TESTS is not set on the server',
    );
    // The CLI itself is there: its check passes and is not listed.
    await expect(keyless).not.toContainText('cli:');
  });

  await test.step('the picker starts on an app that can run, not on the first one listed', async () => {
    await expect(page.getByRole('radio').first()).toHaveAttribute('value', keylessId);
    const chosen = page.locator('label', { has: page.getByRole('radio', { checked: true }) });
    await expect(chosen.getByTestId('app-readiness')).toHaveText('Ready to run');
    // The viewer's own choice stands, ready or not (every precheck has answered by now).
    await page.getByRole('radio', { name: KEYLESS }).check();
    await expect(page.getByRole('radio', { name: KEYLESS })).toBeChecked();
  });

  await test.step('a session on the keyless app shows the same before its first message', async () => {
    await newSession(page, uniqueTitle('Keyless'), KEYLESS);
    const panel = page.getByRole('region', { name: 'Session', exact: true });
    await expect(panel.getByTestId('app-readiness')).toContainText('Needs setup');
    await expect(panel.getByTestId('app-readiness')).toContainText('AGENT_KEY_NOT_SET_IN_THE_BROWSER_TESTS');
  });

  await test.step('a scripted session is ready', async () => {
    await newScriptedSession(page, uniqueTitle('Ready'));
    const panel = page.getByRole('region', { name: 'Session', exact: true });
    await expect(panel.getByTestId('app-readiness')).toHaveText('Ready to run');
  });
});
