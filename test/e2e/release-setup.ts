/**
 * The server both public-release end-to-end tests (browser, command line) start from: a fresh data
 * folder with its SQLite database, the first administrator (the requester) with a staff record and an
 * authenticator, a second administrator (the approver), and a camera whose recorded segments are the
 * synthetic street clip of test/fixtures/redaction, ending two minutes ago.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import type { SegmentRow } from '../../src/recording/model.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { ensureBuilt } from '../support/build.ts';
import { cameraBody } from '../support/fixtures.ts';
import { releaseClip } from './release-fixture.ts';
import { recordSegments } from './release-segments.ts';
import { ApiSession } from './support/api.ts';

export interface ReleaseServer {
  server: RunningServer;
  dataDir: string;
  admin: ApiSession;
  adminTotp: () => Promise<string>;
  approver: ApiSession;
  cameraId: string;
  segments: SegmentRow[];
  close(): Promise<void>;
}

export async function startReleaseServer(): Promise<ReleaseServer> {
  ensureBuilt();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'custos-e2e-release-'));
  const config = loadConfig({ env: { CUSTOS_DATA_DIR: dataDir, CUSTOS_SERVER_PORT: '0', CUSTOS_DEMO_SIMULATOR_PORT: '0', CUSTOS_RECORDING_SEGMENT_SECONDS: '2', CUSTOS_LOG_LEVEL: 'warn' } });
  const server = await startServer(config, { logger: false, printSetupLink: false });
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: server.setupToken, username: 'admin', displayName: '管理员', password: TEST_PASSWORD }),
  });
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
  const admin = await ApiSession.signIn(server.url, 'admin', TEST_PASSWORD);
  const adminTotp = await admin.enrolTotp();
  await admin.recordPrerequisites();
  const me = await admin.call<{ user: { id: string; unitId: string | null } }>('GET', '/api/auth/session');
  const unitId = me.user.unitId ?? (await admin.call<{ id: string }[]>('GET', '/api/units'))[0]!.id;
  const siteId = (await admin.call<{ id: string }[]>('GET', '/api/sites'))[0]!.id;

  // The approver: a second administrator with a staff record (the bootstrap window makes the grant at once).
  const today = new Date().toISOString().slice(0, 10);
  const person = await admin.call<{ id: string }>('POST', '/api/persons', { unitId, name: '第二管理员', entryVettingAt: today, confidentialityEducationAt: today, jobTrainingAt: today, confidentialityAgreementAt: today });
  const second = await admin.call<{ id: string }>('POST', '/api/users', { username: 'admin2', displayName: '第二管理员', password: TEST_PASSWORD, unitId, personId: person.id });
  await admin.call('POST', '/api/grants', { userId: second.id, roleId: 'role-administrator', scopeType: 'ALL', reason: 'E2E 第二管理员(审批公开发布)' });
  const approver = await ApiSession.signIn(server.url, 'admin2', TEST_PASSWORD);
  await approver.enrolTotp();

  const camera = await admin.call<{ id: string }>('POST', '/api/cameras', cameraBody(siteId, unitId, { name: '发布测试摄像机', sourceUrl: null }));
  const segments = await recordSegments(server.db.db, dataDir, { now: () => new Date() }, camera.id, releaseClip.files(), Math.floor(Date.now() / 1000) * 1000 - 120_000);
  return {
    server,
    dataDir,
    admin,
    adminTotp,
    approver,
    cameraId: camera.id,
    segments,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
