/**
 * Corrective orders 责令改正 in the browser (REG-24-3, REG-26-1), headless Chromium against the real
 * server: the administrator records an order through the form (art. 29, issued 20 days ago with a
 * 15-day limit, so already overdue), sees it overdue in the list and its alert, sees Art. 29's fine
 * flagged triggerable on the exposure page, closes its action with a photo (SHA-256 shown as stored),
 * and fetches the report back to the organ. Screenshots go to test-artifacts/e2e/corrective-orders-*.png.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { signInWithTotp } from './support/flows.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const REFERENCE = '杭公西(治)责改字〔2026〕E2E号';
const PHOTO = Buffer.from('\xff\xd8\xff\xe0 photo of the filing receipt', 'latin1');
const shanghaiDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

const run = chromiumAvailable() ? describe : describe.skip;

run('corrective orders in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  let siteId: string;
  let orderId: string;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `corrective-orders-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'admin', displayName: '管理员', password: TEST_PASSWORD }),
    });
    expect(setup.status).toBe(201);
    api = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    const totp = await api.enrolTotp();
    await api.recordPrerequisites();
    siteId = (await api.call<{ id: string }[]>('GET', '/api/sites'))[0]!.id;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(server.url);
    await signInWithTotp(page, 'admin', totp);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('records an order with its action through the form; it lands overdue, with its alert', async () => {
    await page.goto(`${server.url}/#/corrective-orders`);
    await page.click('[data-testid=order-new]');
    const form = '[data-testid=order-form]';
    await page.waitForSelector(`${form} input[name="site-${siteId}"]`);
    await page.fill(`${form} input[name=reference]`, REFERENCE);
    await page.fill(`${form} input[name=issuingOrgan]`, '杭州市公安局西湖区分局');
    await page.fill(`${form} input[name=issuedOn]`, shanghaiDate(Date.now() - 20 * 86_400_000));
    await page.fill(`${form} input[name=limitDays]`, '15');
    await page.check(`${form} input[name="article-29"]`);
    await page.check(`${form} input[name="site-${siteId}"]`);
    await page.fill(`${form} [data-item="1"] textarea`, '向县级公安机关办理备案');
    // The site's open findings are offered once the site is chosen: link the first to the action.
    await page.locator(`${form} [data-item="1"] input[name^="finding-"]`).first().check();
    await shot('01-record');
    await page.click('[data-testid=order-submit]');
    await page.waitForSelector('[data-testid=order-detail] [data-item="1"][data-status=OPEN]');
    orderId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    const stored = await api.call<{ dueDate: string; deadline: { overdue: boolean }; items: { findings: { ruleId: string; code: string }[] }[] }>('GET', `/api/corrective-orders/${orderId}`);
    expect(stored.dueDate).toBe(shanghaiDate(Date.now() - 5 * 86_400_000));
    expect(stored.items[0]!.findings).toHaveLength(1);
    expect(stored.items[0]!.findings[0]!.ruleId).toMatch(/^REG-/);
    expect(stored.deadline.overdue).toBe(true);

    await page.goto(`${server.url}/#/corrective-orders`);
    await page.waitForSelector(`tr[data-order="${orderId}"] [data-overdue=true]`);
    expect(await page.textContent('[data-testid=order-alerts] [data-alert=OVERDUE]')).toContain(REFERENCE);
    await shot('02-list-overdue');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('03-list-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('REG-26-1: the exposure page flags Art. 29’s fine as triggerable by the overdue order', async () => {
    await page.goto(`${server.url}/#/exposure`);
    const flagged = await page.waitForSelector('[data-testid=exposure-rows] tr[data-code=CORRECTIVE_ORDER_OVERDUE][data-triggerable=true] [data-testid=triggerable]');
    expect(await flagged.textContent()).toContain(REFERENCE);
    await shot('04-exposure-triggerable');
  });

  it('closes the action with a photo; the order closes late, the SHA-256 is shown, and the report back lists it', async () => {
    await page.goto(`${server.url}/#/corrective-orders/${encodeURIComponent(orderId)}`);
    const item = '[data-testid=order-detail] [data-item="1"]';
    await page.waitForSelector(`${item}[data-status=OPEN]`);
    await page.fill(`${item} textarea[name=note]`, '已提交备案,取得回执');
    await page.setInputFiles(`${item} input[name=evidence]`, { name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await page.click(`${item} button[type=submit]`);
    await page.waitForSelector(`${item}[data-status=CLOSED]`);
    const sha = createHash('sha256').update(PHOTO).digest('hex');
    expect(await page.textContent(`${item} [data-testid=evidence]`)).toContain(sha);
    await shot('05-closed');
    const order = await api.call<{ status: string; closedLate: boolean }>('GET', `/api/corrective-orders/${orderId}`);
    expect(order).toMatchObject({ status: 'CLOSED', closedLate: true });
    const pdf = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return { status: response.status, type: response.headers.get('content-type'), head: new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)) };
    }, `/api/corrective-orders/${encodeURIComponent(orderId)}/report-back.pdf`);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await page.goto(`${server.url}/#/exposure`);
    await page.waitForSelector('[data-testid=exposure-rows]');
    expect(await page.$('[data-testid=exposure-rows] tr[data-triggerable=true]')).toBeNull();
  });
});
