/**
 * The viewing feature end to end, in headless Chromium against the real server and the simulator:
 * first-run setup and sign-in with TOTP; a fitting-room camera refused with art. 8 cited; live view
 * whose video time advances; playback of two minutes ago behind a reason, with decoded frames; the
 * register entry with that reason on the auditor's page; a media URL refused after expiry.
 * Screenshots of each step go to test-artifacts/e2e/.
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
/** Two minutes, as the issue asks (E2E_PLAYBACK_AGO_S shortens it while working on the test). */
const PLAYBACK_AGO_MS = Number(process.env.E2E_PLAYBACK_AGO_S ?? 120) * 1000;
const REASON_TEXT = 'E2E 回放核查:两分钟前入口画面';

/**
 * currentTime of the first video matching the selector, sampled twice `windowMs` of wall time apart once
 * it plays: `rate` is video seconds per wall second (1 when it keeps pace, not merely "advances").
 */
async function videoAdvances(page: Page, selector: string, timeoutMs: number, windowMs = 6000): Promise<{ first: number; second: number; frames: number; rate: number }> {
  await page.waitForFunction((s) => (document.querySelector<HTMLVideoElement>(s)?.currentTime ?? 0) > 0, selector, { timeout: timeoutMs });
  const at = (s: string) => page.$eval(s, (v: HTMLVideoElement) => ({ time: v.currentTime, wall: performance.now() }));
  const warm = (await at(selector)).time;
  await page.waitForFunction(([s, t]) => (document.querySelector<HTMLVideoElement>(s)?.currentTime ?? 0) > t + 0.5, [selector, warm] as const, { timeout: timeoutMs });
  const first = await at(selector);
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const second = await at(selector);
  const frames = await page.$eval(selector, (v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
  return { first: first.time, second: second.time, frames, rate: (second.time - first.time) / ((second.wall - first.wall) / 1000) };
}

/** Video time keeps pace with wall time (within 10 %: a short window, on a shared machine). */
const KEEPS_PACE = 0.1;

const run = chromiumAvailable() ? describe : describe.skip;

run('viewing in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let cameraId: string;
  let totp: () => Promise<string>;
  let recordingFrom = 0;
  let playbackAt = 0;
  /** Segment requests of the player, with the media token it sent in the x-media-token header. */
  const mediaRequests: { url: string; token: string | undefined }[] = [];
  const cspViolations: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    recordingFrom = Date.now();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('request', (request) => {
      if (request.url().includes('/api/media/segments/')) mediaRequests.push({ url: request.url(), token: request.headers()['x-media-token'] });
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates the first administrator from the setup link and signs in with the second factor', async () => {
    await page.goto(`${server.url}/#setup=${server.setupToken}`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=displayName]', '管理员');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await shot('01-setup');
    await page.click('button[type=submit]');
    await page.waitForSelector('form[aria-label="登录"]');
    const api = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    totp = await api.enrolTotp();
    await api.recordPrerequisites();
    cameraId = (await api.call<{ id: string }[]>('GET', '/api/cameras'))[0]!.id;

    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=totp]');
    await shot('02-sign-in-totp');
    await page.fill('input[name=totp]', await totp());
    await page.click('button[type=submit]');
    await page.waitForSelector('header.bar');
    await shot('03-dashboard');
    expect(await page.textContent('header.bar')).toContain('管理员');
    await page.click('[data-testid=language]');
    await page.waitForSelector('header.bar a:has-text("Access register")');
    await shot('03-dashboard-en');
    await page.click('[data-testid=language]');
    await page.waitForSelector('header.bar a:has-text("信息调用登记")');
  });

  it('refuses a camera in a fitting room, citing art. 8', async () => {
    await page.goto(`${server.url}/#/cameras/new`);
    await page.fill('input[name=name]', '试衣间摄像机');
    await page.selectOption('select[name=zoneType]', 'Z8_3_FITTING_ROOM');
    await page.waitForSelector('[data-testid=zone-block]');
    expect(await page.textContent('[data-testid=zone-block]')).toContain('第八条');
    await page.click('form[aria-label=camera] button[type=submit]');
    const refusal = await page.waitForSelector('.refusal[data-code=E_PROHIBITED_ZONE]');
    expect(await refusal.textContent()).toContain('8.1(3)');
    await shot('04-fitting-room-refused');
  });

  it('shows the demo camera live, its video time advancing', async () => {
    await page.goto(`${server.url}/#/live/${cameraId}`);
    await page.waitForSelector('dialog textarea[name=reasonText]');
    await page.selectOption('dialog select[name=category]', 'PUBLIC_SECURITY_MONITORING');
    await page.fill('dialog textarea[name=reasonText]', 'E2E 临时实时监看:入口人流');
    await shot('05-live-reason');
    await page.click('dialog button[type=submit]');
    const live = await videoAdvances(page, `video[data-camera="${cameraId}"]`, 60_000);
    await shot('06-live-playing');
    expect(live.second).toBeGreaterThan(live.first);
    expect(Math.abs(live.rate - 1), `live video advanced ${live.rate} s per second`).toBeLessThan(KEEPS_PACE);
    expect(live.frames).toBeGreaterThan(0);
    // The default path: the recorder's own fragments through Media Source Extensions.
    expect(await page.getAttribute(`video[data-camera="${cameraId}"]`, 'data-path')).toBe('mse');
  });

  it('plays back two minutes ago after a reason, showing frames', async () => {
    // The recording began when the server did: wait until two minutes of it exist.
    const wait = recordingFrom + PLAYBACK_AGO_MS + 3000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const target = Date.now() - PLAYBACK_AGO_MS;
    playbackAt = target;
    await page.goto(`${server.url}/#/playback/${cameraId}?at=${new Date(target).toISOString()}`);
    await page.waitForSelector('[data-testid=timeline] .covered');
    await page.click('button[name=play]');
    await page.waitForSelector('dialog textarea[name=reasonText]');
    await page.fill('dialog textarea[name=reasonText]', REASON_TEXT);
    await page.click('dialog button[type=submit]');
    const played = await videoAdvances(page, '[data-testid=playback-video]', 60_000);
    await shot('07-playback');
    expect(Math.abs(played.rate - 1), `playback advanced ${played.rate} s per second`).toBeLessThan(KEEPS_PACE);
    expect(played.frames).toBeGreaterThan(0);
    const position = Date.parse((await page.getAttribute('[data-testid=position]', 'data-at')) ?? '');
    expect(Math.abs(position - target)).toBeLessThan(15_000);
  });

  it('lists the playback with its reason in the access register', async () => {
    await page.goto(`${server.url}/#/register`);
    const row = await page.waitForSelector(`[data-testid=register-table] tr[data-kind=ACCESS]:has-text("${REASON_TEXT}")`);
    expect(await row.getAttribute('data-operation')).toBe('PLAYBACK');
    expect(await row.textContent()).toContain('回放');
    // One live view, one entry: opening it did not register twice.
    const liveOpened = await page.$$eval('[data-testid=register-table] tr[data-kind=ACCESS][data-operation=LIVE_ADHOC]', (rows) => rows.length);
    expect(liveOpened).toBe(1);
    await shot('08-register');
  });

  it('sends the media token in a header, not the URL; serves a snapshot for it, and refuses its media replayed after expiry', async () => {
    expect(mediaRequests.length).toBeGreaterThan(0);
    // Leaving the player for the register closed that access, and its token with it.
    const closed = mediaRequests[mediaRequests.length - 1]!;
    const refused = await fetch(closed.url, { headers: { 'x-media-token': closed.token! } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('E_MEDIA_TOKEN');
    // A new playback, left open, for the token checks.
    mediaRequests.length = 0;
    await page.goto(`${server.url}/#/playback/${cameraId}?at=${new Date(playbackAt).toISOString()}`);
    await page.waitForSelector('[data-testid=timeline] .covered');
    await page.click('button[name=play]');
    await page.fill('dialog textarea[name=reasonText]', REASON_TEXT);
    await page.click('dialog button[type=submit]');
    await videoAdvances(page, '[data-testid=playback-video]', 60_000);
    expect(mediaRequests.length).toBeGreaterThan(0);
    const { url, token } = mediaRequests[mediaRequests.length - 1]!;
    expect(url).not.toContain('token=');
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    const headers = { 'x-media-token': token! };
    expect((await fetch(url, { headers })).status).toBe(200);
    expect((await fetch(url)).status).toBe(403);
    const snapshotUrl = `${server.url}/api/media/snapshot.jpg`;
    const snapshot = await fetch(snapshotUrl, { headers });
    expect(snapshot.status).toBe(200);
    expect(Buffer.from(await snapshot.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    server.advance(16 * 60_000);
    for (const replayed of [url, snapshotUrl]) {
      const replay = await fetch(replayed, { headers });
      expect(replay.status).toBe(403);
      expect(((await replay.json()) as { code: string }).code).toBe('E_MEDIA_TOKEN');
    }
    await page.goto(`${url}?token=${encodeURIComponent(token!)}`);
    await shot('09-expired-url');
  });

  it('runs setup, sign-in, live and playback under the Content-Security-Policy without one violation; an injected inline script is refused', async () => {
    expect(cspViolations).toEqual([]);
    await page.goto(server.url);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.name = "injected"';
      document.head.append(script);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.name)).not.toBe('injected');
  });
});
