import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatedDocuments } from '../../src/app/generated-documents.ts';
import { loadConfig } from '../../src/config/load.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { openTestApp, TEST_PASSWORD, type TestApp } from '../support/app.ts';
import { siteBody, unitBody } from '../support/fixtures.ts';

/** Signs in to a running server (creating the first administrator through the setup token when there is none yet). */
async function signedIn(server: RunningServer): Promise<Record<string, string>> {
  if (server.setupToken) {
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupToken, username: 'admin', password: TEST_PASSWORD, displayName: '管理员' }),
    });
    expect(setup.status).toBe(201);
  }
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
}

/** REG-16-2: the administrator records their own personnel prerequisites before watching video. */
async function recordPrerequisites(server: RunningServer, headers: Record<string, string>, unitId: string): Promise<void> {
  const json = { ...headers, 'content-type': 'application/json' };
  const me = (await fetch(`${server.url}/api/auth/session`, { headers }).then((r) => r.json())) as { user: { id: string } };
  const today = new Date().toISOString().slice(0, 10);
  const dates = { entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today };
  const person = await fetch(`${server.url}/api/persons`, { method: 'POST', headers: json, body: JSON.stringify({ unitId, name: '管理员', ...dates }) });
  expect(person.status).toBe(201);
  const personId = ((await person.json()) as { id: string }).id;
  const linked = await fetch(`${server.url}/api/users/${me.user.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ personId }) });
  expect(linked.status).toBe(200);
}

describe('health, version, documentation and sign-in', () => {
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

  it("refuses API calls without an account or with a forged token, and accepts a user's API token", async () => {
    t = await openTestApp('sqlite');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/units' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('E_UNAUTHENTICATED');
    const forged = await t.app.inject({ method: 'POST', url: '/api/units', headers: { authorization: 'Bearer nope' }, payload: unitBody() });
    expect(forged.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url: '/api/units', headers: { authorization: `Bearer ${t.admin.token}` }, payload: unitBody() });
    expect(ok.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
  });

  it('has no default password: a first start prints a one-time setup link to stdout, never to the log', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-setup-'));
    const config = loadConfig({ env: { CUSTOS_DATA_DIR: dataDir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_ENABLED: 'false', CUSTOS_RECORDING_ENABLED: 'false' } });
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let server: RunningServer | undefined;
    try {
      server = await startServer(config, { logger: false });
    } finally {
      spy.mockRestore();
    }
    try {
      expect(server.setupToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(written.join('')).toContain(`${server.url}/#setup=${server.setupToken}`);
      expect((await fetch(`${server.url}/api/units`)).status).toBe(401);
      const headers = await signedIn(server);
      expect((await fetch(`${server.url}/api/units`, { headers })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('the server as a newcomer starts it', () => {
  it('migrates a fresh SQLite data folder, registers the demo once, records the demo camera, and serves the start page', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-start-'));
    const config = loadConfig({
      env: { CUSTOS_DATA_DIR: dataDir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_SIMULATOR_PORT: '0', CUSTOS_RECORDING_SEGMENT_SECONDS: '2' },
    });
    const first = await startServer(config, { logger: false, printSetupLink: false });
    try {
      const headers = await signedIn(first);
      const cameras = (await fetch(`${first.url}/api/cameras`, { headers }).then((r) => r.json())) as { id: string; status: string; sourceUrl: string }[];
      const units = (await fetch(`${first.url}/api/units`, { headers }).then((r) => r.json())) as { id: string }[];
      await recordPrerequisites(first, headers, units[0]!.id);
      expect(cameras).toEqual([expect.objectContaining({ status: 'ACTIVE', sourceUrl: expect.stringMatching(/^rtsp:\/\/127\.0\.0\.1:\d+\/cam\/1$/) })]);
      const recordings = async () =>
        (await fetch(`${first.url}/api/cameras/${cameras[0]!.id}/recordings`, { headers }).then((r) => r.json())) as { status: { state: string }; segments: { sha256: string }[] };
      const deadline = Date.now() + 30_000;
      while ((await recordings()).segments.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      const recorded = await recordings();
      expect(recorded.status.state).toBe('online');
      expect(recorded.segments.length).toBeGreaterThanOrEqual(2);
      const metrics = await fetch(`${first.url}/metrics`, { headers }).then((r) => r.text());
      expect(metrics).toContain(`custos_camera_recording_up{camera="${cameras[0]!.id}"} 1`);
      expect(metrics).toContain('nodejs_eventloop_lag_seconds');
      const report = (await fetch(`${first.url}/api/compliance`, { headers }).then((r) => r.json())) as { filingDeadlines: { dueDate: string }[] };
      expect(report.filingDeadlines).toHaveLength(1);
      const page = await fetch(`${first.url}/`).then((r) => r.text());
      expect(page).toContain('<title>Custos</title>');
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dataDir, 'custos.db'))).toBe(true);
    const second = await startServer(config, { logger: false });
    try {
      expect(second.setupToken).toBeUndefined();
      const headers = await signedIn(second);
      expect(((await fetch(`${second.url}/api/units`, { headers }).then((r) => r.json())) as unknown[]).length).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('registers nothing when the demo is turned off', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'custos-start-'));
    const config = loadConfig({ env: { CUSTOS_DATA_DIR: dataDir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_ENABLED: 'false', CUSTOS_RECORDING_ENABLED: 'false' } });
    const server = await startServer(config, { logger: false, printSetupLink: false });
    try {
      expect(await fetch(`${server.url}/api/units`, { headers: await signedIn(server) }).then((r) => r.json())).toEqual([]);
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
