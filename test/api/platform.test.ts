import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generatedDocuments } from '../../src/app/generated-documents.ts';
import { loadConfig } from '../../src/config/load.ts';
import { startServer, UnsafeBindError } from '../../src/server.ts';
import { openTestApp, type TestApp } from '../support/app.ts';
import { siteBody, unitBody } from '../support/fixtures.ts';

const TOKEN = 'a-test-token-that-is-long-enough-0123456789';

describe('health, version, documentation and the API token', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('reports liveness, readiness (database, migrations, data folder) and version', async () => {
    t = await openTestApp('sqlite');
    expect((await t.call('GET', '/api/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await t.call('GET', '/api/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true }, migrations: { ok: true }, dataDir: { ok: true } } });
    expect((await t.call('GET', '/api/version')).json()).toMatchObject({ name: 'custos', database: 'sqlite' });
  });

  it('is not ready when the data folder is missing', async () => {
    t = await openTestApp('sqlite', { env: { CUSTOS_DATA_DIR: '/nonexistent/custos-data' } });
    const ready = await t.call('GET', '/api/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.dataDir.ok).toBe(false);
  });

  it('serves the OpenAPI document and its docs page; the committed copies are current', async () => {
    t = await openTestApp('sqlite');
    const doc = (await t.call('GET', '/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/units', '/api/cameras/{id}/activate', '/api/sites/{id}/filing-draft']));
    expect((await t.call('GET', '/api/docs/')).statusCode).toBe(200);
    for (const [file, text] of Object.entries(await generatedDocuments())) {
      expect(readFileSync(file, 'utf8'), `${file} is stale: run npm run generate`).toBe(text);
    }
  });

  it('with a token set, refuses API calls without it and accepts them with it', async () => {
    t = await openTestApp('sqlite', { env: { CUSTOS_API_TOKEN: TOKEN } });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/units' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('E_UNAUTHENTICATED');
    const forged = await t.app.inject({ method: 'POST', url: '/api/units', headers: { authorization: 'Bearer nope' }, payload: unitBody() });
    expect(forged.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url: '/api/units', headers: { authorization: `Bearer ${TOKEN}` }, payload: unitBody() });
    expect(ok.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
  });

  it('refuses to listen beyond loopback without a token', async () => {
    const config = loadConfig({ env: { CUSTOS_SERVER_HOST: '0.0.0.0', CUSTOS_DATA_DIR: '/tmp/custos-unsafe' } });
    await expect(startServer(config, { logger: false })).rejects.toBeInstanceOf(UnsafeBindError);
  });
});

describe('the server as a newcomer starts it', () => {
  it('migrates a fresh SQLite data folder, registers the demo once, records the demo camera, and serves the start page', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-start-'));
    const config = loadConfig({
      env: { CUSTOS_DATA_DIR: dataDir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_SIMULATOR_PORT: '0', CUSTOS_RECORDING_SEGMENT_SECONDS: '2' },
    });
    const first = await startServer(config, { logger: false });
    try {
      const cameras = (await fetch(`${first.url}/api/cameras`).then((r) => r.json())) as { id: string; status: string; sourceUrl: string }[];
      expect(cameras).toEqual([expect.objectContaining({ status: 'ACTIVE', sourceUrl: expect.stringMatching(/^rtsp:\/\/127\.0\.0\.1:\d+\/cam\/1$/) })]);
      const recordings = async () =>
        (await fetch(`${first.url}/api/cameras/${cameras[0]!.id}/recordings`).then((r) => r.json())) as { status: { state: string }; segments: { sha256: string }[] };
      const deadline = Date.now() + 30_000;
      while ((await recordings()).segments.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      const recorded = await recordings();
      expect(recorded.status.state).toBe('online');
      expect(recorded.segments.length).toBeGreaterThanOrEqual(2);
      const metrics = await fetch(`${first.url}/metrics`).then((r) => r.text());
      expect(metrics).toContain(`custos_camera_recording_up{camera="${cameras[0]!.id}"} 1`);
      expect(metrics).toContain('nodejs_eventloop_lag_seconds');
      const report = (await fetch(`${first.url}/api/compliance`).then((r) => r.json())) as { filingDeadlines: { dueDate: string }[] };
      expect(report.filingDeadlines).toHaveLength(1);
      const page = await fetch(`${first.url}/`).then((r) => r.text());
      expect(page).toContain('<title>Custos</title>');
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dataDir, 'custos.db'))).toBe(true);
    const second = await startServer(config, { logger: false });
    try {
      expect(((await fetch(`${second.url}/api/units`).then((r) => r.json())) as unknown[]).length).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('registers nothing when the demo is turned off', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-start-'));
    const config = loadConfig({ env: { CUSTOS_DATA_DIR: dataDir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_ENABLED: 'false', CUSTOS_RECORDING_ENABLED: 'false' } });
    const server = await startServer(config, { logger: false });
    try {
      expect(await fetch(`${server.url}/api/units`).then((r) => r.json())).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('REG-09-3: the security baseline', () => {
  it('REG-09-3: refuses to turn off the audit log (or any baseline control), whatever the site category', async () => {
    const t = await openTestApp('sqlite');
    try {
      for (const category of ['A9_OTHER_PUBLIC', 'A33_NON_PUBLIC']) {
        const unit = await t.call('POST', '/api/units', unitBody({ uscc: null, unitType: 'INDIVIDUAL', name: category }));
        expect((await t.call('POST', '/api/sites', siteBody(unit.json().id, { placeCategory: category }))).statusCode).toBe(201);
        const response = await t.call('PATCH', '/api/settings', { auditLog: false });
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'E_BASELINE_CONTROL', details: { controls: ['auditLog'] } });
      }
      const settings = (await t.call('GET', '/api/settings')).json<{ baseline: { control: string; required: boolean }[] }>();
      expect(settings.baseline.map((b) => b.control)).toEqual(['authentication', 'tls', 'auditLog', 'perCameraAuthorization', 'exportWatermarking']);
      expect(settings.baseline.every((b) => b.required)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
