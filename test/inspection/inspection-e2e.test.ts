/**
 * REG-24-1 in the browser (headless Chromium against the real server): an administrator opens inspector
 * account I1 on the Inspection page; a second administrator approves its grant; the inspector signs in,
 * lands on the Inspection page, generates the package of S1 for a month in one click, sees its sections
 * and downloads the PDF and the JSON. Screenshots: test-artifacts/inspection/e2e-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';
import { ApiSession } from '../e2e/support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from '../e2e/support/browser.ts';
import { setUpFirstAdministrator, signInWithTotp } from '../e2e/support/flows.ts';
import { startE2EServer, type E2EServer } from '../e2e/support/server.ts';
import { ARTIFACTS } from './support.ts';

const run = chromiumAvailable() ? describe : describe.skip;

run('inspection in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let admin: Browser;
  let inspector: Browser;
  let page: Page;
  let api: ApiSession;
  let siteId = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    admin = await launchBrowser();
    inspector = await launchBrowser();
    page = await admin.context.newPage();
    const first = await setUpFirstAdministrator(page, `${server.url}/#setup=${server.setupToken}`, 'admin', '系统管理员');
    api = first.api;
    await signInWithTotp(page, 'admin', first.totp);
    const unit = await api.call<{ id: string }>('POST', '/api/units', unitBody());
    siteId = (await api.call<{ id: string }>('POST', '/api/sites', siteBody(unit.id))).id;
    await api.call('POST', '/api/cameras', cameraBody(siteId, unit.id));
  }, 180_000);

  afterAll(async () => {
    await inspector?.close();
    await admin?.close();
    await server?.close();
  });

  it('REG-24-1: an administrator opens inspector account I1 (officer, organ, warrant, site, window) on the Inspection page', async () => {
    await page.click('header.bar a[href="#/inspection"]');
    await page.waitForSelector('[data-testid=inspector-accounts]');
    await page.fill('form[aria-label="inspector account"] input[name=officerName]', '赵警官');
    await page.fill('input[name=organ]', '杭州市公安局西湖区分局');
    await page.fill('input[name=warrantRef]', '西公(治)检字〔2025〕12号');
    await page.fill('form[aria-label="inspector account"] input[name=username]', 'inspector.i1');
    await page.fill('form[aria-label="inspector account"] input[name=password]', TEST_PASSWORD);
    await page.selectOption('select[name=siteIds]', [siteId]);
    await page.click('form[aria-label="inspector account"] button[type=submit]');
    await page.waitForSelector('[data-testid=inspector-accounts] [role=status]');
    await page.waitForSelector('table[aria-label="inspector accounts"] td:has-text("inspector.i1")');
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-01-accounts.png'), fullPage: true });
    const [account] = await api.call<{ state: string; grants: { id: string }[] }[]>('GET', '/api/inspector-accounts');
    expect(account?.state).toBe('PENDING');

    // A second administrator (the first one's bootstrap grant) approves the inspector's grant.
    const unitId = (await api.call<{ id: string }[]>('GET', '/api/units'))[0]!.id;
    const today = new Date().toISOString().slice(0, 10);
    const dates = { entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today };
    const person = await api.call<{ id: string }>('POST', '/api/persons', { unitId, name: '第二管理员', ...dates });
    const second = await api.call<{ id: string }>('POST', '/api/users', { username: 'admin2', displayName: '第二管理员', password: TEST_PASSWORD, unitId, personId: person.id });
    await api.call('POST', '/api/grants', { userId: second.id, roleId: 'role-administrator', scopeType: 'ALL', reason: '第二名管理员' });
    const approver = await ApiSession.signIn(server.url, 'admin2', TEST_PASSWORD);
    await approver.enrolTotp();
    for (const grant of account!.grants) await approver.call('POST', `/api/grants/${grant.id}/approve`, {});
    expect((await api.call<{ state: string }[]>('GET', '/api/inspector-accounts'))[0]?.state).toBe('ACTIVE');
  });

  it('REG-24-1: the inspector lands on the Inspection page, generates the package in one click, sees its sections and downloads PDF and JSON', async () => {
    const phone = await inspector.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(server.url);
    await phone.fill('input[name=username]', 'inspector.i1');
    await phone.fill('input[name=password]', TEST_PASSWORD);
    await phone.click('button[type=submit]');
    await phone.waitForSelector('[data-testid=inspector-banner]');
    expect(await phone.textContent('[data-testid=inspector-banner]')).toContain('杭州市公安局西湖区分局');
    // The bar names the officer's organ, not the inspected unit.
    expect(await phone.textContent('header.bar')).toContain('赵警官 · 杭州市公安局西湖区分局');
    await phone.screenshot({ path: path.join(ARTIFACTS, 'e2e-02-inspector-landing.png'), fullPage: true });
    await phone.fill('input[name=period]', '2025-05');
    await phone.click('form[aria-label="inspection package"] button[type=submit]');
    await phone.waitForSelector('[data-testid=inspection-sections]');
    const sections = await phone.textContent('[data-testid=inspection-sections]');
    for (const title of ['一、备案情况', '二、系统与点位', '三、提示标识', '四、存储期限', '五、调用登记', '六、人员条件', '七、受托与施工单位', '八、安全控制与完整性', '九、未结问题']) expect(sections).toContain(title);
    expect(sections).toContain('摄像机:1 台');
    await phone.screenshot({ path: path.join(ARTIFACTS, 'e2e-03-package.png'), fullPage: true });
    const links = await phone.$$eval('[data-testid=inspection-result] a[download]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(2);
    const answers = await phone.evaluate(async (urls) => Promise.all(urls.map(async (u) => { const r = await fetch(u); return { status: r.status, type: r.headers.get('content-type') ?? '' }; })), links);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[0]?.type).toBe('application/pdf');
    expect(answers[1]?.type).toContain('application/json');
    // The inspector's bar offers no page that changes anything.
    const nav = await phone.$$eval('header.bar nav a', (as) => as.map((a) => a.getAttribute('href')));
    expect(nav).toContain('#/inspection');
    expect(nav).not.toContain('#/desk');
    expect(nav).not.toContain('#/users');
  });
});
