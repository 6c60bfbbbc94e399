import { defineConfig } from '@playwright/test';

// The stack (API, workbench server) is started by the test command; browsers are never downloaded.
const workbenchUrl = process.env.WORKBENCH_URL ?? 'http://127.0.0.1:3000';
const executablePath = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  retries: 0,
  reporter: 'list',
  // A session's first message starts its container (create, start, wait for the executor's
  // health) before any event shows; on two busy cores that alone can take several seconds.
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: workbenchUrl,
    headless: true,
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: { executablePath, args: chromiumArgs },
  },
  projects: [
    // The test command serves the workbench on an address of its own (the browser gets a network
    // namespace of its own), over plain HTTP: the page is not a secure context, as for a team that
    // reaches its server by address, so the workbench must do without secure-only browser APIs.
    { name: 'chromium', grepInvert: /@secure-context/ },
    // Browser notifications exist only in secure contexts (HTTPS, or loopback): these tests have
    // the browser treat the workbench's address as one.
    {
      name: 'chromium-secure-context',
      grep: /@secure-context/,
      use: {
        launchOptions: {
          executablePath,
          args: [...chromiumArgs, `--unsafely-treat-insecure-origin-as-secure=${workbenchUrl}`],
        },
      },
    },
  ],
});
