import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';

/**
 * Playwright's `test`, plus a record of what went wrong inside the page: uncaught errors, console
 * errors, requests that failed or answered with an error status, and a crash. When a test fails,
 * that record, the page's address and what the page shows are printed, so that a failure in CI
 * (where the trace stays on the machine that ran it) says why, not only which step waited.
 */
export const test = base.extend<{ pageDiagnostics: void }>({
  pageDiagnostics: [
    async ({ page }, use, testInfo) => {
      const started = Date.now();
      const events: string[] = [];
      const note = (line: string) => events.push(`+${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
      page.on('pageerror', (error) => note(`page error: ${error.stack ?? error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
          note(`console ${message.type()}: ${message.text()}`);
        }
      });
      page.on('requestfailed', (request) =>
        note(
          `request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`,
        ),
      );
      page.on('response', (response) => {
        if (response.status() >= 400)
          note(`response ${response.status()}: ${response.request().method()} ${response.url()}`);
      });
      page.on('crash', () => note('the page crashed'));
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) note(`navigated to ${frame.url()}`);
      });

      await use();

      if (testInfo.status === testInfo.expectedStatus) return;
      let shown: string;
      try {
        shown = await page.locator('body').ariaSnapshot({ timeout: 5_000 });
      } catch (error) {
        shown = `(could not be read: ${(error as Error).message.split('\n', 1)[0]})`;
      }
      const report = [
        `page diagnostics for "${testInfo.title}"`,
        `address: ${page.url()}`,
        ...events.map((line) => `  ${line}`),
        'the page shows:',
        shown,
      ].join('\n');
      console.log(report);
      await testInfo.attach('page diagnostics', { body: report, contentType: 'text/plain' });
    },
    { auto: true },
  ],
});
