/**
 * The 录像节点 / Recorders page in the browser, against a real server in cluster mode on PostgreSQL: it
 * lists the recorder nodes the recorders registered, with their state and the cameras each holds, and
 * shows a change of state within a few seconds without a reload. Screenshot: test-artifacts/e2e/recorders.png.
 */
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clusterDb } from '../../src/db/cluster-tables.ts';
import { chromiumAvailable, launchBrowser, type Browser } from '../e2e/support/browser.ts';
import { setUpFirstAdministrator, signInWithTotp } from '../e2e/support/flows.ts';
import { startE2EServer, type E2EServer } from '../e2e/support/server.ts';
import { cameraBody, siteBody, unitBody } from '../support/fixtures.ts';

const ARTIFACTS = path.resolve('test-artifacts/e2e');
const pgUrl = inject('pgUrl');
const run = pgUrl && chromiumAvailable() ? describe : describe.skip;
const iso = (ms: number) => new Date(ms).toISOString();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl as string });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

run('the Recorders page (browser, cluster mode)', { timeout: 180_000 }, () => {
  const database = `custos_view_${randomBytes(4).toString('hex')}`;
  let server: E2EServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await admin(`create database ${database}`);
    const url = new URL(pgUrl as string);
    url.pathname = `/${database}`;
    server = await startE2EServer({ env: { CUSTOS_DB_URL: url.toString(), CUSTOS_CLUSTER_ENABLED: 'true', CUSTOS_RECORDING_ENABLED: 'false', CUSTOS_DEMO_ENABLED: 'false' } });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await admin(`drop database if exists ${database}`);
  });

  it('lists the recorder nodes with their state and cameras, and follows a change without a reload', async () => {
    const { services, db } = server.server;
    const actor = { name: 'test' };
    const unit = await services.units.create(unitBody(), actor);
    const site = await services.sites.create(siteBody(unit.id), actor);
    const camera = await services.cameras.create(cameraBody(site.id, unit.id, { name: 'C1' }), actor);
    const now = Date.now();
    const node = (id: string, heartbeatAgoMs: number) => ({ id, host: 'rec-host', pid: 4242, version: '1.2.3', liveUrl: null, startedAt: iso(now - 600_000), heartbeatAt: iso(now - heartbeatAgoMs), stoppedAt: null });
    const cluster = clusterDb(db.db);
    await cluster.insertInto('recorderNodes').values([node('rec-a', 0), node('rec-b', 120_000)]).execute();
    await cluster.insertInto('cameraLeases').values({ cameraId: camera.id, holder: 'rec-a', epoch: 1, claimedAt: iso(now), renewedAt: iso(now), expiresAt: iso(now + 3_600_000) }).execute();

    const { totp } = await setUpFirstAdministrator(page, `${server.url}/#setup=${server.setupToken}`, 'nodes.admin', '节点管理员');
    await signInWithTotp(page, 'nodes.admin', totp);
    // rec-a beats (as a recorder does every couple of seconds); rec-b stopped beating two minutes ago.
    const beat = (id: string) => cluster.updateTable('recorderNodes').set({ heartbeatAt: iso(Date.now()) }).where('id', '=', id).execute();
    await beat('rec-a');
    await page.click('a[href="#/recorders"]');
    await page.waitForSelector('h2:has-text("录像节点")');
    await page.waitForSelector('tr[data-node="rec-a"][data-state="alive"] td[data-cameras="1"]');
    expect(await page.locator('tr[data-node="rec-a"]').textContent()).toContain('运行中');
    expect(await page.locator('tr[data-node="rec-b"][data-state="lost"]').textContent()).toContain('失联');

    // rec-b's heartbeat resumes: the page shows it running within its refresh, without a reload.
    await beat('rec-b');
    await page.waitForSelector('tr[data-node="rec-b"][data-state="alive"]', { timeout: 10_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'recorders.png'), fullPage: true });
  });
});
