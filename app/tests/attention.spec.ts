import { expect, test } from './fixtures';
import { lastAnswer, newScriptedSession, script, sendMessage, signIn, uniqueTitle } from './workbench';

interface Shown {
  title: string;
  body?: string;
  tag?: string;
}

test(
  'once allowed, a browser notification says when an agent waits, once per request',
  { tag: '@secure-context' },
  async ({ page, context }) => {
    // Records what the page hands to the browser's Notification API, which then shows it as usual.
    await page.addInitScript(() => {
      const shown: Shown[] = [];
      (window as unknown as { shownNotifications: Shown[] }).shownNotifications = shown;
      const Browser = window.Notification;
      class Recorded extends Browser {
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body, tag: options?.tag });
          super(title, options);
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true });
    });
    await signIn(page);
    await newScriptedSession(page, uniqueTitle('Notify'));

    const panel = page.getByRole('region', { name: /Waiting for you/ });
    const allow = panel.getByRole('button', { name: 'Notify me when an agent asks' });
    await expect(allow).toBeVisible();
    // The user says yes to the browser's prompt.
    await context.grantPermissions(['notifications']);
    await allow.click();
    await expect(allow).toBeHidden();

    await sendMessage(page, script({ ask: 'Deploy to production?', options: ['yes', 'no'] }));
    const question = panel.getByRole('article', { name: 'Question' });
    await expect(question).toContainText('Deploy to production?');
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { shownNotifications: Shown[] }).shownNotifications),
      )
      .toEqual([
        { title: 'An agent is waiting for you', body: 'Deploy to production?', tag: expect.any(String) },
      ]);

    await question.getByRole('button', { name: 'no' }).click();
    await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('Succeeded');
    const shown = await page.evaluate(
      () => (window as unknown as { shownNotifications: Shown[] }).shownNotifications,
    );
    expect(shown).toHaveLength(1);
  },
);

test(
  'without permission no notification is shown, and the tab title still tells',
  { tag: '@secure-context' },
  async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { constructed: number }).constructed = 0;
      const Browser = window.Notification;
      class Counted extends Browser {
        constructor(title: string, options?: NotificationOptions) {
          (window as unknown as { constructed: number }).constructed++;
          super(title, options);
        }
      }
      Object.defineProperty(window, 'Notification', { value: Counted, configurable: true });
    });
    await signIn(page);
    await newScriptedSession(page, uniqueTitle('Quiet'));
    await sendMessage(page, script({ ask: 'Proceed?', options: ['yes'] }));
    await expect(page).toHaveTitle('(1) Waiting for you · agentbench');
    expect(await page.evaluate(() => (window as unknown as { constructed: number }).constructed)).toBe(0);
    await page.getByRole('article', { name: 'Question' }).getByRole('button', { name: 'yes' }).click();
    await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('Succeeded');
  },
);

test('the colours follow the system: light, then dark', async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const text = () => page.evaluate(() => getComputedStyle(document.documentElement).color);

  await page.emulateMedia({ colorScheme: 'light' });
  await signIn(page);
  // The page's stylesheet may still be applying right after the sign-in navigation.
  await expect.poll(background).toBe('rgb(246, 247, 249)');
  const lightText = await text();

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBe('rgb(15, 17, 21)');
  expect(await text()).toBe('rgb(231, 233, 238)');
  expect(await text()).not.toBe(lightText);
});
