import { expect, test } from '@playwright/test';
import { saveScreenshot, signIn, uniqueEmail } from './helpers';

test('a bad sign-in shows the error', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await saveScreenshot(page, 'sign-in');

  await signIn(page, uniqueEmail('nobody'), 'wrong password');
  await expect(page.getByTestId('error-message')).toBeVisible();
  await expect(page.getByTestId('error-message')).not.toBeEmpty();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('sign-up explains a bad email and a short password', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Short');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters')).toBeVisible();
});
