import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PASSWORD = 'correct horse battery';

/** A variable the harness (devstack -run) must set; a spec fails loudly instead of being skipped. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the specs through \`make e2e\` (devstack -run sets it) or export it`);
  return value;
}

const screenshotDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/**
 * Saves a full-page screenshot to docs/screenshots/<name>.png for the README. Toasts are left out
 * (they would cover the header) and animations are stopped, so the pictures are stable.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({
    path: `${screenshotDir}${name}.png`,
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
    style: '.mantine-Notifications-root { display: none !important; }',
  });
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

/** Waits for the bbbsim page and returns which node it is (bbbsim's node number) and the role we joined with. */
export async function landedOnNode(page: Page, role: 'VIEWER' | 'MODERATOR'): Promise<string> {
  await expect(page.getByText(`Role: ${role}`)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('body')).toHaveAttribute('data-role', role);
  const node = await page.locator('body').getAttribute('data-node');
  expect(node, 'bbbsim page names its node').toBeTruthy();
  return node!;
}

/** The BBB meeting ID on the bbbsim page we landed on. */
export async function meetingIdOn(page: Page): Promise<string> {
  const id = await page.locator('body').getAttribute('data-meeting-id');
  expect(id, 'bbbsim page names its meeting').toBeTruthy();
  return id!;
}

export type AdminNode = {
  id: string;
  name: string;
  api_url: string;
  state: 'enabled' | 'cordoned' | 'disabled';
  health: 'online' | 'offline' | 'unknown';
  participants: number;
  reserved: number;
  free_capacity: number;
};

/** bbbsim's node number in a node's API URL (…/n/<number>/bigbluebutton/api). */
export function simNodeOf(node: AdminNode): string {
  const match = /\/n\/(\d+)\/bigbluebutton\/api/.exec(node.api_url);
  if (!match) throw new Error(`node ${node.name} (${node.api_url}) is not a bbbsim node`);
  return match[1];
}

/** The admin REST API, signed in as ADMIN_EMAIL: for setting up and checking what the UI cannot show. */
export class AdminApi {
  private constructor(private readonly ctx: APIRequestContext, private readonly token: string) {}

  static async signIn(): Promise<AdminApi> {
    const ctx = await request.newContext({ baseURL: requiredEnv('BASE_URL') });
    const res = await ctx.post('/api/v1/auth/login', {
      data: { email: requiredEnv('ADMIN_EMAIL'), password: requiredEnv('ADMIN_PASSWORD') },
    });
    expect(res.status(), `admin sign-in: ${await res.text()}`).toBe(200);
    const body = (await res.json()) as { access_token: string };
    return new AdminApi(ctx, body.access_token);
  }

  private get headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async nodes(): Promise<AdminNode[]> {
    const res = await this.ctx.get('/api/v1/admin/nodes', { headers: this.headers });
    expect(res.status(), `GET /api/v1/admin/nodes: ${await res.text()}`).toBe(200);
    return (await res.json()) as AdminNode[];
  }

  async setState(id: string, state: AdminNode['state']): Promise<void> {
    const res = await this.ctx.patch(`/api/v1/admin/nodes/${id}`, { headers: this.headers, data: { state } });
    expect(res.status(), `PATCH /api/v1/admin/nodes/${id}: ${await res.text()}`).toBe(200);
  }

  /** Enables every node and waits until all are online, so a spec starts from a usable cluster. */
  async enableAllNodes(): Promise<AdminNode[]> {
    for (const node of await this.nodes()) {
      if (node.state !== 'enabled') await this.setState(node.id, 'enabled');
    }
    let nodes: AdminNode[] = [];
    await expect(async () => {
      nodes = await this.nodes();
      expect(nodes.map((n) => `${n.name}: ${n.state}/${n.health}`)).toEqual(nodes.map((n) => `${n.name}: enabled/online`));
    }).toPass({ timeout: 30_000 });
    return nodes;
  }

  async dispose(): Promise<void> {
    await this.ctx.dispose();
  }
}

type SimNodeInfo = { node: number; participants: number; meetings: number };

/** bbbsim's control API (BBBSIM_URL): reads and adds load behind switchboard's back, as real people would. */
export class SimControl {
  private constructor(private readonly ctx: APIRequestContext) {}

  static async open(): Promise<SimControl> {
    return new SimControl(await request.newContext({ baseURL: requiredEnv('BBBSIM_URL') }));
  }

  async participants(): Promise<Map<string, number>> {
    const res = await this.ctx.get('/control/nodes');
    expect(res.status(), `GET /control/nodes: ${await res.text()}`).toBe(200);
    const nodes = (await res.json()) as SimNodeInfo[];
    return new Map(nodes.map((n) => [String(n.node), n.participants]));
  }

  /** Adds count viewers to a running meeting on a node. */
  async addParticipants(node: string, meetingID: string, count: number): Promise<void> {
    const res = await this.ctx.post(`/control/n/${node}/participants`, { params: { meetingID, count } });
    expect(res.status(), `POST /control/n/${node}/participants: ${await res.text()}`).toBe(200);
  }

  /** Lets count participants leave a meeting on a node. */
  async removeParticipants(node: string, meetingID: string, count: number): Promise<void> {
    const res = await this.ctx.post(`/control/n/${node}/leave`, { params: { meetingID, count } });
    expect(res.status(), `POST /control/n/${node}/leave: ${await res.text()}`).toBe(200);
  }

  async dispose(): Promise<void> {
    await this.ctx.dispose();
  }
}
