import { expect, test } from '@playwright/test';
import { createRoom, landedOnNode, pathOf, saveScreenshot, signUp } from './helpers';

test('owner shares links; a guest waits, the moderator starts, both land on the same node', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUp(page, 'Ada Owner');
  await createRoom(page, 'Biology 101');

  const attendeeLink = (await page.getByTestId('attendee-url').textContent())!.trim();
  const moderatorLink = (await page.getByTestId('moderator-url').textContent())!.trim();
  expect(attendeeLink).toMatch(/\/r\/[^/]+$/);
  expect(moderatorLink).toMatch(/\/m\/[^/]+$/);
  await expect(page.getByRole('textbox', { name: 'Invitation text' }).first()).toHaveValue(new RegExp(attendeeLink.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  await page.getByTestId('copy-attendee').click();
  await expect(page.getByTestId('copy-attendee')).toHaveText('Copied');
  // Where the Clipboard API is usable the copied text is the link; otherwise the fallback was used.
  const clipboard = await page.evaluate(() => navigator.clipboard?.readText().catch(() => null) ?? null);
  if (clipboard !== null) expect(clipboard).toBe(attendeeLink);
  await saveScreenshot(page, 'room-page');

  // A guest in a fresh browser opens the attendee link before the meeting runs and waits.
  const guestContext = await browser.newContext({ baseURL: process.env.BASE_URL });
  const guest = await guestContext.newPage();
  await guest.goto(pathOf(attendeeLink));
  await expect(guest.getByRole('heading', { name: 'Biology 101' })).toBeVisible();
  await expect(guest.getByText('Hosted by Ada Owner')).toBeVisible();
  await saveScreenshot(guest, 'join-page');
  await guest.getByTestId('join-name').fill('Grace Guest');
  await guest.getByTestId('join-submit').click();
  await expect(guest.getByTestId('waiting')).toBeVisible();

  // A co-host opens the moderator link (no account) and starts the meeting.
  const moderatorContext = await browser.newContext({ baseURL: process.env.BASE_URL });
  const moderator = await moderatorContext.newPage();
  await moderator.goto(pathOf(moderatorLink));
  await moderator.getByTestId('join-name').fill('Mo Moderator');
  await moderator.getByTestId('join-submit').click();
  const moderatorNode = await landedOnNode(moderator, 'MODERATOR');

  // The waiting guest re-checks on its own (every ~5 s) and follows into the same meeting.
  const guestNode = await landedOnNode(guest, 'VIEWER');
  expect(guestNode).toBe(moderatorNode);

  // The owner's list shows the room running.
  await page.goto('/rooms');
  const row = page.getByTestId('room-row').filter({ hasText: 'Biology 101' });
  await expect(row.getByText('Running')).toBeVisible({ timeout: 30_000 });
  // Once a poll has counted them (and the list refreshed), the owner sees both people.
  await expect(row.getByText('2 participants')).toBeVisible({ timeout: 30_000 });
  await saveScreenshot(page, 'rooms-list');

  await guestContext.close();
  await moderatorContext.close();
});

test('the name field is prefilled for a signed-in person', async ({ page }) => {
  await signUp(page, 'Prefill Person');
  await createRoom(page, 'Prefill Room');
  const attendeeLink = (await page.getByTestId('attendee-url').textContent())!.trim();
  await page.goto(pathOf(attendeeLink));
  await expect(page.getByTestId('join-name')).toHaveValue('Prefill Person');
});

test('an unknown link shows a friendly not-found page', async ({ page }) => {
  await page.goto('/r/no-such-room-xyz');
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
});
