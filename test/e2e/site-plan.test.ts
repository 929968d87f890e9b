/**
 * The site plan and the camera form end to end, in headless Chromium against the real server: a
 * compliance officer uploads a floor plan for a mall, draws a fitting room with a glass side, places a
 * camera whose view reaches into it (red, art. 8.1(4) shown, the placement refused), turns it away (no longer red), sees
 * activation refused with the missing fields named by their labels, fills the placement and
 * activates the camera once a photographed sign is linked. Screenshots: test-artifacts/e2e/plan-*.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteBody, unitBody } from '../support/fixtures.ts';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';
import { setUpFirstAdministrator, signInWithTotp } from './support/flows.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const run = chromiumAvailable() ? describe : describe.skip;

/** A floor plan drawn in the browser itself: 400 × 300 px, walls and a fitting room at the east side. */
const FLOOR_PLAN_HTML = `<body style="margin:0"><div id="plan" style="position:relative;width:400px;height:300px;background:#fafaf5;border:6px solid #333;box-sizing:border-box">
<div style="position:absolute;left:234px;top:134px;width:80px;height:80px;border:3px solid #555"></div>
<div style="position:absolute;left:20px;top:20px;font:16px sans-serif">2F</div></div></body>`;

run('site plan and camera form in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  let siteId: string;
  let cameraId: string;
  let floorPlanPng: Buffer;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `plan-${name}.png`), fullPage: true });

  /** Where a plan point (metres, y up) is on the screen, the plan scrolled into view. */
  const screenOf = async (x: number, y: number) => {
    await page.locator('[data-testid=site-plan]').scrollIntoViewIfNeeded();
    return page.$eval(
      '[data-testid=site-plan]',
      (svg, [px, py]) => {
        const m = (svg as SVGSVGElement).getScreenCTM()!;
        const p = new DOMPoint(px, -py).matrixTransform(m);
        return { x: p.x, y: p.y };
      },
      [x, y] as const,
    );
  };
  const clickAt = async (x: number, y: number) => {
    const p = await screenOf(x, y);
    await page.mouse.click(p.x, p.y);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    const drawing = await browser.context.newPage();
    await drawing.setContent(FLOOR_PLAN_HTML);
    floorPlanPng = await drawing.locator('#plan').screenshot();
    await drawing.close();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in as the compliance officer, with a mall site and a camera registered without a placement', async () => {
    const first = await setUpFirstAdministrator(page, `${server.url}/#setup=${server.setupToken}`, 'officer', '合规专员');
    api = first.api;
    const totp = first.totp;
    const unit = await api.call<{ id: string }>('POST', '/api/units', unitBody({ name: '某购物中心管理有限公司', uscc: '91330106MA2AB3C472' }));
    siteId = (await api.call<{ id: string }>('POST', '/api/sites', siteBody(unit.id, { name: '购物中心二层' }))).id;
    cameraId = (
      await api.call<{ id: string }>('POST', '/api/cameras', { siteId, name: '二层通道西', deviceType: 'FIXED', installedByUnitId: unit.id, installedAt: '2025-05-01' })
    ).id;
    await signInWithTotp(page, 'officer', totp);
  });

  it('uploads the floor plan with its scale', async () => {
    await page.goto(`${server.url}/#/plan/${siteId}`);
    await page.waitForSelector('[data-testid=site-plan]');
    await page.setInputFiles('input[name=floorPlanFile]', { name: 'plan-2f.png', mimeType: 'image/png', buffer: floorPlanPng });
    await page.fill('input[name=metresPerPixel]', '0.05');
    await page.click('button[name=uploadFloorPlan]');
    await page.waitForSelector('[data-testid=floor-plan-image]');
    const plan = await api.call<{ metresPerPixel: number; originY: number; mediaType: string }>('GET', `/api/sites/${siteId}/floor-plan`);
    // 300 px at 0.05 m: the image's top edge is 15 m up, its bottom-left corner at (0, 0).
    expect(plan).toMatchObject({ metresPerPixel: 0.05, originY: 15, mediaType: 'image/png' });
    await shot('01-floor-plan');
  });

  it('draws a fitting room with a glass side on the plan', async () => {
    await page.click('button[name=mode-zone]');
    for (const [x, y] of [
      [12, 4],
      [16, 4],
      [16, 8],
      [12, 8],
    ] as const)
      await clickAt(x, y);
    await page.click('button[name=finishZone]');
    await page.selectOption('[data-testid=new-zone] select[name=zoneType]', 'Z8_3_FITTING_ROOM');
    await page.fill('[data-testid=new-zone] input[name=zoneName]', '2F 试衣间 A');
    await page.click('button[name=saveZone]');
    await page.waitForSelector('[data-zone]');
    await clickAt(14, 6);
    await page.waitForSelector('[data-testid=zone-edges]');
    // Side 4 runs from (12, 8) to (12, 4): the west side, glass.
    await page.click('input[name=transparent-3]');
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name=transparent-3]')?.checked === true);
    const zones = await api.call<{ zoneType: string; transparentEdges: number[]; polygon: unknown[] }[]>('GET', `/api/zones?siteId=${siteId}`);
    expect(zones).toEqual([expect.objectContaining({ zoneType: 'Z8_3_FITTING_ROOM', transparentEdges: [3], polygon: [{ x: 12, y: 4 }, { x: 16, y: 4 }, { x: 16, y: 8 }, { x: 12, y: 8 }] })]);
  });

  it('places the camera looking into the fitting room: its cone is red with the article, and the server refuses the placement', async () => {
    await page.click(`button[name=place-${cameraId}]`);
    await clickAt(4, 6);
    await page.waitForSelector(`[data-cone="${cameraId}"][data-refused=true]`);
    // REG-08-3 cites art. 8.1(4) for a view into a prohibited zone; the plan shows what the server decides.
    const refusal = await page.waitForSelector('.refusal[data-code=E_FOV_INTO_PROHIBITED_ZONE]');
    expect(await refusal.textContent()).toContain('8.1(4)');
    expect(await page.textContent(`text[data-article="${cameraId}"]`)).toContain('8.1(4)');
    expect(await page.textContent('[data-testid=plan-conflicts]')).toContain('2F 试衣间 A');
    expect((await api.call<{ position: unknown }>('GET', `/api/cameras/${cameraId}`)).position).toBeNull();
    await shot('02-cone-into-fitting-room');
  });

  it('turns the camera away by dragging its handle: no longer red', async () => {
    await page.locator('[data-testid=site-plan]').scrollIntoViewIfNeeded();
    const handle = (await page.locator(`[data-handle="${cameraId}"]`).boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    const target = await screenOf(4, 14);
    await page.mouse.move(target.x, target.y, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector(`[data-cone="${cameraId}"][data-refused=false]`);
    await page.waitForFunction(() => !document.querySelector('[data-testid=plan-conflicts] .refusal'));
    await page.waitForSelector('.refusal[data-code=E_FOV_INTO_PROHIBITED_ZONE]', { state: 'detached' });
    const turned = await api.call<{ position: unknown; headingDeg: number; rangeM: number }>('GET', `/api/cameras/${cameraId}`);
    expect(turned.position).toEqual({ x: 4, y: 6 });
    expect(Math.abs(turned.headingDeg - 90)).toBeLessThan(2);
    expect(Math.abs(turned.rangeM - 8)).toBeLessThan(0.3);
    await shot('03-turned-away');
  });

  it('refuses activation with the missing placement fields named by their labels, not their field names', async () => {
    await page.goto(`${server.url}/#/cameras/${cameraId}`);
    await page.waitForSelector('[data-testid=activate-panel]');
    const turned = await api.call<{ headingDeg: number }>('GET', `/api/cameras/${cameraId}`);
    expect(await page.inputValue('input[name=headingDeg]')).toBe(String(turned.headingDeg));
    await page.click('[data-testid=activate-panel] button');
    const blockers = await page.waitForSelector('[data-testid=activate-blockers]');
    const text = (await blockers.textContent()) ?? '';
    expect(text).toContain('安装高度(米)');
    expect(text).not.toMatch(/mountHeightM|tiltDeg|placementRationale/);
    await shot('04-activation-refused');
  });

  it('fills the placement and activates the camera once a photographed sign is linked', async () => {
    await page.fill('input[name=mountHeightM]', '3.2');
    await page.fill('input[name=tiltDeg]', '-20');
    await page.selectOption('select[name=publicSecurityArea]', 'CORRIDOR');
    await page.fill('textarea[name=necessity]', '覆盖二层西侧公共通道的人员往来,用于维护公共安全与治安防范');
    await page.fill('textarea[name=placementRationale]', '通道西端立柱上,朝北沿通道,避开试衣间玻璃一侧');
    await page.click('form[aria-label=camera] button[type=submit]');
    await page.waitForFunction(async (id) => {
      const r = await fetch(`/api/cameras/${id}`);
      return ((await r.json()) as { mountHeightM: number | null }).mountHeightM === 3.2;
    }, cameraId);
    await api.call('POST', '/api/signs', { siteId, location: '二层通道西入口', photoRef: 'photos/sign-2f-west.jpg', cameraIds: [cameraId], position: { x: 3, y: 4 } });
    await page.click('[data-testid=activate-panel] button');
    await page.waitForFunction(() => document.querySelector('[data-testid=camera-status]')?.textContent === '已启用');
    const camera = await api.call<{ status: string }>('GET', `/api/cameras/${cameraId}`);
    expect(camera.status).toBe('ACTIVE');
    await shot('05-activated');
  });

  it('asks for a reason before a placement change of the now active camera is written (art. 13)', async () => {
    await page.goto(`${server.url}/#/plan/${siteId}`);
    await page.waitForSelector(`[data-camera-body="${cameraId}"]`);
    await page.waitForSelector('[data-sign]');
    await page.locator('[data-testid=site-plan]').scrollIntoViewIfNeeded();
    const body = (await page.locator(`[data-camera-body="${cameraId}"]`).boundingBox())!;
    await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
    await page.mouse.down();
    const target = await screenOf(5, 6);
    await page.mouse.move(target.x, target.y, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=placement-reason]');
    await page.fill('textarea[name=placementReason]', '立柱改造,摄像机东移一米');
    await shot('06-reason-for-active-camera');
    await page.click('button[name=confirmPlacement]');
    await page.waitForSelector('[data-testid=placement-reason]', { state: 'detached' });
    const history = await api.call<{ reason: string | null; placement: { position: unknown } }[]>('GET', `/api/cameras/${cameraId}/placement-history`);
    expect(history.at(-1)).toMatchObject({ reason: '立柱改造,摄像机东移一米', placement: { position: { x: 5, y: 6 } } });
  });

  it('adds a camera in the form once however often Save is clicked, and lists it with its site, translated status and no live link while inactive', async () => {
    await page.goto(`${server.url}/#/cameras/new`);
    await page.waitForSelector(`select[name=siteId] option[value="${siteId}"]`, { state: 'attached' });
    await page.selectOption('select[name=siteId]', siteId);
    await page.fill('input[name=name]', '二层通道东');
    await page.fill('input[name=x]', '18');
    await page.fill('input[name=y]', '2');
    await page.fill('input[name=headingDeg]', '180');
    await page.fill('input[name=hfovDeg]', '60');
    await page.fill('input[name=rangeM]', '3');
    await page.click('form[aria-label=camera] button[type=submit]');
    await page.waitForFunction(() => /^#\/cameras\/cam_/.test(location.hash));
    await page.waitForSelector('[data-testid=activate-panel]');
    await page.click('form[aria-label=camera] button[type=submit]');
    await page.waitForLoadState('networkidle');
    const named = (await api.call<{ name: string; siteId: string; position: unknown }[]>('GET', `/api/cameras?siteId=${siteId}`)).filter((c) => c.name === '二层通道东');
    expect(named).toEqual([expect.objectContaining({ siteId, position: { x: 18, y: 2 } })]);
    await page.goto(`${server.url}/#/cameras`);
    const row = page.locator(`tr:has-text("二层通道东")`);
    await row.waitFor();
    expect(await row.textContent()).toContain('购物中心二层');
    expect(await row.textContent()).toContain('未启用');
    expect(await row.locator('a[href^="#/live/"]').count()).toBe(0);
    expect(await page.locator(`tr[data-camera="${cameraId}"] a[href^="#/live/"]`).count()).toBe(1);
    await shot('07-camera-list');
  });

  it('places a sign on the plan, and rescales the floor plan from two points and their real distance', async () => {
    await page.goto(`${server.url}/#/plan/${siteId}`);
    await page.waitForSelector('[data-testid=floor-plan-image]');
    await page.click('button[name=mode-sign]');
    await clickAt(2, 2);
    await page.fill('[data-testid=new-sign] input[name=signLocation]', '二层扶梯口');
    await page.click('button[name=saveSign]');
    await page.waitForFunction(() => document.querySelectorAll('[data-sign]').length === 2);
    const signs = await api.call<{ location: string; position: unknown }[]>('GET', `/api/signs?siteId=${siteId}`);
    expect(signs.find((s) => s.location === '二层扶梯口')?.position).toEqual({ x: 2, y: 2 });
    await page.click('button[name=mode-calibrate]');
    await clickAt(0, 1);
    await clickAt(10, 1);
    await page.locator('[data-testid=floor-plan-panel] summary').click();
    await page.fill('input[name=scaleDistance]', '20');
    await page.click('button[name=applyScale]');
    await page.waitForFunction(async (id) => {
      const r = await fetch(`/api/sites/${id}/floor-plan`);
      return ((await r.json()) as { metresPerPixel: number }).metresPerPixel > 0.09;
    }, siteId);
    const plan = await api.call<{ metresPerPixel: number }>('GET', `/api/sites/${siteId}/floor-plan`);
    expect(plan.metresPerPixel).toBeCloseTo(0.1, 6);
    await shot('08-sign-and-rescaled');
  });
});
