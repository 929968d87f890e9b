/**
 * The live wall end to end, in headless Chromium against the real server, its recorders and nine
 * simulated cameras (the demo camera and eight more from a second simulator, added through the API):
 * an operator watches a 3×3 wall for 60 s. For every tile the video time advances with wall time
 * (within 5 %) and the player never stalls ('waiting' events = 0). Closing a tile and leaving the page
 * close the live register entries (tile closed; pagehide with a keepalive request).
 * Screenshots: test-artifacts/e2e/live-wall-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIPS } from '../../src/media/simulator/clip.ts';
import { startSimulator, type Simulator } from '../../src/media/simulator/server.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
/** The watching window (E2E_WALL_SECONDS shortens it while working on the test). */
const WINDOW_S = Number(process.env.E2E_WALL_SECONDS ?? 60);
const EXTRA_CAMERAS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sample {
  at: number;
  tiles: { camera: string; time: number; latencyMs: number | null }[];
}

const sample = (page: Page): Promise<Sample> =>
  page.$$eval('[data-testid=live-tile] video', (videos) => ({
    at: performance.now(),
    tiles: (videos as HTMLVideoElement[]).map((v) => ({ camera: v.dataset.camera ?? '', time: v.currentTime, latencyMs: v.dataset.wallClock ? Date.now() - Number(v.dataset.wallClock) : null })),
  }));

interface RegisterEntry {
  id: string;
  kind: string;
  operation: string;
  cameraIds: string[];
  closedAt: string | null;
}

const run = chromiumAvailable() ? describe : describe.skip;

