import { expect, test, type Locator, type Page } from '@playwright/test';
import { PASSWORD, landedOnNode, pathOf, saveScreenshot, uniqueEmail } from './helpers';

// The pages teachers and guests use, at phone width and with the keyboard alone: no .click() and
// no .fill() here, only Tab / Shift+Tab, typing, Enter and Space.
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

/**
 * Presses Tab (or Shift+Tab) until target has the focus, as a keyboard user would; fails if it is
 * not reached within max presses, i.e. it is not in the tab order.
 */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 40 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reachable with ${backwards ? 'Shift+Tab' : 'Tab'} within ${max} presses`).toBeFocused({ timeout: 1 });
}

/** The page does not scroll sideways; on failure it names the elements that stick out. */
async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const layout = await page.evaluate(() => {
    const width = window.innerWidth;
    const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} (right ${Math.round(el.getBoundingClientRect().right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
  });
  expect(layout.scrollWidth, `${where} scrolls sideways at ${layout.innerWidth} px; too wide: ${layout.wide.join(', ')}`).toBeLessThanOrEqual(layout.innerWidth);
}

test('a teacher and a guest use Switchboard on a phone with the keyboard alone', async ({ page, browser }) => {
  const teacherName = 'Kim Keyboard';
  const roomName = 'Year 9 Biology: Photosynthesis';

  // Sign up: Tab into each field, type, Enter submits the form.
  await page.goto('/sign-up');
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  await expectNoHorizontalScroll(page, 'the sign-up page');
  const nameField = page.getByLabel('Name');
  await tabTo(page, nameField);
  await page.keyboard.type(teacherName);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(uniqueEmail('phone'));
  const passwordField = page.getByRole('textbox', { name: 'Password', exact: true });
  await tabTo(page, passwordField);
  await page.keyboard.type(PASSWORD);
  const createAccount = page.getByRole('button', { name: 'Create account' });
  await tabTo(page, createAccount);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/rooms$/);
  await expect(page.getByRole('heading', { level: 1, name: 'My rooms' })).toBeVisible();
  await expectNoHorizontalScroll(page, 'the empty rooms list');

  // Create a room: the dialog puts the focus in its name field; Enter in that field submits.
  await tabTo(page, page.getByRole('button', { name: 'Create room' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Room name')).toBeFocused();
  await page.keyboard.type(roomName);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/rooms\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: roomName })).toBeVisible();
  await expect(dialog).toBeHidden();

  const attendeeLink = (await page.getByTestId('attendee-url').textContent())!.trim();
  expect(attendeeLink).toMatch(/\/r\/[^/]+$/);
  // The copy buttons are reachable and work with Space as well.
  const copyAttendee = page.getByTestId('copy-attendee');
  await tabTo(page, copyAttendee);
  await page.keyboard.press('Space');
  await expect(copyAttendee).toHaveText(/Copied|Copy failed/);
  await expectNoHorizontalScroll(page, 'the room page');
  await saveScreenshot(page, 'room-page-phone');

  // Back to the list (Shift+Tab up to the back link), where the new room is listed; open it again.
  await tabTo(page, page.getByRole('link', { name: '← My rooms' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/rooms$/);
  const row = page.getByTestId('room-row').filter({ hasText: roomName });
  await expect(row).toBeVisible();
  await expectNoHorizontalScroll(page, 'the rooms list');
  await tabTo(page, row.getByRole('link', { name: 'Open' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: roomName })).toBeVisible();

  // The teacher starts the meeting from the room page.
  await tabTo(page, page.getByRole('button', { name: 'Start meeting' }));
  await page.keyboard.press('Enter');
  await landedOnNode(page, 'MODERATOR');

  // A guest on another phone opens the attendee link of the running meeting.
  const guestContext = await browser.newContext({ baseURL: process.env.BASE_URL, viewport: PHONE });
  try {
    const guest = await guestContext.newPage();
    await guest.goto(pathOf(attendeeLink));
    await expect(guest.getByRole('heading', { level: 1, name: roomName })).toBeVisible();
    await expect(guest.getByText(`Hosted by ${teacherName}`)).toBeVisible();
    await expect(guest.getByText('Running')).toBeVisible();
    await expectNoHorizontalScroll(guest, 'the join page');
    await saveScreenshot(guest, 'join-page-phone');

    const joinName = guest.getByTestId('join-name');
    await tabTo(guest, joinName);

    // German, chosen with the keyboard: Shift+Tab back up to the language select, type "d" for DE.
    // (Located by place, not by name: its accessible name turns into "Sprache".)
    const language = guest.getByRole('banner').getByRole('combobox');
    await expect(language).toHaveAccessibleName('Language');
    await tabTo(guest, language, { backwards: true });
    await guest.keyboard.press('d');
    await expect(language).toHaveValue('de');
    await expect(guest.locator('html')).toHaveAttribute('lang', 'de');
    await expect(language).toHaveAccessibleName('Sprache');
    await expect(guest.getByText(`Veranstaltet von ${teacherName}`)).toBeVisible();
    await expect(guest.getByText('Läuft')).toBeVisible();
    await expect(guest.getByLabel('Dein Name')).toBeVisible();
    await expect(guest.getByRole('button', { name: 'Beitreten' })).toBeVisible();
    await expectNoHorizontalScroll(guest, 'the join page in German');

    // Tab back into the name field, type a name, Enter joins as a viewer.
    await tabTo(guest, joinName);
    await guest.keyboard.type('Gus Guest');
    await guest.keyboard.press('Enter');
    await landedOnNode(guest, 'VIEWER');
  } finally {
    await guestContext.close();
  }
});
