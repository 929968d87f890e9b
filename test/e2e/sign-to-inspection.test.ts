/**
 * Issue 15's "done when", end to end against the real server in headless Chromium:
 * - a person under the demo site's sign opens the QR's /s/CODE on a phone without any session, learns the
 *   unit, the retention, the filing number and its county organ, and the ledger key and checkpoint, and
 *   reports a camera that should not be there (art. 24) from that same page, keeping the reference;
 * - the unit sees the report and takes it up; an administrator opens an inspector account for the county
 *   organ's officer, a second administrator approves it;
 * - the inspector signs in, gets the inspection package in one click, and checks it offline with
 *   `custos inspection verify` against the ledger key the person read under the sign; the package's
 *   figures are the API's, and a package changed after signing fails the check.
 * Screenshots: test-artifacts/e2e/sign-to-inspection/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { custos } from '../support/cli.ts';
import { ApiSession } from './support/api.ts';
import { CHROMIUM, chromiumAvailable } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';
import { fileDemoSiteAndReadSignCode } from './support/signed-site.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e/sign-to-inspection');
const RECEIPT_NO = 'BA-E2E-2026-0815';
const AUTHORITY = '演示县公安局';
const ORGAN = '演示县公安局治安大队';

const run = chromiumAvailable() ? describe : describe.skip;

interface PublicKey {
  keyId: string;
  publicKeyPem: string;
}

run('from the sign to the inspector’s package (issue 15, e2e)', { timeout: 400_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiSession;
  let siteId = '';
  let unitName = '';
  let code = '';
  let keySeenUnderTheSign: PublicKey | undefined;
  let reportReference = '';
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

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
    await api.enrolTotp();
    await api.recordPrerequisites();

    // The demo site filed, its sign's QR code read, and the ledger's first signed checkpoint awaited.
    ({ siteId, unitName, code } = await fileDemoSiteAndReadSignCode(api, server.url, { receiptNo: RECEIPT_NO, authority: AUTHORITY, checkpointWaitSeconds: 90 }));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a person under the sign learns what the law lets them know and reports a camera from their phone, signed in nowhere', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) calls.push(url.pathname);
    });
    try {
      await page.goto(`${server.url}/s/${code}`);
      await page.waitForSelector('[data-testid=unit]');
      expect(await page.textContent('[data-testid=unit]')).toBe(unitName);
      expect(await page.textContent('[data-testid=filing]')).toContain(RECEIPT_NO);
      expect(await page.textContent('[data-testid=filing]')).toContain(AUTHORITY);
      expect(Number(await page.textContent('[data-testid=tree-size]'))).toBeGreaterThan(0);
      // The key the page publishes is the ledger's key, read here as the person reads it.
      const info = (await (await page.request.get(`${server.url}/api/public/signs/${code}`)).json()) as { ledger: { publicKey: PublicKey | null } };
      keySeenUnderTheSign = info.ledger.publicKey ?? undefined;
      expect(keySeenUnderTheSign?.keyId).toMatch(/^[0-9a-f]{16}$/);
      expect(await page.content()).toContain(keySeenUnderTheSign!.keyId);

      // The report form sits on the same page as the art. 21 form: its fields are found within it.
      const form = '[data-testid=report-form]';
      await page.waitForSelector(form);
      await page.check(`${form} input[value=ART8_1]`);
      await page.fill(`${form} input[name=location]`, '一楼男卫生间入口上方');
      await page.fill(`${form} textarea[name=description]`, '卫生间门口天花板上有一个朝向隔间的摄像头');
      await page.tap(`${form} button[name=send-report]`);
      await page.waitForSelector('[data-testid=report-reference], [data-testid=report-form] .error, [data-testid=report-form] [role=alert]', { timeout: 20_000 });
      await shot(page, 'phone-report-answer');
      reportReference = (await page.textContent('[data-testid=report-reference]', { timeout: 1000 })) ?? '';
      expect(reportReference).toMatch(/^R24-/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await shot(page, 'phone-report-sent');
      // No session, and nothing but the public API.
      expect((await context.cookies()).filter((c) => c.name === 'custos_session')).toEqual([]);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((p) => !p.startsWith('/api/public/'))).toEqual([]);
    } finally {
      await context.close();
    }

    const [report] = await api.call<{ id: string; reference: string; siteId: string; status: string }[]>('GET', '/api/public-reports');
    expect(report).toMatchObject({ reference: reportReference, siteId, status: 'RECEIVED' });
    await api.call('POST', `/api/public-reports/${report!.id}/acknowledge`, { note: '已派人到现场核查' });
    const status = (await (await fetch(`${server.url}/api/public/reports/${reportReference}`)).json()) as { status: string };
    expect(status.status).toBe('ACKNOWLEDGED');
  });

  it('an inspector gets a complete package in one click, and it verifies offline against the key published under the sign', async () => {
    const validFrom = new Date(Date.now() - 60_000).toISOString();
    const validTo = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await api.call('POST', '/api/inspector-accounts', {
      username: 'inspector.e2e',
      password: TEST_PASSWORD,
      officerName: '钱警官',
      organ: ORGAN,
      warrantRef: '演公(治)检字〔2026〕7号',
      scope: { type: 'SITE', siteIds: [siteId] },
      validFrom,
      validTo,
    });
    const [account] = await api.call<{ grants: { id: string }[] }[]>('GET', '/api/inspector-accounts');
    const unitId = (await api.call<{ id: string }[]>('GET', '/api/units'))[0]!.id;
    const today = new Date().toISOString().slice(0, 10);
    const dates = { entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today };
    const person = await api.call<{ id: string }>('POST', '/api/persons', { unitId, name: '第二管理员', ...dates });
    const second = await api.call<{ id: string }>('POST', '/api/users', { username: 'admin2', displayName: '第二管理员', password: TEST_PASSWORD, unitId, personId: person.id });
    await api.call('POST', '/api/grants', { userId: second.id, roleId: 'role-administrator', scopeType: 'ALL', reason: '第二名管理员' });
    const approver = await ApiSession.signIn(server.url, 'admin2', TEST_PASSWORD);
    await approver.enrolTotp();
    for (const grant of account!.grants) await approver.call('POST', `/api/grants/${grant.id}/approve`, {});

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.fill('input[name=username]', 'inspector.e2e');
      await page.fill('input[name=password]', TEST_PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=inspector-banner]');
      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
      await page.fill('input[name=period]', month);
      await page.click('form[aria-label="inspection package"] button[type=submit]');
      await page.waitForSelector('[data-testid=inspection-sections]');
      await shot(page, 'inspector-package');
      const links = await page.$$eval('[data-testid=inspection-result] a[download]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      const jsonUrl = links.find((u) => u.endsWith('.json'));
      expect(jsonUrl).toBeDefined();
      const pkgText = await page.evaluate(async (u) => (await fetch(u)).text(), jsonUrl!);
      const pkg = JSON.parse(pkgText) as {
        inventory: { cameras: unknown[] };
        filing: { siteId: string; status: string; receiptNo: string | null }[];
        security: { ledger: { publicKey: { keyId: string } | null } };
      };

      // The package's figures are the API's.
      const cameras = (await api.call<{ siteId: string }[]>('GET', '/api/cameras')).filter((c) => c.siteId === siteId);
      expect(pkg.inventory.cameras).toHaveLength(cameras.length);
      expect(pkg.filing.find((f) => f.siteId === siteId)).toMatchObject({ status: 'FILED', receiptNo: RECEIPT_NO });
      expect(pkg.security.ledger.publicKey?.keyId).toBe(keySeenUnderTheSign?.keyId);

      // Offline: the package file and the key read under the sign, no server.
      const file = path.join(ARTIFACTS, 'package.json');
      const keyFile = path.join(ARTIFACTS, 'ledger-key.pem');
      writeFileSync(file, pkgText);
      writeFileSync(keyFile, keySeenUnderTheSign!.publicKeyPem);
      const verified = await custos(['inspection', 'verify', file, '--public-key', keyFile], {});
      expect(verified.status, verified.stderr).toBe(0);
      expect(verified.json()).toMatchObject({ ok: true, keyTrusted: true, keyId: keySeenUnderTheSign!.keyId });

      // A figure changed after signing does not pass.
      const forged = JSON.parse(pkgText) as { inventory: { cameras: unknown[] } };
      forged.inventory.cameras = forged.inventory.cameras.slice(1);
      const forgedFile = path.join(ARTIFACTS, 'package-forged.json');
      writeFileSync(forgedFile, JSON.stringify(forged));
      const refused = await custos(['inspection', 'verify', forgedFile, '--public-key', keyFile], {});
      expect(refused.status).toBe(1);
      expect(refused.json<{ ok: boolean; checks: { check: string; ok: boolean }[] }>().checks.find((c) => c.check === 'SHA256')?.ok).toBe(false);
    } finally {
      await context.close();
    }
  });
});
