/**
 * Art. 24 ¶2 in headless Chromium: a person under the demo site's sign reports a camera from a phone
 * (390 × 844) on the sign's public page (/s/CODE), with a real photo that the phone redraws as JPEG
 * before sending; they
 * keep the reference and check its status. A handler then opens 公众举报 at desktop size, sees the
 * art. 8 ¶2 notice, takes the report up and forwards it to the county organ. Screenshots go to
 * test-artifacts/e2e/public-report-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeForSign } from '../../src/public/sign-codes.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { signInWithTotp } from './support/flows.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
/** A real 1 × 1 PNG, so that the browser can draw it. */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** The report form shares the page with the art. 21 form: its fields are found within it. */
const FORM = '[data-testid=report-form]';

const run = chromiumAvailable() ? describe : describe.skip;

run('art. 24 public report from a phone, handled at the desk (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiSession;
  let totp: () => Promise<string>;
  let code: string;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `public-report-${name}.png`), fullPage: true });

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
    totp = await api.enrolTotp();
    await api.recordPrerequisites();
    const [sign] = await api.call<{ id: string; siteId: string }[]>('GET', '/api/signs');
    code = await codeForSign(server.server.db.db, sign!, new Date());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('REG-24-2: reported from a phone with a photo and a contact; the reference shows the status; the handler forwards it', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/s/${code}`);
    await phone.waitForSelector(FORM);
    // Readable on a phone: nothing wider than the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'phone-form');
    await phone.check(`${FORM} input[value=ART8_1]`);
    await phone.fill(`${FORM} input[name=location]`, '二楼女更衣室,第三个隔间上方');
    await phone.fill(`${FORM} textarea[name=description]`, '天花板上有一个疑似摄像头的装置,红灯闪烁。');
    await phone.setInputFiles(`${FORM} input[name=photos]`, { name: 'photo.png', mimeType: 'image/png', buffer: PNG_1PX });
    await phone.uncheck(`${FORM} input[name=anonymous]`);
    await phone.fill(`${FORM} input[name=phone]`, '13800138000');
    await phone.click(`${FORM} button[name=send-report]`);
    const reference = (await phone.textContent('[data-testid=report-reference]', { timeout: 20_000 }))!;
    expect(reference).toMatch(/^R24-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await phone.click('[data-testid=report-check] button[type=submit]');
    await phone.waitForSelector('[data-testid=report-status][data-status=RECEIVED]');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'phone-sent');

    const [report] = await api.call<{ id: string; reference: string; contact: { phone: string } | null; photos: { mediaType: string }[] }[]>('GET', '/api/public-reports');
    expect(report).toMatchObject({ reference, contact: { phone: '13800138000' } });
    // The phone redrew the photo as JPEG (no EXIF, no location) before sending.
    expect(report!.photos.map((p) => p.mediaType)).toEqual(['image/jpeg']);

    const desk = await browser.context.newPage();
    await desk.goto(server.url);
    await signInWithTotp(desk, 'admin', totp);
    await desk.goto(`${server.url}/#/public-reports`);
    await desk.click(`a:has-text("${reference}")`);
    await desk.waitForSelector('[data-testid=art8-notice]');
    await desk.click('button[name=acknowledge]');
    await desk.waitForSelector('[data-testid=public-report][data-status=ACKNOWLEDGED]');
    await desk.click('[data-testid=forward-form] button[name=forward]');
    await desk.waitForSelector('[data-testid=forwarding-letter]');
    expect(await desk.textContent('[data-testid=report-forwarding]')).toContain('北京市公安局海淀分局');
    expect(await desk.textContent('[data-testid=report-contact]')).toContain('13800138000');
    await shot(desk, 'desk-forwarded');

    await phone.click('[data-testid=report-check] button[type=submit]');
    await phone.waitForSelector('[data-testid=report-status][data-status=FORWARDED]');

    // Bilingual: the same form in English at desktop size.
    const desktop = await browser.context.newPage();
    await desktop.goto(`${server.url}/s/${code}`);
    await desktop.evaluate(() => localStorage.setItem('custos.lang', 'en'));
    await desktop.reload();
    await desktop.waitForSelector('h2:has-text("Report a camera that should not be here")');
    expect(await desktop.textContent(FORM)).toContain('changing room');
    await shot(desktop, 'desktop-en');
  });
});
