/**
 * The compliance officer's desk end to end, in headless Chromium against the real server: an
 * administrator creates a management unit, a mall site (art. 7.2(1)), an art. 8 prohibited zone, a
 * camera, an art. 13 sign with a photo linked to that camera, an art. 10 consent naming the camera, a
 * contractor commission and an art. 11 archive document, all through the browser. Each Save goes to
 * the saved record; a double click creates one record, not two. Screenshots: test-artifacts/e2e/desk-*.png.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './support/api.ts';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';
import { setUpFirstAdministrator, signInWithTotp } from './support/flows.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');

/** A real, decodable PNG of one colour (so that the thumbnail must load, not only be linked). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width * 3 }, (_, i) => rgb[i % 3]!))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

const run = chromiumAvailable() ? describe : describe.skip;

run('compliance desk in the browser (e2e)', { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: ApiSession;
  const ids: Record<string, string> = {};
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `desk-${name}.png`), fullPage: true });
  /** Waits until the page shows a saved record of the kind (#/desk/<kind>/<id>) and returns its id. */
  const savedRecord = async (kind: string): Promise<string> => {
    await page.waitForFunction((k) => new RegExp(`^#/desk/${k}/(?!new)[^/?]+$`).test(location.hash), kind, { timeout: 20_000 });
    return decodeURIComponent(new URL(page.url()).hash.split('/')[3]!);
  };
  const save = (form: string) => page.click(`form[aria-label=${form}] button[name=save]`);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startE2EServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const first = await setUpFirstAdministrator(page, `${server.url}/#setup=${server.setupToken}`, 'admin', '合规专员');
    api = first.api;
    const totp = first.totp;
    await signInWithTotp(page, 'admin', totp);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has one Compliance entry in the navigation leading to the desk', async () => {
    await page.click('header.bar a[href="#/desk"]');
    await page.waitForSelector('[data-testid=desk-units]');
    expect(await page.textContent('header.bar a[href="#/desk"]')).toBe('合规管理');
    await shot('01-home');
  });

  it('REG-07-2: creates a management unit; Save goes to the record, and a double click makes one unit', async () => {
    await page.click('a[href="#/desk/units/new"]');
    await page.fill('form[aria-label=unit] input[name=name]', '杭州某商业管理有限公司');
    await page.selectOption('select[name=unitType]', 'ENTERPRISE');
    await page.fill('input[name=uscc]', '91330106MA2AB3C473');
    await page.fill('input[name=address]', '杭州市西湖区文三路1号');
    await page.fill('input[name=legalRepresentative]', '王五');
    await page.fill('input[name=contactName]', '李四');
    await page.fill('input[name=contactPhone]', '0571-88888888');
    // A wrong check character is refused with the server's code, and nothing is created.
    await save('unit');
    await page.waitForSelector('form[aria-label=unit] [data-code=E_USCC_CHECKSUM]');
    await shot('02-unit-refused');
    await page.fill('input[name=uscc]', '91330106MA2AB3C472');
    await page.$eval('form[aria-label=unit] button[name=save]', (button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    ids.unit = await savedRecord('units');
    await page.waitForSelector('h2:has-text("杭州某商业管理有限公司")');
    const units = await api.call<{ id: string; name: string; unitType: string }[]>('GET', '/api/units');
    expect(units.filter((u) => u.name === '杭州某商业管理有限公司').map((u) => u.id)).toEqual([ids.unit]);
    expect(await page.inputValue('select[name=unitType]')).toBe('ENTERPRISE');
    expect(await page.textContent('[data-testid=history]')).toContain('创建');
    await shot('03-unit');
  });

  it('REG-07-1: creates a mall site of that unit, its place category labelled with the article', async () => {
    await page.click(`a[href="#/desk/sites/new?unit=${ids.unit}"]`);
    await page.fill('form[aria-label=site] input[name=name]', '某购物中心');
    const category = await page.$eval('select[name=placeCategory] option[value=A7_2_1_GATHERING]', (o) => o.textContent);
    expect(category).toContain('第七条第二款第(一)项');
    await page.selectOption('select[name=placeCategory]', 'A7_2_1_GATHERING');
    // The statute's own list and the subtype pick-list come from the policy pack (/api/meta/place-categories).
    expect(await page.textContent('[data-testid=category-statute]')).toContain('商贸中心、会展中心');
    expect(await page.$$eval('datalist#place-subtypes option', (options) => options.map((o) => (o as HTMLOptionElement).value))).toContain('商贸中心');
    await page.fill('input[name=placeSubtype]', '商贸中心');
    await page.fill('form[aria-label=site] input[name=address]', '杭州市西湖区文三路1号');
    await page.fill('input[name=adminDivisionCode]', '330106');
    await page.fill('input[name=storagePeriodDays]', '30');
    await page.check('input[name=networkedToPsb]');
    await save('site');
    ids.site = await savedRecord('sites');
    const site = await api.call<{ unitId: string; placeCategory: string; networkedToPsb: boolean }>('GET', `/api/sites/${ids.site}`);
    expect(site).toMatchObject({ unitId: ids.unit, placeCategory: 'A7_2_1_GATHERING', networkedToPsb: true });
    expect(await page.getAttribute(`a[href="#/plan/${ids.site}"] >> nth=0`, 'href')).toBe(`#/plan/${ids.site}`);
    await shot('04-site');
  });

  it('REG-08-1: records an art. 8 prohibited zone of the site as a form', async () => {
    await page.click('[data-testid=zones] h3 a');
    await page.selectOption('select[name=zoneType]', 'Z8_3_TOILET');
    expect(await page.$eval('select[name=zoneType] option:checked', (o) => o.textContent)).toContain('第八条第一款第(三)项');
    await page.fill('form[aria-label=zone] input[name=name]', '一层公共卫生间');
    await page.fill('input[name=polygon]', '0,0 10,0 10,10 0,10');
    await save('zone');
    ids.zone = await savedRecord('zones');
    const zone = await api.call<{ siteId: string; zoneType: string; polygon: unknown[] }>('GET', `/api/zones/${ids.zone}`);
    expect(zone).toMatchObject({ siteId: ids.site, zoneType: 'Z8_3_TOILET' });
    expect(zone.polygon).toHaveLength(4);
    await shot('05-zone');
  });

  it('registers a camera of the site (camera form) for the sign and the consent to name', async () => {
    await page.goto(`${server.url}/#/cameras/new`);
    await page.waitForSelector(`form[aria-label=camera] select[name=siteId] option[value="${ids.site}"]`, { state: 'attached' });
    await page.selectOption('form[aria-label=camera] select[name=siteId]', ids.site!);
    await page.fill('form[aria-label=camera] input[name=name]', '北门入口');
    await page.fill('form[aria-label=camera] textarea[name=necessity]', '覆盖商场北门人员进出,用于维护公共安全与治安防范');
    await page.click('form[aria-label=camera] button[type=submit]');
    // Saved: the form becomes the new camera's record.
    await page.waitForFunction(() => /^#\/cameras\/cam_/.test(location.hash));
    const cameras = await api.call<{ id: string }[]>('GET', `/api/cameras?siteId=${ids.site}`);
    expect(cameras).toHaveLength(1);
    ids.camera = cameras[0]!.id;
  });

  it('REG-13-5: creates a sign with a photo (shown as a thumbnail) linked to the camera', async () => {
    await page.goto(`${server.url}/#/desk/sites/${ids.site}`);
    await page.click('[data-testid=signs] h3 a');
    await page.fill('form[aria-label=sign] input[name=location]', '北门入口外侧立柱');
    await page.fill('input[name=placementNote]', '进入北门前正对视线,高1.6米');
    await page.fill('textarea[name=text]', '您已进入视频监控区域');
    // Not an image: refused in the page before any upload.
    await page.setInputFiles('input[name=photo]', { name: 'sign.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
    await page.waitForSelector('form[aria-label=sign] p.error');
    const photo = png(48, 32, [200, 30, 30]);
    await page.setInputFiles('input[name=photo]', { name: 'sign.png', mimeType: 'image/png', buffer: photo });
    await page.check(`input[name=cameraIds][value="${ids.camera}"]`);
    await save('sign');
    ids.sign = await savedRecord('signs');
    const thumbnail = await page.waitForSelector('img[data-testid=sign-photo]');
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('img[data-testid=sign-photo]')?.naturalWidth ?? 0) > 0);
    expect(await thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([48, 32]);
    const sign = await api.call<{ siteId: string; photoRef: string; cameraIds: string[] }>('GET', `/api/signs/${ids.sign}`);
    expect(sign.siteId).toBe(ids.site);
    expect(sign.photoRef).toMatch(/^sign-photos\/[0-9a-f]{64}\.png$/);
    expect(sign.cameraIds).toEqual([ids.camera]);
    expect(await page.isChecked(`input[name=cameraIds][value="${ids.camera}"]`)).toBe(true);
    await shot('06-sign-photo');
  });

  it('REG-10-1: records a prior consent of a confidential unit naming the camera', async () => {
    await page.goto(`${server.url}/#/desk/sites/${ids.site}`);
    await page.click('[data-testid=consents] h3 a');
    await page.fill('input[name=consentingUnit]', '某部队后勤部');
    await page.fill('input[name=referenceNo]', '后保〔2025〕12号');
    await page.fill('input[name=consentDate]', '2025-01-10');
    await page.fill('textarea[name=scopeNote]', '仅限北门入口,朝向商场外侧道路');
    const letter = Buffer.from('%PDF-1.7 同意函');
    await page.setInputFiles('input[name=consentDocument]', { name: 'consent.pdf', mimeType: 'application/pdf', buffer: letter });
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('input[name=documentSha256]')?.value.length ?? 0) === 64);
    await page.check(`input[name=cameraIds][value="${ids.camera}"]`);
    await save('consent');
    ids.consent = await savedRecord('consents');
    const consent = await api.call<{ siteId: string; documentSha256: string; placements: { cameraId: string }[] }>('GET', `/api/consents/${ids.consent}`);
    expect(consent.siteId).toBe(ids.site);
    expect(consent.documentSha256).toBe(createHash('sha256').update(letter).digest('hex'));
    expect(consent.placements.map((p) => p.cameraId)).toEqual([ids.camera]);
    await shot('07-consent');
  });

  it('REG-07-4: records a contractor commission from the unit', async () => {
    await page.goto(`${server.url}/#/desk`);
    await page.click('a[href="#/desk/commissions/new"]');
    const units = await api.call<{ id: string; name: string }[]>('GET', '/api/units');
    const contractor = units.find((u) => u.id !== ids.unit)!;
    await page.selectOption('select[name=principalUnitId]', ids.unit!);
    await page.selectOption('select[name=contractorUnitId]', contractor.id);
    await page.check('input[name=scope][value=MAINTENANCE]');
    expect(await page.textContent('fieldset[data-name=scope]')).toContain('施工安装');
    await page.fill('input[name=validFrom]', '2025-01-01');
    await page.fill('input[name=validTo]', '2027-12-31');
    await save('commission');
    ids.commission = await savedRecord('commissions');
    const commission = await api.call<{ principalUnitId: string; contractorUnitId: string; scope: string[] }>('GET', `/api/commissions/${ids.commission}`);
    expect(commission).toMatchObject({ principalUnitId: ids.unit, contractorUnitId: contractor.id });
    expect(commission.scope.sort()).toEqual(['CONSTRUCTION', 'MAINTENANCE']);
    await page.goto(`${server.url}/#/desk/units/${ids.unit}`);
    expect(await (await page.waitForSelector('[data-testid=unit-commissions] li')).textContent()).toContain('委托他方');
    await shot('08-commission');
  });

  it('REG-11-1: uploads an acceptance document to the site archive and shows its version', async () => {
    await page.goto(`${server.url}/#/desk/sites/${ids.site}`);
    await page.selectOption('form[aria-label=archive-upload] select[name=docType]', 'ACCEPTANCE');
    await page.fill('form[aria-label=archive-upload] input[name=title]', '竣工验收报告');
    await page.fill('form[aria-label=archive-upload] input[name=authorUnit]', '某安防工程验收组');
    await page.setInputFiles('input[name=archiveFile]', { name: 'acceptance.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 竣工验收报告') });
    await page.click('form[aria-label=archive-upload] button[name=save]');
    await page.waitForSelector('[data-testid=archive] tbody tr:has-text("acceptance.pdf")');
    const docs = await api.call<{ docType: string; versions: unknown[] }[]>('GET', `/api/sites/${ids.site}/archive`);
    expect(docs.map((d) => [d.docType, d.versions.length])).toEqual([['ACCEPTANCE', 1]]);
    // A download states its reason (REG-11-2): the link appears once one is given, and serves the stored bytes.
    expect(await page.$('[data-testid=archive] a[download]')).toBeNull();
    await page.fill('input[name=downloadReason]', '核对验收报告');
    const href = await page.getAttribute('[data-testid=archive] a[download]', 'href');
    expect(href).toContain('reason=');
    const bytes = await page.evaluate(async (url) => (await (await fetch(url!)).text()), href);
    expect(bytes).toBe('%PDF-1.7 竣工验收报告');
    await page.click('button[name=verify]');
    expect(await (await page.waitForSelector('[data-testid=archive-verification]')).textContent()).toContain('已校验 1 个版本,0 个');
    await shot('09-archive');
  });

  it('REG-11-1: puts the art. 7 system into use once it has an acceptance document', async () => {
    // The date offered is today in Beijing.
    const date = await page.inputValue('form[aria-label=put-into-use] input[name=putIntoUseDate]');
    expect(date).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    await page.click('form[aria-label=put-into-use] button[type=submit]');
    await page.waitForSelector(`[data-testid=put-into-use] p:has-text("${date}")`);
    expect((await api.call<{ putIntoUseDate: string }>('GET', `/api/sites/${ids.site}`)).putIntoUseDate).toBe(date);
  });

  it('shows the site with its records, every enum in English after switching language', async () => {
    await page.goto(`${server.url}/#/desk/sites/${ids.site}`);
    await page.waitForSelector('[data-testid=signs] li');
    expect(await page.textContent('[data-testid=cameras] li')).toContain('已有提示标识');
    await page.click('[data-testid=language]');
    await page.waitForSelector('header.bar a:has-text("Compliance")');
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('Public toilet (art. 8.1(3))');
    expect(text).toContain('Acceptance');
    expect(text).not.toContain('Z8_3_TOILET');
    await shot('10-site-en');
    await page.click('[data-testid=language]');
  });
});
