import { expect, test } from '@playwright/test';
import { AdminApi, SimControl, createRoom, landedOnNode, meetingIdOn, signUp, simNodeOf } from './helpers';

// Placement puts a new meeting on the enabled, online node with the most free capacity
// (capacity − participants seen by the last poll − seats reserved by meetings started since).
// The spec makes "the other node has more room" true whichever way a poll falls, instead of
// hoping the cluster is idle: it also holds on a stack that earlier runs left meetings on.
test('a second room started while the first runs lands on the other node', async ({ page }) => {
  const admin = await AdminApi.signIn();
  const sim = await SimControl.open();
  let ballast: { node: string; meeting: string; count: number } | undefined;
  try {
    const nodes = await admin.enableAllNodes();
    expect(nodes.length, 'the cluster has two nodes').toBeGreaterThanOrEqual(2);

    await signUp(page, 'Placement Owner');

    // A large expected size reserves 20 seats on the first room's node until the next poll.
    await createRoom(page, 'Placement A', { expectedSize: 20 });
    await page.getByRole('button', { name: 'Start meeting' }).click();
    const firstNode = await landedOnNode(page, 'MODERATOR');
    const firstMeeting = await meetingIdOn(page);

    // After the next poll the reservation is gone and participants count instead: people join the
    // first room until its node carries at least 20 more than any other, so both views agree.
    const load = await sim.participants();
    const othersMax = Math.max(...[...load].filter(([node]) => node !== firstNode).map(([, count]) => count));
    const missing = othersMax + 20 - load.get(firstNode)!;
    if (missing > 0) {
      await sim.addParticipants(firstNode, firstMeeting, missing);
      ballast = { node: firstNode, meeting: firstMeeting, count: missing };
    }

    // Switchboard's own view (what placement reads) must now prefer another node. Normally it does
    // at once through the reservation; if earlier runs left the first node much emptier, the next
    // poll makes it so.
    await expect(async () => {
      const view = await admin.nodes();
      const first = view.find((n) => simNodeOf(n) === firstNode)!;
      const bestOther = Math.max(...view.filter((n) => n !== first).map((n) => n.free_capacity));
      expect(bestOther, `free capacity elsewhere vs. on node ${first.name}`).toBeGreaterThan(first.free_capacity);
    }).toPass({ timeout: 30_000 });

    await createRoom(page, 'Placement B');
    await page.getByRole('button', { name: 'Start meeting' }).click();
    const secondNode = await landedOnNode(page, 'MODERATOR');

    expect(secondNode).not.toBe(firstNode);
  } finally {
    // They leave again (the moderator stays), so runs on the same stack do not pile up load.
    if (ballast) await sim.removeParticipants(ballast.node, ballast.meeting, ballast.count);
    await admin.dispose();
    await sim.dispose();
  }
});
