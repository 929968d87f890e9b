/**
 * A state organ's request end to end (art. 20), in headless Chromium against the real server and
 * the demo camera: the administrator records a police request with its 调取证据通知书 scan, a second
 * administrator approves it in another browser (four eyes; a hold is placed on the scope), the first
 * hands the scope's signed bundle over, downloads it (its SHA-256 as shown), prints the receipt and
 * records the officer's signature; the register holds the hand-over under the request with the organ
 * as unit. Screenshots go to test-artifacts/e2e/state-organ-*.png.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { signInWithTotp } from './support/flows.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const ORGAN = '某市公安局某分局刑侦大队';
const CASE = 'E2E-刑-2026-88';
const SCAN = Buffer.from('%PDF-1.4\n% 调取证据通知书 E2E 扫描件\n');
const wall = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19);

const run = chromiumAvailable() ? describe : describe.skip;

run('a state organ’s request in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let clerkBrowser: Browser;
  let approverBrowser: Browser;
  let clerk: Page;
  let approver: Page;
  let api: ApiSession;
  let work: string;
  let requestId: string;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `state-organ-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    work = await mkdtemp(path.join(tmpdir(), 'custos-e2e-state-organ-'));
    server = await startE2EServer();
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'admin', displayName: '管理员', password: TEST_PASSWORD }),
    });
    expect(setup.status).toBe(201);
    api = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    const adminTotp = await api.enrolTotp();
    await api.recordPrerequisites();
    const me = await api.call<{ user: { unitId: string | null } }>('GET', '/api/auth/session');
    const unitId = me.user.unitId ?? (await api.call<{ id: string }[]>('GET', '/api/units'))[0]!.id;
    // The second administrator, made in the bootstrap window: the approver.
    const today = new Date().toISOString().slice(0, 10);
    const dates = { entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today };
    const person = await api.call<{ id: string }>('POST', '/api/persons', { unitId, name: '审批人', ...dates });
    const user = await api.call<{ id: string }>('POST', '/api/users', { username: 'approver', displayName: '审批人', password: TEST_PASSWORD, unitId, personId: person.id });
    await api.call('POST', '/api/grants', { userId: user.id, roleId: 'role-administrator', scopeType: 'ALL', reason: 'E2E 审批人' });
    const approverTotp = await (await ApiSession.signIn(server.url, 'approver', TEST_PASSWORD)).enrolTotp();

    clerkBrowser = await launchBrowser();
    approverBrowser = await launchBrowser();
    clerk = await clerkBrowser.context.newPage();
    approver = await approverBrowser.context.newPage();
    await clerk.goto(server.url);
    await approver.goto(server.url);
    await Promise.all([signInWithTotp(clerk, 'admin', adminTotp), signInWithTotp(approver, 'approver', approverTotp)]);
  }, 180_000);

  afterAll(async () => {
    await clerkBrowser?.close();
    await approverBrowser?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('records a police request with its document and scope', async () => {
    // The demo camera records from the start (2-second segments): wait for a few seconds of footage.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const cameraId = (await api.call<{ id: string }[]>('GET', '/api/cameras'))[0]!.id;
    const now = Date.now();
    const range = { from: new Date(now - 10_000).toISOString(), to: new Date(now - 4_000).toISOString() };

    await clerk.goto(`${server.url}/#/state-organ`);
    await clerk.click('a[href="#/state-organ/new"]');
    const form = 'form[aria-label=state-organ-request]';
    await clerk.waitForSelector(`${form} select[name=scope-camera-0] option[value="${cameraId}"]`, { state: 'attached' });
    await clerk.fill(`${form} input[name=organName]`, ORGAN);
    await clerk.selectOption(`${form} select[name=organType]`, 'PUBLIC_SECURITY');
    await clerk.fill(`${form} input[name=officer-name-0]`, '王警官');
    await clerk.fill(`${form} input[name=officer-credential-0]`, '010203');
    await clerk.fill(`${form} input[name=caseNumber]`, CASE);
    await clerk.fill(`${form} input[name=docNumber]`, '某公(刑)调证字〔2026〕88号');
    await clerk.fill(`${form} input[name=docDate]`, new Date().toISOString().slice(0, 10));
    await clerk.setInputFiles(`${form} input[name=scan]`, { name: 'notice.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await clerk.selectOption(`${form} select[name=scope-camera-0]`, cameraId);
    await clerk.fill(`${form} input[name=scope-from-0]`, wall(range.from));
    await clerk.fill(`${form} input[name=scope-to-0]`, wall(range.to));
    await shot(clerk, '01-intake');
    await clerk.click(`${form} button[type=submit]`);
    const card = await clerk.waitForSelector(`[data-testid=state-organ-requests] article[data-status=PENDING]:has-text("${CASE}")`);
    requestId = (await card.getAttribute('data-request'))!;
    // The creator does not decide their own request.
    expect(await card.$('button[name=approve]')).toBeNull();
    const stored = await api.call<{ documents: { sha256: string }[] }>('GET', `/api/state-organ-requests/${requestId}`);
    expect(stored.documents[0]!.sha256).toBe(createHash('sha256').update(SCAN).digest('hex'));
    await shot(clerk, '02-pending');
  });

  it('a second administrator approves it in another browser; a hold is placed on the scope', async () => {
    await approver.goto(`${server.url}/#/state-organ`);
    const card = await approver.waitForSelector(`article[data-request="${requestId}"][data-status=PENDING]`);
    await (await card.$('button[name=approve]'))!.click();
    await approver.waitForSelector(`article[data-request="${requestId}"][data-status=APPROVED]`);
    const request = await api.call<{ holdIds: string[] }>('GET', `/api/state-organ-requests/${requestId}`);
    expect(request.holdIds).toHaveLength(1);
    await shot(approver, '03-approved');
  });

  it('hands over the scoped bundle, prints the receipt and records the officer’s signature', async () => {
    await clerk.goto(`${server.url}/#/state-organ`);
    await clerk.click('button[name=refresh]');
    const card = `article[data-request="${requestId}"][data-status=APPROVED]`;
    await clerk.waitForSelector(card);
    await clerk.selectOption(`${card} select[name=marking]`, '机密');
    await clerk.click(`${card} button[name=handover]`);
    const handover = await clerk.waitForSelector(`${card} [data-handover][data-signed=false]`, { timeout: 120_000 });
    const shown = (await (await handover.$('[data-testid=handover-sha256] code'))!.textContent())!.trim();
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    await shot(clerk, '04-handed-over');

    const [download] = await Promise.all([clerk.waitForEvent('download', { timeout: 60_000 }), handover.$('button[name=bundle]').then((b) => b!.click())]);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(shown);

    const hid = (await handover.getAttribute('data-handover'))!;
    const receipt = await fetch(`${server.url}/api/state-organ-requests/${requestId}/handovers/${hid}/receipt`, { headers: await cookieHeaders(clerk) });
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await receipt.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const [popup] = await Promise.all([clerk.waitForEvent('popup', { timeout: 30_000 }), handover.$('button[name=receipt]').then((b) => b!.click())]);
    expect(popup.url()).toMatch(/^blob:/);
    await popup.close();

    await clerk.fill(`${card} form[aria-label=signature] input[name=signedBy]`, '王警官');
    await clerk.setInputFiles(`${card} form[aria-label=signature] input[name=receiptScan]`, { name: 'receipt-signed.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await clerk.click(`${card} form[aria-label=signature] button[type=submit]`);
    const signed = await clerk.waitForSelector(`${card} [data-handover="${hid}"][data-signed=true]`);
    expect(await signed.textContent()).toContain('王警官');
    await shot(clerk, '05-signed');

    // Chain of custody: the register entry under the request names the organ and the officer, with the bundle's hash.
    const entries = await api.call<{ entries: { actor: { unit: string; name: string }; content: { fileHashes: { sha256: string }[] } }[] }>('GET', `/api/register?basisRef=${requestId}`);
    expect(entries.entries).toHaveLength(1);
    expect(entries.entries[0]!.actor).toMatchObject({ unit: ORGAN, name: '王警官' });
    expect(entries.entries[0]!.content.fileHashes[0]!.sha256).toBe(shown);
  });
});

async function cookieHeaders(page: Page): Promise<Record<string, string>> {
  const cookies = await page.context().cookies();
  return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
}
