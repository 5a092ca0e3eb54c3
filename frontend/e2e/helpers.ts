import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PASSWORD = 'correct horse battery';

const screenshotDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** Saves a full-page screenshot to docs/screenshots/<name>.png for the README. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

export async function signUp(page: Page, name: string, email = uniqueEmail('e2e')): Promise<string> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/rooms$/);
  return email;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Creates a room from the rooms list and returns on its room page. */
export async function createRoom(page: Page, name: string, options: { expectedSize?: number } = {}): Promise<void> {
  await page.goto('/rooms');
  await page.getByRole('button', { name: 'Create room' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Room name').fill(name);
  if (options.expectedSize !== undefined) {
    await dialog.getByLabel('Expected size').fill(String(options.expectedSize));
  }
  await dialog.getByRole('button', { name: 'Create room' }).click();
  await expect(page).toHaveURL(/\/rooms\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Path of a share link, so the test follows it on BASE_URL even if PUBLIC_URL names another host. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}

/** Waits for the bbbsim page and returns which node it is and the role we joined with. */
export async function landedOnNode(page: Page, role: 'VIEWER' | 'MODERATOR'): Promise<string> {
  await expect(page.getByText(`Role: ${role}`)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('body')).toHaveAttribute('data-role', role);
  const node = await page.locator('body').getAttribute('data-node');
  expect(node, 'bbbsim page names its node').toBeTruthy();
  return node!;
}
