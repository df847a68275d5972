import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../testing/emulator-fixture';
import { ordersBus, publishOrder } from './testing';

/**
 * The Event Studio in a real browser: Debian's Chromium, headless, driven by playwright-core
 * (Playwright's own browser download is not used). `.ci/run` installs Chromium when it is missing.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync', '--disable-component-update'];

const env = useEmulator();
let browser: Browser;
let page: Page;
let bus: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`The browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does this).`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  bus = await ordersBus(env);
});

afterAll(async () => {
  await browser?.close();
});

const orderItem = (orderId: string) => page.locator('#orders li', { hasText: orderId });
const ruleRow = (rule: string) => page.locator(`#waterfall .row[data-kind="rule-evaluation"][data-name="${rule}"]`).first();

describe('the Event Studio page', () => {
  it('opens, served by the emulator, and connects to the live stream', async () => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${env.endpoint}/_testbed/studio`);
    await expect.poll(() => page.title()).toBe('Event Studio');
    await expect.poll(() => page.textContent('#status')).toBe('live');
    expect(errors).toEqual([]);
  });

  it('shows orders as they are published, and finds one by its order id', async () => {
    await publishOrder(env, bus, { orderId: 'browser-us-1', location: 'us-east' });
    await publishOrder(env, bus, { orderId: 'browser-eu-1', location: 'eu-west' });
    await orderItem('browser-us-1').waitFor();
    await orderItem('browser-eu-1').waitFor();
    await page.fill('#search', 'browser-eu-1');
    await expect.poll(() => page.locator('#orders li').allTextContents()).toEqual([expect.stringContaining('browser-eu-1')]);
    await page.fill('#search', '');
    await orderItem('browser-us-1').waitFor();
  });

  it("opens one order's timeline with the reason a rule did not match", async () => {
    await orderItem('browser-us-1').click();
    await page.locator('#trace-head', { hasText: 'browser-us-1' }).waitFor();
    await expect.poll(() => ruleRow('EU').locator('.outcome').textContent()).toBe('✗ detail.location: "us-east" does not start with "eu-"');
    await expect.poll(() => ruleRow('US').locator('.outcome').textContent()).toBe('✓ matched');
    await expect.poll(() => page.locator('#waterfall .row[data-kind="delivery-attempt"] .outcome').first().textContent()).toMatch(/^succeeded/);
    // A step links to its payload.
    await page.locator('#waterfall .row[data-kind="put-events-entry"]').click();
    expect(await page.locator('#step pre[data-section="payload"]').textContent()).toContain('"location": "us-east"');
  });

  it('replays an edited event and shows its new trace', async () => {
    await page.click('#replay-open');
    const entry = JSON.parse(await page.inputValue('#replay-entry'));
    expect(entry).toMatchObject({ Source: 'com.aws.orders', DetailType: 'Order Notification', EventBusName: bus, Detail: { orderId: 'browser-us-1' } });
    entry.Detail.orderId = 'browser-replayed';
    entry.Detail.location = 'eu-central';
    await page.fill('#replay-entry', JSON.stringify(entry));
    await page.click('#replay-send');
    await page.locator('#trace-head', { hasText: 'browser-replayed' }).waitFor();
    await expect.poll(() => ruleRow('US').locator('.outcome').textContent()).toBe('✗ detail.location: "eu-central" does not start with "us-"');
    await expect.poll(() => ruleRow('EU').locator('.outcome').textContent()).toBe('✓ matched');
    await orderItem('browser-replayed').waitFor();
  });

  it('tries a pattern in the sandbox on recent events, with each rule pattern beside it', async () => {
    await page.click('nav button[data-tab="sandbox"]');
    await page.locator('#rules .rule[data-rule="US"]').waitFor();
    expect(await page.locator('#rules .rule[data-rule="EU"] pre').textContent()).toContain('"prefix": "eu-"');
    await page.fill('#pattern', '{ "detail": { "location": [{ "prefix": "eu-" }] } }');
    await page.click('#try');
    await expect.poll(() => page.textContent('#sandbox-summary')).toBe('2 of 3 recent events match');
    const rows = await page.locator('#sandbox-results tbody tr').allTextContents();
    expect(rows.filter((r) => r.includes('✗'))).toEqual([expect.stringContaining('✗ detail.location: "us-east" does not start with "eu-"')]);
    await page.fill('#pattern', '{ "detail": { "location": [] } }');
    await page.click('#try');
    await expect.poll(() => page.textContent('#sandbox-summary')).toBe('pattern: Event pattern is not valid. Reason: Empty arrays are not allowed');
  });
});
