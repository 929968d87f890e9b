/**
 * Events out in the browser, against the real server with the real Mosquitto: the Integrations page
 * shows MQTT connected (the broker without its password); an endpoint added there shows its secret once,
 * a test event reaches a real receiver signed so that the standardwebhooks verifier accepts it, and
 * the deliveries list the attempt. Closing the server says offline on MQTT. Screenshot:
 * test-artifacts/e2e/integrations.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumAvailable, launchBrowser, type Browser } from './support/browser.ts';
import { setUpFirstAdministrator, signInWithTotp } from './support/flows.ts';
import { startE2EServer, type E2EServer } from './support/server.ts';
import { clearRetained, Subscriber } from '../events/out/mqtt-support.ts';
import { startReceiver, type Receiver } from '../events/out/webhook-support.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const brokerUrl = inject('mqttUrl');
const run = chromiumAvailable() && brokerUrl ? describe : describe.skip;

run('integrations in the browser (e2e)', { timeout: 300_000 }, () => {
  const prefix = `custos-e2e-${Math.random().toString(36).slice(2, 8)}`;
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;
  let sub: Subscriber;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sub = await Subscriber.connect(brokerUrl as string, [`${prefix}/#`]);
    receiver = await startReceiver();
    server = await startE2EServer({ env: { CUSTOS_MQTT_URL: brokerUrl as string, CUSTOS_MQTT_TOPIC_PREFIX: prefix, CUSTOS_MQTT_CLIENT_ID: prefix, CUSTOS_MQTT_HA_DISCOVERY: 'false' } });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
    await sub?.close();
    if (brokerUrl) await clearRetained(brokerUrl, [`${prefix}/available`]);
  });

  it('shows MQTT connected, adds an endpoint with its secret once, and a test event arrives signed', async () => {
    await sub.waitFor((m) => m.topic === `${prefix}/available` && m.payload === 'online', 'online');
    const { totp } = await setUpFirstAdministrator(page, `${server.url}/#setup=${server.setupToken}`, 'hook.admin', '集成管理员');
    await signInWithTotp(page, 'hook.admin', totp);
    await page.click('a[href="#/integrations"]');
    await page.waitForSelector('[data-testid=mqtt-state]:has-text("已连接")');

    await page.fill('form[aria-label="添加端点"] input[name=url]', receiver.url);
    await page.fill('form[aria-label="添加端点"] input[name=description]', '值班室');
    await page.click('form[aria-label="添加端点"] button[type=submit]');
    const secret = (await (await page.waitForSelector('[data-testid=webhook-secret]')).textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.click('button:has-text("我已保存")');
    expect(await page.locator('[data-testid=webhook-secret]').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    await page.click('button:has-text("发送测试")');
    const request = await receiver.waitFor((r) => r.body.includes('webhook.test'), 'test event');
    expect(new Webhook(secret).verify(request.body, request.headers)).toMatchObject({ type: 'webhook.test' });
    await page.click('button:has-text("投递记录")');
    await page.waitForSelector('td:has-text("已送达")', { timeout: 15_000 }).catch(async () => {
      await page.click('button:has-text("投递记录")');
      await page.click('button:has-text("投递记录")');
      await page.waitForSelector('td:has-text("已送达")');
    });
    await page.screenshot({ path: path.join(ARTIFACTS, 'integrations.png'), fullPage: true });
  });

  it('says offline on MQTT when the server stops', async () => {
    await server.close();
    await sub.waitFor((m) => m.topic === `${prefix}/available` && m.payload === 'offline', 'offline');
    server = undefined as unknown as E2EServer;
  });
});
