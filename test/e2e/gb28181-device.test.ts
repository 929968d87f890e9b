/**
 * A GB/T 28181 device end to end, as an installer meets it: the server runs its SIP platform
 * (gb28181.enabled) and the demo NVR (demo.gb28181) registers to it over SIP with Digest. In headless
 * Chromium the device and its catalog appear on the GB/T 28181 page and a channel is added as a camera
 * without typing a URL; activated, the camera records PS over RTP through the same recorder, segments,
 * chain and ledger as RTSP: ffprobe decodes its segments and `custos recordings verify` passes; live
 * plays in the browser and keeps pace with wall time. Screenshots: test-artifacts/e2e/gb28181-device-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGbDeviceId } from '../../src/app/demo-gb-device.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { filesUnder } from '../support/archive.ts';
import { custos } from '../support/cli.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const run = chromiumAvailable() ? describe : describe.skip;
const SIP_ID = '34020000002000000001';
const DEVICE = demoGbDeviceId(SIP_ID);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

run('a GB/T 28181 device found, added, recorded and played without typing a URL (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  let cameraId = '';
  let channelId = '';
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `gb28181-device-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer({
      segmentSeconds: 2,
      env: { CUSTOS_GB28181_ENABLED: 'true', CUSTOS_GB28181_SIP_ID: SIP_ID, CUSTOS_GB28181_SIP_PORT: '0', CUSTOS_GB28181_PASSWORD: 'gb-e2e-Digest-secret', CUSTOS_DEMO_GB28181: 'true' },
    });
    const setup = await fetch(`${server.url}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.setupToken, username: 'installer', password: TEST_PASSWORD, displayName: '安装调试员' }) });
    expect(setup.status).toBe(201);
    api = await ApiSession.signIn(server.url, 'installer', TEST_PASSWORD);
    await api.recordPrerequisites();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.fill('input[name=username]', 'installer');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('header.bar');
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the NVR registers with Digest; its catalog appears in the browser and a channel becomes a camera through the add dialog', async () => {
    await expect
      .poll(async () => (await api.call<Array<{ deviceId: string; online: boolean }>>('GET', '/api/gb28181/devices')).find((d) => d.deviceId === DEVICE)?.online, { timeout: 30_000, interval: 500 })
      .toBe(true);
    const channels = await api.call<Array<{ channelId: string }>>('POST', `/api/gb28181/devices/${DEVICE}/catalog`);
    expect(channels.length).toBeGreaterThan(0);
    channelId = channels[0]!.channelId;
    expect(channelId.slice(10, 13)).toMatch(/^13[12]$/);

    await page.click('header.bar a[href="#/gb28181"]');
    // Not in the inventory until one of its channels is a camera (REG-07-6).
    await page.waitForSelector(`tr[data-device="${DEVICE}"] [data-state=unknown]`);
    await page.click(`tr[data-device="${DEVICE}"] a`);
    await page.waitForSelector(`tr[data-channel="${channelId}"]`);
    await shot('catalog');
    const [site] = await api.call<Array<{ id: string }>>('GET', '/api/sites');
    await page.click(`tr[data-channel="${channelId}"] [data-testid=add-as-camera]`);
    await page.waitForSelector('[role=dialog] select[name=siteId]');
    await page.selectOption('[role=dialog] select[name=siteId]', site!.id);
    await page.fill('[role=dialog] input[name=name]', '国标通道 大门');
    await page.selectOption('[role=dialog] select[name=transport]', 'udp');
    await page.click('[role=dialog] button[type=submit]');
    const link = await page.waitForSelector(`tr[data-channel="${channelId}"] a[href^="#/cameras/"]`);
    cameraId = decodeURIComponent(((await link.getAttribute('href')) ?? '').replace('#/cameras/', ''));
    expect(cameraId).toMatch(/^cam/);
    await shot('added');
    const camera = await api.call<{ sourceUrl: string; manufacturer: string | null }>('GET', `/api/cameras/${cameraId}`);
    expect(camera.sourceUrl).toBe(`gb28181://${DEVICE}/${channelId}`);
    const device = (await api.call<Array<{ deviceId: string; known: boolean }>>('GET', '/api/gb28181/devices')).find((d) => d.deviceId === DEVICE);
    expect(device?.known).toBe(true);
    await page.waitForSelector(`tr[data-device="${DEVICE}"] [data-state=online]`);
  });

  it('activated, it records PS over RTP: ffprobe decodes its segments and custos recordings verify passes', async () => {
    const cameras = await api.call<Record<string, unknown>[]>('GET', '/api/cameras');
    const demo = cameras.find((c) => c.id !== cameraId)!;
    const keys = ['position', 'mountHeightM', 'headingDeg', 'tiltDeg', 'hfovDeg', 'rangeM', 'publicSecurityArea', 'placementRationale', 'necessity', 'installedByUnitId', 'installedAt'];
    await api.call('PATCH', `/api/cameras/${cameraId}`, { deviceType: 'FIXED', ...Object.fromEntries(keys.map((k) => [k, demo[k]])) });
    await api.call('POST', `/api/cameras/${cameraId}/activate`, { signageOverride: { reason: '标识牌已订购,安装前临时启用以便验收测试' } });
    let segments: string[] = [];
    let state = '';
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const status = await api.call<{ cameras: { cameraId: string; state: string }[] }>('GET', '/api/recording/status');
      state = status.cameras.find((c) => c.cameraId === cameraId)?.state ?? '';
      segments = filesUnder(server.dataDir).map((f) => path.join(server.dataDir, f)).filter((f) => f.includes(cameraId) && /\.(mp4|m4s)$/.test(f) && statSync(f).size > 0);
      if (state === 'online' && segments.length >= 3) break;
      await sleep(1000);
    }
    expect(state).toBe('online');
    expect(segments.length).toBeGreaterThanOrEqual(3);
    const finished = segments.sort().slice(0, 2);
    for (const file of finished) {
      const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', file]).toString()) as { streams: { codec_name: string; width: number; nb_read_frames: string }[] };
      expect(probe.streams[0]).toMatchObject({ codec_name: 'h264', width: 640 });
      expect(Number(probe.streams[0]!.nb_read_frames)).toBeGreaterThan(20);
    }
    const verified = await custos(['recordings', 'verify', '--camera', cameraId], { CUSTOS_DATA_DIR: server.dataDir });
    expect(verified.status, verified.stderr + verified.stdout).toBe(0);
  });

  it('plays live in the browser and keeps pace with wall time', async () => {
    await page.goto(`${server.url}/#/live?layout=4`);
    await page.waitForSelector('dialog textarea[name=reasonText]');
    await page.selectOption('dialog select[name=category]', 'PUBLIC_SECURITY_MONITORING');
    await page.fill('dialog textarea[name=reasonText]', 'E2E 验收:国标通道实时画面');
    await page.click('dialog button[type=submit]');
    const video = `[data-testid=live-tile][data-camera-id="${cameraId}"] video`;
    await page.waitForFunction((selector) => (document.querySelector<HTMLVideoElement>(selector)?.currentTime ?? 0) > 1, video, { timeout: 60_000 });
    const before = { media: await page.$eval(video, (v) => (v as HTMLVideoElement).currentTime), wall: Date.now() };
    await sleep(6000);
    const after = { media: await page.$eval(video, (v) => (v as HTMLVideoElement).currentTime), wall: Date.now() };
    const ratio = (after.media - before.media) / ((after.wall - before.wall) / 1000);
    await shot('live');
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });
});
