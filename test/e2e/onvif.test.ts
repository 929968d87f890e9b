/**
 * ONVIF in headless Chromium against the real server: the demo camera answers ONVIF (demo.onvif), the
 * "Discover cameras" button finds it with its maker, model, firmware and MAC, selecting it shows its
 * profiles, adding it makes a registry camera that appears in the list; activated, it records, and
 * ffprobe reads one of its segments. Screenshots: test-artifacts/e2e/onvif-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ONVIF_CREDENTIAL } from '../../src/app/demo-camera.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { filesUnder } from '../support/archive.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { signInWithTotp } from './support/flows.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const run = chromiumAvailable() ? describe : describe.skip;

run('ONVIF discovery and adding a camera in the browser (e2e)', { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  let cameraId: string;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `onvif-${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer({ env: { CUSTOS_ONVIF_DISCOVERY_MULTICAST: 'false' } });
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'admin', displayName: '值班管理员', password: TEST_PASSWORD }),
    });
    expect(setup.status).toBe(201);
    api = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
    const totp = await api.enrolTotp();
    await api.recordPrerequisites();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('input[name=username]');
    await signInWithTotp(page, 'admin', totp);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('Discover cameras finds the demo camera, shows its profiles, and adds it: the camera appears', async () => {
    await page.goto(`${server.url}/#/cameras`);
    await page.click('button[name=discover]');
    await page.fill('input[name=onvifUser]', DEMO_ONVIF_CREDENTIAL.username);
    await page.fill('input[name=onvifPassword]', DEMO_ONVIF_CREDENTIAL.password);
    await page.click('button[name=probe]');
    const row = await page.waitForSelector('table[aria-label=discovered] tr[data-in-inventory=false]');
    const text = (await row.textContent()) ?? '';
    for (const expected of ['Custos Demo', 'DEMO-ONVIF-1', '1.0.0', '127.0.0.1', '02:00:00:00:00:01']) expect(text).toContain(expected);
    await shot('discovered');
    await row.$('button[name=choose]').then((b) => b?.click());
    await page.waitForSelector('[data-testid=onvif-add] input[name=mainProfile]');
    await page.fill('input[name=cameraName]', 'ONVIF 大门');
    await page.click('button[name=addCamera]');
    await page.waitForSelector('[data-testid=onvif-added]');
    const added = await page.waitForSelector('tr[data-camera]:has-text("ONVIF 大门")');
    cameraId = (await added.getAttribute('data-camera')) ?? '';
    expect(cameraId).toMatch(/^cam/);
    await shot('added');
    const camera = await api.call<{ manufacturer: string; serialNumber: string; sourceUrl: string }>('GET', `/api/cameras/${cameraId}`);
    expect(camera).toMatchObject({ manufacturer: 'Custos Demo', serialNumber: 'DEMO-0001' });
    expect(camera.sourceUrl).toContain('demo:***@');
  });

  it('activated, the added camera records and ffprobe reads a segment', async () => {
    // the placement facts art. 7 and 13 ask for before activation: those of the demo camera beside it
    const cameras = await api.call<Record<string, unknown>[]>('GET', '/api/cameras');
    const demo = cameras.find((c) => c.id !== cameraId)!;
    const keys = ['position', 'mountHeightM', 'headingDeg', 'tiltDeg', 'hfovDeg', 'rangeM', 'publicSecurityArea', 'placementRationale', 'necessity', 'installedByUnitId', 'installedAt'];
    await api.call('PATCH', `/api/cameras/${cameraId}`, Object.fromEntries(keys.map((k) => [k, demo[k]])));
    await api.call('POST', `/api/cameras/${cameraId}/activate`, { signageOverride: { reason: '标识牌已订购,安装前临时启用以便验收测试' } });
    const deadline = Date.now() + 60_000;
    let state = '';
    while (Date.now() < deadline) {
      const status = await api.call<{ cameras: { cameraId: string; state: string }[] }>('GET', '/api/recording/status');
      state = status.cameras.find((c) => c.cameraId === cameraId)?.state ?? '';
      // The server's own data folder, not every e2e server's under the temporary folder.
      const segments = filesUnder(server.dataDir)
        .map((f) => path.join(server.dataDir, f))
        .filter((f) => f.includes(cameraId) && /\.(mp4|m4s)$/.test(f))
        .filter((f) => statSync(f).size > 0);
      if (state === 'online' && segments.length > 0) {
        const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', segments[0]!]).toString()) as { streams: { codec_name: string }[] };
        expect(probe.streams[0]?.codec_name).toBe('h264');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`no segment recorded (state ${state})`);
  });
});
