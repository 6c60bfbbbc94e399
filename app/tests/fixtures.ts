import { test as base, type Page } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';

const MAX_EVENTS = 30;
const MAX_SNAPSHOT_LINES = 40;

/** What went wrong inside each page so far, one line per event. */
const recorded = new WeakMap<Page, string[]>();

/**
 * Records what goes wrong inside a page: uncaught errors, console errors and warnings, requests
 * that failed or answered with an error status, a crash, and where the page went.
 */
function record(page: Page): void {
  const started = Date.now();
  const events: string[] = [];
  recorded.set(page, events);
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
}

/**
 * The page's address, what went wrong in it and what it shows (its accessibility snapshot), kept
 * short: CI shows the end of the output, and a whole session list would push the rest out.
 */
export async function describePage(page: Page, heading: string): Promise<string> {
  let shown: string;
  try {
    shown = await page.locator('body').ariaSnapshot({ timeout: 5_000 });
  } catch (error) {
    shown = `(could not be read: ${(error as Error).message.split('\n', 1)[0]})`;
  }
  const lines = shown.split('\n');
  return [
    heading,
    `address: ${page.url()}`,
    ...(recorded.get(page) ?? []).slice(-MAX_EVENTS).map((line) => `  ${line}`),
    'the page shows:',
    ...lines.slice(0, MAX_SNAPSHOT_LINES),
    ...(lines.length > MAX_SNAPSHOT_LINES ? [`  … ${lines.length - MAX_SNAPSHOT_LINES} more lines`] : []),
  ].join('\n');
}

/**
 * Playwright's `test`, with every page recorded: when a test fails, `describePage` is printed, so
 * that a failure in CI (where the trace stays on the machine that ran it) says why, not only which
 * step waited.
 */
export const test = base.extend<{ pageDiagnostics: void }>({
  pageDiagnostics: [
    async ({ page }, use, testInfo) => {
      record(page);
      await use();
      if (testInfo.status !== testInfo.expectedStatus) {
        console.log(await describePage(page, `page diagnostics for "${testInfo.title}"`));
      }
    },
    { auto: true },
  ],
});