run('the live wall in the browser (e2e)', { timeout: 400_000 }, () => {
  let server: E2EServer;
  let simulator: Simulator;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  const cameraIds: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `live-wall-${name}.png`), fullPage: true });
  const liveEntries = async () =>
    (await api.call<{ entries: RegisterEntry[] }>('GET', '/api/register?kind=ACCESS&limit=1000')).entries.filter((e) => e.operation.startsWith('LIVE'));

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Segments of 10 s, the default: nine cameras closing 2-s segments would measure the test machine.
    server = await startE2EServer({ segmentSeconds: 10 });
    simulator = await startSimulator({ cameras: EXTRA_CAMERAS, clip: DEFAULT_CLIPS, codec: 'h264', port: 0, host: '127.0.0.1' });
    const setup = await fetch(`${server.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.setupToken, username: 'operator', password: TEST_PASSWORD, displayName: '值班员' }) });
    expect(setup.status).toBe(201);
    api = await ApiSession.signIn(server.url, 'operator', TEST_PASSWORD);
    await api.recordPrerequisites();
    const [demo] = await api.call<{ id: string; siteId: string }[]>('GET', '/api/cameras');
    cameraIds.push(demo!.id);
    const unitId = (await api.call<{ id: string }[]>('GET', '/api/units'))[0]!.id;
    const today = new Date().toISOString().slice(0, 10);
    const added: string[] = [];
    for (let n = 1; n <= EXTRA_CAMERAS; n++) {
      const camera = await api.call<{ id: string }>('POST', '/api/cameras', {
        siteId: demo!.siteId,
        name: `一层通道摄像机 ${n} 号`,
        deviceType: 'FIXED',
        sourceUrl: simulator.url(n),
        position: { x: 20 + n * 3, y: 10 },
        mountHeightM: 3,
        headingDeg: 90,
        tiltDeg: -20,
        hfovDeg: 90,
        rangeM: 15,
        publicSecurityArea: 'ENTRANCE',
        necessity: '覆盖一层公共通道人员往来,用于维护公共安全(测试)',
        placementRationale: '通道上方,朝向公共通道,不朝向任何禁止区域',
        installedByUnitId: unitId,
        installedAt: today,
      });
      added.push(camera.id);
    }
    await api.call('POST', '/api/signs', { siteId: demo!.siteId, location: '一层通道入口', placementNote: '进入监控区域前可见', text: '您已进入视频监控区域 / CCTV in operation', languages: ['zh', 'en'], photoRef: 'test/sign.jpg', installedAt: today, cameraIds: added });
    for (const id of added) await api.call('POST', `/api/cameras/${id}/activate`, {});
    cameraIds.push(...added);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operator');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.bar');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await simulator?.close();
    await server?.close();
  });

  it('plays a 3×3 wall for a minute: every tile keeps pace with wall time (within 5 %) without a stall', async () => {
    await page.goto(`${server.url}/#/live?layout=9`);
    // One reason for the whole wall.
    await page.waitForSelector('dialog textarea[name=reasonText]');
    await page.selectOption('dialog select[name=category]', 'PUBLIC_SECURITY_MONITORING');
    await page.fill('dialog textarea[name=reasonText]', 'E2E 值班监看:一层九路实时画面');
    await page.click('dialog button[type=submit]');
    expect(await page.$$eval('[data-testid=live-tile]', (tiles) => tiles.map((t) => t.getAttribute('data-camera-id')).sort())).toEqual([...cameraIds].sort());
    await page.waitForFunction(() => {
      const videos = [...document.querySelectorAll<HTMLVideoElement>('[data-testid=live-tile] video')];
      return videos.length === 9 && videos.every((v) => v.currentTime > 1 && Number(v.dataset.wallClock) > 0);
    }, undefined, { timeout: 120_000 });
    // Settled at the live edge: from now on, every 'waiting' is a stall.
    await sleep(3000);
    await page.evaluate(() => {
      const w = window as unknown as { stalls: Record<string, number[]> };
      w.stalls = {};
      for (const v of document.querySelectorAll<HTMLVideoElement>('[data-testid=live-tile] video')) {
        const camera = v.dataset.camera ?? '';
        const at: number[] = (w.stalls[camera] = []);
        v.addEventListener('waiting', () => at.push(Math.round(performance.now())));
      }
    });
    // Every tile shows its camera's name, a clock and a recording dot that is on (each camera records).
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=live-tile] [data-testid=rec-dot].on').length === 9, undefined, { timeout: 15_000 });
    expect(await page.$$eval('[data-testid=live-tile] .tile-bar .name', (names) => names.map((n) => n.textContent))).toContain('一层通道摄像机 8 号');
    await shot('1-start');
    const first = await sample(page);
    const latencies: number[] = [];
    for (let s = 0; s < WINDOW_S; s += 5) {
      await sleep(5000);
      latencies.push(...(await sample(page)).tiles.flatMap((t) => (t.latencyMs === null ? [] : [t.latencyMs])));
      if (s === 30) await shot('2-middle');
    }
    const last = await sample(page);
    await shot('3-end');
    const stallTimes = await page.evaluate(() => (window as unknown as { stalls: Record<string, number[]> }).stalls);
    const wallS = (last.at - first.at) / 1000;
    const ratios = first.tiles.map((tile) => {
      const end = last.tiles.find((t) => t.camera === tile.camera)!;
      const at = stallTimes[tile.camera] ?? [];
      return { camera: tile.camera, ratio: (end.time - tile.time) / wallS, stalls: at.length, stallsAtS: at.map((t) => Math.round((t - first.at) / 100) / 10) };
    });
    latencies.sort((a, b) => a - b);
    const figures = { wallSeconds: Math.round(wallS * 10) / 10, ratios: ratios.map((r) => Math.round(r.ratio * 1000) / 1000), stalls: ratios.map((r) => r.stalls), stallsAtS: ratios.map((r) => r.stallsAtS), latencyMedianMs: latencies[Math.floor(latencies.length / 2)], latencyP95Ms: latencies[Math.floor(latencies.length * 0.95)] };
    process.stdout.write(`live-wall: ${JSON.stringify(figures)}\n`);
    expect(ratios).toHaveLength(9);
    for (const r of ratios) {
      expect(Math.abs(r.ratio - 1), `${r.camera}: video advanced ${r.ratio} s per second`).toBeLessThan(0.05);
      expect(r.stalls, `${r.camera}: stalls`).toBe(0);
    }
  });

  it('closes the live register entry of a closed tile, and every other one when the page is left (pagehide)', async () => {
    const open = (await liveEntries()).filter((e) => e.closedAt === null);
    expect(new Set(open.flatMap((e) => e.cameraIds))).toEqual(new Set(cameraIds));
    const closedCamera = await page.getAttribute('[data-testid=live-tile] >> nth=0', 'data-camera-id');
    await page.click('[data-testid=live-tile] >> nth=0 >> button[name=close]');
    await page.waitForSelector('[data-testid=empty-tile]');
    await shot('4-tile-closed');
    await expect.poll(async () => (await liveEntries()).filter((e) => e.closedAt === null && e.cameraIds.includes(closedCamera!)).length, { timeout: 10_000 }).toBe(0);
    expect((await liveEntries()).filter((e) => e.closedAt === null).length).toBe(8);
    // Picking a camera into the empty tile opens it again.
    await page.selectOption('[data-testid=empty-tile] select[name=pick]', closedCamera);
    await page.waitForFunction((id) => (document.querySelector<HTMLVideoElement>(`video[data-camera="${id}"]`)?.currentTime ?? 0) > 0, closedCamera, { timeout: 60_000 });
    // Leaving the page (not through the app): pagehide closes every entry still open.
    await page.goto('about:blank');
    await expect.poll(async () => (await liveEntries()).filter((e) => e.closedAt === null).length, { timeout: 15_000 }).toBe(0);
  });
});
