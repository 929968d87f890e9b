/**
 * The GB/T 28181 devices page in headless Chromium against the real server, the platform the in-memory
 * double (the lead swaps in the real platform and the device simulator): the device list with its
 * not-in-inventory flag, a device's channels, catalog refresh, adding a channel as a camera, and the
 * device's recordings of that channel by day. Screenshots: test-artifacts/e2e/gb28181-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { CH2, DEVICE, LATE, makeDoublePlatform } from '../gb28181/gb-rig.ts';
import type { GbPlatformDouble } from '../support/gb-platform-double.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { signInWithTotp } from './support/flows.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const run = chromiumAvailable() ? describe : describe.skip;

run('GB/T 28181 devices in the browser (e2e)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  let platform: GbPlatformDouble;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `gb28181-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    platform = makeDoublePlatform();
    server = await startE2EServer({ gbPlatform: platform });
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'admin', displayName: '值班管理员', password: TEST_PASSWORD }),
    });
    expect(setup.status).toBe(201);
    api = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    const totp = await api.enrolTotp();
    await api.recordPrerequisites();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('input[name=username]');
    await signInWithTotp(page, 'admin', totp);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the devices from the navigation, flagging those not in the inventory', async () => {
    await page.click('header.bar a[href="#/gb28181"]');
    const row = await page.waitForSelector(`tr[data-device="${DEVICE}"]`);
    expect(await row.textContent()).toContain('DS-7608N');
    await page.waitForSelector(`tr[data-device="${DEVICE}"] [data-state=unknown]`);
    expect(await page.textContent(`tr[data-device="${DEVICE}"] [data-state=unknown]`)).toBe('不在设备清单中');
    await shot('devices');
  });

  it('shows a device’s channels and refreshes its catalog', async () => {
    await page.click(`tr[data-device="${DEVICE}"] a`);
    await page.waitForSelector(`tr[data-channel="${CH2}"]`);
    expect(await page.$(`tr[data-channel="${LATE}"]`)).toBeNull();
    await page.click('[data-testid=refresh-catalog]');
    await page.waitForSelector(`tr[data-channel="${LATE}"]`);
    expect(platform.calls.some((c) => c.op === 'refreshCatalog')).toBe(true);
  });

  it('adds a channel as a camera on a site with a transport, and the channel shows its camera', async () => {
    const sites = await api.call<Array<{ id: string; name: string }>>('GET', '/api/sites');
    await page.click(`tr[data-channel="${CH2}"] [data-testid=add-as-camera]`);
    await page.waitForSelector('[role=dialog] select[name=siteId]');
    await page.selectOption('[role=dialog] select[name=siteId]', sites[0]!.id);
    await page.fill('[role=dialog] input[name=name]', '大厅国标');
    await page.selectOption('[role=dialog] select[name=transport]', 'tcp-passive');
    await shot('add-dialog');
    await page.click('[role=dialog] button[type=submit]');
    const link = await page.waitForSelector(`tr[data-channel="${CH2}"] a[href^="#/cameras/"]`);
    expect(await link.textContent()).toBe('大厅国标');
    const cameras = await api.call<Array<{ name: string; sourceUrl: string; status: string; model: string | null }>>('GET', '/api/cameras');
    expect(cameras.find((c) => c.name === '大厅国标')).toMatchObject({ sourceUrl: `gb28181://${DEVICE}/${CH2}?transport=tcp-passive`, status: 'INACTIVE', model: 'DS-7608N' });
    await page.waitForSelector(`tr[data-device="${DEVICE}"] [data-state=online]`);
  });

  it('lists the device’s own recordings of the linked channel on a chosen day', async () => {
    await page.click(`tr[data-channel="${CH2}"] [data-testid=device-records]`);
    await page.fill('input[type=date]', '2025-06-01');
    await page.waitForSelector('tr[data-record="2025-05-31T17:00:00.000Z"]');
    expect(await page.$$('tr[data-record]')).toHaveLength(2);
    await shot('records');
  });
});
