/**
 * Art. 21 end to end, in headless Chromium against the real server and the simulator: a desk officer
 * takes in a parent's request with a proof document, an administrator consents in another browser
 * with a window around the incident, the parent signs the non-dissemination acknowledgement by typing
 * their name, and the supervised viewing page plays the footage under a watermark with the parent's
 * name and the ticking time, offering no download or snapshot control. The session's token is refused
 * for a snapshot, and an export under the request is refused as view-only. Screenshots go to
 * test-artifacts/e2e/art21-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const PARENT = '王秀英';

interface Person {
  username: string;
  totp: () => Promise<string>;
}

const run = chromiumAvailable() ? describe : describe.skip;
const beijingInput = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

run('art. 21 viewing request in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let deskBrowser: Browser;
  let adminBrowser: Browser;
  let desk: Page;
  let admin: Page;
  let deskApi: ApiSession;
  let adminApi: ApiSession;
  let cameraId: string;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `art21-${name}.png`), fullPage: true });

  async function makePerson(api: ApiSession, unitId: string, username: string, displayName: string): Promise<{ userId: string; session: ApiSession; totp: () => Promise<string> }> {
    const today = new Date().toISOString().slice(0, 10);
    const dates = { entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today };
    const person = await api.call<{ id: string }>('POST', '/api/persons', { unitId, name: displayName, ...dates });
    const user = await api.call<{ id: string }>('POST', '/api/users', { username, displayName, password: TEST_PASSWORD, unitId, personId: person.id });
    const session = await ApiSession.signIn(server.url, username, TEST_PASSWORD);
    return { userId: user.id, session, totp: await session.enrolTotp() };
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
    const me = await api.call<{ user: { unitId: string | null } }>('GET', '/api/auth/session');
    const unitId = me.user.unitId ?? (await api.call<{ id: string }[]>('GET', '/api/units'))[0]!.id;
    cameraId = (await api.call<{ id: string }[]>('GET', '/api/cameras'))[0]!.id;
    // Four eyes on grants: a second administrator approves the desk officer's.
    const second = await makePerson(api, unitId, 'admin2', '第二管理员');
    await api.call('POST', '/api/grants', { userId: second.userId, roleId: 'role-administrator', scopeType: 'ALL', reason: 'E2E 第二管理员' });
    const officer = await makePerson(api, unitId, 'desk', '前台值班员');
    const grant = await api.call<{ id: string }>('POST', '/api/grants', { userId: officer.userId, roleId: 'role-investigator', scopeType: 'ALL', reason: 'E2E 前台查阅接待' });
    await second.session.call('POST', `/api/grants/${grant.id}/approve`, {});
    deskApi = officer.session;
    adminApi = api;

    deskBrowser = await launchBrowser();
    adminBrowser = await launchBrowser();
    desk = await deskBrowser.context.newPage();
    admin = await adminBrowser.context.newPage();
    await Promise.all([signIn(desk, { username: 'desk', totp: officer.totp }), signIn(admin, { username: 'admin', totp: adminTotp })]);
  }, 180_000);

  afterAll(async () => {
    await deskBrowser?.close();
    await adminBrowser?.close();
    await server?.close();
  });

  it('a parent’s request → consent → acknowledgement → supervised viewing with the watermark and no download; the token is refused for a snapshot and an export', async () => {
    // The demo camera records from the start (2-second segments): let it record the "incident".
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const incident = Date.now() - 60_000;

    // Intake at the counter, with a proof document.
    await desk.goto(`${server.url}/#/art21/new`);
    const form = '[data-testid=art21-intake]';
    await desk.waitForSelector(`${form} select[name=unitId] option`, { state: 'attached' });
    await desk.fill(`${form} input[name=name]`, PARENT);
    await desk.fill(`${form} input[name=idNumber]`, '110101198001011234');
    await desk.selectOption(`${form} select[name=relationship]`, 'CLOSE_RELATIVE');
    await desk.selectOption(`${form} select[name=subtype]`, '父母');
    await desk.selectOption(`${form} select[name=purpose]`, 'LIFE_HEALTH');
    await desk.fill(`${form} textarea[name=description]`, '孩子走失,需确认其离开的时间和方向');
    await desk.fill(`${form} input[name=relatedPerson]`, '李小明(8岁)');
    await desk.fill(`${form} input[name=incidentAt]`, beijingInput(incident));
    await desk.fill(`${form} input[name=incidentPlace]`, '演示场所入口');
    await desk.setInputFiles(`${form} input[name=documents]`, { name: '户口簿.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 e2e proof') });
    await desk.selectOption(`${form} select[name=documentKind]`, 'RELATIONSHIP');
    await shot(desk, '01-intake');
    await desk.click(`${form} button[type=submit]`);
    const detail = await desk.waitForSelector('[data-testid=art21-detail][data-status=PENDING_CONSENT]');
    expect(await detail.textContent()).toContain(PARENT);
    const requestId = decodeURIComponent(new URL(desk.url()).hash.split('/')[2] ?? '');
    expect(requestId).toMatch(/^a21_/);

    // The administrator consents, with a window around the incident (the ±2 h hint shown).
    await admin.goto(`${server.url}/#/art21/${requestId}`);
    await admin.waitForSelector('[data-testid=art21-decision] select[name=cameraId] option', { state: 'attached' });
    expect(await admin.textContent('[data-testid=art21-scope-hint]')).toMatch(/2/);
    await admin.selectOption('[data-testid=art21-decision] select[name=cameraId]', cameraId);
    await admin.fill('[data-testid=art21-decision] input[name=from]', beijingInput(incident - 10 * 60_000));
    await admin.fill('[data-testid=art21-decision] input[name=to]', beijingInput(incident + 30 * 60_000));
    await shot(admin, '02-decision');
    await admin.click('[data-testid=art21-decision] button[name=approve]');
    await admin.waitForSelector('[data-testid=art21-detail][data-status=APPROVED]');

    // The parent reads the text and types their name; the desk officer starts the supervised session.
    await desk.reload();
    await desk.waitForSelector('[data-testid=art21-detail][data-status=APPROVED]');
    expect(await desk.textContent('[data-testid=art21-ack-zh]')).toContain('不得非法对外提供或者公开传播');
    expect(await desk.textContent('[data-testid=art21-ack-en]')).toContain('shall not unlawfully provide');
    await desk.fill('[data-testid=art21-ack] input[name=signedName]', PARENT);
    await shot(desk, '03-acknowledgement');
    await desk.click('[data-testid=art21-ack] button[type=submit]');
    await desk.waitForSelector('[data-testid=art21-ack]', { state: 'detached' });
    await desk.click('button[name=start-session]');
    const viewing = await desk.waitForSelector('[data-testid=art21-viewing]');
    const sessionId = (await viewing.getAttribute('data-session')) ?? '';

    // The watermark names the parent and shows the time, ticking; the video plays; no download or snapshot control.
    const watermark = await desk.waitForSelector('[data-testid=art21-watermark]');
    expect(await watermark.textContent()).toContain(PARENT);
    const first = await watermark.textContent();
    await desk.waitForFunction((before) => document.querySelector('[data-testid=art21-watermark]')?.textContent !== before, first, { timeout: 5_000 });
    await desk.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid=art21-video]')?.readyState ?? 0) >= 2, undefined, { timeout: 30_000 });
    expect(await desk.textContent('[data-testid=art21-countdown]')).toMatch(/\d\d:\d\d/);
    expect(await desk.$$eval('[data-testid=art21-viewing] video', (videos) => videos.map((v) => (v as HTMLVideoElement).controls))).toEqual([false]);
    const controls = await desk.$$eval('[data-testid=art21-viewing] button, [data-testid=art21-viewing] a', (nodes) => nodes.map((n) => `${n.textContent ?? ''} ${n.getAttribute('name') ?? ''} ${n.getAttribute('download') ?? ''}`.toLowerCase()));
    expect(controls.filter((c) => /download|snapshot|下载|截图|导出|export/.test(c))).toEqual([]);
    expect(await desk.$('[data-testid=art21-viewing] a[download]')).toBeNull();
    // The context menu and dragging are cancelled on the video.
    const cancelled = await desk.$eval('[data-testid=art21-video]', (video) => {
      const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      const drag = new DragEvent('dragstart', { bubbles: true, cancelable: true });
      return [!video.dispatchEvent(menu), !video.dispatchEvent(drag)];
    });
    expect(cancelled).toEqual([true, true]);
    await shot(desk, '04-viewing');

    // The session's token plays the scope, but a snapshot with it and an export under the request are refused.
    const token = await desk.evaluate((id) => (JSON.parse(sessionStorage.getItem(`custos.art21.session.${id}`) ?? '{}') as { tokens: { token: string }[] }).tokens[0]!.token, sessionId);
    const playlist = await fetch(`${server.url}/api/media/playlist.m3u8?token=${encodeURIComponent(token)}`);
    expect(playlist.status).toBe(200);
    const snapshot = await fetch(`${server.url}/api/media/snapshot.jpg?token=${encodeURIComponent(token)}`);
    expect(snapshot.status).toBe(403);
    expect(((await snapshot.json()) as { code: string }).code).toBe('E_VIEW_ONLY');
    const scope = (await deskApi.call<{ scope: { from: string; to: string }[] }>('GET', `/api/art21-requests/${requestId}`)).scope[0]!;
    await expect(
      deskApi.call('POST', '/api/export-requests', { cameraIds: [cameraId], from: scope.from, to: scope.to, reason: { category: 'ART21_VIEWING', text: '申请人要求拷贝所查阅的录像' }, basis: { type: 'ART21_REQUEST', ref: requestId } }),
    ).rejects.toThrow(/403.*E_VIEW_ONLY/);

    // The register names the parent as the one who viewed, as 个人.
    const register = await adminApi.call<{ entries: { actor: { name: string; unit: string } }[] }>('GET', `/api/register?basisRef=${requestId}&kind=ACCESS`);
    expect(register.entries).toMatchObject([{ actor: { name: PARENT, unit: '个人' } }]);
    // Both refusals are in the register as DENIAL entries under the request (REG-21-4).
    const denials = await adminApi.call<{ entries: { operation: string; basis: { type: string; ref: string }; content: { denied?: { code: string; article?: string } } }[] }>('GET', `/api/register?basisRef=${requestId}&kind=DENIAL`);
    expect(denials.entries.map((e) => `${e.operation}:${e.content.denied?.code}:${e.content.denied?.article}`).sort()).toEqual(['EXPORT:E_VIEW_ONLY:21', 'SNAPSHOT:E_VIEW_ONLY:21']);
    expect(denials.entries.every((e) => e.basis.type === 'ART21_REQUEST' && e.basis.ref === requestId)).toBe(true);

    // After sessionMinutes (60) the token no longer plays.
    server.advance(61 * 60_000);
    const late = await fetch(`${server.url}/api/media/playlist.m3u8?token=${encodeURIComponent(token)}`);
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ code: 'E_MEDIA_TOKEN', details: { reason: 'EXPIRED' } });
  });
});
