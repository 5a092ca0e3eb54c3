import { expect, test } from '@playwright/test';
import { AdminApi, requiredEnv, saveScreenshot, signIn } from './helpers';

// Never skipped: without the admin account the run fails here, loudly, instead of passing quietly.
const adminEmail = requiredEnv('ADMIN_EMAIL');
const adminPassword = requiredEnv('ADMIN_PASSWORD');

// Last in order: it cordons a node and enables it again (through the API as well, should it fail midway).
test.afterEach(async () => {
  const admin = await AdminApi.signIn();
  try {
    await admin.enableAllNodes();
  } finally {
    await admin.dispose();
  }
});

test('an admin cordons a node and the nodes table shows it', async ({ page }) => {
  await signIn(page, adminEmail, adminPassword);
  await expect(page).toHaveURL(/\/rooms$/);
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page).toHaveURL(/\/admin\/nodes$/);

  const rows = page.getByTestId('node-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  const nodeName = (await rows.first().getAttribute('data-node-name'))!;
  const row = page.locator(`[data-testid="node-row"][data-node-name="${nodeName}"]`);
  await expect(row.getByTestId('node-health')).toHaveText(/online|offline|unknown/);

  await row.getByRole('button', { name: `Actions for ${nodeName}` }).click();
  await page.getByRole('menuitem', { name: /^Cordon/ }).click();
  await expect(row.getByTestId('node-state')).toHaveText('cordoned');
  await saveScreenshot(page, 'admin-nodes');

  // Put the cluster back as it was.
  await row.getByRole('button', { name: `Actions for ${nodeName}` }).click();
  await page.getByRole('menuitem', { name: 'Enable' }).click();
  await expect(row.getByTestId('node-state')).toHaveText('enabled');

  await page.getByRole('tab', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByTestId('user-row').filter({ hasText: adminEmail })).toBeVisible();
});
