import { expect, test } from '@playwright/test';
import { createRoom, landedOnNode, signUp } from './helpers';

// Runs first, while no other meeting is running, so "the other node" is the one with more room.
test('a second room started while the first runs lands on the other node', async ({ page }) => {
  await signUp(page, 'Placement Owner');

  // A large expected size reserves seats on the first node until the next poll.
  await createRoom(page, 'Placement A', { expectedSize: 20 });
  await page.getByRole('button', { name: 'Start meeting' }).click();
  const firstNode = await landedOnNode(page, 'MODERATOR');

  await createRoom(page, 'Placement B');
  await page.getByRole('button', { name: 'Start meeting' }).click();
  const secondNode = await landedOnNode(page, 'MODERATOR');

  expect(secondNode).not.toBe(firstNode);
});
