/**
 * The playback timeline and the access register page in headless Chromium against the real server and
 * the simulator: drag pans and the wheel zooms the visible window; a day without footage says so; a
 * shift-drag selection, its end moved by its handle, leads to the export request form with its range; leaving the page (navigating
 * away, closing the tab) closes the playback's register entry (REG-16-5: every access has its end);
 * the register page names the camera and translates kind and operation.
 * Screenshots: test-artifacts/e2e/playback-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';
import { signInWithTotp } from './support/flows.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const REASON_TEXT = 'E2E 时间轴回放核查:入口画面';

interface Window {
  from: number;
  to: number;
}

async function visibleWindow(page: Page): Promise<Window> {
  const [from, to] = await page.$eval('[data-testid=timeline]', (el: HTMLElement) => [el.dataset.from ?? '', el.dataset.to ?? '']);
  return { from: Date.parse(from), to: Date.parse(to) };
}

async function timelineBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await (await page.waitForSelector('[data-testid=timeline]')).boundingBox();
  if (!box) throw new Error('the timeline has no box');
  return box;
}

const run = chromiumAvailable() ? describe : describe.skip;

run('playback timeline and register page (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  let camera: { id: string; name: string };
  let recordingFrom = 0;
  const shot = (name: string, target = page) => target.screenshot({ path: path.join(ARTIFACTS, `playback-${name}.png`), fullPage: true });

  /** Opens a playback of `agoMs` before now behind a reason; answers the register entry's id. */
  async function openPlayback(target: Page, agoMs: number, speed?: string): Promise<string> {
    await target.goto(`${server.url}/#/playback/${camera.id}?at=${new Date(Date.now() - agoMs).toISOString()}`);
    await target.waitForSelector('[data-testid=timeline] .covered');
    if (speed) await target.click(`button[name=speed]:has-text("${speed}")`);
    await target.click('button[name=play]');
    // Art. 16: the reason comes before any video.
    await target.waitForSelector('dialog textarea[name=reasonText]');
    expect(await target.$eval('[data-testid=playback-video]', (v: HTMLVideoElement) => v.dataset.entry)).toBe('');
    await target.fill('dialog textarea[name=reasonText]', REASON_TEXT);
    await target.click('dialog button[type=submit]');
    const video = await target.waitForSelector('[data-testid=playback-video]:not([data-entry=""])');
    await target.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid=playback-video]')?.currentTime ?? 0) > 0, undefined, { timeout: 60_000 });
    return (await video.getAttribute('data-entry')) ?? '';
  }

  async function closedAt(entryId: string): Promise<string | null> {
    return (await api.call<{ closedAt: string | null }>('GET', `/api/register/${entryId}`)).closedAt;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    recordingFrom = Date.now();
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'admin', displayName: '回放管理员', password: TEST_PASSWORD }),
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
  }, 180_000);

  // Each case starts from a fresh page: the timeline keeps its window while the address stays the same.
  beforeEach(async () => {
    await page.goto('about:blank');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('zooms with the wheel around the pointer and pans by dragging', async () => {
    // Some footage first, so the day has coverage to draw.
    const wait = recordingFrom + 20_000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await page.goto(`${server.url}/#/playback/${camera.id}`);
    await page.waitForSelector('[data-testid=timeline] .covered');
    await page.waitForSelector('[data-testid=now-marker]');
    const day = await visibleWindow(page);
    expect(day.to - day.from).toBeGreaterThanOrEqual(23 * 3_600_000);

    const box = await timelineBox(page);
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(50);
    }
    await expect.poll(async () => (await visibleWindow(page)).to - (await visibleWindow(page)).from).toBeLessThan((day.to - day.from) / 3);
    const zoomed = await visibleWindow(page);
    // The instant under the pointer (mid-day) stayed under it.
    expect(Math.abs((zoomed.from + zoomed.to) / 2 - (day.from + day.to) / 2)).toBeLessThan(60_000);
    expect(await page.$$eval('[data-testid=timeline] .tick', (ticks) => ticks.length)).toBeGreaterThan(2);

    // Dragging to the left shows later times, by the distance dragged.
    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 100, y, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2 - 200, y, { steps: 5 });
    await page.mouse.up();
    const panned = await visibleWindow(page);
    expect(Math.abs(panned.to - panned.from - (zoomed.to - zoomed.from))).toBeLessThanOrEqual(2);
    const expected = (200 / box.width) * (zoomed.to - zoomed.from);
    expect(Math.abs(panned.from - zoomed.from - expected)).toBeLessThan(expected * 0.05);
    // A drag is not a click: no instant was picked.
    expect(await page.$('[data-testid=position]')).toBeNull();
    await shot('timeline-zoomed');
  });

  it('marks the recorded days and says so for a day without footage', async () => {
    await page.goto(`${server.url}/#/playback/${camera.id}`);
    await page.waitForSelector('[data-testid=timeline] .covered');
    const today = await page.$eval('input[name=day]', (input: HTMLInputElement) => input.value);
    await page.waitForSelector(`[data-testid=recorded-days] button.recorded[data-day="${today}"]`);
    expect(await page.$('[data-testid=no-footage]')).toBeNull();

    await page.goto(`${server.url}/#/playback/${camera.id}?day=2020-01-15`);
    const message = await page.waitForSelector('[data-testid=no-footage]');
    expect(await message.textContent()).toContain('没有录像');
    expect(await page.$('[data-testid=timeline] .covered')).toBeNull();
    expect(await page.$$('[data-testid=recorded-days] button.recorded')).toHaveLength(0);
    await shot('no-footage');
  });

  it('selects a range by shift-drag and opens the export request form with it', async () => {
    await page.goto(`${server.url}/#/playback/${camera.id}`);
    await page.waitForSelector('[data-testid=timeline] .covered');
    const view = await visibleWindow(page);
    const box = await timelineBox(page);
    const y = box.y + box.height / 2;
    const [x1, x2] = [box.x + box.width * 0.3, box.x + box.width * 0.45];
    await page.keyboard.down('Shift');
    await page.mouse.move(x1, y);
    await page.mouse.down();
    await page.mouse.move(x2, y, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.waitForSelector('[data-testid=selection]');
    // Selecting does not move the window.
    expect(await visibleWindow(page)).toEqual(view);
    // The end's handle moves the end: 60 px later.
    const handle = (await (await page.waitForSelector('[data-testid=selection-to]')).boundingBox())!;
    const x3 = x2 + 60;
    await page.mouse.move(handle.x + handle.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(x3, y, { steps: 8 });
    await page.mouse.up();
    expect(await visibleWindow(page)).toEqual(view);
    await shot('range-selected');

    await page.click('[data-testid=export-range]');
    await page.waitForFunction(() => location.hash.startsWith('#/exports/new?'));
    const params = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    expect(params.get('camera')).toBe(camera.id);
    const instantAt = (x: number) => view.from + ((x - box.x) / box.width) * (view.to - view.from);
    const slack = (view.to - view.from) / box.width * 3;
    expect(Math.abs(Date.parse(params.get('from')!) - instantAt(x1))).toBeLessThan(slack);
    expect(Math.abs(Date.parse(params.get('to')!) - instantAt(x3))).toBeLessThan(slack);
  });

  it('closes the playback register entry when the viewer navigates away', async () => {
    const entryId = await openPlayback(page, 10_000);
    expect(entryId).toMatch(/^reg/);
    expect(await closedAt(entryId)).toBeNull();
    await shot('playing');
    await page.goto(`${server.url}/#/register`);
    await expect.poll(() => closedAt(entryId), { timeout: 10_000 }).not.toBeNull();
  });

  it('closes the playback register entry when the tab is closed (pagehide, keepalive)', async () => {
    const tab = await browser.context.newPage();
    const entryId = await openPlayback(tab, 10_000);
    expect(await closedAt(entryId)).toBeNull();
    await tab.close({ runBeforeUnload: true });
    await expect.poll(() => closedAt(entryId), { timeout: 10_000 }).not.toBeNull();
  });

  it('closes the playback register entry when the recorded stream ends, with the chosen speed highlighted', async () => {
    const entryId = await openPlayback(page, 6_000, '8×');
    expect(await page.getAttribute('button[name=speed][aria-pressed=true]', 'class')).toContain('active');
    expect(await page.textContent('button[name=speed][aria-pressed=true]')).toBe('8×');
    // Still on the page: the end of the footage ends the access.
    await expect.poll(() => closedAt(entryId), { timeout: 30_000 }).not.toBeNull();
    await page.waitForSelector('[data-testid=playback-video][data-entry=""]');
    expect(page.url()).toContain('#/playback/');
  });

  it('shows the register with the camera’s name and translated kind, operation and state, in both languages', async () => {
    const entries = (await api.call<{ entries: { id: string; kind: string; operation: string }[] }>('GET', '/api/register?operation=PLAYBACK&kind=ACCESS')).entries;
    const entryId = entries[0]!.id;
    await page.goto(`${server.url}/#/`);
    await page.goto(`${server.url}/#/register`);
    const row = await page.waitForSelector(`[data-testid=register-table] tr[data-entry="${entryId}"]`);
    await page.waitForFunction(([id, name]) => document.querySelector(`tr[data-entry="${id}"]`)?.textContent?.includes(name), [entryId, camera.name] as const);
    const zh = (await row.textContent()) ?? '';
    expect(zh).toContain(camera.name);
    expect(zh).not.toContain(camera.id);
    expect(zh).toContain('回放');
    expect(zh).toContain('已结束');
    expect(zh).not.toContain('PLAYBACK');
    await page.waitForSelector('[data-testid=register-verify][data-ok=true]');
    await shot('register-zh');

    await page.click('[data-testid=language]');
    await page.waitForSelector(`tr[data-entry="${entryId}"]:has-text("Playback")`);
    const en = (await page.textContent(`tr[data-entry="${entryId}"]`)) ?? '';
    expect(en).toContain('Access');
    expect(en).toContain('Closed');
    expect(en).toContain('Incident investigation');

    // Filtering by picking: the operation and the person from lists.
    await page.selectOption('select[name=operation]', 'LIVE_DUTY');
    await page.click('form[aria-label=register-filters] button[type=submit]');
    await page.waitForSelector('[data-testid=register-table] tbody:not(:has(tr))', { state: 'attached' });
    await page.selectOption('select[name=operation]', 'PLAYBACK');
    const people = await page.$$eval('select[name=actorUserId] option', (options) => options.map((o) => o.textContent));
    expect(people).toContain('回放管理员');
    await page.click('form[aria-label=register-filters] button[type=submit]');
    await page.waitForSelector(`tr[data-entry="${entryId}"]`);
    await shot('register-en');
    await page.click('[data-testid=language]');
  });
});
