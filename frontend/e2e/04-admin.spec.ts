import { expect, test } from '@playwright/test';
import { saveScreenshot, signIn } from './helpers';

const adminEmail = process.env.ADMIN_EMAIL ?? '';
const adminPassword = process.env.ADMIN_PASSWORD ?? '';

// Never skipped: a harness that forgets the admin account must fail loudly, not pass quietly.
if (!adminEmail || !adminPassword) {
  throw new Error('ADMIN_EMAIL and ADMIN_PASSWORD must be set (devstack -run sets them); the admin spec cannot run without them');
}

// Last in order: it cordons a node (and enables it again at the end).
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
