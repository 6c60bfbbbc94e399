import { defineConfig } from '@playwright/test';

// The stack (API, workbench server) is started by the test command; browsers are never downloaded.
export default defineConfig({
  testDir: './tests',
  retries: 0,
  reporter: 'list',
  // A session's first message starts its container (create, start, wait for the executor's
  // health) before any event shows; on two busy cores that alone can take several seconds.
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: process.env.WORKBENCH_URL ?? 'http://127.0.0.1:3000',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
