/**
 * Alarms in headless Chromium against the real server and the demo camera: an alarm raised through the
 * services shows on the dashboard's alarm card and on the alarms page, is acknowledged there with a
 * comment (who and when shown), and its mark on the playback timeline seeks playback to its start, behind
 * the reason playback always asks (art. 16). Screenshots: test-artifacts/e2e/alarms-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../src/events/alarm-model.ts';
import { resolveFfmpegPath } from '../../src/recorder/ffmpeg-path.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { signInWithTotp } from './support/flows.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const run = chromiumAvailable() ? describe : describe.skip;

run('alarms in the browser (e2e)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let camera: { id: string; name: string };
  let alarm: AlarmRecord;
  let api: ApiSession;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `alarms-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    const startedAt = Date.now();
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'admin', displayName: '值班管理员', password: TEST_PASSWORD }),
    });
    expect(setup.status).toBe(201);
    api = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    const totp = await api.enrolTotp();
    await api.recordPrerequisites();
    camera = (await api.call<{ id: string; name: string }[]>('GET', '/api/cameras'))[0]!;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('input[name=username]');
    await signInWithTotp(page, 'admin', totp);
    // Footage around the alarm's start, so that the mark has something to play.
    const wait = startedAt + 14_000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    alarm = await server.server.services.alarms.raise({ kind: 'TAMPER_OCCLUSION', cameraId: camera.id, at: new Date(Date.now() - 6000).toISOString(), details: { darkShare: 0.93 } });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the dashboard card counts the open alarm by category and links the latest unacknowledged', async () => {
    await page.goto(`${server.url}/#/dashboard`);
    const card = await page.waitForSelector('[data-testid=dashboard-alarms] [data-category=TAMPER][data-count="1"]');
    expect(await card.textContent()).toContain('破坏');
    await page.waitForSelector(`[data-testid=dashboard-alarms] li[data-alarm="${alarm.id}"] a[href="#/health/${camera.id}"]`);
    await shot('dashboard');
  });

  it('the camera health page shows the recorder figures, the open alarm and no false health alarm for a camera that records', async () => {
    await page.goto(`${server.url}/#/health/${camera.id}`);
    await page.waitForSelector('[data-testid=recording-health][data-state=online]');
    const figures = (await page.textContent('[data-testid=recording-health]')) ?? '';
    expect(figures).toContain('时钟偏差');
    expect(figures).toMatch(/\d+ ms/);
    await page.waitForSelector(`[data-testid=camera-health] tr[data-alarm="${alarm.id}"]`);
    const health = await api.call<AlarmRecord[]>('GET', `/api/alarms?category=HEALTH&open=true&cameraId=${camera.id}`);
    expect(health.map((a) => a.kind)).toEqual([]);
    await shot('health');
  });

  it('the alarms page shows it with its details and takes an acknowledgement with a comment', async () => {
    await page.goto(`${server.url}/#/alarms`);
    const row = `[data-testid=alarm-table] tr[data-alarm="${alarm.id}"]`;
    await page.waitForSelector(row);
    expect(await page.textContent(row)).toContain('摄像机被遮挡');
    expect(await page.textContent(row)).toContain('0.93');
    await page.click(`${row} button[name=acknowledge]`);
    await page.fill(`${row} input[name=comment]`, '已派人现场查看,遮挡物已移除');
    await page.click(`${row} button[type=submit]`);
    await expect.poll(() => page.textContent(`${row} [data-testid=acknowledgement]`)).toContain('已派人现场查看');
    expect(await page.textContent(`${row} [data-testid=acknowledgement]`)).toContain('值班管理员');
    const stored = await api.call<AlarmRecord>('GET', `/api/alarms/${alarm.id}`);
    expect(stored.acknowledgement).toMatchObject({ name: '值班管理员', comment: '已派人现场查看,遮挡物已移除' });
    await shot('page');
    // The unacknowledged filter leaves it out now.
    await page.check('input[name=unacknowledged]');
    await page.waitForFunction((id) => !document.querySelector(`[data-testid=alarm-table] tr[data-alarm="${id}"]`), alarm.id);
  });

  it('a mark on the playback timeline seeks to the alarm start, behind the reason (art. 16)', async () => {
    const before = new Date(Date.parse(alarm.startedAt) - 30_000).toISOString();
    await page.goto(`${server.url}/#/playback/${camera.id}?at=${before}`);
    await page.waitForSelector('[data-testid=timeline] .covered');
    const mark = await page.waitForSelector(`[data-testid=alarm-mark][data-alarm="${alarm.id}"]`);
    expect(await mark.getAttribute('title')).toContain('摄像机被遮挡');
    // Zoomed in around an instant just before it, so that the mark stands apart from the now marker.
    await page.click('button:has-text("放大")');
    await page.click('button:has-text("放大")');
    await page.click(`[data-testid=alarm-mark][data-alarm="${alarm.id}"]`);
    await page.waitForSelector('dialog textarea[name=reasonText]');
    await page.fill('dialog textarea[name=reasonText]', 'E2E 告警核查:遮挡告警回放');
    await page.click('dialog button[type=submit]');
    await page.waitForSelector('[data-testid=playback-video]:not([data-entry=""])');
    const at = Date.parse((await page.getAttribute('[data-testid=position]', 'data-at')) ?? '');
    expect(Math.abs(at - Date.parse(alarm.startedAt))).toBeLessThan(3000);
    await shot('timeline');
  });

  it('tamper snapshots open behind a button that says the look is registered, and the look is in the register', async () => {
    const jpeg = execFileSync(resolveFfmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=160x90', '-frames:v', '1', '-c:v', 'mjpeg', '-f', 'image2pipe', 'pipe:1']);
    const at = new Date().toISOString();
    const covered = await server.server.services.alarms.raise({ kind: 'TAMPER_LOW_DETAIL', cameraId: camera.id, details: { edgeShare: 0.01 }, snapshots: [{ which: 'before', at, jpeg }, { which: 'after', at, jpeg }] });
    await page.goto(`${server.url}/#/alarms`);
    const row = `[data-testid=alarm-table] tr[data-alarm="${covered.id}"]`;
    const button = await page.waitForSelector(`${row} button[name=snapshots]`);
    expect(await button.getAttribute('title')).toContain('访问登记');
    expect(await page.$$(`${row} img`)).toHaveLength(0);
    await button.click();
    await page.waitForFunction((selector) => [...document.querySelectorAll<HTMLImageElement>(`${selector} img`)].filter((img) => img.complete && img.naturalWidth === 160).length === 2, row);
    const register = await api.call<unknown>('GET', `/api/register?operation=SNAPSHOT&cameraId=${camera.id}`);
    expect(JSON.stringify(register)).toContain(covered.id);
  });
});
