/**
 * Demo mode end to end in a real browser: the page, the Slack simulator, the bot (web + worker) and the Azure
 * simulator all run here; the browser types a slash command, picks subscriptions, confirms, and resolves an alert —
 * every click reaching the bot as a signed Slack request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ALERT_CHANNEL, COMMAND_CHANNEL, startDemo, type Demo } from '../../sim/demo/demo';
import { trustsSimCa } from '../../sim/demo/ca';
import { clearPrefix } from '../../sim/local-redis';
import { withRedis } from '../support/redis';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = path.resolve(__dirname, '../../artifacts/screenshots');
const PREFIX = `{demo-e2e-${process.pid}}`;

jest.setTimeout(120_000);

describe('npm run demo in a browser', () => {
  let demo: Demo | undefined;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  let page: Page;

  beforeAll(async () => {
    // Never skipped: CI installs Chromium, and a missing browser must show up as a failure.
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is required at ${CHROMIUM} for the demo browser test: apt-get install -y chromium`);
    if (!trustsSimCa()) throw new Error('Run through `npm test` (it sets NODE_EXTRA_CA_CERTS=./sim/tls/ca.pem so the Azure simulator is trusted).');
    demo = await startDemo({ port: 0, redisUrl: process.env.REDIS_URL, redisPrefix: PREFIX, alertFeed: 'off', logLevel: 'silent' });
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1400, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await demo?.stop();
    const redis = await withRedis();
    await clearPrefix(redis, PREFIX).finally(() => redis.disconnect());
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  const channel = (id: string): Locator => page.locator(`.nav-item[data-channel="${id}"]`);
  /** The last top-level message whose content matches `text`. */
  const message = (text: string | RegExp): Locator => page.locator('#messages > .msg').filter({ hasText: text }).last();

  /** Runs a browser scenario; on failure the page is saved next to the step screenshots. */
  const scenario = (name: string, body: () => Promise<void>) =>
    test(name, async () => {
      try {
        await body();
      } catch (err) {
        await shot('failure').catch(() => undefined);
        throw err;
      }
    });

  scenario('status → connect two subscriptions → resolve a High alert', async () => {
    await page.goto(demo!.pageUrl);
    await channel(COMMAND_CHANNEL).click();
    await page.locator('#composer-input').fill('/sentinel status');
    await page.keyboard.press('Enter');

    const status = message('Sentinel connector');
    const picker = status.locator('[data-action-id="status.pick"]');
    await picker.waitFor({ timeout: 30_000 });
    await shot('1-status');

    // Two rows that are not connected, selectable and without problems.
    const rows = status.locator('[data-block-id^="status.row:"]').filter({ hasText: 'Not connected' }).filter({ hasNotText: /Not selectable|Error|:x:|❌/ });
    const names = (await rows.locator('strong').allTextContents()).slice(0, 2);
    expect(names).toHaveLength(2);

    // The picker is a type-ahead: each keystroke asks the bot for options (block_suggestion) through the simulator.
    await picker.click();
    for (const name of names) {
      await page.locator('.bk-menu-filter').fill(name);
      await page.locator('.bk-menu-item', { hasText: name }).first().click();
    }
    await page.keyboard.press('Escape');
    await eventually('two subscriptions picked', async () => (await picker.locator('.pill').count()) === 2);

    await status.getByRole('button', { name: 'Connect selected' }).click();
    const dialog = page.locator('.dialog.confirm');
    await dialog.waitFor();
    await shot('2-confirm');
    await dialog.locator('button.primary').click();

    const progress = message(/Connect — finished/);
    await progress.waitFor({ timeout: 60_000 });
    for (const name of names) await eventually(`${name} in the results`, hasText(progress, name));
    await eventually('2 changed', hasText(progress.locator('.field', { hasText: /^Changed/ }), '2'));
    await shot('3-connected');

    const title = `Demo test alert ${Date.now()}`;
    // The workspace's own subscription is connected in the demo scenario, so its alerts reach Sentinel.
    demo!.azure.createAlerts({ subscriptionId: demo!.azure.state.workspace.subscriptionId, severity: 'High', displayName: title });
    await channel(ALERT_CHANNEL).click();
    const card = message(title);
    await card.waitFor({ timeout: 60_000 });
    await shot('4-alert');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await eventually('the card to show Resolved', hasText(card.locator('.field', { hasText: /^Status/ }), 'Resolved'), 30_000);
    await shot('5-resolved');
  });
});

/** Polls `check` until it holds (the page updates live, so assertions wait like Playwright's own do). */
async function eventually(what: string, check: () => Promise<boolean>, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const hasText = (locator: Locator, text: string) => async (): Promise<boolean> => (await locator.innerText()).includes(text);
