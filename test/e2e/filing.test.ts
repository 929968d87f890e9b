/**
 * Filing (备案, art. 14) end to end, in headless Chromium against the real server: with a system and an
 * activated camera made through the API, the compliance officer follows the dashboard's deadline to the
 * filing page, sets the filing authority, creates the draft, submits it with the responsible person,
 * records the receipt, sees the change diff after a camera changes, and downloads the PDF.
 * Screenshots go to test-artifacts/e2e/filing-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { pdfPagesText } from '../filing/pdf-text.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';
import { setUpFirstAdministrator, signInWithTotp } from './support/flows.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const SITE_NAME = '滨江购物中心一层';
const AUTHORITY = '杭州市公安局西湖区分局';

/** The date in Asia/Shanghai `days` from now, YYYY-MM-DD. */
function legalDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

const run = chromiumAvailable() ? describe : describe.skip;

run('filing in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  let siteId: string;
  let cameraId: string;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `filing-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    const first = await setUpFirstAdministrator(page, `${server.url}/#setup=${server.setupToken}`, 'officer', '合规专员');
    api = first.api;
    const totp = first.totp;
    await api.recordPrerequisites();

    // A system put into use ten days ago, with one camera that has everything activation asks for.
    const unit = await api.call<{ id: string }>('POST', '/api/units', unitBody());
    siteId = (await api.call<{ id: string }>('POST', '/api/sites', siteBody(unit.id, { name: SITE_NAME, putIntoUseDate: legalDay(-10) }))).id;
    cameraId = (await api.call<{ id: string }>('POST', '/api/cameras', cameraBody(siteId, unit.id, { installedAt: legalDay(-12) }))).id;
    await api.call('POST', '/api/signs', { siteId, location: '入口', photoRef: 'photos/sign-1.jpg', cameraIds: [cameraId] });
    const activated = await api.call<{ status: string }>('POST', `/api/cameras/${cameraId}/activate`, {});
    expect(activated.status).toBe('ACTIVE');

    await signInWithTotp(page, 'officer', totp);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('REG-14-2: the dashboard shows the deadline with the days left and leads to the filing page', async () => {
    await page.goto(`${server.url}/#/dashboard`);
    await page.waitForSelector('[data-testid=dashboard-findings] details');
    const row = await page.waitForSelector(`[data-testid=dashboard-deadlines] li[data-site="${siteId}"]`);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(SITE_NAME);
    expect(text).toMatch(/剩余 \d+ 天/);
    const left = Number(/剩余 (\d+) 天/.exec(text)?.[1]);
    // 30 days from put-into-use, ten days ago; a rest day at the end moves it a few days on.
    expect(left).toBeGreaterThanOrEqual(20);
    expect(left).toBeLessThanOrEqual(27);
    await page.waitForSelector('[data-testid=dashboard-exposure] table');
    await shot('01-dashboard');
    await page.click(`[data-testid=dashboard-deadlines] li[data-site="${siteId}"] [data-testid=deadline-to-filing]`);
    await page.waitForSelector(`[data-testid=filing-page][data-site="${siteId}"]`);
    expect(page.url()).toContain(`#/filing/${siteId}`);
    expect(await page.textContent('[data-testid=filing-deadline]')).toMatch(/剩余 \d+ 天/);
  });

  it('REG-09-2: an art. 9 shop shows "not required (art. 9.2)" instead of a deadline, on the filing pages and not on the dashboard', async () => {
    const unit = await api.call<{ id: string }>('POST', '/api/units', unitBody({ uscc: null, unitType: 'INDIVIDUAL', name: '街角便利店' }));
    const shop = await api.call<{ id: string }>('POST', '/api/sites', siteBody(unit.id, { name: '街角便利店', placeCategory: 'A9_OTHER_PUBLIC', putIntoUseDate: legalDay(-60) }));
    await page.goto(`${server.url}/#/filing/${shop.id}`);
    const card = await page.waitForSelector('[data-testid=filing-deadline] [data-testid=filing-not-required]');
    expect(await card.textContent()).toContain('无需备案(第九条第二款)');
    expect(await page.$('[data-testid=filing-deadline] [data-testid=due-date]')).toBeNull();
    await shot('00-a9-not-required');
    await page.goto(`${server.url}/#/filing`);
    await page.waitForSelector('[data-testid=filing-not-required]:has-text("第九条第二款")');
    await page.goto(`${server.url}/#/dashboard`);
    await page.waitForSelector(`[data-testid=dashboard-deadlines] li[data-site="${siteId}"]`);
    expect(await page.$(`[data-testid=dashboard-deadlines] li[data-site="${shop.id}"]`)).toBeNull();
    await page.goto(`${server.url}/#/filing/${siteId}`);
    await page.waitForSelector(`[data-testid=filing-page][data-site="${siteId}"]`);
  });

  it('REG-05-1: the filing authority for the county is chosen on the filing page', async () => {
    expect(await page.textContent('[data-testid=filing-authority]')).toContain('330106');
    await page.fill('input[name=authorityName]', AUTHORITY);
    await page.click('form[aria-label=filing-authority] button[type=submit]');
    await page.waitForSelector(`[data-testid=authority-name]:has-text("${AUTHORITY}")`);
  });

  it('REG-14-1 and REG-14-3: creates the draft, submits it with the responsible person and records the receipt', async () => {
    await page.click('[data-testid=create-filing]');
    await page.waitForSelector('[data-testid=filing-current][data-status=DRAFT]');
    expect(await page.textContent('[data-testid=filing-dataset]')).toContain(SITE_NAME);
    await shot('02-draft');
    await page.fill('input[name=responsiblePerson]', '王五');
    await page.fill('input[name=position]', '安全保卫部经理');
    await page.click('form[aria-label=submit-filing] button[type=submit]');
    await page.waitForSelector('[data-testid=filing-current][data-status=SUBMITTED]');
    await shot('03-submitted');
    await page.fill('input[name=receiptNo]', 'BA-E2E-000123');
    expect(await page.inputValue('select[name=authority]')).toBe(AUTHORITY);
    await page.click('form[aria-label=record-receipt] button[type=submit]');
    await page.waitForSelector('[data-testid=filed]');
    expect(await page.textContent('[data-testid=filed]')).toContain('BA-E2E-000123');
    const row = await page.waitForSelector('[data-testid=filing-history] tr[data-status=FILED]');
    expect(await row.textContent()).toContain('王五');
    expect(await page.$('[data-testid=change-diff]')).toBeNull();
    await shot('04-filed');
  });

  it('REG-14-4: after a camera changes, the filing page shows the change field by field and offers a change filing', async () => {
    await api.call('PATCH', `/api/cameras/${cameraId}`, { deviceType: 'DOME' });
    await page.reload();
    const diff = await page.waitForSelector('[data-testid=change-diff]');
    const cells = async (path: string) => {
      const row = await diff.$(`tr[data-path="${path}"]`);
      return row?.$$eval('td', (tds) => tds.map((td) => td.textContent ?? ''));
    };
    expect((await cells('cameraByType.FIXED'))?.slice(0, 3)).toEqual(['枪式摄像机数量', '1', '0']);
    expect((await cells('cameraByType.DOME'))?.slice(0, 3)).toEqual(['半球摄像机数量', '0', '1']);
    // REG-14-4: each field shows the day it changed and how that is known; the task runs from the earliest.
    expect((await cells('cameraByType.DOME'))?.[3]).toBe(`${legalDay(0)} · 摄像机类型变更`);
    expect(await page.textContent('[data-testid=change-since]')).toContain(`自 ${legalDay(0)} 起发生变化(摄像机类型变更)`);
    expect(await page.textContent('[data-testid=create-filing]')).toContain('变更备案');
    await shot('05-change-diff');
    await page.click('[data-testid=language]');
    await page.waitForSelector('[data-testid=change-diff] tr[data-path="cameraByType.DOME"]:has-text("Number of cameras: Dome camera")');
    await shot('06-change-diff-en');
    await page.click('[data-testid=language]');
    await page.waitForSelector('[data-testid=change-diff]:has-text("已备案")');
  });

  it('REG-14-6: downloads the filed filing as a PDF that names the system', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=filing-history] tr[data-status=FILED] [data-testid=filing-pdf]')]);
    const file = await download.path();
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPagesText(pdf)).join('\n');
    expect(text).toContain(SITE_NAME);
    expect(text).toContain('BA-E2E-000123');
  });

  it('REG-14-4: the change finding links to the filing page as its fix', async () => {
    await page.goto(`${server.url}/#/findings`);
    const row = await page.waitForSelector('[data-testid=findings] tr[data-code=CHANGE_FILING_REQUIRED]');
    expect(await row.textContent()).toContain('变更备案');
    expect(await (await row.$('[data-testid=finding-fix]'))?.getAttribute('href')).toBe(`#/filing/${siteId}`);
    await shot('07-findings');
    await page.goto(`${server.url}/#/exposure`);
    const article = await page.waitForSelector('[data-testid=exposure-by-article] tr[data-article="29"]');
    expect(Number((await article.$$eval('td', (tds) => tds[1]?.textContent)) ?? 0)).toBeGreaterThanOrEqual(1);
    const exposed = await page.waitForSelector(`[data-testid=exposure-rows] tr[data-code=CHANGE_FILING_REQUIRED]:has-text("${SITE_NAME}")`);
    expect(await (await exposed.$('a[href^="#/filing/"]'))?.getAttribute('href')).toBe(`#/filing/${siteId}`);
    await shot('08-exposure');
  });

  it('REG-14-3 and REG-14-4: a change filing returned with a reason shows it and is submitted again', async () => {
    await page.goto(`${server.url}/#/filing/${siteId}`);
    await page.click('[data-testid=create-filing]');
    await page.waitForSelector('[data-testid=filing-current][data-status=DRAFT]:has-text("变更备案")');
    await page.fill('input[name=responsiblePerson]', '王五');
    await page.click('form[aria-label=submit-filing] button[type=submit]');
    await page.waitForSelector('[data-testid=filing-current][data-status=SUBMITTED]');
    await page.fill('input[name=returnReason]', '缺少授权委托书');
    await page.click('form[aria-label=return-filing] button[type=submit]');
    const reason = await page.waitForSelector('[data-testid=returned-reason]');
    expect(await reason.textContent()).toContain('缺少授权委托书');
    await shot('09-returned');
    // REG-14-5: a correction by hand carries its reason.
    await page.click('[data-testid=filing-dataset] tr[data-path="location.placeSubtype"] [data-testid=edit-field]');
    await page.fill('form[aria-label=edit-field] input[name=editValue]', '购物中心');
    await page.fill('form[aria-label=edit-field] input[name=editReason]', '按公安机关要求填写场所细类');
    await page.click('form[aria-label=edit-field] button[type=submit]');
    const edited = await page.waitForSelector('[data-testid=filing-dataset] tr[data-path="location.placeSubtype"]:has-text("按公安机关要求填写场所细类")');
    expect(await edited.textContent()).toContain('购物中心');
    await page.fill('input[name=responsiblePerson]', '王五');
    await page.click('form[aria-label=submit-filing] button[type=submit]');
    await page.waitForSelector('[data-testid=filing-current][data-status=SUBMITTED]');
    const kinds = await page.$$eval('[data-testid=filing-history] tr[data-status]', (rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(kinds).toEqual(['SUBMITTED', 'FILED']);
  });

  it('REG-14-4: once the change filing is submitted, only the field corrected by hand still differs from the registry', async () => {
    await page.goto(`${server.url}/#/filing/${siteId}`);
    await page.waitForSelector('[data-testid=filing-current][data-status=SUBMITTED]');
    const diff = await page.waitForSelector('[data-testid=change-diff]');
    expect(await diff.$$eval('tr[data-path]', (rows) => rows.map((r) => r.getAttribute('data-path')))).toEqual(['location.placeSubtype']);
    // Compared with the change filing on its way, not the one on file.
    expect(await diff.textContent()).toContain('已提交(变更)');
    await shot('10-resubmitted');
  });
});
