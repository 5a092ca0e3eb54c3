import { defineConfig } from '@playwright/test';

// Runs against a live stack (nginx + switchboard + Postgres + two bbbsim nodes) that a harness
// starts and describes through BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD and BBBSIM_URL (bbbsim's
// control API). No webServer here, and nothing is skipped: a missing variable fails the run.
if (!process.env.BASE_URL) {
  throw new Error('BASE_URL is not set: run the specs through `make e2e` (devstack -run sets it) or export it');
}

export default defineConfig({
  testDir: './e2e',
  // The specs share one cluster: placement adds load to a node and checks where the next meeting
  // goes, and the admin spec cordons a node, so they run one at a time in file order.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: process.env.BASE_URL,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
