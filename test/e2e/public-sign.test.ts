/**
 * The sign that talks back, end to end (arts. 13, 21, 24), in headless Chromium against the real server:
 * staff print the demo site's sign (A4 PDF, first page rendered with pdftoppm); a person opens the QR's
 * /s/CODE on a phone (390×844, touch) without any session, sees the unit, retention, the filing number and
 * the latest signed checkpoint, switches language, is told in plain words that a cousin may not view,
 * files an art. 21 request as a parent and reads the reference number, then checks its status; the
 * request is in the unit's workflow. The page has no horizontal scroll at phone width, and the same page
 * is shown at desktop size (1280×800). In the desk, the sign's page shows the QR and its URL, and the
 * counter records the person's ID on the request. Screenshots and the rendered sign: test-artifacts/e2e/public-sign/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { CHROMIUM, chromiumAvailable } from './support/browser.ts';
import { signInWithTotp } from './support/flows.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';
import { fileDemoSiteAndReadSignCode } from './support/signed-site.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e/public-sign');
const RECEIPT_NO = 'BA-E2E-2026-0042';
const AUTHORITY = '演示县公安局';
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

const run = chromiumAvailable() ? describe : describe.skip;
const beijingInput = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

run('the sign’s public page in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let api: ApiSession;
  let bearer: Record<string, string>;
  let signId: string;
  let code: string;
  let unitName: string;
  let retentionDays: number;
  let adminTotp: () => Promise<string>;
  let filedReference = '';

  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  /** A fresh context (no cookies) that records every API call the page makes. */
  async function open(options: BrowserContextOptions): Promise<{ page: Page; calls: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) calls.push(`${r.method()} ${url.pathname}`);
    });
    return { page, calls, close: () => context.close() };
  }

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
    adminTotp = await api.enrolTotp();
    await api.recordPrerequisites();
    // The demo site's sign, its county organ, a filing with its receipt, the QR's code, the first checkpoint.
    const demo = await fileDemoSiteAndReadSignCode(api, server.url, { receiptNo: RECEIPT_NO, authority: AUTHORITY });
    ({ signId, unitName, code, bearer } = demo);
    retentionDays = Math.max(...(await api.call<{ siteId: string; retentionDays: number }[]>('GET', '/api/cameras')).filter((c) => c.siteId === demo.siteId).map((c) => c.retentionDays));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('staff print the A4 sign: notice, unit, filing number and the QR’s short URL; its first page rendered to PNG', async () => {
    const response = await fetch(`${server.url}/api/signs/${signId}/print.pdf?size=A4`, { headers: bearer });
    expect(response.status).toBe(200);
    const file = path.join(ARTIFACTS, 'sign-a4.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const want of ['视频监控区域', 'CCTV in operation', unitName, RECEIPT_NO, AUTHORITY, `${server.url}/s/${code}`]) expect(text).toContain(want);
    execFileSync('pdftoppm', ['-png', '-r', '72', '-f', '1', '-singlefile', file, path.join(ARTIFACTS, 'sign-a4')]);
  });

  it('on a phone, without a session: the facts, the language switch, a refusal explained, an art. 21 request and its reference', async () => {
    const { page, calls, close } = await open(PHONE);
    try {
      await page.goto(`${server.url}/s/${code}`);
      expect(page.url()).toBe(`${server.url}/#/s/${code}`);
      await page.waitForSelector('[data-testid=unit]');
      expect(await page.textContent('[data-testid=unit]')).toBe(unitName);
      expect(await page.textContent('[data-testid=retention]')).toContain(String(retentionDays));
      expect(await page.textContent('[data-testid=filing]')).toContain(RECEIPT_NO);
      expect(await page.textContent('[data-testid=filing]')).toContain(AUTHORITY);
      expect(Number(await page.textContent('[data-testid=tree-size]'))).toBeGreaterThan(0);
      expect(await page.textContent('h1')).toBe('视频监控区域');
      expect(await noHorizontalScroll(page)).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'phone-zh.png'), fullPage: true });

      await page.tap('[data-testid=language]');
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'CCTV in operation');
      expect(await page.textContent('[data-testid=retention]')).toContain(`kept for ${retentionDays} days`);
      expect(await noHorizontalScroll(page)).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'phone-en.png'), fullPage: true });

      const form = 'form[aria-label=art21]';
      await page.selectOption(`${form} select[name=relationship]`, 'OTHER');
      await page.fill(`${form} input[name=name]`, '王秀英');
      await page.fill(`${form} input[name=idNumber]`, '110101198001011234');
      await page.fill(`${form} input[name=relatedPerson]`, '李小明(8岁)');
      await page.fill(`${form} textarea[name=description]`, '孩子走失,需确认其离开的时间和方向');
      await page.fill(`${form} input[name=incidentAt]`, beijingInput(Date.now() - 3600_000));
      await page.tap(`${form} button[type=submit]`);
      const refusal = await page.waitForSelector(`${form} [data-code=E_RELATIONSHIP_NOT_ELIGIBLE]`);
      expect(await refusal.textContent()).toContain('close relative');
      await page.screenshot({ path: path.join(ARTIFACTS, 'phone-refused.png'), fullPage: true });

      await page.selectOption(`${form} select[name=relationship]`, 'CLOSE_RELATIVE');
      await page.selectOption(`${form} select[name=subtype]`, '父母');
      await page.fill(`${form} input[name=contact]`, 'wang@example.cn');
      await page.tap(`${form} button[type=submit]`);
      const reference = (await (await page.waitForSelector('[data-testid=reference]')).textContent()) ?? '';
      expect(reference).toMatch(/^A21-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      filedReference = reference;
      expect(await noHorizontalScroll(page)).toBe(true);
      await (await page.$('[data-testid=art21-receipt]'))?.screenshot({ path: path.join(ARTIFACTS, 'phone-reference.png') });

      await page.fill('form[aria-label=reference] input[name=reference]', reference.toLowerCase());
      await page.tap('form[aria-label=reference] button[type=submit]');
      await page.waitForSelector('[data-testid=request-status] [data-status=PENDING_CONSENT]');
      await page.screenshot({ path: path.join(ARTIFACTS, 'phone-status.png'), fullPage: true });

      // In the unit's workflow, marked as from the public page; the page never asked for a session.
      const requests = await api.call<{ publicReference: string | null; receivedVia: string; status: string; requester: { contact: string | null } }[]>('GET', '/api/art21-requests');
      expect(requests.find((r) => r.publicReference === reference)).toMatchObject({ receivedVia: 'PUBLIC_SIGN', status: 'PENDING_CONSENT', requester: { contact: 'wang@example.cn' } });
      expect(calls.filter((c) => !c.includes('/api/public/'))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('in the desk: the sign’s page shows its QR and short URL; the counter records the ID of the public-page request', async () => {
    expect(filedReference).not.toBe('');
    const { page, close } = await open(DESKTOP);
    try {
      await page.goto(server.url);
      await signInWithTotp(page, 'admin', adminTotp);
      await page.goto(`${server.url}/#/desk/signs/${signId}`);
      await page.waitForSelector('[data-testid=sign-qr]');
      expect(await page.textContent('[data-testid=sign-url]')).toBe(`${server.url}/s/${code}`);
      expect(await page.getAttribute('[data-testid=sign-pdf-a5]', 'href')).toBe(`/api/signs/${signId}/print.pdf?size=A5`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'desk-sign.png'), fullPage: true });

      const requests = await api.call<{ id: string; publicReference: string | null }[]>('GET', '/api/art21-requests');
      const id = requests.find((r) => r.publicReference === filedReference)!.id;
      await page.goto(`${server.url}/#/art21/${id}`);
      expect(await (await page.waitForSelector('[data-testid=art21-public-reference]')).textContent()).toBe(filedReference);
      await page.setInputFiles('form[aria-label=counter-proof] input[name=file]', { name: '身份证.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) });
      await page.click('form[aria-label=counter-proof] button[type=submit]');
      await page.waitForSelector('[data-testid=art21-detail] a:has-text("身份证.jpg")');
      await page.screenshot({ path: path.join(ARTIFACTS, 'desk-art21-counter.png'), fullPage: true });
      const after = await api.call<{ documents: { kind: string }[] }>('GET', `/api/art21-requests/${id}`);
      expect(after.documents.map((d) => d.kind)).toEqual(['IDENTITY']);
    } finally {
      await close();
    }
  });

  it('at desktop size: the same facts, no horizontal scroll', async () => {
    const { page, calls, close } = await open(DESKTOP);
    try {
      await page.goto(`${server.url}/s/${code}`);
      await page.waitForSelector('[data-testid=checkpoint]');
      expect(await page.textContent('[data-testid=unit]')).toBe(unitName);
      expect(await page.textContent('[data-testid=filing]')).toContain(RECEIPT_NO);
      expect(await noHorizontalScroll(page)).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'desktop-zh.png'), fullPage: true });
      expect(calls.filter((c) => !c.includes('/api/public/'))).toEqual([]);
    } finally {
      await close();
    }
  });
});
