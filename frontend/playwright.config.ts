import { defineConfig } from '@playwright/test';

// Runs against a live stack (nginx + switchboard + Postgres + two bbbsim nodes) that a harness
// starts and describes through BASE_URL, ADMIN_EMAIL and ADMIN_PASSWORD. No webServer here.
export default defineConfig({
  testDir: './e2e',
  // The specs share one cluster: placement is checked before other meetings exist, and the admin
  // spec cordons a node, so they run one at a time in file order.
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
