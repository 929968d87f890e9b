/**
 * Retention and evidence end to end, in headless Chromium against the real server and the simulator:
 * an investigator asks for an export of a range the demo camera recorded (the form prefilled from the
 * URL, as the playback timeline links to it), an administrator approves it in another browser, the
 * investigator downloads the bundle, the page shows every verification layer green, and the project's
 * verifier passes the downloaded file. A legal hold is placed and released through the retention
 * page; a retention under the 30-day floor is refused with art. 17 cited. Screenshots go to
 * test-artifacts/e2e/evidence-*.png.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_LAYERS, verifyBundle } from '../../src/bundle/verify-bundle.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const REASON_TEXT = 'E2E 导出核查:入口画面 INC-2026-7';
const HOLD_CITATION = '公安机关调取证据通知书 E2E-HOLD-1';

interface Person {
  username: string;
  totp: () => Promise<string>;
  userId: string;
}

const run = chromiumAvailable() ? describe : describe.skip;

run('retention and evidence in the browser (e2e)', { timeout: 420_000 }, () => {
  let server: E2EServer;
  let investigatorBrowser: Browser;
  let adminBrowser: Browser;
  let investigator: Page;
  let admin: Page;
  let cameraId: string;
  let people: { admin: Person; investigator: Person };
  let range: { from: string; to: string };
  let work: string;
  /** The second administrator's API session (signed in before the authenticator was enrolled). */
  let secondApi: ApiSession;
  let secondTotp: () => Promise<string>;
  let thirdApi: ApiSession;
  const cspViolations: string[] = [];
  /** The holds the exports named as their basis, released once the export is done. */
  const exportHolds: string[] = [];
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `evidence-${name}.png`), fullPage: true });

  /** A user of the unit with a staff record whose prerequisites are dated today, and an enrolled authenticator. */
  async function makePerson(api: ApiSession, unitId: string, username: string, displayName: string): Promise<{ userId: string; session: ApiSession; totp: () => Promise<string> }> {
    const today = new Date().toISOString().slice(0, 10);
    const dates = { entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today };
    const person = await api.call<{ id: string }>('POST', '/api/persons', { unitId, name: displayName, ...dates });
    const user = await api.call<{ id: string }>('POST', '/api/users', { username, displayName, password: TEST_PASSWORD, unitId, personId: person.id });
    const session = await ApiSession.signIn(server.url, username, TEST_PASSWORD);
    return { userId: user.id, session, totp: await session.enrolTotp() };
  }

  /** A hold over the demo camera's range: the basis an export names (REG-23-1). */
  async function exportHold(from: string, to: string): Promise<string> {
    // The form keeps whole seconds: the hold starts at the second the range starts in.
    const start = new Date(Math.floor(Date.parse(from) / 1000) * 1000).toISOString();
    const hold = await secondApi.call<{ id: string }>('POST', '/api/retention/holds', { basisType: 'INCIDENT', citation: `E2E 导出依据 ${from}`, owner: '安保部', ranges: [{ cameraId, from: start, to }] });
    exportHolds.push(hold.id);
    return hold.id;
  }

  async function signIn(page: Page, person: Person): Promise<void> {
    await page.goto(server.url);
    await page.fill('input[name=username]', person.username);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=totp]');
    await page.fill('input[name=totp]', await person.totp());
    await page.click('button[type=submit]');
    await page.waitForSelector('header.bar');
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    work = await mkdtemp(path.join(tmpdir(), 'custos-e2e-evidence-'));
    server = await startE2EServer();
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'admin', displayName: '管理员', password: TEST_PASSWORD }),
    });
    expect(setup.status).toBe(201);
    const api = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    const adminTotp = await api.enrolTotp();
    await api.recordPrerequisites();
    const me = await api.call<{ user: { id: string; unitId: string | null } }>('GET', '/api/auth/session');
    const unitId = me.user.unitId ?? (await api.call<{ id: string }[]>('GET', '/api/units'))[0]!.id;
    cameraId = (await api.call<{ id: string }[]>('GET', '/api/cameras'))[0]!.id;

    // Four eyes: the first administrator makes a second one (the bootstrap window), who approves the investigator's grant.
    const second = await makePerson(api, unitId, 'admin2', '第二管理员');
    await api.call('POST', '/api/grants', { userId: second.userId, roleId: 'role-administrator', scopeType: 'ALL', reason: 'E2E 第二管理员' });
    const inv = await makePerson(api, unitId, 'investigator', '调查员');
    const grant = await api.call<{ id: string }>('POST', '/api/grants', { userId: inv.userId, roleId: 'role-investigator', scopeType: 'ALL', reason: 'E2E 调查员授权' });
    await second.session.call('POST', `/api/grants/${grant.id}/approve`, {});
    secondApi = second.session;
    // A third administrator: the second approver of an ordered deletion.
    const third = await makePerson(api, unitId, 'admin3', '第三管理员');
    const thirdGrant = await api.call<{ id: string }>('POST', '/api/grants', { userId: third.userId, roleId: 'role-administrator', scopeType: 'ALL', reason: 'E2E 第三管理员' });
    await second.session.call('POST', `/api/grants/${thirdGrant.id}/approve`, {});
    thirdApi = third.session;
    secondTotp = second.totp;
    people = { admin: { username: 'admin', totp: adminTotp, userId: me.user.id }, investigator: { username: 'investigator', totp: inv.totp, userId: inv.userId } };

    investigatorBrowser = await launchBrowser();
    adminBrowser = await launchBrowser();
    investigator = await investigatorBrowser.context.newPage();
    admin = await adminBrowser.context.newPage();
    for (const page of [investigator, admin]) {
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
    }
    await Promise.all([signIn(investigator, people.investigator), signIn(admin, people.admin)]);
  }, 240_000);

  afterAll(async () => {
    await investigatorBrowser?.close();
    await adminBrowser?.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('an investigator requests an export of a recorded range from a prefilled form', async () => {
    // The demo camera records from the start (2-second segments): wait for a few seconds of footage.
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const now = Date.now();
    range = { from: new Date(now - 10_000).toISOString(), to: new Date(now - 4_000).toISOString() };
    await investigator.goto(`${server.url}/#/exports/new?camera=${cameraId}&from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`);
    await investigator.waitForSelector(`form[aria-label=export-request] select[name=cameraId] option[value="${cameraId}"]`, { state: 'attached' });
    expect(await investigator.inputValue('select[name=cameraId]')).toBe(cameraId);
    // Beijing time in the form: the instant is 8 hours ahead of UTC on the wall clock.
    expect(await investigator.inputValue('input[name=from]')).toBe(new Date(Date.parse(range.from) + 8 * 3600_000).toISOString().slice(0, 19));
    await investigator.selectOption('select[name=category]', 'INCIDENT_INVESTIGATION');
    await investigator.fill('textarea[name=text]', REASON_TEXT);
    // REG-23-1: the export names its basis, here a hold on the range.
    await investigator.selectOption('form[aria-label=export-request] select[name=basisType]', 'HOLD');
    await investigator.fill('form[aria-label=export-request] input[name=basisRef]', await exportHold(range.from, range.to));
    await shot(investigator, '01-request');
    await investigator.click('form[aria-label=export-request] button[type=submit]');
    const row = await investigator.waitForSelector(`[data-testid=export-requests] tr:has-text("${REASON_TEXT}")`);
    expect(await row.getAttribute('data-status')).toBe('PENDING');
    // Nobody approves their own request: the investigator has no approve button.
    expect(await row.$('button[name=approve]')).toBeNull();
    await shot(investigator, '02-pending');
  });

  it('another person approves it', async () => {
    await admin.goto(`${server.url}/#/exports`);
    const row = await admin.waitForSelector(`[data-testid=export-requests] tr:has-text("${REASON_TEXT}")`);
    await shot(admin, '03-to-approve');
    await (await row.$('button[name=approve]'))!.click();
    await admin.waitForSelector(`[data-testid=export-requests] tr[data-status=APPROVED]:has-text("${REASON_TEXT}")`);
    await shot(admin, '04-approved');
  });

  it('the investigator downloads the bundle; the page shows every layer green and the verifier passes the file', async () => {
    // The list as the investigator left it; refreshed, it shows the decision.
    await investigator.goto(`${server.url}/#/exports`);
    await investigator.click('button[name=refresh]');
    await investigator.waitForSelector(`[data-testid=export-requests] tr[data-status=APPROVED]:has-text("${REASON_TEXT}")`);
    const [download] = await Promise.all([investigator.waitForEvent('download', { timeout: 120_000 }), investigator.click('button[name=download]')]);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^exp_.*\.tar$/);
    expect(statSync(file).size).toBeGreaterThan(1024);

    const panel = await investigator.waitForSelector('[data-testid=bundle-verification]', { timeout: 120_000 });
    expect(await panel.getAttribute('data-ok')).toBe('true');
    const states = await investigator.$$eval('[data-testid=bundle-verification] tr[data-layer]', (rows) => rows.map((r) => [r.getAttribute('data-layer'), r.getAttribute('data-state')]));
    expect(states).toEqual(BUNDLE_LAYERS.map((layer) => [layer, 'pass']));
    await shot(investigator, '05-bundle-verified');

    // The project's own verifier, on the file the browser saved, pinned to the key the server publishes.
    const key = await (await fetch(`${server.url}/api/ledger/public-key`)).json() as { publicKeyPem: string };
    const result = await verifyBundle(file, { trustedPublicKeyPem: key.publicKeyPem });
    expect(result.firstFailure).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.layers.map((l) => [l.layer, l.ok])).toEqual(BUNDLE_LAYERS.map((layer) => [layer, true]));
    // The export is carried out once: the request is now used.
    await investigator.waitForSelector(`[data-testid=export-requests] tr[data-status=USED]:has-text("${REASON_TEXT}")`);
    for (const id of exportHolds.splice(0)) await secondApi.call('POST', `/api/retention/holds/${id}/release`, { reason: 'E2E 导出已完成' });
  });

  it('shows a tampered bundle red at the layer that fails', async () => {
    // A copy of the downloaded file with one byte of a segment changed, checked through the upload page.
    const original = path.join(work, readdirSync(work).find((f) => f.endsWith('.tar'))!);
    const bytes = readFileSync(original);
    const at = bytes.indexOf(Buffer.from('mdat'), bytes.indexOf(Buffer.from('segments/')));
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt8(bytes.readUInt8(at + 16) ^ 0xff, at + 16);
    const tampered = path.join(work, 'tampered.tar');
    writeFileSync(tampered, bytes);
    await investigator.goto(`${server.url}/#/exports/verify`);
    await investigator.setInputFiles('input[name=bundle]', tampered);
    const panel = await investigator.waitForSelector('[data-testid=bundle-verification]', { timeout: 120_000 });
    expect(await panel.getAttribute('data-ok')).toBe('false');
    expect(await investigator.getAttribute('tr[data-layer=SEGMENTS]', 'data-state')).toBe('fail');
    expect(await investigator.getAttribute('tr[data-layer=MANIFEST_SIGNATURE]', 'data-state')).toBe('pass');
    await shot(investigator, '06-tampered');
  });

  it('places a legal hold and releases it with a reason through the retention page', async () => {
    await admin.goto(`${server.url}/#/retention/holds`);
    await admin.waitForSelector(`form[aria-label=hold] select[name=cameraId] option[value="${cameraId}"]`, { state: 'attached' });
    await admin.selectOption('form[aria-label=hold] select[name=basisType]', 'STATE_ORGAN_REQUEST');
    await admin.fill('form[aria-label=hold] input[name=citation]', HOLD_CITATION);
    await admin.fill('form[aria-label=hold] input[name=owner]', '安保部 张三');
    await admin.selectOption('form[aria-label=hold] select[name=cameraId]', cameraId);
    await admin.fill('form[aria-label=hold] input[name=from]', new Date(Date.parse(range.from) + 8 * 3600_000).toISOString().slice(0, 19));
    await admin.fill('form[aria-label=hold] input[name=to]', new Date(Date.parse(range.to) + 8 * 3600_000).toISOString().slice(0, 19));
    await shot(admin, '07-hold-form');
    await admin.click('form[aria-label=hold] button[type=submit]');
    const row = await admin.waitForSelector(`[data-testid=holds] tr[data-released=false]:has-text("${HOLD_CITATION}")`);
    const holdId = await row.getAttribute('data-hold');
    // The server keeps it: the camera's status lists the held range.
    const api = secondApi;
    const status = await api.call<{ heldRanges: { holdId: string; from: string | null }[] }>('GET', `/api/retention/cameras/${cameraId}`);
    expect(status.heldRanges).toContainEqual(expect.objectContaining({ holdId, from: range.from.replace(/\.\d{3}Z$/, '.000Z') }));
    await shot(admin, '08-hold-active');

    await (await row.$('input[name=releaseReason]'))!.fill('案件已办结,解除保全');
    await (await row.$('button[name=release]'))!.click();
    await admin.waitForSelector(`[data-testid=holds] tr[data-hold="${holdId}"]`, { state: 'detached' });
    await admin.check('text=显示已解除的保全');
    const released = await admin.waitForSelector(`[data-testid=holds] tr[data-hold="${holdId}"][data-released=true]`);
    expect(await released.textContent()).toContain('案件已办结,解除保全');
    await shot(admin, '09-hold-released');
    const after = await api.call<{ heldRanges: unknown[] }>('GET', `/api/retention/cameras/${cameraId}`);
    expect(after.heldRanges).toEqual([]);
  });

  it('refuses a retention under the 30-day floor, citing art. 17, and shows the capacity forecast', async () => {
    await admin.goto(`${server.url}/#/retention/cameras`);
    await (await admin.waitForSelector(`[data-testid=retention-cameras] tr[data-camera="${cameraId}"] button[name=edit-retention]`)).click();
    await admin.fill('form[aria-label=retention-settings] input[name=days]', '29');
    await admin.click('form[aria-label=retention-settings] button[type=submit]');
    const refusal = await admin.waitForSelector('form[aria-label=retention-settings] .refusal');
    expect(await refusal.textContent()).toContain('17');
    await shot(admin, '10-retention-floor');
    await admin.goto(`${server.url}/#/retention/capacity`);
    await admin.waitForSelector('[data-testid=capacity-cameras] tr[data-camera]');
    await shot(admin, '11-capacity');
  });

  it('an ordered deletion: recorded by one administrator, approved by two others, executed, in the deletion log and its CSV', async () => {
    await admin.goto(`${server.url}/#/retention/orders`);
    await admin.waitForSelector(`form[aria-label=order] select[name=cameraId] option[value="${cameraId}"]`, { state: 'attached' });
    await admin.fill('form[aria-label=order] input[name=authority]', '某县公安局');
    await admin.fill('form[aria-label=order] input[name=documentNo]', '公(删)字〔2026〕E2E 号');
    await admin.fill('form[aria-label=order] input[name=orderDate]', new Date().toISOString().slice(0, 10));
    await admin.selectOption('form[aria-label=order] select[name=deactivate]', 'false');
    await admin.selectOption('form[aria-label=order] select[name=cameraId]', cameraId);
    await admin.fill('form[aria-label=order] input[name=from]', new Date(Date.parse(range.from) + 8 * 3600_000).toISOString().slice(0, 19));
    await admin.fill('form[aria-label=order] input[name=to]', new Date(Date.parse(range.to) + 8 * 3600_000).toISOString().slice(0, 19));
    await admin.click('form[aria-label=order] button[type=submit]');
    const row = await admin.waitForSelector('[data-testid=orders] tr[data-status=RECORDED]');
    const orderId = (await row.getAttribute('data-order'))!;
    // Whoever recorded the order is not offered an approval, and the server refuses one.
    expect(await row.$('button[name=approve-order]')).toBeNull();
    await shot(admin, '12-order-recorded');

    // The second administrator signs in here and approves first; the third approves second; then it is executed.
    await admin.click('header.bar button:has-text("退出")');
    await signIn(admin, { username: 'admin2', totp: secondTotp, userId: '' });
    await admin.goto(`${server.url}/#/retention/orders`);
    await (await admin.waitForSelector(`[data-testid=orders] tr[data-order="${orderId}"] button[name=approve-order]`)).click();
    await admin.waitForSelector(`[data-testid=orders] tr[data-order="${orderId}"]:has-text("1/2")`);
    // Nobody approves twice, and an order with one approval cannot be executed.
    expect(await admin.$(`[data-testid=orders] tr[data-order="${orderId}"] button[name=approve-order]`)).toBeNull();
    expect(await admin.$(`[data-testid=orders] tr[data-order="${orderId}"] button[name=execute-order]`)).toBeNull();
    await shot(admin, '13-order-first-approval');
    await thirdApi.call('POST', `/api/retention/orders/${orderId}/approve`);
    await admin.reload();
    const execute = await admin.waitForSelector(`[data-testid=orders] tr[data-order="${orderId}"] button[name=execute-order]`);
    admin.once('dialog', (dialog) => void dialog.accept());
    await execute.click();
    const done = await admin.waitForSelector(`[data-testid=orders] tr[data-order="${orderId}"][data-status=EXECUTED] [data-testid=certificate]`);
    expect(await done.textContent()).toMatch(/\d+/);
    await shot(admin, '14-order-executed');

    await admin.goto(`${server.url}/#/retention/deletions`);
    await admin.waitForSelector('[data-testid=deletions] tbody tr');
    expect(await admin.textContent('[data-testid=deletions]')).toContain('公(删)字〔2026〕E2E 号');
    await shot(admin, '15-deletion-log');
    const [csv] = await Promise.all([admin.waitForEvent('download'), admin.click('[data-testid=deletions-csv]')]);
    const csvFile = path.join(work, 'deletions.csv');
    await csv.saveAs(csvFile);
    const text = readFileSync(csvFile, 'utf8');
    expect(text.split('\r\n')[0]).toContain('sha256');
    expect(text).toContain('ORDERED');
  });

  it('links footage to a case and closes the case: the purpose is achieved', async () => {
    await admin.goto(`${server.url}/#/retention/purposes`);
    await admin.waitForSelector(`form[aria-label=purpose] select[name=cameraId] option[value="${cameraId}"]`, { state: 'attached' });
    await admin.selectOption('form[aria-label=purpose] select[name=basisType]', 'INCIDENT');
    await admin.fill('form[aria-label=purpose] input[name=ref]', 'INC-E2E-9');
    await admin.selectOption('form[aria-label=purpose] select[name=cameraId]', cameraId);
    const later = Date.now() - 3_000;
    await admin.fill('form[aria-label=purpose] input[name=from]', new Date(later - 2_000 + 8 * 3600_000).toISOString().slice(0, 19));
    await admin.fill('form[aria-label=purpose] input[name=to]', new Date(later + 8 * 3600_000).toISOString().slice(0, 19));
    await admin.click('form[aria-label=purpose] button[type=submit]');
    await admin.waitForSelector('[data-testid=purposes] tr:has-text("INC-E2E-9")');
    await shot(admin, '16-purpose-open');
    await admin.fill('form[aria-label=close-case] input[name=ref]', 'INC-E2E-9');
    await admin.click('form[aria-label=close-case] button[type=submit]');
    // Only ongoing purposes are listed: the closed case leaves the list, and shows as achieved with the rest.
    await admin.waitForSelector('[data-testid=purposes] tr:has-text("INC-E2E-9")', { state: 'detached' });
    await admin.uncheck('text=仅显示进行中的用途');
    const achieved = await admin.waitForSelector('[data-testid=purposes] tr:has-text("INC-E2E-9")');
    expect(await achieved.textContent()).toContain('已实现');
    await shot(admin, '17-purpose-achieved');
  });

  it('an export request rejected by another person cannot be exported', async () => {
    const now = Date.now();
    await investigator.goto(`${server.url}/#/exports/new?camera=${cameraId}&from=${encodeURIComponent(new Date(now - 8_000).toISOString())}&to=${encodeURIComponent(new Date(now - 6_000).toISOString())}`);
    await investigator.waitForSelector(`form[aria-label=export-request] select[name=cameraId] option[value="${cameraId}"]`, { state: 'attached' });
    await investigator.fill('textarea[name=text]', 'E2E 第二次导出:应被驳回');
    await investigator.selectOption('form[aria-label=export-request] select[name=basisType]', 'HOLD');
    await investigator.fill('form[aria-label=export-request] input[name=basisRef]', await exportHold(new Date(now - 8_000).toISOString(), new Date(now - 6_000).toISOString()));
    await investigator.click('form[aria-label=export-request] button[type=submit]');
    await investigator.waitForSelector('[data-testid=export-requests] tr[data-status=PENDING]');
    await admin.goto(`${server.url}/#/exports`);
    const row = await admin.waitForSelector('[data-testid=export-requests] tr[data-status=PENDING]');
    await (await row.$('input'))!.fill('事由不充分');
    await (await row.$('button[name=reject]'))!.click();
    await admin.waitForSelector('[data-testid=export-requests] tr[data-status=REJECTED]:has-text("事由不充分")');
    await investigator.click('button[name=refresh]');
    const rejected = await investigator.waitForSelector('[data-testid=export-requests] tr[data-status=REJECTED]');
    expect(await rejected.$('button[name=download]')).toBeNull();
    await shot(investigator, '18-rejected');
  });

  it('ran every page, the download and the upload under the Content-Security-Policy without one violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
